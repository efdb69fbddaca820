package coder

import (
	"strings"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// complementRels are the dependents in which an embedding pattern finds
// the act it embeds.
func (sc *sentCtx) complements(m *match) []int {
	var out []int
	for _, c := range m.deps {
		r := sc.rel(c)
		switch {
		case r == "xcomp", r == "ccomp", r == "advcl" && sc.hasTo(c):
			out = append(out, c)
		case r == "acl" && (len(m.p.Light) > 0 || sc.hasTo(c)):
			// "willingness to work", "proposal to deploy"
			out = append(out, c)
		case nlp.RelIs(r, "obj"):
			out = append(out, c)
			// a content clause parsed onto the object ("warned
			// supporters that anyone ... would be arrested")
			for _, k := range sc.tree.Children(c) {
				if nlp.RelIs(sc.rel(k), "acl") && sc.hasMarkUPOS(k, "that", "SCONJ") {
					out = append(out, k)
				}
			}
		case r == "advcl" || r == "acl":
			// "accused X of violating", "criticised Y for filling"
			if sc.hasMarkIn(c, sc.c.lex.contentMarkers) {
				out = append(out, c)
			}
		case nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod"):
			if sc.c.lex.complementPreps[sc.caseOf(c)] {
				out = append(out, c)
			}
		case r == "acl:relcl" && len(m.p.Light) > 0:
			out = append(out, c)
		}
	}
	return out
}

// attachComplement finds the event embedded in an embedding pattern's
// complement, and marks the events inside accusations and denials as
// consumed.
func (sc *sentCtx) attachComplement(m *match, byTok []*match) {
	p := m.p
	consumes := p.Embed != "" || cameo.Embedding.Has(p.Code)
	if !consumes {
		return
	}
	comps := sc.complements(m)
	if p.Embed == "" {
		// an accusation, denial, refusal or appeal codes only itself:
		// nothing said inside it is an event (coordinated clauses are)
		for _, c := range m.deps {
			switch r := sc.rel(c); {
			case nlp.RelIs(r, "nsubj"), r == "csubj", r == "conj", r == "parataxis", r == "punct", r == "cc":
				continue
			case r == "advcl" && !sc.hasMarkIn(c, sc.c.lex.contentMarkers):
				// "..., threatening to block highways": an act of its own
				continue
			case r == "acl:relcl" && sc.tree.ChildWith(c, "nsubj") >= 0 && c > m.trig:
				// "..., a charge New Delhi rejected": another actor's
				// answer, not part of what is said
				continue
			}
			if c != m.trig && c != m.clause {
				sc.consumeIn(c, byTok, m)
			}
		}
		return
	}
	// breadth-first through the complements for the nearest event; a
	// vague one ("work", "help") without a target yields to a more
	// telling one inside it ("work towards ending the conflict")
	queue := append([]int{}, comps...)
	var weak *match
	for k := 0; k < len(queue) && k < 64; k++ {
		t := queue[k]
		if t == m.trig || t == m.clause {
			continue
		}
		if em := byTok[t]; em != nil && !em.consumed && em.p.Embed == "" {
			if len(em.p.Require) == 0 && len(sc.targetOf(em, false)) == 0 && weak == nil {
				weak = em
			} else if weak == nil || sc.tree.Dominates(weak.trig, t) {
				m.embedded = em
				m.compl = t
				break
			}
		}
		if np, ok := sc.nominalCode(t); ok {
			m.embedded = &match{p: np, trig: t, clause: t, compl: -1, deps: sc.tree.Children(t)}
			m.compl = t
			break
		}
		if sc.c.lex.stopping[sc.lemmas[t]] && isVerbal(sc.upos(t)) {
			// "agreed to halt firing": what a verb of stopping governs
			// is stopped, not done
			continue
		}
		for _, ch := range sc.tree.Children(t) {
			if nlp.RelIs(sc.rel(ch), "nsubj") || sc.rel(ch) == "punct" {
				continue
			}
			queue = append(queue, ch)
		}
	}
	if m.embedded == nil && weak != nil {
		m.embedded, m.compl = weak, weak.trig
	}
	for _, c := range comps {
		sc.consumeIn(c, byTok, m)
	}
}

// consumeIn marks every plain event in the subtree of c as consumed by m.
func (sc *sentCtx) consumeIn(c int, byTok []*match, by *match) {
	stack := []int{c}
	for steps := 0; len(stack) > 0 && steps <= sc.n; steps++ {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if em := byTok[t]; em != nil && em != by && !em.consumed {
			// an embedding pattern inside keeps its own complement
			em.consumed = true
			em.why = "complement of " + by.p.ID + " at \"" + sc.words[by.trig] + "\""
		}
		stack = append(stack, sc.tree.Children(t)...)
	}
}

// complementEvent returns the nearest event pattern matched in the
// clausal complement of m, or in a clause attached to its object.
func (sc *sentCtx) complementEvent(m *match, byTok []*match) *match {
	var queue []int
	for _, c := range m.deps {
		r := sc.rel(c)
		if r == "ccomp" || r == "xcomp" || nlp.RelIs(r, "obj") || (r == "advcl" && !sc.hasAnyMark(c)) {
			queue = append(queue, c)
		}
	}
	for k := 0; k < len(queue) && k < 48; k++ {
		t := queue[k]
		if e := byTok[t]; e != nil && e != m && e.p.Embed == "" {
			return e
		}
		for _, ch := range sc.tree.Children(t) {
			r := sc.rel(ch)
			if r == "ccomp" || r == "xcomp" || r == "acl" || r == "acl:relcl" || r == "conj" || nlp.RelIs(r, "obj") {
				queue = append(queue, ch)
			}
		}
	}
	return nil
}

// modeOf is the codebook mode in which a pattern of embedding kind k names
// the act in its complement: a pledge or a willingness is an intent, an
// appeal an appeal, and so on.
func modeOf(k dict.EmbedKind) cameo.Mode {
	switch k {
	case dict.EmbedIntent, dict.EmbedCarrier:
		return cameo.ModeIntent
	case dict.EmbedAppeal:
		return cameo.ModeAppeal
	case dict.EmbedDemand:
		return cameo.ModeDemand
	case dict.EmbedRefuse:
		return cameo.ModeRefusal
	case dict.EmbedThreat:
		return cameo.ModeThreat
	}
	return 0
}

// embedCode returns the code an embedding act of kind k gives an embedded
// event of code code (a pledge to send aid, 071 -> 0331), or "" when the
// codebook has none.
func (c *Coder) embedCode(k dict.EmbedKind, code string) string {
	return c.cb.Parallel(modeOf(k), code)
}

// namesAct reports whether a pattern requires the words that name the act
// ("threaten obj=blockade|siege"), other than a generic root code.
func namesAct(p *dict.Pattern) bool {
	if len(p.Code) == 3 && strings.HasSuffix(p.Code, "0") {
		return false
	}
	for _, d := range p.Require {
		if len(d.Lemmas) > 0 {
			return true
		}
	}
	return false
}

// carrierNegated: "little willingness", "no intention".
func (sc *sentCtx) carrierNegated(noun int) bool {
	for _, c := range sc.tree.Children(noun) {
		// ("did not show any willingness": the verb carries the negation)
		if (sc.rel(c) == "det" || sc.rel(c) == "amod") && sc.c.lex.carrierNeg[sc.lemmas[c]] {
			return true
		}
	}
	return false
}
