package ingest

import (
	"context"
	"errors"
	"strings"

	"github.com/dyad-events/dyad"
)

// Defaults of the per-article limits: far above what news needs (a long
// feature is a few hundred sentences, 50 KB of text and a hundred events),
// low enough that one runaway input costs seconds and megabytes.
const (
	// DefaultMaxTextBytes caps an article's text: 1 MiB, about 170,000
	// words.
	DefaultMaxTextBytes = 1 << 20
	// DefaultMaxSentences caps the sentences coded in one article (the
	// coder's MaxSentences option).
	DefaultMaxSentences = 5000
	// DefaultMaxEvents caps the events kept of one article.
	DefaultMaxEvents = 2000
)

// Limits bound what one article may cost. Zero fields take the defaults.
type Limits struct {
	// MaxTextBytes: an article whose text is longer is not coded; it fails
	// with a *dyad.LimitError.
	MaxTextBytes int
	// MaxSentences is what the coder was built with (coder.Options), kept
	// here to be reported; the coder enforces it.
	MaxSentences int
	// MaxEvents: events past it are dropped, and the article is stored
	// with a *dyad.LimitError as a warning.
	MaxEvents int
}

// WithDefaults returns l with its zero fields set to the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	if l.MaxSentences <= 0 {
		l.MaxSentences = DefaultMaxSentences
	}
	if l.MaxEvents <= 0 {
		l.MaxEvents = DefaultMaxEvents
	}
	return l
}

// Guard is the step between a coder and whatever keeps its events: it
// refuses texts over the limit before coding them, collapses the identical
// events of identical repeated sentences, and caps the events of one
// article. Ingestion codes through it; `dyad code` and POST /code use it
// too, so that they give what would be stored. It implements
// dyad.EventCoder.
type Guard struct {
	// Coder codes the articles.
	Coder dyad.EventCoder
	// Limits bound each article.
	Limits Limits
}

var _ dyad.EventCoder = (*Guard)(nil)

// CodeArticle codes a through the guard. A text over the limit gives no
// events and a *dyad.LimitError; a limit reached while coding (the
// coder's sentences, the guard's events) gives the events up to it with a
// *dyad.LimitError whose Partial is set.
func (g *Guard) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	l := g.Limits.WithDefaults()
	if len(a.Text) > l.MaxTextBytes {
		return nil, &dyad.LimitError{What: "text bytes", Max: l.MaxTextBytes, Got: len(a.Text)}
	}
	evs, err := g.Coder.CodeArticle(ctx, a)
	var le *dyad.LimitError
	if err != nil && !(errors.As(err, &le) && le.Partial) {
		return evs, err
	}
	evs = Collapse(evs)
	if len(evs) > l.MaxEvents {
		got := len(evs)
		evs = evs[:l.MaxEvents:l.MaxEvents]
		if err == nil {
			err = &dyad.LimitError{What: "events", Max: l.MaxEvents, Got: got, Partial: true}
		}
	}
	return evs, err
}

// Collapse drops the events that repeat an earlier event of the same
// article word for word: the same sentence text (a sentence repeated, as
// in a page that repeats its text, or a runaway input of one sentence
// over and over) and the same actors, code, date and place. An event
// restated in other words is another report and is kept. The first of
// each is kept, in order; evs is reused.
func Collapse(evs []dyad.Event) []dyad.Event {
	if len(evs) < 2 {
		return evs
	}
	type key struct {
		sentence, src, tgt, code, date, place string
	}
	seen := make(map[key]bool, len(evs))
	out := evs[:0]
	for _, e := range evs {
		k := key{sentence: strings.TrimSpace(e.Provenance.SentenceText), src: e.Source.Code + "/" + e.Source.Role + "/" + e.Source.Name,
			tgt: e.Target.Code + "/" + e.Target.Role + "/" + e.Target.Name, code: e.Code,
			date: e.Date.String() + "/" + string(e.DatePrecision)}
		if p := e.Place; p != nil {
			k.place = p.Country + "/" + p.Admin1 + "/" + p.Name
		}
		if k.sentence == "" { // nothing says the sentences are the same
			out = append(out, e)
			continue
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	clear(evs[len(out):]) // let the dropped events' memory go
	return out
}
