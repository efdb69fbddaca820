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

// The complement stage: what an embedding pattern (a pledge, an appeal, a
// demand, a threat, a refusal) says is to be done is the act it embeds,
// not an event; what an accusation, denial, refusal or appeal without an
// embedding says is no event either. The stage finds the embedded act
// (complement.nearest, .weak, .nominal; complement.stopping passes over
// what a verb of stopping governs), marks the candidates inside the
// complement as consumed (complement.embedded, complement.said; an act
// of its own beside an accusation is spared: complement.own-act,
// complement.answer), and, when the candidate is evaluated, gives it the
// code its embedded act has under its mode (embedCodeRules).

// complementRules are the IDs of the complement stage's rules, in order.
func complementRules() []string {
	ids := []string{"complement.said", "complement.own-act", "complement.answer", "complement.embedded",
		"complement.nearest", "complement.weak", "complement.nominal", "complement.stopping"}
	for _, r := range embedCodeRules() {
		ids = append(ids, r.id)
	}
	return ids
}

// spareRule keeps a dependent of an accusation, denial, refusal or appeal
// out of what it says: fn reports whether dependent c is an act of its
// own.
type spareRule struct {
	id string
	fn func(sc *sentCtx, m *match, c int) bool
}

// spareRules are the acts beside what is said, in order.
func spareRules() []spareRule {
	return []spareRule{
		{"complement.own-act", complementOwnAct},
		{"complement.answer", complementAnswer},
	}
}

// complementOwnAct: an adverbial clause without a content marker is an act
// of its own ("..., threatening to block highways"), not what is said.
func complementOwnAct(sc *sentCtx, _ *match, c int) bool {
	return sc.rel(c) == "advcl" && !sc.hasMarkIn(c, sc.c.lex.contentMarkers)
}

// complementAnswer: a relative clause with its own subject after the
// trigger is another actor's answer ("..., a charge New Delhi rejected"),
// not part of what is said.
func complementAnswer(sc *sentCtx, m *match, c int) bool {
	return sc.rel(c) == "acl:relcl" && sc.tree.ChildWith(c, "nsubj") >= 0 && c > m.trig
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
	deps:
		for _, c := range m.deps {
			switch r := sc.rel(c); {
			case nlp.RelIs(r, "nsubj"), r == "csubj", r == "conj", r == "parataxis", r == "punct", r == "cc":
				continue
			}
			for _, sr := range spareRules() {
				if sr.fn(sc, m, c) {
					if em := byTok[c]; em != nil && sc.rec != nil {
						em.steps = append(em.steps, sr.id+": an act of its own beside "+m.p.ID+" at \""+sc.words[m.trig]+"\"")
					}
					continue deps
				}
			}
			if c != m.trig && c != m.clause {
				sc.consumeIn(c, byTok, m, "complement.said")
			}
		}
		return
	}
	// breadth-first through the complements for the nearest event; a
	// vague one ("work", "help") without a target yields to a more
	// telling one inside it ("work towards ending the conflict")
	queue := append([]int{}, comps...)
	var weak *match
	rule := ""
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
				rule = "complement.nearest"
				break
			}
		}
		if np, ok := sc.nominalCode(t); ok {
			m.embedded = &match{p: np, trig: t, clause: t, compl: -1, deps: sc.tree.Children(t)}
			m.compl = t
			rule = "complement.nominal"
			break
		}
		if sc.c.lex.stopping[sc.lemmas[t]] && isVerbal(sc.upos(t)) {
			// "agreed to halt firing": what a verb of stopping governs
			// is stopped, not done
			if sc.rec != nil {
				m.steps = append(m.steps, "complement.stopping: what \""+sc.words[t]+"\" governs is stopped, not done")
			}
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
		rule = "complement.weak"
	}
	if m.embedded != nil && sc.rec != nil {
		m.steps = append(m.steps, rule+": embeds "+m.embedded.p.ID+" at \""+sc.words[m.embedded.trig]+"\"")
	}
	for _, c := range comps {
		sc.consumeIn(c, byTok, m, "complement.embedded")
	}
}

