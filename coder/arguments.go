package coder

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// The argument stage: which words are the source and which the target.
// The source is the clause's subject, found by the subject rules (its own
// subject, the passive agent, the subject it shares with the clause it
// hangs on); the pattern may name other source slots. The target is found
// in the pattern's slots by the slot rules (with the parse errors they
// work around), then by the target rules: the fallbacks the conventions
// allow for each kind of event (the act an appeal embeds, the clause a
// participle joins, the population force is used against, the government
// a domestic protest addresses). The words an argument rule finds are
// turned into actors by the actor stage (actors.go).
//
// A new way to find a subject is a subject rule; a new fallback for a
// missing target is a target rule, in the place of the order where it
// should be tried.

// The argument rules used outside the tables.
const (
	ruleSourceSlot = "argument.source-slot"
	ruleAgentless  = "argument.agentless-passive"
	ruleBetween    = "argument.between"
	// ruleProtestPlace: protests that broke out (match.onset-noun) with
	// no protesters named are the people of the place named in their
	// clause, else of the dateline's country.
	ruleProtestPlace = "argument.protest-place"
	// ruleRestated: a definite mutual act that broke out with no parties
	// named ("the clash took place") is the article's last act of its
	// root told again: its two parties.
	ruleRestated      = "argument.restated-event"
	ruleNoSource      = "argument.no-source"
	ruleSanctionSrc   = "argument.sanction-source"
	ruleStrikeFirst   = "argument.strike-first-actor"
	ruleProtestTo     = "argument.protest-to"
	ruleAddressee     = "argument.addressee"
	ruleNoTarget      = "argument.no-target"
	ruleRequiredTgt   = "argument.required-target"
	ruleLegalObject   = "argument.legal-object"
	ruleSubjectLinear = "argument.subject-linear"
	// ruleObjectPurpose: a purpose infinitive the parse hung on an
	// object that names no actor takes the subject of the object's verb
	// (argument.modified-noun); only for what the act states or
	// protests ("held marches to condemn the raids"), not for a deed it
	// only aims at ("launched an operation to capture the commander":
	// cameo.Deeds), which has no source.
	ruleObjectPurpose = "argument.object-purpose"
)

// sourceRules are the IDs of the source rules outside the subject table.
func sourceRules() []string {
	return []string{ruleSourceSlot, ruleBetween, ruleRestated, ruleProtestPlace, ruleImpliedAuthority, ruleOneAttacker, ruleUnknownAttacker, ruleNoSource, ruleSanctionSrc, ruleObjectPurpose}
}

// ruleUndirected: an act that needs no addressee (an appeal for aid, a
// deployment: cameo.Undirected) with none named has a null target.
const ruleUndirected = "argument.undirected"

// targetCheckRules are the IDs of the rules that settle a candidate's
// target after the target table.
func targetCheckRules() []string {
	return []string{ruleStrikeFirst, ruleProtestTo, ruleAddressee, ruleUndirected, ruleNoTarget, ruleRequiredTgt}
}

// subjectResult is the source actors of a clause and the rule that found
// them.
type subjectResult struct {
	refs    []actorRef
	passive bool
	rule    string
}

// subjectRule finds the subject of clause v: fn reports whether it
// applies (the next rules are not tried); it may name another rule than
// its own.
type subjectRule struct {
	id string
	fn func(sc *sentCtx, v, depth int, passive bool) (subjectResult, bool)
}

// subjectRules are the subject rules, in order.
func subjectRules() []subjectRule {
	return []subjectRule{
		{"argument.mislabelled-passive", argMislabelledPassive},
		{"argument.passive-agent", argPassiveAgent},
		{"argument.attack-agent", argAttackAgent},
		{ruleAgentless, argAgentlessPassive},
		{"argument.subject", argSubject},
		{"argument.comma-participle", argCommaParticiple},
		{"argument.linear-subject", argLinearSubject},
		{"argument.conjunct", argConjunct},
		{"argument.object-control", argObjectControl},
		{"argument.raising", argRaising},
		{"argument.controller", argController},
		{"argument.finite-adverbial", argFiniteAdverbial},
		{"argument.adverbial", argAdverbial},
		{"argument.document-issuer", argDocumentIssuer},
		{"argument.predicate-participle", argPredicateParticiple},
		{"argument.modified-noun", argModifiedNoun},
	}
}

// subject returns the source actors of the clause headed by v: its
// subject, passive agent, or the subject it shares with the clause it
// depends on, with the rule that found them.
func (sc *sentCtx) subject(v, depth int) subjectResult {
	if v < 0 || depth > 4 {
		return subjectResult{}
	}
	// passive only with a passive auxiliary or participle: the parse
	// sometimes labels the subject of an active verb nsubj:pass
	passive := false
	for _, c := range sc.tree.Children(v) {
		if sc.rel(c) == "aux:pass" {
			passive = true
		}
	}
	if !passive && sc.tree.ChildWith(v, "nsubj:pass") >= 0 && sc.s.Tokens[v].XPOS == "VBN" && sc.tree.ChildWith(v, "obj") < 0 {
		// a passive takes no direct object
		passive = true
	}
	if !passive && sc.byAgent(v) >= 0 && (sc.rel(v) == "acl" || sc.tree.ChildWith(v, "aux") < 0) {
		// a participle on a noun with its agent is a passive ("a strike
		// called by the opposition"): the agent is the source; so is a
		// participle with its agent and no auxiliary that the parse
		// made a clause of its own (", blamed on the rebels by the
		// army"), whatever it took for its subject
		passive = true
	}
	for _, r := range sc.c.rules.subjects {
		if res, ok := r.fn(sc, v, depth, passive); ok {
			if res.rule == "" {
				res.rule = r.id
			}
			return res
		}
	}
	return subjectResult{}
}

// subjectOf is subject without the rule.
func (sc *sentCtx) subjectOf(v, depth int) ([]actorRef, bool) {
	res := sc.subject(v, depth)
	return res.refs, res.passive
}

// argMislabelledPassive: a subject labelled passive on an active verb is
// its subject.
func argMislabelledPassive(sc *sentCtx, v, _ int, passive bool) (subjectResult, bool) {
	if !passive {
		if c := sc.tree.ChildWith(v, "nsubj:pass"); c >= 0 {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return subjectResult{refs: rs}, true
			}
		}
	}
	return subjectResult{}, false
}

// argPassiveAgent: the source of a passive is its agent ("was attacked by
// rebels").
func argPassiveAgent(sc *sentCtx, v, _ int, passive bool) (subjectResult, bool) {
	if !passive {
		return subjectResult{}, false
	}
	for _, c := range sc.tree.Children(v) {
		r := sc.rel(c)
		if r == "obl:agent" || (nlp.RelIs(r, "obl") && sc.caseOf(c) == "by") {
			return subjectResult{refs: sc.actorsAt(c), passive: true}, true
		}
	}
	return subjectResult{}, false
}

// argAttackAgent: a passive of dying or being hurt (the lexicon's
// casualty_verbs) without an agent, "in" an attack whose doer its phrase
// names ("were killed in an assault by government forces", "died in a
// Russian missile strike"), has that doer as its source. The attack noun
// is one the lexicon's event_anaphors give a root of force (18, 19, 20).
func argAttackAgent(sc *sentCtx, v, _ int, passive bool) (subjectResult, bool) {
	if !passive || !sc.c.lex.casualtyVerbs[sc.lemmas[v]] {
		return subjectResult{}, false
	}
	for _, c := range sc.tree.Children(v) {
		if !nlp.RelIs(sc.rel(c), "obl") || sc.caseOf(c) != "in" || !forceNoun(sc.c.lex.eventAnaphors[sc.lemmas[c]]) {
			continue
		}
		for _, d := range sc.tree.Children(c) {
			r := sc.rel(d)
			by := nlp.RelIs(r, "nmod") && sc.caseOf(d) == "by"
			if by || r == "nmod:poss" {
				if rs := sc.actorsAt(d); len(rs) > 0 {
					return subjectResult{refs: rs, passive: true}, true
				}
			}
		}
		if rs := sc.actByModifier(c); len(rs) > 0 {
			return subjectResult{refs: rs, passive: true}, true
		}
	}
	return subjectResult{}, false
}

// forceNoun reports whether an event anaphor's roots include force (18,
// 19 or 20).
func forceNoun(roots []string) bool {
	for _, r := range roots {
		if cameo.Force.Has(r + "0") {
			return true
		}
	}
	return false
}

// argAgentlessPassive: a passive without an agent has no source.
func argAgentlessPassive(_ *sentCtx, _, _ int, passive bool) (subjectResult, bool) {
	return subjectResult{passive: true}, passive
}

// argSubject: the clause's own subject; one that names no actor may be a
// parse error ("Following a conversation with X, Y has expressed ..."):
// then the actor named right before the verb (argument.subject-linear).
func argSubject(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	s, ok := sc.subjectOwn(v)
	if !ok {
		return subjectResult{}, false
	}
	if len(s) == 0 {
		return subjectResult{refs: sc.linearSubject(v), rule: ruleSubjectLinear}, true
	}
	return subjectResult{refs: s}, true
}

// argLinearSubject: a main, complement or parenthetical clause without a
// subject takes the actor named right before its verb.
func argLinearSubject(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if p := sc.tree.Head(v); p < 0 || sc.rel(v) == "root" || sc.rel(v) == "ccomp" || sc.rel(v) == "parataxis" {
		return subjectResult{refs: sc.linearSubject(v)}, true
	}
	return subjectResult{}, false
}

// argConjunct: a coordinated clause without a subject shares the subject of
// the clause it is coordinated with.
func argConjunct(sc *sentCtx, v, depth int, _ bool) (subjectResult, bool) {
	if sc.rel(v) != "conj" {
		return subjectResult{}, false
	}
	h := sc.tree.Head(v)
	for i := 0; i < 3 && sc.verblessHead(h); i++ {
		// "labelled the reform as 'theft' and called for a strike": the
		// parse coordinated the verb with a word of the clause before;
		// that clause's verb has the subject
		h = sc.tree.Head(h)
	}
	res := sc.subject(h, depth+1)
	res.rule = ""
	return res, true
}

// verblessHead reports whether token h, the head of a coordinated clause,
// is a word of another clause rather than a predicate: an adjective or
// noun without a subject or copula of its own, hung on a verb.
func (sc *sentCtx) verblessHead(h int) bool {
	if h < 0 || isVerbal(sc.upos(h)) || sc.rel(h) == "root" {
		return false
	}
	if u := sc.upos(h); u != "ADJ" && u != "NOUN" && u != "PROPN" {
		return false
	}
	if _, ok := sc.subjectOwn(h); ok || sc.tree.ChildWith(h, "cop") >= 0 {
		return false
	}
	p := sc.tree.Head(h)
	return p >= 0 && isVerbal(sc.upos(p))
}

// argCommaParticiple: a participle after a comma that the parse took for
// the complement of the verb before it ("..., the spokesman said,
// alleging fraud") is an adverbial clause: it shares that verb's subject.
func argCommaParticiple(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if sc.rel(v) != "ccomp" || sc.s.Tokens[v].XPOS != "VBG" || v == 0 || sc.words[v-1] != "," {
		return subjectResult{}, false
	}
	h := sc.tree.Head(v)
	if h < 0 || h > v || !isVerbal(sc.upos(h)) {
		return subjectResult{}, false
	}
	// the head's own subject (one the parse lost is no better a guess
	// than the rules after)
	if s, ok := sc.subjectOwn(h); ok && len(s) > 0 {
		return subjectResult{refs: s}, true
	}
	return subjectResult{}, false
}

// argObjectControl: the subject of an infinitive complement is its head's
// object ("urged Saudi Arabia to fund"), when that names an actor ("used
// tear gas to break up a protest" is a purpose, not object control).
func argObjectControl(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if sc.rel(v) != "xcomp" {
		return subjectResult{}, false
	}
	if o := sc.tree.ChildWith(sc.tree.Head(v), "obj"); o >= 0 && o != v {
		if rs := sc.actorsAt(o); len(rs) > 0 {
			return subjectResult{refs: rs}, true
		}
	}
	return subjectResult{}, false
}

