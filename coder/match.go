package coder

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/dyad-events/dyad"
	"strings"

	"github.com/dyad-events/dyad/cameo"
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
	consumed bool   // the event is the complement of another pattern
	onset    bool   // a noun of an act that broke out (match.onset-noun)
	rule     string // the complement rule that consumed it
	why      string
	tgts     []actorRef // the targets found when it was coded
	steps    []string   // what rules did to it before it was evaluated
	// content is the content rule that made the candidate, if any
	// (complement.content-*)
	content string
}

// The match stage: the patterns of the dictionary tried at each word, on
// lemmas and the dependency tree. Four tables, in the order they run:
//
//   - sentence rules skip a whole sentence before it is looked at;
//   - token rules rule a word out as a trigger of any pattern;
//   - constraint rules try one pattern at one word: a rule that fails
//     says why the pattern does not match there;
//   - code rules run later, when a plain event pattern's candidate is
//     evaluated: the pattern's own refinements of its code.
//
// Of the patterns that match at a word, the best is the candidate
// (ruleBest); the others are outranked. A new way a pattern's constraint
// can be met belongs in its constraint rule; a new kind of constraint in
// the pattern format belongs in dict/patterns.go and a rule here.

// ruleBest picks the best of the patterns that match at one word.
const ruleBest = "match.best"

// sentenceRule skips a whole sentence: fn returns why, or "".
type sentenceRule struct {
	id string
	fn func(c *Coder, text string, tokens int) string
}

// sentenceRules are the rules that skip a sentence, in order.
func sentenceRules() []sentenceRule {
	return []sentenceRule{
		{"match.sentence-length", matchSentenceLength},
		{"match.question", matchQuestion},
	}
}

// matchSentenceLength skips sentences longer than MaxSentenceTokens: they
// are almost always run-on text, tables or lists.
func matchSentenceLength(c *Coder, _ string, n int) string {
	if n > c.opts.MaxSentenceTokens {
		return fmt.Sprintf("%d tokens (limit %d)", n, c.opts.MaxSentenceTokens)
	}
	return ""
}

// matchQuestion skips questions: a question asserts nothing.
func matchQuestion(_ *Coder, text string, _ int) string {
	if q := strings.TrimRight(text, " \t\r\n\"'”’)"); strings.HasSuffix(q, "?") {
		return "a question asserts nothing"
	}
	return ""
}

// tokenRule rules word i out as the trigger of any pattern: fn returns
// why, or "".
type tokenRule struct {
	id string
	fn func(sc *sentCtx, i int) string
}

// tokenRules are the rules that rule a word out as a trigger, in order.
func tokenRules() []tokenRule {
	return []tokenRule{
		{"match.hyphen-modifier", matchHyphenModifier},
		{"match.name", matchName},
	}
}

// matchHyphenModifier: the second part of a hyphenated modifier
// ("drought-hit", "rebel-held") names no event; a hyphenated verb that
// heads its clause, with a subject or object of its own ("test-fired a
// missile"), does.
func matchHyphenModifier(sc *sentCtx, i int) string {
	if i > 0 && sc.words[i-1] == "-" && sc.s.Tokens[i-1].End == sc.s.Tokens[i].Start {
		if sc.hyphenWord(i) {
			// a hyphenated word that is a trigger as a whole ("cease-fire")
			return ""
		}
		if sc.upos(i) == "VERB" && (sc.tree.ChildWith(i, "nsubj") >= 0 || sc.tree.ChildWith(i, "obj") >= 0) {
			return ""
		}
		return "part of a hyphenated modifier"
	}
	return ""
}

// matchName: a word inside an actor's name is not an event
// ("Mozambique" tagged as a verb).
func matchName(sc *sentCtx, i int) string {
	if m, ok := sc.mentionAt(i); ok && m.Kind != dict.KindAgent {
		return "part of the name " + m.Entry
	}
	return ""
}

// constraintRule tries one constraint of pattern m.p at its trigger: fn
// returns why it fails, or "". A rule may fill in the match (the light
// verb's clause and dependents).
type constraintRule struct {
	id string
	fn func(sc *sentCtx, m *match) string
}

