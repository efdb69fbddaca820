package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// sentenceCoder codes one KEN->TZA event per sentence (split at ". ")
// that holds "met", with the sentence's text, as a real coder would; its
// events of identical sentences differ only in the sentence index and ID.
// With max set, it stops after max sentences with a partial
// *dyad.LimitError, as the coder does.
type sentenceCoder struct{ max int }

func (c sentenceCoder) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	var evs []dyad.Event
	for i, s := range strings.Split(a.Text, ". ") {
		if c.max > 0 && i >= c.max {
			return evs, &dyad.LimitError{What: "sentences", Max: c.max, Partial: true}
		}
		if strings.Contains(s, "met") {
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("%s/%d", a.ID, i), Source: dyad.Actor{Code: "KEN"}, Target: dyad.Actor{Code: "TZA"},
				Code: "040", Root: "04", QuadClass: 1, Date: a.Published, DatePrecision: dyad.PrecisionArticle,
				Provenance: dyad.Provenance{ArticleID: a.ID, Sentence: i, SentenceText: strings.TrimSuffix(s, "."), PatternID: "fake"}})
		}
	}
	return evs, nil
}

func TestGuard(t *testing.T) {
	ctx := context.Background()
	a := func(text string) *dyad.Article {
		return &dyad.Article{ID: "x", Text: text, Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	}
	repeated := strings.Repeat("The presidents met in Arusha. ", 1000)
	for _, tt := range []struct {
		name    string
		g       Guard
		text    string
		events  int
		limit   string // the LimitError's What, "" for none
		partial bool
	}{
		{"news", Guard{Coder: sentenceCoder{}}, story1, 2, "", false},
		// A sentence said again word for word is one event; the same
		// event in other words is another report and stays.
		{"repeated sentence", Guard{Coder: sentenceCoder{}}, repeated, 1, "", false},
		{"restated", Guard{Coder: sentenceCoder{}}, "The presidents met in Arusha. The two presidents met on Tuesday in Arusha. The presidents met in Arusha.", 2, "", false},
		{"text over the limit", Guard{Coder: sentenceCoder{}, Limits: Limits{MaxTextBytes: 1000}}, repeated, 0, "text bytes", false},
		{"events over the limit", Guard{Coder: sentenceCoder{}, Limits: Limits{MaxEvents: 1}}, story1, 1, "events", true},
		{"coder's sentence limit", Guard{Coder: sentenceCoder{max: 10}}, repeated, 1, "sentences", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := tt.g.CodeArticle(ctx, a(tt.text))
			if len(evs) != tt.events {
				t.Errorf("%d events, want %d", len(evs), tt.events)
			}
			var le *dyad.LimitError
			switch {
			case tt.limit == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.limit != "" && (!errors.As(err, &le) || le.What != tt.limit || le.Partial != tt.partial):
				t.Errorf("error %#v, want a limit of %s (partial %v)", err, tt.limit, tt.partial)
			}
		})
	}
}

// TestIngestLimits ingests a runaway article (one sentence said 20,000
// times, 600 KB) among news: it is stored with one event and a warning,
// not 20,000 events; a text over the limit fails without being coded,
// and the rest is stored.
func TestIngestLimits(t *testing.T) {
	ctx := context.Background()
	in, c, db := newTest(t)
	in.Coder = countingCoder{c, sentenceCoder{max: 5000}}
	in.Limits = Limits{MaxTextBytes: 1 << 20, MaxSentences: 5000}
	runaway := strings.Repeat("The presidents met in Arusha. ", 20000)
	var results []Result
	sum, err := in.Ingest(ctx, articles(
		art("a1", "Example Wire", story1),
		art("big", "Example Wire", runaway),
		art("huge", "Example Wire", strings.Repeat("x", 2<<20)),
		art("b1", "Lake Daily", story2),
	), func(r Result) { results = append(results, r) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.New != 3 || sum.Failed != 1 || sum.Warnings != 1 || sum.Events != 2+1+1 {
		t.Errorf("summary %+v, want 3 new, 1 failed, 1 warning, 4 events", sum)
	}
	var le *dyad.LimitError
	if r := results[1]; r.ArticleID != "big" || r.Events != 1 || !errors.As(r.Warning, &le) || le.What != "sentences" {
		t.Errorf("runaway article: %+v", r)
	}
	if r := results[2]; r.ArticleID != "huge" || !errors.As(r.Err, &le) || le.What != "text bytes" || le.Got != 2<<20 {
		t.Errorf("huge article: %+v", r)
	}
	if n := c.calls.Load(); n != 3 {
		t.Errorf("coder called %d times, want 3 (never for the text over the limit)", n)
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{ArticleID: "big"}); n != 1 {
		t.Errorf("%d events stored of the runaway article, want 1", n)
	}
	if !strings.Contains(sum.String(), "1 stored with a warning") {
		t.Errorf("summary line %q does not count the warning", sum)
	}
}

// countingCoder counts the calls of c while coding with inner.
type countingCoder struct {
	c     *fakeCoder
	inner dyad.EventCoder
}

func (cc countingCoder) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	cc.c.calls.Add(1)
	return cc.inner.CodeArticle(ctx, a)
}

func BenchmarkCollapse(b *testing.B) {
	evs, _ := sentenceCoder{}.CodeArticle(context.Background(), &dyad.Article{ID: "x", Text: strings.Repeat("The presidents met in Arusha. ", 5000)})
	buf := make([]dyad.Event, len(evs))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, evs)
		if out := Collapse(buf); len(out) != 1 {
			b.Fatal(len(out))
		}
	}
}
