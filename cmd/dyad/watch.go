package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/alert"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
	dyadnats "github.com/dyad-events/dyad/nats"
)

// watchMetrics are the Prometheus metrics `dyad watch` exposes, on a
// registry of its own.
type watchMetrics struct {
	reg      *prometheus.Registry
	articles *prometheus.CounterVec
	events   prometheus.Counter
	lastPoll prometheus.Gauge
}

func newWatchMetrics(p *feed.Poller) *watchMetrics {
	m := &watchMetrics{
		reg: prometheus.NewRegistry(),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dyad_articles_total", Help: "Articles ingested, by outcome (new, updated, unchanged, duplicate, failed).",
		}, []string{"state"}),
		events:   prometheus.NewCounter(prometheus.CounterOpts{Name: "dyad_events_total", Help: "Events coded and stored."}),
		lastPoll: prometheus.NewGauge(prometheus.GaugeOpts{Name: "dyad_last_ingest_timestamp_seconds", Help: "When new feed items were last ingested (Unix time)."}),
	}
	stat := func(name, help string, get func(feed.Stats) int64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(get(p.Stats())) })
	}
	m.reg.MustRegister(m.articles, m.events, m.lastPoll,
		stat("dyad_feed_polls_total", "Feed fetches attempted.", func(s feed.Stats) int64 { return s.Polls }),
		stat("dyad_feed_not_modified_total", "Feed polls answered 304 Not Modified.", func(s feed.Stats) int64 { return s.NotModified }),
		stat("dyad_feed_items_total", "New feed items handed to ingestion.", func(s feed.Stats) int64 { return s.Items }),
		stat("dyad_feed_failures_total", "Feed and page failures recorded.", func(s feed.Stats) int64 { return s.Failures }),
		prometheus.NewGoCollector(),
	)
	return m
}

func (m *watchMetrics) count(s ingest.Summary) {
	for state, n := range map[string]int{"new": s.New, "updated": s.Updated, "unchanged": s.Unchanged, "duplicate": s.Duplicate, "failed": s.Failed} {
		m.articles.WithLabelValues(state).Add(float64(n))
	}
	m.events.Add(float64(s.Events))
	m.lastPoll.SetToCurrentTime()
}

