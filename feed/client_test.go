package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// zeros is an endless reader of 'x' bytes: a body as large as the server
// cares to send, made as it is read.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// testServer serves the scenarios of the client and poller tests, and
// counts the requests of each path.
type testServer struct {
	*httptest.Server
	hits map[string]*atomic.Int64
	ua   atomic.Value
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{hits: map[string]*atomic.Int64{}}
	mux := http.NewServeMux()
	handle := func(path string, h http.HandlerFunc) {
		n := &atomic.Int64{}
		ts.hits[path] = n
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			ts.ua.Store(r.Header.Get("User-Agent"))
			h(w, r)
		})
	}
	serveFile := func(name, contentType string) http.HandlerFunc {
		b := fixture(t, name)
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(b)
		}
	}
	handle("/rss", serveFile("rss2.xml", "application/rss+xml"))
	handle("/atom", serveFile("atom.xml", "application/atom+xml"))
	handle("/rdf", serveFile("rdf.xml", "application/rdf+xml"))
	handle("/latin1", serveFile("latin1-nodecl.xml", "text/xml; charset=ISO-8859-1"))
	handle("/malformed", serveFile("malformed.xml", "application/rss+xml"))
	handle("/article", serveFile("article.html", "text/html; charset=utf-8"))
	handle("/image", serveFile("rdf.xml", "image/png"))
	rss := fixture(t, "rss2.xml")
	handle("/etag", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Tue, 03 Jun 2025 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 03 Jun 2025 10:00:00 GMT")
		w.Write(rss)
	})
	handle("/404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	handle("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	var flaky atomic.Int64
	handle("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(rss)
	})
	handle("/toomany", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Headers now, the body never: the client's timeout must end it.
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("<?xml version=\"1.0\"?><rss><channel>"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	handle("/huge", func(w http.ResponseWriter, r *http.Request) {
		// 1 GiB, generated as it is sent, with no Content-Length.
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<?xml version=\"1.0\"?><rss><channel><title>"))
		io.Copy(w, io.LimitReader(zeros{}, 1<<30))
	})
	handle("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(1<<30))
		io.Copy(w, io.LimitReader(zeros{}, 1<<30))
	})
	ts.Server = httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// testClient is a client with short timeouts and backoffs for tests.
func testClient() *Client {
	return &Client{Timeout: 200 * time.Millisecond, Retries: 2, Backoff: time.Millisecond, MaxBytes: 1 << 20, UserAgent: "dyad-test"}
}

func TestFetchFeed(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		path       string
		items      int
		firstTitle string
		hits       int64  // requests made
		err        string // "" for success
	}{
		{"/rss", 4, "Ministers meet on harbour rights", 1, ""},
		{"/atom", 2, "Parliament debates water accord", 1, ""},
		{"/rdf", 1, "Summit date set", 1, ""},
		{"/latin1", 1, "Le ministre des Affaires étrangères reçoit son homologue", 1, ""},
		{"/flaky", 4, "Ministers meet on harbour rights", 2, ""},                      // 503, then 200
		{"/404", 0, "", 1, "/404: HTTP 404 Not Found"},                                // not retried
		{"/500", 0, "", 3, "/500: HTTP 500 Internal Server Error (after 3 attempts)"}, // retried twice
		{"/toomany", 0, "", 1, "HTTP 429 Too Many Requests (retry after 1h0m0s)"},     // asks for too long
		{"/malformed", 0, "", 1, "/malformed: malformed feed"},
		{"/slow", 0, "", 3, "/slow: timed out"},
		{"/huge-declared", 0, "", 1, "Content-Length 1073741824, over the cap"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			res, err := testClient().FetchFeed(context.Background(), ts.URL+tt.path, State{})
			if got := ts.hits[tt.path].Load(); got != tt.hits {
				t.Errorf("%d requests, want %d", got, tt.hits)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), ts.URL) {
					t.Errorf("err %v, want %q naming the URL", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Articles) != tt.items || res.Articles[0].Title != tt.firstTitle {
				t.Errorf("articles %+v", res.Articles)
			}
		})
	}
	if ua, _ := ts.ua.Load().(string); ua != "dyad-test" {
		t.Errorf("User-Agent %q", ua)
	}
	var se *StatusError
	_, err := testClient().FetchFeed(context.Background(), ts.URL+"/toomany", State{})
	if !errors.As(err, &se) || se.Code != 429 || se.RetryAfter != time.Hour {
		t.Errorf("429: %#v", err)
	}
}

