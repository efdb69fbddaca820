package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/sqlite"
)

// fakeCoder codes one event per sentence that contains "met", and fails on
// articles whose text contains "FAIL".
type fakeCoder struct{ calls atomic.Int64 }

func (c *fakeCoder) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	c.calls.Add(1)
	if strings.Contains(a.Text, "FAIL") {
		return nil, errors.New("cannot code this")
	}
	var evs []dyad.Event
	for i, s := range strings.Split(a.Text, ". ") {
		if strings.Contains(s, "met") {
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("%s/%d", a.ID, i), Source: dyad.Actor{Code: "KEN"}, Target: dyad.Actor{Code: "TZA"},
				Code: "040", Root: "04", QuadClass: 1, Date: a.Published, DatePrecision: dyad.PrecisionArticle,
				Provenance: dyad.Provenance{ArticleID: a.ID, Sentence: i, PatternID: "fake"}})
		}
	}
	return evs, nil
}

const (
	story1 = "The Kenyan and Tanzanian presidents met in Arusha on Tuesday to settle a long quarrel over border inspections. Officials from both sides met again later to agree on shared customs posts. Traders welcomed the move after months of queues at the frontier crossings."
	story2 = "Fishermen on Lake Victoria said on Friday that catches had fallen for a third year. Their leaders met the fisheries minister, who promised to enforce limits on net sizes and to patrol the lake more often."
	story3 = "Parliament passed the budget on Thursday after a debate about fuel subsidies that lasted into the night. Opposition members met reporters afterwards and said they would challenge parts of it in court."
)

