package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dedup"
	"github.com/dyad-events/dyad/sqlite"
)

// randomWrites makes batches of articles with random events: actors from a
// small set, codes from the codebook, dates over two years with some
// undated, places for some, and copies of earlier articles.
func randomWrites(seed uint64, articles int) [][]dyad.ArticleWrite {
	rng := rand.New(rand.NewPCG(seed, 7))
	actors := []string{"USA", "RUS", "UKR", "CHN", "KEN", "IGO", "FRA", ""}
	words := []string{"talks", "ceasefire", "Kyiv", "sanctions", "troops", "border", "aid", "U.S.", "envoy", "strike", "Zelenskyy's", "grain"}
	places := []*dyad.Place{nil, {Name: "Kyiv", Country: "UKR", Admin1: "Kyiv City", Lat: 50.45, Lon: 30.52, Precision: dyad.PlacePoint},
		{Name: "Nairobi", Country: "KEN", Admin1: "Nairobi", Lat: -1.29, Lon: 36.82, Precision: dyad.PlacePoint}}
	codes := cameo.Default().All()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var batches [][]dyad.ArticleWrite
	var batch []dyad.ArticleWrite
	var texts []string
	for i := range articles {
		id := fmt.Sprintf("r%04d", i)
		var text string
		for range 12 {
			text += words[rng.IntN(len(words))] + " "
		}
		text += fmt.Sprintf("number %d of %d.", i, rng.IntN(1000))
		a := &dyad.StoredArticle{Article: dyad.Article{ID: id, Source: fmt.Sprintf("Wire %d", rng.IntN(5)), Title: "T " + id, Text: text,
			URL: "https://example.org/" + id, Published: start.AddDate(0, 0, i)},
			Coding: dyad.Coding{Dictionary: "d", Model: "m", At: start.Add(time.Duration(i) * time.Second)}}
		if len(texts) > 0 && rng.IntN(6) == 0 {
			j := rng.IntN(len(texts))
			a.Text, a.DuplicateOf, a.Similarity, a.Coding = texts[j], fmt.Sprintf("r%04d", j), 1, dyad.Coding{}
			a.Fingerprint = dedup.Fingerprint(a.Text)
			batch = append(batch, dyad.ArticleWrite{Article: a})
			texts = append(texts, "(copy)")
		} else {
			a.Fingerprint = dedup.Fingerprint(text)
			var evs []dyad.Event
			for k := range rng.IntN(6) {
				c := codes[rng.IntN(len(codes))]
				e := dyad.Event{ID: fmt.Sprintf("%s-%d", id, k), Source: dyad.Actor{Code: actors[rng.IntN(len(actors)-1)], Role: []string{"", "GOV", "MIL"}[rng.IntN(3)]},
					Target: dyad.Actor{Code: actors[rng.IntN(len(actors))]}, DatePrecision: dyad.PrecisionDay,
					Provenance: dyad.Provenance{ArticleID: id, Sentence: rng.IntN(4), SentenceText: text, PatternID: "x"}}
				if rng.IntN(10) > 0 {
					e.Date = start.AddDate(0, 0, rng.IntN(700))
				} else {
					e.DatePrecision = dyad.PrecisionArticle
				}
				c.Fill(&e)
				e.Place = places[rng.IntN(len(places))]
				evs = append(evs, e)
			}
			batch = append(batch, dyad.ArticleWrite{Article: a, Events: evs})
			texts = append(texts, text)
		}
		if len(batch) == 1+rng.IntN(20) || i == articles-1 {
			batches = append(batches, batch)
			batch = nil
		}
	}
	return batches
}

