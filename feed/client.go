package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
)

// Defaults of a Client's options.
const (
	// DefaultTimeout bounds one request attempt.
	DefaultTimeout = 30 * time.Second
	// DefaultRetries is the Retries of NewClient.
	DefaultRetries = 2
	// DefaultBackoff is the wait before the first retry.
	DefaultBackoff = time.Second
	// DefaultMaxRetryAfter is the longest Retry-After the client waits.
	DefaultMaxRetryAfter = time.Minute
	// DefaultMaxBytes caps a response body (10 MiB).
	DefaultMaxBytes = 10 << 20
	// DefaultUserAgent is sent when UserAgent is empty.
	DefaultUserAgent = "dyad (+https://github.com/dyad-events/dyad)"
)

// Client fetches feeds and article pages over HTTP(S), and feed files by
// file:// URL. It is safe for concurrent use. Zero-valued options take
// their defaults, except Retries (0: no retry); NewClient sets Retries.
type Client struct {
	// HTTP does the requests; nil means a client of its own.
	HTTP *http.Client
	// Timeout bounds each attempt, from the request to the last byte of
	// the body.
	Timeout time.Duration
	// Retries is how many times a request is repeated after a network
	// error, a timeout, a 5xx, a 408 or a 429.
	Retries int
	// Backoff is the wait before the first retry; it doubles with each
	// retry, with jitter.
	Backoff time.Duration
	// MaxRetryAfter bounds how long a Retry-After header may make the
	// client wait; a server asking for longer is not retried, and the
	// StatusError carries the RetryAfter it asked for.
	MaxRetryAfter time.Duration
	// PerHostInterval is the least time between the starts of two
	// requests to the same host.
	PerHostInterval time.Duration
	// MaxBytes caps a response body; a longer one is an error, and no
	// more of it is read.
	MaxBytes int64
	// UserAgent is sent with each request.
	UserAgent string
	// Logger receives retries at debug level; nil discards.
	Logger *slog.Logger

	mu       sync.Mutex
	hostNext map[string]time.Time
	own      *http.Client
}

// NewClient returns a Client with the default options and DefaultRetries.
func NewClient() *Client {
	return &Client{Retries: DefaultRetries}
}

// State is what is kept of a feed between polls: the one definition of
// feed state, dyad.FeedState, which every store keeps.
type State = dyad.FeedState

// FeedResult is what a feed fetch or parse gives.
type FeedResult struct {
	// Title is the feed's own title.
	Title string
	// Articles are the feed's items, in feed order; none when NotModified.
	Articles []dyad.Article
	// NotModified is true when the server answered 304 (or a local file
	// is unchanged).
	NotModified bool
	// State holds the new validators (ETag, Last-Modified); the other
	// fields are copied from the State given.
	State State
}

// StatusError is an HTTP response with a status other than 200.
type StatusError struct {
	// URL is the requested URL.
	URL string
	// Code is the HTTP status code.
	Code int
	// RetryAfter is the delay the server asked for (429, 503), if any.
	RetryAfter time.Duration
}

// Error says which URL answered which status.
func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %v)", e.RetryAfter)
	}
	return s
}

// ErrTooLarge is wrapped by the error for a response over MaxBytes.
var ErrTooLarge = errors.New("response too large")

func (c *Client) timeout() time.Duration { return orDefault(c.Timeout, DefaultTimeout) }
func (c *Client) backoff() time.Duration { return orDefault(c.Backoff, DefaultBackoff) }
func (c *Client) maxRetryAfter() time.Duration {
	return orDefault(c.MaxRetryAfter, DefaultMaxRetryAfter)
}
func (c *Client) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxBytes
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.own == nil {
		c.own = &http.Client{}
	}
	return c.own
}