// argRaising: the subject of the complement of a passive is the passive's
// subject ("is scheduled to travel", "was forced to leave").
func argRaising(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if sc.rel(v) != "xcomp" {
		return subjectResult{}, false
	}
	if o := sc.tree.ChildWith(sc.tree.Head(v), "nsubj:pass"); o >= 0 {
		if rs := sc.actorsAt(o); len(rs) > 0 {
			return subjectResult{refs: rs}, true
		}
	}
	return subjectResult{}, false
}

// argController: any other infinitive complement shares its head's
// subject ("agreed to send").
func argController(sc *sentCtx, v, depth int, _ bool) (subjectResult, bool) {
	if sc.rel(v) != "xcomp" {
		return subjectResult{}, false
	}
	res := sc.subject(sc.tree.Head(v), depth+1)
	res.rule = ""
	return res, true
}

// adverbialClause reports whether v is an adverbial clause or an
// infinitive parsed as a clausal complement.
func (sc *sentCtx) adverbialClause(v int) bool {
	r := sc.rel(v)
	return r == "advcl" || r == "ccomp" && sc.hasTo(v)
}

// argFiniteAdverbial: a finite adverbial clause whose subject the parse
// lost takes the words right before it, not the main clause's subject.
func argFiniteAdverbial(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if !sc.adverbialClause(v) {
		return subjectResult{}, false
	}
	if x := sc.s.Tokens[v].XPOS; (x == "VBD" || x == "VBZ" || x == "VBP") && !sc.hasTo(v) {
		// with a punctuation mark right before it ('as "theft"'),
		// the next rules share the main clause's subject
		if rs := sc.linearSubject(v); len(rs) > 0 || !sc.punctBefore(v) {
			return subjectResult{refs: rs}, true
		}
	}
	return subjectResult{}, false
}

// punctBefore reports whether a punctuation mark comes right before verb
// v, past auxiliaries, adverbs and particles.
func (sc *sentCtx) punctBefore(v int) bool {
	j := v - 1
	for j >= 0 && (sc.upos(j) == "AUX" || sc.upos(j) == "ADV" || sc.upos(j) == "PART") {
		j--
	}
	return j >= 0 && sc.upos(j) == "PUNCT"
}

// argAdverbial: a participle or infinitive adverbial clause shares the
// subject of the clause it depends on ("..., killing four"). A gerund of
// reason after "for" on a verb with an object is the object's act
// ("sanctioned five officers for threatening Ukraine", "praised Ghana for
// hosting the talks"): its source is what the object names, none when
// the object names no actor.
func argAdverbial(sc *sentCtx, v, depth int, _ bool) (subjectResult, bool) {
	if !sc.adverbialClause(v) {
		return subjectResult{}, false
	}
	h := sc.tree.Head(v)
	if o := sc.tree.ChildWith(h, "obj"); o >= 0 && o < v && sc.hasMark(v, "for") && strings.HasPrefix(sc.s.Tokens[v].XPOS, "VBG") {
		return subjectResult{refs: sc.actorsAt(o)}, true
	}
	s, _ := sc.subjectOf(h, depth+1)
	return subjectResult{refs: s}, true
}

// nounClause reports whether clause v modifies a nominal: a participle or
// relative clause, or a past-tense verb hung on a noun as nmod (a parse
// error for "Rebels in X killed ...").
func (sc *sentCtx) nounClause(v int) bool {
	r := sc.rel(v)
	if !(r == "acl" || r == "acl:relcl" || (nlp.RelIs(r, "nmod") && sc.upos(v) == "VERB" && (sc.s.Tokens[v].XPOS == "VBD" || sc.s.Tokens[v].XPOS == "VBN"))) {
		return false
	}
	p := sc.tree.Head(v)
	return p >= 0 && isNominal(sc.upos(p))
}

// argPredicateParticiple: a participle on a nominal predicate ("X has been
// a supporter of Y, providing aid") belongs to the predicate's subject.
func argPredicateParticiple(sc *sentCtx, v, _ int, _ bool) (subjectResult, bool) {
	if !sc.nounClause(v) || sc.rel(v) != "acl" {
		return subjectResult{}, false
	}
	p := sc.tree.Head(v)
	if sc.tree.ChildWith(p, "cop") >= 0 {
		if s, ok := sc.subjectOwn(p); ok {
			return subjectResult{refs: s}, true
		}
	}
	return subjectResult{}, false
}

// argModifiedNoun: a participle or relative clause on a noun has that noun
// as its subject ("Thousands of protesters rallied ...": the actor named
// inside it).
func argModifiedNoun(sc *sentCtx, v, depth int, _ bool) (subjectResult, bool) {
	if !sc.nounClause(v) {
		return subjectResult{}, false
	}
	p := sc.tree.Head(v)
	rs := sc.actorsAt(p)
	if len(rs) == 0 {
		rs = sc.npFallback(p)
	}
	if len(rs) == 0 && sc.rel(v) == "acl" && sc.hasTo(v) {
		// a purpose infinitive the parse hung on an object that names
		// no actor ("organised rallies to protest the tax", "called a
		// meeting to discuss the border"): the purpose is the subject's
		// of the verb whose object it is
		if h := sc.tree.Head(p); h >= 0 && isVerbal(sc.upos(h)) && (nlp.RelIs(sc.rel(p), "obj") || nlp.RelIs(sc.rel(p), "obl")) {
			return subjectResult{refs: sc.subject(h, depth+1).refs, rule: ruleObjectPurpose}, true
		}
	}
	return subjectResult{refs: rs}, true
}

// subjectOwn returns the actors of the clause's own subject; for a
// relative pronoun, the noun the clause modifies.
func (sc *sentCtx) subjectOwn(v int) ([]actorRef, bool) {
	var out []actorRef
	found := false
	for _, c := range sc.tree.Children(v) {
		r := sc.rel(c)
		if r == "nsubj" || r == "csubj" || nlp.RelIs(r, "nsubj") && r != "nsubj:pass" {
			l := sc.lemmas[c]
			if sc.c.lex.relativePronouns[l] && sc.rel(v) == "acl:relcl" {
				if p := sc.tree.Head(v); p >= 0 {
					// the noun it is about; a statement or an act by
					// whoever issued or did it ("a statement from the
					// bloc that urged ..."); a relative the parse hung on
					// the participle after that noun is about the noun ("a
					// communique released by the bloc, which brokered
					// ...")
					if isVerbal(sc.upos(p)) && sc.rel(p) == "acl" && sc.s.Tokens[p].XPOS == "VBN" && sc.tree.Head(p) >= 0 {
						p = sc.tree.Head(p)
					}
					rs := sc.actorsAt(p)
					if len(rs) == 0 && isNominal(sc.upos(p)) {
						rs = sc.npFallback(p)
					}
					return rs, true
				}
			}
			if sc.c.lex.relativePronouns[l] && c > 0 && isNominal(sc.upos(c-1)) {
				// "recorded new unrest on Sunday that killed ...": a
				// relative clause the parse took for a complement is
				// about the noun before it, not someone the article named
				return sc.actorsAt(c - 1), true
			}
			rs := sc.actorsAt(c)
			if len(rs) == 0 {
				rs = sc.npFallback(c)
			}
			// two subjects: a coordination the parse split ("Putin and
			// Xi held talks" with both attached to the verb)
			out = append(out, rs...)
			found = true
		}
	}
	return dedupe(out), found
}

// linearSubject is the subject of a finite clause the parse left without
// one: the actor named right before the verb ("..., Russian President
// Vladimir Putin has expressed ...").
func (sc *sentCtx) linearSubject(v int) []actorRef {
	j := v - 1
	for j >= 0 {
		switch sc.upos(j) {
		case "AUX", "ADV", "PART":
			j--
			continue
		}
		break
	}
	if j < 0 {
		return nil
	}
	if m, ok := sc.mentionAt(j); ok && m.Kind != dict.KindAgent {
		return sc.actorsAt(j)
	}
	if sc.upos(j) == "NOUN" || sc.upos(j) == "PROPN" {
		return sc.actorsAt(j)
	}
	return nil
}

// source finds candidate k's source: the clause's subject (subject rules),
// else the pattern's source slots, else the parties "between" which
// mutual talks were held; it returns the rule and why when there is none.
func (sc *sentCtx) source(k *cand) (string, string) {
	res := sc.subject(k.clause, 0)
	k.srcs, k.passive, k.srcRule = res.refs, res.passive, res.rule
	if res.rule == ruleObjectPurpose && cameo.Deeds.Has(k.code) {
		// a deed only aimed at, not done
		k.srcs = nil
	}
	for _, sl := range k.p.Source {
		if c := sc.findDep(k.match, sl.Rel, sl.Prep, nil); c >= 0 {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				k.srcs, k.srcRule = rs, ruleSourceSlot
				break
			}
		}
	}
	if len(k.srcs) == 0 && k.p.Mutual != dict.MutualNone && (len(k.p.Light) > 0 || k.onset) {
		// "talks between Russia and Ukraine were held ...": the parties
		for _, c := range sc.tree.Children(k.trig) {
			if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "between" {
				k.srcs, k.srcRule = sc.actorsAt(c), ruleBetween
			}
		}
		if len(k.srcs) == 0 && k.onset && k.clause != k.trig {
			// "fighting broke out between A and B": on the onset verb
			for _, c := range sc.tree.Children(k.clause) {
				if nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == "between" {
					k.srcs, k.srcRule = sc.actorsAt(c), ruleBetween
				}
			}
		}
	}
	if len(k.srcs) == 0 && k.onset && k.p.Mutual != dict.MutualNone && sc.definite(k.trig) {
		// "the clash took place on Friday": the parties of the clash the
		// article told last (argument.restated-event)
		k.srcs = sc.restatedParties(k)
		if len(k.srcs) > 0 {
			k.srcRule = ruleRestated
		}
	}
	if len(k.srcs) == 0 && k.onset && cameo.Protests.Has(k.code) {
		// "protests broke out in the capital": its people
		// (argument.protest-place)
		c := sc.clausePlace(k.clause)
		if c == "" {
			// else where the story is datelined
			c = sc.art.datelineCode
		}
		if c != "" {
			k.srcs = []actorRef{{actor: dyad.Actor{Code: c, Role: "CVL"}, resolved: true, tok: -1, rule: ruleProtestPlace}}
			k.srcRule = ruleProtestPlace
		}
	}
	if len(k.srcs) == 0 && k.passive {
		if rs, rule := sc.impliedAgent(k); len(rs) > 0 {
			k.srcs, k.srcRule = rs, rule
		}
	}
	if len(k.srcs) == 0 {
		if k.srcRule == ruleAgentless {
			return ruleAgentless, "passive without an agent"
		}
		return ruleNoSource, "no source actor"
	}
	k.srcs = sc.collapseSame(k, k.srcs)
	if cameo.ReducedRelations.Has(k.code) && !officialActors(k.srcs) && sc.rel(k.clause) == "conj" && sc.tree.ChildWith(k.clause, "nsubj") < 0 {
		// "the United States determined that the RSF had committed genocide
		// and imposed sanctions": only states and organisations sanction or
		// cut ties; the parse coordinated the verb with the wrong clause
		if h := sc.tree.Head(k.clause); h >= 0 && sc.rel(h) == "ccomp" {
			if ms, _ := sc.subjectOf(sc.tree.Head(h), 0); officialActors(ms) {
				k.srcs, k.srcRule = ms, ruleSanctionSrc
			}
		}
	}
	return "", ""
}

// slotRule finds a target in or around the pattern's target slots: fn
// returns the actors, or none to try the next rule; it may name another
// rule than its own.
type slotRule struct {
	id string
	fn func(sc *sentCtx, m *match, slots []dict.Slot, passive bool) ([]actorRef, string)
}

// slotRules are the slot rules, in order.
func slotRules() []slotRule {
	return []slotRule{
		{"argument.target-slot", argTargetSlot},
		{"argument.passive-subject", argPassiveSubject},
		{"argument.unattached-object", argUnattachedObject},
		{"argument.preposition-after-verb", argPrepositionAfterVerb},
		{"argument.low-preposition", argLowPreposition},
		{"argument.mediated-noun", argMediatedNoun},
	}
}

