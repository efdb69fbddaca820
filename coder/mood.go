package coder

import (
	"strings"

	"github.com/dyad-events/dyad"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

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
	moodObliged
)

func (m mood) String() string {
	return [...]string{"asserted", "negated", "speculative", "hypothetical", "future", "negated future", "not asserted", "obligation"}[m]
}

// The mood stage decides whether an event's clause is asserted. It walks
// up from the clause to the root of the sentence; at each clause on the way
// the word rules look at its dependents (a negator, a modal, a hedge, a
// future auxiliary, "according to") and the link rules at how it hangs on
// its head (the complement of "expected to", of "said", of "believe").
// A rule either decides the mood outright (a modal: speculative), notes
// something and lets the walk go on (a negator, a future auxiliary, a
// reporter), or climbs to the head or stops the walk. The verdict rules
// then apply the mood to the candidate's code: a future commitment under
// root 03, a negated future as a refusal, anything not asserted dropped
// by the rule that found the mood.
//
// A new hedge, modal or negator is a word in the lexicon; a new
// construction that makes a clause unasserted is a word or link rule.

// The mood rules used outside the tables.
const (
	ruleWould           = "mood.would"
	ruleReportedWould   = "mood.reported-would"
	ruleNegatedReport   = "mood.negated-report"
	ruleLinearHedge     = "mood.linear-hedge"
	ruleMoodNegated     = "mood.negation"
	ruleMoodFutureTime  = "mood.future"
	ruleModal           = "mood.modal"
	ruleObligation      = "mood.obligation"
	ruleQuoteSpeaker    = "mood.quote-attribution"
	ruleQuoteContinues  = "mood.quote-continues"
	ruleObligationModal = "mood.obligation-modal"
)

// moodResult is the mood of a clause and the rule that found it.
type moodResult struct {
	mood mood
	why  string
	// rule found the mood ("" for an asserted clause).
	rule string
	// reporter is who reports the clause; reporterRule the rule that
	// found them.
	reporter     *actorRef
	reporterRule string
	// path lists the rules the walk went through that did not decide
	// (a future noted, a complement climbed), for the decision's steps.
	path []string
	// oblig is the appeal or demand a reported obligation makes of the
	// clause's subject (moodObliged).
	oblig dict.EmbedKind
	// claimed marks an act its own doer claims (mood.claimed-act).
	claimed bool
}

// moodWalk is the state of the walk up from a clause.
type moodWalk struct {
	v, cur           int
	fut, neg, would  bool
	futRule, negRule string
	reporter         *actorRef
	reporterRule     string
	// oblig is the appeal or demand an obligation on the clause makes
	// ("should", "must", "has to"), obligRule the rule that found it and
	// obligWord its word.
	oblig                dict.EmbedKind
	obligRule, obligWord string
	// done is set by a rule that decides the mood outright.
	done   bool
	result moodResult
	// path lists the rules that noted something or moved the walk.
	path []string
}

// note records that rule acted on the walk without deciding.
func (w *moodWalk) note(rule, what string) {
	w.path = append(w.path, rule+": "+what)
}

// decide ends the walk with mood m.
func (w *moodWalk) decide(m mood, why, rule string) {
	w.done, w.result = true, moodResult{mood: m, why: why, rule: rule}
}

// setReporter keeps the first reporter found.
func (w *moodWalk) setReporter(r actorRef, rule string) {
	w.reporter, w.reporterRule = &r, rule
}

// moodWordRule looks at dependent k of the clause the walk is at: fn
// reports whether the rule claims it (the next rules are not tried on
// it); it may decide the mood or note a negation, a future or a reporter.
type moodWordRule struct {
	id string
	fn func(sc *sentCtx, w *moodWalk, k int, id string) bool
}

// moodWordRules are the rules on a clause's dependents, in order.
func moodWordRules() []moodWordRule {
	return []moodWordRule{
		{ruleMoodNegated, moodNegation},
		{"mood.hedge-adverb", moodHedgeAdverb},
		{"mood.habit", moodHabit},
		{"mood.no-object", moodNoObject},
		{ruleObligationModal, moodObligationModal},
		{ruleModal, moodModal},
		{ruleMoodFutureTime, moodFutureAux},
		{ruleWould, moodWould},
		{"mood.conditional", moodConditional},
		{"mood.according-to", moodAccordingTo},
		{"mood.speech-aside", moodSpeechAside},
	}
}

// moodNegation: a negator ("not", "never") negates the clause.
func moodNegation(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if r := sc.rel(k); (r == "advmod" || r == "neg" || r == "aux") && sc.c.lex.negators[sc.lemmas[k]] {
		w.neg, w.negRule = true, id
		w.note(id, "negated by \""+sc.words[k]+"\"")
		return true
	}
	return false
}

// moodHedgeAdverb: a hedging adverb ("allegedly", "possibly") makes the
// clause speculative; "reportedly" is not one (the lexicon's hedge_adverbs):
// it reports the event as fact.
func moodHedgeAdverb(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) == "advmod" && sc.c.lex.hedgeAdverbs[sc.lemmas[k]] {
		w.decide(moodSpeculative, "hedge \""+sc.words[k]+"\"", id)
		return true
	}
	return false
}

// moodHabit: an adverb of habit on the event's own clause ("both sides
// routinely accuse each other") makes it a habit, not an event.
func moodHabit(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) == "advmod" && sc.c.lex.habit[sc.lemmas[k]] && w.cur == w.v {
		w.decide(moodUnasserted, "habitual \""+sc.words[k]+"\"", id)
		return true
	}
	return false
}

// moodNoObject: an object or passive subject with "no" negates the
// event's clause ("sent no troops", "no date has been set").
func moodNoObject(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if r := sc.rel(k); w.cur == w.v && (nlp.RelIs(r, "obj") || r == "nsubj:pass") && sc.hasDet(k, "no") {
		w.neg, w.negRule = true, id
		w.note(id, "negated by \"no "+sc.words[k]+"\"")
		return true
	}
	return false
}

// obligationKind is the act an obligation word makes of a reported
// clause: an appeal ("should", "need to"), a demand ("must", "have to"),
// or none.
func (sc *sentCtx) obligationKind(lemma string) dict.EmbedKind {
	switch {
	case sc.c.lex.demandModals[lemma]:
		return dict.EmbedDemand
	case sc.c.lex.appealModals[lemma]:
		return dict.EmbedAppeal
	}
	return dict.EmbedNone
}

