package nats_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/examples"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/geo"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/mock"
	dyadnats "github.com/dyad-events/dyad/nats"
	"github.com/dyad-events/dyad/nats/natstest"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/store"
)

// fakeCoder codes one event per sentence, deterministically; it panics on
// an article whose text says POISON, and sleeps Delay per article.
type fakeCoder struct{ Delay time.Duration }

func (c fakeCoder) CodeArticle(_ context.Context, a *dyad.Article) ([]dyad.Event, error) {
	if strings.Contains(a.Text, "POISON") {
		panic("poisoned article " + a.ID)
	}
	time.Sleep(c.Delay)
	var out []dyad.Event
	for i, s := range strings.Split(a.Text, ". ") {
		h := sha256.Sum256([]byte(a.ID + "\x00" + s))
		e := dyad.Event{ID: hex.EncodeToString(h[:8]), Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "CHN"},
			Date: a.Published, DatePrecision: dyad.PrecisionArticle, Provenance: dyad.Provenance{ArticleID: a.ID, Sentence: i, SentenceText: s, PatternID: "fake"}}
		c, _ := cameo.Default().Lookup([]string{"042", "043", "190", "036"}[i%4])
		c.Fill(&e)
		out = append(out, e)
	}
	return out, nil
}

// articles returns n articles, one in five a copy of an earlier one under
// another ID and source.
func articles(n int) []dyad.Article {
	var out []dyad.Article
	day := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		a := dyad.Article{ID: fmt.Sprintf("art-%03d", i), Source: fmt.Sprintf("Wire %d", i%3), Published: day.AddDate(0, 0, i%20),
			Text: fmt.Sprintf("Article %d reports talks number %d. The envoys of %d states met. Officials said %d things were agreed", i, i*31, i%7, i*i)}
		if i%5 == 4 {
			a.Text = out[i-3].Text
		}
		out = append(out, a)
	}
	return out
}

// backends opens, for each store the test can reach, a fresh one: SQLite
// always, PostgreSQL when $DYAD_TEST_POSTGRES is set.
func backends(t *testing.T) map[string]string {
	m := map[string]string{"sqlite": filepath.Join(t.TempDir(), "dyad.db")}
	if os.Getenv(pgtest.Env) != "" || os.Getenv(pgtest.Require) == "1" {
		m["postgres"] = pgtest.DSN(t)
	} else {
		t.Log(pgtest.HowTo)
	}
	return m
}

func openStore(t testing.TB, dsn string) dyad.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var coding = dyad.Coding{Dictionary: "dict-test", Model: "model-test"}