// constraintRules are a pattern's constraints, in the order they are
// tried.
func constraintRules() []constraintRule {
	return []constraintRule{
		{"match.ordered-act", matchOrderedAct},
		{"match.nominal", matchNominal},
		{"match.light-noun", matchLightNoun},
		{"match.light-verb", matchLightVerb},
		{"match.light-particle", matchLightParticle},
		{"match.onset-noun", matchOnsetNoun},
		{"match.verb-trigger", matchVerbTrigger},
		{"match.particle", matchParticle},
		{"match.require", matchRequire},
		{"match.forbid", matchForbid},
	}
}

// matchNominal: a nominal pattern ("the release of", "an invasion") never
// codes an event by itself: nominalised events are background. It only
// names the act an appeal, demand or threat is about.
func matchNominal(_ *sentCtx, m *match) string {
	if m.p.Nominal && m.clause == m.trig {
		return "nominal pattern"
	}
	return ""
}

// matchOrderedAct: the noun of a nominal pattern that is the object of a
// verb of command (the lexicon's ordering_verbs: "ordered the withdrawal
// of its forces", "decreed the release of the prisoners") names an act
// the authority does by its order: the verb heads the event's clause and
// the subject of the order is its source.
func matchOrderedAct(sc *sentCtx, m *match) string {
	if !m.p.Nominal {
		return ""
	}
	if v := sc.orderedBy(m.trig); v >= 0 {
		m.clause = v
		m.deps = append(append([]int{}, sc.tree.Children(m.trig)...), sc.tree.Children(v)...)
		m.steps = append(m.steps, "match.ordered-act: the act "+sc.lemmas[v]+"ed by its authority")
	}
	return ""
}

// orderedBy returns the verb of command (the lexicon's ordering_verbs)
// whose direct object (or "on" oblique: decided on) is noun i, or -1: an authority that orders an act
// ("ordered the withdrawal of its forces", "decreed the release of the
// prisoners") does it, and the act is coded with the authority as its
// source (rule match.ordered-act). An order that is not asserted (would
// order, ordered to) is left to the mood stage like any other.
func (sc *sentCtx) orderedBy(i int) int {
	if u := sc.upos(i); u != "NOUN" && u != "PROPN" {
		return -1
	}
	v := sc.tree.Head(i)
	if v < 0 || sc.upos(v) != "VERB" || !sc.c.lex.orderingVerbs[sc.lemmas[v]] {
		return -1
	}
	// the object, or an "on" oblique ("decided on the severance of ties")
	if r := sc.rel(i); !nlp.RelIs(r, "obj") && !(nlp.RelIs(r, "obl") && sc.caseOf(i) == "on") {
		return -1
	}
	return v
}

// matchLightNoun: the trigger of a light-verb pattern ("hold+talk") is a
// noun, or a word tagged as an adjective that stands as a noun, the object
// or subject of its clause ("mounted an offensive").
func matchLightNoun(sc *sentCtx, m *match) string {
	if len(m.p.Light) == 0 {
		return ""
	}
	switch up, r := sc.upos(m.trig), sc.rel(m.trig); {
	case up == "NOUN" || up == "PROPN":
	case up == "ADJ" && (nlp.RelIs(r, "obj") || nlp.RelIs(r, "nsubj")) && sc.tree.ChildWith(m.trig, "det") >= 0:
	default:
		return "light-verb noun is not a noun"
	}
	return ""
}

