package coder

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
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

func TestRegressionSet(t *testing.T) {
	c := testRealCoder(t)
	goldBytes, err := os.ReadFile("testdata/regress.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var pred bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(goldBytes))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g struct {
			ID   string `json:"id"`
			Text string `json:"text"`
			Date string `json:"date"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
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
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		pred.Write(append(b, '\n'))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	gold, err := eval.Read(bytes.NewReader(goldBytes), "regress.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	p, err := eval.Read(&pred, "predictions")
	if err != nil {
		t.Fatal(err)
	}
	res := eval.Score(gold, p)
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
