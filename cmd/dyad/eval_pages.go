package main

import "github.com/dyad-events/dyad"

// pageContext is what `dyad eval` has read of the current news page: gold
// records that follow each other with the same non-empty url are sentences
// of one page, and a record is coded after the page's records before it,
// as a reader of the page reads it: the dateline, the people a pronoun or
// title points back to, the story's main state come from them. The record
// is still scored alone, on the events of its own text.
type pageContext struct {
	alone     bool // every record alone (`--sentences-alone`)
	url, text string
}

// next returns the text of the page before record g (empty for the first
// record of a page) and adds g to the page.
func (p *pageContext) next(g goldRecord) string {
	if p.alone || g.URL == "" || g.URL != p.url {
		p.url, p.text = g.URL, ""
	}
	before := p.text
	if g.URL != "" && !p.alone {
		if p.text != "" {
			p.text += pageBreak
		}
		p.text += g.Text
	}
	return before
}

// pageBreak joins the texts of a page's records: a paragraph break, which
// always ends a sentence.
const pageBreak = "\n\n"

// withContext returns the article a gold record is coded as: its own text
// after the page's earlier text, and the byte offset where its own text
// begins.
func withContext(id string, g goldRecord, before string) (dyad.Article, int) {
	a := dyad.Article{ID: id, Text: g.Text, URL: g.URL}
	if before == "" {
		return a, 0
	}
	a.Text = before + pageBreak + g.Text
	return a, len(before) + len(pageBreak)
}

// ownEvents keeps the events whose trigger lies in the record's own text,
// from offset off of the article on.
func ownEvents(evs []dyad.Event, off int) []dyad.Event {
	if off == 0 {
		return evs
	}
	var out []dyad.Event
	for _, e := range evs {
		if e.Provenance.TriggerSpan.Start >= off {
			out = append(out, e)
		}
	}
	return out
}
