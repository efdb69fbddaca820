// Package nats spreads the coding of articles over any number of workers
// on any number of machines through a NATS JetStream stream: readers
// (`dyad ingest --queue`, `dyad watch --queue`) publish articles instead of
// coding them, and workers (`dyad worker`) consume them, code them and
// store them.
//
// Delivery is at least once and the effect exactly once: a worker
// acknowledges an article's message only after the article and its events
// are committed; a message delivered again (a worker died, or its
// acknowledgement was lost) finds its article stored with the same text
// and changes nothing, since article and event IDs are stable. An article
// that fails to code or store is tried again with a growing delay; after
// MaxTries deliveries it is moved to the dead-letter subject with its
// error, which is also recorded in the store's failure log.
//
// The package is named nats, like the client library; callers import it
// under another name (dyadnats).
package nats

import (
	"context"
	"errors"
	"fmt"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults of a Config.
const (
	DefaultStream   = "DYAD_ARTICLES"
	DefaultSubject  = "dyad.articles"
	DefaultDead     = "dyad.articles.dead"
	DefaultConsumer = "dyad-workers"
	DefaultMaxTries = 5
	DefaultAckWait  = 2 * time.Minute
)

// Config names the stream, subjects and consumer that readers and workers
// share. The zero Config uses the defaults.
type Config struct {
	// Stream is the JetStream stream of articles (work-queue retention:
	// a message is gone once a worker acknowledged it).
	Stream string
	// Subject is where articles are published.
	Subject string
	// Dead is the dead-letter subject; a stream of its own
	// (Stream + "_DEAD") keeps what is sent there.
	Dead string
	// Consumer is the durable consumer all workers share.
	Consumer string
	// MaxTries is how many deliveries of an article that fails are tried
	// before it goes to the dead-letter subject.
	MaxTries int
	// AckWait is how long a worker has to acknowledge a message before it
	// is delivered to another (a worker that died); workers extend it
	// while coding a batch.
	AckWait time.Duration
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Dead == "" {
		c.Dead = DefaultDead
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.MaxTries <= 0 {
		c.MaxTries = DefaultMaxTries
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	return c
}

// Queue is a connection to NATS with dyad's streams in place.
type Queue struct {
	nc  *natsgo.Conn
	js  jetstream.JetStream
	cfg Config
}

// Connect connects to the NATS server at url (nats://HOST:PORT) and creates
// or updates the article and dead-letter streams.
func Connect(ctx context.Context, url string, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	nc, err := natsgo.Connect(url, natsgo.Name("dyad"), natsgo.MaxReconnects(-1), natsgo.RetryOnFailedConnect(false))
	if err != nil {
		return nil, fmt.Errorf("nats: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: %s: %w", url, err)
	}
	q := &Queue{nc: nc, js: js, cfg: cfg}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: cfg.Stream, Subjects: []string{cfg.Subject}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Duplicates: 10 * time.Minute,
		Description: "dyad: articles to code and store",
	}); err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: stream %s: %w", cfg.Stream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: cfg.Stream + "_DEAD", Subjects: []string{cfg.Dead}, Retention: jetstream.LimitsPolicy,
		Storage: jetstream.FileStorage, Description: "dyad: articles that failed MaxTries times, with their errors",
	}); err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: stream %s_DEAD: %w", cfg.Stream, err)
	}
	return q, nil
}

// Close drains the connection: published messages are sent first.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil && !errors.Is(err, natsgo.ErrConnectionClosed) {
		return fmt.Errorf("nats: %w", err)
	}
	return nil
}

// Config returns the queue's configuration, defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// Pending returns the number of articles in the stream not yet
// acknowledged by a worker.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if err != nil {
		return 0, fmt.Errorf("nats: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("nats: %w", err)
	}
	return info.State.Msgs, nil
}

// DeadLetters returns the messages of the dead-letter stream, oldest first
// (at most limit), for tests and operators.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	s, err := q.js.Stream(ctx, q.cfg.Stream+"_DEAD")
	if err != nil {
		return nil, fmt.Errorf("nats: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("nats: %w", err)
	}
	var out []DeadLetter
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && len(out) < limit && info.State.Msgs > 0; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				continue
			}
			return nil, fmt.Errorf("nats: dead letter %d: %w", seq, err)
		}
		out = append(out, DeadLetter{ArticleID: m.Header.Get(HeaderArticle), Error: m.Header.Get(HeaderError),
			Tries: m.Header.Get(HeaderTries), Data: m.Data})
	}
	return out, nil
}

// DeadLetter is an article that could not be coded or stored.
type DeadLetter struct {
	// ArticleID is the article's ID; Error why its last try failed;
	// Tries how many deliveries were tried.
	ArticleID, Error, Tries string
	// Data is the message as published.
	Data []byte
}

// The headers of dyad's messages.
const (
	// HeaderArticle is the article's ID, for people reading the stream.
	HeaderArticle = "Dyad-Article"
	// HeaderError and HeaderTries say why and after how many deliveries
	// a dead letter failed.
	HeaderError = "Dyad-Error"
	HeaderTries = "Dyad-Tries"
)
