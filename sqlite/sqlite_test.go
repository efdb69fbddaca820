package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func article(id, source, text string) *dyad.StoredArticle {
	return &dyad.StoredArticle{
		Article:     dyad.Article{ID: id, Source: source, Text: text, Title: "Title of " + id, Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)},
		Fingerprint: dedup.Fingerprint(text),
		Coding:      dyad.Coding{Dictionary: "d1", Model: "m1", At: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)},
	}
}

func event(article string, n int, src, tgt, code, date string) dyad.Event {
	d, _ := time.Parse(time.DateOnly, date)
	return dyad.Event{
		ID:     fmt.Sprintf("%s-%d", article, n),
		Source: dyad.Actor{Code: src, Role: "GOV"}, Target: dyad.Actor{Code: tgt},
		Code: code, Root: code[:2], QuadClass: 1, Goldstein: 1.5, Date: d, DatePrecision: dyad.PrecisionDay,
		Provenance: dyad.Provenance{ArticleID: article, Sentence: n, PatternID: "p." + code},
	}
}

const storyA = "Kenya and Tanzania agreed on Tuesday to reopen three border crossings that were closed during a dispute over truck inspections. The crossings will reopen next week, and officers from both sides will inspect cargo at one shared post. Traders had complained for months about queues of lorries on both sides."
const storyB = "Fishermen on Lake Victoria said on Friday that their catches had fallen for a third year and asked the government to enforce limits on the size of nets used by trawlers."

