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
		"complement.nearest", "complement.weak", "complement.nominal", "complement.stopping", ruleCoordinatedAct}
	for _, r := range embedCodeRules() {
		ids = append(ids, r.id)
	}
	for _, r := range contentRules() {
		ids = append(ids, r.id)
	}
	return append(ids, ruleContentThreat, ruleContentObligation)
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

// setOffAnswer reports whether t is another actor's answer that the parse
// hung deeper inside what m says: a relative clause with its own subject
// after the trigger, on a noun set off by a comma as a conjunct or
// apposition ("accused India of backing militants, a charge New Delhi
// rejected", with "charge" a conjunct of "backing").
func (sc *sentCtx) setOffAnswer(m *match, t int) bool {
	if !complementAnswer(sc, m, t) {
		return false
	}
	h := sc.tree.Head(t)
	if h < 0 || h > t || !(sc.rel(h) == "conj" || sc.rel(h) == "appos") || (sc.upos(h) != "NOUN") {
		return false
	}
	f, _ := sc.tree.Subtree(h)
	return sc.words[f] == "," || (f > 0 && sc.words[f-1] == ",")
}

// ruleCoordinatedAct spares a verb coordinated with what an accusation says.
const ruleCoordinatedAct = "complement.coordinated-act"

// spareCoordinatedActs: a finite verb in the tense of the accusation,
// coordinated with the gerund of what it says and without a subject of its
// own ("accused the mayor of inciting riots and blamed him for the
// damage"), is the speaker's next act, which the parse hung on the
// gerund: it is not what is said; it keeps its candidate and is hung on
// the accusation, whose subject it shares.
func (sc *sentCtx) spareCoordinatedActs(c int, byTok []*match, m *match) {
	// the past, however the tagger took it ("accused" as VBN)
	tenseOf := func(t int) string {
		if x := sc.s.Tokens[t].XPOS; x != "VBN" {
			return x
		}
		return "VBD"
	}
	tense := tenseOf(m.trig)
	if tense != "VBD" && tense != "VBZ" && tense != "VBP" {
		return
	}
	stack := []int{c}
	for steps := 0; len(stack) > 0 && steps <= sc.n; steps++ {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		stack = append(stack, sc.tree.Children(t)...)
		em := byTok[t]
		if em == nil || !em.consumed || em.rule != "complement.said" || sc.rel(t) != "conj" || tenseOf(t) != tense {
			continue
		}
		h := sc.tree.Head(t)
		if h < 0 || sc.s.Tokens[h].XPOS != "VBG" || sc.tree.ChildWith(t, "nsubj") >= 0 {
			continue
		}
		em.consumed, em.rule, em.why = false, "", ""
		// the parse hung it on the gerund: it is the accuser's, coordinated
		// with the accusation (its subject is the accuser's)
		sc.s.Tokens[t].Head = m.trig
		sc.tree = nlp.NewTree(sc.s)
		if sc.rec != nil {
			em.steps = append(em.steps, ruleCoordinatedAct+": coordinated with what "+m.p.ID+" at \""+sc.words[m.trig]+"\" says, an act of its own")
		}
	}
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
		// nothing said inside it is an event (coordinated clauses are;
		// a gerund with a preposition of its own is none, but a second
		// thing said that the parse coordinated with the verb: "accused
		// X of A and of mocking B")
	deps:
		for _, c := range m.deps {
			switch r := sc.rel(c); {
			case nlp.RelIs(r, "nsubj") && !sc.secondSubject(m.trig, c), r == "csubj", r == "conj" && !sc.prepositionalGerund(c), r == "parataxis", r == "punct", r == "cc":
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
				sc.spareCoordinatedActs(c, byTok, m)
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
			if nlp.RelIs(sc.rel(ch), "nsubj") || sc.rel(ch) == "punct" || sc.conditionalClause(ch) {
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

// secondSubject reports whether subject c of verb v comes after it while
// another subject precedes it: no subject of v, but a phrase of what
// follows ("accused rebels of attacking soldiers, the first skirmish
// acknowledged by the military", with "skirmish" a second subject).
func (sc *sentCtx) secondSubject(v, c int) bool {
	if c < v {
		return false
	}
	for _, k := range sc.tree.Children(v) {
		if k < v && nlp.RelIs(sc.rel(k), "nsubj") {
			return true
		}
	}
	return false
}

// conditionalClause reports whether t is an adverbial clause with a
// conditional subordinator ("if", "unless").
func (sc *sentCtx) conditionalClause(t int) bool {
	if sc.rel(t) != "advcl" {
		return false
	}
	for _, k := range sc.tree.Children(t) {
		if sc.rel(k) == "mark" && sc.c.lex.condMark[sc.lemmas[k]] {
			return true
		}
	}
	return false
}

// prepositionalGerund reports whether conjunct c is a gerund that no
// clause coordinated with its head verb is: one introduced by a
// preposition of its own ("of mocking"), or a bare one without an
// auxiliary on a verb in another form ("accused them of attacking and
// killing soldiers", with "killing" a conjunct of "accused").
func (sc *sentCtx) prepositionalGerund(c int) bool {
	if !strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG") {
		return false
	}
	aux := false
	for _, k := range sc.tree.Children(c) {
		r := sc.rel(k)
		if (r == "case" || r == "mark") && sc.upos(k) == "ADP" && k < c {
			return true
		}
		if r == "aux" || r == "aux:pass" || nlp.RelIs(r, "nsubj") {
			aux = true
		}
	}
	h := sc.tree.Head(c)
	return !aux && h >= 0 && strings.HasPrefix(sc.s.Tokens[h].XPOS, "VB") && sc.s.Tokens[h].XPOS != "VBG"
}

// consumeIn marks every plain event in the subtree of c as consumed by m,
// by rule.
func (sc *sentCtx) consumeIn(c int, byTok []*match, by *match, rule string) {
	stack := []int{c}
	for steps := 0; len(stack) > 0 && steps <= sc.n; steps++ {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if rule == "complement.embedded" && t != c && sc.rel(t) == "acl" && sc.byAgent(t) >= 0 {
			// a participle with its own agent on a noun ("agreed to
			// reopen embassies after talks brokered by Qatar") states an
			// act of that agent, not part of what is agreed or intended
			continue
		}
		if rule == "complement.embedded" && t != c && sc.conditionalClause(t) {
			// "threatened to close the strait if the US attacked": the
			// condition on the act is no part of it (mood.conditional)
			continue
		}
		if rule == "complement.said" && t != c && sc.setOffAnswer(by, t) {
			// "accused India of backing militants, a charge New Delhi
			// rejected": the answer the parse hung inside what is said
			// (complement.answer)
			if em := byTok[t]; em != nil && sc.rec != nil {
				em.steps = append(em.steps, "complement.answer: an act of its own beside "+by.p.ID+" at \""+sc.words[by.trig]+"\"")
			}
			continue
		}
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
		{"complement.decided-act", complementDecidedAct},
		{"complement.threat", complementThreat},
		{"complement.agreed-ceasefire", complementAgreedCeasefire},
		{"complement.named-act", complementNamedAct},
		{"complement.parallel", complementParallel},
		// after the parallel code: an order to one's own forces is the act
		{"complement.own-forces", complementOwnForces},
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

// complementDecidedAct: a decision to do what has no intent code
// ("decided to expel the diplomats", "voted to suspend the country") is
// the act itself: an authority's decision puts a sanction or coercion in
// force; a decision to cooperate stays an intent (complement.intent).
// The verbs are the lexicon's decision_verbs.
func complementDecidedAct(sc *sentCtx, k *cand) string {
	if !isIntent(k.kind) || k.embCode == "" || !sc.c.lex.decision[sc.lemmas[k.trig]] {
		return ""
	}
	if sc.c.embedCode(dict.EmbedIntent, k.embCode) != "" || !(cameo.Sanctions.Has(k.embCode) || (cameo.PopulationActs.Has(k.embCode) && !cameo.Force.Has(k.embCode))) {
		return ""
	}
	return k.embCode
}

// complementThreat: a vow to do what has no intent code, force, is a
// threat ("vowed to attack" -> 138).
func complementThreat(sc *sentCtx, k *cand) string {
	if !isIntent(k.kind) || k.embCode == "" || sc.c.embedCode(dict.EmbedIntent, k.embCode) != "" || k.code == k.embCode {
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

// complementOwnForces: an authority that orders its own forces to do a
// cooperative act or to yield ("ordered its troops to observe the truce",
// "decreed that its soldiers respect the ceasefire") does the act through
// them: the act is the authority's,
// not a demand on a party (complement.parallel). The order is one of the
// lexicon's ordering_verbs and its object an armed-forces noun owned by a
// possessive pronoun (its, their, his, her, our: the subject's own);
// another's forces ("ordered Ukrainian troops to lay down arms") stay a
// demand, and so do force and coercion (the ordered act's target is then
// not the forces).
func complementOwnForces(sc *sentCtx, k *cand) string {
	if k.kind != dict.EmbedDemand || k.embCode == "" || !cameo.CooperativeActs.Has(k.embCode) || !sc.c.lex.orderingVerbs[sc.lemmas[k.trig]] {
		return ""
	}
	o := sc.tree.ChildWith(k.trig, "obj")
	if o < 0 || !sc.armedForces(o) {
		return ""
	}
	for _, c := range sc.tree.Children(o) {
		if nlp.RelIs(sc.rel(c), "nmod:poss") && sc.upos(c) == "PRON" {
			return k.embCode
		}
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

// The content of a statement is itself an event when it says what another
// actor is or did in words of blame or condemnation: a speaker who says
// "X is behind the attack" accuses X (112); one who says "X's actions are
// illegal" criticises X (111). The content rules find such predicates (a
// copular clause whose predicate is a word of blame or of condemnation)
// and make each a candidate of its own (complement.content-blame,
// complement.content-criticism); the mood stage codes it only when a
// speaker reports it, as the speaker's act toward the predicate's subject
// (mood.reported-content): what the writer asserts in such words is an
// assessment, no event.

// contentRule finds a predicate of blame or condemnation at token c: fn
// reports whether c is one.
type contentRule struct {
	id string
	p  *dict.Pattern
	fn func(sc *sentCtx, c int) bool
}

// contentRules are the content rules, in order; the first that applies
// at a token decides.
func contentRules() []contentRule {
	return []contentRule{
		{"complement.content-blame", contentBlamePattern, contentBlame},
		{"complement.content-criticism", contentCriticismPattern, contentCriticism},
		{"complement.content-wrongdoing", contentBlamePattern, contentWrongdoing},
	}
}

// contentRuleTable is contentRules, built once.
var contentRuleTable = contentRules()

// The patterns of the content candidates: their source is the speaker and
// their target the predicate's subject (mood.reported-content).
var (
	contentBlamePattern     = &dict.Pattern{ID: "content.blame", Code: cameo.CodeAccuse, TargetMode: dict.TargetRequired}
	contentCriticismPattern = &dict.Pattern{ID: "content.criticism", Code: cameo.CodeCriticize, TargetMode: dict.TargetRequired}
)

// isContent reports whether p is the pattern of a content candidate.
func isContent(p *dict.Pattern) bool {
	return p == contentBlamePattern || p == contentCriticismPattern
}

// contentSubject returns the subject of copular predicate c: its own, or
// that of the clause it is coordinated with ("X threatens peace and is
// unacceptable"), or the noun it is coordinated with when the parse made
// the predicate a conjunct of its subject; -1 when c is no copular
// predicate.
func (sc *sentCtx) contentSubject(c int) int {
	if sc.tree.ChildWith(c, "cop") < 0 {
		if sc.wrongdoing(c) {
			// a verb of wrongdoing: its own subject (contentWrongdoing)
			return sc.tree.ChildWith(c, "nsubj")
		}
		return -1
	}
	if s := sc.tree.ChildWith(c, "nsubj"); s >= 0 {
		return s
	}
	h := sc.tree.Head(c)
	if sc.rel(c) != "conj" || h < 0 {
		return -1
	}
	if s := sc.tree.ChildWith(h, "nsubj"); s >= 0 {
		return s
	}
	if isNominal(sc.upos(h)) && sc.tree.ChildWith(h, "cop") < 0 {
		return h
	}
	return -1
}

// contentActors returns the actors the subject s of a content predicate
// names: itself, the doer or owner its phrase names ("Russia's raids",
// "the Russian raids"; for an act, only that), or those of the noun a
// quantity noun is of ("a series of Russian raids").
func (sc *sentCtx) contentActors(s int) []actorRef {
	act := func(h int) bool { return sc.isEventNoun(h) || sc.c.lex.conductNouns[sc.lemmas[h]] }
	for depth := 0; s >= 0 && depth < 2; depth++ {
		if act(s) {
			// an act: who did it, not what it is coordinated with
			if rs := sc.actByModifier(s); len(rs) > 0 {
				return rs
			}
			return sc.npFallback(s)
		}
		next := -1
		for _, c := range sc.tree.Children(s) {
			if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "of" && act(c) {
				next = c
				break
			}
		}
		if next < 0 {
			if rs := sc.actorsAt(s); len(rs) > 0 {
				return rs
			}
			return sc.npFallback(s)
		}
		s = next
	}
	return nil
}

// copular reports whether token c is the predicate of a copular clause
// with a subject.
func (sc *sentCtx) copular(c int) bool { return sc.contentSubject(c) >= 0 }

// contentBlame: a copular predicate of blame ("X was behind the killing",
// "X is responsible for the attack"): a word of the lexicon's blame_words
// as the predicate's preposition, or as the predicate with an act or a
// harm as its complement ("responsible for security" is a duty, no
// blame).
func contentBlame(sc *sentCtx, c int) bool {
	if !sc.copular(c) {
		return false
	}
	if sc.upos(c) == "ADJ" && sc.c.lex.blame[sc.lemmas[c]] {
		// "responsible for the attack", "guilty of war crimes"
		for _, k := range sc.tree.Children(c) {
			if r := sc.rel(k); (nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) && sc.harm(k) {
				return true
			}
		}
		return false
	}
	return isNominal(sc.upos(c)) && sc.c.lex.blame[sc.caseOf(c)]
}

// harm reports whether noun h names an act or a harm one can be blamed
// for: an event noun of the patterns (the attack, the killing), a noun of
// force, or a noun of the lexicon's harm_nouns (the deaths,
// the violence); not "security" (a noun of force posture).
func (sc *sentCtx) harm(h int) bool {
	if sc.isEventNoun(h) || sc.c.lex.harm[sc.lemmas[h]] {
		return true
	}
	p := sc.c.hostileNoun(sc.lemmas[h])
	return p != nil && cameo.Force.Has(p.Code)
}

// contentCriticism: a copular predicate of condemnation ("the raid was
// illegal", "the vote is a sham"): a word of the lexicon's
// condemnation_words without a preposition of its own.
func contentCriticism(sc *sentCtx, c int) bool {
	if !sc.copular(c) || !sc.c.lex.condemnation[sc.lemmas[c]] {
		return false
	}
	return sc.upos(c) == "ADJ" || (isNominal(sc.upos(c)) && sc.caseOf(c) == "")
}

// contentWrongdoing: a verb of wrongdoing that no pattern codes, done by
// its active subject (the lexicon's wrongdoing_verbs: "X meddled in the
// vote", "X had rigged the count", "X colluded with the smugglers"): what
// a speaker says another actor did so is the speaker's accusation (112),
// coded like a predicate of blame (mood.reported-content); the writer's
// own account of it is no event.
func contentWrongdoing(sc *sentCtx, c int) bool {
	return sc.wrongdoing(c) && sc.tree.ChildWith(c, "nsubj") >= 0
}

// wrongdoing reports whether token c is a verb of the lexicon's
// wrongdoing_verbs.
func (sc *sentCtx) wrongdoing(c int) bool {
	return sc.upos(c) == "VERB" && sc.c.lex.wrongdoing[sc.lemmas[c]]
}

// contentMatches adds a candidate at every predicate of blame or
// condemnation (the content rules) to byTok; it takes the place of a
// pattern matched at the same word, which the copular construction makes
// no act of its own. It reports whether it added any.
func (sc *sentCtx) contentMatches(byTok []*match) bool {
	added := false
	for c := 0; c < sc.n; c++ {
		for _, r := range contentRuleTable {
			if !r.fn(sc, c) {
				continue
			}
			m := &match{p: r.p, trig: c, clause: c, deps: sc.tree.Children(c), compl: -1, content: r.id}
			if sc.rec != nil {
				m.steps = append(m.steps, r.id+": a predicate of "+strings.TrimPrefix(r.p.ID, "content.")+" at \""+sc.words[c]+"\"")
			}
			byTok[c], added = m, true
			break
		}
		if byTok[c] == nil {
			if m := sc.contentObligation(c, byTok); m != nil {
				byTok[c], added = m, true
				continue
			}
		}
		if old := byTok[c]; old == nil || (old.trig == c && (old.p.Nominal || len(old.p.Light) > 0) && cameo.PhysicalConflict.Has(old.p.Code)) {
			// (a noun of protest or force matched without its light
			// verb, "its attacks will intensify", keeps its pattern)
			if m := sc.contentThreat(c); m != nil {
				if old != nil {
					m.p = old.p
				}
				byTok[c], added = m, true
			} else if m := sc.contentRetaliation(c); m != nil && old == nil {
				byTok[c], added = m, true
			}
		}
	}
	return added
}

// ruleContentThreat finds an act a speaker says will happen.
const ruleContentThreat = "complement.content-threat"

// contentRetaliation: a noun of retaliation as the subject of a verb of
// occurrence or of a copular predicate, or after "there will be" ("our
// response will be painful", "there will be consequences for Russia"): a
// threat (130) the mood stage codes as contentThreat's, aimed at the
// noun's "for", "against" or "on" phrase. nil when c is none.
//
// Further measures a speaker says it will or may take, a countermeasure
// noun with an escalation modifier as the object of a verb ("would look at
// additional measures", "will take tougher steps against X"), are a
// threat too (contentMeasuresPattern), aimed at their "against" or "on"
// phrase, else at no one named; measures with a purpose ("further steps
// to protect residents", "measures for the economy") are policy, not a
// threat, and measures taken are no threat (mood.threatened-act).
func (sc *sentCtx) contentRetaliation(c int) *match {
	if sc.upos(c) != "NOUN" {
		return nil
	}
	if sc.c.lex.countermeasure[sc.lemmas[c]] {
		return sc.furtherMeasures(c)
	}
	if !sc.c.lex.retaliation[sc.lemmas[c]] {
		return nil
	}
	if sc.tree.ChildWith(c, "expl") >= 0 && sc.tree.ChildWith(c, "cop") >= 0 {
		// "there will be consequences": the noun is the predicate
		return sc.threatMatch(c, c, contentThreatPattern)
	}
	if !nlp.RelIs(sc.rel(c), "nsubj") {
		return nil
	}
	v := sc.tree.Head(c)
	if v < 0 {
		return nil
	}
	occurs := sc.c.lex.occurrence[sc.lemmas[v]] && isVerbal(sc.upos(v))
	copular := sc.tree.ChildWith(v, "cop") >= 0
	there := sc.lemmas[v] == "be" && sc.tree.ChildWith(v, "expl") >= 0
	if !occurs && !copular && !there {
		return nil
	}
	return sc.threatMatch(c, v, contentThreatPattern)
}

// furtherMeasures is contentRetaliation's threat of further measures at
// countermeasure noun c; nil when c is none.
func (sc *sentCtx) furtherMeasures(c int) *match {
	r := sc.rel(c)
	if r != "obj" && r != "obl" {
		return nil
	}
	v := sc.tree.Head(c)
	if v < 0 || !isVerbal(sc.upos(v)) || sc.c.lex.speech[sc.lemmas[v]] {
		return nil
	}
	escalated := false
	for _, k := range sc.tree.Children(c) {
		switch sc.rel(k) {
		case "amod", "compound":
			// ("tougher" parsed as a compound noun)
			escalated = escalated || sc.c.lex.escalation[sc.lemmas[k]]
		case "acl", "nmod":
			if sc.tree.ChildWith(k, "mark") >= 0 || sc.hasMark(k, "for") {
				// a purpose: "measures to protect", "steps for recovery"
				return nil
			}
		}
	}
	if !escalated {
		return nil
	}
	for _, k := range sc.tree.Children(v) {
		if sc.rel(k) == "advcl" && sc.hasMark(k, "to") {
			// "will take further steps to protect residents"
			return nil
		}
	}
	return sc.threatMatch(c, v, contentMeasuresPattern)
}

// contentMeasuresPattern is the pattern of a threat of further measures
// (furtherMeasures): their "against" or "on" phrase is the target, else
// none is named.
var contentMeasuresPattern = &dict.Pattern{ID: "content.threat", Code: cameo.CodeThreaten,
	Target: []dict.Slot{{Prep: "against"}, {Prep: "on"}}}

// retaliatory reports whether p is a threat already (a retaliation or
// further measures), not an act threatened.
func retaliatory(p *dict.Pattern) bool {
	return p == contentThreatPattern || p == contentMeasuresPattern
}

// contentThreatPattern is the pattern of a threat of retaliation
// (contentRetaliation).
var contentThreatPattern = &dict.Pattern{ID: "content.threat", Code: cameo.CodeThreaten, TargetMode: dict.TargetRequired,
	Target: []dict.Slot{{Prep: "for"}, {Prep: "against"}, {Prep: "on"}}}

// contentThreat: a noun of protest or force as the subject of a verb of
// occurrence ("our demonstrations will continue", "its raids will
// intensify"):
// a candidate of the noun's own code at the verb's clause, which the mood
// stage codes as the speaker's threat when the clause is a reported
// future (mood.threatened-act). nil when c is none.
func (sc *sentCtx) contentThreat(c int) *match {
	if sc.upos(c) != "NOUN" || sc.rel(c) != "nsubj" {
		return nil
	}
	v := sc.tree.Head(c)
	if v < 0 || !sc.c.lex.occurrence[sc.lemmas[v]] || !isVerbal(sc.upos(v)) {
		return nil
	}
	p := sc.c.hostileNoun(sc.lemmas[c])
	if p == nil {
		return nil
	}
	return sc.threatMatch(c, v, p)
}

// threatMatch is the content-threat candidate of noun c, the subject of
// v, with pattern p.
func (sc *sentCtx) threatMatch(c, v int, p *dict.Pattern) *match {
	// the act's own dependents name its target ("attacks on the police")
	deps := append(append([]int(nil), sc.tree.Children(c)...), sc.tree.Children(v)...)
	m := &match{p: p, trig: c, clause: v, deps: deps, compl: -1, content: ruleContentThreat}
	if sc.rec != nil {
		m.steps = append(m.steps, ruleContentThreat+": \""+sc.words[c]+"\" is said to \""+sc.words[v]+"\"")
	}
	return m
}

// hostileNoun returns the pattern of a noun that names an act of protest
// or force (its nominal pattern, else a light-verb pattern of it: "hold a
// protest", "launch an attack"), the most general first; nil for none.
func (c *Coder) hostileNoun(lemma string) *dict.Pattern {
	var best *dict.Pattern
	for _, p := range c.idx[lemma] {
		if p.Trigger != lemma || !(p.Nominal || len(p.Light) > 0) || !cameo.PhysicalConflict.Has(p.Code) {
			continue
		}
		if best == nil || len(p.Code) < len(best.Code) || (len(p.Code) == len(best.Code) && p.Nominal && !best.Nominal) {
			best = p
		}
	}
	return best
}

// directSpeech reports whether clause c is what a verb of saying says:
// its complement ("said Lima must act"), or a clause with the attribution
// as an aside ("Lima must act, she said"), or a clause of a quotation.
// The content of another embedding ("agreed that Lima should act") is not.
func (sc *sentCtx) directSpeech(c int) bool {
	if h := sc.tree.Head(c); h >= 0 {
		r := sc.rel(c)
		return (r == "ccomp" || r == "parataxis") && sc.c.lex.speech[sc.lemmas[h]]
	}
	for _, k := range sc.tree.Children(c) {
		if r := sc.rel(k); (r == "parataxis" || r == "ccomp") && sc.c.lex.speech[sc.lemmas[k]] {
			return true
		}
	}
	return sc.inQuote()
}

// ruleContentObligation finds an act a speaker says another actor should or
// must do.
const ruleContentObligation = "complement.content-obligation"

// contentObligationPattern is the pattern of an obligation on an act no
// pattern codes (contentObligation): the mood stage codes it as the
// speaker's appeal (020) or demand (100) to the clause's subject.
var contentObligationPattern = &dict.Pattern{ID: "content.obligation", Code: cameo.CodeAppeal, TargetMode: dict.TargetRequired}

// contentObligation: a verb of an act no pattern codes under a modal of
// obligation ("the board must publish the figures", "Lima should hand
// over the files", "the blockade needs to be lifted"): a candidate the
// mood stage codes, when a speaker reports the clause, as the speaker's
// appeal or demand to the actor the obligation is on (mood.obligation);
// unreported it is a possibility, no event. A copula or auxiliary is no
// act ("should be careful"). nil when c is none.
func (sc *sentCtx) contentObligation(c int, byTok []*match) *match {
	if sc.upos(c) != "VERB" || sc.c.lex.speech[sc.lemmas[c]] {
		return nil
	}
	obliged := false
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "aux" && sc.c.lex.modal[sc.lemmas[k]] && sc.obligationKind(sc.lemmas[k]) != dict.EmbedNone {
			// (a modal: "has" of the perfect is no obligation)
			obliged = true
		}
		if byTok[k] != nil {
			// a noun the verb carries is the act ("must lift the sanctions")
			return nil
		}
	}
	if h := sc.tree.Head(c); !obliged && h >= 0 && sc.rel(c) == "xcomp" && isVerbal(sc.upos(h)) && sc.obligationKind(sc.lemmas[h]) != dict.EmbedNone {
		// "needs to be lifted", "have to leave"
		obliged = sc.tree.ChildWith(c, "mark") >= 0
	}
	if !obliged || !sc.directSpeech(c) {
		return nil
	}
	m := &match{p: contentObligationPattern, trig: c, clause: c, deps: sc.tree.Children(c), compl: -1, content: ruleContentObligation}
	if sc.rec != nil {
		m.steps = append(m.steps, ruleContentObligation+": \""+sc.words[c]+"\" is obliged")
	}
	return m
}
