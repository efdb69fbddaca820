package feed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// recorder collects what a Poller hands out.
type recorder struct {
	mu       sync.Mutex
	articles map[string][]dyad.Article // by source name
	calls    map[string]int
	failures map[string][]*Failure
}

func newRecorder() *recorder {
	return &recorder{articles: map[string][]dyad.Article{}, calls: map[string]int{}, failures: map[string][]*Failure{}}
}

func (r *recorder) handle(_ context.Context, src Source, arts []dyad.Article) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.articles[src.Name] = append(r.articles[src.Name], arts...)
	r.calls[src.Name]++
	return nil
}

func (r *recorder) fail(f *Failure) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures[f.Source] = append(r.failures[f.Source], f)
}

// done reports whether every source has either delivered or failed.
func (r *recorder) done(srcs []Source) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range srcs {
		if r.calls[s.Name] == 0 && len(r.failures[s.Name]) == 0 {
			return false
		}
	}
	return true
}

// waitFor polls cond until it holds; the deadline only guards against a
// hang and asserts nothing about speed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPollerRun(t *testing.T) {
	ts := newTestServer(t)
	c := testClient()
	c.Retries = 1
	src := func(name, path string) Source {
		return Source{Name: name, URL: ts.URL + path, Interval: 20 * time.Millisecond}
	}
	sources := []Source{
		src("rss", "/rss"), src("atom", "/atom"), src("rdf", "/rdf"), src("etag", "/etag"),
		src("latin1", "/latin1"), src("404", "/404"), src("500", "/500"), src("slow", "/slow"),
		src("huge", "/huge"), src("malformed", "/malformed"),
	}
	rec := newRecorder()
	store := &MemStore{}
	p := &Poller{Client: c, Store: store, Handler: rec.handle, OnFailure: rec.fail}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx, sources) }()

	waitFor(t, "every source to deliver or fail", func() bool { return rec.done(sources) })
	waitFor(t, "a 304 from the ETag source", func() bool { return p.Stats().NotModified > 0 })
	waitFor(t, "the 404 source to fail twice", func() bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		return len(rec.failures["404"]) >= 2
	})
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("poller did not stop after its context was cancelled")
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	for name, want := range map[string]int{"rss": 4, "atom": 2, "rdf": 1, "etag": 4, "latin1": 1} {
		arts := rec.articles[name]
		// Polled many times, each item handed on once.
		if len(arts) != want || rec.calls[name] != 1 {
			t.Errorf("%s: %d articles in %d calls, want %d in 1", name, len(arts), rec.calls[name], want)
		}
		for _, a := range arts {
			if a.Source != name {
				t.Errorf("%s: article source %q", name, a.Source)
			}
		}
		if fs := rec.failures[name]; len(fs) > 0 {
			t.Errorf("%s: failures %v", name, fs)
		}
	}
	if a := rec.articles["latin1"]; len(a) == 1 && !strings.Contains(a[0].Title, "étrangères reçoit") {
		t.Errorf("latin1 title %q", a[0].Title)
	}
	for name, want := range map[string]string{
		"404": "HTTP 404", "500": "HTTP 500", "slow": "timed out", "huge": "response too large", "malformed": "malformed feed",
	} {
		fs := rec.failures[name]
		if len(fs) == 0 || len(rec.articles[name]) != 0 {
			t.Errorf("%s: %d failures, %d articles", name, len(fs), len(rec.articles[name]))
			continue
		}
		f := fs[0]
		if !strings.Contains(f.Error(), want) || f.Location != ts.URL+"/"+name || f.Attempt != 1 || f.When.IsZero() {
			t.Errorf("%s: failure %+v, want %q", name, f, want)
		}
		if len(fs) > 1 && fs[1].Attempt != 2 {
			t.Errorf("%s: second failure is attempt %d", name, fs[1].Attempt)
		}
	}
	st, _ := store.FeedState(context.Background(), ts.URL+"/404")
	if st.Failures == 0 || !strings.Contains(st.LastError, "404") || !st.LastSuccess.IsZero() {
		t.Errorf("404 state: %+v", st)
	}
	st, _ = store.FeedState(context.Background(), ts.URL+"/etag")
	if st.ETag != `"v1"` || st.Failures != 0 || st.LastSuccess.IsZero() || len(st.Seen) != 4 {
		t.Errorf("etag state: %+v", st)
	}
	s := p.Stats()
	if s.Polls < int64(len(sources)) || s.Items != 12 || s.Failures < 5 || s.NotModified < 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestPollHandlerErrorRedelivers(t *testing.T) {
	ts := newTestServer(t)
	fail := true
	var got [][]dyad.Article
	var fails []*Failure
	p := &Poller{Client: testClient(),
		Handler: func(_ context.Context, _ Source, arts []dyad.Article) error {
			got = append(got, arts)
			if fail {
				return errors.New("store is down")
			}
			return nil
		},
		OnFailure: func(f *Failure) { fails = append(fails, f) },
	}
	src := Source{Name: "Ledger", URL: ts.URL + "/rss"}
	ctx := context.Background()
	if _, err := p.Poll(ctx, src); err == nil || !strings.Contains(err.Error(), "store is down") {
		t.Errorf("first poll: %v", err)
	}
	fail = false
	st, err := p.Poll(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Poll(ctx, src); err != nil {
		t.Fatal(err)
	}
	// Offered twice (the first refused), then nothing new.
	if len(got) != 2 || len(got[0]) != 4 || len(got[1]) != 4 {
		t.Errorf("handler calls: %d", len(got))
	}
	if len(fails) != 1 || fails[0].Source != "Ledger" || !strings.Contains(fails[0].Error(), "handler: store is down") {
		t.Errorf("failures %v", fails)
	}
	if st.Failures != 0 || len(st.Seen) != 4 {
		t.Errorf("state %+v", st)
	}
}

func TestPollFetchArticles(t *testing.T) {
	ts := newTestServer(t)
	// A feed whose one item links to the article page, and one whose
	// item links to a missing page: the feed's text is kept.
	feedXML := func(link string) string {
		return `<rss version="2.0"><channel><title>Links</title><item><title>River data</title><link>` + link +
			`</link><description>Summary only.</description></item></channel></rss>`
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.ToSlash(filepath.Join(dir, name))
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return "file://" + p
	}
	good := write("good.xml", feedXML(ts.URL+"/article"))
	bad := write("bad.xml", feedXML(ts.URL+"/404"))
	var got []dyad.Article
	var fails []*Failure
	p := &Poller{Client: testClient(),
		Handler:   func(_ context.Context, _ Source, arts []dyad.Article) error { got = append(got, arts...); return nil },
		OnFailure: func(f *Failure) { fails = append(fails, f) },
	}
	for _, u := range []string{good, bad} {
		if _, err := p.Poll(context.Background(), Source{Name: "L", URL: u, FetchArticles: true}); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0].Text, "share daily readings") || got[1].Text != "Summary only." {
		t.Errorf("articles %+v", got)
	}
	if len(fails) != 1 || fails[0].Location != ts.URL+"/404" || !strings.Contains(fails[0].Error(), "feed text kept") {
		t.Errorf("failures %v", fails)
	}
}

// failingStore is a StateStore that cannot save.
type failingStore struct{ MemStore }

func (*failingStore) SaveFeedState(context.Context, State) error {
	return errors.New("disk full")
}

func TestPollStoreFailure(t *testing.T) {
	ts := newTestServer(t)
	var fails []*Failure
	p := &Poller{Client: testClient(), Store: &failingStore{}, OnFailure: func(f *Failure) { fails = append(fails, f) }}
	_, err := p.Poll(context.Background(), Source{Name: "R", URL: ts.URL + "/rss"})
	if err == nil || !strings.Contains(err.Error(), "save state: disk full") || len(fails) != 1 {
		t.Errorf("err %v, failures %v", err, fails)
	}
}

func TestRunNoSources(t *testing.T) {
	if err := (&Poller{}).Run(context.Background(), nil); err == nil {
		t.Error("no error for no sources")
	}
	if got := (&Failure{Location: "x.jsonl:3"}).Error(); got != "x.jsonl:3: failed" {
		t.Errorf("failure without error: %q", got)
	}
}
