package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// queryFixture stores a small, varied set of events for the query tests.
func queryFixture(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db := openTest(t)
	mk := func(art string, n int, src, srole, tgt, code string, quad int, g float64, date string, place *dyad.Place) dyad.Event {
		e := event(art, n, src, tgt, code, date)
		e.Source.Role = srole
		e.QuadClass, e.Goldstein, e.Place = quad, g, place
		e.PloverType = map[int]string{1: "CONSULT", 2: "AID", 3: "ACCUSE", 4: "ASSAULT"}[quad]
		e.PloverMode = map[int]string{1: "phone", 2: "", 3: "", 4: "aerial"}[quad]
		return e
	}
	kharkiv := &dyad.Place{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkiv Oblast", Lat: 49.99, Lon: 36.23, Precision: dyad.PlacePoint}
	kyiv := &dyad.Place{Name: "Kyiv", Country: "UKR", Admin1: "Kyiv City", Lat: 50.45, Lon: 30.52, Precision: dyad.PlacePoint}
	moscow := &dyad.Place{Name: "Moscow", Country: "RUS", Lat: 55.75, Lon: 37.62, Precision: dyad.PlacePoint}
	a1 := article("a1", "Wire A", storyA)
	a1.Text += " Russian forces struck Kharkiv overnight."
	if err := db.Save(ctx, []dyad.ArticleWrite{
		{Article: a1, Events: []dyad.Event{
			mk("a1", 0, "RUS", "MIL", "UKR", "190", 4, -10, "2026-01-05", kharkiv),
			mk("a1", 1, "RUS", "GOV", "UKR", "0411", 1, 1, "2026-01-05", moscow),
			mk("a1", 2, "UKR", "GOV", "RUS", "112", 3, -2, "2026-01-20", kyiv),
		}},
		{Article: article("b1", "Wire B", storyB), Events: []dyad.Event{
			mk("b1", 0, "USA", "GOV", "UKR", "0711", 2, 7.4, "2026-02-02", kyiv),
			mk("b1", 1, "UKR", "", "USA", "041", 1, 1, "2026-02-02", nil),
			mk("b1", 2, "KEN", "COP", "", "173", 4, -5, "2025-12-30", nil),
		}},
	}); err != nil {
		t.Fatal(err)
	}
	// Two republications of a1 from two more sources.
	for i, src := range []string{"Wire C", "Wire D"} {
		d := article(fmt.Sprintf("a1-r%d", i), src, a1.Text)
		d.DuplicateOf, d.Similarity, d.Coding = "a1", 1, dyad.Coding{}
		if err := db.SaveDuplicate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func ids(es []dyad.StoredEvent) string {
	var s []string
	for _, e := range es {
		s = append(s, e.ID)
	}
	return strings.Join(s, " ")
}

func fp(v float64) *float64 { return &v }

func TestEventPageFilters(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		name string
		f    dyad.EventFilter
		want string
	}{
		{"all, newest first", dyad.EventFilter{}, "b1-0 b1-1 a1-2 a1-0 a1-1 b1-2"},
		{"by reports", dyad.EventFilter{Sort: dyad.SortArticles}, "a1-2 a1-0 a1-1 b1-0 b1-1 b1-2"},
		{"source role", dyad.EventFilter{Source: "RUS", SourceRole: "MIL"}, "a1-0"},
		{"target role", dyad.EventFilter{TargetRole: "GOV"}, ""},
		{"dyad either way", dyad.EventFilter{Dyad: [2]string{"UKR", "USA"}}, "b1-0 b1-1"},
		{"code prefix", dyad.EventFilter{Codes: []string{"041"}}, "b1-1 a1-1"},
		{"code prefix, deeper", dyad.EventFilter{Codes: []string{"0411"}}, "a1-1"},
		{"roots", dyad.EventFilter{Roots: []string{"19", "17"}}, "a1-0 b1-2"},
		{"quad classes", dyad.EventFilter{QuadClasses: []int{3, 4}}, "a1-2 a1-0 b1-2"},
		{"plover type", dyad.EventFilter{PloverTypes: []string{"AID"}}, "b1-0"},
		{"plover mode", dyad.EventFilter{PloverModes: []string{"aerial"}}, "a1-0 b1-2"},
		{"goldstein range", dyad.EventFilter{GoldsteinMin: fp(-5), GoldsteinMax: fp(1)}, "b1-1 a1-2 a1-1 b1-2"},
		{"place country", dyad.EventFilter{PlaceCountry: "UKR"}, "b1-0 a1-2 a1-0"},
		{"admin1, any case", dyad.EventFilter{PlaceAdmin1: "kharkiv oblast"}, "a1-0"},
		{"within 100 km of Kharkiv", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.0, Lon: 36.3, KM: 100}}, "a1-0"},
		{"within 500 km of Kharkiv (Kyiv)", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.0, Lon: 36.3, KM: 500}}, "b1-0 a1-2 a1-0"},
		{"within 700 km of Kharkiv (Moscow)", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.0, Lon: 36.3, KM: 700}}, "b1-0 a1-2 a1-0 a1-1"},
		{"across the antimeridian", dyad.EventFilter{Near: &dyad.Circle{Lat: 50.0, Lon: 36.3 - 360, KM: 100}}, "a1-0"},
		{"dates", dyad.EventFilter{Since: day("2026-01-01"), Until: day("2026-02-01")}, "a1-2 a1-0 a1-1"},
		{"text", dyad.EventFilter{Query: "overnight"}, "a1-2 a1-0 a1-1"},
		{"SQL in a value", dyad.EventFilter{Source: "RUS' OR 1=1 --", PlaceAdmin1: `"; DROP TABLE events; --`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := db.EventPage(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p.Events); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if p.Next != "" {
				t.Errorf("a page without limit has a next cursor")
			}
			n, err := db.CountEvents(ctx, tt.f)
			if err != nil || n != len(p.Events) {
				t.Errorf("count %d %v, want %d", n, err, len(p.Events))
			}
		})
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{}); n != 6 {
		t.Errorf("the injection attempt changed the store: %d events", n)
	}
}

