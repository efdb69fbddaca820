package coder

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/timex"
)

// match is a pattern that matched at a trigger token.
type match struct {
	p        *dict.Pattern
	trig     int   // trigger token (the noun of a light-verb pattern)
	clause   int   // predicate of the event's clause (the light verb)
	deps     []int // dependents the pattern's slots look among
	compl    int   // complement of an embedding pattern, -1 if none
	embedded *match
	consumed bool // the event is the complement of another pattern
	why      string
	tgts     []actorRef // the targets found when it was coded
}

// mood is what the filters found about a clause.
type mood int

const (
	moodAsserted mood = iota
	moodNegated
	moodSpeculative
	moodHypothetical
	moodFuture
	moodNegFuture
	moodUnasserted
)

func (m mood) String() string {
	return [...]string{"asserted", "negated", "speculative", "hypothetical", "future", "negated future", "not asserted"}[m]
}

// coded is an event before it becomes a dyad.Event.
type coded struct {
	src, tgt actorRef
	code     string
	pattern  string
	trigger  dyad.Span
	flags    []dyad.Flag
	reporter *actorRef
	date     *timex.Expression
	clause   int
}

// trace collects --explain output.
type trace struct {
	w   interface{ Write([]byte) (int, error) }
	err error
}

func (t *trace) printf(format string, args ...any) {
	if t == nil || t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

// matchAt tries pattern p at token i.
func (sc *sentCtx) matchAt(p *dict.Pattern, i int) (*match, string) {
	m := &match{p: p, trig: i, clause: i, compl: -1}
	up := sc.upos(i)
	switch {
	case len(p.Light) > 0:
		if up != "NOUN" && up != "PROPN" {
			return nil, "light-verb noun is not a noun"
		}
		v := sc.tree.Head(i)
		r := sc.rel(i)
		var mid []int
		if v >= 0 && !contains(p.Light, sc.lemmas[v]) && v < i {
			// "imposed targeted sanctions": a participle before the noun
			// taken for its head
			if g := sc.tree.Head(v); g >= 0 && g < v && contains(p.Light, sc.lemmas[g]) {
				mid = sc.tree.Children(v)
				v, r = g, "obj"
			}
		}
		// "hold talks", "talks were held", "engage in talks"
		if v < 0 || !contains(p.Light, sc.lemmas[v]) || !(nlp.RelIs(r, "obj") || nlp.RelIs(r, "nsubj") || nlp.RelIs(r, "obl") || r == "xcomp" || (r == "parataxis" && i > v)) {
			// a noun coordinated with the light verb's object
			if v >= 0 && r == "conj" {
				if vv := sc.tree.Head(v); vv >= 0 && contains(p.Light, sc.lemmas[vv]) {
					if prt := sc.verbParticle(vv); prt != "" && !contains(p.LightParticles, prt) {
						return nil, "light verb has particle " + prt
					}
					m.clause = vv
					m.deps = append(append([]int{}, sc.tree.Children(i)...), sc.tree.Children(vv)...)
					break
				}
			}
			return nil, "no light verb " + strings.Join(p.Light, "|")
		}
		m.clause = v
		m.deps = append(append(append([]int{}, sc.tree.Children(i)...), sc.tree.Children(v)...), mid...)
		if prt := sc.verbParticle(v); prt != "" && !contains(p.LightParticles, prt) {
			// "called off their strike" is not "call+strike"
			return nil, "light verb has particle " + prt
		}
	case p.Nominal:
		return nil, "nominal pattern"
	default:
		predicativeAdj := up == "ADJ" && (sc.tree.ChildWith(i, "cop") >= 0 || sc.rel(i) == "xcomp")
		if up != "VERB" && !(up == "NOUN" && sc.s.Tokens[i].Head >= 0 && strings.HasPrefix(sc.s.Tokens[i].XPOS, "VB")) && !(up == "ADJ" && strings.HasPrefix(sc.s.Tokens[i].XPOS, "VB")) && !predicativeAdj {
			return nil, "trigger is not a verb"
		}
		m.deps = sc.tree.Children(i)
	}
	if p.Particle != "" {
		ok := false
		for _, c := range sc.tree.Children(i) {
			r := sc.rel(c)
			if sc.lemmas[c] == p.Particle && (r == "compound:prt" || r == "advmod" || r == "case" || r == "mark") {
				ok = true
			}
		}
		if !ok && i+1 < sc.n && sc.lemmas[i+1] == p.Particle {
			// the particle right after the verb, attached elsewhere by the parse
			switch sc.upos(i + 1) {
			case "ADP", "ADV", "PART":
				ok = true
			}
		}
		if !ok {
			// "call on Chile": the particle may be parsed as a preposition
			for _, c := range sc.tree.Children(i) {
				if nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == p.Particle {
					ok = true
				}
			}
		}
		if !ok {
			return nil, "no particle " + p.Particle
		}
	}
	for _, d := range p.Require {
		if sc.findDep(m, d.Rel, d.Prep, d.Lemmas) < 0 {
			return nil, "no " + depString(d)
		}
	}
	for _, f := range p.Forbid {
		rel, prep := f, ""
		if !isRelName(f) {
			rel, prep = "", f
		}
		if sc.findDep(m, rel, prep, nil) >= 0 {
			return nil, "has " + f
		}
	}
	return m, ""
}

func depString(d dict.Dep) string {
	k := d.Rel
	if d.Prep != "" {
		k = d.Prep
	}
	if len(d.Lemmas) == 0 {
		return k
	}
	return k + "=" + strings.Join(d.Lemmas, "|")
}

func isRelName(k string) bool {
	switch k {
	case "obj", "iobj", "xcomp", "ccomp", "nsubj", "advmod", "amod", "compound", "nmod", "obl", "mark", "advcl", "nummod", "det", "prt":
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// relMatches reports whether a dependent's relation satisfies a pattern
// relation key.
func (sc *sentCtx) relMatches(c int, rel string) bool {
	r := sc.rel(c)
	switch rel {
	case "obj":
		return nlp.RelIs(r, "obj") || (nlp.RelIs(r, "nsubj:pass")) || r == "iobj"
	case "nmod", "compound", "amod":
		return r == "amod" || r == "compound" || nlp.RelIs(r, "nmod") || r == "nummod" || r == "flat"
	case "prt":
		return r == "compound:prt"
	case "xcomp":
		return r == "xcomp" || (r == "ccomp" && sc.hasTo(c)) || (r == "advcl" && sc.hasTo(c))
	case "ccomp":
		return r == "ccomp" && !sc.hasTo(c)
	}
	return nlp.RelIs(r, rel)
}

// hasTo reports whether a clause is an infinitive ("to meet").
func (sc *sentCtx) hasTo(c int) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "mark" && sc.lemmas[k] == "to" {
			return true
		}
	}
	return false
}

// findDep returns the first dependent of the match satisfying rel/prep and
// lemmas, or -1.
func (sc *sentCtx) findDep(m *match, rel, prep string, lemmas []string) int {
	for _, c := range m.deps {
		if c == m.trig {
			continue
		}
		if rel != "" {
			if !sc.relMatches(c, rel) {
				// "handed over carriers" parsed as a preposition and its object
				if !(rel == "obj" && m.p.Particle != "" && nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == m.p.Particle) {
					continue
				}
			}
		} else {
			r := sc.rel(c)
			if !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod") || r == "advcl" || r == "xcomp" || r == "ccomp" || r == "obj") {
				continue
			}
			cs := sc.caseOf(c)
			if cs != prep && !strings.HasSuffix(cs, " "+prep) {
				// a preposition that is a marker of a clause: "of entering"
				// (not the "to" of an infinitive: "promised to return to be
				// sworn in")
				if !sc.hasMark(c, prep) || (prep == "to" && isVerbal(sc.upos(c)) && !strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG")) {
					continue
				}
			}
		}
		if len(lemmas) == 0 || sc.lemmaIn(c, lemmas) {
			return c
		}
	}
	if rel == "obj" && len(lemmas) > 0 {
		// "rejected as baseless allegations": the object parsed inside a
		// phrase that should have been its sister
		for _, d := range m.deps {
			if !nlp.RelIs(sc.rel(d), "obl") || d == m.trig {
				continue
			}
			for _, c := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(c), "obj") && sc.lemmaIn(c, lemmas) {
					return c
				}
			}
		}
	}
	if rel == "ccomp" {
		// "warned supporters that anyone ... would be arrested": the
		// content clause parsed as a relative clause on the object
		for _, o := range m.deps {
			if !nlp.RelIs(sc.rel(o), "obj") {
				continue
			}
			for _, c := range sc.tree.Children(o) {
				if nlp.RelIs(sc.rel(c), "acl") && sc.hasMarkUPOS(c, "that", "SCONJ") && (len(lemmas) == 0 || contains(lemmas, sc.lemmas[c])) {
					return c
				}
			}
		}
	}
	if rel == "xcomp" {
		// "forced the population to leave": the infinitive parsed as a
		// clause on the object
		for _, o := range m.deps {
			if !nlp.RelIs(sc.rel(o), "obj") {
				continue
			}
			// the object or a noun inside it ("the population of three
			// villages ... to leave")
			nouns := []int{o}
			for _, c := range sc.tree.Children(o) {
				if nlp.RelIs(sc.rel(c), "nmod") {
					nouns = append(nouns, c)
				}
			}
			for _, n := range nouns {
				for _, c := range sc.tree.Children(n) {
					if sc.rel(c) == "acl" && sc.hasTo(c) && (len(lemmas) == 0 || contains(lemmas, sc.lemmas[c])) {
						return c
					}
				}
			}
		}
	}
	return -1
}