// TestSameAnswersAsSQLite stores the same random data in both backends and
// asks both the API's questions: every answer must be the same (cursors,
// opaque to callers, aside).
func TestSameAnswersAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg := open(t)
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "same.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for _, b := range randomWrites(1, 400) {
		if err := lite.Save(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := pg.Save(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	stores := []dyad.Store{lite, pg}
	same := func(what string, get func(dyad.Store) (any, error)) {
		t.Helper()
		var want string
		for i, s := range stores {
			v, err := get(s)
			if err != nil {
				t.Fatalf("%s: %T: %v", what, s, err)
			}
			b := roundedJSON(v)
			if i == 0 {
				want = string(b)
			} else if string(b) != want {
				t.Errorf("%s differs:\nsqlite   %.600s\npostgres %.600s", what, want, b)
			}
		}
	}
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	filters := []dyad.EventFilter{
		{},
		{Actor: "USA"},
		{Dyad: [2]string{"RUS", "UKR"}},
		{Since: d("2024-06-01"), Until: d("2025-01-01")},
		{Until: d("2024-03-01")},
		{Codes: []string{"04", "190"}, QuadClasses: []int{1, 4}},
		{Query: "ceasefire Kyiv"},
		{Query: "U.S. grain"},
		{Near: &dyad.Circle{Lat: 50, Lon: 30, KM: 200}},
		{PlaceAdmin1: "NAIROBI", SourceRole: "GOV"},
		{Actors: []string{"KEN"}, Dyads: [][2]string{{"USA", "CHN"}}, PloverTypes: []string{"CONSULT", "ASSAULT"}},
	}
	for i, f := range filters {
		same(fmt.Sprintf("Events %d", i), func(s dyad.Store) (any, error) { return s.Events(ctx, f) })
		same(fmt.Sprintf("CountEvents %d", i), func(s dyad.Store) (any, error) { return s.CountEvents(ctx, f) })
		same(fmt.Sprintf("EachEvent %d", i), func(s dyad.Store) (any, error) {
			var ids []string
			err := s.EachEvent(ctx, f, func(e *dyad.StoredEvent) error { ids = append(ids, e.ID); return nil })
			return ids, err
		})
		for _, srt := range []dyad.EventSort{dyad.SortDate, dyad.SortArticles} {
			same(fmt.Sprintf("pages %d %s", i, srt), func(s dyad.Store) (any, error) {
				var ids []string
				g := f
				g.Limit, g.Sort = 7, srt
				for {
					p, err := s.EventPage(ctx, g)
					if err != nil {
						return nil, err
					}
					for _, e := range p.Events {
						ids = append(ids, e.ID)
					}
					if p.Next == "" {
						return ids, nil
					}
					g.Cursor = p.Next
				}
			})
		}
		for _, iv := range []dyad.Interval{dyad.Day, dyad.Week, dyad.Month} {
			same(fmt.Sprintf("Series %d %s", i, iv), func(s dyad.Store) (any, error) {
				return s.Series(ctx, dyad.SeriesQuery{Filter: f, Interval: iv, By: dyad.ByQuad})
			})
		}
	}
	for _, q := range []dyad.DyadQuery{{}, {Rank: dyad.RankConflict}, {Rank: dyad.RankChange}, {Filter: dyad.EventFilter{Since: d("2025-01-01")}, Limit: 5},
		{Rank: dyad.RankChange, Filter: dyad.EventFilter{Since: d("2024-06-01"), Until: d("2024-09-01"), Actor: "USA"}}} {
		same(fmt.Sprintf("Dyads %+v", q), func(s dyad.Store) (any, error) { return s.Dyads(ctx, q) })
	}
	same("ActorEvents", func(s dyad.Store) (any, error) { return s.ActorEvents(ctx, []string{"USA", "IGO"}, "u", 3) })
	same("Stats", func(s dyad.Store) (any, error) {
		st, err := s.Stats(ctx)
		if st != nil {
			st.Bytes, st.Schema = 0, 0 // the backends' own
		}
		return st, err
	})
	same("EventDetail", func(s dyad.Store) (any, error) { return s.EventDetail(ctx, "r0003-0") })
	same("EventsArrived", func(s dyad.Store) (any, error) {
		es, _, err := s.EventsArrived(ctx, dyad.ArrivalQuery{Filter: dyad.EventFilter{Actor: "UKR"}})
		var ids []string
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return ids, err
	})
}

// roundedJSON is v as JSON with every number rounded to 9 decimals: sums
// of Goldstein values added in another order differ in the last bits.
func roundedJSON(v any) string {
	b, _ := json.Marshal(v)
	var x any
	json.Unmarshal(b, &x)
	var round func(any) any
	round = func(v any) any {
		switch v := v.(type) {
		case float64:
			return math.Round(v*1e9) / 1e9
		case []any:
			for i := range v {
				v[i] = round(v[i])
			}
		case map[string]any:
			for k := range v {
				v[k] = round(v[k])
			}
		}
		return v
	}
	b, _ = json.Marshal(round(x))
	return string(b)
}