// moodObligationModal: a modal of obligation on the event's own clause
// ("Eritrea must withdraw", "should release") is noted: when a speaker
// reports the clause it is the speaker's appeal or demand to its subject
// (mood.obligation); else the modal makes it speculative (mood.modal).
func moodObligationModal(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) != "aux" || w.cur != w.v || w.oblig != dict.EmbedNone || !sc.c.lex.modal[sc.lemmas[k]] {
		// (a modal: "has" of the perfect is no obligation)
		return false
	}
	return w.noteObligation(sc, k, id, "")
}

// noteObligation notes the obligation word at token k (with more, the
// words after it), when it is one.
func (w *moodWalk) noteObligation(sc *sentCtx, k int, id, more string) bool {
	kind := sc.obligationKind(sc.lemmas[k])
	if kind == dict.EmbedNone {
		return false
	}
	w.oblig, w.obligRule, w.obligWord = kind, id, sc.words[k]
	w.note(id, "obligation \""+sc.words[k]+more+"\"")
	return true
}

// moodModal: a modal auxiliary ("may", "could", "should") makes the
// clause speculative.
func moodModal(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) == "aux" && sc.c.lex.modal[sc.lemmas[k]] {
		w.decide(moodSpeculative, "modal \""+sc.words[k]+"\"", id)
		return true
	}
	return false
}

// moodFutureAux: an auxiliary of the future ("will") puts the clause in the
// future.
func moodFutureAux(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) == "aux" && sc.c.lex.future[sc.lemmas[k]] {
		w.fut, w.futRule = true, id
		w.note(id, "future \""+sc.words[k]+"\"")
		return true
	}
	return false
}

// moodWould: "would" makes the clause hypothetical, unless it is the future
// of reported speech ("said his fighters would free"): see the walk.
func moodWould(sc *sentCtx, w *moodWalk, k int, _ string) bool {
	if sc.rel(k) == "aux" && sc.c.lex.conditionalAux[sc.lemmas[k]] {
		w.would = true
		return true
	}
	return false
}

// moodConditional: a conditional subordinator ("if", "unless") on the
// event's clause or an adverbial clause on the way up makes it
// hypothetical.
func moodConditional(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) == "mark" && sc.c.lex.condMark[sc.lemmas[k]] && (sc.rel(w.cur) == "advcl" || w.cur == w.v) {
		w.decide(moodHypothetical, "conditional \""+sc.words[k]+"\"", id)
		return true
	}
	return false
}

// moodAccordingTo: "according to X" makes X the reporter. The class
// lists the words ("according to"), whose lemmas differ ("accord to").
func moodAccordingTo(sc *sentCtx, w *moodWalk, k int, id string) bool {
	if sc.rel(k) != "obl" || !sc.c.lex.attribution[sc.caseWords(k)] {
		return false
	}
	if rs := sc.actorsAt(k); len(rs) > 0 && w.reporter == nil {
		w.setReporter(rs[0], id)
	} else if rs := sc.npFallback(k); len(rs) > 0 && w.reporter == nil {
		w.setReporter(rs[0], id)
	} else {
		w.note(id, "attributed to \""+sc.words[k]+"\"")
	}
	return true
}

// caseWords is caseOf in the words as written, lower-cased: the
// lemmatiser makes "according to" "accord to".
func (sc *sentCtx) caseWords(i int) string {
	var parts []string
	for _, m := range sc.tree.CaseMarkers(i) {
		parts = append(parts, strings.ToLower(sc.words[m]))
	}
	return strings.Join(parts, " ")
}

// moodSpeechAside: a verb of saying hung beside the clause ("X, the
// minister said, ...") makes its subject the reporter.
func moodSpeechAside(sc *sentCtx, w *moodWalk, k int, id string) bool {
	r := sc.rel(k)
	if !((r == "parataxis" || r == "ccomp") && sc.c.lex.speech[sc.lemmas[k]] && k != w.v && !sc.tree.Dominates(k, w.v) && w.reporter == nil) {
		return false
	}
	if rs, _ := sc.subjectOwn(k); len(rs) > 0 {
		w.setReporter(rs[0], id)
	}
	return true
}

// linkAction says what the walk does after a link rule.
type linkAction int

const (
	linkNext  linkAction = iota // the rule does not apply: try the next
	linkClimb                   // go on to the head
	linkStop                    // the walk ends here
	linkDone                    // the rule decided the mood
)

// moodLinkRule looks at how the clause the walk is at hangs on its head p.
type moodLinkRule struct {
	id string
	fn func(sc *sentCtx, w *moodWalk, p int, id string) linkAction
}

// moodLinkRules are the rules on a clause's link to its head, in order;
// the first that applies decides.
func moodLinkRules() []moodLinkRule {
	return []moodLinkRule{
		{"mood.scheduled", moodScheduled},
		{"mood.aspect", moodAspect},
		{"mood.obligation-head", moodObligationHead},
		{"mood.unasserting-head", moodUnassertingHead},
		{"mood.infinitive", moodInfinitive},
		{"mood.denied-gerund", moodDeniedGerund},
		{"mood.pundit", moodPundit},
		{"mood.reported", moodReported},
		{"mood.claimed-act", moodClaimedAct},
		{"mood.alleged-content", moodAllegedContent},
		{"mood.belief", moodBelief},
		{"mood.predicate-complement", moodPredicateComplement},
		{"mood.clausal-complement", moodClausalComplement},
		{"mood.conjunct", moodConjunct},
		{"mood.quote", moodQuote},
		{"mood.persuaded", moodPersuaded},
		{"mood.purpose", moodPurpose},
		{"mood.before-present", moodBeforePresent},
		{"mood.adverbial", moodAdverbial},
		{"mood.noun-complement", moodNounComplement},
	}
}

// moodScheduled: the complement of a head of schedule ("is due to", "is
// set to") is a commitment in the future.
func moodScheduled(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) == "xcomp" && sc.c.lex.schedule[sc.lemmas[p]] {
		w.fut, w.futRule = true, id
		w.note(id, "scheduled by \""+sc.words[p]+"\"")
		return linkClimb
	}
	return linkNext
}

// moodAspect: the complement of an aspect head ("began to", "continued
// to") is asserted as the head is.
func moodAspect(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) == "xcomp" && sc.c.lex.aspect[sc.lemmas[p]] {
		w.note(id, "asserted as \""+sc.words[p]+"\" is")
		return linkClimb
	}
	return linkNext
}

