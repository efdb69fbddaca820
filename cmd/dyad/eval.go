package main

import (
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

// predict codes one gold record after before, the text of its page's
// earlier records (see pageContext), and returns its prediction in the gold
// format.
func predict(ctx context.Context, c *coder.Coder, id string, g goldRecord, before string) (predictedRecord, error) {
	rec := predictedRecord{Record: eval.Record{ID: id, Text: g.Text, URL: g.URL}, Events: []predictedEvent{}}
	a, off := withContext(id, g, before)
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
	for _, e := range ownEvents(evs, off) {
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
	o := evalFlags(fs)
	alone := fs.Bool("sentences-alone", false, "code every record alone; by default consecutive records of one page (the same url) are coded as one article")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: dyad eval GOLD.jsonl [--predictions OUT.jsonl] [--json] [--split a|b] [--ids FILE] [--errors]\n\nCodes every gold record's text and scores the events as shared/eval/score.py does; --split and --ids score only some records; --errors then lists every missed and false event, grouped by the rule or stage that caused it.\n\nFlags:")
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
	keep, err := o.selectGold(env, goldPath, &gold)
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
	page := pageContext{alone: *alone}
	err = eachGoldRecord(ctx, data, goldPath, keep, func(id string, line []byte) error {
		var g goldRecord
		if err := json.Unmarshal(line, &g); err != nil {
			return err
		}
		rec, err := predict(ctx, c, id, g, page.next(g))
		if err != nil {
			return err
		}
		return enc.Encode(rec)
	})
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return fmt.Errorf("eval: %w", err)
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
		if err := e.Encode(res); err != nil {
			return err
		}
	} else if err := res.WriteText(env.stdout); err != nil {
		return err
	}
	return o.writeErrors(ctx, env, c, data, goldPath, keep, *alone, *asJSON)
}