// argMediatedNoun: a participle of mediation with its agent on the noun it
// mediates ("a truce brokered by Qatar", "talks mediated by Oslo") names
// the parties in that noun's own phrase ("between A and B", "with B"),
// else they are the compound subject of the clause the noun is in ("A and
// B agreed to reopen embassies after talks brokered by Qatar").
func argMediatedNoun(sc *sentCtx, m *match, slots []dict.Slot, _ bool) ([]actorRef, string) {
	if m.p.Code != cameo.CodeMediate || m.trig != m.clause || sc.byAgent(m.trig) < 0 {
		return nil, ""
	}
	h, v := sc.tree.Head(m.trig), -1
	switch sc.rel(m.trig) {
	case "acl":
		if h >= 0 {
			v = sc.tree.Head(h)
		}
	case "advcl":
		// "signed a deal after talks mediated by X", parsed as a clause
		// with the noun its passive subject
		h, v = sc.tree.ChildWith(m.trig, "nsubj:pass"), h
	default:
		return nil, ""
	}
	if h < 0 || !isNominal(sc.upos(h)) {
		return nil, ""
	}
	for _, c := range sc.tree.Children(h) {
		if cs := sc.caseOf(c); nlp.RelIs(sc.rel(c), "nmod") && (cs == "between" || cs == "with") {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return rs, ""
			}
		}
	}
	if v >= 0 && isVerbal(sc.upos(v)) {
		if rs := sc.subject(v, 0).refs; len(rs) >= 2 {
			// (parties, not one actor that acts on the outcome: "the
			// opposition rejected the deal mediated by X"); a mediator
			// is no party
			mediators := sc.actorsAt(sc.byAgent(m.trig))
			var parties []actorRef
			for _, r := range rs {
				if !slices.ContainsFunc(mediators, func(x actorRef) bool { return x.actor.Code == r.actor.Code }) {
					parties = append(parties, r)
				}
			}
			return parties, ""
		}
	}
	return nil, ""
}

// targetSlots returns the target slots of a match's pattern; a pattern
// that names none takes the verb's object.
func targetSlots(m *match) []dict.Slot {
	if len(m.p.Target) == 0 {
		return []dict.Slot{{Rel: "obj"}}
	}
	return m.p.Target
}

// targetOf returns the target actors of a match by its pattern's slots.
func (sc *sentCtx) targetOf(m *match, passive bool) []actorRef {
	rs, _ := sc.slotTarget(m, passive)
	return rs
}

// slotTarget is targetOf with the rule that found the target.
func (sc *sentCtx) slotTarget(m *match, passive bool) ([]actorRef, string) {
	slots := targetSlots(m)
	for _, r := range sc.c.rules.slots {
		if rs, id := r.fn(sc, m, slots, passive); len(rs) > 0 {
			return rs, firstNonEmpty(id, r.id)
		}
	}
	return nil, ""
}

// requiredObject reports whether the pattern of m requires an object by
// its lemmas and dependent d has one of them.
func (sc *sentCtx) requiredObject(m *match, d int) bool {
	for _, r := range m.p.Require {
		if r.Rel == "obj" && len(r.Lemmas) > 0 && sc.lemmaIn(d, r.Lemmas) {
			return true
		}
	}
	return false
}

// argTargetSlot: the target is the first dependent in one of the
// pattern's slots that names an actor (also an object the parse put
// inside a sister phrase: "rejected as baseless allegations by ..."; and
// the one a legal act is aimed at: "a warrant for the arrest of X",
// argument.legal-object; and a phrase of a noun in -ing
// the pattern took for its object: "demanded funding from X").
func argTargetSlot(sc *sentCtx, m *match, slots []dict.Slot, passive bool) ([]actorRef, string) {
	deps := m.deps
	for _, d := range m.deps {
		if nlp.RelIs(sc.rel(d), "obl") && d != m.trig {
			for _, c := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(c), "obj") {
					deps = append(deps[:len(deps):len(deps)], c)
				}
			}
		}
		if d != m.trig && sc.gerundObject(d) && sc.requiredObject(m, d) {
			// "demanded funding from the World Bank", with "funding" a
			// gerund that the pattern took for its object: its phrases
			// are the object's
			for _, c := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(c), "obl") {
					deps = append(deps[:len(deps):len(deps)], c)
				}
			}
		}
	}
	for _, sl := range slots {
		for _, c := range deps {
			if c == m.trig {
				continue
			}
			ok := false
			if sl.Rel != "" {
				ok = sc.relMatches(c, sl.Rel) && !(sl.Rel == "obj" && sc.rel(c) == "nsubj:pass" && !passive)
			} else {
				r := sc.rel(c)
				ok = (nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) && (sc.caseOf(c) == sl.Prep || strings.HasSuffix(sc.caseOf(c), " "+sl.Prep))
			}
			if !ok {
				continue
			}
			rs := sc.actorsAt(c)
			id := ""
			if len(rs) == 0 && sc.c.lex.legalNouns[sc.lemmas[c]] && sc.c.lex.legalPreps[sl.Prep] {
				for _, k := range sc.tree.Children(c) {
					if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "of" {
						rs, id = sc.actorsAt(k), ruleLegalObject
					}
				}
			}
			if len(rs) == 0 {
				rs = sc.npFallback(c)
			}
			if len(rs) > 0 {
				return rs, id
			}
		}
	}
	return nil, ""
}

// argPassiveSubject: the target of a passive is its subject.
func argPassiveSubject(sc *sentCtx, m *match, _ []dict.Slot, passive bool) ([]actorRef, string) {
	if passive {
		if c := sc.tree.ChildWith(m.clause, "nsubj:pass"); c >= 0 {
			return sc.actorsAt(c), ""
		}
	}
	return nil, ""
}

// argUnattachedObject: an object the parse left unattached is the name
// right after the verb ("praised Donald Trump" with "Donald Trump" hung
// elsewhere).
func argUnattachedObject(sc *sentCtx, m *match, slots []dict.Slot, _ bool) ([]actorRef, string) {
	if !slotHas(slots, "obj") || m.trig != m.clause || sc.findDep(m, "obj", "", nil) >= 0 {
		return nil, ""
	}
	j := m.trig + 1
	if j < sc.n && sc.upos(j) == "DET" {
		j++
	}
	if mm, ok := sc.mentionAt(j); ok && mm.Start == j && mm.Kind != dict.KindAgent && mm.Kind != dict.KindCity {
		last := mm.End - 1
		if h := sc.tree.Head(last); h < 0 || !isVerbal(sc.upos(h)) || h == m.trig {
			if r := sc.rel(last); !nlp.RelIs(r, "nsubj") {
				return sc.actorsAt(last), ""
			}
		}
	}
	return nil, ""
}

// argPrepositionAfterVerb: the preposition of a slot right after the verb,
// which the parse hung elsewhere ("met with [Syrian President Bashar
// Assad] Tuesday to discuss ...", with the name made the subject of
// "discuss"), names the target right after it.
func argPrepositionAfterVerb(sc *sentCtx, m *match, slots []dict.Slot, _ bool) ([]actorRef, string) {
	if m.trig != m.clause || m.trig+1 >= sc.n {
		return nil, ""
	}
	for _, sl := range slots {
		prep := sl.Prep
		if prep == "" && sl.Rel == "obj" && m.p.Particle != "" {
			prep = m.p.Particle // "meet~with obj=T"
		}
		if prep == "" || sc.lemmas[m.trig+1] != prep || sc.tree.Head(m.trig+1) == m.trig {
			continue
		}
		if h := sc.tree.Head(m.trig + 1); h >= 0 && sc.tree.Head(h) == m.trig && !isVerbal(sc.upos(h)) {
			// attached right, one level down: a particle read as the
			// preposition of its phrase ("met with [Museveni]")
			if sl.Prep == "" {
				if rs := sc.actorsAt(h); len(rs) > 0 {
					return rs, ""
				}
			}
			continue
		}
		for j := m.trig + 2; j < sc.n && j <= m.trig+5; j++ {
			mm, ok := sc.mentionAt(j)
			if !ok {
				if u := sc.upos(j); u == "DET" || u == "ADJ" {
					continue
				}
				break
			}
			if mm.Kind == dict.KindAgent || mm.Kind == dict.KindCity || mm.Kind == dict.KindDemonym {
				continue
			}
			return sc.actorsAt(mm.End - 1), ""
		}
	}
	return nil, ""
}

// argLowPreposition: a slot's prepositional phrase the parse attached one
// level too low ("spoke by telephone [with his counterpart]").
func argLowPreposition(sc *sentCtx, m *match, slots []dict.Slot, _ bool) ([]actorRef, string) {
	for _, sl := range slots {
		if sl.Prep == "" {
			continue
		}
		for _, d := range m.deps {
			r := sc.rel(d)
			// a noun the parse made a conjunct of the verb is an object
			// ("sending $1 million and a team to Nepal")
			nounConj := r == "conj" && (sc.upos(d) == "NOUN" || sc.upos(d) == "PROPN")
			// (the passive subject is the object: "the talks between A and
			// B were brokered by Qatar")
			if d == m.trig || !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "obj") || nlp.RelIs(r, "nmod") || r == "nsubj:pass" || nounConj) {
				continue
			}
			queue := append([]int(nil), sc.tree.Children(d)...)
			for k := 0; k < len(queue) && k < 32; k++ {
				c := queue[k]
				if sc.rel(c) == "conj" {
					// down a conjunct of the object: "medicine and a team
					// of doctors to South Sudan"
					queue = append(queue, sc.tree.Children(c)...)
					continue
				}
				if !nlp.RelIs(sc.rel(c), "nmod") {
					continue
				}
				if sc.caseOf(c) == sl.Prep {
					if rs := sc.actorsAt(c); len(rs) > 0 {
						return rs, ""
					}
					if rs := sc.npFallback(c); len(rs) > 0 {
						return rs, ""
					}
				}
				queue = append(queue, sc.tree.Children(c)...)
			}
		}
	}
	return nil, ""
}

// targetCtx is the state of the search for a candidate's target.
type targetCtx struct {
	m       *match
	code    string
	srcs    []actorRef
	passive bool
	byTok   []*match
	depth   int
	// tgts are the targets found so far, rule the rule that found them.
	tgts []actorRef
	rule string
	// steps are what rules did on the way.
	steps []string
	// ownSlot: the slots named only the sources themselves ("laid down
	// their weapons").
	ownSlot bool
}

// targetRule is a fallback for a missing target, or a correction of the
// slots' target: fn may change tc.tgts; it reports whether it found the
// targets.
type targetRule struct {
	id string
	fn func(sc *sentCtx, tc *targetCtx) bool
}

// targetRules are the target rules after the slots, in order.
func targetRules() []targetRule {
	return []targetRule{
		{"argument.own-territory", argOwnTerritory},
		{"argument.against", argAgainst},
		{ruleSharedObject, argSharedObject},
		{"argument.embedded-subject", argEmbeddedSubject},
		{"argument.embedded-target", argEmbeddedTarget},
		{"argument.embedded-against", argEmbeddedAgainst},
		{"argument.embedded-first-actor", argEmbeddedFirstActor},
		{"argument.embedded-noun", argEmbeddedNoun},
		{"argument.ordered-act", argOrderedAct},
		{"argument.object-agent", argObjectAgent},
		{"argument.complement-actor", argComplementActor},
		{"argument.refused-call", argRefusedCall},
		{"argument.complement-against", argComplementAgainst},
		{"argument.complement-event", argComplementEvent},
		{"argument.accuser", argAccuser},
		{"argument.joined-clause", argJoinedClause},
		{"argument.reported-act", argReportedAct},
		{"argument.event-anaphor", argEventAnaphor},
		{"argument.domestic-government", argDomesticGovernment},
		{"argument.population", argPopulation},
		{"argument.force-place", argForcePlace},
		{"argument.attacker-country", argAttackerCountry},
		{"argument.appeal-from", argAppealFrom},
		{"argument.object-owner", argObjectOwner},
		{ruleContextRecipient, argContextRecipient},
		{"argument.context-target", argContextTarget},
		{ruleDomesticDefault, argDomesticDefault},
		{"argument.home-restriction", argHomeRestriction},
	}
}

