package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/eval"
)

// numberedRecord is a gold record with its ID as text and the line it was
// read from, kept for error messages.
type numberedRecord struct {
	id   string
	line int
	goldRecord
}

// evalPage is a run of consecutive gold records taken from one news page
// (the same non-empty url). `dyad eval` codes a page as one article, its
// records' texts joined as paragraphs in file order, so that a record can
// lean on the page's earlier records as a reader of the page would: the
// dateline, the people a pronoun or title points back to, the story's main
// state. A record is still scored alone, on the events whose trigger lies in
// its own text.
type evalPage struct {
	recs []numberedRecord
}

// groupPages splits records into pages. With alone set, every record is a
// page of its own (`dyad eval --sentences-alone`).
func groupPages(recs []numberedRecord, alone bool) []evalPage {
	var pages []evalPage
	for _, r := range recs {
		if n := len(pages); !alone && n > 0 && r.URL != "" && pages[n-1].recs[0].URL == r.URL {
			pages[n-1].recs = append(pages[n-1].recs, r)
			continue
		}
		pages = append(pages, evalPage{recs: []numberedRecord{r}})
	}
	return pages
}

// predictPage codes one page and returns one prediction per record, in the
// page's order.
func predictPage(ctx context.Context, c *coder.Coder, p evalPage) ([]eval.Record, error) {
	if len(p.recs) == 1 {
		r := p.recs[0]
		rec, err := predict(ctx, c, r.id, r.goldRecord)
		if err != nil {
			return nil, fmt.Errorf("%d: %w", r.line, err)
		}
		return []eval.Record{rec}, nil
	}
	out := make([]eval.Record, len(p.recs))
	ends := make([]int, len(p.recs)) // byte offset where each record's text ends
	var text strings.Builder
	var a dyad.Article
	a.ID, a.URL = p.recs[0].id, p.recs[0].URL
	for i, r := range p.recs {
		out[i] = eval.Record{ID: r.id, Text: r.Text, URL: r.URL, Events: []eval.Event{}}
		if r.Date != nil {
			out[i].Date = *r.Date
			d, err := parseDate(*r.Date)
			if err != nil {
				return nil, fmt.Errorf("%d: %w", r.line, err)
			}
			if a.Published.IsZero() {
				a.Published = d
			}
		}
		if i > 0 {
			text.WriteString("\n\n")
		}
		text.WriteString(r.Text)
		ends[i] = text.Len()
	}
	a.Text = text.String()
	evs, err := c.CodeArticle(ctx, &a)
	if err != nil {
		return nil, fmt.Errorf("%d: %w", p.recs[0].line, err)
	}
	for _, e := range evs {
		at := e.Provenance.TriggerSpan.Start
		i := 0
		for i < len(ends)-1 && at >= ends[i] {
			i++
		}
		out[i].Events = append(out[i].Events, GoldEvent(e))
	}
	return out, nil
}