func (sc *sentCtx) hasMark(c int, w string) bool {
	for _, k := range sc.tree.Children(c) {
		if (sc.rel(k) == "mark" || sc.rel(k) == "case") && sc.lemmas[k] == w {
			return true
		}
	}
	return false
}

// lemmaIn reports whether token c, or a word coordinated with it or
// modifying it, has one of the lemmas.
func (sc *sentCtx) lemmaIn(c int, lemmas []string) bool {
	if contains(lemmas, sc.lemmas[c]) {
		return true
	}
	if l := sc.lemmas[c]; len(l) > 3 && strings.HasSuffix(l, "s") && (sc.upos(c) == "NOUN" || sc.upos(c) == "PROPN") && contains(lemmas, l[:len(l)-1]) {
		// a plural the lemmatizer left alone ("troops")
		return true
	}
	for _, k := range sc.tree.Children(c) {
		r := sc.rel(k)
		if r == "conj" || r == "compound" || r == "amod" || r == "flat" || r == "nummod" {
			if contains(lemmas, sc.lemmas[k]) {
				return true
			}
		}
	}
	return false
}

// bestMatch returns the most specific pattern matching at token i, with
// the reasons the others failed.
func (sc *sentCtx) bestMatch(i int, tr *trace) *match {
	ps := sc.c.idx[sc.lemmas[i]]
	if len(ps) == 0 {
		return nil
	}
	if i > 0 && sc.words[i-1] == "-" && sc.s.Tokens[i-1].End == sc.s.Tokens[i].Start {
		// part of a hyphenated modifier: "drought-hit", "rebel-held"
		return nil
	}
	if m, ok := sc.mentionAt(i); ok && m.Kind != dict.KindAgent {
		// a name is not an event ("Mozambique" tagged as a verb)
		return nil
	}
	var best *match
	for _, p := range ps {
		if p.Nominal {
			continue
		}
		m, why := sc.matchAt(p, i)
		if m == nil {
			if tr != nil {
				tr.printf("    candidate %-24s at %q: no (%s)\n", p.ID, sc.words[i], why)
			}
			continue
		}
		if best == nil || better(sc, m, best) {
			best = m
		}
	}
	return best
}