// moodObligationHead: the infinitive of a head of obligation ("Eritrea
// needs to withdraw", "has to release") is noted as an obligation on the
// head's subject, as a modal is (mood.obligation-modal).
func moodObligationHead(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) != "xcomp" || w.cur != w.v || w.oblig != dict.EmbedNone || !sc.hasTo(w.cur) || !isVerbal(sc.upos(p)) {
		return linkNext
	}
	if !w.noteObligation(sc, p, id, " to") {
		return linkNext
	}
	return linkClimb
}

// moodUnassertingHead: the complement of a head that does not assert it
// ("expected to", "tried to", "urged to"; "have" only with "to") is not
// asserted.
func moodUnassertingHead(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	lp := sc.lemmas[p]
	if sc.rel(w.cur) == "xcomp" && sc.c.lex.unasserting[lp] && (!sc.c.lex.hedgeWithTo[lp] || sc.hasTo(w.cur)) {
		w.decide(moodUnasserted, "complement of \""+sc.words[p]+"\"", id)
		return linkDone
	}
	return linkNext
}

// moodInfinitive: any other open complement shares its head's mood.
func moodInfinitive(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) == "xcomp" {
		w.note(id, "as \""+sc.words[p]+"\" is")
		return linkClimb
	}
	return linkNext
}

// moodDeniedGerund: the gerund complement of a verb of denial ("denied
// supplying weapons") did not happen.
func moodDeniedGerund(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	r := sc.rel(w.cur)
	if (nlp.RelIs(r, "obj") || (r == "advcl" && !sc.hasAnyMark(w.cur))) && sc.c.lex.denial[sc.lemmas[p]] && strings.HasPrefix(sc.s.Tokens[w.cur].XPOS, "VBG") {
		w.decide(moodUnasserted, "complement of \""+sc.words[p]+"\"", id)
		return linkDone
	}
	return linkNext
}

// contentOf reports whether the walk's clause is the clausal complement or
// subject of its head.
func contentOf(sc *sentCtx, w *moodWalk) bool {
	r := sc.rel(w.cur)
	return r == "ccomp" || r == "csubj"
}

// moodPundit: what analysts or experts say is an assessment, not a
// report.
func moodPundit(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if !contentOf(sc, w) || !sc.c.lex.speech[sc.lemmas[p]] {
		return linkNext
	}
	if subj := sc.tree.ChildWith(p, "nsubj"); subj >= 0 && sc.c.lex.pundits[sc.lemmas[subj]] {
		w.decide(moodUnasserted, "assessment by \""+sc.words[subj]+"\"", id)
		return linkDone
	}
	return linkNext
}

// moodReported: what a verb of saying reports is coded, with the speaker
// as its reporter; unless the saying is negated (mood.negated-report).
// The walk ends at the report.
func moodReported(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if !contentOf(sc, w) || !sc.c.lex.speech[sc.lemmas[p]] {
		return linkNext
	}
	return reportedBy(sc, w, p, id, "reported by")
}

// reportedBy makes the speaker of verb p the walk's reporter and ends the
// walk at p: a negated report ("did not say that") leaves its content
// unasserted (mood.negated-report).
func reportedBy(sc *sentCtx, w *moodWalk, p int, id, how string) linkAction {
	if rs := sc.speakerOf(p); len(rs) > 0 && w.reporter == nil {
		w.setReporter(rs[0], id)
	}
	w.note(id, how+" \""+sc.words[p]+"\"")
	for _, k := range sc.tree.Children(p) {
		if sc.c.lex.negators[sc.lemmas[k]] && (sc.rel(k) == "advmod" || sc.rel(k) == "aux") {
			w.decide(moodUnasserted, "negated report", ruleNegatedReport)
			return linkDone
		}
	}
	return linkStop
}

// moodClaimedAct: what a verb of claiming ("the group claimed it shot an
// officer") says its own subject did is not asserted, but the claim is
// the doer's claim of responsibility (mood.claimed-responsibility): the
// complement's subject is a pronoun or the claimer itself.
func moodClaimedAct(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if !contentOf(sc, w) || !sc.c.lex.claimVerbs[sc.lemmas[p]] || w.cur != w.v {
		return linkNext
	}
	s := sc.tree.ChildWith(w.cur, "nsubj")
	if s < 0 {
		return linkNext
	}
	own := sc.c.lex.pronouns[sc.lemmas[s]] && !sc.c.lex.speakerPronouns[sc.lemmas[s]]
	if !own {
		claimers, _ := sc.subjectOwn(p)
		for _, a := range sc.actorsAt(s) {
			for _, b := range claimers {
				own = own || sameActor(a, b)
			}
		}
	}
	if !own {
		return linkNext
	}
	w.decide(moodUnasserted, "claimed by its doer (\""+sc.words[p]+"\")", id)
	w.result.claimed = true
	return linkDone
}

// speakerOf returns who speaks by verb of saying p: its subject, or for a
// verb coordinated without a subject of its own that of the verb it is
// coordinated with ("Kenya said it had closed the border and said Somalia
// must withdraw").
func (sc *sentCtx) speakerOf(p int) []actorRef {
	rs, own := sc.subjectOwn(p)
	if q := sc.tree.Head(p); len(rs) == 0 && !own && q >= 0 && sc.rel(p) == "advcl" && sc.tree.ChildWith(q, "aux:pass") >= 0 && sc.c.lex.speech[sc.lemmas[q]] {
		// "was quoted as saying that ...": who was quoted
		p = q
	}
	if len(rs) == 0 && !own && sc.tree.ChildWith(p, "aux:pass") >= 0 {
		// "the envoy was quoted as saying", "was
		// cited as saying": the passive subject of a verb of saying is who
		// spoke, not the agency that quotes them
		if s := sc.tree.ChildWith(p, "nsubj:pass"); s >= 0 {
			if rs = sc.actorsAt(s); len(rs) == 0 {
				rs = sc.npFallback(s)
			}
		}
	}
	if len(rs) == 0 && !own && sc.rel(p) == "conj" {
		if h := sc.tree.Head(p); h >= 0 && isVerbal(sc.upos(h)) {
			rs, _ = sc.subjectOwn(h)
		}
	}
	return rs
}

