package nats

import (
	"context"
	"encoding/json"
	"fmt"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
	"github.com/dyad-events/dyad/ingest"
)

// Publisher hands articles to the workers. It decides, as `dyad ingest`
// does within one run, which articles repeat an earlier one of the run, so
// that workers coding in parallel store them as copies of the same
// originals whatever order they finish in. It is not safe for concurrent
// use.
type Publisher struct {
	q       *Queue
	index   *ingest.RunIndex
	pending []jetstream.PubAckFuture
	// Published, Duplicates and Repeats count the articles published, the
	// copies among them, and the articles left out because the run had
	// them already.
	Published, Duplicates, Repeats int
}

// NewPublisher returns a publisher to q; minSimilarity is as
// ingest.Ingester.MinSimilarity.
func (q *Queue) NewPublisher(minSimilarity float64) *Publisher {
	return &Publisher{q: q, index: ingest.NewRunIndex(minSimilarity)}
}

// maxInFlight bounds the publications awaiting the server's
// acknowledgement.
const maxInFlight = 256

// Publish publishes one article. Its message ID (the article's ID and text
// hash) lets the stream drop a second publication of the same article
// within ten minutes. Call Flush at the end.
func (p *Publisher) Publish(ctx context.Context, a *dyad.Article) error {
	if a.ID == "" {
		return fmt.Errorf("nats: publish: article has no ID")
	}
	it, seen := p.index.Add(a)
	if seen {
		p.Repeats++
		return nil
	}
	data, err := json.Marshal(it)
	if err != nil {
		return fmt.Errorf("nats: publish %q: %w", a.ID, err)
	}
	if max := p.q.nc.MaxPayload(); int64(len(data)) > max {
		return fmt.Errorf("nats: publish %q: %d bytes, over the server's message limit of %d", a.ID, len(data), max)
	}
	msg := &natsgo.Msg{Subject: p.q.cfg.Subject, Data: data, Header: natsgo.Header{}}
	msg.Header.Set(HeaderArticle, a.ID)
	msg.Header.Set(jetstream.MsgIDHeader, a.ID+":"+dedup.Fingerprint(a.Text).Hash)
	f, err := p.q.js.PublishMsgAsync(msg)
	if err != nil {
		return fmt.Errorf("nats: publish %q: %w", a.ID, err)
	}
	p.pending = append(p.pending, f)
	p.Published++
	if it.DuplicateOf != "" {
		p.Duplicates++
	}
	if len(p.pending) >= maxInFlight {
		return p.Flush(ctx)
	}
	return nil
}

// Flush waits until the server has stored every article published so far.
func (p *Publisher) Flush(ctx context.Context) error {
	defer func() { p.pending = p.pending[:0] }()
	for _, f := range p.pending {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("nats: publish %q: %w", f.Msg().Header.Get(HeaderArticle), err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
