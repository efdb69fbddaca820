package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/sqlite"
)

// TestMain lets tests run this test binary as the dyad command in a child
// process (DYAD_TEST_CLI holds its arguments, separated by \x1f), so that
// the crash test can kill a real ingestion.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("DYAD_TEST_CLI"); ok {
		// Set, even empty (dyad without arguments): never run the tests
		// again in the child.
		os.Args = []string{"dyad"}
		if args != "" {
			os.Args = append(os.Args, strings.Split(args, "\x1f")...)
		}
		main()
		os.Exit(0)
	}
	os.Exit(pgtest.Run(m))
}

func TestIngestStatsRecode(t *testing.T) {
	needPipeline(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "store", "dyad.db")
	env, out, errb := testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", db, corpusPath}); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb)
	}
	summary := errb.String()
	if !strings.Contains(summary, "6 duplicate, 0 failed") || !strings.Contains(summary, "0 unchanged") {
		t.Errorf("first ingest: %s", summary)
	}
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", db, corpusPath}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), ": 0 new, 0 updated, 93 unchanged, 0 duplicate, 0 failed; 0 events stored") {
		t.Errorf("second ingest of the same input: %s", errb)
	}

	env, out, _ = testEnv("")
	if err := run(ctx, env, []string{"stats", "--db", db}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"93 (87 originals, 6 duplicates) from 6 sources", "04  CONSULT", "coded by"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}

	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"recode", "--db", db}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "87 articles: 0 re-coded, 87 already current") {
		t.Errorf("recode with the same versions: %s", errb)
	}
	// A dictionary overlay changes the version: everything is re-coded,
	// and the overlay's new name now codes events.
	dictDir := t.TempDir()
	writeFile(t, dictDir, "local.yaml", []byte("groups:\n  - {country: SDN, names: [Desert Hawks Brigade]}\n"))
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"recode", "--db", db, "--dict", dictDir}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "87 articles: 87 re-coded, 0 already current, 0 failed") {
		t.Errorf("recode with a new dictionary: %s", errb)
	}

	if err := run(ctx, env, []string{"stats", "--db", filepath.Join(t.TempDir(), "none.db")}); err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("stats of a missing store: %v", err)
	}
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", db}); err == nil {
		t.Error("ingest without inputs: no error")
	}
}

func TestIngestBadInputsAreRecorded(t *testing.T) {
	needPipeline(t)
	ctx := context.Background()
	dir := t.TempDir()
	writeFile(t, dir, "bad.jsonl", []byte("{\"id\":\"x1\",\"date\":\"2026-02-30\",\"text\":\"The Kenyan president met his Ugandan counterpart.\"}\n{not json\n"+
		"{\"id\":\"x2\",\"date\":\"2026-03-01\",\"text\":\"Kenya and Uganda signed a trade agreement on Monday.\"}\n"))
	writeFile(t, dir, "blob.txt", []byte("\x00\x01\x02binary"))
	db := filepath.Join(t.TempDir(), "dyad.db")
	env, _, errb := testEnv("")
	err := run(ctx, env, []string{"ingest", "--db", db, dir, filepath.Join(dir, "missing.jsonl")})
	if code, _ := exitStatus(err); code != exitFailure {
		t.Fatalf("ingest of bad inputs: %v (exit %d), want exit 1", err, code)
	}
	for _, want := range []string{"bad.jsonl:1: bad date", "bad.jsonl:2", "blob.txt", "missing.jsonl",
		// every failure is counted: a bad date, a bad line, a binary file, a missing path
		"2 new, 0 updated, 0 unchanged, 0 duplicate, 4 failed"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
	env, out, _ := testEnv("")
	if err := run(ctx, env, []string{"stats", "--db", db}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bad.jsonl:2", "bad.jsonl:1", "missing.jsonl", "articles  2 ", "failures  4"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestSurvivesKill kills `dyad ingest` with SIGKILL at random points
// several times, then lets it finish, and checks that the store holds every
// article exactly once with the same events as an uninterrupted run.
func TestIngestSurvivesKill(t *testing.T) {
	needPipeline(t)
	if testing.Short() {
		t.Skip("crash test: skipped in -short mode")
	}
	ctx := context.Background()
	dir := t.TempDir()
	corpus := mixedCorpus(t, dir, 600)
	killed := filepath.Join(dir, "killed.db")
	clean := filepath.Join(dir, "clean.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	stored := -1
	for i := 0; i < 5; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "DYAD_TEST_CLI="+strings.Join([]string{"ingest", "--db", killed, "--workers", "2", corpus}, "\x1f"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(300+rng.IntN(4000)) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if n := countRows(t, killed, "articles"); n >= 0 {
			t.Logf("kill %d after %v: %d articles stored", i+1, delay, n)
			if n < stored {
				t.Errorf("the store lost articles: %d, then %d", stored, n)
			}
			stored = n
		}
	}
	env, _, errb := testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", killed, corpus}); err != nil {
		t.Fatalf("ingest after the kills: %v\n%s", err, errb)
	}
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", clean, corpus}); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, errb)
	}
	if got := integrity(t, killed); got != "ok" {
		t.Errorf("integrity_check: %s", got)
	}
	a, b := storeContents(t, killed), storeContents(t, clean)
	if !slices.Equal(a.articles, b.articles) {
		t.Errorf("articles differ from an uninterrupted run:\n%v\n%v", a.articles, b.articles)
	}
	if !slices.Equal(a.events, b.events) {
		t.Errorf("events differ from an uninterrupted run: %d vs %d", len(a.events), len(b.events))
	}
	if len(a.articles) < 500 || len(a.events) == 0 {
		t.Errorf("%d articles, %d events", len(a.articles), len(a.events))
	}
}

// countRows returns the rows of a table, or -1 when the store does not
// exist yet (a kill before it was created).
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return -1
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		return -1 // killed before the schema was written
	}
	return n
}

