package geo

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp"
)

// Mention is a place name found in a document and what it resolved to.
type Mention struct {
	// Sentence is the index of the sentence in the document.
	Sentence int
	// Start and End are the token range [Start, End) of the name, with its
	// qualifier ("Paris, Texas") or kind word ("Donetsk region").
	Start, End int
	// Span is the byte span of the words, as the tokens' offsets give it.
	Span dyad.Span
	// Text is the name as written.
	Text string
	// Dateline is true for the place of a news dateline.
	Dateline bool
	// Entry is the place chosen; nil when no candidate fits.
	Entry *Entry
	// Candidates is the number of gazetteer entries the name could be.
	Candidates int
	// Why says what decided the choice, for --explain.
	Why string

	key       string
	hits      []Hit
	qual      *Entry // "Paris, Texas": Texas
	qualHits  []Hit
	kindHint  Kind   // KindAdmin1 after "region"; KindPlace after "city of"
	country   string // "the Ukrainian port of": UKR
	cues      []cue  // countries the sentence names or describes
	confident bool
}

// cue is a country a sentence names or describes ("Australian") at a token.
type cue struct {
	tok     int
	country string
}

// locPreps are the prepositions that put what follows them on the map.
var locPreps = map[string]bool{
	"in": true, "near": true, "outside": true, "at": true, "to": true, "into": true, "across": true,
	"around": true, "towards": true, "toward": true, "inside": true, "throughout": true, "within": true,
	"via": true, "nearby": true, "off": true, "beyond": true, "along": true, "outskirts": true,
}

// skipBefore are words between a preposition and a name ("in the
// northern", "near the besieged").
var skipBefore = map[string]bool{
	"the": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "north": true,
	"south": true, "east": true, "west": true, "downtown": true, "besieged": true, "occupied": true,
	"neighbouring": true, "neighboring": true, "capital": true, "nearby": true, "frontline": true,
	"front-line": true, "coastal": true, "ancient": true, "key": true, "restive": true, "breakaway": true,
}

// placeNouns before "of" make what follows a place ("the port of Odesa",
// "north of Kyiv", "the outskirts of Kharkiv").
var placeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "port": true, "region": true, "province": true,
	"capital": true, "outskirts": true, "suburbs": true, "suburb": true, "centre": true, "center": true,
	"district": true, "state": true, "governorate": true, "oblast": true, "area": true, "north": true,
	"south": true, "east": true, "west": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true, "heart": true, "streets": true, "county": true, "island": true, "enclave": true,
	"border": true, "coast": true, "environs": true, "outside": true, "stronghold": true, "hub": true,
	"residents": true, "people": true, "mayor": true, "governor": true, "parts": true, "control": true,
}

// kindWords after a name make it a division ("the Donetsk region").
var kindWords = map[string]bool{
	"region": true, "province": true, "oblast": true, "governorate": true, "state": true, "county": true,
	"prefecture": true, "territory": true, "department": true, "regions": true, "provinces": true,
}

// cityWords before "of" make what follows a populated place.
var cityWords = map[string]bool{"city": true, "town": true, "village": true, "port": true, "capital": true}

// connectors may stand inside a multi-word name ("Rio de Janeiro").
var connectors = map[string]bool{
	"de": true, "da": true, "do": true, "dos": true, "das": true, "del": true, "della": true, "di": true,
	"la": true, "le": true, "les": true, "el": true, "al": true, "of": true, "upon": true, "on": true,
	"sur": true, "am": true, "an": true, "en": true, "y": true, "ez": true, "es": true, "ad": true,
	"-": true, "los": true, "las": true, "au": true, "aux": true, "ash": true, "as": true, "az": true, "ar": true, "ur": true,
}

// attackVerbs take a city as their object ("shelled Kharkiv").
var attackVerbs = map[string]bool{
	"attack": true, "strike": true, "shell": true, "bomb": true, "hit": true, "capture": true, "seize": true,
	"visit": true, "enter": true, "bombard": true, "target": true, "storm": true, "raid": true,
	"besiege": true, "reach": true, "leave": true, "liberate": true, "recapture": true, "encircle": true,
	"occupy": true, "evacuate": true, "flee": true, "tour": true, "overrun": true, "surround": true,
}