func TestEventPageCursor(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	for _, srt := range []dyad.EventSort{dyad.SortDate, dyad.SortArticles} {
		t.Run(string(srt), func(t *testing.T) {
			all, err := db.EventPage(ctx, dyad.EventFilter{Sort: srt})
			if err != nil {
				t.Fatal(err)
			}
			for size := 1; size <= 7; size++ {
				var got []dyad.StoredEvent
				f := dyad.EventFilter{Sort: srt, Limit: size}
				for pages := 0; ; pages++ {
					if pages > 10 {
						t.Fatal("no end of pages")
					}
					p, err := db.EventPage(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, p.Events...)
					if p.Next == "" {
						break
					}
					f.Cursor = p.Next
				}
				if ids(got) != ids(all.Events) {
					t.Errorf("pages of %d: %q, want %q", size, ids(got), ids(all.Events))
				}
			}
		})
	}
	p, _ := db.EventPage(ctx, dyad.EventFilter{Limit: 2})
	for _, tt := range []struct {
		name string
		f    dyad.EventFilter
	}{
		{"garbage", dyad.EventFilter{Cursor: "not a cursor!"}},
		{"base64 of garbage", dyad.EventFilter{Cursor: "aGVsbG8"}},
		{"another sort's cursor", dyad.EventFilter{Cursor: p.Next, Sort: dyad.SortArticles}},
		{"unknown sort", dyad.EventFilter{Sort: "random"}},
	} {
		if _, err := db.EventPage(ctx, tt.f); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tt.name, err)
		}
	}
}

