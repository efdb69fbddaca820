package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// Texts of the fixture's articles: distinct enough that none is a near
// duplicate of another.
const (
	storyA = "Kenya and Tanzania agreed on Tuesday to reopen three border crossings that were closed during a dispute over truck inspections. The crossings will reopen next week, and officers from both sides will inspect cargo at one shared post. Traders had complained for months about queues of lorries on both sides."
	storyB = "Fishermen on Lake Victoria said on Friday that their catches had fallen for a third year and asked the government to enforce limits on the size of nets used by trawlers."
	storyC = "The U.S. envoy met Zelenskyy's chief of staff in Kyiv on Monday to discuss a cease-fire along the front, officials in Kyiv said after the talks."
	storyD = "Parliament passed the budget on Thursday after a long debate about fuel subsidies, school fees and the pay of nurses in rural clinics."
)

// article returns an article with text, fingerprinted and stamped with the
// coding d1/m1.
func article(id, source, text string) *dyad.StoredArticle {
	return &dyad.StoredArticle{
		Article: dyad.Article{ID: id, Source: source, Text: text, Title: "Title of " + id, URL: "https://example.org/" + id,
			Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		Fingerprint: dedup.Fingerprint(text),
		Coding:      dyad.Coding{Dictionary: "d1", Model: "m1", At: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)},
	}
}

// duplicate returns a republication of orig under id from source.
func duplicate(id, source, orig, text string, sim float64) *dyad.StoredArticle {
	a := article(id, source, text)
	a.DuplicateOf, a.Similarity, a.Coding = orig, sim, dyad.Coding{}
	return a
}

// event returns event n of an article: src did code to tgt on date (an
// empty date: undated).
func event(art string, n int, src, tgt, code, date string) dyad.Event {
	var d time.Time
	prec := dyad.PrecisionDay
	if date != "" {
		var err error
		if d, err = time.Parse(time.DateOnly, date); err != nil {
			panic(err)
		}
	} else {
		prec = dyad.PrecisionArticle
	}
	return dyad.Event{
		ID:     fmt.Sprintf("%s-%d", art, n),
		Source: dyad.Actor{Code: src, Role: "GOV", Name: src + " government"}, Target: dyad.Actor{Code: tgt},
		Code: code, Root: code[:2], QuadClass: 1, Goldstein: 1.5, Date: d, DatePrecision: prec,
		PloverType: "CONSULT",
		Provenance: dyad.Provenance{ArticleID: art, Sentence: n, SentenceText: "Sentence " + fmt.Sprint(n) + ".", PatternID: "p." + code,
			SourceSpan: dyad.Span{Start: 0, End: 5}, TriggerSpan: dyad.Span{Start: 6, End: 10}, Flags: []dyad.Flag{dyad.FlagResolved}},
	}
}

