//go:build unix

package nats_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	dyadnats "github.com/dyad-events/dyad/nats"
	"github.com/dyad-events/dyad/nats/natstest"
	"github.com/dyad-events/dyad/postgres/pgtest"
)

// BenchmarkWorkers codes the sample corpus, repeated to
// DYAD_BENCH_ARTICLES articles (default 279: three copies, each article
// given a new ID and first line so that none is a duplicate), through the
// queue with 1 and 2 workers that each code one article at a time (`dyad
// worker --workers 1`), into PostgreSQL when $DYAD_TEST_POSTGRES is set,
// else SQLite, and reports articles/s from the first publication to the
// last article stored; also the CPU time the process used in that time
// (coding, storing and the embedded NATS server; a PostgreSQL server's
// own work is not counted) as cores busy and articles per CPU second, so
// that a machine shared with other work still shows what a worker costs.
func BenchmarkWorkers(b *testing.B) {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c, err := realCoder()
	if err != nil {
		b.Fatal(err)
	}
	base := corpus(b)
	n := 3 * len(base)
	if v, err := strconv.Atoi(os.Getenv("DYAD_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	var arts []dyad.Article
	for i := range n {
		a := base[i%len(base)]
		a.ID = fmt.Sprintf("%s#%d", a.ID, i/len(base))
		a.Text = fmt.Sprintf("Copy %d of the corpus.\n\n%s", i/len(base), a.Text)
		arts = append(arts, a)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dsn := filepath.Join(b.TempDir(), "bench.db")
				if os.Getenv(pgtest.Env) != "" {
					dsn = pgtest.DSN(b)
				}
				s := openStore(b, dsn)
				url := natstest.Server(b)
				q, err := dyadnats.Connect(context.Background(), url, dyadnats.Config{})
				if err != nil {
					b.Fatal(err)
				}
				ctx, cancel := context.WithCancel(context.Background())
				var wg sync.WaitGroup
				b.StartTimer()
				start, cpu0 := time.Now(), cpu()
				p := q.NewPublisher(2) // no near-duplicates: every article is coded
				for i := range arts {
					if err := p.Publish(ctx, &arts[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := p.Flush(ctx); err != nil {
					b.Fatal(err)
				}
				for range workers {
					w := &dyadnats.Worker{Queue: q, Ingester: &ingest.Ingester{Coder: c, Store: s, Coding: coding, Workers: 1, MinSimilarity: 2}}
					wg.Go(func() { w.Run(ctx) })
				}
				waitFor(b, time.Hour, func() bool {
					st, err := s.Stats(ctx)
					return err == nil && st.Articles == len(arts)
				})
				el, used := time.Since(start), cpu()-cpu0
				b.StopTimer()
				cancel()
				wg.Wait()
				q.Close()
				b.ReportMetric(float64(len(arts))/el.Seconds(), "articles/s")
				b.ReportMetric(used.Seconds()/el.Seconds(), "cores")
				b.ReportMetric(float64(len(arts))/used.Seconds(), "articles/cpu-s")
				b.StartTimer()
			}
		})
	}
}
