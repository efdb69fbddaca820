package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad"
)

// MaxSeen bounds State.Seen.
const MaxSeen = 1000

// maxFailureDelay bounds how far repeated failures push a source's next
// poll.
const maxFailureDelay = time.Hour

// StateStore keeps each feed's State between polls and runs. Every
// dyad.Store implements it for the CLI; MemStore does for tests.
type StateStore = dyad.FeedStateStore

// MemStore is a StateStore in memory, safe for concurrent use. The zero
// MemStore is ready.
type MemStore struct {
	mu sync.Mutex
	m  map[string]State
}

// FeedState returns the state saved for url, or the zero State with its
// URL set.
func (m *MemStore) FeedState(_ context.Context, url string) (State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.m[url]
	s.URL = url
	s.Seen = slices.Clone(s.Seen)
	return s, nil
}

// SaveFeedState saves s under s.URL.
func (m *MemStore) SaveFeedState(_ context.Context, s State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]State{}
	}
	s.Seen = slices.Clone(s.Seen)
	m.m[s.URL] = s
	return nil
}

// Handler receives a source's new articles. An error is recorded as a
// failure of the poll and the articles are offered again at the next poll.
type Handler func(ctx context.Context, src Source, articles []dyad.Article) error

// Stats counts what a Poller has done, for metrics.
type Stats struct {
	// Polls counts feed fetches attempted (one per source per tick).
	Polls int64
	// NotModified counts polls answered 304 (or, for a file, unchanged).
	NotModified int64
	// Items counts new articles handed to the Handler.
	Items int64
	// Failures counts failures recorded: failed polls, failed pages.
	Failures int64
}

// Poller polls sources on their intervals and hands new items to Handler.
// A failing source is recorded and retried later, never stopping the
// others; a slow one is bounded by the Client's Timeout.
type Poller struct {
	// Client fetches; nil means NewClient().
	Client *Client
	// Store keeps feed state; nil means a MemStore of the Poller's own.
	Store StateStore
	// Handler receives new articles; calls are never concurrent.
	Handler Handler
	// OnFailure receives each failure (with Source, When and Attempt
	// set); nil drops them, though Stats still counts them.
	OnFailure func(*Failure)
	// Jitter is the fraction by which each wait is varied at random
	// (0.1: ±10%); 0 means 0.1, a negative value none.
	Jitter float64
	// Logger receives a line per poll at debug level; nil discards.
	Logger *slog.Logger

	handlerMu sync.Mutex
	initOnce  sync.Once
	client    *Client
	store     StateStore
	polls     atomic.Int64
	notMod    atomic.Int64
	items     atomic.Int64
	failures  atomic.Int64
}