// matchLightVerb: the noun of a light-verb pattern is the object, passive
// subject or oblique of one of its light verbs ("hold talks", "talks were
// held", "engage in talks"), also through a participle taken for its head
// ("imposed targeted sanctions") or as a conjunct of the light verb's
// object. The light verb heads the event's clause.
func matchLightVerb(sc *sentCtx, m *match) string {
	p, i := m.p, m.trig
	if len(p.Light) == 0 {
		return ""
	}
	v := sc.tree.Head(i)
	r := sc.rel(i)
	var mid []int
	if v >= 0 && !contains(p.Light, sc.lemmas[v]) && v < i {
		// "imposed targeted sanctions": a participle before the noun
		// taken for its head; a verb with an auxiliary of its own is a
		// predicate, not a modifier ("announced the US is lifting
		// sanctions" does not announce sanctions)
		if g := sc.tree.Head(v); g >= 0 && g < v && contains(p.Light, sc.lemmas[g]) && sc.tree.ChildWith(v, "aux") < 0 {
			mid = sc.tree.Children(v)
			v, r = g, "obj"
		}
	}
	if v < 0 || !contains(p.Light, sc.lemmas[v]) || !(nlp.RelIs(r, "obj") || nlp.RelIs(r, "nsubj") || nlp.RelIs(r, "obl") || r == "xcomp" || (r == "parataxis" && i > v)) {
		// a noun coordinated with the light verb's object
		if v >= 0 && r == "conj" {
			if vv := sc.tree.Head(v); vv >= 0 && contains(p.Light, sc.lemmas[vv]) {
				m.clause = vv
				m.deps = append(append([]int{}, sc.tree.Children(i)...), sc.tree.Children(vv)...)
				return ""
			}
		}
		if v := sc.afterTalks(m); v >= 0 {
			// "told reporters after talks with Y": the clause's subject
			// held the talks (match.light-verb)
			// (the verb's object is no party: "told reporters")
			// (the talks' with-phrase may hang on the verb, right after
			// the noun: "told reporters after talks with his counterpart
			// that ...")
			m.clause = v
			m.deps = append(append([]int{}, sc.tree.Children(i)...), sc.tree.ChildWith(v, "nsubj"))
			if w := sc.withAfter(v, i); w >= 0 {
				m.deps = append(m.deps, w)
			}
			return ""
		}
		if a := sc.agentParticiple(i, p.Light); a >= 0 {
			// "a strike called by the opposition": the light verb is a
			// participle on the noun with its agent (match.agent-participle)
			m.clause = a
			m.deps = append(append([]int{}, sc.tree.Children(i)...), sc.tree.Children(a)...)
			return ""
		}
		return "no light verb " + strings.Join(p.Light, "|")
	}
	m.clause = v
	m.deps = append(append(append([]int{}, sc.tree.Children(i)...), sc.tree.Children(v)...), mid...)
	return ""
}

// afterTalks returns the verb whose subject held the talks or meeting
// that noun m.trig names, when the noun is a bare adjunct of time past
// of that verb ("said after talks with Y", "signed the deal following
// negotiations in Doha", "agreed during talks"; the adjunct may hang on the
// verb's object: "told reporters after talks"), for a pattern of talks
// held (its light verbs hold them; roots 040 and 046): or -1. "Before
// talks" have not happened; a noun with a possessor is another's talks.
func (sc *sentCtx) afterTalks(m *match) int {
	i := m.trig
	if !(m.p.Code == cameo.CodeNegotiate || m.p.Code == cameo.CodeConsult) || !contains(m.p.Light, "hold") || sc.upos(i) != "NOUN" {
		return -1
	}
	v := sc.tree.Head(i)
	if r := sc.rel(i); !nlp.RelIs(r, "obl") {
		// the adjunct hung on the verb's object ("told reporters after
		// talks with Y": "talks" an nmod of "reporters")
		if !nlp.RelIs(r, "nmod") || v < 0 || !(nlp.RelIs(sc.rel(v), "obj") || sc.rel(v) == "iobj") {
			return -1
		}
		v = sc.tree.Head(v)
	}
	switch sc.caseOf(i) {
	case "after", "following", "during":
	default:
		return -1
	}
	if sc.tree.ChildWith(i, "nmod:poss") >= 0 {
		return -1
	}
	if v < 0 || sc.upos(v) != "VERB" || sc.tree.ChildWith(v, "nsubj") < 0 {
		return -1
	}
	return v
}