// moodAllegedContent: words of blame or condemnation a speaker claims or
// alleges of another actor ("the minister claimed Moscow was behind the
// fires", "alleged that the raids were illegal") are the speaker's
// accusation, whether or not what is alleged is true: the verb of
// allegation reports the content predicate (complement.content-blame,
// .content-criticism) as a verb of saying does. Any other complement of
// such a verb is a belief (mood.belief).
func moodAllegedContent(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if !contentOf(sc, w) || w.cur != w.v || !sc.c.lex.allegation[sc.lemmas[p]] || !isVerbal(sc.upos(p)) {
		return linkNext
	}
	content := false
	for _, r := range contentRuleTable {
		content = content || r.fn(sc, w.v)
	}
	if !content {
		return linkNext
	}
	return reportedBy(sc, w, p, id, "alleged by")
}

// moodBelief: the complement of a verb of belief or estimate is not
// asserted.
func moodBelief(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if contentOf(sc, w) && sc.c.lex.belief[sc.lemmas[p]] {
		w.decide(moodUnasserted, "belief or estimate (\""+sc.words[p]+"\")", id)
		return linkDone
	}
	return linkNext
}

// moodPredicateComplement: the complement of a predicate adjective or noun
// ("it is unclear whether ...") is not asserted; a bare one at the root
// ("German [Chancellor ... travelled]") is a parse error and ends the walk.
func moodPredicateComplement(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if !contentOf(sc, w) || isVerbal(sc.upos(p)) {
		return linkNext
	}
	if sc.cleft(p) && sc.hasMark(w.cur, "that") {
		w.note(ruleCleft, "a cleft (\"it was the first time that ...\"): asserted")
		return linkStop
	}
	if sc.tree.ChildWith(p, "cop") >= 0 || sc.tree.ChildWith(p, "nsubj") >= 0 || sc.tree.ChildWith(p, "expl") >= 0 || sc.tree.Head(p) >= 0 {
		w.decide(moodUnasserted, "complement of \""+sc.words[p]+"\"", id)
		return linkDone
	}
	w.note(id, "a bare predicate \""+sc.words[p]+"\" at the root: a parse error")
	return linkStop
}

// moodClausalComplement: the complement of any other verb shares its mood.
func moodClausalComplement(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if contentOf(sc, w) {
		w.note(id, "as \""+sc.words[p]+"\" is")
		return linkClimb
	}
	return linkNext
}

// moodConjunct: a conjunct without its own auxiliary or subject shares the
// mood of the clause it is coordinated with; one with its own is asserted
// on its own.
func moodConjunct(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) != "conj" {
		return linkNext
	}
	if !sc.hasOwnAux(w.cur) {
		w.note(id, "as \""+sc.words[p]+"\" is")
		return linkClimb
	}
	if sc.hasMarkUPOS(w.cur, "that", "SCONJ") {
		// "said that A, and that B": a second content clause of the
		// same report, hung on the first or on the verb of saying
		if sc.c.lex.speech[sc.lemmas[p]] {
			if rs := sc.speakerOf(p); len(rs) > 0 && w.reporter == nil {
				w.setReporter(rs[0], id)
			}
			w.note(id, "a content clause of \""+sc.words[p]+"\"")
			return linkStop
		}
		w.note(id, "a content clause coordinated with \""+sc.words[p]+"\"")
		return linkClimb
	}
	if h := sc.tree.Head(p); h >= 0 && sc.rel(p) == "ccomp" && sc.c.lex.speech[sc.lemmas[h]] && sc.tree.ChildWith(w.cur, "nsubj") < 0 {
		// "said the bloc would watch closely and would look at ...": a
		// second verb of the reported subject, with its own auxiliary,
		// is reported as the first is
		w.note(id, "a second verb of the content of \""+sc.words[h]+"\"")
		return linkClimb
	}
	w.note(id, "a conjunct with its own auxiliary or subject")
	return linkStop
}

// moodQuote: a quotation before "..., the minister said" is reported by
// the speaker (the parse hangs it on the verb of saying as an adverbial,
// parataxis, discourse or bare dependent).
func moodQuote(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if r := sc.rel(w.cur); (r != "advcl" && r != "parataxis" && r != "discourse" && r != "dep") || !sc.c.lex.speech[sc.lemmas[p]] || w.cur >= p {
		return linkNext
	}
	if rs := sc.speakerOf(p); len(rs) > 0 && w.reporter == nil {
		w.setReporter(rs[0], id)
	}
	w.note(id, "a quotation before \""+sc.words[p]+"\"")
	return linkStop
}

// moodPersuaded: the infinitive after the object of a verb of pressing
// or persuading ("spent weeks pushing the cabinet to deport the activist",
// "lobbied Ottawa to drop the duties") is what the speaker presses for,
// not an act that happened, also when the parse takes it for a purpose.
func moodPersuaded(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) != "advcl" || !sc.hasMark(w.cur, "to") || sc.tree.ChildWith(w.cur, "nsubj") >= 0 || !sc.c.lex.persuasion[sc.lemmas[p]] {
		return linkNext
	}
	if o := sc.tree.ChildWith(p, "obj"); o < 0 || o > w.cur {
		return linkNext
	}
	w.decide(moodUnasserted, "pressed for by \""+sc.words[p]+"\"", id)
	return linkDone
}

// moodPurpose: a purpose infinitive ("will meet to discuss") shares the
// mood of the clause it completes.
func moodPurpose(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) == "advcl" && sc.hasMark(w.cur, "to") && sc.tree.ChildWith(w.cur, "nsubj") < 0 {
		w.note(id, "the purpose of \""+sc.words[p]+"\"")
		return linkClimb
	}
	return linkNext
}

// moodBeforePresent: a present tense after "before" or "until" ("comes a
// day before the president heads to Beijing") is still to happen.
func moodBeforePresent(sc *sentCtx, w *moodWalk, _ int, id string) linkAction {
	x := sc.s.Tokens[w.cur].XPOS
	if sc.rel(w.cur) == "advcl" && sc.beforeClause(w.cur) && (x == "VBZ" || x == "VBP") && sc.tree.ChildWith(w.cur, "aux") < 0 {
		w.fut, w.futRule = true, id
		w.note(id, "a present after \"before\" is still to come")
		return linkStop
	}
	return linkNext
}