func (p *Poller) init() {
	p.initOnce.Do(func() {
		p.client = p.Client
		if p.client == nil {
			p.client = NewClient()
		}
		p.store = p.Store
		if p.store == nil {
			p.store = &MemStore{}
		}
	})
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Stats returns the counts so far. It is safe to call at any time.
func (p *Poller) Stats() Stats {
	return Stats{Polls: p.polls.Load(), NotModified: p.notMod.Load(), Items: p.items.Load(), Failures: p.failures.Load()}
}

// Run polls every source until ctx is done, each first at a random moment
// within its first tenth of an interval, then once per interval (jittered;
// longer after repeated failures or when a server asks to be left alone).
// It returns ctx's error once all in-flight polls have stopped, or an error
// at once when there is no source.
func (p *Poller) Run(ctx context.Context, sources []Source) error {
	p.init()
	if len(sources) == 0 {
		return errors.New("feed: no sources to poll")
	}
	var wg sync.WaitGroup
	for _, src := range sources {
		wg.Go(func() { p.loop(ctx, src) })
	}
	wg.Wait()
	return ctx.Err()
}

func (p *Poller) loop(ctx context.Context, src Source) {
	interval := src.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	var wait time.Duration
	if p.Jitter >= 0 {
		wait = rand.N(interval/10 + 1)
	}
	for {
		if sleep(ctx, wait) != nil {
			return
		}
		st, err := p.Poll(ctx, src)
		if ctx.Err() != nil {
			return
		}
		wait = interval
		if err != nil && st.Failures > 0 {
			// Back off: double the interval per consecutive failure,
			// up to an hour (or the interval, if longer).
			f := min(st.Failures-1, 6)
			wait = min(interval<<f, max(interval, maxFailureDelay))
			var se *StatusError
			if errors.As(err, &se) && se.RetryAfter > wait {
				wait = se.RetryAfter
			}
		}
		wait = p.jitter(wait)
	}
}

// jitter varies d at random by the Poller's Jitter fraction.
func (p *Poller) jitter(d time.Duration) time.Duration {
	j := p.Jitter
	if j == 0 {
		j = 0.1
	}
	if j < 0 || d <= 0 {
		return d
	}
	return time.Duration(float64(d) * (1 + j*(2*rand.Float64()-1)))
}

// Poll fetches one source once: new items go to Handler, a failure to
// OnFailure, and the feed's State is saved. It returns the saved State and
// the poll's error, if any (already recorded). `dyad ingest` can call it
// once per source; Run calls it on each tick.
func (p *Poller) Poll(ctx context.Context, src Source) (State, error) {
	p.init()
	p.polls.Add(1)
	st, err := p.store.FeedState(ctx, src.URL)
	if err != nil {
		err = fmt.Errorf("load state: %w", err)
		p.fail(src, src.URL, 1, err)
		return st, err
	}
	now := time.Now()
	st.URL, st.Name, st.LastAttempt = src.URL, src.Name, now
	res, err := p.client.FetchFeed(ctx, src.URL, st)
	if err == nil && !res.NotModified {
		err = p.deliver(ctx, src, &res)
	}
	if ctx.Err() != nil {
		// Cancelled: neither a failure of the source nor a success.
		return st, ctx.Err()
	}
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		p.fail(src, src.URL, st.Failures, err)
	} else {
		if res.NotModified {
			p.notMod.Add(1)
		}
		st.ETag, st.LastModified, st.Seen = res.State.ETag, res.State.LastModified, res.State.Seen
		st.Failures, st.LastError, st.LastSuccess = 0, "", now
	}
	if serr := p.store.SaveFeedState(ctx, st); serr != nil {
		serr = fmt.Errorf("save state: %w", serr)
		p.fail(src, src.URL, st.Failures, serr)
		if err == nil {
			err = serr
		}
	}
	p.logger().Debug("feed: polled", "source", src.Name, "url", src.URL, "not_modified", res.NotModified,
		"items", len(res.Articles), "err", err)
	return st, err
}

// deliver hands the new items of res to the Handler, fetching their pages
// first if the source says so, and sets res.State.Seen. Nothing is marked
// seen unless the Handler succeeds.
func (p *Poller) deliver(ctx context.Context, src Source, res *FeedResult) error {
	seen := make(map[string]bool, len(res.State.Seen)+len(res.Articles))
	for _, id := range res.State.Seen {
		seen[id] = true
	}
	var fresh []dyad.Article
	var ids []string
	for _, a := range res.Articles {
		if seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		ids = append(ids, a.ID)
		if src.Name != "" {
			a.Source = src.Name
		}
		fresh = append(fresh, a)
	}
	if len(fresh) == 0 {
		return nil
	}
	if src.FetchArticles {
		for i := range fresh {
			p.fetchPage(ctx, src, &fresh[i])
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	p.handlerMu.Lock()
	var err error
	if p.Handler != nil {
		err = p.Handler(ctx, src, fresh)
	}
	p.handlerMu.Unlock()
	if err != nil {
		return fmt.Errorf("handler: %w", err)
	}
	p.items.Add(int64(len(fresh)))
	ids = append(ids, res.State.Seen...)
	if len(ids) > MaxSeen {
		ids = ids[:MaxSeen]
	}
	res.State.Seen = ids
	return nil
}

// fetchPage replaces a feed item's text with its page's main text; a page
// that cannot be fetched is recorded and the feed's text kept.
func (p *Poller) fetchPage(ctx context.Context, src Source, a *dyad.Article) {
	if a.URL == "" {
		return
	}
	page, err := p.client.FetchArticle(ctx, a.URL)
	if err != nil {
		if ctx.Err() == nil {
			p.fail(src, a.URL, 1, fmt.Errorf("article page (feed text kept): %w", err))
		}
		return
	}
	a.Text = page.Text
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Published.IsZero() {
		a.Published = page.Published
	}
}

// fail counts and hands on one failure.
func (p *Poller) fail(src Source, loc string, attempt int, err error) {
	p.failures.Add(1)
	if p.OnFailure != nil {
		p.OnFailure(&Failure{Location: loc, Source: src.Name, When: time.Now(), Attempt: attempt, Err: err})
	}
}