// withAfter returns the "with" oblique of verb v that follows noun i's
// phrase with nothing between ("after talks with Y" with "with Y" hung on
// the verb), or -1.
func (sc *sentCtx) withAfter(v, i int) int {
	_, last := sc.tree.Subtree(i)
	for _, c := range sc.tree.Children(v) {
		if c > i && nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == "with" {
			if f, _ := sc.tree.Subtree(c); f == last+1 {
				return c
			}
		}
	}
	return -1
}

// agentParticiple returns the participle among light verbs that modifies
// noun i and names its agent with "by" ("a strike called by the
// opposition", "sanctions imposed by the EU"), or -1. Without an agent the
// participle names no one and is left to the noun's own clause.
func (sc *sentCtx) agentParticiple(i int, light []string) int {
	for _, c := range sc.tree.Children(i) {
		if sc.rel(c) == "acl" && contains(light, sc.lemmas[c]) && sc.byAgent(c) >= 0 {
			return c
		}
	}
	return -1
}

// byAgent returns the "by" agent of participle v ("called by the
// opposition"), or -1 when v is no past participle or names none.
func (sc *sentCtx) byAgent(v int) int {
	if sc.s.Tokens[v].XPOS != "VBN" {
		return -1
	}
	for _, d := range sc.tree.Children(v) {
		if r := sc.rel(d); r == "obl:agent" || (nlp.RelIs(r, "obl") && sc.caseOf(d) == "by") {
			return d
		}
	}
	return -1
}

// matchLightParticle: a light verb with a particle the pattern does not
// allow is another verb ("called off their strike" is not "call+strike").
func matchLightParticle(sc *sentCtx, m *match) string {
	if len(m.p.Light) == 0 {
		return ""
	}
	if prt := sc.verbParticle(m.clause); prt != "" && !contains(m.p.LightParticles, prt) {
		return "light verb has particle " + prt
	}
	return ""
}

// matchOnsetNoun: the noun of an act of protest or force (roots 14 and
// 18-20; a verb pattern of its own lemma) as the subject of a verb by which it breaks out (the
// lexicon's onset_verbs: "clashes erupted between A and B", "protests
// broke out in the capital", "the clash took place", "protests turned
// violent"; or "there were
// clashes between A and B") names the act that
// happened: the onset verb heads the event's clause (its tense and mood),
// and the noun's own dependents name its parties (argument.between,
// argument.protest-place). "Talks continued" is not an onset.
func matchOnsetNoun(sc *sentCtx, m *match) string {
	if len(m.p.Light) > 0 || m.p.Nominal || !(cameo.Protests.Has(m.p.Code) || cameo.Force.Has(m.p.Code)) {
		// (not arrests or charges: "there was a charge")
		return ""
	}
	if v := sc.onsetVerb(m.trig); v >= 0 || (cameo.Protests.Has(m.p.Code) && sc.inProtest(m.trig)) {
		if v < 0 {
			// "resigned in protest over the decision": the verb's
			// subject protests (its act heads the clause)
			v = sc.tree.Head(m.trig)
		}
		m.onset, m.clause = true, v
		m.deps = append(append([]int{}, sc.tree.Children(m.trig)...), sc.tree.Children(v)...)
		if sc.rec != nil {
			m.steps = append(m.steps, "match.onset-noun: \""+sc.words[m.trig]+"\" broke out (\""+sc.words[v]+"\")")
		}
	}
	return ""
}

// inProtest reports whether noun i (of a pattern of protest) is a bare
// "in protest" phrase of a verb with a subject ("resigned in protest over the ruling", "walked out
// in protest"): the manner of an act that is itself the protest. "Killed
// in a protest" (a determiner, or the plural) is where, not how.
func (sc *sentCtx) inProtest(i int) bool {
	if sc.upos(i) != "NOUN" || !strings.EqualFold(sc.words[i], sc.lemmas[i]) || sc.caseOf(i) != "in" || sc.tree.ChildWith(i, "det") >= 0 {
		return false
	}
	if r := sc.rel(i); !nlp.RelIs(r, "obl") && !nlp.RelIs(r, "nmod") {
		return false
	}
	v := sc.tree.Head(i)
	return v >= 0 && sc.upos(v) == "VERB" && sc.tree.ChildWith(v, "nsubj") >= 0
}