// argAppealFrom: an appeal for something only another party can grant
// (cooperation, support or aid: CAMEO 021-023) with no addressee in its
// slots asks whoever a "from" phrase names, on the verb or on the thing
// asked for, with its conjuncts ("appealed for food aid from the World
// Bank and Japan", "pleaded for help from neighbouring states"), before
// argument.undirected leaves it with none. Not for other appeals: "called
// for the withdrawal of troops from the border" names a place.
func argAppealFrom(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || tc.ownSlot || !(cameo.Under(tc.code, "021") || cameo.Under(tc.code, "022") || cameo.Under(tc.code, "023")) {
		return false
	}
	v := tc.m.clause
	from := func(h int) int {
		for _, c := range sc.tree.Children(h) {
			if r := sc.rel(c); (nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) && sc.caseOf(c) == "from" {
				return c
			}
		}
		return -1
	}
	f := from(v)
	if f < 0 {
		for _, c := range sc.tree.Children(v) {
			if r := sc.rel(c); (r == "obj" || nlp.RelIs(r, "obl")) && sc.caseOf(c) != "from" {
				if f = from(c); f >= 0 {
					break
				}
			}
		}
	}
	if f < 0 {
		return false
	}
	var out []actorRef
	for _, c := range sc.conjuncts(f) {
		out = append(out, sc.single(c, 0)...)
	}
	tc.tgts = removeSame(dedupe(out), tc.srcs)
	return len(tc.tgts) > 0
}

// targets resolves the target of a match: the pattern's slots (slot
// rules), then the target rules: what the convention for its kind of event
// allows. It returns the targets and the rule that found them.
func (sc *sentCtx) targets(m *match, code string, srcs []actorRef, passive bool, byTok []*match, depth int) ([]actorRef, string) {
	tc := sc.findTargets(m, code, srcs, passive, byTok, depth)
	return tc.tgts, tc.rule
}

// findTargets is targets with the steps of the search.
func (sc *sentCtx) findTargets(m *match, code string, srcs []actorRef, passive bool, byTok []*match, depth int) *targetCtx {
	if depth > 3 {
		return &targetCtx{}
	}
	tc := &targetCtx{m: m, code: code, srcs: srcs, passive: passive, byTok: byTok, depth: depth}
	rs, rule := sc.slotTarget(m, passive)
	tc.tgts, tc.rule = removeSame(sc.ownCapital(rs, srcs), srcs), rule
	tc.ownSlot = len(rs) > 0 && len(tc.tgts) == 0
	for _, r := range sc.c.rules.targets {
		if r.fn(sc, tc) && len(tc.tgts) > 0 {
			tc.rule = r.id
		}
	}
	if len(tc.tgts) == 0 {
		tc.rule = ""
	}
	return tc
}

// argOwnTerritory: the sanctioning state's own territory named in a slot
// ("bans on travel to Canada against Russian officers") is where, not
// whom: no target.
func argOwnTerritory(sc *sentCtx, tc *targetCtx) bool {
	if cameo.ReducedRelations.Has(tc.code) && len(tc.srcs) > 0 && ownTerritory(tc.tgts, tc.srcs[0]) {
		tc.tgts = nil
		if sc.rec != nil {
			tc.steps = append(tc.steps, "argument.own-territory: the source's own territory is where, not whom")
		}
	}
	return false
}

// argAgainst: whom the act is aimed at, after "against" on the verb or
// its object ("suspend its protests against the government").
func argAgainst(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 {
		return false
	}
	tc.tgts = removeSame(sc.againstOf(tc.m), tc.srcs)
	return true
}

// ruleSharedObject: the object of the verb a verb is coordinated with.
const ruleSharedObject = "argument.shared-object"

// argSharedObject: a verb without an object of its own, coordinated right
// before a verb that has one (neither in -ing), shares it ("criticised
// and rejected the decision of the commission", "arrested and charged
// two activists"): the actors the later verb's object names.
func argSharedObject(sc *sentCtx, tc *targetCtx) bool {
	m := tc.m
	v := m.clause
	if len(tc.tgts) > 0 || m.trig != v || !isVerbal(sc.upos(v)) || sc.tree.ChildWith(v, "obj") >= 0 || sc.tree.ChildWith(v, "ccomp") >= 0 || sc.tree.ChildWith(v, "xcomp") >= 0 {
		return false
	}
	for _, c := range sc.tree.Children(v) {
		// the two verbs side by side, neither a participle in -ing
		// ("criticise and reject", not "raiding in Benin and
		// neighbouring Togo")
		if sc.rel(c) != "conj" || c != v+2 || sc.upos(v+1) != "CCONJ" || !isVerbal(sc.upos(c)) || sc.tree.ChildWith(c, "nsubj") >= 0 ||
			strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG") || strings.HasPrefix(sc.s.Tokens[v].XPOS, "VBG") {
			continue
		}
		o := sc.tree.ChildWith(c, "obj")
		if o < 0 {
			continue
		}
		rs := sc.actorsAt(o)
		if len(rs) == 0 {
			rs = sc.npFallback(o)
		}
		tc.tgts = removeSame(rs, tc.srcs)
		return true
	}
	return false
}

// embedding reports whether the search is for an embedding pattern with an
// embedded act and no target yet.
func (tc *targetCtx) embedding() bool {
	return len(tc.tgts) == 0 && tc.m.p.Embed != dict.EmbedNone && tc.m.embedded != nil
}

// argEmbeddedSubject: the subject of the act an appeal, demand or threat
// embeds is whom it addresses ("urged Iran to release").
func argEmbeddedSubject(sc *sentCtx, tc *targetCtx) bool {
	kind := tc.m.p.Embed
	if !tc.embedding() || !(kind == dict.EmbedAppeal || kind == dict.EmbedDemand || kind == dict.EmbedThreat) {
		return false
	}
	if s, _ := sc.subjectOwn(tc.m.embedded.clause); len(s) > 0 && !sameActors(s, tc.srcs) {
		tc.tgts = removeSame(s, tc.srcs)
		return true
	}
	return false
}

// argEmbeddedTarget: the target of the embedded act ("pledged to send aid
// to Somalia").
func argEmbeddedTarget(sc *sentCtx, tc *targetCtx) bool {
	if !tc.embedding() {
		return false
	}
	tc.tgts = removeSame(sc.ownCapital(sc.targetOf(tc.m.embedded, false), tc.srcs), tc.srcs)
	return true
}

// argEmbeddedAgainst: whom the embedded act is aimed at, after "against".
func argEmbeddedAgainst(sc *sentCtx, tc *targetCtx) bool {
	if !tc.embedding() {
		return false
	}
	tc.tgts = removeSame(sc.againstOf(tc.m.embedded), tc.srcs)
	return true
}

// argEmbeddedFirstActor: the first actor named in the embedded clause
// ("work towards ending the conflict in Ukraine"), unless it is a noun or
// a joint commitment of several sources.
func argEmbeddedFirstActor(sc *sentCtx, tc *targetCtx) bool {
	if !tc.embedding() {
		return false
	}
	e, kind := tc.m.embedded, tc.m.p.Embed
	jointly := len(tc.srcs) >= 2 && isIntent(kind)
	if e.p.Nominal || jointly {
		return false
	}
	tc.tgts = sc.firstActorIn(e.clause, tc.srcs)
	return true
}

// argEmbeddedNoun: the actor named inside an embedded act that is a noun
// ("demanded the release of the journalists").
func argEmbeddedNoun(sc *sentCtx, tc *targetCtx) bool {
	if !tc.embedding() || !tc.m.embedded.p.Nominal {
		return false
	}
	tc.tgts = removeSame(sc.npFallback(tc.m.embedded.trig), tc.srcs)
	return true
}

// argOrderedAct: an act ordered by its object noun ("ordered the
// withdrawal of its forces from Mali", match.ordered-act) is aimed at the
// actor its noun phrase names, the source aside.
func argOrderedAct(sc *sentCtx, tc *targetCtx) bool {
	m := tc.m
	if len(tc.tgts) > 0 || !m.p.Nominal || m.clause == m.trig {
		return false
	}
	// the first actor named in the noun's phrase ("the withdrawal of its
	// forces from Niger"), but not whose forces they are ("of French
	// troops": ordering another's forces out is no withdrawal of one's own)
	f, l := sc.tree.Subtree(m.trig)
	for j := f; j <= l && len(tc.tgts) == 0; j++ {
		mm, ok := sc.mentionAt(j)
		if !ok || mm.Kind == dict.KindAgent || mm.Actor.Code == "" || sc.modifiesThing(mm.End-1) {
			continue
		}
		r := actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind, rule: ruleDictionary}
		if h := sc.tree.Head(j); h >= 0 && h != m.trig && sc.armedForces(h) {
			if rel := sc.rel(j); rel == "amod" || rel == "compound" || rel == "nmod:poss" {
				for _, src := range tc.srcs {
					if src.actor.Code == r.actor.Code {
						r.actor.Code = ""
					}
				}
				if r.actor.Code != "" {
					return true
				}
				continue
			}
		}
		tc.tgts = removeSame([]actorRef{r}, tc.srcs)
	}
	return true
}

// argObjectAgent: the noun in the target slot names no actor, but a
// participle on it names its agent with "by" ("condemned the attacks
// carried out by Russian forces", "welcomed the steps taken by Sudan"):
// whoever did what is welcomed, condemned or rejected is the target.
func argObjectAgent(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 {
		return false
	}
	for _, sl := range targetSlots(tc.m) {
		c := sc.findDep(tc.m, sl.Rel, sl.Prep, nil)
		if c < 0 || !sc.actNoun(c) {
			// a person "wanted by the United States" is no act
			continue
		}
		for _, a := range sc.tree.Children(c) {
			if sc.rel(a) != "acl" {
				continue
			}
			if b := sc.byAgent(a); b >= 0 {
				if rs := removeSame(sc.single(b, 0), tc.srcs); len(rs) > 0 {
					tc.tgts = rs
					return true
				}
			}
		}
	}
	return false
}

// actNoun reports whether noun c names an act or a party's conduct: an
// event noun, a noun of an act the lexicon's event_anaphors or
// conduct_nouns list, or of the lexicon's event_nouns.
func (sc *sentCtx) actNoun(c int) bool {
	l := sc.lemmas[c]
	_, anaphor := sc.c.lex.eventAnaphors[l]
	return sc.isEventNoun(c) || anaphor || sc.c.lex.conductNouns[l] || sc.c.lex.eventNouns[l]
}

// armedForces reports whether token h names armed forces (troops, units):
// an agent of role MIL.
func (sc *sentCtx) armedForces(h int) bool {
	if mm, ok := sc.mentionAt(h); ok && mm.Kind == dict.KindAgent && mm.Actor.Role == "MIL" {
		return true
	}
	return sc.c.lex.agentRoles[sc.lemmas[h]] == "MIL"
}

// argComplementActor: a threat or intent whose act has no pattern still
// names whom it is aimed at ("threatened to retaliate against U.S.
// drills"): the first actor in its complement.
func argComplementActor(sc *sentCtx, tc *targetCtx) bool {
	kind := tc.m.p.Embed
	if len(tc.tgts) > 0 || kind == dict.EmbedNone || tc.m.embedded != nil || !(kind == dict.EmbedThreat || kind == dict.EmbedIntent) {
		return false
	}
	for _, c := range tc.m.deps {
		if r := sc.rel(c); r == "xcomp" || r == "ccomp" {
			if t := sc.firstActorIn(c, tc.srcs); len(t) > 0 {
				tc.tgts = t
				return true
			}
		}
	}
	return false
}

// argRefusedCall: a refusal of calls for something names the party in
// what is refused ("rejecting calls for talks with Hamas"), also when the
// parse hangs the "for" phrase on the refusing verb after its object
// rather than on the object (the EWT+GUM parse).
func argRefusedCall(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || tc.m.p.Embed != dict.EmbedRefuse || tc.m.embedded != nil {
		return false
	}
	obj := -1
	for _, c := range tc.m.deps {
		if nlp.RelIs(sc.rel(c), "obj") {
			obj = c
			for _, k := range sc.tree.Children(c) {
				if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "for" {
					if t := sc.firstActorIn(k, tc.srcs); len(t) > 0 {
						tc.tgts = t
					}
				}
			}
		}
	}
	if len(tc.tgts) == 0 && obj >= 0 {
		for _, c := range tc.m.deps {
			if c > obj && nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == "for" {
				if t := sc.firstActorIn(c, tc.srcs); len(t) > 0 {
					tc.tgts = t
					break
				}
			}
		}
	}
	return len(tc.tgts) > 0
}

