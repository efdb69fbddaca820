package coder

import (
	"strings"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
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

// nominal returns the nominal pattern of a noun lemma, if any.
func (c *Coder) nominal(lemma string) (*dict.Pattern, bool) {
	for _, p := range c.idx[lemma] {
		if p.Nominal {
			return p, true
		}
	}
	return nil, false
}

// refine picks a more specific code by the words among the trigger's
// dependents (the subject excluded).
func (sc *sentCtx) refine(m *match, code string) string {
	if len(m.p.Refine) == 0 {
		return code
	}
	words := map[string]bool{}
	for _, d := range m.deps {
		r := sc.rel(d)
		if nlp.RelIs(r, "nsubj") || r == "punct" || r == "conj" || r == "parataxis" || (r == "advcl" && cameo.PhysicalConflict.Has(code) && !cameo.Protests.Has(code)) {
			continue
		}
		f, l := sc.tree.Subtree(d)
		for j := f; j <= l; j++ {
			if sc.rel(j) == "compound" && j != d {
				// a modifier names a kind, not whom: "refugee camp"
				words["compound:"+sc.lemmas[j]] = true
				continue
			}
			words[sc.lemmas[j]] = true
		}
	}
	if len(m.p.Light) > 0 || m.trig != m.clause {
		words[sc.lemmas[m.trig]] = true
	}
	for _, rf := range m.p.Refine {
		for _, l := range rf.Lemmas {
			if words[l] || (words["compound:"+l] && !cameo.MassViolence.Has(rf.Code)) {
				return rf.Code
			}
		}
	}
	// the weapon may be the subject: "warplanes struck", "artillery pounded"
	for _, d := range sc.tree.Children(m.clause) {
		if !nlp.RelIs(sc.rel(d), "nsubj") {
			continue
		}
		for _, rf := range m.p.Refine {
			if !cameo.Fights.Has(rf.Code) {
				continue
			}
			if contains(rf.Lemmas, sc.lemmas[d]) || sc.lemmaIn(d, rf.Lemmas) {
				return rf.Code
			}
		}
	}
	return code
}

// strikeCode codes a military strike at match m: 190, or the weapon's
// code by the refinements of the "strike" pattern of root 19.
func (sc *sentCtx) strikeCode(m *match) string {
	for _, p := range sc.c.idx["strike"] {
		if p.Code != cameo.CodeMilitaryForce {
			continue
		}
		mm := *m
		mm.p = p
		mm.deps = append([]int(nil), sc.tree.Children(m.trig)...)
		for j := m.trig - 1; j >= 0 && j >= m.trig-2; j-- {
			if u := sc.upos(j); u != "ADJ" && u != "NOUN" {
				break
			}
			mm.deps = append(mm.deps, j)
		}
		return sc.refine(&mm, cameo.CodeMilitaryForce)
	}
	return cameo.CodeMilitaryForce
}

// militaryActors reports whether the actors are states, governments,
// armies or armed groups: those whose strikes are military.
func militaryActors(rs []actorRef) bool {
	for _, r := range rs {
		switch {
		case r.actor.Role == "MIL" || r.actor.Role == "REB":
			return true
		case (r.actor.Role == "" || r.actor.Role == "GOV") && (r.kind == dict.KindState || r.kind == dict.KindCapital):
			return true
		}
	}
	return false
}

// weaponNear reports whether a weapon word modifies the strike at t or
// stands right before it.
func (sc *sentCtx) weaponNear(t int) bool {
	for _, c := range sc.tree.Children(t) {
		if r := sc.rel(c); (r == "compound" || r == "amod") && sc.c.lex.weapons[sc.lemmas[c]] {
			return true
		}
	}
	for j := t - 1; j >= 0 && j >= t-2; j-- {
		if sc.c.lex.weapons[sc.lemmas[j]] {
			return true
		}
		if u := sc.upos(j); u != "ADJ" && u != "NOUN" {
			break
		}
	}
	return false
}
