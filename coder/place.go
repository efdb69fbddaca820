package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/nlp"
)

// PlaceFinder finds and resolves the places named in a parsed text;
// *geo.Gazetteer is one.
type PlaceFinder interface {
	// Places returns the places named in doc, each with the byte span of
	// its words (as the tokens' offsets give it); a dateline's place has
	// Basis "dateline". countries are the ISO3 codes of the text's actors.
	Places(doc *nlp.Document, countries []string) []dyad.Place
	// CountryPlace returns a country, by ISO3 code, as a place.
	CountryPlace(iso3 string) (dyad.Place, bool)
}

// precisionRank orders places from most to least specific.
func precisionRank(p dyad.PlacePrecision) int {
	switch p {
	case dyad.PlacePoint:
		return 0
	case dyad.PlaceAdmin1:
		return 1
	}
	return 2
}

// locate gives each event of a chunk its place: the most specific place of
// its clause, else of its sentence, else the article's dateline, else the
// country of its actors. first is the article index of the chunk's first
// sentence; evs are the chunk's events.
func (c *Coder) locate(art *article, doc *nlp.Document, first int, evs []dyad.Event, tr *recorder) {
	pf := c.opts.Places
	var countries []string
	seen := map[string]bool{}
	for i := range evs {
		for _, a := range [2]dyad.Actor{evs[i].Source, evs[i].Target} {
			if len(a.Code) == 3 && !transnational(a.Code) && !seen[a.Code] {
				seen[a.Code] = true
				countries = append(countries, a.Code)
			}
		}
	}
	places := pf.Places(doc, countries)
	if tr != nil && len(places) > 0 {
		tr.printf("\nplaces:\n")
		for _, p := range places {
			tr.printf("  %q -> %s, %s (%s %.4f,%.4f)%s\n", art.text[p.Span.Start:p.Span.End], p.Name, p.Country, p.Precision, p.Lat, p.Lon, basisNote(p.Basis))
		}
	}
	for _, p := range places {
		if p.Basis == "dateline" && art.dateline == nil {
			d := p
			art.dateline = &d
		}
	}
	for i := range evs {
		e := &evs[i]
		si := e.Provenance.Sentence - first
		if si < 0 || si >= len(doc.Sentences) {
			continue
		}
		p, ok := placeFor(&doc.Sentences[si], e, places)
		switch {
		case ok:
		case art.dateline != nil:
			p, ok = *art.dateline, true
			p.Basis = "dateline"
		default:
			p, ok = c.actorPlace(e)
		}
		if ok {
			e.Place = &p
		}
		if tr != nil {
			if ok {
				tr.printf("  event [%d] %s %s->%s: %s, %s (%s) from the %s\n", e.Provenance.Sentence, e.Code, e.Source.Code, e.Target.Code, p.Name, p.Country, p.Precision, p.Basis)
			} else {
				tr.printf("  event [%d] %s %s->%s: no place\n", e.Provenance.Sentence, e.Code, e.Source.Code, e.Target.Code)
			}
		}
	}
}

func basisNote(b string) string {
	if b == "" {
		return ""
	}
	return " " + b
}

// placeFor picks the most specific place of the event's clause, else of
// its sentence.
func placeFor(s *nlp.Sentence, e *dyad.Event, places []dyad.Place) (dyad.Place, bool) {
	trig := tokenAt(s, e.Provenance.TriggerSpan.Start)
	clause := -1
	if trig >= 0 {
		clause = s.Clause(trig)
	}
	best, bestIn := -1, false
	for i := range places {
		p := &places[i]
		if p.Basis == "dateline" || p.Span.Start < s.Start || p.Span.End > s.End {
			continue
		}
		in := false
		if t := tokenAt(s, p.Span.Start); t >= 0 && clause >= 0 {
			in = s.Clause(t) == clause
		}
		switch {
		case best < 0, in && !bestIn:
		case in == bestIn && precisionRank(p.Precision) < precisionRank(places[best].Precision):
		default:
			continue
		}
		best, bestIn = i, in
	}
	if best < 0 {
		return dyad.Place{}, false
	}
	p := places[best]
	p.Basis = "sentence"
	if bestIn {
		p.Basis = "clause"
	}
	return p, true
}

// tokenAt returns the index of the token of s that covers byte offset off.
func tokenAt(s *nlp.Sentence, off int) int {
	for i := range s.Tokens {
		if s.Tokens[i].Start <= off && off < s.Tokens[i].End {
			return i
		}
	}
	return -1
}

// actorPlace places an event the text does not place in its actors'
// country: theirs when they share one, else the target's for an assault,
// a fight or mass violence (roots 18-20: force is used where the target
// is), else the source's.
func (c *Coder) actorPlace(e *dyad.Event) (dyad.Place, bool) {
	state := func(a dyad.Actor) string {
		if len(a.Code) == 3 && !transnational(a.Code) && strings.ToUpper(a.Code) == a.Code {
			return a.Code
		}
		return ""
	}
	src, tgt := state(e.Source), state(e.Target)
	code := src
	if code == "" || (tgt != "" && cameo.Force.Has(e.Root)) {
		code = tgt
	}
	if code == "" {
		return dyad.Place{}, false
	}
	p, ok := c.opts.Places.CountryPlace(code)
	if ok {
		p.Basis = "actors"
		p.Span = dyad.Span{}
	}
	return p, ok
}