// argComplementAgainst: whom the act in an embedding's complement is aimed
// at ("vowed to continue its protests against the government").
func argComplementAgainst(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || tc.m.p.Embed == dict.EmbedNone {
		return false
	}
	for _, c := range tc.m.deps {
		if r := sc.rel(c); r == "xcomp" || r == "ccomp" || (r == "advcl" && sc.hasTo(c)) {
			if t := removeSame(sc.againstIn(c), tc.srcs); len(t) > 0 {
				tc.tgts = t
				return true
			}
		}
	}
	return false
}

// argComplementEvent: the act in the complement of an investigation or an
// acknowledgement: the perpetrator of what is investigated, the victims of
// what is acknowledged (the object of an acknowledged act no pattern
// codes).
func argComplementEvent(sc *sentCtx, tc *targetCtx) bool {
	code := tc.code
	if len(tc.tgts) > 0 || tc.m.p.Embed != dict.EmbedNone || !(code == cameo.CodeAcknowledge || cameo.Investigations.Has(code)) {
		return false
	}
	e := sc.complementEvent(tc.m, tc.byTok)
	if e == nil {
		if code == cameo.CodeAcknowledge {
			// an act no pattern codes ("acknowledged inflicting
			// civilian casualties"): the victims are its object
			tc.tgts = removeSame(sc.complementObject(tc.m), tc.srcs)
			return len(tc.tgts) > 0
		}
		return false
	}
	if cameo.Investigations.Has(code) {
		s, _ := sc.subjectOf(e.clause, 0)
		tc.tgts = removeSame(s, tc.srcs)
	} else {
		es, _ := sc.subjectOf(e.clause, 0)
		t, _ := sc.targets(e, e.p.Code, es, false, tc.byTok, tc.depth+1)
		tc.tgts = removeSame(t, tc.srcs)
	}
	return true
}

// complementObject returns the actors of the object of a gerund that
// complements m's verb with no marker or subject of its own.
func (sc *sentCtx) complementObject(m *match) []actorRef {
	for _, c := range m.deps {
		if r := sc.rel(c); (r != "xcomp" && r != "ccomp" && r != "advcl") || !strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG") || sc.hasAnyMark(c) || sc.tree.ChildWith(c, "nsubj") >= 0 {
			continue
		}
		if o := sc.tree.ChildWith(c, "obj"); o >= 0 {
			return sc.actorsAt(o)
		}
	}
	return nil
}

// argAccuser: a denial in answer to an accusation ("X accused Y of ..., a
// charge Y rejected") answers the accuser, also when the parse hung the
// answer's noun inside what the accusation says ("charge" a conjunct of
// "backing": the nearest event above that is not said is the accusation).
func argAccuser(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || tc.code != cameo.CodeDeny {
		return false
	}
	h := sc.tree.Head(tc.m.clause)
	for steps := 0; steps < 4 && h >= 0 && (tc.byTok[h] == nil || tc.byTok[h].consumed) && sc.rel(h) != "root"; steps++ {
		h = sc.tree.Head(h)
	}
	if h >= 0 && tc.byTok[h] != nil && cameo.Disapprovals.Has(tc.byTok[h].p.Code) {
		if s, _ := sc.subjectOf(h, 0); len(s) > 0 {
			tc.tgts = removeSame(s, tc.srcs)
			return true
		}
	}
	return false
}

// argJoinedClause: a coordinated clause or a participle without a slot
// word takes the target of the clause it joins ("..., threatening to block
// highways", "accused X ... and seized four trawlers"). A participle set
// before its clause only sets the scene ("Speaking at a news conference,
// the minister accused Y"): it does not take the clause's target.
func argJoinedClause(sc *sentCtx, tc *targetCtx) bool {
	m := tc.m
	if len(tc.tgts) > 0 || cameo.Statements.Has(tc.code) || m.p.TargetMode == dict.TargetRequired {
		return false
	}
	h := sc.tree.Head(m.clause)
	if r := sc.rel(m.clause); !(r == "conj" || (r == "advcl" && !sc.hasSlotWord(m) && !(m.clause < h && sc.s.Tokens[m.clause].XPOS == "VBG"))) {
		return false
	}
	if h < 0 || tc.byTok[h] == nil || tc.byTok[h] == m || sc.c.lex.speech[sc.lemmas[h]] {
		return false
	}
	if sc.rel(m.clause) == "conj" && sc.tree.ChildWith(m.clause, "nsubj") >= 0 && sc.targetWord(m) >= 0 {
		// a clause with a subject and people or property of its own
		// acted on is another actor's act on them ("militants released
		// hostages, and troops freed prisoners": argument.population)
		return false
	}
	if tc.byTok[h].tgts != nil {
		tc.tgts = removeSame(tc.byTok[h].tgts, tc.srcs)
	} else {
		tc.tgts = removeSame(sc.targetOf(tc.byTok[h], false), tc.srcs)
	}
	return true
}

// argReportedAct: condemning reports of an act ("condemned reports of mass
// killings in El Fasher") targets who did it, else where it happened.
func argReportedAct(sc *sentCtx, tc *targetCtx) bool {
	m := tc.m
	if len(tc.tgts) > 0 || !cameo.Disapprovals.Has(tc.code) {
		return false
	}
	for _, d := range m.deps {
		if r := sc.rel(d); d == m.trig || !(nlp.RelIs(r, "obj") || nlp.RelIs(r, "obl")) || !sc.c.lex.reportNouns[sc.lemmas[d]] {
			continue
		}
		for _, k := range sc.tree.Children(d) {
			if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "of" && sc.isEventNoun(k) {
				tc.tgts = removeSame(sc.npFallback(k), tc.srcs)
			}
		}
	}
	return len(tc.tgts) > 0
}

// argEventAnaphor: condemning or rejecting a definite act ("condemned the
// attack", "rejected the sanctions") targets the one who carried out the
// act the article reported.
func argEventAnaphor(sc *sentCtx, tc *targetCtx) bool {
	code := tc.code
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !(cameo.Disapprovals.Has(code) || cameo.Rejections.Has(code) || code == cameo.CodeDeny) {
		return false
	}
	tc.tgts = sc.eventAnaphor(tc.m, tc.srcs)
	return true
}

// argDomesticGovernment: a domestic demand or protest addresses the
// government (a participle, "marched ... demanding higher pay", only
// describes the protest); a protest abroad addresses the host government
// ("activists from A staged a protest in B's capital").
func argDomesticGovernment(sc *sentCtx, tc *targetCtx) bool {
	code, m := tc.code, tc.m
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !(cameo.Demands.Has(code) || cameo.Protests.Has(code) || (m.content == ruleContentThreat && cameo.Protests.Has(m.p.Code))) {
		// (a protest threatened, 133, is aimed as the protest is:
		// mood.threatened-act)
		return false
	}
	src := tc.srcs[0]
	participle := strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") && sc.rel(m.clause) != "root"
	if src.actor.Role == "GOV" || bareState(src) || transnational(src.actor.Code) || participle {
		return false
	}
	c := src.actor.Code
	if cameo.Protests.Has(code) || m.content == ruleContentThreat {
		if h := sc.protestVenue(m); h != "" {
			c = h
		}
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "GOV"}, resolved: true, tok: -1, rule: "argument.domestic-government"}}
	return true
}

// argPopulation: force or coercion against people or property no actor
// names ("shelled a village", "released 40 prisoners") targets the
// population: of whoever owns the property ("targets used by the
// Ukrainian army"), else where it happens, else, for prisoners, hostages
// or civilians, the other party named before the act, else, for a
// seizure of a thing the article told of before ("seized the ship"), the
// target of the source's last act, else the source's own country;
// not for the mutual acts of a compound subject ("A and B agreed to a
// ceasefire").
func argPopulation(sc *sentCtx, tc *targetCtx) bool {
	code, m, srcs := tc.code, tc.m, tc.srcs
	if len(tc.tgts) > 0 || len(srcs) == 0 || !cameo.PopulationActs.Has(code) {
		return false
	}
	k := sc.targetWord(m)
	if k < 0 {
		k = sc.requiredPopulationObject(m)
	}
	if k < 0 || (len(srcs) >= 2 && m.p.Mutual != dict.MutualNone) {
		return false
	}
	c := ""
	if cameo.Force.Has(code) {
		c = sc.ownerInPhrase(k, srcs)
	}
	c = firstNonEmpty(c, sc.clausePlace(m.clause))
	c = firstNonEmpty(c, sc.locative(m.clause))
	rule := "argument.population"
	if c == "" && sc.victimNoun(k) {
		// prisoners or hostages are the other party's, not their
		// captor's (actor.victim-country)
		if c = sc.otherPartyBefore(m.trig, srcs); c != "" {
			rule = ruleVictimCountry
		}
	}
	if c == "" && cameo.Sanctions.Has(code) && sc.definite(k) {
		// "seized the ship" told again: whose the article said it was
		// when the source seized it before (the target of its last act)
		if t, ok := sc.art.lastTargetOf(srcs); ok {
			c = t.actor.Code
		}
	}
	if c == "" {
		c = srcs[0].actor.Code
	}
	if c == "" || transnational(c) {
		return false
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "CVL"}, resolved: true, tok: -1, rule: rule}}
	return true
}

// argObjectOwner: a sanction whose object is property or trade that a
// party owns ("froze Iran's assets", "seized the Syrian minister's
// accounts", "halted imports belonging to ...") with no target named is
// aimed at the owner its object names (ownerInPhrase), not the
// source; the passive's subject likewise ("Libya's funds were frozen").
func argObjectOwner(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !cameo.Sanctions.Has(tc.code) {
		return false
	}
	rel := "obj"
	if tc.passive {
		rel = "nsubj:pass"
	}
	k := sc.tree.ChildWith(tc.m.trig, rel)
	if k < 0 {
		return false
	}
	c := sc.ownerInPhrase(k, tc.srcs)
	if c == "" {
		return false
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: c}, resolved: true, tok: -1, rule: "argument.object-owner"}}
	return true
}

// ruleContextRecipient: a recipient the story named before.
const ruleContextRecipient = "argument.context-recipient"

// codeSympathy is CAMEO 018, condolences and sympathy.
const codeSympathy = "018"

// argContextRecipient: sympathy, a pledge of aid or aid given with no
// recipient in the sentence ("Norway pledged $4 million") is for the one
// the article gave aid to last, else the state it named as the place of
// the story (the country struck by the earthquake), not a giver; sympathy
// when the story names no state but the giver's is for the giver's own
// people; the actor is inferred from the sentence that named it.
//
// Aid given to people the sentence names without a country, who took the
// giver's country only because the giver was named before them ("Japan
// will send tents to families displaced by the floods"), goes to that
// recipient too: aid is given to another.
func argContextRecipient(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) == 1 && len(tc.srcs) > 0 && tc.code != codeSympathy && cameo.Assistance.Has(tc.code) &&
		tc.tgts[0].rule == "actor.agent-before" && hasCode(tc.srcs, tc.tgts[0].actor.Code) {
		// the state, its people, capital or city named after them in the sentence ("... in
		// northern Bangladesh"), else the article's recipient
		t := tc.tgts[0]
		for _, m := range sc.mentions {
			if m.Start > t.tok && (m.Kind == dict.KindState || m.Kind == dict.KindDemonym || m.Kind == dict.KindCapital || m.Kind == dict.KindCity) && m.Actor.Code != "" &&
				!transnational(m.Actor.Code) && !hasCode(tc.srcs, m.Actor.Code) {
				t.actor.Code, t.rule = m.Actor.Code, ruleContextRecipient
				tc.tgts = []actorRef{t}
				return true
			}
		}
		if r, ok := sc.art.recipient(tc.srcs); ok {
			r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, ruleContextRecipient, false
			tc.tgts = []actorRef{recalled(r)}
			return true
		}
	}
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !cameo.Assistance.Has(tc.code) {
		return false
	}
	if t, ok := sc.laterState(tc.m.trig, tc.srcs); ok && tc.code != codeSympathy {
		// aid whose recipient the sentence names after the act, as the
		// place the disaster struck or whose request it answers ("pledged
		// $5 million after the cyclone hit southern Mozambique")
		tc.tgts = []actorRef{t}
		return true
	}
	r, ok := sc.art.recipient(tc.srcs)
	if !ok && tc.code == codeSympathy {
		// sympathy with no other state in the story is for the
		// giver's own people ("the mayor offered his condolences" after
		// a blast in his own country): aid is given to another, grief
		// is shared at home too
		r, ok = sc.art.ownSufferers(tc.srcs)
	}
	if !ok {
		return false
	}
	r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, ruleContextRecipient, false
	tc.tgts = []actorRef{recalled(r)}
	return true
}