func (c *Client) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// response is one fetched body with the headers that matter.
type response struct {
	code         int
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// FetchFeed fetches and parses the feed at rawURL (http, https or file),
// sending prev's validators so that an unchanged feed costs a 304. On 304
// the result is NotModified with no articles and prev's validators. The
// articles' Source is the feed's title; a caller with a configured name sets
// its own.
func (c *Client) FetchFeed(ctx context.Context, rawURL string, prev State) (FeedResult, error) {
	res := FeedResult{State: prev}
	u, err := url.Parse(rawURL)
	if err != nil {
		return res, fmt.Errorf("feed %q: %w", rawURL, err)
	}
	var r *response
	if u.Scheme == "file" {
		r, err = c.readFile(u, prev)
	} else {
		r, err = c.get(ctx, u, prev, "application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	}
	if err != nil {
		return res, err
	}
	if r.code == http.StatusNotModified {
		res.NotModified = true
		return res, nil
	}
	parsed, err := ParseFeed(r.body, r.contentType)
	if err != nil {
		return res, fmt.Errorf("%s: %w", rawURL, err)
	}
	parsed.State = prev
	parsed.State.ETag = r.etag
	parsed.State.LastModified = r.lastModified
	return parsed, nil
}

// FetchArticle fetches the HTML page at rawURL and returns its main text
// as an article whose ID and URL are rawURL, with the page's title, site
// name and published date where it gives them.
func (c *Client) FetchArticle(ctx context.Context, rawURL string) (*dyad.Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("page %q: %w", rawURL, err)
	}
	var r *response
	if u.Scheme == "file" {
		r, err = c.readFile(u, State{})
	} else {
		r, err = c.get(ctx, u, State{}, "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	}
	if err != nil {
		return nil, err
	}
	if ct := strings.ToLower(r.contentType); ct != "" && !strings.Contains(ct, "html") && !strings.HasPrefix(ct, "text/") {
		return nil, fmt.Errorf("%s: not an HTML page (Content-Type %s)", rawURL, r.contentType)
	}
	a, err := articleFromHTML(r.body, r.contentType, u)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	a.ID, a.URL = rawURL, rawURL
	return a, nil
}

// readFile reads a file:// URL, capped at MaxBytes; an unchanged
// modification time (against prev.LastModified) reads as 304.
func (c *Client) readFile(u *url.URL, prev State) (*response, error) {
	path := u.Path
	if path == "" {
		path = u.Opaque
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, unwrapPath(err))
	}
	mod := st.ModTime().UTC().Format(time.RFC3339Nano)
	if prev.LastModified == mod {
		return &response{code: http.StatusNotModified, lastModified: mod}, nil
	}
	max := c.maxBytes()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, unwrapPath(err))
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: %w: %w", u, ErrTooLarge, sizeError(max))
	}
	return &response{code: http.StatusOK, body: b, lastModified: mod}, nil
}

// get does a GET with retries. It returns a response with code 200 or 304,
// or an error that names the URL.
func (c *Client) get(ctx context.Context, u *url.URL, prev State, accept string) (*response, error) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%s: unsupported scheme %q", u, u.Scheme)
	}
	wait := c.backoff()
	for attempt := 0; ; attempt++ {
		r, err := c.attempt(ctx, u, prev, accept)
		if err == nil {
			return r, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", u, ctx.Err())
		}
		retry, delay := c.retryable(err)
		if !retry || attempt >= c.Retries {
			if attempt > 0 {
				return nil, fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return nil, err
		}
		// Exponential backoff with up to 50% jitter, or the server's
		// Retry-After if it asks for longer.
		d := wait + rand.N(wait/2+1)
		d = max(d, delay)
		wait *= 2
		c.logger().Debug("feed: retrying", "url", u.String(), "attempt", attempt+1, "in", d, "err", err)
		if err := sleep(ctx, d); err != nil {
			return nil, fmt.Errorf("%s: %w", u, err)
		}
	}
}

// retryable says whether an attempt's error is worth repeating, and the
// least delay the server asked for.
func (c *Client) retryable(err error) (bool, time.Duration) {
	if errors.Is(err, ErrTooLarge) {
		return false, 0
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch {
		case se.RetryAfter > c.maxRetryAfter():
			return false, 0
		case se.Code == http.StatusTooManyRequests, se.Code == http.StatusRequestTimeout, se.Code >= 500:
			return true, se.RetryAfter
		}
		return false, 0
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true, 0
	}
	var ue *url.Error
	return errors.As(err, &ue), 0
}

// attempt does one GET, paced per host and bounded by Timeout, and reads
// the body up to MaxBytes.
func (c *Client) attempt(ctx context.Context, u *url.URL, prev State, accept string) (*response, error) {
	if err := c.pace(ctx, u.Host); err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	ua := c.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", accept)
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, timeoutErr(ctx, u, err)
	}
	defer resp.Body.Close()
	r := &response{code: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		// Keep the old validators where the 304 does not repeat them.
		if r.etag == "" {
			r.etag = prev.ETag
		}
		if r.lastModified == "" {
			r.lastModified = prev.LastModified
		}
		return r, nil
	default:
		return nil, &StatusError{URL: u.String(), Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	max := c.maxBytes()
	if resp.ContentLength > max {
		return nil, fmt.Errorf("%s: %w: Content-Length %d, over the cap of %d bytes", u, ErrTooLarge, resp.ContentLength, max)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, timeoutErr(ctx, u, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: %w: %w", u, ErrTooLarge, sizeError(max))
	}
	r.body = b
	return r, nil
}

// timeoutErr names the URL in err, and says so when the attempt's
// deadline ran out.
func timeoutErr(ctx context.Context, u *url.URL, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: timed out: %w", u, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %w", u, err)
}

// retryAfter reads a Retry-After header (seconds or an HTTP date).
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 1<<30)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// pace waits until a request to host may start, and books the next slot.
func (c *Client) pace(ctx context.Context, host string) error {
	if c.PerHostInterval <= 0 {
		return nil
	}
	c.mu.Lock()
	if c.hostNext == nil {
		c.hostNext = map[string]time.Time{}
	}
	now := time.Now()
	at := c.hostNext[host]
	if at.Before(now) {
		at = now
	}
	c.hostNext[host] = at.Add(c.PerHostInterval)
	c.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