// moodAdverbial: other temporal or causal clauses are asserted on their
// own.
func moodAdverbial(sc *sentCtx, w *moodWalk, _ int, id string) linkAction {
	if sc.rel(w.cur) == "advcl" {
		w.note(id, "an adverbial clause, asserted on its own")
		return linkStop
	}
	return linkNext
}

// moodNounComplement: a that-clause that completes a noun ("the fact
// that ...", "reports that ...") is background, not a new event.
func moodNounComplement(sc *sentCtx, w *moodWalk, p int, id string) linkAction {
	if sc.rel(w.cur) == "acl" && sc.hasMark(w.cur, "that") && !isVerbal(sc.upos(p)) {
		if sc.cleft(p) {
			w.note(ruleCleft, "a cleft (\"it was the fourth month that ...\"): asserted")
			return linkStop
		}
		w.decide(moodUnasserted, "complement of the noun \""+sc.words[p]+"\"", id)
		return linkDone
	}
	return linkNext
}

// ruleCleft: the that-clause of a cleft is asserted (mood.noun-complement
// passes it).
const ruleCleft = "mood.cleft"

// cleft reports whether noun p is the focus of a cleft: "it", a copula
// and an ordinal (lexicon cleft_ordinals) on the noun ("It was the fourth
// month in succession that the bloc vetoed the package", "it is the first
// time that ..."); "it is a possibility that" is none.
func (sc *sentCtx) cleft(p int) bool {
	if !isNominal(sc.upos(p)) || sc.tree.ChildWith(p, "cop") < 0 {
		return false
	}
	it, ordinal := false, false
	for _, k := range sc.tree.Children(p) {
		r := sc.rel(k)
		if (r == "expl" || nlp.RelIs(r, "nsubj")) && sc.lemmas[k] == "it" {
			it = true
		}
		if (r == "amod" || r == "nummod") && sc.c.lex.ordinals[sc.lemmas[k]] {
			ordinal = true
		}
	}
	return it && ordinal
}

// mood finds whether the clause headed by v is asserted, and who reports
// it.
func (sc *sentCtx) mood(v int) moodResult {
	w := &moodWalk{v: v, cur: v}
walk:
	for steps := 0; w.cur >= 0 && steps < 12; steps++ {
		w.would = false
		for _, k := range sc.tree.Children(w.cur) {
			for _, r := range sc.c.rules.moodWords {
				if r.fn(sc, w, k, r.id) {
					break
				}
			}
			if w.done {
				return w.result
			}
		}
		if w.would {
			if !sc.underSpeech(w.cur) {
				return moodResult{mood: moodHypothetical, why: "\"would\"", rule: ruleWould}
			}
			w.fut, w.futRule = true, ruleReportedWould
			w.note(ruleReportedWould, "the future of reported speech")
		}
		p := sc.tree.Head(w.cur)
		if p < 0 || sc.rel(w.cur) == "root" {
			break
		}
		for _, r := range sc.c.rules.moodLinks {
			switch r.fn(sc, w, p, r.id) {
			case linkNext:
				continue
			case linkClimb:
				w.cur = p
				continue walk
			case linkDone:
				return w.result
			}
			break walk
		}
		break
	}
	if w.reporter == nil && sc.art.quoteSpeaker != nil {
		// mood.quote-attribution: a quotation the next sentence
		// attributes is reported by its speaker
		w.setReporter(*sc.art.quoteSpeaker, ruleQuoteSpeaker)
	} else if w.reporter == nil && sc.art.speaker != nil && sc.inQuote() {
		// mood.quote-continues: a quotation that goes on from the
		// sentence before without an attribution of its own is
		// reported by the speaker remembered there (memory.speaker)
		if _, own := sc.speaker(); !own {
			w.setReporter(recalled(*sc.art.speaker), ruleQuoteContinues)
		}
	}
	if h := sc.linearHedge(v); h >= 0 {
		return moodResult{mood: moodUnasserted, why: "belief or estimate (\"" + sc.words[h] + "\")", rule: ruleLinearHedge}
	}
	res := moodResult{reporter: w.reporter, reporterRule: w.reporterRule, path: w.path}
	if w.oblig != dict.EmbedNone {
		if w.reporter == nil || w.neg || w.fut {
			// an obligation no one reports, or a negated one: only a
			// possibility
			return moodResult{mood: moodSpeculative, why: "modal \"" + w.obligWord + "\"", rule: ruleModal}
		}
		res.mood, res.rule, res.oblig = moodObliged, w.obligRule, w.oblig
		return res
	}
	switch {
	case w.neg && w.fut:
		res.mood, res.rule = moodNegFuture, w.negRule
	case w.neg:
		res.mood, res.why, res.rule = moodNegated, "negation", w.negRule
	case w.fut:
		res.mood, res.rule = moodFuture, w.futRule
	}
	return res
}

// moodVerdictRule applies the clause's mood to candidate k: fn reports
// whether the rule applies, and why it suppresses the candidate ("" to
// keep it, perhaps with a new code). A candidate no rule applies to is
// suppressed by the rule that found its mood.
type moodVerdictRule struct {
	id string
	fn func(sc *sentCtx, k *cand, id string) (bool, string)
}

// moodVerdictRules are the verdicts, in order; the first that applies
// decides.
func moodVerdictRules() []moodVerdictRule {
	return []moodVerdictRule{
		{"mood.claimed-responsibility", moodClaimedResponsibility},
		{"mood.threatened-act", moodThreatenedAct},
		{"mood.reported-content", moodReportedContent},
		{ruleObligation, moodObligation},
		{"mood.refused-willingness", moodRefusedWillingness},
		{"mood.negated-intent", moodNegatedIntent},
		{"mood.commitment", moodCommitment},
		{"mood.announced-complaint", moodAnnouncedComplaint},
		{"mood.predicted", moodPredicted},
		{"mood.refusal", moodRefusal},
		{"mood.negated-future", moodNegatedFuture},
		{"mood.asserted", moodAssertedVerdict},
	}
}

