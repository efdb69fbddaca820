package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
)

// DefaultBatch is how many messages a worker takes at once, codes and
// stores in one transaction.
const DefaultBatch = 64

// DefaultMaxWait is how long an article that repeats another waits for
// that original to be stored (by another worker) before it counts as
// failed.
const DefaultMaxWait = 10 * time.Minute

// Worker consumes articles from the queue, codes them and stores them.
// Any number of workers, in any number of processes, may share one queue
// and one store. Set its fields, then call Run.
type Worker struct {
	// Queue is where the articles come from.
	Queue *Queue
	// Ingester codes and stores; its Store must also be a dyad.FailureLog
	// to record dead letters (every dyad.Store is).
	Ingester *ingest.Ingester
	// Batch is how many messages are taken, coded and stored at once
	// (DefaultBatch when 0).
	Batch int
	// MaxWait bounds how long a copy waits for its original
	// (DefaultMaxWait when 0).
	MaxWait time.Duration
	// AfterBatch, when set, is called after each batch that stored
	// something, with what it did; `dyad worker` evaluates the alert
	// rules there, once per batch.
	AfterBatch func(ctx context.Context, sum ingest.Summary)
	// OnResult, when set, receives each article's result.
	OnResult func(r ingest.Result)
	// Logger receives a line per batch at debug level and per failure at
	// warning level; nil discards them.
	Logger *slog.Logger
}

func (w *Worker) log() *slog.Logger {
	if w.Logger != nil {
		return w.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Run takes batches from the queue until ctx is cancelled; the batch in
// hand is finished first. It returns nil on cancellation.
func (w *Worker) Run(ctx context.Context) error {
	cfg := w.Queue.cfg
	cons, err := w.Queue.js.CreateOrUpdateConsumer(ctx, cfg.Stream, jetstream.ConsumerConfig{
		Durable: cfg.Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: cfg.AckWait,
		MaxDeliver:    -1, // tries are counted by the worker: waiting for an original is no try
		MaxAckPending: 4096, FilterSubject: cfg.Subject,
		Description: "dyad workers: code and store articles",
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("nats: consumer %s: %w", cfg.Consumer, err)
	}
	size := w.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	for ctx.Err() == nil {
		b, err := cons.Fetch(size, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.log().Warn("fetching articles", "err", err)
			time.Sleep(time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range b.Messages() {
			msgs = append(msgs, m)
		}
		if err := b.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, natsgo.ErrTimeout) && ctx.Err() == nil {
			w.log().Warn("fetching articles", "err", err)
		}
		if len(msgs) == 0 {
			continue
		}
		// The batch is finished even when ctx is cancelled meanwhile:
		// what is stored is acknowledged.
		w.handle(context.WithoutCancel(ctx), msgs)
	}
	return nil
}

// handle codes and stores one batch, then acknowledges each message whose
// article is stored and settles the others.
func (w *Worker) handle(ctx context.Context, msgs []jetstream.Msg) {
	// Keep the messages ours while the batch is coded.
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		t := time.NewTicker(w.Queue.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				for _, m := range msgs {
					m.InProgress()
				}
			}
		}
	}()

	var items []ingest.Item
	var live []jetstream.Msg
	for _, m := range msgs {
		var it ingest.Item
		if err := json.Unmarshal(m.Data(), &it); err != nil || it.Article.ID == "" {
			if err == nil {
				err = errors.New("no article ID")
			}
			w.dead(ctx, m, m.Headers().Get(HeaderArticle), fmt.Errorf("malformed message: %w", err), 1)
			continue
		}
		items = append(items, it)
		live = append(live, m)
	}
	if len(items) == 0 {
		return
	}
	results := w.Ingester.StoreBatch(ctx, items)
	var sum ingest.Summary
	for i, r := range results {
		m := live[i]
		if w.OnResult != nil {
			w.OnResult(r)
		}
		if r.Err == nil {
			sum.Add(r)
			if err := m.Ack(); err != nil {
				w.log().Warn("acknowledging", "article", r.ArticleID, "err", err) // delivered again, changes nothing
			}
			continue
		}
		w.retry(ctx, m, r)
	}
	w.log().Debug("batch", "articles", len(msgs), "summary", sum.String())
	if w.AfterBatch != nil && sum.New+sum.Updated+sum.Duplicate > 0 {
		w.AfterBatch(ctx, sum)
	}
}

// retry settles a message whose article failed: delivered again later, or
// moved to the dead-letter subject after MaxTries deliveries (a copy
// waiting for its original only after MaxWait).
func (w *Worker) retry(ctx context.Context, m jetstream.Msg, r ingest.Result) {
	md, err := m.Metadata()
	if err != nil {
		w.log().Warn("message metadata", "article", r.ArticleID, "err", err)
		m.Nak()
		return
	}
	tries := int(md.NumDelivered)
	if errors.Is(r.Err, ingest.ErrOriginalMissing) {
		maxWait := w.MaxWait
		if maxWait <= 0 {
			maxWait = DefaultMaxWait
		}
		if time.Since(md.Timestamp) < maxWait {
			m.NakWithDelay(min(time.Duration(tries)*500*time.Millisecond, 10*time.Second))
			return
		}
		w.dead(ctx, m, r.ArticleID, r.Err, tries)
		return
	}
	if tries >= w.Queue.cfg.MaxTries {
		w.dead(ctx, m, r.ArticleID, r.Err, tries)
		return
	}
	w.log().Warn("article failed; it will be tried again", "article", r.ArticleID, "try", tries, "err", r.Err)
	m.NakWithDelay(time.Duration(1<<min(tries, 6)) * 250 * time.Millisecond)
}

// dead moves a message to the dead-letter subject with its error, records
// the failure in the store, and acknowledges the original message.
func (w *Worker) dead(ctx context.Context, m jetstream.Msg, id string, cause error, tries int) {
	w.log().Warn("article moved to the dead-letter subject", "article", id, "tries", tries, "err", cause, "subject", w.Queue.cfg.Dead)
	dl := &natsgo.Msg{Subject: w.Queue.cfg.Dead, Data: m.Data(), Header: natsgo.Header{}}
	dl.Header.Set(HeaderArticle, id)
	dl.Header.Set(HeaderError, cause.Error())
	dl.Header.Set(HeaderTries, strconv.Itoa(tries))
	if _, err := w.Queue.js.PublishMsg(ctx, dl); err != nil {
		w.log().Warn("publishing a dead letter; the article will be delivered again", "article", id, "err", err)
		m.NakWithDelay(5 * time.Second)
		return
	}
	if fl, ok := w.Ingester.Store.(dyad.FailureLog); ok {
		ingest.RecordFailure(ctx, fl, w.log(), "queue "+w.Queue.cfg.Subject+": article "+id, fmt.Errorf("after %d tries, moved to %s: %w", tries, w.Queue.cfg.Dead, cause))
	}
	if err := m.Term(); err != nil {
		w.log().Warn("settling a dead letter", "article", id, "err", err)
	}
}
