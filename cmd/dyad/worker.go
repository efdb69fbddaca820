package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	dyadnats "github.com/dyad-events/dyad/nats"
)

// queueFlag adds the --queue flag: the NATS server that readers publish
// articles to and workers take them from.
func queueFlag(fs *flag.FlagSet, what string) *string {
	return fs.String("queue", os.Getenv("DYAD_QUEUE"), "`URL` of the NATS JetStream server (nats://HOST:4222; $DYAD_QUEUE) "+what)
}

// runWorker is `dyad worker`.
func runWorker(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	queue := queueFlag(fs, "to take articles from")
	dbPath := dbFlag(fs)
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	workers := fs.Int("workers", 0, "articles of a batch coded at once (default: the number of CPUs)")
	batch := fs.Int("batch", dyadnats.DefaultBatch, "`N` articles taken, coded and stored in one transaction")
	tries := fs.Int("max-tries", dyadnats.DefaultMaxTries, "deliveries of a failing article before it goes to the dead-letter subject")
	alerts := fs.Bool("alerts", true, "evaluate the situations' alert rules after each batch that stored something")
	limits := limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad worker --queue nats://HOST:4222 [--db DSN] [flags]

Takes articles that dyad ingest --queue and dyad watch --queue publish to a
NATS JetStream stream, codes them and stores them, batch by batch, until
SIGINT or SIGTERM. Run any number of workers, on any machines, on one
queue and one store (a postgres:// URL; a SQLite file serves workers on
one machine). An article is acknowledged only after its events are
committed: a worker killed mid-batch loses nothing, and an article
delivered again changes nothing. One that fails --max-tries times goes to
the dead-letter subject (dyad.articles.dead) with its error, which is also
recorded in the store (dyad stats lists it).

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("worker: unexpected arguments %q", fs.Args())
	}
	if *queue == "" {
		fs.Usage()
		return usagef("worker: --queue is required")
	}
	if err := checkLimits(limits); err != nil {
		return err
	}
	m := &Main{env: env, DSN: *dbPath, DictDir: *dictDir, Limits: *limits}
	defer m.Close()
	in, err := m.Ingester(ctx, *workers, 0)
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	db, _ := m.Store(ctx) // opened by Ingester
	q, err := dyadnats.Connect(ctx, *queue, dyadnats.Config{MaxTries: *tries})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	defer q.Close()
	var (
		mu    sync.Mutex
		total ingest.Summary
	)
	w := &dyadnats.Worker{Queue: q, Batch: *batch, Logger: env.log, Ingester: in,
		OnResult: func(r ingest.Result) {
			if r.Err == nil {
				mu.Lock()
				total.Add(r)
				mu.Unlock()
			}
		}}
	if *alerts {
		ev, err := m.Evaluator(ctx)
		if err != nil {
			return fmt.Errorf("worker: %w", err)
		}
		w.AfterBatch = func(ctx context.Context, _ ingest.Summary) {
			if _, err := ev.Evaluate(ctx); err != nil {
				env.log.Warn("evaluating alert rules", "err", err)
			}
		}
	}
	env.log.Info("worker started", "queue", *queue, "store", db.Location())
	err = w.Run(ctx)
	mu.Lock()
	fmt.Fprintf(env.stderr, "dyad worker: %s (store %s)\n", total, db.Location())
	mu.Unlock()
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}

// publishInputs is `dyad ingest --queue`: the articles read are published
// to the queue, with the run's decisions of which repeat an earlier one,
// for workers to code and store. Inputs that fail are reported by rec.
func publishInputs(ctx context.Context, env *cliEnv, url string, minSim float64, read func(emit func(*dyad.Article) error) error, rec *failureRecorder) error {
	q, err := dyadnats.Connect(ctx, url, dyadnats.Config{})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer q.Close()
	p := q.NewPublisher(minSim)
	err = read(func(a *dyad.Article) error { return p.Publish(ctx, a) })
	if ferr := p.Flush(ctx); err == nil {
		err = ferr
	}
	fmt.Fprintf(env.stderr, "dyad ingest: %d articles published to %s (%d copies of earlier ones), %d read twice and left out, %d failed\n",
		p.Published, url, p.Duplicates, p.Repeats, rec.failed)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if rec.failed > 0 {
		return fmt.Errorf("ingest: %d %s failed (listed above); the rest was published", rec.failed, plural(rec.failed, "input", "inputs"))
	}
	return nil
}

// queuePublisher publishes the articles of `dyad watch --queue`, whose
// poller may hand on several feeds' articles at once.
type queuePublisher struct {
	mu sync.Mutex
	p  *dyadnats.Publisher
}

// publish publishes arts and waits until the server has them all; it
// returns how many were published (an article read twice is not).
func (q *queuePublisher) publish(ctx context.Context, arts []dyad.Article) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	before := q.p.Published
	for i := range arts {
		if err := q.p.Publish(ctx, &arts[i]); err != nil {
			return q.p.Published - before, err
		}
	}
	return q.p.Published - before, q.p.Flush(ctx)
}