func TestArticlesAndEvents(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := article("a1", "Example Wire", storyA)
	if st, err := db.ArticleState(ctx, "a1", a.Fingerprint.Hash); err != nil || st != dyad.ArticleNew {
		t.Fatalf("before: %v %v", st, err)
	}
	evs := []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03"), event("a1", 1, "TZA", "KEN", "057", "2026-03-03")}
	if err := db.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.ArticleState(ctx, "a1", a.Fingerprint.Hash); st != dyad.ArticleUnchanged {
		t.Errorf("same text: %v", st)
	}
	if st, _ := db.ArticleState(ctx, "a1", "other"); st != dyad.ArticleUpdated {
		t.Errorf("other text: %v", st)
	}
	got, err := db.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != storyA || got.Source != "Example Wire" || !got.Published.Equal(a.Published) || got.Coding.Dictionary != "d1" ||
		dedup.Similarity(got.Fingerprint.MinHash, a.Fingerprint.MinHash) != 1 || len(got.Fingerprint.Bands) != dedup.NumBands {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := db.Article(ctx, "missing"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	es, err := db.Events(ctx, dyad.EventFilter{})
	if err != nil || len(es) != 2 {
		t.Fatalf("events: %v %v", es, err)
	}
	if es[0].NumArticles != 1 || es[0].NumSources != 1 || es[0].Provenance.PatternID != "p.057" || es[0].Coding.Model != "m1" {
		t.Errorf("stored event: %+v", es[0])
	}

	// Re-coding replaces the events atomically.
	a.Coding.Dictionary = "d2"
	if err := db.SaveArticle(ctx, a, []dyad.Event{event("a1", 5, "KEN", "UGA", "042", "2026-03-02")}); err != nil {
		t.Fatal(err)
	}
	es, _ = db.Events(ctx, dyad.EventFilter{})
	if len(es) != 1 || es[0].Target.Code != "UGA" || es[0].Coding.Dictionary != "d2" {
		t.Errorf("after re-coding: %+v", es)
	}
	checkRollup(t, db)

	// A failing write leaves the earlier events in place.
	bad := []dyad.Event{event("a1", 7, "KEN", "ETH", "036", "2026-03-02"), {}}
	if err := db.SaveArticle(ctx, a, bad); err == nil || !strings.Contains(err.Error(), "a1") {
		t.Errorf("bad event: %v", err)
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{}); n != 1 {
		t.Errorf("after a failed write: %d events, want the 1 from before", n)
	}
	// Two events with one ID in a batch are stored once.
	twice := []dyad.Event{event("a1", 8, "KEN", "ETH", "036", "2026-03-02"), event("a1", 8, "KEN", "ETH", "036", "2026-03-02")}
	if err := db.SaveArticle(ctx, a, twice); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{}); n != 1 {
		t.Errorf("duplicate IDs: %d events", n)
	}
	checkRollup(t, db)
}

func TestDuplicates(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	orig := article("a1", "Example Wire", storyA)
	if err := db.SaveArticle(ctx, orig, []dyad.Event{event("a1", 0, "KEN", "TZA", "057", "2026-03-03")}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveArticle(ctx, article("b1", "Lake Daily", storyB), nil); err != nil {
		t.Fatal(err)
	}

	exact := article("a2", "Harbour Post", storyA)
	d, err := db.FindDuplicate(ctx, exact.Fingerprint, dedup.DefaultMinSimilarity)
	if err != nil || d == nil || d.ArticleID != "a1" || d.Similarity != 1 {
		t.Fatalf("exact copy: %+v %v", d, err)
	}
	near := article("a3", "Harbour Post", "DAR ES SALAAM - "+storyA+" The regional bloc welcomed the deal.")
	d, err = db.FindDuplicate(ctx, near.Fingerprint, dedup.DefaultMinSimilarity)
	if err != nil || d == nil || d.ArticleID != "a1" || d.Similarity >= 1 || d.Similarity < dedup.DefaultMinSimilarity {
		t.Fatalf("near copy: %+v %v", d, err)
	}
	if d, _ := db.FindDuplicate(ctx, dedup.Fingerprint("Parliament passed the budget on Thursday after a long debate about fuel subsidies."), dedup.DefaultMinSimilarity); d != nil {
		t.Errorf("unrelated text matched %+v", d)
	}

	for _, dup := range []*dyad.StoredArticle{exact, near, article("a4", "Example Wire", storyA)} {
		dup.DuplicateOf, dup.Similarity, dup.Coding = "a1", 0.9, dyad.Coding{}
		if err := db.SaveDuplicate(ctx, dup); err != nil {
			t.Fatal(err)
		}
	}
	es, err := db.Events(ctx, dyad.EventFilter{})
	if err != nil || len(es) != 1 {
		t.Fatalf("events: %+v %v", es, err)
	}
	if es[0].NumArticles != 4 || es[0].NumSources != 2 {
		t.Errorf("counts: %d articles, %d sources; want 4, 2", es[0].NumArticles, es[0].NumSources)
	}
	// A duplicate of a duplicate links to the first article, and a
	// duplicate is never itself a match for later articles.
	chain := article("a5", "Lake Daily", storyA)
	chain.DuplicateOf = "a3"
	if err := db.SaveDuplicate(ctx, chain); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Article(ctx, "a5"); got.DuplicateOf != "a1" {
		t.Errorf("chained duplicate links to %q", got.DuplicateOf)
	}
	var mentions int
	if err := db.read.QueryRow(`SELECT count(*) FROM event_mentions`).Scan(&mentions); err != nil || mentions != 5 {
		t.Errorf("event_mentions: %d %v", mentions, err)
	}
	if err := db.SaveDuplicate(ctx, &dyad.StoredArticle{Article: dyad.Article{ID: "x"}, DuplicateOf: "nope"}); err == nil {
		t.Error("duplicate of a missing article: no error")
	}
	var originals []string
	if err := db.EachOriginal(ctx, func(a *dyad.StoredArticle) error { originals = append(originals, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(originals, ",") != "a1,b1" {
		t.Errorf("originals: %v", originals)
	}
	if st, err := db.Stats(ctx); err != nil || st.Events != 1 {
		t.Fatalf("stats: %+v %v", st, err)
	}
	checkRollup(t, db)
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 6 || st.Duplicates != 4 || st.Sources != 3 || st.Events != 1 || st.ByRoot["05"] != 1 || st.Bytes == 0 || st.Schema != SchemaVersion() {
		t.Errorf("stats: %+v", st)
	}
}

func TestEventFilters(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.SaveArticle(ctx, article("a1", "W", storyA), []dyad.Event{
		event("a1", 0, "KEN", "TZA", "057", "2026-03-03"),
		event("a1", 1, "TZA", "KEN", "057", "2026-03-03"),
		event("a1", 2, "KEN", "UGA", "0356", "2026-02-10"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveArticle(ctx, article("b1", "W", storyB), []dyad.Event{event("b1", 0, "UGA", "", "173", "2025-12-31")}); err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		name string
		f    dyad.EventFilter
		want string
	}{
		{"all, newest first", dyad.EventFilter{}, "a1-0 a1-1 a1-2 b1-0"},
		{"actor", dyad.EventFilter{Actor: "UGA"}, "a1-2 b1-0"},
		{"dyad", dyad.EventFilter{Source: "KEN", Target: "TZA"}, "a1-0"},
		{"root and code", dyad.EventFilter{Codes: []string{"05", "173"}}, "a1-0 a1-1 b1-0"},
		{"dates", dyad.EventFilter{Since: day("2026-01-01"), Until: day("2026-03-03")}, "a1-2"},
		{"article", dyad.EventFilter{ArticleID: "b1"}, "b1-0"},
		{"full text", dyad.EventFilter{Query: "lorries"}, "a1-0 a1-1 a1-2"},
		{"query syntax is read as words", dyad.EventFilter{Query: `"Lake" -OR ( AND`}, ""},
		{"limit and offset", dyad.EventFilter{Limit: 2, Offset: 1}, "a1-1 a1-2"},
		{"offset only", dyad.EventFilter{Offset: 3}, "b1-0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := db.Events(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range es {
				ids = append(ids, e.ID)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			var streamed []string
			if err := db.EachEvent(ctx, tt.f, func(e *dyad.StoredEvent) error { streamed = append(streamed, e.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(streamed) != len(ids) {
				t.Errorf("EachEvent gave %v, Events %v", streamed, ids)
			}
			n, err := db.CountEvents(ctx, tt.f)
			if tt.f.Limit == 0 && tt.f.Offset == 0 && (err != nil || n != len(ids)) {
				t.Errorf("count %d %v, want %d", n, err, len(ids))
			}
		})
	}
}

func TestReopenAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveArticle(ctx, article("a1", "W", storyA), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`INSERT INTO schema_migrations(version, applied_at) VALUES (?, 'x')`, SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("store from a newer dyad: %v", err)
	}
	db, _ = Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	db.Close()
	if db2, err := Open(ctx, db.Path()); err != nil {
		t.Errorf("reopen: %v", err)
	} else {
		db2.Close()
	}
	if _, err := Open(ctx, ""); err == nil {
		t.Error("empty path: no error")
	}
}

func TestFeedStateAndFailures(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	s, err := db.FeedState(ctx, "https://example.org/feed")
	if err != nil || s.URL != "https://example.org/feed" || s.ETag != "" {
		t.Fatalf("unknown feed: %+v %v", s, err)
	}
	s.Name, s.ETag, s.LastModified, s.Failures, s.LastError = "ex", `"v1"`, "Tue, 03 Mar 2026 10:00:00 GMT", 2, "timeout"
	s.LastAttempt = time.Date(2026, 3, 4, 1, 2, 3, 0, time.UTC)
	if err := db.SaveFeedState(ctx, s); err != nil {
		t.Fatal(err)
	}
	s.Failures = 0
	if err := db.SaveFeedState(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.FeedState(ctx, s.URL)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("round trip: %+v, want %+v (%v)", got, s, err)
	}
	if err := db.RecordFailure(ctx, "feed.jsonl:3", errors.New("bad JSON")); err != nil {
		t.Fatal(err)
	}
	fs, err := db.Failures(ctx, 10)
	if err != nil || len(fs) != 1 || fs[0].Location != "feed.jsonl:3" || fs[0].Error != "bad JSON" || fs[0].At.IsZero() {
		t.Errorf("failures: %+v %v", fs, err)
	}
}

func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		id := fmt.Sprintf("a%d", i)
		a := article(id, "W", fmt.Sprintf("%s Story number %d.", storyA, i))
		evs := []dyad.Event{event(id, 0, "KEN", "TZA", "057", "2026-03-03"), event(id, 1, "TZA", "KEN", "057", "2026-03-03"), event(id, 2, "KEN", "UGA", "0356", "2026-02-10")}
		if err := db.SaveArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkFindDuplicate looks up near-duplicates in a store of 10,000
// articles.
func BenchmarkFindDuplicate(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	words := strings.Fields(storyA + " " + storyB)
	var fps []dyad.Fingerprint
	for i := range 10000 {
		var sb strings.Builder
		for j := range 40 {
			sb.WriteString(words[(i*7+j*j*13+i*j)%len(words)])
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%d", i)
		a := article(fmt.Sprint("a", i), "W", sb.String())
		// Look up a near copy, so that the band index is used.
		fps = append(fps, dedup.Fingerprint(sb.String()+" more words"))
		if err := db.SaveArticle(ctx, a, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := db.FindDuplicate(ctx, fps[i%len(fps)], 0.99); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// checkRollup checks that dyad_daily equals a roll-up computed from the
// events table.
func checkRollup(t *testing.T, db *DB) {
	t.Helper()
	q := func(sql string) string {
		rows, err := db.read.Query(sql)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var d, s, tg, r string
			var qc, n int
			var g float64
			if err := rows.Scan(&d, &s, &tg, &r, &qc, &n, &g); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %s %s %s %d %d %.2f", d, s, tg, r, qc, n, g))
		}
		return strings.Join(out, "\n")
	}
	got := q(`SELECT date, source_code, target_code, root, quad_class, events, goldstein_sum FROM dyad_daily ORDER BY 1, 2, 3, 4, 5`)
	want := q(`SELECT date, source_code, target_code, root, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)
	if got != want {
		t.Errorf("dyad_daily:\n%s\nwant:\n%s", got, want)
	}
}

// TestMigrationBackfill fills a store at schema 1, then opens it with the
// current schema: the roll-up and the new columns are filled from the
// events already stored.
func TestMigrationBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Recreate it as a schema-1 store.
	os.Remove(path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	old := &DB{path: path, now: time.Now}
	if old.write, err = sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)"); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(ctx, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	e := event("a1", 0, "KEN", "TZA", "057", "2026-03-03")
	e.PloverMode = "formal"
	js, _ := json.Marshal(e)
	if _, err := old.write.Exec(`INSERT INTO articles(id, text, hash, ingested_at) VALUES ('a1', 'x', 'h', 'now')`); err != nil {
		t.Fatal(err)
	}
	if _, err := old.write.Exec(`INSERT INTO events(id, article, sentence, date, date_precision, source_code, source_role, target_code, target_role,
		code, root, quad_class, goldstein, plover_type, place_country, pattern_id, json) VALUES (?, 1, 0, '2026-03-03', 'day', 'KEN', 'GOV', 'TZA', '', '057', '05', 1, 8, 'AGREE', '', 'p', ?)`, e.ID, string(js)); err != nil {
		t.Fatal(err)
	}
	old.write.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	var n int
	if err := db.read.QueryRow(`SELECT plover_mode FROM events`).Scan(&mode); err != nil || mode != "formal" {
		t.Errorf("plover_mode after migration: %q %v", mode, err)
	}
	if err := db.read.QueryRow(`SELECT events FROM dyad_daily WHERE source_code = 'KEN'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("roll-up after migration: %d %v", n, err)
	}
	checkRollup(t, db)
}
