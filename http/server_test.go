package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dedup"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/examples"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/geo"
	dyadhttp "github.com/dyad-events/dyad/http"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/store"
)

// realCoder builds the real coder once for the package's tests.
var realCoder = sync.OnceValues(func() (*coder.Coder, error) {
	p, err := nlp.Load()
	if err != nil {
		return nil, err
	}
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	return coder.New(p, d, cameo.Default(), coder.Options{Places: geo.Embedded()}), nil
})

// backendEnv is set to "postgres" in the child process of TestOnPostgres:
// the package's tests then store on PostgreSQL, else on SQLite.
const backendEnv = "DYAD_HTTP_TEST_STORE"

// onPostgres says whether this process runs the tests on PostgreSQL.
func onPostgres() bool { return os.Getenv(backendEnv) == "postgres" }

// openStore opens an empty store for the test: a SQLite file, or a
// PostgreSQL schema of its own in TestOnPostgres's run.
func openStore(t testing.TB) dyad.Store {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "dyad.db")
	if onPostgres() {
		dsn = pgtest.DSN(t)
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestOnPostgres runs the package's other tests again, in a child process,
// with PostgreSQL as the store (as `dyad serve --db postgres://...`
// serves): the API must answer there as it does over SQLite. It skips
// without $DYAD_TEST_POSTGRES, saying how to run it.
func TestOnPostgres(t *testing.T) {
	if onPostgres() {
		t.Skip("this process is TestOnPostgres's run")
	}
	pgtest.URL(t)
	args := []string{"-test.skip=^TestOnPostgres$", "-test.count=1", "-test.v"}
	if testing.Short() {
		args = append(args, "-test.short")
	}
	if d, ok := t.Deadline(); ok {
		args = append(args, "-test.timeout="+time.Until(d).Round(time.Second).String())
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], args...)
	cmd.Env = append(os.Environ(), backendEnv+"=postgres")
	out, err := cmd.CombinedOutput()
	var passed, skipped int
	var report []string
	for _, line := range strings.Split(string(out), "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case strings.HasPrefix(trimmed, "--- PASS"):
			passed++
		case strings.HasPrefix(trimmed, "--- SKIP"):
			skipped++
		case strings.HasPrefix(trimmed, "=== "):
		default:
			report = append(report, line)
		}
	}
	if err != nil {
		t.Fatalf("the API tests on PostgreSQL: %v (%d passed)\n%s", err, passed, strings.Join(report, "\n"))
	}
	if passed == 0 {
		t.Fatalf("the API tests on PostgreSQL ran no test:\n%s", out)
	}
	t.Logf("on PostgreSQL: %d tests and subtests passed, %d skipped", passed, skipped)
}

// fill ingests the embedded sample corpus into a new store the way `dyad
// ingest` does.
func fill(t testing.TB) dyad.Store {
	t.Helper()
	ctx := context.Background()
	c, err := realCoder()
	if err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	in := &ingest.Ingester{Coder: c, Store: db, Coding: dyad.Coding{Dictionary: "test", Model: "test"}}
	r := &feed.Reader{Format: feed.FormatJSONL, Stdin: bytes.NewReader(examples.Corpus)}
	sum, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error { return r.Read(ctx, "-", emit) }, func(ingest.Result) {})
	if err != nil || sum.Events < 100 || sum.Duplicate == 0 {
		t.Fatalf("ingest: %v %v", sum, err)
	}
	return db
}

// shared is one filled store for the read-only tests.
var shared struct {
	once sync.Once
	db   dyad.Store
	err  error
	// dir holds the SQLite file; drop drops the PostgreSQL schema.
	dir  string
	drop func() error
}

type fakeCoder struct{}

func (fakeCoder) CodeArticle(_ context.Context, a *dyad.Article) ([]dyad.Event, error) {
	return []dyad.Event{{ID: "e1", Source: dyad.Actor{Code: "KEN"}, Target: dyad.Actor{Code: "TZA"}, Code: "057", Root: "05", QuadClass: 1, Date: a.Published,
		Provenance: dyad.Provenance{ArticleID: a.ID, SentenceText: a.Text}}}, nil
}