// ingestDirect stores arts the way `dyad ingest` does, without a queue.
func ingestDirect(t testing.TB, s dyad.Store, c dyad.EventCoder, arts []dyad.Article) ingest.Summary {
	t.Helper()
	in := &ingest.Ingester{Coder: c, Store: s, Coding: coding}
	sum, err := in.Ingest(context.Background(), func(emit func(*dyad.Article) error) error {
		for i := range arts {
			if err := emit(&arts[i]); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// publish hands arts to the queue.
func publish(t testing.TB, q *dyadnats.Queue, arts []dyad.Article) *dyadnats.Publisher {
	t.Helper()
	ctx := context.Background()
	p := q.NewPublisher(0)
	for i := range arts {
		if err := p.Publish(ctx, &arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return p
}

// snapshot is what a store holds of arts, without the times of ingestion:
// each article's text hash and original, and every event with its report
// counts, sorted.
func snapshot(t testing.TB, s dyad.Store, arts []dyad.Article) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	for _, a := range arts {
		sa, err := s.Article(ctx, a.ID)
		if err != nil {
			lines = append(lines, "article "+a.ID+" missing")
			continue
		}
		lines = append(lines, fmt.Sprintf("article %s %s dup=%s sim=%.3f coded=%s/%s", sa.ID, sa.Fingerprint.Hash[:12], sa.DuplicateOf, sa.Similarity, sa.Coding.Dictionary, sa.Coding.Model))
	}
	es, err := s.Events(ctx, dyad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		b, _ := json.Marshal(e.Event)
		lines = append(lines, fmt.Sprintf("event %s reports=%d sources=%d %s", e.ID, e.NumArticles, e.NumSources, b))
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, fmt.Sprintf("stats articles=%d duplicates=%d events=%d", st.Articles, st.Duplicates, st.Events))
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// drain runs workers until the queue is empty and want articles are
// stored, or fails the test after a minute.
func drain(t *testing.T, url string, s dyad.Store, c dyad.EventCoder, workers int, cfg dyadnats.Config, want int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range workers {
		q, err := dyadnats.Connect(ctx, url, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		w := &dyadnats.Worker{Queue: q, Ingester: &ingest.Ingester{Coder: c, Store: s, Coding: coding, Workers: 2}, Batch: 8}
		wg.Go(func() {
			if err := w.Run(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	q, err := dyadnats.Connect(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	waitFor(t, time.Minute, func() bool {
		n, _ := q.Pending(ctx)
		st, _ := s.Stats(ctx)
		return n == 0 && st != nil && st.Articles >= want
	})
	cancel()
	wg.Wait()
}

// waitFor polls cond until it holds, failing the test after d.
func waitFor(t testing.TB, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not done after %s", d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWorkersStoreWhatIngestStores publishes articles (with copies) to the
// queue and has two workers code and store them: the store ends as `dyad
// ingest` leaves one, on each backend.
func TestWorkersStoreWhatIngestStores(t *testing.T) {
	arts := articles(40)
	ref := openStore(t, filepath.Join(t.TempDir(), "ref.db"))
	sum := ingestDirect(t, ref, fakeCoder{}, arts)
	if sum.Duplicate != 8 || sum.New != 32 {
		t.Fatalf("reference: %s", sum)
	}
	want := snapshot(t, ref, arts)
	for name, dsn := range backends(t) {
		t.Run(name, func(t *testing.T) {
			url := natstest.Server(t)
			q, err := dyadnats.Connect(context.Background(), url, dyadnats.Config{})
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			p := publish(t, q, append(arts, arts[:5]...)) // the repeats are left out
			if p.Published != 40 || p.Duplicates != 8 || p.Repeats != 5 {
				t.Errorf("published %d, %d copies, %d repeats", p.Published, p.Duplicates, p.Repeats)
			}
			s := openStore(t, dsn)
			drain(t, url, s, fakeCoder{Delay: time.Millisecond}, 2, dyadnats.Config{}, 40)
			if got := snapshot(t, s, arts); got != want {
				t.Errorf("store after the workers differs from dyad ingest's:\n%s", diff(want, got))
			}
			// Publishing the same articles again (a second reader, a
			// restarted watch) changes nothing.
			before := snapshot(t, s, arts)
			_, mark, _ := s.EventsArrived(context.Background(), dyad.ArrivalQuery{})
			q2, _ := dyadnats.Connect(context.Background(), url, dyadnats.Config{})
			defer q2.Close()
			publish(t, q2, arts)
			drain(t, url, s, fakeCoder{}, 1, dyadnats.Config{}, 40)
			if got := snapshot(t, s, arts); got != before {
				t.Errorf("publishing again changed the store:\n%s", diff(before, got))
			}
			if es, _, _ := s.EventsArrived(context.Background(), dyad.ArrivalQuery{After: mark}); len(es) != 0 {
				t.Errorf("publishing again stored %d events anew", len(es))
			}
		})
	}
}

// diff lists the lines of a and b that the other lacks.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("... %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}

// TestPoisonArticle has the coder panic on one article: it is tried
// MaxTries times, then moved to the dead-letter subject with its error,
// which the store's failure log records; the others are stored.
func TestPoisonArticle(t *testing.T) {
	url := natstest.Server(t)
	cfg := dyadnats.Config{MaxTries: 3}
	q, err := dyadnats.Connect(context.Background(), url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	arts := articles(6)
	arts[2].Text = "This article is POISON for the coder. It panics"
	publish(t, q, arts)
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	drain(t, url, s, fakeCoder{}, 1, cfg, 5)
	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 || dead[0].ArticleID != "art-002" || dead[0].Tries != "3" || !strings.Contains(dead[0].Error, "panic: poisoned article art-002") {
		t.Fatalf("dead letters: %+v", dead)
	}
	var it ingest.Item
	if err := json.Unmarshal(dead[0].Data, &it); err != nil || it.Article.ID != "art-002" {
		t.Errorf("dead letter data: %v %v", it, err)
	}
	fs, err := s.Failures(context.Background(), 10)
	if err != nil || len(fs) != 1 || !strings.Contains(fs[0].Location, "art-002") || !strings.Contains(fs[0].Error, "after 3 tries") {
		t.Errorf("failures: %+v %v", fs, err)
	}
	if st, _ := s.ArticleState(context.Background(), "art-002", ""); st != dyad.ArticleNew {
		t.Errorf("the poisoned article was stored: %v", st)
	}
	if n, _ := s.CountEvents(context.Background(), dyad.EventFilter{}); n != 4*3 {
		t.Errorf("%d events, want 12: three from each of the four other originals", n)
	}
}

// TestCopyWaitsForItsOriginal has one worker take a copy while another
// still codes its original: the copy is tried again later, not failed.
func TestCopyWaitsForItsOriginal(t *testing.T) {
	url := natstest.Server(t)
	cfg := dyadnats.Config{MaxTries: 2}
	q, err := dyadnats.Connect(context.Background(), url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	arts := []dyad.Article{
		{ID: "orig", Source: "A", Text: "Slow article about talks. It takes long to code", Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "copy1", Source: "B", Text: "Slow article about talks. It takes long to code"},
		{ID: "copy2", Source: "C", Text: "Slow article about talks. It takes long to code"},
	}
	publish(t, q, arts)
	s := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	slow := slowFor{id: "orig", delay: 1500 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	var waits int
	for range 3 {
		w := &dyadnats.Worker{Queue: q, Ingester: &ingest.Ingester{Coder: slow, Store: s, Coding: coding}, Batch: 1,
			OnResult: func(r ingest.Result) {
				if r.Err != nil {
					mu.Lock()
					waits++
					mu.Unlock()
				}
			}}
		wg.Go(func() { w.Run(ctx) })
	}
	waitFor(t, time.Minute, func() bool {
		es, _ := s.Events(ctx, dyad.EventFilter{})
		return len(es) == 2 && es[0].NumArticles == 3
	})
	cancel()
	wg.Wait()
	if dead, _ := q.DeadLetters(context.Background(), 10); len(dead) != 0 {
		t.Errorf("dead letters: %+v", dead)
	}
	if waits == 0 {
		t.Error("no copy was taken before its original was stored: the test did not test the wait")
	}
}

// slowFor is fakeCoder, slow for one article.
type slowFor struct {
	id    string
	delay time.Duration
}

func (s slowFor) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	if a.ID == s.id {
		time.Sleep(s.delay)
	}
	return fakeCoder{}.CodeArticle(ctx, a)
}

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

// corpus is the embedded sample corpus.
func corpus(t testing.TB) []dyad.Article {
	t.Helper()
	var arts []dyad.Article
	r := &feed.Reader{Format: feed.FormatJSONL, Stdin: bytes.NewReader(examples.Corpus)}
	if err := r.Read(context.Background(), "-", func(a *dyad.Article) error { arts = append(arts, *a); return nil }); err != nil {
		t.Fatal(err)
	}
	return arts
}

// workerEnv is set in a child process of TestKilledWorker: the process
// is a worker (see TestHelperWorker).
const workerEnv = "DYAD_NATS_TEST_WORKER"

// TestHelperWorker is a worker process of TestKilledWorker: with
// DYAD_NATS_TEST_WORKER=NATS_URL|STORE_DSN it codes and stores articles
// from the queue with the real coder until killed.
func TestHelperWorker(t *testing.T) {
	spec := os.Getenv(workerEnv)
	if spec == "" {
		t.Skip("a worker process of TestKilledWorker")
	}
	url, dsn, _ := strings.Cut(spec, "|")
	c, err := realCoder()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	q, err := dyadnats.Connect(ctx, url, killConfig)
	if err != nil {
		t.Fatal(err)
	}
	s := openStore(t, dsn)
	// The lines say where the worker was when it was killed: a "coding"
	// line not followed by its batch's "stored" lines is mid-batch.
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	logged := &mock.Coder{CodeArticleFn: func(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
		say("coding %s", a.ID)
		return c.CodeArticle(ctx, a)
	}}
	w := &dyadnats.Worker{Queue: q, Ingester: &ingest.Ingester{Coder: logged, Store: s, Coding: coding, Workers: 1}, Batch: 6,
		OnResult: func(r ingest.Result) { say("stored %s", r.ArticleID) }}
	w.Run(ctx)
}

// killConfig lets a killed worker's messages go to another after 2 s.
var killConfig = dyadnats.Config{AckWait: 2 * time.Second}

// TestKilledWorker ingests the sample corpus through the queue with two
// worker processes and the real coder, killing workers with SIGKILL in
// the middle of their batches: the final store holds the same articles,
// event IDs and counts as `dyad ingest` into SQLite — nothing lost,
// nothing doubled. It runs on PostgreSQL when $DYAD_TEST_POSTGRES is set,
// else on SQLite.
func TestKilledWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("codes the sample corpus several times")
	}
	c, err := realCoder()
	if err != nil {
		t.Fatal(err)
	}
	arts := corpus(t)
	ref := openStore(t, filepath.Join(t.TempDir(), "ref.db"))
	sum := ingestDirect(t, ref, c, arts)
	want := snapshot(t, ref, arts)
	dsn := filepath.Join(t.TempDir(), "queue.db")
	if os.Getenv(pgtest.Env) != "" || os.Getenv(pgtest.Require) == "1" {
		dsn = pgtest.DSN(t)
	} else {
		t.Log("on SQLite: " + pgtest.HowTo)
	}
	s := openStore(t, dsn)
	url := natstest.Server(t)
	q, err := dyadnats.Connect(context.Background(), url, killConfig)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	publish(t, q, arts)

	outs := map[*exec.Cmd]*bytes.Buffer{}
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWorker$", "-test.v")
		cmd.Env = append(os.Environ(), workerEnv+"="+url+"|"+dsn)
		out := &bytes.Buffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		outs[cmd] = out
		return cmd
	}
	stored := func() int {
		st, err := s.Stats(context.Background())
		if err != nil {
			return -1
		}
		return st.Articles
	}
	// Two workers; kill one each time more articles have been stored,
	// and start another in its place.
	workers := []*exec.Cmd{start(), start()}
	kills, midBatch := 0, 0
	for _, at := range []int{10, 35, 60} {
		waitFor(t, 3*time.Minute, func() bool { return stored() >= at })
		victim := workers[kills%2]
		if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		victim.Wait()
		kills++
		lines := strings.Split(strings.TrimSpace(outs[victim].String()), "\n")
		last := lines[len(lines)-1]
		if strings.HasPrefix(last, "coding ") {
			midBatch++
		}
		t.Logf("killed a worker with %d of %d articles stored; its last line: %q", stored(), len(arts), last)
		workers[(kills-1)%2] = start()
	}
	waitFor(t, 5*time.Minute, func() bool {
		n, _ := q.Pending(context.Background())
		return n == 0 && stored() >= sum.Read-sum.Failed
	})
	for _, w := range workers {
		w.Process.Signal(syscall.SIGKILL)
		w.Wait()
	}
	if got := snapshot(t, s, arts); got != want {
		t.Errorf("after %d kills the store differs from dyad ingest's:\n%s", kills, diff(want, got))
	}
	if dead, _ := q.DeadLetters(context.Background(), 10); len(dead) != 0 {
		t.Errorf("dead letters: %+v", dead)
	}
	if midBatch == 0 {
		t.Errorf("none of the %d kills caught a worker in the middle of a batch: the test did not test that", kills)
	}
}