// laterState returns a state, or the people or government its demonym
// names, named after token trig in the sentence, not one of the givers nor
// an organisation, and not beside a giver in a coordination: the
// recipient aid named with no "to" ("provided tents at the request of the
// Peruvian government").
func (sc *sentCtx) laterState(trig int, givers []actorRef) (actorRef, bool) {
	for _, m := range sc.mentions {
		if m.Start <= trig || !(m.Kind == dict.KindState || m.Kind == dict.KindDemonym) || m.Actor.Code == "" ||
			transnational(m.Actor.Code) || hasCode(givers, m.Actor.Code) {
			continue
		}
		if sc.rel(m.End-1) == "conj" || (m.End < sc.n && sc.upos(m.End) == "SYM") {
			// (a co-giver; the "US" of "US$ 5 million")
			continue
		}
		return actorRef{actor: dyad.Actor{Code: m.Actor.Code}, resolved: true, tok: -1, rule: ruleContextRecipient}, true
	}
	return actorRef{}, false
}

// codeOfficialComplaint is CAMEO 114, complain officially: a protest
// lodged, a diplomat summoned; it is always lodged with another party.
const codeOfficialComplaint = "114"

// codeApologize is CAMEO 055, apologize.
const codeApologize = "055"

// argContextTarget: a sanction, an expulsion or ties cut (reduced
// relations, 16) with no target in the sentence ("The bloc also imposed
// sanctions", "Ottawa expelled two diplomats": a state the sentence names
// after the act, else the target of the article's last act of the kind,
// whoever did it), and an appeal, demand or
// criticism by an organisation with no addressee ("the agency called for
// an inquiry", "the bloc condemned the killing of a mayor"), is aimed at
// the party the article aimed the source's last act at, else at the state
// it named last that is not the source: the party a story names once and
// then leaves out, as aid's recipient (argument.context-recipient). A
// state's own appeal with no addressee is often for its own people, so
// not for states; but an official complaint ("Japan lodged a protest
// through its embassy", 114) is lodged with another party whoever makes
// it (when a verb or a light verb lodges it: "resigned in protest" is
// no complaint to anyone), with whoever last acted against the source
// first; not for a mutual act. An apology with no addressee ("I
// offer my sincere apology") is owed to the target of the source's last
// act in the article, and to no one when it has none.
func argContextTarget(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || tc.ownSlot || (len(tc.srcs) >= 2 && tc.m.p.Mutual != dict.MutualNone) {
		return false
	}
	if cameo.Under(tc.code, codeApologize) {
		// an apology is owed to whom the source's last act harmed
		r, ok := sc.art.lastTargetOf(tc.srcs)
		if !ok {
			return false
		}
		r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, "argument.context-target", false
		tc.tgts = []actorRef{recalled(r)}
		return true
	}
	lodged := cameo.Under(tc.code, codeOfficialComplaint) && (sc.upos(tc.m.trig) == "VERB" || len(tc.m.p.Light) > 0)
	if !(cameo.ReducedRelations.Has(tc.code) || lodged || (cameo.Grievances.Has(tc.code) && transnational(tc.srcs[0].actor.Code))) {
		return false
	}
	if cameo.ReducedRelations.Has(tc.code) && sc.c.lex.domesticRoles[strings.ToLower(tc.srcs[0].actor.Role)] {
		// a domestic actor's act: argument.domestic-default
		return false
	}
	if cameo.ReducedRelations.Has(tc.code) {
		// a state the sentence names after the act ("suspended flights to
		// and from Venezuela"), else whom the article's last act of the
		// kind was aimed at ("Britain also announced new sanctions")
		if t, ok := sc.laterState(tc.m.trig, tc.srcs); ok {
			t.rule = "argument.context-target"
			tc.tgts = []actorRef{t}
			return true
		}
		if t, ok := sc.art.lastTargetOfRoot(tc.code[:2], tc.srcs); ok {
			t.tok, t.span, t.resolved, t.rule, t.place = -1, dyad.Span{}, true, "argument.context-target", false
			tc.tgts = []actorRef{recalled(t)}
			return true
		}
	}
	r, ok := actorRef{}, false
	if lodged {
		// a complaint goes to whoever last acted against the source
		// ("Azerbaijani forces shelled Armenian villages. Armenia lodged
		// a protest")
		r, ok = sc.art.lastSourceAgainst(tc.srcs)
	}
	if !ok {
		r, ok = sc.art.contextTarget(tc.srcs)
	}
	if !ok {
		return false
	}
	r.tok, r.span, r.resolved, r.rule, r.place = -1, dyad.Span{}, true, "argument.context-target", false
	tc.tgts = []actorRef{recalled(r)}
	return true
}

// ruleDomesticDefault: a domestic actor's act aimed at no one named.
const ruleDomesticDefault = "argument.domestic-default"

// argDomesticDefault: an act with no target named whose source is one of
// a state's domestic actors that are not its government (domestic_roles, lower case:
// the opposition, police, rebels, courts, civilians: "the opposition
// party denounced the mining law", "police detained 30 dockworkers")
// is aimed at its own state (convention 7:
// domestic dyads are normal); not for the mutual act of a compound
// subject, a state's government or an organisation, nor for force, a
// meeting or aid, nor an act on the source's own things.
func argDomesticDefault(sc *sentCtx, tc *targetCtx) bool {
	code, m := tc.code, tc.m
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || tc.ownSlot || (len(tc.srcs) >= 2 && (m.p.Mutual != dict.MutualNone || sc.reciprocal(m))) {
		return false
	}
	if (cameo.Force.Has(code) && !sc.hasTargetWord(m)) || code == cameo.CodeStatement || cameo.Undirected.Has(code) || (cameo.CooperativeActs.Has(code) && cameo.Deeds.Has(code) && !cameo.PopulationActs.Has(code)) {
		// fighting with no one named, a meeting or aid needs a party of
		// its own ("we are still fighting", "spoke at the
		// conference"); force posture has a null target, and a bare
		// statement addresses no one
		return false
	}
	if v := m.clause; sc.nounClause(v) || (strings.HasPrefix(sc.s.Tokens[v].XPOS, "VBG") && sc.rel(v) != "root" && (cameo.Demands.Has(code) || cameo.Protests.Has(code))) {
		// a participle or a clause on a noun describes the actor or
		// what is said of it ("students demanding lower fees", "claims
		// that its officers had beaten detainees")
		return false
	}
	src := tc.srcs[0]
	c := src.actor.Code
	if c == "" || transnational(c) || !sc.c.lex.domesticRoles[strings.ToLower(src.actor.Role)] {
		return false
	}
	for _, s := range tc.srcs[1:] {
		if s.actor.Code != c {
			return false
		}
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "GOV"}, resolved: true, tok: -1, rule: ruleDomesticDefault}}
	return true
}

// codeAdminSanctions is CAMEO 172, impose administrative sanctions:
// restrictions on freedoms, bans on parties, curfews, states of emergency
// and martial law (1721-1724).
const codeAdminSanctions = "172"

// argHomeRestriction: a curfew, a state of emergency, martial law or a
// ban on rallies imposed by a state with no one named ("declared a state
// of emergency", "imposed a nightly curfew") is laid on the state's own
// people (a place the slots name, "a curfew on Hebron", is found before;
// a city named "in" is where, and city names are ambiguous).
func argHomeRestriction(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !cameo.Under(tc.code, codeAdminSanctions) {
		return false
	}
	c := tc.srcs[0].actor.Code
	if c == "" || transnational(c) {
		return false
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "CVL"}, resolved: true, tok: -1, rule: "argument.home-restriction"}}
	return true
}

// argForcePlace: force with no target named is aimed at the place struck
// ("launched air strikes across Gaza").
func argForcePlace(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) == 0 || !cameo.Force.Has(tc.code) {
		return false
	}
	if c := sc.forcePlace(tc.m); c != "" && !hasCode(tc.srcs, c) {
		tc.tgts = []actorRef{{actor: dyad.Actor{Code: c}, resolved: true, tok: -1, rule: "argument.force-place"}}
		return true
	}
	return false
}

// argAttackerCountry: force by an armed group or unidentified attackers
// (roles REB, UAF), which take the country where they operate (convention
// 7), with no target named ("the militants detonated a truck bomb at
// the checkpoint") is aimed at that country's people. Not for a passive
// (its attacker is inferred), an attack noun with its light verb (often
// the event told again), nor a mutual act ("we are still fighting": with
// whom, the sentence does not say).
func argAttackerCountry(sc *sentCtx, tc *targetCtx) bool {
	if len(tc.tgts) > 0 || len(tc.srcs) != 1 || !cameo.Force.Has(tc.code) || tc.passive || len(tc.m.p.Light) > 0 || tc.m.p.Mutual != dict.MutualNone {
		// a passive's attacker is inferred, and an attack noun is
		// often the event told again ("said it carried out the attack")
		return false
	}
	src := tc.srcs[0]
	if r := src.actor.Role; (r != "REB" && r != "UAF") || src.tok < 0 || src.tok >= sc.n || sc.upos(src.tok) == "PRON" || src.actor.Code == "" || transnational(src.actor.Code) {
		// (an attacker the sentence names by a noun: not one inferred
		// for a killing "in a bombing", nor a pronoun's guess)
		return false
	}
	tc.tgts = []actorRef{{actor: dyad.Actor{Code: src.actor.Code}, resolved: true, tok: -1, rule: "argument.attacker-country"}}
	return true
}

// target finds candidate k's target (targets), then settles what the
// conventions of its kind need: the first actor after a military strike,
// unnamed victims and sanctioned parties given their own country, the
// addressee of an official protest. It returns the rule and why when the
// candidate needs a target and has none.
func (sc *sentCtx) target(k *cand, byTok []*match) (string, string) {
	p := k.p
	if p.TargetMode == dict.TargetNone {
		return "", ""
	}
	tc := sc.findTargets(k.match, k.code, k.srcs, k.passive, byTok, 0)
	k.tgts, k.tgtRule = tc.tgts, tc.rule
	k.steps = append(k.steps, tc.steps...)
	if k.milStrike && len(k.tgts) == 0 {
		// the parse rarely attaches what a strike hit: the first actor
		// named after it
		k.tgts, k.tgtRule = sc.firstActorIn(k.clause, k.srcs), ruleStrikeFirst
	}
	if cameo.PopulationActs.Has(k.code) {
		// unnamed people force or coercion was used against are of
		// where it happened, not the source's
		k.tgts = sc.forceVictims(k.match, k.tgts, k.srcs)
	}
	k.tgts = sc.victimsOwnCountry(k.match, k.tgts, k.srcs)
	if cameo.Sanctions.Has(k.code) || cameo.Force.Has(k.code) {
		k.tgts = sc.foreignUnnamed(k.tgts, k.srcs, k.code)
	}
	if k.official && len(k.tgts) == 0 {
		// "protested to China"
		if c := sc.findDep(k.match, "", "to", nil); c >= 0 {
			k.tgts, k.tgtRule = removeSame(sc.actorsAt(c), k.srcs), ruleProtestTo
		}
	}
	if len(k.tgts) > 0 {
		return "", ""
	}
	k.tgtRule = ""
	m, kind := k.match, k.kind
	pairs := len(k.srcs) >= 2 && (p.Mutual != dict.MutualNone || sc.reciprocal(m) || sc.jointIntent(m, kind) || (m.embedded != nil && (m.embedded.p.Mutual != dict.MutualNone || isIntent(kind))))
	switch {
	case cameo.Statements.Has(k.code), pairs:
	case cameo.Appeals.Has(k.code) && p.TargetMode != dict.TargetRequired && sc.addressee(m):
		k.step(ruleAddressee, "addressed to no actor: null target")
	case (cameo.Undirected.Has(k.code) || p == contentMeasuresPattern) && p.TargetMode != dict.TargetRequired:
		// (further measures threatened with no "against": null target)
		k.step(ruleUndirected, "an act with no addressee: null target")
	default:
		return ruleNoTarget, "no target actor"
	}
	return "", ""
}