// moodObligation: an obligation a speaker reports on another actor ("the
// minister said Eritrea must withdraw", "Y should release the
// prisoners") is the speaker's demand or appeal to that actor, coded as
// the act under that mode (0256, 1056, 0253): the speaker is the source,
// the clause's subject the target. An obligation on the speaker's own
// side, in a passive clause, on an embedding, or with no appeal or demand
// in the codebook for its act, stays unasserted.
func moodObligation(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.md.mood != moodObliged {
		return false, ""
	}
	why := func(s string) (bool, string) { return true, "an obligation " + s }
	if k.kind != dict.EmbedNone {
		return why("on an embedded act")
	}
	c := sc.c.embedCode(k.md.oblig, k.code)
	if k.p == contentObligationPattern {
		// an act no pattern codes: the appeal or demand itself
		c = cameo.CodeAppeal
		if k.md.oblig == dict.EmbedDemand {
			c = cameo.CodeDemand
		}
	}
	if c == "" {
		return why("with no appeal or demand for its act")
	}
	res := sc.subject(k.clause, 0)
	refs := res.refs
	if res.passive {
		// "the captives must be freed by Lima", "the captives Lima holds
		// need to be freed": the obligation is on the agent
		refs = sc.obligedAgents(k.clause, len(res.refs) > 0)
	}
	if len(refs) == 0 {
		return why("on no actor")
	}
	var to []actorRef
	for _, r := range refs {
		if k.p == contentObligationPattern && r.actor.Role == "CVL" {
			// "farmers should plant earlier": advice to the public,
			// not an appeal to a party
			continue
		}
		if !sameActor(r, *k.md.reporter) && r.actor.Code != "" {
			to = append(to, r)
		}
	}
	if len(to) == 0 {
		return why("on the speaker's own side")
	}
	k.step(id, k.code+" -> "+c+": asked of the clause's subject by "+k.md.reporter.actor.Code)
	k.code, k.addressees, k.addresseeRule = c, to, id
	return true, ""
}

// moodClaimedResponsibility: force or violence its doer claims to have
// used (mood.claimed-act) is coded as the claim of responsibility (015),
// not as the act.
func moodClaimedResponsibility(_ *sentCtx, k *cand, id string) (bool, string) {
	if !k.md.claimed || k.kind != dict.EmbedNone || !cameo.PhysicalConflict.Has(k.code) {
		return false, ""
	}
	k.step(k.md.rule, k.md.why)
	k.step(id, k.code+" -> "+cameo.CodeAcknowledge+": the doer claims it")
	k.code = cameo.CodeAcknowledge
	return true, ""
}

// moodThreatenedAct: protest or force a speaker says will happen ("'our
// demonstrations will continue,' the party said", "its raids will
// intensify") is the speaker's threat (13x, the act's threat code): the
// source is the speaker (or the speaker's side the noun names: "our");
// the target is found as for the act. An act no speaker reports, not in
// the future, another actor's ("the rebels' attacks will go on, the army
// said"), or one an organisation or the press foresees, is none.
func moodThreatenedAct(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.content != ruleContentThreat {
		return false, ""
	}
	if k.md.mood == moodFuture && k.md.reporter == nil && k.p == contentMeasuresPattern {
		// "the bloc would look at further measures, she said": the
		// party that says it will take them, named as their taker,
		// threatens them
		if rs := sc.speakerOf(k.clause); len(rs) > 0 && rs[0].actor.Code != "" {
			k.md.reporter = &rs[0]
		}
	}
	if k.md.mood != moodFuture || k.md.reporter == nil {
		return true, "an act only said to happen"
	}
	c := sc.c.cb.Parallel(cameo.ModeThreat, k.code)
	if retaliatory(k.p) {
		// a threat of retaliation or of further measures: a threat already
		c = k.code
	}
	if c == "" {
		return true, "an act with no threat code"
	}
	rep := *k.md.reporter
	if (transnational(rep.actor.Code) && k.p != contentMeasuresPattern) || rep.actor.Role == "MED" {
		// an organisation or the press that says attacks will go on
		// foresees them; it threatens no one
		return true, "an act foreseen by an observer"
	}
	var doers []actorRef
	if !retaliatory(k.p) {
		doers = sc.npFallback(k.trig)
	} else if p := sc.tree.ChildWith(k.trig, "nmod:poss"); p >= 0 {
		// "our response": a retaliation's "for" phrase is its target
		doers = sc.actorsAt(p)
	}
	for _, c := range sc.tree.Children(k.trig) {
		// "the rebel attacks": a doer named by an agent the actor
		// stage gives no country
		if r := sc.rel(c); r != "amod" && r != "compound" {
			continue
		}
		if mm, ok := sc.mentionAt(c); ok && mm.Actor.Role != "" && mm.Actor.Role != rep.actor.Role {
			return true, "another actor's act foreseen"
		}
	}
	for _, d := range doers {
		if d.actor.Code != "" && !sameActor(d, rep) && d.actor.Code != rep.actor.Code {
			// "the rebels' attacks will go on, the army said": foreseen,
			// not threatened
			return true, "another actor's act foreseen"
		}
	}
	srcs := doers
	if len(srcs) == 0 {
		srcs = []actorRef{rep}
	}
	k.step(id, k.code+" -> "+c+": threatened by "+srcs[0].actor.Code)
	k.code, k.srcs, k.srcRule = c, srcs, id
	return true, ""
}

// moodReportedContent: what a speaker says of another actor in words of
// blame or condemnation (complement.content-blame, .content-criticism:
// "the minister said X was behind the attack", "'X's raids are
// illegal,' she said") is the speaker's accusation or criticism of that
// actor: the speaker is the source, the predicate's subject the target.
// Unreported, it is the writer's assessment; negated, hedged or in the
// future it is no act; said of the speaker's own side, or of a state only
// as the place of what is judged ("the situation in Lebanon is
// dangerous"), it is none either. A verdict on a demonstrative subject
// ("'this is a travesty,' the envoy said", "such intimidation is
// intolerable") judges the act told before: it is aimed at whoever last
// acted against the speaker's side, else at the party of the speaker's
// own last act; with neither in the article it is none.
func moodReportedContent(sc *sentCtx, k *cand, id string) (bool, string) {
	if !isContent(k.p) {
		return false, ""
	}
	if k.md.mood != moodAsserted {
		return true, k.md.mood.String() + ": " + k.md.why
	}
	if k.md.reporter == nil {
		return true, "an assessment no speaker reports"
	}
	refs := sc.contentActors(sc.contentSubject(k.clause))
	var to []actorRef
	for _, r := range refs {
		if r.place || r.rule == rulePlaceModifier || r.rule == ruleEventPlace {
			// "the situation in Lebanon is dangerous": where, not whose
			continue
		}
		if r.actor.Code != "" && !sameActor(r, *k.md.reporter) {
			to = append(to, r)
		}
	}
	if len(to) == 0 && sc.demonstrativeSubject(sc.contentSubject(k.clause)) {
		// "'this is a travesty,' the envoy said": the act the article
		// told last against the speaker's side is what is judged, and its
		// doer the one criticised; else the party of the speaker's own
		// last act ("X slapped tariffs on Y ... 'this is blackmail,' Y's
		// minister said" when only Y's answer was told)
		if r, ok := sc.art.opposingParty([]actorRef{*k.md.reporter}); ok {
			r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, id, false
			to = []actorRef{recalled(r)}
		}
	}
	if len(to) == 0 {
		return true, "said of no other actor"
	}
	k.step(id, "said by "+k.md.reporter.actor.Code+" of "+to[0].actor.Code)
	k.addressees, k.addresseeRule = to, id
	return true, ""
}