// motionVerbs make "to X" a destination ("travelled to Paris"); after
// other words "to X" names a recipient ("aid to Kyiv").
var motionVerbs = map[string]bool{
	"travel": true, "go": true, "fly": true, "return": true, "arrive": true, "come": true, "move": true,
	"head": true, "flee": true, "deploy": true, "march": true, "sail": true, "drive": true, "walk": true,
	"relocate": true, "evacuate": true, "retreat": true, "withdraw": true, "advance": true, "trip": true,
	"visit": true, "journey": true, "transfer": true, "redeploy": true, "escape": true, "send": true,
	"dispatch": true, "extradite": true, "deport": true, "fled": true, "expand": true, "spread": true,
}

// motionTo reports whether the name at [i, end) is the destination of a
// motion verb or noun.
func motionTo(s *nlp.Sentence, i, end int) bool {
	h := s.Tokens[headOf(s, i, end)].Head
	if h < 0 {
		return false
	}
	l := lower(s.Tokens[h].Lemma)
	if l == "" {
		l = lower(s.Tokens[h].Text)
	}
	return motionVerbs[l]
}

// dashes close a dateline.
var dashes = map[string]bool{"-": true, "—": true, "–": true, "--": true}

// isDateline reports whether a sentence is a dateline the tokenizer split
// off in another shape than capitals and a dash ("Quito, March 3:",
// "Manila –", "BRUSSELS (Sputnik)"): capitalized words, numbers, commas,
// periods and brackets only, closed by a dash, a colon or a bracket.
func isDateline(toks []nlp.Token) bool {
	n := len(toks)
	if l := toks[n-1].Text; !dashes[l] && l != ":" && l != ")" || !isCap(toks[0].Text) {
		return false
	}
	for _, t := range toks[:n-1] {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && t.Text != "," && t.Text != "." && t.Text != "(" && t.Text != ")" {
			return false
		}
	}
	return true
}

func lower(s string) string { return strings.ToLower(s) }

// isCap reports whether a token starts with an upper-case letter.
func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether a token has letters and all are upper case.
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// Find returns the places named in doc, resolved with the document's own
// context and the actor countries given (ISO3 codes of the article's
// actors), in document order.
func (g *Gazetteer) Find(doc *nlp.Document, countries []string) []Mention {
	g.load()
	if g.err != nil || doc == nil {
		return nil
	}
	var ms []Mention
	for si := range doc.Sentences {
		ms = append(ms, g.findSentence(doc, si)...)
	}
	g.resolve(ms, countries)
	return ms
}

// match is the longest gazetteer name starting at token i: its end and key.
func (g *Gazetteer) match(toks []nlp.Token, i int) (end int, key string, hits []Hit) {
	if !isCap(toks[i].Text) {
		return i, "", nil
	}
	var buf []byte
	for j := i; j < len(toks) && j < i+2*g.maxWords; j++ {
		t := toks[j].Text
		if j > i {
			if !isCap(t) && !connectors[lower(t)] {
				break
			}
			// a name does not run over a space-separated hyphen or a
			// line break
			if toks[j].Start > toks[j-1].End+1 {
				break
			}
		}
		mark := len(buf)
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		if buf = AppendKey(buf, t); len(buf) == mark+1 {
			buf = buf[:mark] // a hyphen adds no word
		}
		if !isCap(t) {
			continue
		}
		if hs := g.byName[string(buf)]; len(hs) > 0 {
			end, key, hits = j+1, string(buf), hs
		}
	}
	return end, key, hits
}

