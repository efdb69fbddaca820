package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// undatedStore holds three events: KEN->TZA dated 2026-03-03 and
// 2010-05-01, and one undated (its article gave no date).
func undatedStore(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	db := openTest(t)
	a := article("a1", "Example Wire", storyA)
	b := article("b1", "Example Wire", storyB)
	b.Published = time.Time{}
	undated := event("b1", 0, "KEN", "TZA", "036", "")
	undated.DatePrecision = dyad.PrecisionUnknown
	if err := db.Save(ctx, []dyad.ArticleWrite{
		{Article: a, Events: []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03"), event("a1", 1, "KEN", "TZA", "057", "2010-05-01")}},
		{Article: b, Events: []dyad.Event{undated}},
	}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestUndatedEvents checks that an undated event has no date anywhere:
// no date filter selects it (with only "to" it used to, as the empty date
// sorts below every date), Undated selects it alone, series leave it out,
// stats count it, and its JSON date is null with precision unknown.
func TestUndatedEvents(t *testing.T) {
	ctx := context.Background()
	db := undatedStore(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
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
			if err := db.EachEvent(ctx, tt.f, func(e *dyad.StoredEvent) error { got = append(got, e.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("EachEvent: %v, want %v", got, tt.want)
			}
			if n, err := db.CountEvents(ctx, tt.f); err != nil || n != len(tt.want) {
				t.Errorf("CountEvents: %d %v, want %d", n, err, len(tt.want))
			}
			page, err := db.EventPage(ctx, tt.f)
			if err != nil || len(page.Events) != len(tt.want) {
				t.Errorf("EventPage: %d events %v, want %d", len(page.Events), err, len(tt.want))
			}
		})
	}

	// Dyads: only "to" must not count the undated event either.
	ds, err := db.Dyads(ctx, dyad.DyadQuery{Filter: dyad.EventFilter{Until: day("2011-01-01")}})
	if err != nil || len(ds) != 1 || ds[0].Events != 1 {
		t.Errorf("dyads until 2011: %+v %v, want KEN->TZA with 1 event", ds, err)
	}
	ds, err = db.Dyads(ctx, dyad.DyadQuery{Filter: dyad.EventFilter{Undated: true}})
	if err != nil || len(ds) != 1 || ds[0].Events != 1 {
		t.Errorf("undated dyads: %+v %v, want KEN->TZA with 1 event", ds, err)
	}
	// A series has no bucket for an undated event.
	s, err := db.Series(ctx, dyad.SeriesQuery{Interval: dyad.Month})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, p := range s.Points {
		total += p.Events
	}
	if total != 2 || s.Since.Year() != 2010 {
		t.Errorf("series: %d events from %v, want 2 from 2010", total, s.Since)
	}

	st, err := db.Stats(ctx)
	if err != nil || st.Events != 3 || st.Undated != 1 || st.FirstEvent.Year() != 2010 || st.LastEvent.Year() != 2026 {
		t.Errorf("stats: %+v %v, want 3 events, 1 undated, 2010..2026", st, err)
	}

	d, err := db.EventDetail(ctx, "b1-0")
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

// TestMigrationUndated opens a schema-5 store whose undated event was
// stored with precision "article" and the zero time in its JSON: the
// migration gives it precision unknown and a null date.
func TestMigrationUndated(t *testing.T) {
	ctx := context.Background()
	path, old := oldStore(t, 5)
	for _, e := range []struct{ id, date, prec, js string }{
		{"u", "", "article", `{"id":"u","code":"057","date":"0001-01-01T00:00:00Z","date_precision":"article"}`},
		{"d", "2026-03-03", "article", `{"id":"d","code":"057","date":"2026-03-03T00:00:00Z","date_precision":"article"}`},
	} {
		if _, err := old.write.Exec(`INSERT INTO events(id, article, sentence, date, date_precision, source_code, source_role, target_code, target_role,
			code, root, quad_class, goldstein, plover_type, place_country, pattern_id, json) VALUES (?, 1, 0, ?, ?, 'KEN', '', 'TZA', '', '057', '05', 1, 8, '', '', 'p', ?)`,
			e.id, e.date, e.prec, e.js); err != nil {
			t.Fatal(err)
		}
	}
	old.write.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer os.Remove(path)
	for id, want := range map[string]dyad.DatePrecision{"u": dyad.PrecisionUnknown, "d": dyad.PrecisionArticle} {
		d, err := db.EventDetail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.DatePrecision != want || d.Date.IsZero() != (id == "u") {
			t.Errorf("%s after migration: %s %v, want %s", id, d.DatePrecision, d.Date, want)
		}
	}
	var prec string
	if err := db.read.QueryRow(`SELECT date_precision FROM events WHERE id = 'u'`).Scan(&prec); err != nil || prec != "unknown" {
		t.Errorf("column after migration: %q %v", prec, err)
	}
}

// oldStore makes a store at schema version n (the first n migrations)
// holding article a1, with its write connection open for the test to add
// rows as an older dyad stored them; the test closes it and opens the
// store with Open to migrate it.
func oldStore(t *testing.T, n int) (string, *DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	old := &DB{path: path, now: time.Now}
	var err error
	if old.write, err = sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)"); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(context.Background(), migrations[:n]); err != nil {
		t.Fatal(err)
	}
	if _, err := old.write.Exec(`INSERT INTO articles(id, text, hash, ingested_at) VALUES ('a1', 'x', 'h', 'now')`); err != nil {
		t.Fatal(err)
	}
	return path, old
}