func newServer(t *testing.T, db dyad.Store, token string) *httptest.Server {
	d, _ := dict.Default()
	s := &dyadhttp.Server{Store: db, Coder: fakeCoder{}, Directory: directory{d}, Token: token, MaxBody: 4096, Situations: db,
		Export: dyadhttp.Exporter{
			Write: func(ctx context.Context, w io.Writer, format string, store dyad.EventStore, f dyad.EventFilter) error {
				return store.EachEvent(ctx, f, func(e *dyad.StoredEvent) error { _, err := fmt.Fprintln(w, e.ID); return err })
			},
			Check: func(format string) error {
				if format != "jsonl" {
					return fmt.Errorf("unknown format %q (want jsonl)", format)
				}
				return nil
			},
			ContentType: func(string) string { return "application/x-ndjson" },
			Extension:   func(string) string { return ".jsonl" },
		}}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// directory adapts the dictionary for actor search, as cmd/dyad does.
type directory struct{ d *dict.Dictionary }

func (d directory) FindActors(name string, date time.Time) []dyad.ActorMatch {
	var out []dyad.ActorMatch
	for _, m := range d.d.Lookup(name, date) {
		out = append(out, dyad.ActorMatch{Code: m.Actor.Code, Role: m.Actor.Role, Name: m.Entry, Kind: string(m.Kind)})
	}
	return out
}

func sharedServer(t *testing.T) (*httptest.Server, dyad.Store) {
	if testing.Short() {
		t.Skip("fills a store with the real coder")
	}
	shared.once.Do(func() { shared.db, shared.err = fillOnce() })
	if shared.err != nil {
		t.Fatalf("filling the store: %v", shared.err)
	}
	return newServer(t, shared.db, ""), shared.db
}

func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	if shared.db != nil {
		shared.db.Close()
		os.RemoveAll(shared.dir)
		if shared.drop != nil {
			shared.drop()
		}
	}
	os.Exit(code)
}

// fillOnce is fill for the shared store, kept in a directory that lives
// as long as the test binary.
func fillOnce() (dyad.Store, error) {
	ctx := context.Background()
	c, err := realCoder()
	if err != nil {
		return nil, err
	}
	if shared.dir, err = os.MkdirTemp("", "dyad-http-test"); err != nil {
		return nil, err
	}
	dsn := filepath.Join(shared.dir, "dyad.db")
	if onPostgres() {
		if dsn, shared.drop, err = pgtest.Schema(ctx, os.Getenv(pgtest.Env)); err != nil {
			return nil, err
		}
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	in := &ingest.Ingester{Coder: c, Store: db, Coding: dyad.Coding{Dictionary: "test", Model: "test"}}
	r := &feed.Reader{Format: feed.FormatJSONL, Stdin: bytes.NewReader(examples.Corpus)}
	if _, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error { return r.Read(ctx, "-", emit) }, func(ingest.Result) {}); err != nil {
		return nil, err
	}
	return db, nil
}

// get fetches path and decodes a JSON answer into v (when not nil),
// returning the status and the raw body.
func get(t *testing.T, ts *httptest.Server, path string, v any) (int, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	ct := resp.Header.Get("Content-Type")
	if resp.StatusCode >= 400 && ct != "application/problem+json" {
		t.Errorf("%s: status %d with Content-Type %q, want application/problem+json", path, resp.StatusCode, ct)
	}
	if resp.StatusCode == 200 && v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v: %s", path, err, body)
		}
	}
	return resp.StatusCode, body
}

// all returns every stored event with its article text, for the oracle.
func all(t *testing.T, db dyad.Store) ([]dyad.StoredEvent, map[string]string) {
	ctx := context.Background()
	es, err := db.Events(ctx, dyad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, e := range es {
		id := e.Provenance.ArticleID
		if _, ok := texts[id]; !ok {
			a, err := db.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			texts[id] = a.Title + " " + a.Text
		}
	}
	return es, texts
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	r := math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*r/2), 2) + math.Cos(lat1*r)*math.Cos(lat2*r)*math.Pow(math.Sin((lon2-lon1)*r/2), 2)
	return 2 * 6371 * math.Asin(math.Sqrt(a))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// TestEventsFilters asks /events for every filter and compares the answer