func TestFetchFeedNotModified(t *testing.T) {
	ts := newTestServer(t)
	c := testClient()
	first, err := c.FetchFeed(context.Background(), ts.URL+"/etag", State{Failures: 2})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || len(first.Articles) != 4 || first.State.ETag != `"v1"` ||
		first.State.LastModified != "Tue, 03 Jun 2025 10:00:00 GMT" || first.State.Failures != 2 {
		t.Fatalf("first fetch: %+v", first)
	}
	second, err := c.FetchFeed(context.Background(), ts.URL+"/etag", first.State)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Articles) != 0 || second.State.ETag != first.State.ETag ||
		second.State.LastModified != first.State.LastModified {
		t.Errorf("second fetch: %+v", second)
	}
}

func TestFetchHugeBounded(t *testing.T) {
	ts := newTestServer(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := testClient().FetchFeed(context.Background(), ts.URL+"/huge", State{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), ts.URL+"/huge") {
		t.Errorf("err %v, want ErrTooLarge naming the URL", err)
	}
	if ts.hits["/huge"].Load() != 1 {
		t.Errorf("a response too large was retried")
	}
	// The cap is 1 MiB; the client and server together should allocate a
	// few MiB, never the 1 GiB on offer.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("allocated %d MiB reading a capped response", alloc>>20)
	}
}

func TestFetchArticle(t *testing.T) {
	ts := newTestServer(t)
	c := testClient()
	a, err := c.FetchArticle(context.Background(), ts.URL+"/article")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != ts.URL+"/article" || a.URL != a.ID {
		t.Errorf("id %q url %q", a.ID, a.URL)
	}
	if !strings.HasPrefix(a.Title, "Valdoria and Ostrenia agree to share river data") {
		t.Errorf("title %q", a.Title)
	}
	if a.Source != "The Valdoria Ledger" || !a.Published.Equal(time.Date(2025, 6, 10, 7, 45, 0, 0, time.UTC)) {
		t.Errorf("source %q published %v", a.Source, a.Published)
	}
	for _, want := range []string{"agreed on Monday to share daily readings", "fishing rights in the shared harbour"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, junk := range []string{"Most read", "Privacy policy", "adSlots", "Weather"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text has page furniture %q:\n%s", junk, a.Text)
		}
	}
	if !strings.Contains(a.Text, "\n\n") {
		t.Errorf("text has no paragraphs:\n%s", a.Text)
	}
	if _, err := c.FetchArticle(context.Background(), ts.URL+"/image"); err == nil || !strings.Contains(err.Error(), "not an HTML page") {
		t.Errorf("image: %v", err)
	}
	if _, err := c.FetchArticle(context.Background(), ts.URL+"/404"); err == nil {
		t.Errorf("404: no error")
	}
}

func TestFetchFile(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join("testdata", "feeds", "atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	c := testClient()
	res, err := c.FetchFeed(context.Background(), u, State{})
	if err != nil || len(res.Articles) != 2 || res.State.LastModified == "" {
		t.Fatalf("%v %+v", err, res)
	}
	res, err = c.FetchFeed(context.Background(), u, res.State)
	if err != nil || !res.NotModified {
		t.Errorf("unchanged file: %v %+v", err, res)
	}
	_, err = c.FetchFeed(context.Background(), "file:///no/such/feed.xml", State{})
	if err == nil || !strings.Contains(err.Error(), "file:///no/such/feed.xml") {
		t.Errorf("missing file: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.xml")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = c.FetchFeed(context.Background(), "file://"+filepath.ToSlash(big), State{})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("big file: %v", err)
	}
	if _, err := c.FetchFeed(context.Background(), "ftp://example.org/feed", State{}); err == nil {
		t.Errorf("ftp: no error")
	}
}

func TestPerHostInterval(t *testing.T) {
	ts := newTestServer(t)
	c := testClient()
	c.PerHostInterval = time.Hour
	if _, err := c.FetchFeed(context.Background(), ts.URL+"/rss", State{}); err != nil {
		t.Fatal(err)
	}
	// The next request to the host must wait an hour; a caller's
	// deadline ends the wait without a request being made.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.FetchFeed(ctx, ts.URL+"/atom", State{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want the caller's deadline", err)
	}
	if n := ts.hits["/atom"].Load(); n != 0 {
		t.Errorf("%d requests made inside the per-host interval", n)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{"-5", 0},
		{"soon", 0},
		{"Sun, 01 Jun 2025 12:00:30 GMT", 30 * time.Second},
		{"Sun, 01 Jun 2025 11:00:00 GMT", 0},
	} {
		if got := retryAfter(tt.h, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.h, got, tt.want)
		}
	}
}