// places of the fixture.
var (
	kharkiv = &dyad.Place{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkiv Oblast", Lat: 49.99, Lon: 36.23, Precision: dyad.PlacePoint, GeoNameID: 706483}
	kyiv    = &dyad.Place{Name: "Kyiv", Country: "UKR", Admin1: "Kyiv City", Lat: 50.45, Lon: 30.52, Precision: dyad.PlacePoint}
	moscow  = &dyad.Place{Name: "Moscow", Country: "RUS", Lat: 55.75, Lon: 37.62, Precision: dyad.PlacePoint}
)

// ev is event with a role, quad class, Goldstein value, PLOVER type and
// mode for its quad class, and a place.
func ev(art string, n int, src, srole, tgt, code string, quad int, g float64, date string, place *dyad.Place) dyad.Event {
	e := event(art, n, src, tgt, code, date)
	e.Source.Role = srole
	e.QuadClass, e.Goldstein, e.Place = quad, g, place
	e.PloverType = map[int]string{1: "CONSULT", 2: "AID", 3: "ACCUSE", 4: "ASSAULT"}[quad]
	e.PloverMode = map[int]string{1: "phone", 2: "", 3: "", 4: "aerial"}[quad]
	return e
}

// fill stores the query fixture: three coded articles with eight events
// between them, and two republications of a1 from two more sources.
//
//	a1 (Wire A): a1-0 RUS MIL->UKR 190 q4 -10 2026-01-05 Kharkiv
//	             a1-1 RUS GOV->UKR 0411 q1 1 2026-01-05 Moscow
//	             a1-2 UKR GOV->RUS 112 q3 -2 2026-01-20 Kyiv
//	b1 (Wire B): b1-0 USA GOV->UKR 0711 q2 7.4 2026-02-02 Kyiv
//	             b1-1 UKR ->USA 041 q1 1 2026-02-02
//	             b1-2 KEN COP-> 173 q4 -5 2025-12-30
//	c1 (Wire C): c1-0 USA GOV->UKR 036 q1 4 2026-02-02 Kyiv
//	             c1-1 UKR GOV->USA 036 q1 4 2025-11-10
//	a1-r0 (Wire C), a1-r1 (Wire D): copies of a1
func fill(t *testing.T, s dyad.Store) {
	t.Helper()
	ctx := context.Background()
	a1 := article("a1", "Wire A", storyA)
	a1.Text += " Russian forces struck Kharkiv overnight."
	a1.Fingerprint = dedup.Fingerprint(a1.Text)
	save(t, s,
		dyad.ArticleWrite{Article: a1, Events: []dyad.Event{
			ev("a1", 0, "RUS", "MIL", "UKR", "190", 4, -10, "2026-01-05", kharkiv),
			ev("a1", 1, "RUS", "GOV", "UKR", "0411", 1, 1, "2026-01-05", moscow),
			ev("a1", 2, "UKR", "GOV", "RUS", "112", 3, -2, "2026-01-20", kyiv),
		}},
		dyad.ArticleWrite{Article: article("b1", "Wire B", storyB), Events: []dyad.Event{
			ev("b1", 0, "USA", "GOV", "UKR", "0711", 2, 7.4, "2026-02-02", kyiv),
			ev("b1", 1, "UKR", "", "USA", "041", 1, 1, "2026-02-02", nil),
			ev("b1", 2, "KEN", "COP", "", "173", 4, -5, "2025-12-30", nil),
		}},
		dyad.ArticleWrite{Article: article("c1", "Wire C", storyC), Events: []dyad.Event{
			ev("c1", 0, "USA", "GOV", "UKR", "036", 1, 4, "2026-02-02", kyiv),
			ev("c1", 1, "UKR", "GOV", "USA", "036", 1, 4, "2025-11-10", nil),
		}},
	)
	for i, src := range []string{"Wire C", "Wire D"} {
		if err := s.Save(ctx, []dyad.ArticleWrite{{Article: duplicate(fmt.Sprintf("a1-r%d", i), src, "a1", a1.Text, 1)}}); err != nil {
			t.Fatal(err)
		}
	}
}

// save stores writes in one batch or fails the test.
func save(t testing.TB, s dyad.Store, writes ...dyad.ArticleWrite) {
	t.Helper()
	if err := s.Save(context.Background(), writes); err != nil {
		t.Fatal(err)
	}
}

// ids lists the events' IDs in order, space-separated.
func ids(es []dyad.StoredEvent) string {
	var s []string
	for _, e := range es {
		s = append(s, e.ID)
	}
	return strings.Join(s, " ")
}

func fp(v float64) *float64 { return &v }

// day parses a YYYY-MM-DD date.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// count returns CountEvents(f) or fails the test.
func count(t testing.TB, s dyad.Store, f dyad.EventFilter) int {
	t.Helper()
	n, err := s.CountEvents(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// events returns Events(f) or fails the test.
func events(t testing.TB, s dyad.Store, f dyad.EventFilter) []dyad.StoredEvent {
	t.Helper()
	es, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// checkRollup checks that the roll-up that series and rankings read agrees
// with the events themselves: a series split by root and quad class
// (counted from the roll-up) equals the same series with a condition only
// the events table can answer, and each dyad's volume equals its count of
// events.
func checkRollup(t *testing.T, s dyad.Store) {
	t.Helper()
	ctx := context.Background()
	all := -1e9
	for _, by := range []dyad.SeriesBy{dyad.ByRoot, dyad.ByQuad} {
		fromRollup, err := s.Series(ctx, dyad.SeriesQuery{Interval: dyad.Day, By: by})
		if err != nil {
			t.Fatal(err)
		}
		fromEvents, err := s.Series(ctx, dyad.SeriesQuery{Interval: dyad.Day, By: by, Filter: dyad.EventFilter{GoldsteinMin: &all}})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := seriesText(fromRollup), seriesText(fromEvents); a != b {
			t.Errorf("roll-up by %s:\n%s\nevents:\n%s", by, a, b)
		}
	}
	ds, err := s.Dyads(ctx, dyad.DyadQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if n := count(t, s, dyad.EventFilter{Source: d.Source, Target: d.Target}); n != d.Events {
			t.Errorf("dyad %s->%s: roll-up %d events, events table %d", d.Source, d.Target, d.Events, n)
		}
	}
}

// seriesText renders a series' non-empty points, one a line.
func seriesText(s *dyad.Series) string {
	var b strings.Builder
	for _, p := range s.Points {
		if p.Events == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s %d %.2f %v\n", p.Date.Format(time.DateOnly), p.Events, p.GoldsteinSum, p.Counts)
	}
	return b.String()
}