// jointIntent reports whether an intent is agreed between the parties of
// its subject ("Manila and Jakarta agreed to extend patrols": an agreement
// verb) though no pattern codes what they agreed to.
func (sc *sentCtx) jointIntent(m *match, kind dict.EmbedKind) bool {
	return isIntent(kind) && m.embedded == nil && sc.c.lex.agreementVerbs[sc.lemmas[m.trig]]
}

// settleTargets collapses the targets and drops a candidate whose pattern
// requires a target and has none.
func (sc *sentCtx) settleTargets(k *cand) (string, string) {
	k.tgts = sc.collapseSame(k, k.tgts)
	k.match.tgts = k.tgts
	if k.p.TargetMode == dict.TargetRequired && len(k.tgts) == 0 {
		return ruleRequiredTgt, "no target actor"
	}
	return "", ""
}

// firstActorIn returns the first actor named in the subtree of v other
// than the sources (the target of "work towards ending the conflict in
// Ukraine").
func (sc *sentCtx) firstActorIn(v int, srcs []actorRef) []actorRef {
	f, l := sc.tree.Subtree(v)
	if l < sc.n-1 && v+1 < sc.n && !sc.inRelative(v) {
		// the parse may have cut the clause short ("... if Ethiopian
		// troops crossed the border"): read on to the sentence end (not
		// out of a relative clause: "X, who had promised to return, ...")
		l = sc.n - 1
	}
	for j := f; j <= l; j++ {
		if nlp.RelIs(sc.rel(j), "nsubj") {
			continue
		}
		if mm, ok := sc.mentionAt(j); ok && mm.Kind != dict.KindAgent && mm.Actor.Code != "" {
			if sc.modifiesThing(mm.End - 1) {
				// "the Beijing Olympics", "the Paris Games": a place
				// that only names an occasion is not a party
				continue
			}
			r := actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind, rule: ruleDictionary}
			if len(removeSame([]actorRef{r}, srcs)) == 1 {
				return []actorRef{r}
			}
		}
	}
	return nil
}

// againstOf returns the actors named after "against" on the match's verb
// or on its object: whom the act is aimed at ("suspend its protests
// against the government").
func (sc *sentCtx) againstOf(m *match) []actorRef {
	for _, d := range m.deps {
		if d == m.trig {
			continue
		}
		cands := []int{d}
		if nlp.RelIs(sc.rel(d), "obj") || nlp.RelIs(sc.rel(d), "obl") || nlp.RelIs(sc.rel(d), "nmod") {
			cands = append(cands, sc.tree.Children(d)...)
		}
		for _, c := range cands {
			if r := sc.rel(c); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) || sc.caseOf(c) != "against" {
				continue
			}
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return rs
			}
			if rs := sc.npFallback(c); len(rs) > 0 {
				return rs
			}
		}
	}
	return nil
}

// againstIn returns the actors named after "against" in the subtree of
// clause v.
func (sc *sentCtx) againstIn(v int) []actorRef {
	f, l := sc.tree.Subtree(v)
	for j := f; j <= l; j++ {
		if r := sc.rel(j); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) || sc.caseOf(j) != "against" || !sc.tree.Dominates(v, j) {
			continue
		}
		if rs := sc.actorsAt(j); len(rs) > 0 {
			return rs
		}
	}
	return nil
}

// restatedParties returns the two parties of the article's most recent
// event of candidate k's root that had both (an event told again: "the
// clash took place on Friday"), inferred; nil when there is none.
func (sc *sentCtx) restatedParties(k *cand) []actorRef {
	root := k.code[:2]
	for i := len(sc.art.events) - 1; i >= 0; i-- {
		e := sc.art.events[i]
		if e.root != root || e.src.actor.Code == "" || e.tgt.actor.Code == "" || e.src.actor.Code == e.tgt.actor.Code {
			continue
		}
		out := []actorRef{e.src, e.tgt}
		for j := range out {
			out[j].span, out[j].tok, out[j].resolved, out[j].rule, out[j].inferred = sc.span(k.trig, k.trig), k.trig, true, ruleRestated, true
		}
		return out
	}
	return nil
}

// eventAnaphor resolves a definite description of an act in the target
// slot of m ("the attack", "these sanctions") to the source of the most
// recent event of that kind in the article, other than the sources.
func (sc *sentCtx) eventAnaphor(m *match, srcs []actorRef) []actorRef {
	slots := targetSlots(m)
	for _, sl := range slots {
		c := sc.findDep(m, sl.Rel, sl.Prep, nil)
		if c < 0 {
			continue
		}
		var roots []string
		ok := false
		for _, w := range []string{sc.lemmas[c], strings.ToLower(sc.words[c])} {
			if roots, ok = sc.c.lex.eventAnaphors[w]; ok {
				break
			}
			if roots, ok = sc.c.lex.eventAnaphors[strings.TrimSuffix(w, "s")]; ok {
				break
			}
		}
		if !ok || !(sc.definite(c) || sc.allOf(c)) {
			continue
		}
		// a plural ("denied the accusations", "all allegations") is the
		// acts of every party that did them, most recent first
		plural := sc.s.Tokens[c].XPOS == "NNS"
		var out []actorRef
		for i := len(sc.art.events) - 1; i >= 0; i-- {
			e := sc.art.events[i]
			if !slices.Contains(roots, e.root) || len(removeSame([]actorRef{e.src}, srcs)) == 0 || hasCode(out, e.src.actor.Code) {
				continue
			}
			r := e.src
			r.span, r.tok, r.resolved, r.rule, r.inferred = sc.span(c, c), c, true, ruleEventAnaphorAc, true
			out = append(out, r)
			if !plural || len(out) == 3 {
				break
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// targetWord returns a word in one of the match's target slots that names
// people or property force is used against, or -1.
func (sc *sentCtx) targetWord(m *match) int {
	slots := targetSlots(m)
	for _, sl := range slots {
		c := sc.findDep(m, sl.Rel, sl.Prep, nil)
		if c < 0 {
			continue
		}
		for _, k := range sc.conjuncts(c) {
			if sc.c.lex.population[sc.lemmas[k]] {
				return k
			}
		}
	}
	return -1
}

// requiredPopulationObject returns the object a pattern requires with any
// lemma (obj=*, the thing struck: "recaptured the town", "besieged the
// camp") when it is a population noun though the pattern looks for its
// target elsewhere ("from" whom), else -1.
func (sc *sentCtx) requiredPopulationObject(m *match) int {
	for _, d := range m.p.Require {
		if d.Rel != "obj" || len(d.Lemmas) > 0 {
			continue
		}
		if c := sc.findDep(m, d.Rel, d.Prep, nil); c >= 0 {
			for _, k := range sc.conjuncts(c) {
				if sc.c.lex.population[sc.lemmas[k]] {
					return k
				}
			}
		}
	}
	return -1
}

// hasTargetWord reports whether one of the match's target slots holds a
// word (an object that is not an actor).
func (sc *sentCtx) hasTargetWord(m *match) bool { return sc.targetWord(m) >= 0 }

// hasSlotWord reports whether one of the match's target slots holds a
// word at all ("fighting the fires": an object that names no actor).
func (sc *sentCtx) hasSlotWord(m *match) bool {
	slots := targetSlots(m)
	for _, sl := range slots {
		if sc.findDep(m, sl.Rel, sl.Prep, nil) >= 0 {
			return true
		}
	}
	return false
}

// slotHas reports whether slots include the relation rel.
func slotHas(slots []dict.Slot, rel string) bool {
	for _, s := range slots {
		if s.Rel == rel {
			return true
		}
	}
	return false
}

// ownerInPhrase returns the country of an actor named inside the noun
// phrase of k, other than the sources ("depots belonging to Hezbollah",
// "targets used by the Ukrainian army"), or "".
func (sc *sentCtx) ownerInPhrase(k int, srcs []actorRef) string {
	f, l := sc.tree.Subtree(k)
	for j := f; j <= l; j++ {
		mm, ok := sc.mentionAt(j)
		if !ok || mm.Kind == dict.KindAgent || mm.Actor.Code == "" || transnational(mm.Actor.Code) || hasCode(srcs, mm.Actor.Code) {
			continue
		}
		if sc.ownedVia(k, j) {
			return mm.Actor.Code
		}
	}
	return ""
}

// ownedVia reports whether the path from token j up to k names an owner
// or user ("Ukrainian positions", "depots belonging to Hezbollah", "bases
// of the army"), not a place nearby ("a village near the border with
// Niger").
func (sc *sentCtx) ownedVia(k, j int) bool {
	for steps := 0; j >= 0 && j != k && steps <= sc.n; steps++ {
		r := sc.rel(j)
		switch {
		case r == "acl" && sc.c.lex.owningVerbs[sc.lemmas[j]]:
		case r == "amod", r == "compound", r == "flat", r == "conj", r == "nmod:poss", r == "det:poss", r == "obl:agent":
		case nlp.RelIs(r, "nmod") || nlp.RelIs(r, "obl"):
			if !sc.c.lex.ownershipPreps[sc.caseOf(j)] {
				return false
			}
		default:
			return false
		}
		j = sc.tree.Head(j)
	}
	return j == k
}

// forcePlace returns the country of a state, capital or city named as
// where force was used, on the trigger or its clause ("strikes across
// Gaza", "shelling in Donetsk"), or on an attack noun that is the clause's
// subject ("a missile strike on Kharkiv killed six"), or "".
func (sc *sentCtx) forcePlace(m *match) string {
	subj := -1
	if k := sc.tree.ChildWith(m.clause, "nsubj"); k >= 0 && forceNoun(sc.c.lex.eventAnaphors[sc.lemmas[k]]) {
		subj = k
	}
	for _, v := range []int{m.trig, m.clause, subj} {
		if v < 0 {
			continue
		}
		for _, c := range sc.tree.Children(v) {
			if r := sc.rel(c); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) {
				continue
			}
			if !sc.c.lex.forcePlacePreps[sc.caseOf(c)] {
				continue
			}
			if mm, ok := sc.mentionAt(c); ok && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity || mm.Kind == dict.KindCapital) && !transnational(mm.Actor.Code) {
				return mm.Actor.Code
			}
		}
	}
	if len(m.p.Light) > 0 {
		// "carried out air strikes on what it described as hideouts in
		// Afghanistan": a place named after the attack noun that the
		// parse hung elsewhere
		for j := m.trig + 1; j < sc.n; j++ {
			if sc.upos(j) == "VERB" && sc.c.lex.speech[sc.lemmas[j]] {
				break
			}
			if mm, ok := sc.mentionAt(j); ok && mm.Start == j && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity) && !transnational(mm.Actor.Code) && sc.locativeAt(j) {
				return mm.Actor.Code
			}
		}
	}
	return ""
}

// clausePlace returns the country of a city, or of a state or capital
// named as a place ("in Iraq"), in the clause headed by v and not in a
// clause nested in it ("attacked ships, saying they act for Palestinians
// in Gaza"), or "".
func (sc *sentCtx) clausePlace(v int) string {
	f, l := sc.tree.Subtree(v)
	for j := f; j <= l; j++ {
		mm, ok := sc.mentionAt(j)
		if !ok || mm.Start != j || mm.Actor.Code == "" || transnational(mm.Actor.Code) {
			continue
		}
		if !(mm.Kind == dict.KindCity || ((mm.Kind == dict.KindState || mm.Kind == dict.KindCapital) && sc.locativeAt(j))) {
			continue
		}
		own := true
		for k, steps := sc.tree.Head(mm.End-1), 0; k >= 0 && k != v && steps <= sc.n; k, steps = sc.tree.Head(k), steps+1 {
			if isVerbal(sc.upos(k)) {
				own = false
				break
			}
		}
		if own && sc.tree.Dominates(v, mm.End-1) {
			return mm.Actor.Code
		}
	}
	return ""
}

// locative returns the country of a state named as where the clause's
// act happened ("struck targets in southern Lebanon").
func (sc *sentCtx) locative(v int) string {
	for _, c := range sc.tree.Children(v) {
		if !nlp.RelIs(sc.rel(c), "obl") || sc.caseOf(c) != "in" {
			continue
		}
		if m, ok := sc.mentionAt(c); ok && (m.Kind == dict.KindState || m.Kind == dict.KindCity) {
			return m.Actor.Code
		}
	}
	return ""
}

// protestVenue is the country of a state, city or capital named as where a
// protest happens ("in Beijing", "in France"), on the verb or the protest noun.
func (sc *sentCtx) protestVenue(m *match) string {
	for _, v := range []int{m.clause, m.trig} {
		if v < 0 {
			continue
		}
		for _, c := range sc.tree.Children(v) {
			r := sc.rel(c)
			if !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) || sc.caseOf(c) != "in" {
				continue
			}
			if mm, ok := sc.mentionAt(c); ok && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity || mm.Kind == dict.KindCapital) && !transnational(mm.Actor.Code) {
				return mm.Actor.Code
			}
		}
	}
	return ""
}

