package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/eval"
	"github.com/dyad-events/dyad/nlp"
)

// loadAnalyzer returns the embedded language pipeline.
func loadAnalyzer() (coder.Analyzer, error) {
	p, err := nlp.Load()
	if err != nil {
		return nil, fmt.Errorf("language model: %w", err)
	}
	return p, nil
}

// goldRecord is the part of a gold record `dyad eval` reads to code it.
type goldRecord struct {
	ID   json.RawMessage `json:"id"`
	Text string          `json:"text"`
	Date *string         `json:"date"`
	URL  string          `json:"url"`
}

// predictedRecord is a prediction in the gold format, each event with its
// date and place.
type predictedRecord struct {
	eval.Record
	Events []predictedEvent `json:"events"`
}

// predictedEvent is a coded event in the gold format with its date and
// place as dyad code writes them, under the names of the gold's time and
// place fields (shared/eval/README.md), so that dates and places can be
// scored from the predictions: event_date is the date cut to its
// precision (YYYY-MM-DD, YYYY-MM, YYYY), null when the text gives none (as
// the gold writes an event dated by its article); location is the event's
// place, null when nothing places it.
type predictedEvent struct {
	eval.Event
	EventDate     *string            `json:"event_date"`
	DatePrecision dyad.DatePrecision `json:"date_precision"`
	Location      *dyad.Place        `json:"location"`
}

// predictEvent converts a coded event to the prediction format.
func predictEvent(e dyad.Event) predictedEvent {
	p := predictedEvent{Event: GoldEvent(e), DatePrecision: e.DatePrecision, Location: e.Place}
	layout := map[dyad.DatePrecision]string{dyad.PrecisionDay: "2006-01-02", dyad.PrecisionMonth: "2006-01", dyad.PrecisionYear: "2006"}[e.DatePrecision]
	if layout != "" && !e.Date.IsZero() {
		d := e.Date.UTC().Format(layout)
		p.EventDate = &d
	}
	return p
}

// predict codes one gold record and returns its prediction in the gold
// format.
func predict(ctx context.Context, c *coder.Coder, id string, g goldRecord) (predictedRecord, error) {
	rec := predictedRecord{Record: eval.Record{ID: id, Text: g.Text, URL: g.URL}, Events: []predictedEvent{}}
	var a dyad.Article
	a.ID, a.Text, a.URL = id, g.Text, g.URL
	if g.Date != nil {
		rec.Date = *g.Date
		d, err := parseDate(*g.Date)
		if err != nil {
			return rec, err
		}
		a.Published = d
	}
	evs, err := c.CodeArticle(ctx, &a)
	if err != nil {
		return rec, err
	}
	for _, e := range evs {
		rec.Events = append(rec.Events, predictEvent(e))
	}
	return rec, nil
}

// GoldEvent converts a coded event to the gold format.
func GoldEvent(e dyad.Event) eval.Event {
	return eval.Event{
		Source: eval.Str(e.Source.Code), SourceActor: eval.Str(e.Source.Name), SourceRole: eval.Str(e.Source.Role),
		Target: eval.Str(e.Target.Code), TargetActor: eval.Str(e.Target.Name), TargetRole: eval.Str(e.Target.Role),
		Code: eval.Str(e.Code), Root: eval.Str(e.Root), Quad: e.QuadClass, Note: e.Provenance.PatternID,
	}
}

// runEval is `dyad eval GOLD.jsonl [--predictions OUT.jsonl] [--json]`.
func runEval(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	predPath := fs.String("predictions", "", "write the predictions, in the gold format, to `FILE`")
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	asJSON := fs.Bool("json", false, "print the figures as JSON (as score.py --json)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: dyad eval GOLD.jsonl [--predictions OUT.jsonl] [--json]\n\nCodes every gold record's text and scores the events as shared/eval/score.py does.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	goldPath := pos[0]
	data, err := os.ReadFile(goldPath)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	gold, err := eval.Read(bytes.NewReader(data), goldPath)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	c, err := newCoder(env, *dictDir)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	var predBuf bytes.Buffer
	enc := json.NewEncoder(&predBuf)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		t := bytes.TrimSpace(sc.Bytes())
		if len(t) == 0 {
			continue
		}
		var g goldRecord
		if err := json.Unmarshal(t, &g); err != nil {
			return fmt.Errorf("eval: %s:%d: %v", goldPath, line, err)
		}
		id := string(g.ID)
		var s string
		if json.Unmarshal(g.ID, &s) == nil {
			id = s
		}
		rec, err := predict(ctx, c, id, g)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("eval: %s:%d: %v", goldPath, line, err)
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("eval: %s: %w", goldPath, err)
	}
	if *predPath != "" {
		if err := os.WriteFile(*predPath, predBuf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	pred, err := eval.Read(bytes.NewReader(predBuf.Bytes()), "predictions")
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	res := eval.Score(gold, pred)
	if *asJSON {
		e := json.NewEncoder(env.stdout)
		e.SetIndent("", "  ")
		return e.Encode(res)
	}
	return res.WriteText(env.stdout)
}