// runWatch is `dyad watch`.
func runWatch(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	sourcesPath := fs.String("sources", "", "`FILE` naming the feeds to poll and their intervals (YAML; see feed.LoadSources)")
	dbPath := dbFlag(fs)
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	addr := fs.String("addr", "127.0.0.1:9464", "`HOST:PORT` serving /metrics (Prometheus) and /healthz; empty for none")
	once := fs.Bool("once", false, "poll every source once, ingest, and exit (for cron)")
	alerts := fs.Bool("alerts", true, "evaluate the situations' alert rules after each ingestion and deliver their alerts")
	queue := queueFlag(fs, "to publish new items to instead of coding them here (dyad worker codes, stores and alerts)")
	limits := limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad watch --sources FILE [flags]

Polls the feeds named in the sources file on their intervals (conditional
GETs, retries with backoff, a per-host interval, a size cap), codes new
items and stores them like dyad ingest, until SIGINT or SIGTERM. Failures
are logged and recorded in the store, and the poller goes on. Prometheus
metrics are served at /metrics and a health check at /healthz (it pings the
store). With --queue nats://HOST:4222 new items are published for dyad
worker processes to code, store and alert on; the store keeps the feeds'
state. With --once the exit status is 1 when a feed or an article failed
(what was read is stored), as for dyad ingest.

A sources file:

  feeds:
    - name: Example Wire
      url: https://example.org/rss.xml
      interval: 15m          # at least 1m
    - url: feeds/local.xml   # a local feed file, relative to the sources file

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *sourcesPath == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkLimits(limits); err != nil {
		return err
	}
	sources, err := feed.LoadSources(*sourcesPath)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	m := &Main{env: env, DSN: *dbPath, DictDir: *dictDir, Limits: *limits}
	defer m.Close()
	db, err := m.Store(ctx)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	var pub *queuePublisher
	if *queue != "" {
		q, err := dyadnats.Connect(ctx, *queue, dyadnats.Config{})
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		defer q.Close()
		pub = &queuePublisher{p: q.NewPublisher(0)}
	}
	var (
		in *ingest.Ingester
		ev *alert.Evaluator
	)
	if pub == nil { // with a queue, the workers code, store and alert
		if in, err = m.Ingester(ctx, 0, 0); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		if ev, err = m.Evaluator(ctx); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
	}
	var (
		mu             sync.Mutex
		last           ingest.Summary
		articlesFailed int
	)
	p := &feed.Poller{Store: db, Logger: env.log}
	metrics := newWatchMetrics(p)
	p.OnFailure = func(f *feed.Failure) {
		env.log.Warn("feed failure", "source", f.Source, "at", f.Location, "attempt", f.Attempt, "err", f.Err)
		ingest.RecordFailure(ctx, db, env.log, f.Location, f.Err)
	}
	p.Handler = func(ctx context.Context, src feed.Source, arts []dyad.Article) error {
		if pub != nil {
			n, err := pub.publish(ctx, arts)
			env.log.Info("published", "source", src.Name, "articles", n, "queue", *queue)
			return err
		}
		sum, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error {
			for i := range arts {
				if err := emit(&arts[i]); err != nil {
					return err
				}
			}
			return nil
		}, func(r ingest.Result) {
			switch {
			case r.Err != nil:
				env.log.Warn("article failed", "source", src.Name, "article", r.ArticleID, "err", r.Err)
				ingest.RecordFailure(ctx, db, env.log, r.ArticleID, r.Err)
			case r.Warning != nil:
				env.log.Warn("article stored with a warning", "source", src.Name, "article", r.ArticleID, "warning", r.Warning)
				ingest.RecordFailure(ctx, db, env.log, r.ArticleID, fmt.Errorf("warning: %w", r.Warning))
			}
		})
		metrics.count(sum)
		mu.Lock()
		last = sum
		articlesFailed += sum.Failed
		mu.Unlock()
		env.log.Info("ingested", "source", src.Name, "summary", sum.String())
		if *alerts {
			if _, aerr := ev.Evaluate(ctx); aerr != nil {
				env.log.Warn("evaluating alert rules", "err", aerr)
			}
		}
		return err
	}

	if *once {
		for _, src := range sources {
			if _, err := p.Poll(ctx, src); err != nil {
				env.log.Warn("poll failed", "source", src.Name, "err", err)
			}
		}
		st := p.Stats()
		mu.Lock()
		failed := int(st.Failures) + articlesFailed
		mu.Unlock()
		fmt.Fprintf(env.stderr, "dyad watch: %d sources polled: %d new items, %d failures (store %s)\n", len(sources), st.Items, failed, db.Location())
		if err := ctx.Err(); err != nil {
			return err
		}
		if failed > 0 {
			return fmt.Errorf("watch: %d %s (logged above; dyad stats shows the latest); what was read is stored", failed, plural(failed, "failure", "failures"))
		}
		return nil
	}

	var srv *http.Server
	if *addr != "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", promhttp.HandlerFor(metrics.reg, promhttp.HandlerOpts{}))
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
			st := p.Stats()
			mu.Lock()
			sum := last
			mu.Unlock()
			status, code := "ok", http.StatusOK
			if err := db.Ping(r.Context()); err != nil {
				status, code = "store unavailable: "+err.Error(), http.StatusServiceUnavailable
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(map[string]any{"status": status, "sources": len(sources), "polls": st.Polls,
				"items": st.Items, "failures": st.Failures, "last_ingest": sum.String()})
		})
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return fmt.Errorf("watch: --addr: %w", err)
		}
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		env.log.Info("serving metrics", "addr", "http://"+ln.Addr().String()+"/metrics")
	}
	env.log.Info("watching", "sources", len(sources), "store", db.Location())
	err = p.Run(ctx, sources)
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		srv.Shutdown(sctx)
		cancel()
	}
	st := p.Stats()
	fmt.Fprintf(env.stderr, "dyad watch: stopped after %d polls: %d new items, %d failures\n", st.Polls, st.Items, st.Failures)
	if errors.Is(err, context.Canceled) {
		return nil // a clean shutdown on SIGINT/SIGTERM
	}
	return err
}