func integrity(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

type contents struct{ articles, events []string }

// storeContents lists a store's articles (with what they duplicate) and
// events (with their report counts), sorted.
func storeContents(t *testing.T, path string) contents {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var c contents
	if err := db.EachOriginal(ctx, func(a *dyad.StoredArticle) error {
		c.articles = append(c.articles, a.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	es, err := db.Events(ctx, dyad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		c.events = append(c.events, e.ID+" "+e.Code+" "+strings.Repeat("+", e.NumArticles))
	}
	slices.Sort(c.articles)
	slices.Sort(c.events)
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.articles = append(c.articles, fmt.Sprintf("total %d", st.Articles))
	return c
}

// mixedCorpus writes n articles built from the sample corpus's sentences
// (six each, drawn with a fixed seed; every tenth a copy of an earlier
// one under a new ID) to dir and returns the file's path.
func mixedCorpus(t testing.TB, dir string, n int) string {
	t.Helper()
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	var sentences []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var a struct{ Text string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.SplitAfter(a.Text, ". ") {
			if s = strings.TrimSpace(s); len(s) > 20 {
				sentences = append(sentences, s)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	var texts []string
	enc := json.NewEncoder(&b)
	for i := range n {
		var text string
		if i%10 == 9 {
			text = texts[rng.IntN(len(texts))]
		} else {
			parts := make([]string, 6)
			for j := range parts {
				parts[j] = sentences[rng.IntN(len(sentences))]
			}
			text = strings.Join(parts, " ")
			texts = append(texts, text)
		}
		enc.Encode(map[string]string{"id": fmt.Sprintf("mix-%03d", i), "date": fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), "source": fmt.Sprintf("Outlet %d", i%7), "text": text})
	}
	return writeFile(t, dir, "mixed.jsonl", []byte(b.String()))
}

// timedStore measures the time spent in the store's writes and lookups.
type timedStore struct {
	dyad.ArticleStore
	busy, lookups, saves, batches atomic.Int64
}

func (s *timedStore) since(t time.Time) { s.busy.Add(int64(time.Since(t))) }

func (s *timedStore) ArticleState(ctx context.Context, id, hash string) (dyad.ArticleState, error) {
	defer func(t time.Time) { s.lookups.Add(int64(time.Since(t))) }(time.Now())
	return s.ArticleStore.ArticleState(ctx, id, hash)
}

func (s *timedStore) FindDuplicate(ctx context.Context, fp dyad.Fingerprint, min float64) (*dyad.Duplicate, error) {
	defer func(t time.Time) { s.lookups.Add(int64(time.Since(t))) }(time.Now())
	return s.ArticleStore.FindDuplicate(ctx, fp, min)
}

func (s *timedStore) Save(ctx context.Context, batch []dyad.ArticleWrite) error {
	defer s.since(time.Now())
	s.batches.Add(1)
	return s.ArticleStore.Save(ctx, batch)
}

// discardStore stores nothing: ingesting into it measures the pipeline
// without storage.
type discardStore struct{}

func (discardStore) ArticleState(context.Context, string, string) (dyad.ArticleState, error) {
	return dyad.ArticleNew, nil
}
func (discardStore) FindDuplicate(context.Context, dyad.Fingerprint, float64) (*dyad.Duplicate, error) {
	return nil, nil
}
func (discardStore) Save(context.Context, []dyad.ArticleWrite) error { return nil }
func (discardStore) Article(context.Context, string) (*dyad.StoredArticle, error) {
	return nil, dyad.ErrNotFound
}
func (discardStore) EachOriginal(context.Context, func(*dyad.StoredArticle) error) error { return nil }

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIngest ingests 10,000 articles (six sentences each, drawn from
// the sample corpus; one in ten an exact copy of an earlier one) with the
// real coder, first into a store that discards them, then into a fresh
// SQLite store, and reports articles/s into SQLite, the share of the CPU
// time the store adds (store-cpu-%: 1 - discard CPU / SQLite CPU; the
// wall-clock share, store-wall-%, is only meaningful on an idle machine),
// the time the writer spent in store calls, and the store's size per 1,000
// articles.
// DYAD_BENCH_ARTICLES sets another corpus size.
//
//	go test ./cmd/dyad -run XXX -bench Ingest -benchtime 1x
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	env, _, _ := testEnv("")
	c, coding, err := newVersionedCoder(env, "")
	if err != nil {
		b.Skip(err)
	}
	n := 10000
	if s := os.Getenv("DYAD_BENCH_ARTICLES"); s != "" {
		fmt.Sscan(s, &n)
	}
	corpus := mixedCorpus(b, b.TempDir(), n)
	r := &feed.Reader{}
	ingestInto := func(store dyad.ArticleStore) (ingest.Summary, time.Duration, time.Duration) {
		in := &ingest.Ingester{Coder: c, Store: store, Coding: coding}
		cpu0 := processCPU()
		start := time.Now()
		sum, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error { return r.Read(ctx, corpus, emit) }, nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Read != n || sum.Failed != 0 {
			b.Fatalf("summary: %s", sum)
		}
		return sum, time.Since(start), processCPU() - cpu0
	}
	for b.Loop() {
		_, bare, bareCPU := ingestInto(discardStore{})
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dyad.db"))
		if err != nil {
			b.Fatal(err)
		}
		ts := &timedStore{ArticleStore: db}
		sum, wall, cpu := ingestInto(ts)
		st, err := db.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		b.ReportMetric(float64(n)/wall.Seconds(), "articles/s")
		b.ReportMetric(float64(n)/bare.Seconds(), "articles/s-unstored")
		b.ReportMetric(100*(1-bare.Seconds()/wall.Seconds()), "store-wall-%")
		b.ReportMetric(100*(1-bareCPU.Seconds()/cpu.Seconds()), "store-cpu-%")
		b.ReportMetric(100*float64(ts.busy.Load())/float64(wall), "writer-busy-%")
		b.ReportMetric(100*float64(ts.lookups.Load())/float64(wall), "lookup-busy-%")
		b.ReportMetric(float64(n)/float64(ts.batches.Load()), "articles/batch")
		b.ReportMetric(float64(st.Bytes)/1e6/(float64(n)/1000), "MB/1000-articles")
		b.ReportMetric(float64(sum.Events), "events")
	}
}

// BenchmarkStoreShare measures, on one goroutine, the time to code 500
// mixed-corpus articles and the time to store them (fingerprint, duplicate
// lookup and batched writes into a fresh SQLite store), and reports the
// store's share of the two: a measure of where ingestion's work goes that
// does not depend on how busy the machine's other core is.
//
//	go test ./cmd/dyad -run XXX -bench StoreShare -benchtime 3x
func BenchmarkStoreShare(b *testing.B) {
	ctx := context.Background()
	env, _, _ := testEnv("")
	c, coding, err := newVersionedCoder(env, "")
	if err != nil {
		b.Skip(err)
	}
	const n = 500
	corpus := mixedCorpus(b, b.TempDir(), n)
	var arts []*dyad.Article
	if err := (&feed.Reader{}).Read(ctx, corpus, func(a *dyad.Article) error { arts = append(arts, a); return nil }); err != nil {
		b.Fatal(err)
	}
	round := 0
	for b.Loop() {
		round++
		start := time.Now()
		writes := make([]dyad.ArticleWrite, len(arts))
		for i, a := range arts {
			evs, err := c.CodeArticle(ctx, a)
			if err != nil {
				b.Fatal(err)
			}
			sa := &dyad.StoredArticle{Article: *a, Coding: coding}
			writes[i] = dyad.ArticleWrite{Article: sa, Events: evs}
		}
		codeTime := time.Since(start)
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("s%d.db", round)))
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		for i := 0; i < len(writes); i += 50 {
			batch := writes[i:min(i+50, len(writes))]
			for _, w := range batch {
				w.Article.Fingerprint = dedup.Fingerprint(w.Article.Text)
				if _, err := db.ArticleState(ctx, w.Article.ID, w.Article.Fingerprint.Hash); err != nil {
					b.Fatal(err)
				}
				if _, err := db.FindDuplicate(ctx, w.Article.Fingerprint, dedup.DefaultMinSimilarity); err != nil {
					b.Fatal(err)
				}
			}
			if err := db.Save(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		storeTime := time.Since(start)
		db.Close()
		b.ReportMetric(float64(codeTime.Microseconds())/n, "code-µs/article")
		b.ReportMetric(float64(storeTime.Microseconds())/n, "store-µs/article")
		b.ReportMetric(100*storeTime.Seconds()/(storeTime.Seconds()+codeTime.Seconds()), "store-%")
	}
}