// consumeIn marks every plain event in the subtree of c as consumed by m,
// by rule.
func (sc *sentCtx) consumeIn(c int, byTok []*match, by *match, rule string) {
	stack := []int{c}
	for steps := 0; len(stack) > 0 && steps <= sc.n; steps++ {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if em := byTok[t]; em != nil && em != by && !em.consumed {
			// an embedding pattern inside keeps its own complement
			em.consumed = true
			em.rule = rule
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

// embedCodeRule gives an embedding candidate the code of its embedded act
// under its mode: fn returns the new code, or "" to leave it.
type embedCodeRule struct {
	id string
	fn func(sc *sentCtx, k *cand) string
}

// embedCodeRules are the rules of an embedding candidate's code, applied
// in order, each to the code the previous left.
func embedCodeRules() []embedCodeRule {
	return []embedCodeRule{
		{"complement.intent", complementIntent},
		{"complement.threat", complementThreat},
		{"complement.agreed-ceasefire", complementAgreedCeasefire},
		{"complement.decided-act", complementDecidedAct},
		{"complement.named-act", complementNamedAct},
		{"complement.parallel", complementParallel},
	}
}

// isIntent reports whether an embedding is a commitment: an intent or a
// noun of willingness.
func isIntent(k dict.EmbedKind) bool { return k == dict.EmbedIntent || k == dict.EmbedCarrier }

// complementIntent: a pledge, promise or willingness to do an act is the
// intent to do it (a pledge to send aid, 071 -> 0331).
func complementIntent(sc *sentCtx, k *cand) string {
	if !isIntent(k.kind) || k.embCode == "" {
		return ""
	}
	return sc.c.embedCode(dict.EmbedIntent, k.embCode)
}

// complementThreat: a vow to do what has no intent code, force, is a
// threat ("vowed to attack" -> 138).
func complementThreat(sc *sentCtx, k *cand) string {
	if !isIntent(k.kind) || k.embCode == "" || sc.c.embedCode(dict.EmbedIntent, k.embCode) != "" {
		return ""
	}
	return sc.c.embedCode(dict.EmbedThreat, k.embCode)
}

// complementAgreedCeasefire: agreeing to stop firing or hostilities is an
// agreed ceasefire (0871), not only an intent to de-escalate.
func complementAgreedCeasefire(sc *sentCtx, k *cand) string {
	if isIntent(k.kind) && k.embCode == cameo.CodeCeasefire && sc.c.lex.agreementVerbs[sc.lemmas[k.trig]] && sc.c.lex.stopping[sc.lemmas[k.embedded.trig]] {
		return k.embCode
	}
	return ""
}

// complementDecidedAct: a decision to cut ties, sanction or seize (the
// acts cameo.Sanctions holds, decided rather than done) is the act itself
// when the verb of deciding asserts its complement (the lexicon's
// aspect_heads: "decided to sever ties with X" -> 161, not an intent or
// a threat); a decision to send, meet or fight stays a commitment.
func complementDecidedAct(sc *sentCtx, k *cand) string {
	if isIntent(k.kind) && k.embCode != "" && k.embedded != nil && !k.embedded.p.Nominal && sc.c.lex.aspect[sc.lemmas[k.trig]] && cameo.Sanctions.Has(k.embCode) {
		return k.embCode
	}
	return ""
}

// complementNamedAct: a pattern that names its act ("threatened a
// blockade", 1381) keeps its code when the act it embeds is only a noun
// whose own code is not under it.
func complementNamedAct(sc *sentCtx, k *cand) string {
	if isIntent(k.kind) || k.embCode == "" {
		return ""
	}
	if c := sc.c.embedCode(k.kind, k.embCode); c != "" && k.embedded.p.Nominal && namesAct(k.p) && !cameo.Under(c, k.code) {
		return k.code
	}
	return ""
}

// complementParallel: an appeal, demand, threat or refusal takes the code
// its embedded act has under its mode (an appeal to send aid -> 0233),
// unless the pattern names its own act.
func complementParallel(sc *sentCtx, k *cand) string {
	if isIntent(k.kind) || k.embCode == "" {
		return ""
	}
	if c := sc.c.embedCode(k.kind, k.embCode); c != "" && !(k.embedded.p.Nominal && namesAct(k.p) && !cameo.Under(c, k.code)) {
		return c
	}
	return ""
}

// embeddedCode applies the embedCodeRules to candidate k.
func (sc *sentCtx) embeddedCode(k *cand) {
	for _, r := range embedCodeRules() {
		if c := r.fn(sc, k); c != "" {
			if c != k.code {
				k.step(r.id, k.code+" -> "+c)
			} else {
				k.step(r.id, "keeps "+c)
			}
			k.code = c
		}
	}
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