func articles(as ...dyad.Article) func(func(*dyad.Article) error) error {
	return func(emit func(*dyad.Article) error) error {
		for i := range as {
			if err := emit(&as[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

func newTest(t *testing.T) (*Ingester, *fakeCoder, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &fakeCoder{}
	return &Ingester{Coder: c, Store: db, Coding: dyad.Coding{Dictionary: "d1", Model: "m1"}, Workers: 3}, c, db
}

func art(id, source, text string) dyad.Article {
	return dyad.Article{ID: id, Source: source, Text: text, Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	in, c, db := newTest(t)
	input := []dyad.Article{
		art("a1", "Example Wire", story1),
		art("a2", "Harbour Post", strings.ToUpper(story1)), // exact copy once normalised
		art("b1", "Lake Daily", story2),
		art("a3", "Northern Ledger", "ARUSHA, Tanzania - "+story1+" The regional bloc said it hoped others would follow."),
		art("c1", "Example Wire", story3+" FAIL"),
		{Text: "an article without an ID"},
	}
	var results []Result
	sum, err := in.Ingest(ctx, articles(input...), func(r Result) { results = append(results, r) })
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{Read: 6, New: 2, Duplicate: 2, Failed: 2, Events: 3}
	if sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	if c.calls.Load() != 3 {
		t.Errorf("coder called %d times, want 3 (duplicates are not coded)", c.calls.Load())
	}
	var order []string
	for _, r := range results {
		order = append(order, r.ArticleID)
	}
	if strings.Join(order, ",") != "a1,a2,b1,a3,c1," {
		t.Errorf("results out of input order: %v", order)
	}
	if results[1].DuplicateOf != "a1" || results[3].DuplicateOf != "a1" || results[3].Similarity >= 1 {
		t.Errorf("duplicates: %+v %+v", results[1], results[3])
	}
	if results[4].Err == nil || !strings.Contains(results[4].Err.Error(), `"c1"`) {
		t.Errorf("coding failure: %+v", results[4])
	}
	es, err := db.Events(ctx, dyad.EventFilter{ArticleID: "a1"})
	if err != nil || len(es) != 2 {
		t.Fatalf("a1 events: %+v %v", es, err)
	}
	if es[0].NumArticles != 3 || es[0].NumSources != 3 || es[0].Coding.Dictionary != "d1" {
		t.Errorf("a1's event: %d articles, %d sources, coding %+v", es[0].NumArticles, es[0].NumSources, es[0].Coding)
	}

	// The same input again adds nothing and codes nothing.
	c.calls.Store(0)
	sum, err = in.Ingest(ctx, articles(input[:5]...), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 4 || sum.Failed != 1 || sum.New+sum.Duplicate+sum.Updated != 0 || c.calls.Load() != 1 {
		t.Errorf("second run: %+v, %d coder calls (only the failed article is tried again)", sum, c.calls.Load())
	}
	st, _ := db.Stats(ctx)
	if st.Articles != 4 || st.Events != 3 {
		t.Errorf("store after the second run: %+v", st)
	}

	// A near-duplicate of a stored article is found in a later run, and
	// an edited article replaces its events.
	sum, err = in.Ingest(ctx, articles(
		art("a4", "Lake Daily", story1+" Analysts said the deal could last."),
		art("b1", "Lake Daily", story2+" The minister met the governors as well."),
	), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Duplicate != 1 || sum.Updated != 1 || sum.Events != 2 {
		t.Errorf("third run: %+v", sum)
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{ArticleID: "b1"}); n != 2 {
		t.Errorf("b1 after its update: %d events, want 2", n)
	}
}

func TestIngestReadError(t *testing.T) {
	in, _, _ := newTest(t)
	boom := errors.New("disk on fire")
	sum, err := in.Ingest(context.Background(), func(emit func(*dyad.Article) error) error {
		a := art("a1", "W", story1)
		if err := emit(&a); err != nil {
			return err
		}
		return boom
	}, nil)
	if !errors.Is(err, boom) || sum.New != 1 {
		t.Errorf("got %+v, %v", sum, err)
	}
}

func TestIngestCancel(t *testing.T) {
	in, _, db := newTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error {
		for n := 1; ; n++ {
			if n == 50 {
				cancel()
			}
			a := art(fmt.Sprint("a", n), "W", fmt.Sprintf("Story %d: the presidents met on Tuesday in a town %d kilometres away.", n, n*7919))
			if err := emit(&a); err != nil {
				return err
			}
		}
	}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run returned %v", err)
	}
	st, _ := db.Stats(context.Background())
	if st.Articles >= 50 || st.Articles != st.Events {
		t.Errorf("after cancel: %d articles, %d events (each article one event)", st.Articles, st.Events)
	}
}

func TestRecode(t *testing.T) {
	ctx := context.Background()
	in, c, db := newTest(t)
	if _, err := in.Ingest(ctx, articles(art("a1", "W", story1), art("a2", "X", story1), art("b1", "W", story2)), nil); err != nil {
		t.Fatal(err)
	}
	c.calls.Store(0)
	sum, err := in.Recode(ctx, false, nil)
	if err != nil || sum.Unchanged != 2 || c.calls.Load() != 0 {
		t.Errorf("recode with the same versions: %+v %v, %d calls", sum, err, c.calls.Load())
	}
	in.Coding.Dictionary = "d2"
	sum, err = in.Recode(ctx, false, nil)
	if err != nil || sum.Updated != 2 || sum.Events != 3 || c.calls.Load() != 2 {
		t.Errorf("recode with a new dictionary: %+v %v, %d calls", sum, err, c.calls.Load())
	}
	es, _ := db.Events(ctx, dyad.EventFilter{})
	if len(es) != 3 {
		t.Fatalf("events after recode: %d", len(es))
	}
	for _, e := range es {
		if e.Coding.Dictionary != "d2" {
			t.Errorf("event %s coded with %q", e.ID, e.Coding.Dictionary)
		}
		if e.Provenance.ArticleID == "a1" && e.NumArticles != 2 {
			t.Errorf("recode lost the duplicate's report: %+v", e)
		}
	}
	sum, _ = in.Recode(ctx, true, nil)
	if sum.Updated != 2 {
		t.Errorf("recode --all: %+v", sum)
	}
}