// onsetVerb returns the verb by which noun i breaks out (onset_verbs;
// "break" only with "out", "take" only with "place"), or -1.
func (sc *sentCtx) onsetVerb(i int) int {
	if sc.upos(i) != "NOUN" || !nlp.RelIs(sc.rel(i), "nsubj") || sc.hasDet(i, "no") {
		// ("no clashes took place", "there were no protests")
		return -1
	}
	v := sc.tree.Head(i)
	if v >= 0 && sc.lemmas[v] == "be" && sc.tree.ChildWith(v, "expl") >= 0 {
		// "there were clashes between A and B": the act existed
		return v
	}
	if v < 0 || sc.upos(v) != "VERB" || !sc.c.lex.onset[sc.lemmas[v]] {
		return -1
	}
	switch sc.lemmas[v] {
	case "break":
		if sc.verbParticle(v) != "out" {
			return -1
		}
	case "take":
		if o := sc.tree.ChildWith(v, "obj"); o < 0 || sc.lemmas[o] != "place" {
			return -1
		}
	case "turn":
		// "the march turned violent": a protest that became violent
		// (match.violent-protest codes it 145)
		if !sc.turnedViolent(v) {
			return -1
		}
	}
	return v
}

// turnedViolent reports whether verb v ("turn") has a complement of
// violence ("turned violent", "turned deadly").
func (sc *sentCtx) turnedViolent(v int) bool {
	if sc.lemmas[v] != "turn" {
		return false
	}
	for _, x := range sc.tree.Children(v) {
		if r := sc.rel(x); r != "xcomp" && r != "advmod" {
			// ("deadly" is also tagged an adverb)
			continue
		}
		switch sc.lemmas[x] {
		case "violent", "deadly", "bloody", "ugly", "lethal", "riotous":
			return true
		}
	}
	return false
}

// matchVerbTrigger: the trigger of a verb pattern is a verb, a noun or
// adjective tagged with a verb's XPOS, or a predicative adjective.
func matchVerbTrigger(sc *sentCtx, m *match) string {
	if len(m.p.Light) > 0 || m.p.Nominal || m.onset {
		// a light verb's noun, or an ordered act's (match.ordered-act),
		// or an act that broke out (match.onset-noun)
		return ""
	}
	i, up := m.trig, sc.upos(m.trig)
	predicativeAdj := up == "ADJ" && (sc.tree.ChildWith(i, "cop") >= 0 || sc.rel(i) == "xcomp")
	// a present-tense verb tagged as a plural noun ("the spokesman warns
	// that"): it has a subject or a clausal complement, and no copula
	verbalNoun := up == "NOUN" && sc.tree.ChildWith(i, "cop") < 0 && (sc.tree.ChildWith(i, "nsubj") >= 0 || sc.tree.ChildWith(i, "ccomp") >= 0)
	if up != "VERB" && !(up == "NOUN" && sc.s.Tokens[i].Head >= 0 && strings.HasPrefix(sc.s.Tokens[i].XPOS, "VB")) && !(up == "ADJ" && strings.HasPrefix(sc.s.Tokens[i].XPOS, "VB")) && !predicativeAdj && !verbalNoun {
		return "trigger is not a verb"
	}
	m.deps = sc.tree.Children(i)
	return ""
}

// matchParticle: the pattern's particle ("call~off") is the verb's
// particle, the word right after the verb, or the preposition of an
// oblique the parse made of it ("call on Chile").
func matchParticle(sc *sentCtx, m *match) string {
	p, i := m.p, m.trig
	if p.Particle == "" {
		return ""
	}
	for _, c := range sc.tree.Children(i) {
		r := sc.rel(c)
		if sc.lemmas[c] == p.Particle && (r == "compound:prt" || r == "advmod" || r == "case" || r == "mark") {
			return ""
		}
	}
	if i+1 < sc.n && sc.lemmas[i+1] == p.Particle {
		// the particle right after the verb, attached elsewhere by the parse
		switch sc.upos(i + 1) {
		case "ADP", "ADV", "PART":
			return ""
		}
	}
	if sc.tree.ChildWith(i, "obj") >= 0 {
		// a verb with an object of its own has its phrases beside it:
		// "have given notices in the upper house" is no "give in"
		return "no particle " + p.Particle
	}
	for _, c := range sc.tree.Children(i) {
		if nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == p.Particle && !sc.inDate(c) {
			// not a date: "called by the opposition on Monday" has no
			// particle "on"
			return ""
		}
	}
	return "no particle " + p.Particle
}