// nominalCode returns the code a nominal pattern gives token i ("release"
// -> 084), for the complements of appeals, demands and threats.
func (sc *sentCtx) nominalCode(i int) (*dict.Pattern, bool) {
	for _, p := range sc.c.idx[sc.lemmas[i]] {
		if p.Nominal && (sc.upos(i) == "NOUN" || sc.upos(i) == "PROPN") {
			return p, true
		}
	}
	return nil, false
}

// better reports whether match a should be preferred to b: a pattern whose
// target slot holds an actor first, then the more specific.
func better(sc *sentCtx, a, b *match) bool {
	sa, sb := a.p.Specificity(), b.p.Specificity()
	if sa-sb >= 2 || sb-sa >= 2 {
		// a required word ("patrol jointly") outweighs a target slot
		return sa > sb
	}
	ta, tb := len(sc.targetOf(a, false)) > 0, len(sc.targetOf(b, false)) > 0
	if ta != tb {
		return ta
	}
	return sa > sb
}

// nominal returns the nominal pattern of a noun lemma, if any.
func (c *Coder) nominal(lemma string) (*dict.Pattern, bool) {
	for _, p := range c.idx[lemma] {
		if p.Nominal {
			return p, true
		}
	}
	return nil, false
}

// hasMarkIn reports whether clause or noun c has a marker or case word of
// the class ws.
func (sc *sentCtx) hasMarkIn(c int, ws set) bool {
	for _, k := range sc.tree.Children(c) {
		if (sc.rel(k) == "mark" || sc.rel(k) == "case") && ws[sc.lemmas[k]] {
			return true
		}
	}
	return false
}

// hasMarkUPOS reports whether clause c has the marker w tagged upos.
func (sc *sentCtx) hasMarkUPOS(c int, w, upos string) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "mark" && sc.lemmas[k] == w && sc.upos(k) == upos {
			return true
		}
	}
	return false
}

// verbParticle returns the particle of verb v ("off" in "called off the
// strike"), whether parsed as compound:prt or as the word right after the
// verb, or "".
func (sc *sentCtx) verbParticle(v int) string {
	for _, c := range sc.tree.Children(v) {
		if sc.rel(c) == "compound:prt" {
			return sc.lemmas[c]
		}
	}
	if j := v + 1; j < sc.n && sc.c.lex.particles[sc.lemmas[j]] {
		switch sc.upos(j) {
		case "ADP", "ADV", "PART":
			return sc.lemmas[j]
		}
	}
	return ""
}