// venue returns the code of the place a meeting is held in, named after
// "in" or "at" on the verb or on its object, or "".
func (sc *sentCtx) venue(m *match) string {
	var cands []int
	for _, d := range m.deps {
		if d == m.trig {
			continue
		}
		cands = append(cands, d)
		if nlp.RelIs(sc.rel(d), "obj") {
			cands = append(cands, sc.tree.Children(d)...)
		}
	}
	for _, c := range cands {
		if r := sc.rel(c); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) {
			continue
		}
		if !sc.c.lex.venuePreps[sc.caseOf(c)] {
			continue
		}
		if mm, ok := sc.mentionAt(c); ok && mm.Actor.Code != "" {
			switch mm.Kind {
			case dict.KindState, dict.KindCapital, dict.KindCity, dict.KindOrganisation:
				return mm.Actor.Code
			}
		}
	}
	return ""
}

// addressee reports whether an appeal names whom it is addressed to in a
// prepositional target slot, though not as an actor ("appealed to donors",
// "called on the international community"): its target is null.
func (sc *sentCtx) addressee(m *match) bool {
	if m.p.Embed != dict.EmbedAppeal {
		return false
	}
	for prep := range sc.c.lex.addresseePreps {
		if c := sc.findDep(m, "", prep, nil); c >= 0 && (sc.upos(c) == "NOUN" || sc.upos(c) == "PROPN") && !sc.isEventNoun(c) {
			return true
		}
	}
	return false
}

// reciprocal reports whether the match's object is "each other" or "one
// another".
func (sc *sentCtx) reciprocal(m *match) bool {
	for _, c := range m.deps {
		if !nlp.RelIs(sc.rel(c), "obj") && !nlp.RelIs(sc.rel(c), "obl") && sc.rel(c) != "iobj" {
			continue
		}
		l := sc.lemmas[c]
		if (l == "each" || l == "one") && c+1 < sc.n && (sc.lemmas[c+1] == "other" || sc.lemmas[c+1] == "another") {
			return true
		}
		if l == "other" && c > 0 && sc.lemmas[c-1] == "each" {
			return true
		}
	}
	// "both sides accused each other of ..." with "each other" hung
	// elsewhere by the parse: the words right after the verb (past an
	// adverb or a preposition: "traded fire with each other")
	j := m.trig + 1
	for j < sc.n && (sc.upos(j) == "ADV" || sc.upos(j) == "ADP") && j <= m.trig+2 {
		j++
	}
	if j+1 < sc.n && m.trig == m.clause {
		if (sc.lemmas[j] == "each" && sc.lemmas[j+1] == "other") || (sc.lemmas[j] == "one" && sc.lemmas[j+1] == "another") {
			return true
		}
	}
	return false
}

// ownTerritory reports whether every target is the source's own country
// named as a bare state.
func ownTerritory(tgts []actorRef, src actorRef) bool {
	if len(tgts) == 0 {
		return false
	}
	for _, t := range tgts {
		if t.actor.Code != src.actor.Code || t.actor.Role != "" || t.kind != dict.KindState {
			return false
		}
	}
	return true
}

// officialActors reports whether all the actors are states, their
// governments or international organisations.
func officialActors(rs []actorRef) bool {
	for _, r := range rs {
		switch {
		case r.actor.Role == "GOV":
		case r.actor.Role == "" && (r.kind == dict.KindState || r.kind == dict.KindCapital):
		case r.actor.Code == "IGO":
		default:
			return false
		}
	}
	return len(rs) > 0
}

// removeSame drops targets that are one of the sources (same words, or
// the same code and role).
func removeSame(tgts, srcs []actorRef) []actorRef {
	var out []actorRef
	for _, t := range tgts {
		same := false
		for _, s := range srcs {
			if t.span == s.span || (t.actor.Code == s.actor.Code && t.actor.Role == s.actor.Role && !distinctBodies(t, s)) {
				same = true
			}
		}
		if !same {
			out = append(out, t)
		}
	}
	return out
}

func sameActors(a, b []actorRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].actor.Code != b[i].actor.Code {
			return false
		}
	}
	return true
}

// modifiesThing reports whether token h is a compound modifier of a noun
// that names no actor ("the Beijing Olympics").
func (sc *sentCtx) modifiesThing(h int) bool {
	if sc.rel(h) != "compound" {
		return false
	}
	p := sc.tree.Head(h)
	if p < 0 || (sc.upos(p) != "NOUN" && sc.upos(p) != "PROPN") || nlp.RelIs(sc.rel(p), "nsubj") {
		// a subject noun is more often a clause the parse broke ("that
		// Baku release ...") than an occasion
		return false
	}
	_, ok := sc.mentionAt(p)
	return !ok
}

// The rules that give an agentless passive the agent the story makes
// clear, an inferred actor (flag "inferred").
const (
	ruleImpliedAuthority = "argument.implied-authority"
	ruleOneAttacker      = "argument.one-attacker"
	ruleUnknownAttacker  = "argument.unknown-attacker"
)

// impliedAgent finds the agent an agentless passive verb leaves out when
// the story makes it clear: argument.implied-authority, the police,
// courts or government (by the verb's class in the lexicon's
// implied_agents: "were arrested", "was convicted", "were expelled") of
// the country where it happened (a place in the clause, else in the
// sentence), else of the state that reports it ("police said 158 were
// arrested"), else of the story's latest country (as an agent noun
// without a country takes it: actor.agent-article); argument.one-attacker,
// for force ("was shelled", "was shot"), the one actor the story has
// seen using force so far, when there is only one; argument.unknown-attacker,
// for force when the story has seen no attacker, unidentified attackers of
// the country where it happened (a place in the clause, else in the
// sentence: "rockets were fired at a base in Iraq"), with no role
// (convention 7); not for the lexicon's casualty_verbs ("were killed"),
// whose victims may have died in no one's attack, nor in the perfect ("has
// been cut off for a week"), a state more often than an attack.
func (sc *sentCtx) impliedAgent(k *cand) ([]actorRef, string) {
	if k.clause != k.trig || k.kind != dict.EmbedNone {
		return nil, ""
	}
	if s := sc.tree.ChildWith(k.clause, "nsubj:pass"); s < 0 || sc.c.lex.relativePronouns[sc.lemmas[s]] {
		// the passive must say who underwent it: a relative clause
		// ("a journalist who had been detained") describes its noun
		return nil, ""
	}
	// the actor, inferred from sentence sent (InferredFrom)
	inferred := func(a dyad.Actor, sent int) []actorRef {
		return []actorRef{{actor: a, tok: -1, resolved: true, inferred: true, unnamed: true, sent: sent}}
	}
	if role, ok := sc.c.lex.impliedAgents[sc.lemmas[k.trig]]; ok {
		code, sent := firstNonEmpty(firstNonEmpty(sc.clausePlace(k.clause), sc.place), sc.reporterState(k)), sc.idx
		if code == "" {
			code, sent = sc.art.focus(), sc.art.focusSentence()
		}
		if code == "" || transnational(code) {
			return nil, ""
		}
		return inferred(dyad.Actor{Code: code, Role: role}, sent), ruleImpliedAuthority
	}
	if !cameo.Force.Has(k.code) {
		return nil, ""
	}
	if !sc.earlierEvent(k.clause) {
		switch one, several := sc.art.oneAttacker(); {
		case several:
			return nil, ""
		case one != nil:
			return inferred(one.actor, one.sent), ruleOneAttacker
		}
	}
	if sc.c.lex.casualtyVerbs[sc.lemmas[k.trig]] || sc.perfect(k.clause) {
		// "six protesters were killed when the march turned violent":
		// victims, perhaps of no one's attack; "the village has been cut
		// off for a week": a state the story describes, not an attack
		return nil, ""
	}
	if code := firstNonEmpty(sc.clausePlace(k.clause), sc.place); code != "" && !transnational(code) {
		return inferred(dyad.Actor{Code: code}, sc.idx), ruleUnknownAttacker
	}
	return nil, ""
}

// earlierEvent reports whether clause v tells an event some time before
// the story's, measured from it ("came two weeks after fifty people were
// killed in a bombing"): its agent is not the attacker the story has seen.
// A clause only marked "after" ("after three soldiers were killed, the
// army struck back") may be the story's own event.
func (sc *sentCtx) earlierEvent(v int) bool {
	m := sc.tree.ChildWith(v, "mark")
	return m > 0 && sc.c.lex.priorEventMarkers[sc.lemmas[m]] && sc.c.lex.elapsedTime[sc.lemmas[m-1]]
}

// oneAttacker is the one actor the article has seen using force so far
// (not an attacker it only inferred), or nil when it has seen none or
// several;
// several reports that it has seen more than one.
func (a *article) oneAttacker() (one *actorRef, several bool) {
	for i := range a.events {
		e := &a.events[i]
		if !cameo.Force.Has(e.root) || e.src.inferred {
			// an attacker the story only inferred names no one
			continue
		}
		if one != nil && !sameActor(*one, e.src) {
			return nil, true
		}
		one = &e.src
	}
	return one, false
}

// perfect reports whether clause v is in the perfect ("has been
// shelled").
func (sc *sentCtx) perfect(v int) bool {
	for _, c := range sc.tree.Children(v) {
		if sc.rel(c) == "aux" && sc.lemmas[c] == "have" {
			return true
		}
	}
	return false
}

// documentParticiple reports whether clause v is a participle on a
// statement, report or resolution ("a statement condemning the raid"):
// what the document does.
func (sc *sentCtx) documentParticiple(v int) bool {
	return sc.participleDocument(v) >= 0
}

// participleDocument returns the document that participle v is on, or -1:
// its head, or the document object before it of the verb the parse hung
// it on ("issued a communique on Thursday criticising X", acl on
// "issued" in the EWT+GUM parse).
func (sc *sentCtx) participleDocument(v int) int {
	if sc.rel(v) != "acl" || !sc.gerund(v) {
		return -1
	}
	p := sc.tree.Head(v)
	if p >= 0 && sc.upos(p) == "VERB" {
		if o := sc.tree.ChildWith(p, "obj"); o >= 0 && o < v {
			p = o
		}
	}
	if p >= 0 && isNominal(sc.upos(p)) && sc.c.lex.documents[sc.lemmas[p]] {
		return p
	}
	return -1
}

// argDocumentIssuer: a participle on a statement or resolution is the act
// of whoever issued it: the document's own "by" or possessive ("a
// statement by the ministry condemning", "the council's resolution
// calling for"), else the subject of the verb whose object it is
// ("issued a statement condemning", "adopted a resolution criticizing").
func argDocumentIssuer(sc *sentCtx, v, depth int, _ bool) (subjectResult, bool) {
	p := sc.participleDocument(v)
	if p < 0 {
		return subjectResult{}, false
	}
	for _, c := range sc.tree.Children(p) {
		if r := sc.rel(c); r == "nmod:poss" || (nlp.RelIs(r, "nmod") && sc.caseOf(c) == "by") {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return subjectResult{refs: rs}, true
			}
		}
	}
	if h := sc.tree.Head(p); h >= 0 && nlp.RelIs(sc.rel(p), "obj") {
		if rs, _ := sc.subjectOf(h, depth+1); len(rs) > 0 {
			return subjectResult{refs: rs}, true
		}
	}
	return subjectResult{}, false
}

// reporterState is the country of the state actor who reports candidate
// k's clause ("police said 158 were arrested"), or "".
func (sc *sentCtx) reporterState(k *cand) string {
	r := k.md.reporter
	if r == nil || len(r.actor.Code) != 3 || transnational(r.actor.Code) || cameo.SocialRole(r.actor.Role) {
		return ""
	}
	return r.actor.Code
}