// with the events picked out of the whole store by a plain Go predicate.
func TestEventsFilters(t *testing.T) {
	ts, db := sharedServer(t)
	es, texts := all(t, db)
	// Values taken from the stored data, so that every filter selects
	// something and leaves something out.
	var placed *dyad.StoredEvent
	for i := range es {
		if p := es[i].Place; p != nil && p.Admin1 != "" && p.Precision == dyad.PlacePoint {
			placed = &es[i]
			break
		}
	}
	if placed == nil {
		t.Fatal("no event placed at a point")
	}
	day := func(e *dyad.StoredEvent) string { return e.Date.UTC().Format(time.DateOnly) }
	tests := []struct {
		query string
		keep  func(e *dyad.StoredEvent) bool
	}{
		{"from=2025-01-01&to=2025-06-30", func(e *dyad.StoredEvent) bool { return day(e) >= "2025-01-01" && day(e) <= "2025-06-30" }},
		{"actor=UKR", func(e *dyad.StoredEvent) bool { return e.Source.Code == "UKR" || e.Target.Code == "UKR" }},
		{"source=RUS", func(e *dyad.StoredEvent) bool { return e.Source.Code == "RUS" }},
		{"source=rus:gov", func(e *dyad.StoredEvent) bool { return e.Source.Code == "RUS" && e.Source.Role == "GOV" }},
		{"source=:MIL", func(e *dyad.StoredEvent) bool { return e.Source.Role == "MIL" }},
		{"target=UKRGOV", func(e *dyad.StoredEvent) bool { return e.Target.Code == "UKR" && e.Target.Role == "GOV" }},
		{"dyad=USA-UKR", func(e *dyad.StoredEvent) bool {
			return e.Source.Code == "USA" && e.Target.Code == "UKR" || e.Source.Code == "UKR" && e.Target.Code == "USA"
		}},
		{"code=04", func(e *dyad.StoredEvent) bool { return strings.HasPrefix(e.Code, "04") }},
		{"code=042,19", func(e *dyad.StoredEvent) bool {
			return strings.HasPrefix(e.Code, "042") || strings.HasPrefix(e.Code, "19")
		}},
		{"root=18,19,20", func(e *dyad.StoredEvent) bool { return e.Root >= "18" }},
		{"quad=3,4", func(e *dyad.StoredEvent) bool { return e.QuadClass >= 3 }},
		{"plover=CONSULT", func(e *dyad.StoredEvent) bool { return e.PloverType == "CONSULT" }},
		{"plover_mode=phone", func(e *dyad.StoredEvent) bool { return e.PloverMode == "phone" }},
		{"goldstein_min=-5&goldstein_max=3", func(e *dyad.StoredEvent) bool { return e.Goldstein >= -5 && e.Goldstein <= 3 }},
		{"country=" + placed.Place.Country, func(e *dyad.StoredEvent) bool { return e.Place != nil && e.Place.Country == placed.Place.Country }},
		{"admin1=" + url.QueryEscape(strings.ToUpper(placed.Place.Admin1)), func(e *dyad.StoredEvent) bool {
			return e.Place != nil && strings.EqualFold(e.Place.Admin1, placed.Place.Admin1)
		}},
		{fmt.Sprintf("near=%f,%f,150", placed.Place.Lat, placed.Place.Lon), func(e *dyad.StoredEvent) bool {
			return e.Place != nil && haversine(placed.Place.Lat, placed.Place.Lon, e.Place.Lat, e.Place.Lon) <= 150
		}},
		{"q=ceasefire", func(e *dyad.StoredEvent) bool {
			return slices.Contains(words(texts[e.Provenance.ArticleID]), "ceasefire")
		}},
		{"article=" + url.QueryEscape(placed.Provenance.ArticleID), func(e *dyad.StoredEvent) bool { return e.Provenance.ArticleID == placed.Provenance.ArticleID }},
		{"source=RUS&quad=4&from=2024-01-01", func(e *dyad.StoredEvent) bool {
			return e.Source.Code == "RUS" && e.QuadClass == 4 && day(e) >= "2024-01-01"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var want []string
			for i := range es {
				if tt.keep(&es[i]) {
					want = append(want, es[i].ID)
				}
			}
			if len(want) == 0 || len(want) == len(es) {
				t.Fatalf("the filter selects %d of %d events: the test data does not exercise it", len(want), len(es))
			}
			var got []string
			var page dyadhttp.EventsResponse
			next := "/api/v1/events?limit=1000&count=true&" + tt.query
			if st, body := get(t, ts, next, &page); st != 200 {
				t.Fatalf("status %d: %s", st, body)
			}
			for _, e := range page.Events {
				got = append(got, e.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %d events %v\nwant %d %v", len(got), got, len(want), want)
			}
			if page.Total == nil || *page.Total != len(want) {
				t.Errorf("total %v, want %d", page.Total, len(want))
			}
		})
	}
}

// TestEventsPagesAndSort walks the pages of both sorts and checks each
// order, and that pages join into the whole.
func TestEventsPagesAndSort(t *testing.T) {
	ts, db := sharedServer(t)
	stored, _ := all(t, db)
	isDyad := func(e dyad.StoredEvent) bool {
		return e.Source.Code == "RUS" && e.Target.Code == "UKR" || e.Source.Code == "UKR" && e.Target.Code == "RUS"
	}
	for _, filter := range []struct {
		query string
		keep  func(dyad.StoredEvent) bool
	}{
		{"", func(dyad.StoredEvent) bool { return true }},
		// Either direction of a dyad is served by one scan per direction,
		// merged: the pages must still be one ordered sequence.
		{"&dyad=RUS-UKR", isDyad},
	} {
		var es []dyad.StoredEvent
		for _, e := range stored {
			if filter.keep(e) {
				es = append(es, e)
			}
		}
		if filter.query != "" && len(es) < 10 {
			t.Fatalf("%s: only %d events in the corpus; the test needs several pages", filter.query, len(es))
		}
		limit := "17"
		if filter.query != "" {
			limit = "3"
		}
		for _, srt := range []string{"date", "articles"} {
			var got []dyad.StoredEvent
			base := "/api/v1/events?limit=" + limit + "&sort=" + srt + filter.query
			path := base
			for n := 0; ; n++ {
				var page dyadhttp.EventsResponse
				if st, body := get(t, ts, path, &page); st != 200 {
					t.Fatalf("status %d: %s", st, body)
				}
				if len(page.Events) > 17 || n > len(es) {
					t.Fatal("a page is too long, or the pages do not end")
				}
				got = append(got, page.Events...)
				if page.NextCursor == "" {
					break
				}
				path = base + "&cursor=" + page.NextCursor
			}
			if len(got) != len(es) {
				t.Fatalf("%s%s: %d events over the pages, %d stored", srt, filter.query, len(got), len(es))
			}
			seen := map[string]bool{}
			for i, e := range got {
				if seen[e.ID] || !filter.keep(e) {
					t.Errorf("%s%s: %s twice or outside the filter", srt, filter.query, e.ID)
				}
				seen[e.ID] = true
				if i == 0 {
					continue
				}
				p := got[i-1]
				if srt == "date" && p.Date.Before(e.Date) || srt == "articles" && (p.NumArticles < e.NumArticles || p.NumArticles == e.NumArticles && p.Date.Before(e.Date)) {
					t.Errorf("%s: %s (%v, %d) before %s (%v, %d)", srt, p.ID, p.Date, p.NumArticles, e.ID, e.Date, e.NumArticles)
				}
			}
			if filter.query == "" && srt == "articles" && got[0].NumArticles < 2 {
				t.Errorf("the most reported event has %d articles; the corpus has republications", got[0].NumArticles)
			}
		}
	}
}

// TestEventsConcurrentInserts pages through /events while events are
// stored: each event stored before the first page is seen exactly once.
func TestEventsConcurrentInserts(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a store with the real coder")
	}
	db := fill(t)
	ts := newServer(t, db, "")
	ctx := context.Background()
	before, _ := all(t, db)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("late-%d", i)
			text := fmt.Sprintf("Late story %d about the talks.", i)
			a := &dyad.StoredArticle{Article: dyad.Article{ID: id, Text: text}, Fingerprint: dedup.Fingerprint(text)}
			d := time.Date(2024+i%3, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			e := dyad.Event{ID: id, Source: dyad.Actor{Code: "RUS"}, Target: dyad.Actor{Code: "UKR"}, Code: "040", Root: "04", QuadClass: 1, Date: d,
				Provenance: dyad.Provenance{ArticleID: id}}
			if err := db.Save(ctx, []dyad.ArticleWrite{{Article: a, Events: []dyad.Event{e}}}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	seen := map[string]int{}
	path := "/api/v1/events?limit=9"
	for {
		var page dyadhttp.EventsResponse
		if st, body := get(t, ts, path, &page); st != 200 {
			t.Fatalf("status %d: %s", st, body)
		}
		for _, e := range page.Events {
			seen[e.ID]++
		}
		if page.NextCursor == "" {
			break
		}
		path = "/api/v1/events?limit=9&cursor=" + page.NextCursor
	}
	close(stop)
	wg.Wait()
	for _, e := range before {
		if seen[e.ID] != 1 {
			t.Errorf("%s seen %d times", e.ID, seen[e.ID])
		}
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
}

func TestEmptyAndHuge(t *testing.T) {
	ts, db := sharedServer(t)
	var page dyadhttp.EventsResponse
	if st, body := get(t, ts, "/api/v1/events?actor=ATA&count=true", &page); st != 200 || page.Events == nil || len(page.Events) != 0 ||
		page.NextCursor != "" || *page.Total != 0 || !strings.Contains(string(body), `"events":[]`) {
		t.Errorf("empty: %d %s", st, body)
	}
	n, _ := db.CountEvents(context.Background(), dyad.EventFilter{})
	if st, _ := get(t, ts, "/api/v1/events?limit=1000", &page); st != 200 || len(page.Events) != min(n, 1000) {
		t.Errorf("all at once: %d events of %d", len(page.Events), n)
	}
	if st, body := get(t, ts, "/api/v1/events?limit=1001", nil); st != 400 || !strings.Contains(string(body), `"param":"limit"`) {
		t.Errorf("over the limit: %d %s", st, body)
	}
	var s dyad.Series
	if st, body := get(t, ts, "/api/v1/series?actor=ATA&interval=month&from=2024-01-01&to=2024-12-31", &s); st != 200 || len(s.Points) != 12 || s.Points[5].Events != 0 {
		t.Errorf("empty series: %d %s", st, body)
	}
	if st, body := get(t, ts, "/api/v1/series?interval=day&from=1900-01-01&to=2026-01-01", nil); st != 400 || !strings.Contains(string(body), "buckets") {
		t.Errorf("a series too long: %d %s", st, body)
	}
}

// TestMalformed sends malformed parameters: each gets a 400 problem that
// names the parameter.
func TestMalformed(t *testing.T) {
	ts, _ := sharedServer(t)
	tests := []struct{ path, param string }{
		{"/api/v1/events?from=2024-13-01", "from"},
		{"/api/v1/events?from=yesterday", "from"},
		{"/api/v1/events?from=2024-05-01&to=2024-04-01", "to"},
		{"/api/v1/events?source=Russia", "source"},
		{"/api/v1/events?target=RU", "target"},
		{"/api/v1/events?actor=RUS:XYZ", "actor"},
		{"/api/v1/events?undated=maybe", "undated"},
		{"/api/v1/events?undated=true&from=2025-01-01", "undated"},
		{"/api/v1/dyads?actor=:GOV", "actor"},
		{"/api/v1/events?dyad=RUS", "dyad"},
		{"/api/v1/events?code=4", "code"},
		{"/api/v1/events?code=04,,05", "code"},
		{"/api/v1/events?root=21", "root"},
		{"/api/v1/events?quad=5", "quad"},
		{"/api/v1/events?plover=assault!", "plover"},
		{"/api/v1/events?goldstein_min=-11", "goldstein_min"},
		{"/api/v1/events?goldstein_min=NaN", "goldstein_min"},
		{"/api/v1/events?goldstein_min=3&goldstein_max=1", "goldstein_max"},
		{"/api/v1/events?country=Ukraine", "country"},
		{"/api/v1/events?near=50,30", "near"},
		{"/api/v1/events?near=95,30,10", "near"},
		{"/api/v1/events?near=50,30,-1", "near"},
		{"/api/v1/events?limit=0", "limit"},
		{"/api/v1/events?limit=ten", "limit"},
		{"/api/v1/events?sort=random", "sort"},
		{"/api/v1/events?cursor=%27%3B", "cursor"},
		{"/api/v1/events?q=" + strings.Repeat("x", 600), "q"},
		{"/api/v1/events?q=a%00b", "q"},
		{"/api/v1/events?sorce=RUS", "sorce"},
		{"/api/v1/events?source=RUS&source=UKR", "source"},
		{"/api/v1/series?interval=hour", "interval"},
		{"/api/v1/series?by=colour", "by"},
		{"/api/v1/dyads?rank=best", "rank"},
		{"/api/v1/dyads?q=war", "q"},
		{"/api/v1/dyads?source=:GOV", "source"},
		{"/api/v1/actors", "q"},
		{"/api/v1/actors?q=x&limit=500", "limit"},
		{"/api/v1/export?format=xls", "format"},
	}
	for _, tt := range tests {
		st, body := get(t, ts, tt.path, nil)
		var p dyadhttp.Problem
		json.Unmarshal(body, &p)
		if st != 400 || p.Status != 400 || p.Param != tt.param || p.Detail == "" {
			t.Errorf("%s: %d %s, want 400 naming %q", tt.path, st, body, tt.param)
		}
	}
	// A cursor that is well-formed base64 but not a cursor.
	if st, body := get(t, ts, "/api/v1/events?cursor=aGVsbG8", nil); st != 400 || !strings.Contains(string(body), "cursor") {
		t.Errorf("forged cursor: %d %s", st, body)
	}
}

// TestInjection puts SQL and FTS metacharacters in every string parameter:
// each answer is a 400 naming the parameter or a 200, never a 500 or a
// database message, and the store is unchanged.
func TestInjection(t *testing.T) {
	ts, db := sharedServer(t)
	ctx := context.Background()
	n0, _ := db.CountEvents(ctx, dyad.EventFilter{})
	evil := []string{`' OR '1'='1`, `RUS' --`, `"; DROP TABLE events; --`, `%`, `_`, `*`, `\`, `') UNION SELECT json FROM events --`,
		`NEAR(a b)`, `"unterminated`, `a OR b`, `-x`, `^`, `col:val`, `1; SELECT 1`, `ȒŪS`, "\u202e"}
	params := []string{"from", "to", "actor", "source", "target", "dyad", "code", "root", "quad", "plover", "plover_mode",
		"goldstein_min", "goldstein_max", "country", "admin1", "near", "q", "article", "sort", "limit", "cursor", "count"}
	for _, p := range params {
		for _, v := range evil {
			for _, ep := range []string{"events", "series"} {
				if ep == "series" && slices.Contains([]string{"sort", "limit", "cursor", "count"}, p) {
					continue
				}
				path := "/api/v1/" + ep + "?" + p + "=" + url.QueryEscape(v)
				st, body := get(t, ts, path, nil)
				low := strings.ToLower(string(body))
				if st != 200 && st != 400 || strings.Contains(low, "sqlite") || strings.Contains(low, "syntax") || strings.Contains(low, "sql") {
					t.Errorf("%s: %d %s", path, st, body)
				}
				if st == 200 && ep == "events" {
					var page dyadhttp.EventsResponse
					json.Unmarshal(body, &page)
					if len(page.Events) != 0 {
						t.Errorf("%s selected %d events", path, len(page.Events))
					}
				}
			}
		}
	}
	for _, v := range evil {
		for _, path := range []string{"/api/v1/events/" + url.PathEscape(v), "/api/v1/articles/" + url.PathEscape(v), "/api/v1/actors?q=" + url.QueryEscape(v)} {
			st, body := get(t, ts, path, nil)
			if st != 200 && st != 404 && st != 400 || strings.Contains(strings.ToLower(string(body)), "sql") {
				t.Errorf("%s: %d %s", path, st, body)
			}
		}
	}
	if n, _ := db.CountEvents(ctx, dyad.EventFilter{}); n != n0 {
		t.Errorf("events %d, were %d", n, n0)
	}
}

func TestEventAndArticle(t *testing.T) {
	ts, db := sharedServer(t)
	// The most reported event: its article was republished.
	p, err := db.EventPage(context.Background(), dyad.EventFilter{Sort: dyad.SortArticles, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	top := p.Events[0]
	var d dyad.EventDetail
	if st, body := get(t, ts, "/api/v1/events/"+url.PathEscape(top.ID), &d); st != 200 {
		t.Fatalf("%d %s", st, body)
	}
	if d.ID != top.ID || d.Provenance.SentenceText == "" || d.Provenance.PatternID == "" || d.PloverType == "" || len(d.Reports) != top.NumArticles ||
		!d.Reports[0].Original || d.Reports[0].ArticleID != top.Provenance.ArticleID {
		t.Errorf("detail: %+v", d)
	}
	kinds := map[string]bool{}
	for _, h := range d.Highlights {
		kinds[h.Kind] = true
		if d.Provenance.SentenceText[h.Start:h.End] != h.Text {
			t.Errorf("highlight %+v is not its span of %q", h, d.Provenance.SentenceText)
		}
	}
	if !kinds["source"] || !kinds["trigger"] {
		t.Errorf("highlights %+v lack the source or the trigger", d.Highlights)
	}
	if st, _ := get(t, ts, "/api/v1/events/no-such-event", nil); st != 404 {
		t.Errorf("missing event: %d", st)
	}
	var a dyadhttp.ArticleResponse
	if st, body := get(t, ts, "/api/v1/articles/"+url.PathEscape(d.Reports[1].ArticleID), &a); st != 200 || a.DuplicateOf != top.Provenance.ArticleID || len(a.Events) == 0 || a.Text == "" {
		t.Errorf("republished article: %d %s", st, body)
	}
	if st, _ := get(t, ts, "/api/v1/articles/no-such-article", nil); st != 404 {
		t.Errorf("missing article: %d", st)
	}
}

func TestSeriesDyadsActors(t *testing.T) {
	ts, db := sharedServer(t)
	es, _ := all(t, db)
	// Monthly RUS-UKR counts by hand.
	want := map[string]int{}
	total := 0
	for _, e := range es {
		if (e.Source.Code == "RUS" && e.Target.Code == "UKR" || e.Source.Code == "UKR" && e.Target.Code == "RUS") && e.Date.Year() == 2025 {
			want[e.Date.Format("2006-01")]++
			total++
		}
	}
	var s dyad.Series
	if st, body := get(t, ts, "/api/v1/series?dyad=RUS-UKR&from=2025-01-01&to=2025-12-31&interval=month&by=quad", &s); st != 200 {
		t.Fatalf("%d %s", st, body)
	}
	got := 0
	for _, p := range s.Points {
		if p.Events != want[p.Date.Format("2006-01")] {
			t.Errorf("%s: %d events, want %d", p.Date.Format("2006-01"), p.Events, want[p.Date.Format("2006-01")])
		}
		sum := 0
		for _, n := range p.Counts {
			sum += n
		}
		if sum != p.Events {
			t.Errorf("%s: quad counts %v do not add up to %d", p.Date, p.Counts, p.Events)
		}
		got += p.Events
	}
	if len(s.Points) != 12 || total == 0 || got != total || s.Until.Format(time.DateOnly) != "2025-12-31" {
		t.Errorf("series: %d points, %d events (want %d), to %v", len(s.Points), got, total, s.Until)
	}

	var ds dyadhttp.DyadsResponse
	if st, body := get(t, ts, "/api/v1/dyads?limit=5", &ds); st != 200 || len(ds.Dyads) != 5 || len(ds.Nodes) < 2 {
		t.Fatalf("%d %s", st, body)
	}
	counts := map[[2]string]int{}
	for _, e := range es {
		if e.Target.Code != "" {
			counts[[2]string{e.Source.Code, e.Target.Code}]++
		}
	}
	for i, d := range ds.Dyads {
		if d.Events != counts[[2]string{d.Source, d.Target}] || i > 0 && d.Events > ds.Dyads[i-1].Events {
			t.Errorf("dyad %d %+v: want %d events, in falling order", i, d, counts[[2]string{d.Source, d.Target}])
		}
	}
	for _, rank := range []string{"conflict", "change"} {
		if st, body := get(t, ts, "/api/v1/dyads?rank="+rank, &ds); st != 200 || len(ds.Dyads) == 0 {
			t.Errorf("%s: %d %s", rank, st, body)
		}
	}

	var as dyadhttp.ActorsResponse
	if st, body := get(t, ts, "/api/v1/actors?q=Ukraine", &as); st != 200 || len(as.Actors) == 0 || as.Actors[0].Code != "UKR" || as.Actors[0].Events == 0 {
		t.Errorf("actor by name: %d %s", st, body)
	}
	if st, body := get(t, ts, "/api/v1/actors?q=uk", &as); st != 200 || !slices.ContainsFunc(as.Actors, func(m dyad.ActorMatch) bool { return m.Code == "UKR" && m.Kind == "code" }) {
		t.Errorf("actor by code prefix: %d %s", st, body)
	}
}

func post(t *testing.T, ts *httptest.Server, path, ctype, token, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestCodeAndAuth posts text to /code (the fake coder echoes it) with and
// without a token, and too much of it.
func TestCodeAndAuth(t *testing.T) {
	db := openStore(t)
	open := newServer(t, db, "")
	var cr dyadhttp.CodeResponse
	st, body := post(t, open, "/api/v1/code", "application/json", "", `{"text": "Kenya and Tanzania signed a deal.", "date": "2026-03-04"}`)
	if json.Unmarshal(body, &cr); st != 200 || len(cr.Events) != 1 || cr.Events[0].Date.Format(time.DateOnly) != "2026-03-04" {
		t.Errorf("code: %d %s", st, body)
	}
	if st, body := post(t, open, "/api/v1/code?date=2026-03-05", "text/plain", "", "Kenya met Tanzania."); st != 200 || !strings.Contains(string(body), "2026-03-05") {
		t.Errorf("plain text: %d %s", st, body)
	}
	for _, tt := range []struct {
		ctype, body string
		status      int
	}{
		{"application/json", `{"text": ""}`, 400},
		{"application/json", `{"txt": "x"}`, 400},
		{"application/json", `not json`, 400},
		{"application/json", `{"text": "x", "date": "March"}`, 400},
		{"application/xml", `<text/>`, 415},
		{"text/plain", strings.Repeat("Kenya met Tanzania. ", 300), 413},
	} {
		if st, body := post(t, open, "/api/v1/code", tt.ctype, "", tt.body); st != tt.status || !strings.Contains(string(body), `"status"`) {
			t.Errorf("%s %.30q: %d %s, want %d", tt.ctype, tt.body, st, body, tt.status)
		}
	}
	locked := newServer(t, db, "s3cret")
	if st, _ := post(t, locked, "/api/v1/code", "text/plain", "", "Kenya met Tanzania."); st != 401 {
		t.Errorf("no token: %d", st)
	}
	if st, _ := post(t, locked, "/api/v1/code", "text/plain", "wrong", "Kenya met Tanzania."); st != 401 {
		t.Errorf("wrong token: %d", st)
	}
	if st, _ := post(t, locked, "/api/v1/code", "text/plain", "s3cret", "Kenya met Tanzania."); st != 200 {
		t.Errorf("right token: %d", st)
	}
	if st, _ := get(t, locked, "/api/v1/events", nil); st != 200 {
		t.Errorf("reading needs no token: %d", st)
	}
	if st, body := post(t, locked, "/api/v1/events", "text/plain", "s3cret", ""); st != 405 || !strings.Contains(string(body), "GET") {
		t.Errorf("POST /events: %d %s", st, body)
	}
	if st, _ := get(t, locked, "/api/v2/events", nil); st != 404 {
		t.Errorf("unknown path: %d", st)
	}
}

func TestExport(t *testing.T) {
	ts, db := sharedServer(t)
	resp, err := http.Get(ts.URL + "/api/v1/export?format=jsonl&actor=UKR")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	n, _ := db.CountEvents(context.Background(), dyad.EventFilter{Actor: "UKR"})
	if resp.StatusCode != 200 || strings.Count(string(body), "\n") != n || resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Errorf("export: %d, %d lines for %d events", resp.StatusCode, strings.Count(string(body), "\n"), n)
	}
}

// TestOpenAPI checks the document against the server: the same endpoints,
// and each documented parameter accepted while an undocumented one is
// refused.
func TestOpenAPI(t *testing.T) {
	ts, _ := sharedServer(t)
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Ref  string `json:"$ref"`
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
		} `json:"paths"`
		Components struct {
			Parameters map[string]struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
		} `json:"components"`
	}
	if st, body := get(t, ts, "/api/openapi.json", &doc); st != 200 || !strings.Contains(string(body), `"openapi": "3.`) {
		t.Fatalf("%d %.100s", st, body)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if method != "get" || strings.Contains(path, "{") {
				continue
			}
			var names []string
			for _, p := range op.Parameters {
				if p.Ref != "" {
					c, ok := doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
					if !ok {
						t.Errorf("%s: dangling %s", path, p.Ref)
					}
					p.Name, p.In = c.Name, c.In
				}
				if p.In == "query" {
					names = append(names, p.Name)
				}
			}
			for _, n := range names {
				st, body := get(t, ts, path+"?"+n+"=%01", nil)
				if st == 400 && strings.Contains(string(body), "unknown parameter") {
					t.Errorf("%s: documented parameter %q is refused as unknown", path, n)
				}
			}
			if path == "/api/openapi.json" {
				continue
			}
			if st, body := get(t, ts, path+"?undocumented=1", nil); st != 400 || !strings.Contains(string(body), "unknown parameter") {
				t.Errorf("%s: an undocumented parameter gives %d %s", path, st, body)
			}
		}
	}
	// The routes the server has: every documented one answers with
	// something other than "no such endpoint", and the list is complete.
	served := []string{"GET /api/v1/events", "GET /api/v1/events/{id}", "GET /api/v1/series", "GET /api/v1/dyads", "GET /api/v1/actors",
		"GET /api/v1/articles/{id}", "POST /api/v1/code", "GET /api/v1/export", "GET /api/openapi.json",
		"GET /api/v1/situations", "POST /api/v1/situations", "GET /api/v1/situations/{id}", "DELETE /api/v1/situations/{id}",
		"GET /api/v1/situations/{id}/events", "GET /api/v1/situations/{id}/series", "GET /api/v1/situations/{id}/rules",
		"POST /api/v1/situations/{id}/rules", "DELETE /api/v1/situations/{id}/rules/{rule}", "GET /api/v1/alerts", "POST /api/v1/alerts/evaluate"}
	slices.Sort(documented)
	slices.Sort(served)
	if !slices.Equal(documented, served) {
		t.Errorf("documented %v\nserved %v", documented, served)
	}
	for _, r := range served {
		method, path, _ := strings.Cut(r, " ")
		path = strings.ReplaceAll(path, "{id}", "x")
		req, _ := http.NewRequest(method, ts.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "no such endpoint") || resp.StatusCode == 405 {
			t.Errorf("%s is documented but not served: %d %s", r, resp.StatusCode, body)
		}
	}
}