// TestEventPageConcurrentInserts pages through the events while another
// goroutine stores more: every event stored before the first page is seen
// exactly once.
func TestEventPageConcurrentInserts(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	save := func(prefix string, n int, day time.Time) {
		var batch []dyad.ArticleWrite
		for i := range n {
			id := fmt.Sprintf("%s%03d", prefix, i)
			a := article(id, "W", fmt.Sprintf("Story %s about talks number %d.", id, i))
			a.Fingerprint = dedup.Fingerprint(a.Text)
			d := day.AddDate(0, 0, i%40).Format(time.DateOnly)
			batch = append(batch, dyad.ArticleWrite{Article: a, Events: []dyad.Event{event(id, 0, "RUS", "UKR", "040", d), event(id, 1, "UKR", "RUS", "040", d)}})
		}
		if err := db.Save(ctx, batch); err != nil {
			t.Error(err)
		}
	}
	save("old", 200, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	before, _ := db.EventPage(ctx, dyad.EventFilter{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			// New events on the same days as the old ones, before and
			// after the pages already read.
			save(fmt.Sprintf("new%02d-", i), 10, time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC))
		}
	}()
	seen := map[string]int{}
	f := dyad.EventFilter{Limit: 7}
	for {
		p, err := db.EventPage(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			seen[e.ID]++
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	<-done
	for _, e := range before.Events {
		if seen[e.ID] != 1 {
			t.Errorf("event %s seen %d times", e.ID, seen[e.ID])
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("event %s seen %d times", id, n)
		}
	}
}

func TestEventDetail(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	a, _ := db.Article(ctx, "a1")
	// Give a1-0 real provenance: its sentence and spans in the text.
	e := event("a1", 0, "RUS", "UKR", "190", "2026-01-05")
	sent := "Russian forces struck Kharkiv overnight."
	off := strings.Index(a.Text, sent)
	e.Provenance.SentenceText = sent
	e.Provenance.SourceSpan = dyad.Span{Start: off, End: off + 14}
	e.Provenance.TriggerSpan = dyad.Span{Start: off + 15, End: off + 21}
	e.Provenance.TargetSpan = dyad.Span{Start: 0, End: 5} // another sentence: left out
	e.Place = &dyad.Place{Name: "Kharkiv", Country: "UKR", Span: dyad.Span{Start: off + 22, End: off + 29}}
	if err := db.SaveArticle(ctx, a, []dyad.Event{e}); err != nil {
		t.Fatal(err)
	}
	d, err := db.EventDetail(ctx, "a1-0")
	if err != nil {
		t.Fatal(err)
	}
	wantH := []dyad.Highlight{{Kind: "source", Start: 0, End: 14, Text: "Russian forces"},
		{Kind: "trigger", Start: 15, End: 21, Text: "struck"}, {Kind: "place", Start: 22, End: 29, Text: "Kharkiv"}}
	if !reflect.DeepEqual(d.Highlights, wantH) {
		t.Errorf("highlights %+v, want %+v", d.Highlights, wantH)
	}
	var reps []string
	for _, r := range d.Reports {
		reps = append(reps, fmt.Sprintf("%s/%s/%v", r.ArticleID, r.Source, r.Original))
	}
	if got := strings.Join(reps, " "); got != "a1/Wire A/true a1-r0/Wire C/false a1-r1/Wire D/false" || d.NumArticles != 3 || d.NumSources != 3 {
		t.Errorf("reports %s (%d articles, %d sources)", got, d.NumArticles, d.NumSources)
	}
	if _, err := db.EventDetail(ctx, "nope"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
}

// TestSeries checks the series against counts made by hand, and that the
// roll-up path and the events path agree.
func TestSeries(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	s, err := db.Series(ctx, dyad.SeriesQuery{Filter: dyad.EventFilter{Actor: "UKR", Since: day("2026-01-01"), Until: day("2026-03-01")},
		Interval: dyad.Month, By: dyad.ByQuad})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Points {
		got = append(got, fmt.Sprintf("%s:%d:%.1f:%v", p.Date.Format(time.DateOnly), p.Events, p.GoldsteinSum, p.Counts))
	}
	want := "2026-01-01:3:-11.0:map[1:1 3:1 4:1] 2026-02-01:2:8.4:map[1:1 2:1]"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}

	// Weekly, zero-filled, Monday buckets; from the first to the last event.
	s, err = db.Series(ctx, dyad.SeriesQuery{Interval: dyad.Week})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) != 6 || s.Points[0].Date != day("2025-12-29") || s.Points[0].Events != 1 || s.Points[1].Events != 2 ||
		s.Points[2].Events != 0 || s.Points[2].GoldsteinMean != 0 || s.Points[5].Date != day("2026-02-02") {
		t.Errorf("weekly: %+v", s.Points)
	}

	// The same filter through the roll-up and through the events table
	// (a Goldstein bound that holds for every event forces the latter).
	for _, f := range []dyad.EventFilter{{}, {Dyad: [2]string{"RUS", "UKR"}}, {Source: "UKR", Roots: []string{"04", "11"}}, {QuadClasses: []int{1, 4}, Codes: []string{"19"}}} {
		for _, by := range []dyad.SeriesBy{dyad.ByNone, dyad.ByQuad, dyad.ByRoot} {
			fast, err1 := db.Series(ctx, dyad.SeriesQuery{Filter: f, By: by})
			f2 := f
			f2.GoldsteinMin = fp(-100)
			slow, err2 := db.Series(ctx, dyad.SeriesQuery{Filter: f2, By: by})
			if err1 != nil || err2 != nil || !reflect.DeepEqual(fast, slow) {
				t.Errorf("%+v by %q: roll-up %+v (%v), events %+v (%v)", f, by, fast, err1, slow, err2)
			}
		}
	}

	for _, q := range []dyad.SeriesQuery{
		{Interval: "hour"},
		{By: "colour"},
		{Filter: dyad.EventFilter{Since: day("1900-01-01"), Until: day("2026-01-01")}},
		{Filter: dyad.EventFilter{Since: day("2026-01-01"), Until: day("2025-01-01")}},
	} {
		if _, err := db.Series(ctx, q); !errors.Is(err, dyad.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", q, err)
		}
	}
	empty, err := db.Series(ctx, dyad.SeriesQuery{Filter: dyad.EventFilter{Actor: "FRA"}})
	if err != nil || len(empty.Points) != 0 {
		t.Errorf("no events: %+v %v", empty, err)
	}
}

func TestDyads(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	show := func(ds []dyad.DyadStat) string {
		var s []string
		for _, d := range ds {
			s = append(s, fmt.Sprintf("%s>%s:%d/%d/%d:%.1f:%d", d.Source, d.Target, d.Events, d.Cooperation, d.Conflict, d.GoldsteinMean, d.Previous))
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name string
		q    dyad.DyadQuery
		want string
	}{
		{"volume", dyad.DyadQuery{}, "RUS>UKR:2/1/1:-4.5:0 UKR>RUS:1/0/1:-2.0:0 UKR>USA:1/1/0:1.0:0 USA>UKR:1/1/0:7.4:0"},
		{"conflict", dyad.DyadQuery{Rank: dyad.RankConflict, Limit: 2}, "RUS>UKR:2/1/1:-4.5:0 UKR>RUS:1/0/1:-2.0:0"},
		{"change, last 30 days", dyad.DyadQuery{Rank: dyad.RankChange}, "RUS>UKR:2/1/1:-4.5:0 UKR>RUS:1/0/1:-2.0:0 UKR>USA:1/1/0:1.0:0 USA>UKR:1/1/0:7.4:0"},
		{"change, February against January", dyad.DyadQuery{Rank: dyad.RankChange, Filter: dyad.EventFilter{Since: day("2026-02-01"), Until: day("2026-03-01")}},
			"RUS>UKR:0/0/0:0.0:2 UKR>USA:1/1/0:1.0:0 USA>UKR:1/1/0:7.4:0 UKR>RUS:0/0/0:0.0:1"},
		{"actor", dyad.DyadQuery{Filter: dyad.EventFilter{Actor: "USA"}}, "UKR>USA:1/1/0:1.0:0 USA>UKR:1/1/0:7.4:0"},
	}
	for _, tt := range tests {
		ds, err := db.Dyads(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		// Ties are in code order; "change" puts the biggest moves first.
		if got := show(ds); got != tt.want {
			t.Errorf("%s: got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	if _, err := db.Dyads(ctx, dyad.DyadQuery{Filter: dyad.EventFilter{Query: "x"}}); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("text filter: %v", err)
	}
	if _, err := db.Dyads(ctx, dyad.DyadQuery{Rank: "best"}); !errors.Is(err, dyad.ErrInvalid) {
		t.Errorf("unknown rank: %v", err)
	}
}

func TestActorEvents(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	got, err := db.ActorEvents(ctx, []string{"RUS", "FRA"}, "u", 5)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"RUS": 3, "FRA": 0, "UKR": 5, "USA": 2}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, _ := db.ActorEvents(ctx, nil, "%", 5); len(got) != 0 {
		t.Errorf("a LIKE wildcard matched: %v", got)
	}
}

func BenchmarkEventPage(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	var batch []dyad.ArticleWrite
	for i := range 2000 {
		id := fmt.Sprintf("x%05d", i)
		d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365).Format(time.DateOnly)
		batch = append(batch, dyad.ArticleWrite{Article: article(id, "W", "Text of "+id), Events: []dyad.Event{event(id, 0, "RUS", "UKR", "190", d), event(id, 1, "UKR", "RUS", "042", d)}})
	}
	if err := db.Save(ctx, batch); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.EventPage(ctx, dyad.EventFilter{Source: "RUS", Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
