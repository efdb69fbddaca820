// Package storetest is the conformance suite every dyad.Store backend must
// pass: the semantics of each method — deduplication and report counts,
// re-coding, filters, paging and ordering, roll-ups, situations and
// alerts, feed state, failures — and concurrent writers that neither lose
// updates nor count twice. SQLite and PostgreSQL run the very same suite,
// so they give the same answers for the same data:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) dyad.Store { return openEmptyStore(t) })
//	}
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// Opener opens a new, empty store for one test and arranges for it to be
// closed (t.Cleanup) when the test ends.
type Opener func(t *testing.T) dyad.Store

// Run runs the conformance suite, each test on a store of its own.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"ArticlesAndEvents", testArticlesAndEvents},
		{"BatchAtomic", testBatchAtomic},
		{"Duplicates", testDuplicates},
		{"EachOriginalAndRecode", testEachOriginalAndRecode},
		{"EventFilters", testEventFilters},
		{"Undated", testUndated},
		{"FullText", testFullText},
		{"Ordering", testOrdering},
		{"Paging", testPaging},
		{"PagingWhileWriting", testPagingWhileWriting},
		{"EventDetail", testEventDetail},
		{"Series", testSeries},
		{"Dyads", testDyads},
		{"ActorEvents", testActorEvents},
		{"Situations", testSituations},
		{"Alerts", testAlerts},
		{"EventsArrived", testEventsArrived},
		{"FeedState", testFeedState},
		{"Failures", testFailures},
		{"StatsAndPing", testStatsAndPing},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ConcurrentRedelivery", testConcurrentRedelivery},
		{"ArrivalsUnderConcurrentWriters", testArrivalsConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

func testArticlesAndEvents(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	a := article("a1", "Example Wire", storyA)
	if st, err := s.ArticleState(ctx, "a1", a.Fingerprint.Hash); err != nil || st != dyad.ArticleNew {
		t.Fatalf("before storing: %v %v", st, err)
	}
	evs := []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03"), event("a1", 1, "TZA", "KEN", "057", "2026-03-03")}
	evs[0].Place = kharkiv
	evs[0].Provenance.Flags = []dyad.Flag{dyad.FlagReported, dyad.FlagMirror}
	evs[0].Provenance.ReportedBy = &dyad.Actor{Code: "UGA", Role: "GOV", Name: "Uganda"}
	evs[0].Provenance.DateSpan = dyad.Span{Start: 30, End: 37}
	save(t, s, dyad.ArticleWrite{Article: a, Events: evs})
	if st, _ := s.ArticleState(ctx, "a1", a.Fingerprint.Hash); st != dyad.ArticleUnchanged {
		t.Errorf("same text: %v", st)
	}
	if st, _ := s.ArticleState(ctx, "a1", "other"); st != dyad.ArticleUpdated {
		t.Errorf("other text: %v", st)
	}
	got, err := s.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != storyA || got.Source != "Example Wire" || got.Title != "Title of a1" || got.URL != "https://example.org/a1" ||
		!got.Published.Equal(a.Published) || got.Coding.Dictionary != "d1" || got.Coding.Model != "m1" || !got.Coding.At.Equal(a.Coding.At) ||
		got.Fingerprint.Hash != a.Fingerprint.Hash || !slices.Equal(got.Fingerprint.MinHash, a.Fingerprint.MinHash) ||
		!slices.Equal(got.Fingerprint.Bands, a.Fingerprint.Bands) || got.DuplicateOf != "" || got.Ingested.IsZero() {
		t.Errorf("article round trip: %+v", got)
	}
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	es := events(t, s, dyad.EventFilter{})
	if len(es) != 2 {
		t.Fatalf("events: %+v", es)
	}
	// The event comes back as it was stored, with how it was reported.
	want := evs[0]
	var back *dyad.StoredEvent
	for i := range es {
		if es[i].ID == want.ID {
			back = &es[i]
		}
	}
	if back == nil || !reflect.DeepEqual(back.Event, want) {
		t.Errorf("event round trip:\n got %+v\nwant %+v", back, want)
	}
	if back.NumArticles != 1 || back.NumSources != 1 || back.ArticleURL != "https://example.org/a1" ||
		back.Coding.Dictionary != "d1" || back.Coding.Model != "m1" || !back.Coding.At.Equal(a.Coding.At) {
		t.Errorf("stored event: %+v", back)
	}

	// Re-coding replaces the events atomically.
	a.Coding.Dictionary = "d2"
	save(t, s, dyad.ArticleWrite{Article: a, Events: []dyad.Event{event("a1", 5, "KEN", "UGA", "042", "2026-03-02")}})
	es = events(t, s, dyad.EventFilter{})
	if len(es) != 1 || es[0].Target.Code != "UGA" || es[0].Coding.Dictionary != "d2" {
		t.Errorf("after re-coding: %+v", es)
	}
	checkRollup(t, s)

	// A failing write leaves the earlier events in place.
	bad := []dyad.Event{event("a1", 7, "KEN", "ETH", "036", "2026-03-02"), {}}
	if err := s.Save(ctx, []dyad.ArticleWrite{{Article: a, Events: bad}}); err == nil || !strings.Contains(err.Error(), "a1") {
		t.Errorf("an event without ID or code: %v, want an error naming the article", err)
	}
	if n := count(t, s, dyad.EventFilter{}); n != 1 {
		t.Errorf("after a failed write: %d events, want the 1 from before", n)
	}
	// Two events with one ID in a batch are stored once.
	twice := []dyad.Event{event("a1", 8, "KEN", "ETH", "036", "2026-03-02"), event("a1", 8, "KEN", "ETH", "036", "2026-03-02")}
	save(t, s, dyad.ArticleWrite{Article: a, Events: twice})
	if n := count(t, s, dyad.EventFilter{}); n != 1 {
		t.Errorf("two events with one ID: %d stored, want 1", n)
	}
	checkRollup(t, s)
	// An article without an ID is refused.
	if err := s.Save(ctx, []dyad.ArticleWrite{{Article: article("", "X", storyB)}}); err == nil {
		t.Error("an article without ID was stored")
	}
	// An undated event is kept undated.
	save(t, s, dyad.ArticleWrite{Article: article("u1", "Wire U", storyD), Events: []dyad.Event{event("u1", 0, "KEN", "UGA", "042", "")}})
	es = events(t, s, dyad.EventFilter{ArticleID: "u1"})
	if len(es) != 1 || !es[0].Date.IsZero() || es[0].DatePrecision != dyad.PrecisionArticle {
		t.Errorf("undated event: %+v", es)
	}
	checkRollup(t, s)
}

func testBatchAtomic(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	good := dyad.ArticleWrite{Article: article("a1", "Wire A", storyA), Events: []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03")}}
	orphan := dyad.ArticleWrite{Article: duplicate("a2", "Wire B", "nowhere", storyA, 1)}
	if err := s.Save(ctx, []dyad.ArticleWrite{good, orphan}); err == nil || !strings.Contains(err.Error(), "a2") {
		t.Errorf("a batch with a republication of an article not stored: %v, want an error naming it", err)
	}
	if st, _ := s.ArticleState(ctx, "a1", good.Article.Fingerprint.Hash); st != dyad.ArticleNew {
		t.Errorf("a failed batch stored part of itself: a1 is %v", st)
	}
	if n := count(t, s, dyad.EventFilter{}); n != 0 {
		t.Errorf("a failed batch stored %d events", n)
	}
	// A batch stores an original before the copy that follows it.
	save(t, s, good, dyad.ArticleWrite{Article: duplicate("a2", "Wire B", "a1", storyA, 1)})
	if es := events(t, s, dyad.EventFilter{}); len(es) != 1 || es[0].NumArticles != 2 || es[0].NumSources != 2 {
		t.Errorf("original and copy in one batch: %+v", es)
	}
	if err := s.Save(ctx, nil); err != nil {
		t.Errorf("an empty batch: %v", err)
	}
	// One article twice in a batch: the later version wins.
	save(t, s, dyad.ArticleWrite{Article: article("v", "Wire V", storyB), Events: []dyad.Event{event("v", 0, "KEN", "UGA", "042", "2026-01-01")}},
		dyad.ArticleWrite{Article: article("v", "Wire V", storyC), Events: []dyad.Event{event("v", 1, "UGA", "KEN", "043", "2026-01-02")}})
	if es := events(t, s, dyad.EventFilter{ArticleID: "v"}); ids(es) != "v-1" {
		t.Errorf("one article twice in a batch: %s, want the later version's v-1", ids(es))
	}
	if a, _ := s.Article(ctx, "v"); a == nil || a.Text != storyC {
		t.Errorf("one article twice in a batch: %+v", a)
	}
	// A copy of a copy in one batch links to the first article.
	save(t, s, dyad.ArticleWrite{Article: article("x", "Wire X", storyD), Events: []dyad.Event{event("x", 0, "FRA", "DEU", "042", "2026-01-03")}},
		dyad.ArticleWrite{Article: duplicate("y", "Wire Y", "x", storyD, 1)},
		dyad.ArticleWrite{Article: duplicate("z", "Wire Z", "y", storyD, 1)})
	if a, _ := s.Article(ctx, "z"); a == nil || a.DuplicateOf != "x" {
		t.Errorf("a copy of a copy in one batch: %+v", a)
	}
	if es := events(t, s, dyad.EventFilter{ArticleID: "x"}); len(es) != 1 || es[0].NumArticles != 3 || es[0].NumSources != 3 {
		t.Errorf("a copy of a copy in one batch: %+v", es)
	}
	checkRollup(t, s)
}

func testDuplicates(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	orig := article("a1", "Example Wire", storyA)
	save(t, s, dyad.ArticleWrite{Article: orig, Events: []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03")}})
	save(t, s, dyad.ArticleWrite{Article: article("b1", "Lake Daily", storyB)})

	exact := article("a2", "Harbour Post", storyA)
	d, err := s.FindDuplicate(ctx, exact.Fingerprint, dedup.DefaultMinSimilarity)
	if err != nil || d == nil || d.ArticleID != "a1" || d.Similarity != 1 {
		t.Fatalf("exact copy: %+v %v", d, err)
	}
	nearText := "DAR ES SALAAM - " + storyA + " The regional bloc welcomed the deal."
	near := article("a3", "Harbour Post", nearText)
	d, err = s.FindDuplicate(ctx, near.Fingerprint, dedup.DefaultMinSimilarity)
	wantSim := dedup.Similarity(near.Fingerprint.MinHash, orig.Fingerprint.MinHash)
	if err != nil || d == nil || d.ArticleID != "a1" || d.Similarity != wantSim || d.Similarity >= 1 {
		t.Fatalf("near copy: %+v %v, want a1 at %.3f", d, err, wantSim)
	}
	if d, _ := s.FindDuplicate(ctx, near.Fingerprint, 0.999); d != nil {
		t.Errorf("near copy above its similarity: %+v", d)
	}
	if d, _ := s.FindDuplicate(ctx, dedup.Fingerprint(storyD), dedup.DefaultMinSimilarity); d != nil {
		t.Errorf("unrelated text matched %+v", d)
	}
	if d, _ := s.FindDuplicate(ctx, dyad.Fingerprint{Hash: "nothing"}, dedup.DefaultMinSimilarity); d != nil {
		t.Errorf("a fingerprint without bands matched %+v", d)
	}

	// Copies count as reports of the original's events, once per article
	// and distinct source.
	save(t, s, dyad.ArticleWrite{Article: duplicate("a2", "Harbour Post", "a1", storyA, 1)})
	save(t, s, dyad.ArticleWrite{Article: duplicate("a3", "Harbour Post", "a1", nearText, d2(wantSim))})
	es := events(t, s, dyad.EventFilter{})
	if len(es) != 1 || es[0].NumArticles != 3 || es[0].NumSources != 2 {
		t.Fatalf("after two copies: %+v", es)
	}
	// Saving a copy again changes nothing.
	save(t, s, dyad.ArticleWrite{Article: duplicate("a2", "Harbour Post", "a1", storyA, 1)})
	if es := events(t, s, dyad.EventFilter{}); es[0].NumArticles != 3 || es[0].NumSources != 2 {
		t.Errorf("after saving a copy again: %d articles, %d sources", es[0].NumArticles, es[0].NumSources)
	}
	got, err := s.Article(ctx, "a3")
	if err != nil || got.DuplicateOf != "a1" || got.Similarity != d2(wantSim) || got.Text != nearText {
		t.Errorf("stored copy: %+v %v", got, err)
	}
	// Copies are never originals of later copies: a copy of a copy links
	// to the first article.
	save(t, s, dyad.ArticleWrite{Article: duplicate("a4", "Coast Times", "a2", storyA, 1)})
	if got, _ := s.Article(ctx, "a4"); got == nil || got.DuplicateOf != "a1" {
		t.Errorf("copy of a copy: %+v", got)
	}
	if d, _ := s.FindDuplicate(ctx, exact.Fingerprint, dedup.DefaultMinSimilarity); d == nil || d.ArticleID != "a1" {
		t.Errorf("exact copy after copies are stored: %+v, want a1", d)
	}
	if es := events(t, s, dyad.EventFilter{}); es[0].NumArticles != 4 || es[0].NumSources != 3 {
		t.Errorf("after a copy of a copy: %d articles, %d sources", es[0].NumArticles, es[0].NumSources)
	}
	// An article cannot repeat itself.
	if err := s.Save(ctx, []dyad.ArticleWrite{{Article: duplicate("a1", "Example Wire", "a1", storyA, 1)}}); err == nil {
		t.Error("an article stored as a copy of itself")
	}
	// A copy that becomes an original again (its text changed) leaves the
	// counts of its former original.
	save(t, s, dyad.ArticleWrite{Article: article("a4", "Coast Times", storyD), Events: []dyad.Event{event("a4", 0, "KEN", "UGA", "042", "2026-03-01")}})
	if got, _ := s.Article(ctx, "a4"); got == nil || got.DuplicateOf != "" {
		t.Errorf("copy turned original: %+v", got)
	}
	es = events(t, s, dyad.EventFilter{ArticleID: "a1"})
	if len(es) != 1 || es[0].NumArticles != 3 || es[0].NumSources != 2 {
		t.Errorf("after a copy left: %+v", es)
	}
	// An original that turns out to repeat another loses its events.
	save(t, s, dyad.ArticleWrite{Article: duplicate("a4", "Coast Times", "b1", storyB, 1)})
	if n := count(t, s, dyad.EventFilter{ArticleID: "a4"}); n != 0 {
		t.Errorf("an original turned copy kept %d events", n)
	}
	checkRollup(t, s)
}

// d2 rounds a similarity the way a caller might store it.
func d2(v float64) float64 { return float64(int(v*1000)) / 1000 }

func testEachOriginalAndRecode(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	fill(t, s)
	var seen []string
	err := s.EachOriginal(ctx, func(a *dyad.StoredArticle) error {
		seen = append(seen, a.ID)
		if a.Text == "" || a.Fingerprint.Hash == "" || len(a.Fingerprint.Bands) == 0 {
			t.Errorf("original %s without text or fingerprint", a.ID)
		}
		return nil
	})
	if err != nil || strings.Join(seen, " ") != "a1 b1 c1" {
		t.Errorf("EachOriginal: %v %v, want a1 b1 c1 in ingestion order", seen, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachOriginal(ctx, func(*dyad.StoredArticle) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachOriginal stopping: %v after %d", err, n)
	}
	// Re-code every original while walking them, as dyad recode does.
	err = s.EachOriginal(ctx, func(a *dyad.StoredArticle) error {
		a.Coding = dyad.Coding{Dictionary: "d2", Model: "m1", At: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)}
		return s.Save(ctx, []dyad.ArticleWrite{{Article: a, Events: []dyad.Event{event(a.ID, 9, "FRA", "DEU", "042", "2026-03-05")}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	es := events(t, s, dyad.EventFilter{})
	if ids(es) != "c1-9 b1-9 a1-9" {
		t.Errorf("after re-coding: %s", ids(es))
	}
	for _, e := range es {
		if e.Coding.Dictionary != "d2" {
			t.Errorf("%s coded by %q", e.ID, e.Coding.Dictionary)
		}
	}
	if es[2].NumArticles != 3 || es[2].NumSources != 3 {
		t.Errorf("re-coded a1 keeps its copies: %+v", es[2])
	}
	st, err := s.Stats(ctx)
	if err != nil || len(st.Codings) != 1 || st.Codings[0] != (dyad.CodingCount{Dictionary: "d2", Model: "m1", Articles: 3}) {
		t.Errorf("codings after re-coding: %+v %v", st, err)
	}
	checkRollup(t, s)
}

func testEventFilters(t *testing.T, open Opener) {
	s := open(t)
	fill(t, s)
	all := "c1-0 b1-0 b1-1 a1-2 a1-0 a1-1 b1-2 c1-1"
	tests := []struct {
		name string
		f    dyad.EventFilter
		want string
	}{
		{"all, newest first", dyad.EventFilter{}, all},
		{"since", dyad.EventFilter{Since: day("2026-01-20")}, "c1-0 b1-0 b1-1 a1-2"},
		{"until", dyad.EventFilter{Until: day("2026-01-05")}, "b1-2 c1-1"},
		{"since and until", dyad.EventFilter{Since: day("2026-01-05"), Until: day("2026-01-21")}, "a1-2 a1-0 a1-1"},
		{"actor", dyad.EventFilter{Actor: "RUS"}, "a1-2 a1-0 a1-1"},
		{"source", dyad.EventFilter{Source: "USA"}, "c1-0 b1-0"},
		{"target", dyad.EventFilter{Target: "USA"}, "b1-1 c1-1"},
		{"source role", dyad.EventFilter{SourceRole: "MIL"}, "a1-0"},
		{"target role", dyad.EventFilter{TargetRole: "GOV"}, ""},
		{"actor in a role", dyad.EventFilter{Actor: "UKR", ActorRole: "GOV"}, "a1-2 c1-1"},
		{"actor's role on the same side", dyad.EventFilter{Actor: "UKR", ActorRole: "MIL"}, ""},
		{"a role on either side", dyad.EventFilter{ActorRole: "MIL"}, "a1-0"},
		{"dyad both ways", dyad.EventFilter{Dyad: [2]string{"UKR", "USA"}}, "c1-0 b1-0 b1-1 c1-1"},
		{"actors", dyad.EventFilter{Actors: []string{"KEN", "RUS"}}, "a1-2 a1-0 a1-1 b1-2"},
		{"dyads", dyad.EventFilter{Dyads: [][2]string{{"RUS", "UKR"}}}, "a1-2 a1-0 a1-1"},
		{"actors or dyads", dyad.EventFilter{Actors: []string{"KEN"}, Dyads: [][2]string{{"USA", "UKR"}}}, "c1-0 b1-0 b1-1 b1-2 c1-1"},
		{"code prefix", dyad.EventFilter{Codes: []string{"04"}}, "b1-1 a1-1"},
		{"code prefix of three", dyad.EventFilter{Codes: []string{"041"}}, "b1-1 a1-1"},
		{"code of four", dyad.EventFilter{Codes: []string{"0411"}}, "a1-1"},
		{"codes", dyad.EventFilter{Codes: []string{"19", "0711"}}, "b1-0 a1-0"},
		{"roots", dyad.EventFilter{Roots: []string{"17", "19"}}, "a1-0 b1-2"},
		{"quad", dyad.EventFilter{QuadClass: 4}, "a1-0 b1-2"},
		{"quads", dyad.EventFilter{QuadClasses: []int{2, 3}}, "b1-0 a1-2"},
		{"plover type", dyad.EventFilter{PloverTypes: []string{"ASSAULT"}}, "a1-0 b1-2"},
		{"plover mode", dyad.EventFilter{PloverModes: []string{"phone"}}, "c1-0 b1-1 a1-1 c1-1"},
		{"goldstein min", dyad.EventFilter{GoldsteinMin: fp(4)}, "c1-0 b1-0 c1-1"},
		{"goldstein max", dyad.EventFilter{GoldsteinMax: fp(-5)}, "a1-0 b1-2"},
		{"goldstein range", dyad.EventFilter{GoldsteinMin: fp(-2), GoldsteinMax: fp(1)}, "b1-1 a1-2 a1-1"},
		{"place country", dyad.EventFilter{PlaceCountry: "UKR"}, "c1-0 b1-0 a1-2 a1-0"},
		{"place admin1, any case", dyad.EventFilter{PlaceAdmin1: "kharkiv oblast"}, "a1-0"},
		{"near Kyiv, 100 km", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.45, Lon: 30.52, KM: 100}}, "c1-0 b1-0 a1-2"},
		{"near Kyiv, 500 km", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.45, Lon: 30.52, KM: 500}}, "c1-0 b1-0 a1-2 a1-0"},
		{"near across the date line", dyad.EventFilter{Near: &dyad.Circle{Lat: 50, Lon: -179.9, KM: 1000}}, ""},
		{"article", dyad.EventFilter{ArticleID: "b1"}, "b1-0 b1-1 b1-2"},
		{"article of a copy", dyad.EventFilter{ArticleID: "a1-r0"}, ""},
		{"and", dyad.EventFilter{Actor: "UKR", QuadClasses: []int{1}, Since: day("2026-01-01")}, "c1-0 b1-1 a1-1"},
		{"limit", dyad.EventFilter{Limit: 3}, "c1-0 b1-0 b1-1"},
		{"limit and offset", dyad.EventFilter{Limit: 2, Offset: 3}, "a1-2 a1-0"},
		{"offset alone", dyad.EventFilter{Offset: 6}, "b1-2 c1-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(events(t, s, tt.f)); got != tt.want {
				t.Errorf("Events: %q, want %q", got, tt.want)
			}
			f := tt.f
			n := len(strings.Fields(tt.want))
			if f.Limit > 0 || f.Offset > 0 {
				n = count(t, s, dyad.EventFilter{})
			}
			f.Limit, f.Offset = 0, 0
			if got := count(t, s, tt.f); got != n {
				t.Errorf("CountEvents: %d, want %d (limit and offset ignored)", got, n)
			}
		})
	}
}

// testUndated checks that an undated event has no date anywhere: no date
// filter selects it (with only Until it would, were the unknown date
// stored below every date), Undated selects it alone, series leave it
// out, stats count it, and its JSON date is null with precision unknown.
func testUndated(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	b := article("b1", "Example Wire", storyB)
	b.Published = time.Time{}
	undated := event("b1", 0, "KEN", "TZA", "036", "")
	undated.DatePrecision = dyad.PrecisionUnknown
	save(t, s,
		dyad.ArticleWrite{Article: article("a1", "Example Wire", storyA), Events: []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03"), event("a1", 1, "KEN", "TZA", "057", "2010-05-01")}},
		dyad.ArticleWrite{Article: b, Events: []dyad.Event{undated}})
	for _, tt := range []struct {
		name string
		f    dyad.EventFilter
		want []string
	}{
		{"all", dyad.EventFilter{}, []string{"a1-0", "a1-1", "b1-0"}},
		{"until only", dyad.EventFilter{Until: day("2011-01-01")}, []string{"a1-1"}},
		{"since only", dyad.EventFilter{Since: day("2000-01-01")}, []string{"a1-0", "a1-1"}},
		{"both", dyad.EventFilter{Since: day("2000-01-01"), Until: day("2030-01-01")}, []string{"a1-0", "a1-1"}},
		{"undated", dyad.EventFilter{Undated: true}, []string{"b1-0"}},
		{"undated of a dyad", dyad.EventFilter{Undated: true, Dyad: [2]string{"TZA", "KEN"}}, []string{"b1-0"}},
		{"undated of a root", dyad.EventFilter{Undated: true, Roots: []string{"05"}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if err := s.EachEvent(ctx, tt.f, func(e *dyad.StoredEvent) error { got = append(got, e.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("EachEvent: %v, want %v", got, tt.want)
			}
			if n, err := s.CountEvents(ctx, tt.f); err != nil || n != len(tt.want) {
				t.Errorf("CountEvents: %d %v, want %d", n, err, len(tt.want))
			}
			page, err := s.EventPage(ctx, tt.f)
			if err != nil || len(page.Events) != len(tt.want) {
				t.Errorf("EventPage: %v %v, want %d events", page, err, len(tt.want))
			}
		})
	}
	ds, err := s.Dyads(ctx, dyad.DyadQuery{Filter: dyad.EventFilter{Until: day("2011-01-01")}})
	if err != nil || len(ds) != 1 || ds[0].Events != 1 {
		t.Errorf("dyads until 2011: %+v %v, want KEN->TZA with 1 event", ds, err)
	}
	ds, err = s.Dyads(ctx, dyad.DyadQuery{Filter: dyad.EventFilter{Undated: true}})
	if err != nil || len(ds) != 1 || ds[0].Events != 1 {
		t.Errorf("undated dyads: %+v %v, want KEN->TZA with 1 event", ds, err)
	}
	ser, err := s.Series(ctx, dyad.SeriesQuery{Interval: dyad.Month})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range ser.Points {
		total += p.Events
	}
	if total != 2 || ser.Since.Year() != 2010 {
		t.Errorf("series: %d events from %v, want 2 from 2010", total, ser.Since)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Events != 3 || st.Undated != 1 || st.FirstEvent.Year() != 2010 || st.LastEvent.Year() != 2026 {
		t.Errorf("stats: %+v %v, want 3 events, 1 undated, 2010..2026", st, err)
	}
	d, err := s.EventDetail(ctx, "b1-0")
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"date":null`) || !strings.Contains(string(js), `"date_precision":"unknown"`) ||
		strings.Contains(string(js), "0001-01-01") || !strings.Contains(string(js), `"reports":[`) {
		t.Errorf("undated event's JSON: %s", js)
	}
}

func testFullText(t *testing.T, open Opener) {
	s := open(t)
	fill(t, s)
	tests := []struct{ q, want string }{
		{"Kharkiv", "a1-2 a1-0 a1-1"},
		{"kharkiv", "a1-2 a1-0 a1-1"},
		{"KHARKIV overnight", "a1-2 a1-0 a1-1"},
		{"Kharkiv fishermen", ""},
		{"fishermen", "b1-0 b1-1 b1-2"},
		{"Title", "c1-0 b1-0 b1-1 a1-2 a1-0 a1-1 b1-2 c1-1"}, // titles are searched too
		{"U.S.", "c1-0 c1-1"},
		{"cease-fire", "c1-0 c1-1"},
		{"Zelenskyy's", "c1-0 c1-1"},
		{`"envoy`, "c1-0 c1-1"},
		{"envoy)", "c1-0 c1-1"},
		{"crossings reopen", "a1-2 a1-0 a1-1"},
		{"border OR lake", ""},               // no query syntax: every word must appear
		{"lake -victoria", "b1-0 b1-1 b1-2"}, // "-victoria" is the word victoria
		{"lorry", ""},                        // words as written, not stems
		{"catch*", ""},
		{"-", ""},                       // no word at all: nothing
		{"- Kharkiv", "a1-2 a1-0 a1-1"}, // a part without words is left out
		{"Kharkív", "a1-2 a1-0 a1-1"},   // Latin diacritics are folded
	}
	for _, tt := range tests {
		if got := ids(events(t, s, dyad.EventFilter{Query: tt.q})); got != tt.want {
			t.Errorf("q=%q: %q, want %q", tt.q, got, tt.want)
		}
	}
}

func testOrdering(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	fill(t, s)
	// A later article with events on the same day as earlier ones comes
	// first among them; within an article, by sentence, then ID; undated
	// events last.
	save(t, s, dyad.ArticleWrite{Article: article("d1", "Wire D", storyD), Events: []dyad.Event{
		ev("d1", 1, "FRA", "GOV", "DEU", "042", 1, 1.9, "2026-01-05", nil),
		ev("d1", 0, "FRA", "GOV", "DEU", "043", 1, 2.8, "2026-01-05", nil),
		ev("d1", 2, "FRA", "GOV", "DEU", "036", 1, 4, "", nil),
	}})
	want := "c1-0 b1-0 b1-1 a1-2 d1-0 d1-1 a1-0 a1-1 b1-2 c1-1 d1-2"
	if got := ids(events(t, s, dyad.EventFilter{})); got != want {
		t.Errorf("Events: %s, want %s", got, want)
	}
	var asc []string
	err := s.EachEvent(ctx, dyad.EventFilter{}, func(e *dyad.StoredEvent) error {
		asc = append(asc, e.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(asc, " "), "d1-2 c1-1 b1-2 a1-0 a1-1 d1-0 d1-1 a1-2 b1-0 b1-1 c1-0"; got != want {
		t.Errorf("EachEvent: %s, want %s (oldest first, then by ID)", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachEvent(ctx, dyad.EventFilter{}, func(*dyad.StoredEvent) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachEvent stopping: %v after %d", err, n)
	}
	asc = asc[:0]
	if err := s.EachEvent(ctx, dyad.EventFilter{Actor: "FRA", Limit: 2, Offset: 1}, func(e *dyad.StoredEvent) error {
		asc = append(asc, e.ID)
		return nil
	}); err != nil || strings.Join(asc, " ") != "d1-0 d1-1" {
		t.Errorf("EachEvent with limit and offset: %v %v", asc, err)
	}
}

// pageAll reads every page of f (with its Limit as the page size) and
// returns the IDs in order.
func pageAll(t *testing.T, s dyad.Store, f dyad.EventFilter) string {
	t.Helper()
	var got []string
	for range 100 {
		p, err := s.EventPage(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if f.Limit > 0 && len(p.Events) > f.Limit {
			t.Fatalf("a page of %d events, limit %d", len(p.Events), f.Limit)
		}
		got = append(got, strings.Fields(ids(p.Events))...)
		if p.Next == "" {
			return strings.Join(got, " ")
		}
		f.Cursor = p.Next
	}
	t.Fatal("more than 100 pages")
	return ""
}

func testPaging(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	fill(t, s)
	save(t, s, dyad.ArticleWrite{Article: article("d1", "Wire D", storyD), Events: []dyad.Event{
		ev("d1", 0, "UKR", "GOV", "USA", "043", 1, 2.8, "2026-02-02", nil),
		ev("d1", 1, "FRA", "GOV", "DEU", "036", 1, 4, "", nil),
	}})
	byDate := "d1-0 c1-0 b1-0 b1-1 a1-2 a1-0 a1-1 b1-2 c1-1 d1-1"
	byArticles := "a1-2 a1-0 a1-1 d1-0 c1-0 b1-0 b1-1 b1-2 c1-1 d1-1"
	for _, size := range []int{0, 1, 2, 3, 4, 10, 11} {
		if got := pageAll(t, s, dyad.EventFilter{Limit: size}); got != byDate {
			t.Errorf("by date, pages of %d: %s, want %s", size, got, byDate)
		}
		if got := pageAll(t, s, dyad.EventFilter{Limit: size, Sort: dyad.SortArticles}); got != byArticles {
			t.Errorf("by articles, pages of %d: %s, want %s", size, got, byArticles)
		}
	}
	// Filtered pages, and either-way dyads (read one direction at a time).
	for _, tt := range []struct {
		f    dyad.EventFilter
		want string
	}{
		{dyad.EventFilter{Dyad: [2]string{"USA", "UKR"}}, "d1-0 c1-0 b1-0 b1-1 c1-1"},
		{dyad.EventFilter{Dyad: [2]string{"USA", "UKR"}, Sort: dyad.SortArticles}, "d1-0 c1-0 b1-0 b1-1 c1-1"},
		{dyad.EventFilter{Dyad: [2]string{"UKR", "RUS"}, Since: day("2026-01-06")}, "a1-2"},
		{dyad.EventFilter{Dyad: [2]string{"UKR", "RUS"}, Codes: []string{"19", "04"}}, "a1-0 a1-1"},
		{dyad.EventFilter{Source: "UKR", QuadClasses: []int{1}}, "d1-0 b1-1 c1-1"},
		{dyad.EventFilter{PlaceCountry: "UKR", Sort: dyad.SortArticles}, "a1-2 a1-0 c1-0 b1-0"},
		{dyad.EventFilter{Query: "Kharkiv", Sort: dyad.SortArticles}, "a1-2 a1-0 a1-1"},
	} {
		for _, size := range []int{1, 2, 50} {
			f := tt.f
			f.Limit = size
			if got := pageAll(t, s, f); got != tt.want {
				t.Errorf("%+v, pages of %d: %s, want %s", tt.f, size, got, tt.want)
			}
		}
	}
	p, err := s.EventPage(ctx, dyad.EventFilter{Limit: 2})
	if err != nil || p.Next == "" || len(p.Events) != 2 {
		t.Fatalf("first page: %+v %v", p, err)
	}
	if p.Events[0].NumArticles != 1 || p.Events[0].ArticleURL == "" {
		t.Errorf("page event: %+v", p.Events[0])
	}
	if _, err := s.EventPage(ctx, dyad.EventFilter{Limit: 2, Cursor: p.Next, Sort: dyad.SortArticles}); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("a cursor of another sort: %v, want ErrInvalid", err)
	}
	for _, bad := range []string{"x", "!!!", "MTIz", p.Next + "!"} {
		if _, err := s.EventPage(ctx, dyad.EventFilter{Limit: 2, Cursor: bad}); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("malformed cursor %q: %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := s.EventPage(ctx, dyad.EventFilter{Sort: "random"}); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("unknown sort: %v, want ErrInvalid", err)
	}
	if p, err := s.EventPage(ctx, dyad.EventFilter{Actor: "XXX", Limit: 5}); err != nil || p.Events == nil || len(p.Events) != 0 || p.Next != "" {
		t.Errorf("an empty page: %+v %v (want an empty, non-nil list)", p, err)
	}
}

func testPagingWhileWriting(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	for i := range 10 {
		id := fmt.Sprintf("p%02d", i)
		save(t, s, dyad.ArticleWrite{Article: article(id, "Wire", fmt.Sprintf("Article %d about talks between %d parties.", i, i*7)),
			Events: []dyad.Event{event(id, 0, "KEN", "UGA", "042", fmt.Sprintf("2026-01-%02d", 10+i)), event(id, 1, "UGA", "KEN", "043", fmt.Sprintf("2026-01-%02d", 10+i))}})
	}
	before := pageAll(t, s, dyad.EventFilter{Limit: 100})
	for _, srt := range []dyad.EventSort{dyad.SortDate, dyad.SortArticles} {
		f := dyad.EventFilter{Limit: 3, Sort: srt}
		var got []string
		for i := 0; ; i++ {
			p, err := s.EventPage(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, strings.Fields(ids(p.Events))...)
			// Events stored between pages, newer and older than the
			// cursor, must neither repeat an event nor hide one.
			id := fmt.Sprintf("n-%s-%02d", srt, i)
			date := "2026-03-01"
			if i%2 == 1 {
				date = "2025-01-01"
			}
			save(t, s, dyad.ArticleWrite{Article: article(id, "Wire", "Another article "+id+" on something else entirely."),
				Events: []dyad.Event{event(id, 0, "FRA", "DEU", "042", date)}})
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("sort %s: %s twice", srt, id)
			}
			seen[id] = true
		}
		for _, id := range strings.Fields(before) {
			if !seen[id] {
				t.Errorf("sort %s: %s, stored before the first page, is missing", srt, id)
			}
		}
	}
}

func testEventDetail(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	a := article("h1", "Wire H", "KYIV - Ukraine and Poland signed a deal on Monday. Nothing else.")
	e := event("h1", 0, "UKR", "POL", "057", "2026-03-02")
	e.Provenance.SentenceText = "Ukraine and Poland signed a deal on Monday."
	e.Provenance.SourceSpan = dyad.Span{Start: 7, End: 14}
	e.Provenance.TargetSpan = dyad.Span{Start: 19, End: 25}
	e.Provenance.TriggerSpan = dyad.Span{Start: 26, End: 32}
	e.Provenance.DateSpan = dyad.Span{Start: 43, End: 49}
	e.Place = &dyad.Place{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52, Precision: dyad.PlacePoint, Span: dyad.Span{Start: 0, End: 4}}
	save(t, s, dyad.ArticleWrite{Article: a, Events: []dyad.Event{e}})
	save(t, s, dyad.ArticleWrite{Article: duplicate("h2", "Wire I", "h1", a.Text, 1)})
	d, err := s.EventDetail(ctx, "h1-0")
	if err != nil {
		t.Fatal(err)
	}
	want := []dyad.Highlight{{Kind: "source", Start: 0, End: 7, Text: "Ukraine"}, {Kind: "target", Start: 12, End: 18, Text: "Poland"},
		{Kind: "trigger", Start: 19, End: 25, Text: "signed"}, {Kind: "date", Start: 36, End: 42, Text: "Monday"}}
	if !reflect.DeepEqual(d.Highlights, want) {
		t.Errorf("highlights: %+v, want %+v", d.Highlights, want)
	}
	if len(d.Reports) != 2 || !d.Reports[0].Original || d.Reports[0].ArticleID != "h1" || d.Reports[0].Source != "Wire H" ||
		d.Reports[0].URL != "https://example.org/h1" || d.Reports[0].Title != "Title of h1" || !d.Reports[0].Published.Equal(a.Published) ||
		d.Reports[1].Original || d.Reports[1].ArticleID != "h2" {
		t.Errorf("reports: %+v", d.Reports)
	}
	if d.NumArticles != 2 || d.NumSources != 2 || !reflect.DeepEqual(d.Event, e) {
		t.Errorf("detail: %+v", d.StoredEvent)
	}
	if _, err := s.EventDetail(ctx, "missing"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
}

func testSeries(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if sr, err := s.Series(ctx, dyad.SeriesQuery{}); err != nil || len(sr.Points) != 0 || !sr.Since.IsZero() {
		t.Errorf("series of an empty store: %+v %v", sr, err)
	}
	fill(t, s)
	checkRollup(t, s)
	tests := []struct {
		name string
		q    dyad.SeriesQuery
		want string // non-empty points
		n    int    // points in all
	}{
		{"days of a dyad", dyad.SeriesQuery{Filter: dyad.EventFilter{Dyad: [2]string{"RUS", "UKR"}}},
			"2026-01-05 2 -9.00 map[]\n2026-01-20 1 -2.00 map[]\n", 16},
		{"weeks by quad", dyad.SeriesQuery{Interval: dyad.Week, By: dyad.ByQuad, Filter: dyad.EventFilter{Since: day("2026-01-01"), Until: day("2026-02-09")}},
			"2026-01-05 2 -9.00 map[1:1 4:1]\n2026-01-19 1 -2.00 map[3:1]\n2026-02-02 3 12.40 map[1:2 2:1]\n", 6},
		{"months by root", dyad.SeriesQuery{Interval: dyad.Month, By: dyad.ByRoot},
			"2025-11-01 1 4.00 map[03:1]\n2025-12-01 1 -5.00 map[17:1]\n2026-01-01 3 -11.00 map[04:1 11:1 19:1]\n2026-02-01 3 12.40 map[03:1 04:1 07:1]\n", 4},
		{"a filter the roll-up lacks", dyad.SeriesQuery{Interval: dyad.Month, Filter: dyad.EventFilter{PloverModes: []string{"phone"}}},
			"2025-11-01 1 4.00 map[]\n2026-01-01 1 1.00 map[]\n2026-02-01 2 5.00 map[]\n", 4},
		{"a code below a root", dyad.SeriesQuery{Interval: dyad.Month, Filter: dyad.EventFilter{Codes: []string{"036"}}},
			"2025-11-01 1 4.00 map[]\n2026-02-01 1 4.00 map[]\n", 4},
		{"nothing selected, dates given", dyad.SeriesQuery{Filter: dyad.EventFilter{Actor: "XXX", Since: day("2026-01-01"), Until: day("2026-01-04")}}, "", 3},
		{"nothing selected", dyad.SeriesQuery{Filter: dyad.EventFilter{Actor: "XXX"}}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sr, err := s.Series(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := seriesText(sr); got != tt.want || len(sr.Points) != tt.n {
				t.Errorf("got %d points:\n%s\nwant %d:\n%s", len(sr.Points), got, tt.n, tt.want)
			}
			for i, p := range sr.Points {
				if i > 0 && !p.Date.After(sr.Points[i-1].Date) {
					t.Errorf("points out of order at %d", i)
				}
				if p.Events > 0 && p.GoldsteinMean != p.GoldsteinSum/float64(p.Events) {
					t.Errorf("mean of %s", p.Date)
				}
			}
		})
	}
	sr, _ := s.Series(ctx, dyad.SeriesQuery{Interval: dyad.Week})
	if !sr.Since.Equal(day("2025-11-10")) || !sr.Until.Equal(day("2026-02-03")) || sr.Interval != dyad.Week || !sr.Points[0].Date.Equal(day("2025-11-10")) {
		t.Errorf("bounds from the data: %s .. %s, first %s", sr.Since, sr.Until, sr.Points[0].Date)
	}
	for _, bad := range []dyad.SeriesQuery{
		{Interval: "hour"},
		{By: "colour"},
		{Filter: dyad.EventFilter{Since: day("2026-01-02"), Until: day("2026-01-01")}},
		{Filter: dyad.EventFilter{Since: day("1990-01-01"), Until: day("2026-01-01")}},
	} {
		if _, err := s.Series(ctx, bad); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", bad, err)
		}
	}
}

func testDyads(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if ds, err := s.Dyads(ctx, dyad.DyadQuery{Rank: dyad.RankChange}); err != nil || ds == nil || len(ds) != 0 {
		t.Errorf("change in an empty store: %v %v", ds, err)
	}
	fill(t, s)
	text := func(ds []dyad.DyadStat) string {
		var b []string
		for _, d := range ds {
			b = append(b, fmt.Sprintf("%s>%s %d/%d/%d %.1f %d", d.Source, d.Target, d.Events, d.Cooperation, d.Conflict, d.GoldsteinSum, d.Previous))
		}
		return strings.Join(b, ", ")
	}
	tests := []struct {
		name string
		q    dyad.DyadQuery
		want string
	}{
		{"volume", dyad.DyadQuery{}, "RUS>UKR 2/1/1 -9.0 0, UKR>USA 2/2/0 5.0 0, USA>UKR 2/2/0 11.4 0, UKR>RUS 1/0/1 -2.0 0"},
		{"conflict", dyad.DyadQuery{Rank: dyad.RankConflict, Limit: 2}, "RUS>UKR 2/1/1 -9.0 0, UKR>RUS 1/0/1 -2.0 0"},
		{"period", dyad.DyadQuery{Filter: dyad.EventFilter{Since: day("2026-02-01")}}, "USA>UKR 2/2/0 11.4 0, UKR>USA 1/1/0 1.0 0"},
		{"actor and quad", dyad.DyadQuery{Filter: dyad.EventFilter{Actor: "UKR", QuadClasses: []int{1}}}, "UKR>USA 2/2/0 5.0 0, RUS>UKR 1/1/0 1.0 0, USA>UKR 1/1/0 4.0 0"},
		{"roots", dyad.DyadQuery{Filter: dyad.EventFilter{Roots: []string{"03"}}}, "UKR>USA 1/1/0 4.0 0, USA>UKR 1/1/0 4.0 0"},
		{"change over the last 30 days", dyad.DyadQuery{Rank: dyad.RankChange}, "RUS>UKR 2/1/1 -9.0 0, USA>UKR 2/2/0 11.4 0, UKR>RUS 1/0/1 -2.0 0, UKR>USA 1/1/0 1.0 0"},
		{"change over a period", dyad.DyadQuery{Rank: dyad.RankChange, Filter: dyad.EventFilter{Since: day("2026-01-10"), Until: day("2026-02-03")}},
			"USA>UKR 2/2/0 11.4 0, RUS>UKR 0/0/0 0.0 2, UKR>RUS 1/0/1 -2.0 0, UKR>USA 1/1/0 1.0 0"},
	}
	for _, tt := range tests {
		ds, err := s.Dyads(ctx, tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := text(ds); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		for _, d := range ds {
			if d.Change != d.Events-d.Previous || (d.Events > 0 && d.GoldsteinMean != d.GoldsteinSum/float64(d.Events)) {
				t.Errorf("%s: derived fields of %+v", tt.name, d)
			}
		}
	}
	for _, bad := range []dyad.DyadQuery{{Rank: "loudest"}, {Filter: dyad.EventFilter{PloverTypes: []string{"AID"}}},
		{Filter: dyad.EventFilter{Codes: []string{"036"}}}, {Rank: dyad.RankChange, Filter: dyad.EventFilter{Since: day("2026-02-01"), Until: day("2026-01-01")}}} {
		if _, err := s.Dyads(ctx, bad); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", bad, err)
		}
	}
}

func testActorEvents(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	fill(t, s)
	save(t, s, dyad.ArticleWrite{Article: article("s1", "Wire S", storyD), Events: []dyad.Event{event("s1", 0, "UGA", "UGA", "042", "2026-01-01")}})
	got, err := s.ActorEvents(ctx, []string{"UKR", "KEN", "XXX", "UGA"}, "", 10)
	if err != nil || !reflect.DeepEqual(got, map[string]int{"UKR": 7, "KEN": 1, "XXX": 0, "UGA": 1}) {
		t.Errorf("codes: %v %v", got, err)
	}
	got, err = s.ActorEvents(ctx, nil, "u", 2)
	if err != nil || !reflect.DeepEqual(got, map[string]int{"UKR": 7, "USA": 4}) {
		t.Errorf("prefix u, 2: %v %v", got, err)
	}
	got, err = s.ActorEvents(ctx, []string{"KEN"}, "R", 10)
	if err != nil || !reflect.DeepEqual(got, map[string]int{"KEN": 1, "RUS": 3}) {
		t.Errorf("codes and prefix: %v %v", got, err)
	}
}

func testSituations(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if ss, err := s.Situations(ctx); err != nil || ss == nil || len(ss) != 0 {
		t.Errorf("no situations: %v %v", ss, err)
	}
	sit := &dyad.Situation{Name: "Talks", Description: "Ceasefire talks", Actors: []string{"RUS"}, Dyads: [][2]string{{"RUS", "UKR"}},
		Codes: []string{"036", "04"}, Plover: []string{"CONSULT"}}
	if err := s.CreateSituation(ctx, sit); err != nil {
		t.Fatal(err)
	}
	if sit.ID == "" || sit.Created.IsZero() {
		t.Fatalf("created: %+v", sit)
	}
	other := &dyad.Situation{Name: "Other", Actors: []string{}, Dyads: [][2]string{}, Codes: []string{}, Plover: []string{}}
	if err := s.CreateSituation(ctx, other); err != nil {
		t.Fatal(err)
	}
	got, err := s.Situation(ctx, sit.ID)
	if err != nil || got.Name != "Talks" || got.Description != "Ceasefire talks" || !reflect.DeepEqual(got.Dyads, sit.Dyads) ||
		!reflect.DeepEqual(got.Codes, sit.Codes) || !reflect.DeepEqual(got.Plover, sit.Plover) || !reflect.DeepEqual(got.Actors, sit.Actors) ||
		!got.Created.Equal(sit.Created) {
		t.Errorf("situation: %+v %v", got, err)
	}
	if got, _ := s.Situation(ctx, other.ID); got == nil || got.Actors == nil || got.Dyads == nil || got.Codes == nil || got.Plover == nil {
		t.Errorf("empty lists come back empty, not null: %+v", got)
	}
	if ss, _ := s.Situations(ctx); len(ss) != 2 || ss[0].ID != other.ID || ss[1].ID != sit.ID {
		t.Errorf("situations, newest first: %+v", ss)
	}
	for _, id := range []string{"999999", "0", "-1", "x", "", "1.0", " 1"} {
		if _, err := s.Situation(ctx, id); !errors.Is(err, dyad.ErrNotFound) {
			t.Errorf("situation %q: %v, want ErrNotFound", id, err)
		}
		if err := s.DeleteSituation(ctx, id); !errors.Is(err, dyad.ErrNotFound) {
			t.Errorf("delete situation %q: %v, want ErrNotFound", id, err)
		}
	}

	r1 := &dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleThreshold, Codes: []string{"036"}, Threshold: 3, WindowDays: 7, Webhook: "http://127.0.0.1:9/hook"}
	if err := s.CreateRule(ctx, r1); err != nil {
		t.Fatal(err)
	}
	r2 := &dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleSpike, Codes: []string{}, Threshold: 3, WindowDays: 7, BaselineDays: 28, Factor: 2.5}
	if err := s.CreateRule(ctx, r2); err != nil {
		t.Fatal(err)
	}
	r3 := &dyad.AlertRule{SituationID: other.ID, Kind: dyad.RuleNewEvent, Codes: []string{}}
	if err := s.CreateRule(ctx, r3); err != nil {
		t.Fatal(err)
	}
	if r1.ID == "" || r1.Created.IsZero() || r1.ID == r2.ID {
		t.Fatalf("rule IDs: %q %q", r1.ID, r2.ID)
	}
	if err := s.CreateRule(ctx, &dyad.AlertRule{SituationID: "999999", Kind: dyad.RuleNewEvent}); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("a rule of a missing situation: %v, want ErrNotFound", err)
	}
	rules, err := s.Rules(ctx, sit.ID)
	if err != nil || len(rules) != 2 || rules[0].ID != r1.ID || rules[1].ID != r2.ID {
		t.Fatalf("rules, oldest first: %+v %v", rules, err)
	}
	g := rules[0]
	if g.SituationID != sit.ID || g.Kind != dyad.RuleThreshold || !reflect.DeepEqual(g.Codes, []string{"036"}) || g.Threshold != 3 ||
		g.WindowDays != 7 || g.Webhook != r1.Webhook || !g.Created.Equal(r1.Created) || g.State.Version != 0 {
		t.Errorf("rule round trip: %+v", g)
	}
	if g := rules[1]; g.BaselineDays != 28 || g.Factor != 2.5 || g.Codes == nil {
		t.Errorf("spike rule round trip: %+v", g)
	}
	if all, _ := s.Rules(ctx, ""); len(all) != 3 {
		t.Errorf("all rules: %d", len(all))
	}
	if none, err := s.Rules(ctx, "x"); err != nil || none == nil || len(none) != 0 {
		t.Errorf("rules of a bad ID: %v %v", none, err)
	}
	if err := s.DeleteRule(ctx, other.ID, r1.ID); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("deleting a rule through another situation: %v, want ErrNotFound", err)
	}
	if err := s.DeleteRule(ctx, sit.ID, r2.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRule(ctx, sit.ID, r2.ID); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	if err := s.RecordAlert(ctx, r1.ID, &dyad.Alert{Kind: dyad.RuleThreshold, Fired: time.Now(), Reason: "r"}, dyad.RuleState{}); err != nil {
		t.Fatal(err)
	}
	// Deleting a situation deletes its rules and their alerts.
	if err := s.DeleteSituation(ctx, sit.ID); err != nil {
		t.Fatal(err)
	}
	if rules, _ := s.Rules(ctx, sit.ID); len(rules) != 0 {
		t.Errorf("rules of a deleted situation: %+v", rules)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{}); len(as) != 0 {
		t.Errorf("alerts of a deleted situation: %+v", as)
	}
	if _, err := s.Situation(ctx, sit.ID); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("deleted situation: %v", err)
	}
	if err := s.RecordAlert(ctx, r1.ID, nil, dyad.RuleState{}); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("recording for a deleted rule: %v, want ErrNotFound", err)
	}
}

func testAlerts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	sit := &dyad.Situation{Name: "Watch", Actors: []string{"UKR"}, Dyads: [][2]string{}, Codes: []string{}, Plover: []string{}}
	if err := s.CreateSituation(ctx, sit); err != nil {
		t.Fatal(err)
	}
	r := &dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleThreshold, Codes: []string{}, Threshold: 1, WindowDays: 7}
	if err := s.CreateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	fired := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	a := &dyad.Alert{Kind: dyad.RuleThreshold, Fired: fired, Reason: "2 events in 7 days", Count: 2, EventIDs: []string{"e1", "e2"}}
	st := dyad.RuleState{HighWater: 5, Firing: true, Checked: fired, Version: 0}
	if err := s.RecordAlert(ctx, r.ID, a, st); err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.RuleID != r.ID || a.SituationID != sit.ID {
		t.Errorf("recorded alert: %+v", a)
	}
	// A state read before this update is stale.
	if err := s.RecordAlert(ctx, r.ID, &dyad.Alert{Kind: dyad.RuleThreshold, Fired: fired}, st); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("stale state: %v, want ErrConflict", err)
	}
	rules, _ := s.Rules(ctx, sit.ID)
	if got := rules[0].State; got.HighWater != 5 || !got.Firing || !got.Checked.Equal(fired) || got.Version != 1 {
		t.Errorf("rule state: %+v", got)
	}
	// Only the state: no alert.
	st2 := rules[0].State
	st2.Firing = false
	if err := s.RecordAlert(ctx, r.ID, nil, st2); err != nil {
		t.Fatal(err)
	}
	as, err := s.Alerts(ctx, dyad.AlertFilter{SituationID: sit.ID})
	if err != nil || len(as) != 1 {
		t.Fatalf("alerts: %+v %v", as, err)
	}
	g := as[0]
	if g.ID != a.ID || g.RuleID != r.ID || g.SituationName != "Watch" || g.Kind != dyad.RuleThreshold || !g.Fired.Equal(fired) ||
		g.Reason != a.Reason || g.Count != 2 || !slices.Equal(g.EventIDs, []string{"e1", "e2"}) || g.Delivered || g.Attempts != 0 {
		t.Errorf("alert round trip: %+v", g)
	}
	a2 := &dyad.Alert{Kind: dyad.RuleThreshold, Fired: fired.Add(time.Hour), Reason: "again", Delivered: true}
	rules, _ = s.Rules(ctx, sit.ID)
	if err := s.RecordAlert(ctx, r.ID, a2, rules[0].State); err != nil {
		t.Fatal(err)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{}); len(as) != 2 || as[0].ID != a2.ID || as[0].EventIDs == nil {
		t.Errorf("alerts, newest first, lists never null: %+v", as)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{Limit: 1}); len(as) != 1 {
		t.Errorf("limit: %d", len(as))
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{Undelivered: true}); len(as) != 1 || as[0].ID != a.ID {
		t.Errorf("undelivered: %+v", as)
	}
	if err := s.MarkDelivery(ctx, a.ID, false, "connection refused"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivery(ctx, a.ID, false, "timeout"); err != nil {
		t.Fatal(err)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{RuleID: r.ID, Undelivered: true}); len(as) != 1 || as[0].Attempts != 2 || as[0].LastError != "timeout" {
		t.Errorf("after two failed deliveries: %+v", as)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{Undelivered: true, MaxAttempts: 2}); len(as) != 0 {
		t.Errorf("undelivered below 2 attempts: %+v", as)
	}
	if err := s.MarkDelivery(ctx, a.ID, true, "ignored"); err != nil {
		t.Fatal(err)
	}
	if as, _ := s.Alerts(ctx, dyad.AlertFilter{RuleID: r.ID}); as[1].Attempts != 3 || !as[1].Delivered || as[1].LastError != "" {
		t.Errorf("after delivery: %+v", as[1])
	}
	for _, id := range []string{"999999", "x"} {
		if err := s.MarkDelivery(ctx, id, true, ""); !errors.Is(err, dyad.ErrNotFound) {
			t.Errorf("mark %q: %v, want ErrNotFound", id, err)
		}
	}
	for _, f := range []dyad.AlertFilter{{SituationID: "x"}, {RuleID: "999999"}} {
		if as, err := s.Alerts(ctx, f); err != nil || as == nil || len(as) != 0 {
			t.Errorf("%+v: %v %v", f, as, err)
		}
	}
}

func testEventsArrived(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if es, mark, err := s.EventsArrived(ctx, dyad.ArrivalQuery{}); err != nil || len(es) != 0 || mark != 0 {
		t.Errorf("empty store: %v %d %v", es, mark, err)
	}
	fill(t, s)
	all, mark, err := s.EventsArrived(ctx, dyad.ArrivalQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(all); got != "a1-0 a1-1 a1-2 b1-0 b1-1 b1-2 c1-0 c1-1" || mark <= 0 {
		t.Fatalf("every event in the order stored: %s, mark %d", got, mark)
	}
	if es, m, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{After: mark}); len(es) != 0 || m != mark {
		t.Errorf("nothing new: %s %d", ids(es), m)
	}
	// A limit cuts the list and returns the last mark read.
	first, m1, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{Limit: 3})
	rest, m2, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{After: m1})
	if ids(first) != "a1-0 a1-1 a1-2" || ids(rest) != "b1-0 b1-1 b1-2 c1-0 c1-1" || m1 >= m2 || m2 != mark {
		t.Errorf("limited: %s (%d) then %s (%d)", ids(first), m1, ids(rest), m2)
	}
	// The filter applies, dates do not.
	if es, m, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{Filter: dyad.EventFilter{Source: "USA", Since: day("2030-01-01"), Limit: 1}}); ids(es) != "b1-0 c1-0" || m != mark {
		t.Errorf("filtered: %s %d", ids(es), m)
	}
	// Re-storing an article gives its events new marks, after the others;
	// an old event arriving late is new too.
	b1, _ := s.Article(ctx, "b1")
	save(t, s, dyad.ArticleWrite{Article: b1, Events: []dyad.Event{ev("b1", 0, "USA", "GOV", "UKR", "0711", 2, 7.4, "2026-02-02", kyiv)}})
	save(t, s, dyad.ArticleWrite{Article: article("o1", "Wire O", storyD), Events: []dyad.Event{event("o1", 0, "UKR", "POL", "057", "1999-01-01")}})
	es, m3, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{After: mark})
	if ids(es) != "b1-0 o1-0" || m3 <= mark {
		t.Errorf("after re-storing b1 and a late event: %s %d", ids(es), m3)
	}
	// Events an alert of the rule listed are left out.
	sit := &dyad.Situation{Name: "S", Actors: []string{}, Dyads: [][2]string{}, Codes: []string{}, Plover: []string{}}
	if err := s.CreateSituation(ctx, sit); err != nil {
		t.Fatal(err)
	}
	r := &dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleNewEvent, Codes: []string{}}
	if err := s.CreateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.State.HighWater != m3 {
		t.Errorf("a new rule starts at the newest mark: %d, want %d", r.State.HighWater, m3)
	}
	if err := s.RecordAlert(ctx, r.ID, &dyad.Alert{Kind: dyad.RuleNewEvent, Fired: time.Now(), EventIDs: []string{"b1-0"}}, r.State); err != nil {
		t.Fatal(err)
	}
	if es, _, _ := s.EventsArrived(ctx, dyad.ArrivalQuery{After: mark, NotAlertedBy: r.ID}); ids(es) != "o1-0" {
		t.Errorf("not alerted by the rule: %s", ids(es))
	}
}

func testFeedState(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	st, err := s.FeedState(ctx, "https://example.org/feed")
	if err != nil || st.URL != "https://example.org/feed" || st.ETag != "" || !st.LastAttempt.IsZero() {
		t.Fatalf("unknown feed: %+v %v", st, err)
	}
	st.Name, st.ETag, st.LastModified, st.Failures, st.LastError = "ex", `"v1"`, "Tue, 03 Mar 2026 10:00:00 GMT", 2, "timeout"
	st.LastAttempt = time.Date(2026, 3, 4, 1, 2, 3, 456000000, time.UTC)
	if err := s.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	st.Failures, st.LastError, st.LastSuccess = 0, "", st.LastAttempt
	if err := s.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.FeedState(ctx, st.URL)
	if err != nil || !reflect.DeepEqual(got, st) {
		t.Errorf("round trip: %+v, want %+v (%v)", got, st, err)
	}
	if err := s.SaveFeedState(ctx, dyad.FeedState{}); err == nil {
		t.Error("a feed state without URL was saved")
	}
	if stats, _ := s.Stats(ctx); stats == nil || stats.Feeds != 1 {
		t.Errorf("feeds counted: %+v", stats)
	}
}

func testFailures(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if fs, err := s.Failures(ctx, 10); err != nil || len(fs) != 0 {
		t.Errorf("no failures: %v %v", fs, err)
	}
	for i := range 3 {
		if err := s.RecordFailure(ctx, fmt.Sprintf("feed.jsonl:%d", i+1), fmt.Errorf("bad JSON %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := s.Failures(ctx, 2)
	if err != nil || len(fs) != 2 || fs[0].Location != "feed.jsonl:3" || fs[0].Error != "bad JSON 2" || fs[1].Location != "feed.jsonl:2" || fs[0].At.IsZero() {
		t.Errorf("failures, newest first: %+v %v", fs, err)
	}
	if st, _ := s.Stats(ctx); st == nil || st.Failures != 3 {
		t.Errorf("failures counted: %+v", st)
	}
}

func testStatsAndPing(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	if s.Location() == "" {
		t.Error("no location")
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 0 || st.Events != 0 || !st.FirstEvent.IsZero() || st.Schema < 1 || st.ByRoot == nil {
		t.Errorf("empty store: %+v %v", st, err)
	}
	fill(t, s)
	save(t, s, dyad.ArticleWrite{Article: article("u1", "Wire U", storyD), Events: []dyad.Event{event("u1", 0, "KEN", "UGA", "042", "")}})
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 6 || st.Duplicates != 2 || st.Sources != 5 || st.Events != 9 || !st.FirstEvent.Equal(day("2025-11-10")) ||
		!st.LastEvent.Equal(day("2026-02-02")) || st.Bytes <= 0 ||
		!reflect.DeepEqual(st.ByRoot, map[string]int{"03": 2, "04": 3, "07": 1, "11": 1, "17": 1, "19": 1}) ||
		!reflect.DeepEqual(st.Codings, []dyad.CodingCount{{Dictionary: "d1", Model: "m1", Articles: 4}}) {
		t.Errorf("stats: %+v", st)
	}
}

// testConcurrentWriters has several writers store articles at once, each
// with copies of one shared original, as ingest and watch on different
// machines would: every event is stored once, and the report counts and
// the roll-up miss no update.
func testConcurrentWriters(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	orig := article("shared", "Wire 0", storyA)
	save(t, s, dyad.ArticleWrite{Article: orig, Events: []dyad.Event{event("shared", 0, "KEN", "TZA", "057", "2026-03-03")}})
	const writers, perWriter = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				id := fmt.Sprintf("w%d-%02d", w, i)
				text := fmt.Sprintf("Writer %d wrote article %d about %d things, the %dth of its kind.", w, i, w*100+i, i)
				batch := []dyad.ArticleWrite{
					{Article: article(id, fmt.Sprintf("Wire %d", w), text), Events: []dyad.Event{
						// Every writer adds to the same roll-up cells.
						event(id, 0, "USA", "CHN", "042", "2026-01-01"),
						event(id, 1, "CHN", "USA", "043", fmt.Sprintf("2026-01-%02d", 1+i%3)),
					}},
					{Article: duplicate(id+"-copy", fmt.Sprintf("Copy desk %d-%d", w, i%2), "shared", storyA, 1)},
				}
				if err := s.Save(ctx, batch); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, s, dyad.EventFilter{}); n != 1+writers*perWriter*2 {
		t.Errorf("%d events, want %d", n, 1+writers*perWriter*2)
	}
	es := events(t, s, dyad.EventFilter{ArticleID: "shared"})
	if len(es) != 1 || es[0].NumArticles != 1+writers*perWriter || es[0].NumSources != 1+writers*2 {
		t.Errorf("the shared original: %d reports from %d sources, want %d from %d", es[0].NumArticles, es[0].NumSources, 1+writers*perWriter, 1+writers*2)
	}
	ds, err := s.Dyads(ctx, dyad.DyadQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if (d.Source == "USA" || d.Source == "CHN") && d.Events != writers*perWriter {
			t.Errorf("roll-up %s->%s: %d, want %d", d.Source, d.Target, d.Events, writers*perWriter)
		}
	}
	checkRollup(t, s)
}

// testConcurrentRedelivery stores the same articles from several writers
// at once, as a queue redelivering a message to a second worker while the
// first still works on it: the store ends as if each was stored once.
func testConcurrentRedelivery(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	save(t, s, dyad.ArticleWrite{Article: article("o", "Wire O", storyB), Events: []dyad.Event{event("o", 0, "KEN", "UGA", "042", "2026-02-01")}})
	batch := func() []dyad.ArticleWrite {
		var b []dyad.ArticleWrite
		for i := range 8 {
			id := fmt.Sprintf("r%d", i)
			b = append(b, dyad.ArticleWrite{Article: article(id, "Wire R", fmt.Sprintf("Redelivered article %d on %d matters of state.", i, i*13)),
				Events: []dyad.Event{event(id, 0, "FRA", "DEU", "042", "2026-02-02"), event(id, 1, "DEU", "FRA", "043", "2026-02-02")}})
			b = append(b, dyad.ArticleWrite{Article: duplicate(id+"-copy", fmt.Sprintf("Copy %d", i), "o", storyB, 1)})
		}
		return b
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			if err := s.Save(ctx, batch()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, s, dyad.EventFilter{}); n != 17 {
		t.Errorf("%d events, want 17", n)
	}
	if es := events(t, s, dyad.EventFilter{ArticleID: "o"}); len(es) != 1 || es[0].NumArticles != 9 || es[0].NumSources != 9 {
		t.Errorf("the original: %+v", es)
	}
	if st, _ := s.Stats(ctx); st.Articles != 17 || st.Duplicates != 8 {
		t.Errorf("articles: %d, duplicates %d", st.Articles, st.Duplicates)
	}
	checkRollup(t, s)
}

// testArrivalsConcurrent reads the arrival marks while several writers
// store events: a reader that remembers its last mark sees every event
// exactly once, whatever order the writers commit in.
func testArrivalsConcurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	const writers, perWriter = 3, 15
	done := make(chan struct{})
	seen := map[string]int{}
	var readErr error
	go func() {
		defer close(done)
		var mark int64
		for finished := false; ; {
			if n, err := s.CountEvents(ctx, dyad.EventFilter{}); err != nil {
				readErr = err
				return
			} else if !finished && n == writers*perWriter*2 {
				finished = true // one more read after the last commit
			}
			es, m, err := s.EventsArrived(ctx, dyad.ArrivalQuery{After: mark, Limit: 7})
			if err != nil {
				readErr = err
				return
			}
			for _, e := range es {
				seen[e.ID]++
			}
			mark = m
			if finished && len(es) == 0 {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				id := fmt.Sprintf("c%d-%02d", w, i)
				err := s.Save(ctx, []dyad.ArticleWrite{{Article: article(id, "Wire", fmt.Sprintf("Concurrent article %d of writer %d, number %d.", i, w, w*1000+i)),
					Events: []dyad.Event{event(id, 0, "USA", "CHN", "042", "2026-01-01"), event(id, 1, "CHN", "USA", "042", "2026-01-01")}}})
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	<-done
	if readErr != nil {
		t.Fatal(readErr)
	}
	if len(seen) != writers*perWriter*2 {
		t.Errorf("the reader saw %d events, want %d", len(seen), writers*perWriter*2)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
}