// inDate reports whether the phrase headed by token i is a date ("on
// Monday", "on 3 May", "tonight"). Only where the date is matters, not
// which day it is: an article without a date is read against a stand-in
// reference day, so that its relative dates ("yesterday", "on Thursday")
// are dates too.
func (sc *sentCtx) inDate(i int) bool {
	lo, hi := sc.subtreeBytes(i)
	t := &sc.s.Tokens[i]
	ref := sc.art.date
	if ref.IsZero() {
		ref = undatedReference
	}
	for _, d := range timex.Find(sc.art.text[lo:hi], ref) {
		if t.Start-lo >= d.Start && t.End-lo <= d.End {
			return true
		}
	}
	return false
}

// undatedReference is the stand-in reference day of inDate for an
// article without a date.
var undatedReference = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// matchRequire: every dependent the pattern requires is there.
func matchRequire(sc *sentCtx, m *match) string {
	for _, d := range m.p.Require {
		if sc.findDep(m, d.Rel, d.Prep, d.Lemmas) < 0 {
			return "no " + depString(d)
		}
	}
	return ""
}

// matchForbid: no dependent the pattern forbids is there ("strike" as a
// labour strike has no object).
func matchForbid(sc *sentCtx, m *match) string {
	for _, f := range m.p.Forbid {
		rel, prep := f, ""
		if !isRelName(f) {
			rel, prep = "", f
		}
		if sc.findDep(m, rel, prep, nil) >= 0 {
			return "has " + f
		}
	}
	for _, d := range m.p.ForbidWords {
		if sc.findDep(m, d.Rel, d.Prep, d.Lemmas) >= 0 {
			return "has " + depString(d)
		}
	}
	return ""
}