// findSentence finds the candidate place names of one sentence.
func (g *Gazetteer) findSentence(doc *nlp.Document, si int) []Mention {
	s := &doc.Sentences[si]
	toks := s.Tokens
	n := len(toks)
	if n == 0 {
		return nil
	}
	var out []Mention
	if dashes[toks[n-1].Text] && isAllCaps(toks[0].Text) || isDateline(toks) {
		// dateline: "KHARKIV, Ukraine -", "NEW YORK (AP) --", "Quito, March 3:"
		end, key, hits := g.match(toks, 0)
		if end > 0 {
			// a dateline names a city
			m := Mention{Sentence: si, Start: 0, End: end, key: key, hits: hits, Dateline: true, kindHint: KindPlace}
			if end+1 < n && toks[end].Text == "," {
				if qe, _, qh := g.match(toks, end+1); qe > end+1 {
					m.qualHits = qh
					m.End = qe
				}
			}
			out = append(out, g.finish(doc, s, m))
		}
		return out
	}
	lem := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		if toks[i].Lemma != "" {
			return lower(toks[i].Lemma)
		}
		return lower(toks[i].Text)
	}
	var cues []cue
	for i := 0; i < n; i++ {
		if c, ok := g.Demonym(toks[i].Text); ok && isCap(toks[i].Text) {
			cues = append(cues, cue{i, c})
		} else if end, _, hits := g.match(toks, i); end > i {
			for _, h := range hits {
				if h.Kind == KindCountry && h.Primary {
					cues = append(cues, cue{i, h.Country})
					break
				}
			}
		}
	}
	lastEnd := -1
	for i := 0; i < n; i++ {
		end, key, hits := g.match(toks, i)
		if end <= i {
			continue
		}
		m := Mention{Sentence: si, Start: i, End: end, key: key, hits: hits}
		ok, why := false, ""
		// words before: a locative preposition, maybe past "the northern"
		p := i - 1
		for p >= 0 && i-p <= 3 && (skipBefore[lower(toks[p].Text)] || g.isDemonym(toks[p].Text)) {
			if c, isDem := g.Demonym(toks[p].Text); isDem {
				m.country = c
			}
			p--
		}
		switch w := lower(toks[max(p, 0)].Text); {
		case p < 0:
		case w == "to" && !motionTo(s, i, end):
			// "aid to Kyiv": a recipient, not a place
		case locPreps[w]:
			ok, why = true, "after "+w
		case w == "of" && p > 0 && placeNouns[lower(toks[p-1].Text)]:
			ok, why = true, "after "+lower(toks[p-1].Text)+" of"
			if cityWords[lower(toks[p-1].Text)] {
				m.kindHint = KindPlace
			}
			for q := p - 2; q >= 0 && q >= p-4; q-- {
				if c, isDem := g.Demonym(toks[q].Text); isDem {
					m.country = c
					break
				}
			}
		case (w == "and" || w == "or" || w == ",") && p == lastEnd && len(out) > 0:
			ok, why = true, "listed with "+out[len(out)-1].Text
		case (w == "'s" || w == "’s") && p-1 == lastEnd && len(out) > 0:
			ok, why = true, "after "+out[len(out)-1].Text+"'s"
			if e := out[len(out)-1].hits; len(e) > 0 && e[0].Kind == KindCountry {
				m.country = e[0].Country
			}
		}
		// a kind word after: "the Donetsk region", "Texas state"
		if end < n && kindWords[lower(toks[end].Text)] {
			m.kindHint = KindAdmin1
			m.End = end + 1
			if !ok && (p >= 0 && (lower(toks[p].Text) == "the" || locPreps[lower(toks[p].Text)])) {
				ok, why = true, "before "+lower(toks[end].Text)
			}
			if !ok && p < i-1 {
				ok, why = true, "before "+lower(toks[end].Text)
			}
		}
		// the object of an attack or visit: "shelled Kharkiv"
		if !ok {
			h := headOf(s, i, end)
			if r := toks[h].DepRel; (nlp.RelIs(r, "obj") || nlp.RelIs(r, "obl")) && attackVerbs[lem(toks[h].Head)] {
				for _, x := range hits {
					if x.Kind == KindPlace {
						ok, why = true, "object of "+lem(toks[h].Head)
						m.kindHint = KindPlace
						break
					}
				}
			}
		}
		if ok && end < n && (toks[end].Text == "'s" || toks[end].Text == "’s") && p >= 0 && !locPreps[lower(toks[p].Text)] {
			ok = false // "Kyiv's allies": an actor
		}
		// part of a longer name: "the Horn of Africa", "the Gulf of Aden"
		if ok && end+1 < n && lower(toks[end].Text) == "of" && isCap(toks[end+1].Text) {
			ok = false
		}
		if !ok {
			continue
		}
		// a qualifier: "Paris, Texas", "Kharkiv, Ukraine"
		if m.End+1 < n && toks[m.End].Text == "," {
			if qe, _, qh := g.match(toks, m.End+1); qe > m.End+1 && hasKind(qh, KindCountry, KindAdmin1) {
				m.qualHits = qh
				m.End = qe
			}
		}
		m.Why = why
		for _, c := range cues {
			if c.tok < m.Start || c.tok >= m.End {
				m.cues = append(m.cues, c)
			}
		}
		out = append(out, g.finish(doc, s, m))
		lastEnd = m.End - 1
		i = m.End - 1
	}
	return out
}

