package coder

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/eval"
)

// Floors for testdata/regress.jsonl: invented wire-style sentences coded by
// hand under shared/eval's conventions. They guard classes of behaviour
// (third-location meetings, visits by non-political groups, denials in a
// relative clause, threats naming their act, targets after "against"); the
// set is a regression check, not a tuning set, so the floors sit a little
// below what the coder reaches rather than at it.
const (
	regressRootF1 = 0.92
	regressCodeF1 = 0.86
	regressFPRate = 0.0
)

// TestRegressionSet codes every sentence of every testdata/regress*.jsonl
// file (each team may add its own), one subtest a sentence named by file
// and line: a sentence must give its gold events, on (source, target,
// root), unless the file's misses list (regress*.misses beside it: one
// record ID a line) names it; a listed sentence that now gives them fails
// too, so that the list is cut. regress.jsonl also keeps its floors.
func TestRegressionSet(t *testing.T) {
	c := testRealCoder(t)
	files, err := filepath.Glob("testdata/regress*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/regress*.jsonl: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		misses := readMisses(t, strings.TrimSuffix(path, ".jsonl")+".misses")
		goldBytes, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var pred bytes.Buffer
		ids := map[string]bool{}
		sc := bufio.NewScanner(bytes.NewReader(goldBytes))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for line := 1; sc.Scan(); line++ {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			gold := append([]byte(nil), sc.Bytes()...)
			t.Run(fmt.Sprintf("%s:%d", name, line), func(t *testing.T) {
				id, rec := codeRegressLine(t, c, gold)
				ids[id] = true
				b, err := json.Marshal(rec)
				if err != nil {
					t.Fatal(err)
				}
				pred.Write(append(b, '\n'))
				exact := sameEvents(t, gold, b)
				switch {
				case !exact && !misses[id]:
					t.Errorf("%s %s: coded %s; want the gold events (or list %s in the misses file)", name, id, b, id)
				case exact && misses[id]:
					t.Errorf("%s %s now gives its gold events: take it off the misses file", name, id)
				}
			})
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		for id := range misses {
			if !ids[id] {
				t.Errorf("the misses of %s list %s, no record of it", name, id)
			}
		}
		if name == "regress.jsonl" {
			checkRegressFloors(t, goldBytes, pred.Bytes())
		}
	}
}

// codeRegressLine codes one gold record and returns its ID and prediction.
func codeRegressLine(t *testing.T, c *Coder, line []byte) (string, eval.Record) {
	t.Helper()
	var g struct {
		ID   string `json:"id"`
		Text string `json:"text"`
		Date string `json:"date"`
	}
	if err := json.Unmarshal(line, &g); err != nil {
		t.Fatal(err)
	}
	date, err := time.Parse("2006-01-02", g.Date)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: g.ID, Text: g.Text, Published: date})
	if err != nil {
		t.Fatal(err)
	}
	rec := eval.Record{ID: g.ID, Events: []eval.Event{}}
	for _, e := range evs {
		rec.Events = append(rec.Events, eval.Event{Source: eval.Str(e.Source.Code), Target: eval.Str(e.Target.Code),
			Code: eval.Str(e.Code), Root: eval.Str(e.Root)})
	}
	return g.ID, rec
}

// sameEvents reports whether a prediction gives exactly the gold record's
// events on (source, target, root), as the scorer compares them.
func sameEvents(t *testing.T, gold, pred []byte) bool {
	t.Helper()
	r := scoreJSONL(t, gold, pred).Root
	return r.TP == r.Gold && r.TP == r.Pred
}

// scoreJSONL scores JSONL predictions against JSONL gold records.
func scoreJSONL(t *testing.T, gold, pred []byte) *eval.Result {
	t.Helper()
	g, err := eval.Read(bytes.NewReader(gold), "gold")
	if err != nil {
		t.Fatal(err)
	}
	p, err := eval.Read(bytes.NewReader(pred), "predictions")
	if err != nil {
		t.Fatal(err)
	}
	return eval.Score(g, p)
}

// readMisses reads a misses file: record IDs, one a line, # for comments;
// none when the file is absent.
func readMisses(t *testing.T, path string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if id, _, _ := strings.Cut(l, "#"); strings.TrimSpace(id) != "" {
			out[strings.TrimSpace(id)] = true
		}
	}
	return out
}

// checkRegressFloors scores the predictions of regress.jsonl against its
// floors.
func checkRegressFloors(t *testing.T, goldBytes, predBytes []byte) {
	t.Helper()
	res := scoreJSONL(t, goldBytes, predBytes)
	t.Logf("root F1 %.3f, code F1 %.3f, FP rate %.3f", res.Root.F1, res.Code.F1, res.NoEvent.FPRate)
	if res.Root.F1 < regressRootF1 {
		t.Errorf("(source, target, root) F1 %.3f < %.2f", res.Root.F1, regressRootF1)
	}
	if res.Code.F1 < regressCodeF1 {
		t.Errorf("(source, target, code) F1 %.3f < %.2f", res.Code.F1, regressCodeF1)
	}
	if res.NoEvent.FPRate > regressFPRate {
		t.Errorf("false-positive rate %.3f > %.2f on %v", res.NoEvent.FPRate, regressFPRate, res.NoEvent.IDs)
	}
}