// demonstrativeSubject reports whether s, the subject of a content
// predicate, only points back at something told before: a demonstrative
// pronoun ("this is unacceptable", "that was a provocation") or a noun
// under a demonstrative determiner ("this incident", "such moves", the
// parse's "such" an adjective too), not
// "the" (a description of its own: "the situation is dangerous").
func (sc *sentCtx) demonstrativeSubject(s int) bool {
	if s < 0 {
		return false
	}
	demo := func(t int) bool { l := sc.lemmas[t]; return l != "the" && sc.c.lex.definite[l] }
	if sc.upos(s) == "PRON" || sc.upos(s) == "DET" {
		return demo(s)
	}
	for _, k := range sc.tree.Children(s) {
		if r := sc.rel(k); (r == "det" || r == "amod") && demo(k) {
			return true
		}
	}
	return false
}

// ownSide reports whether noun or pronoun p names the side of speaker
// rep: the state or organisation of rep's code itself (or its
// government), or "we"/"us" (first person plural).
func (sc *sentCtx) ownSide(p int, rep actorRef) bool {
	if l := sc.lemmas[p]; sc.upos(p) == "PRON" && (l == "we" || l == "us") {
		return true
	}
	// the state or organisation itself, not some of its people ("foreign
	// firms would not be harassed")
	rs := sc.actorsAt(p)
	return len(rs) > 0 && rs[0].actor.Code == rep.actor.Code && (rs[0].actor.Role == "" || rs[0].actor.Role == "GOV")
}

// codeRefuseYield: refuse to yield (124).
const codeRefuseYield = "124"

// negatedIntent reports whether an intent or willingness is negated: its
// clause, or for a noun of willingness its own determiner ("little
// willingness").
func (sc *sentCtx) negatedIntent(k *cand) bool {
	return k.md.mood == moodNegated || k.md.mood == moodNegFuture || (k.kind == dict.EmbedCarrier && sc.carrierNegated(k.trig))
}

// moodRefusedWillingness: a negated willingness ("showed no willingness to
// withdraw") is a refusal of the act (1246).
func moodRefusedWillingness(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.kind != dict.EmbedCarrier || !sc.negatedIntent(k) {
		return false, ""
	}
	c := sc.c.embedCode(dict.EmbedRefuse, k.embCode)
	if c == "" {
		return false, ""
	}
	k.step(id, k.code+" -> "+c)
	k.code = c
	return true, ""
}

// moodNegatedIntent: a negated pledge or agreement is no event.
func moodNegatedIntent(sc *sentCtx, k *cand, _ string) (bool, string) {
	if isIntent(k.kind) && sc.negatedIntent(k) {
		return true, "negated intent"
	}
	return false, ""
}

// moodCommitment: cooperation stated in the future ("will send aid") is a
// commitment under root 03, force a threat under root 13; an intent stays
// itself.
func moodCommitment(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.md.mood != moodFuture {
		return false, ""
	}
	if isIntent(k.kind) {
		return true, ""
	}
	if k.kind != dict.EmbedNone {
		return false, ""
	}
	c := sc.c.futureCode(k.code)
	if c == "" {
		return false, ""
	}
	if c != k.code {
		k.step(id, k.code+" -> "+c)
	}
	k.code = c
	return true, ""
}

// moodAnnouncedComplaint: an official complaint in the future ("will
// summon the ambassador", "would lodge a protest") is made by announcing
// it: a state that says it will protest has protested (114), unlike a
// material act, whose announcement is a commitment.
func moodAnnouncedComplaint(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.kind != dict.EmbedNone || k.md.mood != moodFuture || !strings.HasPrefix(k.code, cameo.CodeComplainOfficially) {
		return false, ""
	}
	k.step(id, "announced complaint "+k.code)
	return true, ""
}

// moodPredicted: any other event in the future is only predicted.
func moodPredicted(sc *sentCtx, k *cand, _ string) (bool, string) {
	if k.kind == dict.EmbedNone && k.md.mood == moodFuture {
		return true, "future event that is only predicted"
	}
	return false, ""
}

// moodRefusal: cooperation negated in the future ("will not withdraw") is a
// refusal under root 12; force negated in the future ("would not open
// fire") an intent to de-escalate (0356).
//
// Coercion negated in the future with the speaker's own side as its
// patient ("'we will not be blackmailed,' the minister said", "X said
// the alliance would not be intimidated") is the speaker's refusal to
// yield (124) to the coercer: the passive's agent, else the party of the
// article's last act against (or by) the speaker's side
// (art.opposingParty); with none it is no event.
func moodRefusal(sc *sentCtx, k *cand, id string) (bool, string) {
	if k.kind != dict.EmbedNone || k.md.mood != moodNegFuture {
		return false, ""
	}
	if strings.HasPrefix(k.code, "17") && k.md.reporter != nil {
		if pat := sc.tree.ChildWith(k.clause, "nsubj:pass"); pat >= 0 && sc.ownSide(pat, *k.md.reporter) {
			var to []actorRef
			if a := sc.byAgent(k.clause); a >= 0 {
				to = sc.actorsAt(a)
			} else if r, ok := sc.art.opposingParty([]actorRef{*k.md.reporter}); ok {
				r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, id, false
				to = []actorRef{recalled(r)}
			}
			if len(to) == 0 || to[0].actor.Code == "" || to[0].actor.Code == k.md.reporter.actor.Code {
				return false, ""
			}
			k.step(id, k.code+" -> "+codeRefuseYield+": the speaker's side will not yield to "+to[0].actor.Code)
			k.code, k.addressees, k.addresseeRule = codeRefuseYield, to, id
			return true, ""
		}
	}
	c := sc.c.negFutureCode(k.code)
	if c == "" {
		return false, ""
	}
	k.step(id, k.code+" -> "+c)
	k.code = c
	return true, ""
}

