package coder

import (
	"strings"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// The filter stage: constructions whose words match a pattern but state
// no event of it (what a protest is for, what talks are about, an act
// prevented, a statement to the press, a participle that only describes
// its noun, a consequence of another attack, a visit without political
// actors). A filter rule runs at the first point of a candidate's
// evaluation where what it needs is known: the clause, the code, the
// source, or both actors. A new filter goes in filterRules with that
// point, and a test sentence in the rule table test.

// filterPoint is when in a candidate's evaluation a filter runs.
type filterPoint int

// The points, in evaluation order.
const (
	filterOnClause filterPoint = iota // the clause and the pattern's code are known
	filterOnCode                      // the code is refined
	filterOnSource                    // the source is found
	filterOnActors                    // the source and the target are found
)

// filterRule suppresses a candidate: fn returns why, or "" (and the ID of
// another rule than its own that decided, if any). It may narrow the
// candidate's actors.
type filterRule struct {
	id string
	at filterPoint
	fn func(sc *sentCtx, k *cand, byTok []*match) (string, string)
}

// ruleStatementToPress is decided by filterStatement.
const ruleStatementToPress = "filter.statement-to-press"

// filterRules are the filters, in order.
func filterRules() []filterRule {
	return []filterRule{
		{"filter.protest-purpose", filterOnClause, filterProtestPurpose},
		{"filter.topic", filterOnClause, filterTopic},
		{"filter.prevented", filterOnClause, filterPrevented},
		{"filter.describing-participle", filterOnClause, filterDescribingParticiple},
		{"filter.event-subject", filterOnClause, filterEventSubject},
		{"filter.statement-content", filterOnClause, filterStatement},
		{"filter.attitude-participle", filterOnClause, filterAttitudeParticiple},
		{"filter.attribution-clause", filterOnClause, filterAttributionClause},
		{"filter.consequence", filterOnCode, filterConsequence},
		{"filter.document-subject", filterOnSource, filterDocumentSubject},
		{"filter.visit-political", filterOnActors, filterVisitPolitical},
		{"filter.audience", filterOnActors, filterAudience},
	}
}

// filter runs the filters of point at on candidate k: the rule that
// suppresses it and why, or "".
func (sc *sentCtx) filter(k *cand, byTok []*match, at filterPoint) (string, string) {
	for _, r := range sc.c.rules.filters {
		if r.at != at {
			continue
		}
		if id, why := r.fn(sc, k, byTok); why != "" {
			return firstNonEmpty(id, r.id), why
		}
	}
	return "", ""
}

// gerund reports whether token v is an -ing form.
func (sc *sentCtx) gerund(v int) bool { return strings.HasPrefix(sc.s.Tokens[v].XPOS, "VBG") }

// filterProtestPurpose: an appeal, demand or criticism in a participle or
// infinitive on a protest says what the protest is for ("marched through
// Nairobi demanding higher pay", "went on strike to demand higher wages").
func filterProtestPurpose(sc *sentCtx, k *cand, byTok []*match) (string, string) {
	if r := sc.rel(k.clause); r == "advcl" && (sc.gerund(k.clause) || sc.hasTo(k.clause)) {
		if h := sc.tree.Head(k.clause); h >= 0 && byTok[h] != nil && cameo.Protests.Has(byTok[h].p.Code) && cameo.Grievances.Has(k.code) {
			return "", "the purpose of a protest"
		}
	}
	return "", ""
}

// filterTopic: a gerund clause that is what talks or statements are about
// ("held talks on reopening the border") is no event.
func filterTopic(sc *sentCtx, k *cand, byTok []*match) (string, string) {
	if r := sc.rel(k.clause); (r == "advcl" || r == "acl") && sc.gerund(k.clause) && sc.isTopic(k.clause, byTok) {
		return "", "the topic of talks or statements"
	}
	return "", ""
}

// filterPrevented: a gerund after "from" names an act prevented ("banned
// women from working", "stopped them from leaving").
func filterPrevented(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if r := sc.rel(k.clause); (r == "advcl" || r == "acl" || r == "xcomp" || nlp.RelIs(r, "obl")) && sc.gerund(k.clause) && sc.hasMark(k.clause, "from") {
		return "", "an act prevented"
	}
	return "", ""
}

// filterDescribingParticiple: a participle of an appeal, demand, criticism
// or protest on a noun describes the people ("protesters demanding the
// president's resignation"), not an act of theirs. On a statement or
// resolution it is what the document does ("adopted a resolution
// criticizing Iran"), its issuer's act (argument.document-issuer).
func filterDescribingParticiple(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if sc.documentParticiple(k.clause) {
		return "", ""
	}
	if r := sc.rel(k.clause); (r == "acl" || r == "acl:relcl") && sc.gerund(k.clause) && (cameo.Grievances.Has(k.code) || cameo.Protests.Has(k.code)) {
		return "", "participle describing a noun"
	}
	return "", ""
}

// filterEventSubject: talks or protests that are only the subject of
// another predicate ("talks continued", "the negotiations resumed in
// Juba") are background, not an event: the noun of a light-verb pattern
// as the active subject of its verb.
func filterEventSubject(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if k.content == ruleContentThreat || k.onset {
		// "our demonstrations will continue": the speaker's threat, if reported
		// in the future (mood.threatened-act); "protests broke out": the
		// act happened (match.onset-noun)
		return "", ""
	}
	if k.trig != k.clause && isNominal(sc.upos(k.trig)) && sc.rel(k.trig) == "nsubj" && sc.tree.Head(k.trig) == k.clause {
		return "", "the event noun is the subject of another predicate"
	}
	return "", ""
}

// filterAudience: speaking or talking to the press, reporters or a news
// agency ("speaking to reporters in Kampala", "told Reuters by phone") is
// how a statement reached the news, not a statement (01) or consultation
// (04) between actors.
func filterAudience(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if root := k.code[:2]; root != cameo.CodeStatement[:2] && root != cameo.CodeConsult[:2] {
		return "", ""
	}
	for _, t := range k.tgts {
		if t.actor.Role != "MED" && (t.tok < 0 || !sc.c.lex.audience[sc.lemmas[t.tok]]) {
			return "", ""
		}
	}
	if len(k.tgts) == 0 {
		return "", ""
	}
	return "", "a statement to the press"
}

// filterStatement: a bare statement (010) whose content is a clause is
// coded by that content instead (filter.statement-content); one to
// reporters, the press or an audience is no event between actors
// (filter.statement-to-press). The first dependent that shows either
// decides. A verb of saying the parse hung as an aside (parataxis) on
// its content clause ("India may impose tariffs, officials said", the new
// parser's reading) has its content in that clause.
func filterStatement(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if k.code != cameo.CodeStatement {
		return "", ""
	}
	if h := sc.tree.Head(k.trig); sc.rel(k.trig) == "parataxis" && h >= 0 && h < k.trig && isVerbal(sc.upos(h)) && sc.tree.ChildWith(k.trig, "obj") < 0 {
		return "", "the statement's content is coded instead"
	}
	for _, d := range k.deps {
		if r := sc.rel(d); r == "ccomp" || r == "parataxis" || (r == "advcl" && d < k.trig && isVerbal(sc.upos(d))) {
			return "", "the statement's content is coded instead"
		}
		if sc.relMatches(d, "obj") && sc.c.lex.audience[sc.lemmas[d]] {
			return ruleStatementToPress, "a statement to the press"
		}
	}
	return "", ""
}

// filterAttitudeParticiple: a participle that states an attitude
// ("Voicing its alarm over the fighting, the council renewed its call
// for a truce") beside another act of the same speaker says how that act
// was made, not an act of its own: the pattern's light verb is a verb
// of expressing (a class the patterns name) in a bare -ing clause hung on
// a clause that carries another candidate.
func filterAttitudeParticiple(sc *sentCtx, k *cand, byTok []*match) (string, string) {
	v := k.clause
	if k.trig == v || len(k.p.Light) == 0 || sc.rel(v) != "advcl" || !sc.gerund(v) || sc.hasAnyMark(v) || sc.tree.ChildWith(v, "nsubj") >= 0 {
		return "", ""
	}
	if !sc.c.lex.expressing[sc.lemmas[v]] {
		return "", ""
	}
	h := sc.tree.Head(v)
	if h < 0 {
		return "", ""
	}
	for i, m := range byTok {
		if m != nil && m != k.match && (i == h || m.clause == h) {
			return "", "the manner of another act of the speaker"
		}
	}
	return "", ""
}

// filterAttributionClause: a relative clause on the source a report is
// attributed to ("according to the journalist, who spoke to the committee
// by phone") says how the account reached the reporter, not a statement
// (01) or consultation (04) between actors. The clause is a relative
// clause on that source, or, where the parse hung it elsewhere, a clause
// whose relative pronoun subject follows the source and a comma.
func filterAttributionClause(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if root := k.code[:2]; root != cameo.CodeStatement[:2] && root != cameo.CodeConsult[:2] {
		return "", ""
	}
	s := sc.tree.ChildWith(k.clause, "nsubj")
	if s < 0 || !sc.c.lex.relativePronouns[sc.lemmas[s]] {
		return "", ""
	}
	a := -1
	switch {
	case sc.rel(k.clause) == "acl:relcl":
		a = sc.tree.Head(k.clause)
	case s >= 2 && sc.words[s-1] == "," && isNominal(sc.upos(s-2)):
		a = s - 2
	}
	for steps := 0; a >= 0 && steps < sc.n; a, steps = sc.tree.Head(a), steps+1 {
		if sc.c.lex.attribution[sc.caseWords(a)] {
			return "", "a clause on the source a report is attributed to"
		}
		if r := sc.rel(a); r != "conj" && r != "flat" && r != "appos" {
			break
		}
	}
	return "", ""
}

// filterConsequence: a participle of force after another attack
// ("shelled a village, killing four civilians") is its consequence, not
// an event of its own; a participle of means ("by shelling the
// villages", lexicon means_markers) is the act itself, and one with a
// subject of its own ("clashes broke out, with police using batons") its
// subject's act.
func filterConsequence(sc *sentCtx, k *cand, byTok []*match) (string, string) {
	if k.kind == dict.EmbedNone && sc.isConsequence(k.match, byTok) {
		return "", "participle consequence of another attack"
	}
	return "", ""
}

// filterDocumentSubject: a statement or report as subject ("the statement
// by the presidency comes a day before ...") goes nowhere, gives nothing
// and uses no force.
func filterDocumentSubject(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if s := sc.tree.ChildWith(k.clause, "nsubj"); s >= 0 && sc.c.lex.documents[sc.lemmas[s]] && cameo.Deeds.Has(k.code) {
		return "", "the subject is a statement, not an actor"
	}
	return "", ""
}

// filterVisitPolitical: hosting and visiting are diplomacy: a company
// touring or an embassy hosting journalists is not a visit, nor troops or
// police arriving abroad (a deployment). It keeps the political actors of
// a visit, and drops a visit without one on each side.
func filterVisitPolitical(sc *sentCtx, k *cand, _ []*match) (string, string) {
	if !isVisit(k.p, k.code) {
		return "", ""
	}
	k.srcs, k.tgts = sc.political(k.srcs), sc.political(k.tgts)
	if k.code == cameo.CodeVisit {
		k.srcs = sc.notForces(k.srcs)
	} else if k.code == cameo.CodeHostVisit {
		k.tgts = sc.notForces(k.tgts)
	}
	if len(k.srcs) == 0 || len(k.tgts) == 0 {
		return "", "a visit needs a political actor on both sides"
	}
	return "", ""
}

// notForces drops from the visitors of a visit the forces sent abroad:
// troops or police named by a plural noun or a mass noun ("hundreds of
// Kenyan police officers arrived in Haiti", "the police") are deployed,
// not visiting; an officer or a commander visits.
func (sc *sentCtx) notForces(rs []actorRef) []actorRef {
	var out []actorRef
	for _, r := range rs {
		if (r.actor.Role == "MIL" || r.actor.Role == "COP") && r.tok >= 0 && r.tok < sc.n {
			h := r.tok
			if mm, ok := sc.mentionAt(h); ok && mm.Kind == dict.KindDemonym {
				h = sc.tree.Head(h)
			}
			if h >= 0 && (sc.s.Tokens[h].XPOS == "NNS" || sc.lemmas[h] == "police") {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// isTopic reports whether gerund clause v is what talks, statements or
// appeals are about ("talks on reopening the border", "concern over
// expanding the base").
func (sc *sentCtx) isTopic(v int, byTok []*match) bool {
	if sc.hasMarkIn(v, sc.c.lex.topicMarkers) {
		return true
	}
	if !sc.hasMark(v, "on") {
		return false
	}
	h := sc.tree.Head(v)
	if h < 0 {
		return false
	}
	if sc.upos(h) == "NOUN" && sc.rel(v) == "acl" {
		// "talks on joining the EU", "a vote on leaving the bloc": what
		// a noun is about, not an act
		return true
	}
	for _, k := range sc.tree.Children(v) {
		// the same with the gerund hung on the verb: "suspend [talks] on
		// joining"
		if sc.rel(k) == "mark" && sc.lemmas[k] == "on" && k > 0 && sc.upos(k-1) == "NOUN" && sc.tree.Head(k-1) == h && nlp.RelIs(sc.rel(k-1), "obj") {
			return true
		}
	}
	hm := byTok[h]
	if hm == nil {
		// the light verb of "held talks": its noun's match
		for _, c := range sc.tree.Children(h) {
			if byTok[c] != nil && byTok[c].clause == h {
				hm = byTok[c]
			}
		}
	}
	if hm == nil {
		return false
	}
	return cameo.Discourse.Has(hm.p.Code)
}

// isConsequence: "shelled a village, killing four civilians" codes the
// shelling; the participle is its consequence.
func (sc *sentCtx) isConsequence(m *match, byTok []*match) bool {
	if !cameo.PhysicalConflict.Has(m.p.Code) || sc.rel(m.clause) != "advcl" {
		return false
	}
	if sc.hasMarkIn(m.clause, sc.c.lex.meansMarkers) {
		// "violated the ceasefire by shelling the villages": how the act
		// was done, the act itself, not its consequence
		return false
	}
	if !strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") {
		return false
	}
	if sc.tree.ChildWith(m.clause, "nsubj") >= 0 {
		// "clashes broke out, with police using batons": a clause with
		// its own subject is its subject's act
		return false
	}
	h := sc.tree.Head(m.clause)
	if h < 0 {
		return false
	}
	if hm := byTok[h]; hm != nil && cameo.PhysicalConflict.Has(hm.p.Code) {
		return true
	}
	// the noun of a light verb: "launched air strikes ..., killing 400"
	for _, c := range sc.tree.Children(h) {
		if hm := byTok[c]; hm != nil && hm.clause == h && cameo.PhysicalConflict.Has(hm.p.Code) {
			return true
		}
	}
	return false
}

// isVisit reports whether a pattern codes a visit or the hosting of one
// (042/043, or a pattern with such a linked event).
func isVisit(p *dict.Pattern, code string) bool {
	switch {
	case code == cameo.CodeVisit || code == cameo.CodeHostVisit:
		return true
	case p.Linked == cameo.CodeVisit || p.Linked == cameo.CodeHostVisit:
		return true
	}
	return false
}

// political keeps the actors that are states, their agents, or
// organisations: not companies, the press or civilians, nor a group only
// named by a demonym ("the Dutch orchestra"); a demonym's capital ("the
// Iraqi capital") is its state's seat of government.
func (sc *sentCtx) political(rs []actorRef) []actorRef {
	var out []actorRef
	for _, r := range rs {
		if r.actor.Code == "" || cameo.SocialRole(r.actor.Role) {
			continue
		}
		if r.kind == dict.KindDemonym && r.tok >= 0 && r.tok < sc.n {
			h := r.tok
			if mm, ok := sc.mentionAt(h); ok && mm.Kind == dict.KindDemonym {
				h = sc.tree.Head(h)
			}
			if h >= 0 && (sc.upos(h) == "NOUN" || sc.upos(h) == "PROPN") && !sc.c.lex.capitalNouns[sc.lemmas[h]] {
				if !sc.politicalHead(h) {
					continue
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// politicalHead reports whether noun h names people who act for a state
// or organisation: an agent, a role, a person speaking for an actor, or a
// delegation.
func (sc *sentCtx) politicalHead(h int) bool {
	if mm, ok := sc.mentionAt(h); ok && mm.Kind == dict.KindAgent {
		return true
	}
	if r, ok := sc.role(sc.lemmas[h]); ok && r != "" && !cameo.SocialRole(r) {
		return true
	}
	return sc.c.lex.personNouns[sc.lemmas[h]] || sc.c.lex.politicalNouns[sc.lemmas[h]]
}

// distinctBodies reports whether two actors of one code and role are yet
// two actors: armed groups, parties or organisations named differently
// ("M23 rebels attacked Mai-Mai militiamen", "NATO criticised the EU"),
// and the two sides of one state's conflict.
// The self-dyad filters (a target that is the source, a state and its own
// government) drop only an actor acting on itself; domestic dyads between
// different bodies are events.
func distinctBodies(a, b actorRef) bool {
	if a.side > 0 && b.side > 0 {
		// the two sides of one state's conflict (actor.rival-sides)
		return a.side != b.side
	}
	body := func(r actorRef) bool {
		// (named in the sentence: a pronoun or description of a body is
		// that body again)
		return !r.resolved && (r.kind == dict.KindGroup || r.kind == dict.KindParty || r.kind == dict.KindOrganisation)
	}
	return body(a) && body(b) && a.actor.Name != "" && b.actor.Name != "" && !strings.EqualFold(a.actor.Name, b.actor.Name)
}