// matchAt tries pattern p at token i: the match, or the rule that failed
// and why.
func (sc *sentCtx) matchAt(p *dict.Pattern, i int) (*match, string, string) {
	m := &match{p: p, trig: i, clause: i, compl: -1}
	for _, r := range sc.c.rules.constraints {
		if why := r.fn(sc, m); why != "" {
			return nil, r.id, why
		}
	}
	return m, "", ""
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

// bestMatch returns the best pattern matching at token i, recording why
// the others did not match or lost.
func (sc *sentCtx) bestMatch(i int) *match {
	ps := sc.c.idx[sc.lemmas[i]]
	if len(ps) == 0 {
		return nil
	}
	for _, r := range sc.c.rules.tokens {
		if why := r.fn(sc, i); why != "" {
			if sc.rec != nil {
				for _, p := range ps {
					sc.decide(&match{p: p, trig: i, clause: i}, p.Code, dyad.VerdictNoMatch, r.id, why)
				}
			}
			return nil
		}
	}
	var best *match
	var matched []*match
	for _, p := range ps {
		m, rule, why := sc.matchAt(p, i)
		if m == nil {
			if sc.rec != nil {
				sc.decide(&match{p: p, trig: i, clause: i}, p.Code, dyad.VerdictNoMatch, rule, why)
			}
			continue
		}
		matched = append(matched, m)
		if best == nil || better(sc, m, best) {
			best = m
		}
	}
	if sc.rec != nil {
		for _, m := range matched {
			if m != best {
				sc.decide(m, m.p.Code, dyad.VerdictOutranked, ruleBest, "outranked by "+best.p.ID)
			}
		}
	}
	return best
}

// lightVerbOutranked: a light verb's own pattern is outranked by the
// pattern of the event noun that is its direct object ("seized control
// of the ship" is the taking of control, not a confiscation of
// "control"; ruleBest across the two words). byTok[v] is cleared.
func (sc *sentCtx) lightVerbOutranked(byTok []*match) {
	for i, m := range byTok {
		if m == nil || len(m.p.Light) == 0 || m.clause == i {
			continue
		}
		v := m.clause
		if v < 0 || v >= len(byTok) || byTok[v] == nil || len(byTok[v].p.Light) > 0 || sc.tree.Head(i) != v || !nlp.RelIs(sc.rel(i), "obj") {
			continue
		}
		if namesObject(byTok[v].p) {
			// the verb's pattern names the noun itself ("carry~out
			// obj=attack", "claim obj=responsibility"): it stands
			continue
		}
		if sc.rec != nil {
			sc.decide(byTok[v], byTok[v].p.Code, dyad.VerdictOutranked, ruleBest, "outranked by "+m.p.ID+" (its object names the act)")
		}
		byTok[v] = nil
	}
}

// namesObject reports whether p requires its object to be one of some
// words.
func namesObject(p *dict.Pattern) bool {
	for _, d := range p.Require {
		if d.Rel == "obj" && len(d.Lemmas) > 0 {
			return true
		}
	}
	return false
}

// codeRule refines the code of a plain event pattern's candidate: fn
// returns the new code, or "" to leave it.
type codeRule struct {
	id string
	fn func(sc *sentCtx, k *cand) string
}

// codeRules are the pattern's code refinements, applied in order, each to
// the code the previous left.
func codeRules() []codeRule {
	return []codeRule{
		{"match.refine", matchRefine},
		{"match.context", matchContext},
		{"match.military-strike", matchMilitaryStrike},
		{"match.mass-killing", matchMassKilling},
		{"match.armed-raid", matchArmedRaid},
		{"match.violent-protest", matchViolentProtest},
	}
}

// patternCode applies the code rules to candidate k.
func (sc *sentCtx) patternCode(k *cand) {
	for _, r := range sc.c.rules.codes {
		if c := r.fn(sc, k); c != "" {
			if c != k.code {
				k.step(r.id, k.code+" -> "+c)
			}
			k.code = c
		}
	}
}

// matchRefine: a more specific code by the words among the trigger's
// dependents, as the pattern's refine lists them ("military" aid -> 072).
func matchRefine(sc *sentCtx, k *cand) string {
	return sc.refine(k.match, k.code)
}

// matchContext: a pattern's context upgrade, when an earlier sentence of
// the article holds one of its words ("spoke" after "phone call" -> 041).
func matchContext(sc *sentCtx, k *cand) string {
	if k.p.Context == nil {
		return ""
	}
	for _, l := range k.p.Context.Lemmas {
		if sc.art.context[l] {
			return k.p.Context.Code
		}
	}
	return ""
}

// matchMilitaryStrike: a strike by a state, an army or an armed group, or
// with a weapon ("India carried out missile strikes", "its forces had
// struck"), is military force, not a labour strike: 190, or the weapon's
// code.
func matchMilitaryStrike(sc *sentCtx, k *cand) string {
	if !cameo.Under(k.code, cameo.CodeStrikeOrBoycott) || !sc.c.lex.militaryStrike[sc.lemmas[k.trig]] {
		return ""
	}
	if s, _ := sc.subjectOf(k.clause, 0); militaryActors(s) || sc.weaponNear(k.trig) {
		k.milStrike = true
		return sc.strikeCode(k.match)
	}
	return ""
}

// massKillingMin is the least number of victims killed en masse.
const massKillingMin = 30

// matchMassKilling: mass killing (202) is killing non-combatants en
// masse. A verb of killing, shooting or attacking whose victims are not
// counted en masse (the lexicon's mass_quantities, or a number of at least
// massKillingMin: "killed 300 villagers", "shot dozens of men") is the
// force that killed ("an air strike killed nine civilians" -> 195, "troops
// killed six protesters" -> 190), coded by the refinements of the
// trigger's pattern of military force, not 202. The lexicon's
// mass_killing_verbs (massacre) stay 202.
func matchMassKilling(sc *sentCtx, k *cand) string {
	if k.code != cameo.CodeMassKilling || sc.c.lex.massKillingVerbs[sc.lemmas[k.trig]] || sc.enMasse(k.match) {
		return ""
	}
	for _, p := range sc.c.idx[sc.lemmas[k.trig]] {
		if p.Code != cameo.CodeMilitaryForce || p.Nominal {
			continue
		}
		q := *p
		q.Refine = nil
		for _, rf := range p.Refine {
			if !cameo.MassViolence.Has(rf.Code) {
				q.Refine = append(q.Refine, rf)
			}
		}
		mm := *k.match
		mm.p = &q
		return sc.refine(&mm, cameo.CodeMilitaryForce)
	}
	return cameo.CodeMilitaryForce
}

// enMasse reports whether the victims of match m, its object or passive
// subject, are counted en masse.
func (sc *sentCtx) enMasse(m *match) bool {
	for _, d := range append(append([]int{}, m.deps...), sc.tree.Children(m.clause)...) {
		if r := sc.rel(d); !nlp.RelIs(r, "obj") && r != "nsubj:pass" {
			continue
		}
		f, l := sc.tree.Subtree(d)
		for j := f; j <= l; j++ {
			if sc.c.lex.massQuantities[sc.lemmas[j]] || sc.c.lex.massQuantities[strings.ToLower(sc.words[j])] {
				return true
			}
			if sc.upos(j) == "NUM" {
				if n, err := strconv.Atoi(strings.ReplaceAll(sc.words[j], ",", "")); err == nil && n >= massKillingMin {
					return true
				}
			}
		}
	}
	return false
}

// matchArmedRaid: a raid is an investigation (09x: "police raided the
// newspaper's offices") when the police, courts or government search; by
// soldiers, armed groups or gangs ("gangs raided police stations") it is
// force: 190, or the weapon's code. The trigger is a word the lexicon's
// event_anaphors say can name force (root 19).
func matchArmedRaid(sc *sentCtx, k *cand) string {
	if !cameo.Investigations.Has(k.code) || !slices.Contains(sc.c.lex.eventAnaphors[sc.lemmas[k.trig]], "19") {
		return ""
	}
	srcs, passive := sc.subjectOf(k.clause, 0)
	if passive || len(srcs) == 0 {
		return ""
	}
	for _, r := range srcs {
		switch r.actor.Role {
		case "MIL", "REB", "CRM":
		default:
			return ""
		}
	}
	return sc.strikeCode(k.match)
}

// matchViolentProtest: force used by protesters, activists, civilians or
// the opposition against the state's police, forces or government ("BNP
// activists attacked police", "protesters stoned the soldiers") is a
// violent protest (145), not military force or an assault.
func matchViolentProtest(sc *sentCtx, k *cand) string {
	if k.onset && cameo.Protests.Has(k.code) && sc.turnedViolent(k.clause) {
		// "the protest turned violent"
		return cameo.CodeViolentProtest
	}
	if !cameo.Force.Has(k.code) || cameo.MassViolence.Has(k.code) {
		return ""
	}
	srcs, passive := sc.subjectOf(k.clause, 0)
	if passive || len(srcs) == 0 {
		return ""
	}
	for _, r := range srcs {
		if r.actor.Role != "CVL" && r.actor.Role != "OPP" {
			return ""
		}
	}
	for _, r := range sc.targetOf(k.match, false) {
		switch r.actor.Role {
		case "COP", "MIL", "GOV":
			return cameo.CodeViolentProtest
		}
	}
	return ""
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
	// the weapon may be the subject: "warplanes struck", "artillery
	// pounded", "a suicide bomber struck" (1831)
	for _, d := range sc.tree.Children(m.clause) {
		if !nlp.RelIs(sc.rel(d), "nsubj") {
			continue
		}
		for _, rf := range m.p.Refine {
			if !cameo.Fights.Has(rf.Code) && !cameo.Under(rf.Code, "183") {
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
	for _, p := range sc.c.idx[sc.lemmas[m.trig]] {
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