// moodNegatedFuture: any other negated future is no event.
func moodNegatedFuture(_ *sentCtx, k *cand, _ string) (bool, string) {
	if k.kind == dict.EmbedNone && k.md.mood == moodNegFuture {
		return true, "negated future"
	}
	return false, ""
}

// moodAssertedVerdict: an asserted clause is coded.
func moodAssertedVerdict(_ *sentCtx, k *cand, _ string) (bool, string) {
	return k.md.mood == moodAsserted, ""
}

// applyMood applies the verdict rules to candidate k: the rule and why
// when it is suppressed, else "" and "".
func (sc *sentCtx) applyMood(k *cand) (string, string) {
	if sc.rec != nil {
		k.steps = append(k.steps, k.md.path...)
		if k.md.reporter != nil {
			k.step(k.md.reporterRule, "reported by "+k.md.reporter.actor.Code)
		}
	}
	for _, r := range sc.c.rules.moodVerdicts {
		if ok, why := r.fn(sc, k, r.id); ok {
			return r.id, why
		}
	}
	return k.md.rule, k.md.mood.String() + ": " + k.md.why
}

// underSpeech reports whether v is (inside) the complement of a verb of
// saying: "said his fighters would free" is future in the past.
func (sc *sentCtx) underSpeech(v int) bool {
	cur := v
	for steps := 0; cur >= 0 && steps < 8; steps++ {
		p := sc.tree.Head(cur)
		if p < 0 {
			return false
		}
		if r := sc.rel(cur); (r == "ccomp" || r == "parataxis") && (sc.c.lex.speech[sc.lemmas[p]] || sc.c.lex.futureSpeech[sc.lemmas[p]]) {
			return true
		}
		for _, k := range sc.tree.Children(cur) {
			if (sc.rel(k) == "parataxis") && sc.c.lex.speech[sc.lemmas[k]] {
				return true
			}
		}
		cur = p
	}
	return false
}

// linearHedge finds a verb of belief or estimate before v whose clause the
// parse failed to connect to v ("Observers believe the conversation may
// have ..."), or hung on v as an unmarked adverbial with its own subject:
// -1 when none, or when v otherwise governs it.
func (sc *sentCtx) linearHedge(v int) int {
	for j := v - 1; j >= 0; j-- {
		l := sc.lemmas[j]
		if l == ";" || (sc.upos(j) == "PUNCT" && (l == ":" || l == "--")) {
			return -1
		}
		if sc.upos(j) != "VERB" || !sc.c.lex.strongBelief[l] {
			continue
		}
		if sc.tree.Head(j) == v && sc.rel(j) == "advcl" && !sc.hasAnyMark(j) && sc.tree.ChildWith(j, "nsubj") >= 0 {
			// "Diplomats suspect, in private, Rwanda armed ...": the
			// parse hung the believing clause on its own content as an
			// unmarked adverbial
			return j
		}
		if sc.tree.Dominates(v, j) || sc.tree.Dominates(j, v) {
			// v governs the hedge, or the tree already links them (and
			// mood has walked that path)
			return -1
		}
		return j
	}
	return -1
}

// beforeClause reports whether clause v opens with "before" or "until", as
// its mark or as a word before its subject that the parse hung elsewhere.
func (sc *sentCtx) beforeClause(v int) bool {
	if sc.hasMarkIn(v, sc.c.lex.futureBoundMarkers) {
		return true
	}
	for j := v - 1; j >= 0 && j >= v-6; j-- {
		switch {
		case sc.c.lex.futureBoundMarkers[sc.lemmas[j]]:
			return true
		case isVerbal(sc.upos(j)) || sc.upos(j) == "PUNCT" || sc.upos(j) == "SCONJ":
			return false
		}
	}
	return false
}

// futureCode codes an event stated in the future ("will send aid"): a
// commitment under root 03 for cooperation, a threat under root 13 for
// hostile acts; "" for acts that a future tense only predicts.
func (c *Coder) futureCode(code string) string {
	switch {
	case cameo.Intents.Has(code):
		return code
	case cameo.CooperativeActs.Has(code):
		return c.cb.Parallel(cameo.ModeIntent, code)
	case cameo.HostileActs.Has(code):
		return c.cb.Parallel(cameo.ModeThreat, code)
	}
	return ""
}

// negFutureCode codes a negated future ("will not withdraw"): a refusal
// under root 12 for cooperation; for force, an intent to de-escalate
// ("would not open fire" -> 0356).
func (c *Coder) negFutureCode(code string) string {
	switch {
	case cameo.CooperativeActs.Has(code):
		return c.cb.Parallel(cameo.ModeRefusal, code)
	case cameo.Force.Has(code):
		return cameo.CodeIntentToDeescalate
	}
	return ""
}

// obligedAgents returns who a passive obligation on clause v is on: the
// clause's own agent ("must be freed by Lima"; agent reports whether the
// clause has one), else the agent of a participle on its subject ("the
// captives held by Lima need to be freed"), else, when the subject is an
// act, who its modifier names as doing it ("the Russian raids must be
// stopped"; not "the Russian captives must be freed").
func (sc *sentCtx) obligedAgents(v int, agent bool) []actorRef {
	if a := sc.byAgent(v); a >= 0 && agent {
		return sc.actorsAt(a)
	}
	s := sc.tree.ChildWith(v, "nsubj:pass")
	if s < 0 {
		return nil
	}
	for _, c := range sc.tree.Children(s) {
		if sc.rel(c) != "acl" {
			continue
		}
		if a := sc.byAgent(c); a >= 0 {
			return sc.actorsAt(a)
		}
	}
	w := strings.ToLower(sc.words[s])
	if sc.harm(s) || sc.c.lex.conductNouns[sc.lemmas[s]] || (strings.HasSuffix(w, "ing") && sc.verbTrigger(sc.lemmas[s])) {
		// "the Russian raids must be stopped": on who does the act
		var out []actorRef
		for _, r := range sc.actByModifier(s) {
			if !r.place && r.rule != rulePlaceModifier && r.rule != ruleEventPlace {
				out = append(out, r)
			}
		}
		return out
	}
	return nil
}