// isDemonym reports whether word is a country adjective.
func (g *Gazetteer) isDemonym(word string) bool {
	if !isCap(word) {
		return false
	}
	_, ok := g.Demonym(word)
	return ok
}

func hasKind(hs []Hit, kinds ...Kind) bool {
	for _, h := range hs {
		for _, k := range kinds {
			if h.Kind == k {
				return true
			}
		}
	}
	return false
}

// headOf returns the token of [i, end) whose head lies outside it.
func headOf(s *nlp.Sentence, i, end int) int {
	for j := i; j < end; j++ {
		if h := s.Tokens[j].Head; h < i || h >= end {
			return j
		}
	}
	return i
}

// finish fills a mention's span and text.
func (g *Gazetteer) finish(doc *nlp.Document, s *nlp.Sentence, m Mention) Mention {
	toks := s.Tokens
	m.Span = dyad.Span{Start: toks[m.Start].Start, End: toks[m.End-1].End}
	var b strings.Builder
	for j := m.Start; j < m.End; j++ {
		if j > m.Start && toks[j].Start > toks[j-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(toks[j].Text)
	}
	m.Text = b.String()
	return m
}

// resolve chooses each mention's entry: population as the prior, then the
// qualifier, the country adjective, the kind word, and the countries and
// divisions of the other places of the article and of its actors.
func (g *Gazetteer) resolve(ms []Mention, actors []string) {
	// the qualifier's own reading: the most populous country or division
	for i := range ms {
		m := &ms[i]
		for _, h := range m.qualHits {
			if h.Kind == KindCountry || h.Kind == KindAdmin1 {
				m.qual = h.Entry
				break
			}
		}
		m.Candidates = len(m.hits)
	}
	// pass 1: no context
	first := make([]*Entry, len(ms))
	for i := range ms {
		e, margin, _ := g.choose(&ms[i], nil, nil, "")
		first[i] = e
		ms[i].confident = e != nil && (margin >= 1.5 || ms[i].qual != nil)
	}
	actorSet := map[string]bool{}
	for _, c := range actors {
		actorSet[c] = true
	}
	// pass 2: the other places' countries and divisions as context
	for i := range ms {
		ctxC := map[string]float64{}
		ctxA := map[string]float64{}
		for c := range actorSet {
			ctxC[c] = 1.5
		}
		for _, c := range ms[i].cues {
			ctxC[c.country] = 1.5
		}
		for j := range ms {
			e := first[j]
			if j == i || e == nil || ms[j].key == ms[i].key {
				continue
			}
			w := 2.0
			if ms[j].confident {
				w = 3.0
			}
			ctxC[e.Country] = max(ctxC[e.Country], w)
			if e.Kind != KindCountry {
				ctxA[e.Country+"."+e.Admin1] = 1
			}
			if q := ms[j].qual; q != nil {
				ctxC[q.Country] = max(ctxC[q.Country], 3)
			}
		}
		e, _, why := g.choose(&ms[i], ctxC, ctxA, "")
		ms[i].Entry = e
		if ms[i].Why != "" {
			why = ms[i].Why + "; " + why
		}
		ms[i].Why = why
	}
}

// choose scores the candidates of m and returns the best, its margin over
// the next and why it won.
func (g *Gazetteer) choose(m *Mention, ctxC, ctxA map[string]float64, _ string) (*Entry, float64, string) {
	hits := m.hits
	if m.kindHint != 0 && hasKind(hits, m.kindHint) {
		var keep []Hit
		for _, h := range hits {
			if h.Kind == m.kindHint {
				keep = append(keep, h)
			}
		}
		hits = keep
	}
	best, second := math.Inf(-1), math.Inf(-1)
	var be *Entry
	var bwhy string
	for _, h := range hits {
		sc := math.Log10(float64(h.Population) + 10)
		var why []string
		if h.Primary {
			sc++
		}
		switch h.Kind {
		case KindCountry:
			sc += 2.5
		case KindAdmin1:
			sc -= 0.5
		}
		switch h.Feature {
		case "PPLC":
			sc++
		case "PPLA":
			sc += 0.3
		case "PPLX", "PPLH", "PPLQ", "PPLW":
			sc--
		}
		if q := m.qual; q != nil {
			if (q.Kind == KindCountry && h.Country == q.Country) || (q.Kind == KindAdmin1 && h.Country == q.Country && h.Admin1 == q.Admin1) {
				sc += 10
				why = append(why, "qualified by "+q.Name)
			} else {
				sc -= 5
			}
		}
		if m.country != "" {
			if h.Country == m.country {
				sc += 6
				why = append(why, "adjective "+m.country)
			} else {
				sc -= 2
			}
		}
		if w := ctxC[h.Country]; w > 0 && h.Kind != KindCountry {
			sc += w
			why = append(why, fmt.Sprintf("context %s +%.1f", h.Country, w))
		} else if w > 0 && h.Kind == KindCountry {
			sc += w / 2
			why = append(why, fmt.Sprintf("context %s +%.1f", h.Country, w/2))
		}
		if h.Kind != KindCountry && ctxA[h.Country+"."+h.Admin1] > 0 {
			sc++
			why = append(why, "same division as another place")
		}
		if sc > best {
			second = best
			best, be = sc, h.Entry
			bwhy = fmt.Sprintf("%d candidates, %s %s (pop %d) scores %.1f", len(hits), h.Kind, h.Country, h.Population, sc)
			if len(why) > 0 {
				bwhy += " (" + strings.Join(why, ", ") + ")"
			}
		} else if sc > second {
			second = sc
		}
	}
	margin := best - second
	if math.IsInf(second, -1) {
		margin = 10
	}
	return be, margin, bwhy
}

// PlaceOf returns the dyad.Place of an entry.
func (g *Gazetteer) PlaceOf(e *Entry) dyad.Place {
	p := dyad.Place{Name: e.Name, Country: e.Country, Lat: round4(e.Lat), Lon: round4(e.Lon), GeoNameID: e.ID}
	switch e.Kind {
	case KindCountry:
		p.Precision = dyad.PlaceCountry
	case KindAdmin1:
		p.Precision = dyad.PlaceAdmin1
		p.Admin1 = e.Name
	default:
		p.Precision = dyad.PlacePoint
		if a, ok := g.Admin1(e); ok {
			p.Admin1 = a.Name
		}
	}
	return p
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Places returns the resolved places named in doc, each with the span of
// its words; the place of a dateline has Basis "dateline". countries are
// the ISO3 codes of the article's actors, a hint for ambiguous names. It
// implements coder.PlaceFinder.
func (g *Gazetteer) Places(doc *nlp.Document, countries []string) []dyad.Place {
	var out []dyad.Place
	for _, m := range g.Find(doc, countries) {
		if m.Entry == nil {
			continue
		}
		p := g.PlaceOf(m.Entry)
		p.Span = m.Span
		if m.Dateline {
			p.Basis = "dateline"
		}
		out = append(out, p)
	}
	return out
}

// CountryPlace returns the country with ISO3 code iso3 as a place of
// country precision. It implements coder.PlaceFinder.
func (g *Gazetteer) CountryPlace(iso3 string) (dyad.Place, bool) {
	e, ok := g.Country(iso3)
	if !ok {
		return dyad.Place{}, false
	}
	return g.PlaceOf(e), true
}
