package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// actorRef is an actor found in a sentence with the words that name it.
type actorRef struct {
	actor    dyad.Actor
	span     dyad.Span
	tok      int  // head token
	resolved bool // from a pronoun, title, capital or description
	person   bool // a person or a title of one
	// unnamed: an agent noun without a country of its own ("people",
	// "troops"), given one by the sentence or the article
	unnamed bool
	// place: a state named as where something happens ("a ceasefire in
	// Ukraine"), not as a party
	place bool
	kind  dict.MentionKind
	// rule is the actor rule that resolved the words (or the argument
	// rule that made the actor up: the population of a place struck).
	rule string
	// mem is the memory rule that put the actor in the article's history.
	mem string
}

// role returns the agent role of a lemma, from the dictionary or the
// coder's small fallback list.
func (sc *sentCtx) role(lemma string) (string, bool) {
	if sc.c.agents != nil {
		if r, ok := sc.c.agents.Agent(lemma); ok {
			return r, true
		}
	}
	r, ok := sc.c.lex.agentRoles[lemma]
	return r, ok
}

// actorsAt returns the actors the nominal headed by h names, one per
// coordinated state or organisation.
func (sc *sentCtx) actorsAt(h int) []actorRef {
	if h < 0 || h >= sc.n {
		return nil
	}
	if r, ok := sc.memo[h]; ok {
		return r
	}
	sc.memo[h] = nil // guards against cycles
	var out []actorRef
	group := sc.conjuncts(h)
	if sc.rel(h) == "conj" {
		// a later conjunct: the whole coordination names the actors
		if p := sc.tree.Head(h); p >= 0 && !isVerbal(sc.upos(p)) {
			group = sc.conjuncts(p)
		}
	}
	for _, c := range group {
		out = append(out, sc.single(c, 0)...)
	}
	out = dedupe(out)
	sc.memo[h] = out
	return out
}

// The actor stage turns the words an argument rule found into actors.
// actorsAt resolves a nominal and its conjuncts; each one goes through the
// nominal rules in order, the first that gives actors deciding: a pronoun
// (the pronoun rules), a name of the dictionary, an organisation by kind,
// a description of two parties, the country or organisation a modifier
// names ("Russian troops", "police in Lusaka"), a description of the
// organisation or armed group named last ("the bloc", "the rebels"), a
// title alone (the person named last), and an agent or title without a
// country: the country rules say where its country comes from, in order
// (a city in its phrase, the nearest country named before it, where the
// sentence happens, ... the article's country). Every actor carries the
// rule that resolved it (DecisionEvent.SourceActor, TargetActor).
//
// A new source of an agent's country is a country rule, in the place of
// the order where it should be tried; a new kind of description resolved
// against the article is a nominal rule (with what the article remembers
// in memory.go).

// The actor rules used outside the tables.
const (
	ruleDictionary     = "actor.dictionary"
	ruleCapital        = "actor.capital"
	ruleOrgKind        = "actor.organisation-kind"
	rulePair           = "actor.pair"
	ruleModifier       = "actor.modifier"
	rulePlaceModifier  = "actor.place-modifier"
	ruleWordBefore     = "actor.word-before"
	ruleCounterpart    = "actor.counterpart"
	rulePossessor      = "actor.possessor"
	ruleBloc           = "actor.bloc"
	ruleGroupDesc      = "actor.group-description"
	ruleTitleAppos     = "actor.title-apposition"
	ruleTitle          = "actor.title"
	ruleEventDoer      = "actor.event-doer"
	ruleEventPlace     = "actor.event-place"
	ruleInsideNoun     = "actor.inside-noun"
	ruleEventAnaphorAc = "actor.event-anaphor"
	ruleOwnCapital     = "actor.own-capital"
	ruleForceVictims   = "actor.force-victims"
	ruleForeignUnnamed = "actor.foreign-unnamed"
)

// actorRules are the IDs of the actor rules an actor can carry, besides
// the country rules, in order.
func actorRules() []string {
	ids := []string{}
	for _, r := range pronounRules() {
		ids = append(ids, r.id)
	}
	return append(ids, ruleDictionary, ruleCapital, ruleOrgKind, rulePair, ruleModifier, rulePlaceModifier,
		ruleWordBefore, ruleCounterpart, rulePossessor, ruleBloc, ruleGroupDesc, ruleTitleAppos, ruleTitle,
		ruleEventDoer, ruleEventPlace, ruleInsideNoun, ruleEventAnaphorAc, ruleOwnCapital, ruleForceVictims,
		ruleForeignUnnamed)
}

// nominal is one nominal being resolved, with what the rules before have
// found about it.
type nominal struct {
	h, depth   int
	first      int // first token of its phrase
	lemma      string
	last       int       // last token of its phrase
	sp         dyad.Span // its phrase
	m          dict.Mention
	isMention  bool
	role       string // the role its noun names (an agent)
	personLike bool   // a person who speaks for an actor, or a government title
	// modRole is the role a modifier names ("an army base"), cityCode
	// the country of a city in its phrase ("the Jenin refugee camp").
	modRole, cityCode string
}

// nominalRule resolves a nominal: fn reports whether it decides (the
// actors, perhaps none).
type nominalRule struct {
	fn func(sc *sentCtx, n *nominal) ([]actorRef, bool)
}

// nominalRules are the nominal rules, in order (each names the rule IDs
// it gives its actors).
func nominalRules() []nominalRule {
	return []nominalRule{
		{actorPronoun},
		{actorName},
		{actorOrganisationKind},
		{actorPair},
		{actorEventNoun},
		{actorModifier},
		{actorBloc},
		{actorGroupDescription},
		{actorTitleApposition},
		{actorTitle},
		{actorTitleCountry},
		{actorAgentCountry},
	}
}

// single resolves one nominal (not its conjuncts).
func (sc *sentCtx) single(h, depth int) []actorRef {
	if depth > 3 {
		return nil
	}
	n := &nominal{h: h, depth: depth, lemma: sc.lemmas[h]}
	f, l := sc.tree.Subtree(h)
	n.first, n.last, n.sp = f, l, sc.span(f, l)
	n.m, n.isMention = sc.mentionAt(h)
	if n.isMention && n.m.Kind == dict.KindAgent {
		n.role = n.m.Actor.Role
	} else if r, ok := sc.role(n.lemma); ok {
		n.role = r
	}
	n.personLike = sc.c.lex.personNouns[n.lemma] || n.role == "GOV" && sc.upos(h) == "NOUN"
	for _, r := range sc.c.rules.nominals {
		if out, ok := r.fn(sc, n); ok {
			return out
		}
	}
	return nil
}

// actorPronoun: a pronoun resolves by the pronoun rules.
func actorPronoun(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if sc.upos(n.h) == "PRON" || (sc.c.lex.pronouns[n.lemma] && sc.upos(n.h) != "PROPN") {
		return sc.pronoun(n.h), true
	}
	return nil, false
}

// actorName: a name of the dictionary (actor.dictionary): a state, a
// person by their role on the article's date, an organisation, an armed
// group, a demonym alone; a capital or seat of government stands for its
// government (actor.capital).
func actorName(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	m := n.m
	if !n.isMention || m.Kind == dict.KindAgent {
		return nil, false
	}
	ref := actorRef{actor: m.Actor, span: sc.span(m.Start, m.End-1), tok: n.h, kind: m.Kind,
		person: m.Kind == dict.KindPerson, resolved: m.Kind == dict.KindCapital, rule: ruleDictionary}
	if m.Kind == dict.KindCapital {
		ref.rule = ruleCapital
	}
	return []actorRef{ref}, true
}

// actorOrganisationKind: an agent whose role is a kind of organisation
// ("a human rights group", "aid agencies") is one: the kind is the code.
func actorOrganisationKind(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.role != "NGO" && n.role != "IGO" {
		return nil, false
	}
	return []actorRef{{actor: dyad.Actor{Code: n.role, Name: sc.words[n.h]}, span: n.sp, tok: n.h, kind: dict.KindOrganisation, rule: ruleOrgKind}}, true
}

// actorPair: a definite description of two parties ("the two leaders",
// "both sides") is the two most recent distinct parties of the article.
func actorPair(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !sc.c.lex.pairNouns[n.lemma] || !sc.isPairDescription(n.h) {
		return nil, false
	}
	pair := sc.art.lastPair(!sc.c.lex.pairParties[n.lemma])
	if len(pair) != 2 {
		return nil, false
	}
	out := make([]actorRef, 2)
	for i, p := range pair {
		out[i] = actorRef{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(n.role, p.actor.Role), Name: p.actor.Name},
			span: n.sp, tok: n.h, resolved: true, person: p.person, kind: p.kind, rule: rulePair}
	}
	return out, true
}

// actorEventNoun: a noun of an event ("the killing of ...") is no actor;
// npFallback finds who did it or where.
func actorEventNoun(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	return nil, n.role == "" && !n.isMention && sc.isEventNoun(n.h)
}

// actorModifier: the country or organisation a modifier names
// (actor.modifier: "Russian troops", "the army of Sudan"); a place in the
// phrase only when nothing closer names one (actor.place-modifier: "police
// in Lusaka"; the venue of a summit is not a party to it); the other side
// of a counterpart (actor.counterpart: "his Burundian counterpart"); the
// possessor rather than a party in a phrase (actor.possessor: "Poland's
// support for Ukraine"); a name before the noun the parse left unattached
// (actor.word-before). A role the modifier names is kept for the rules
// below ("an army base", "rebel leaders").
func actorModifier(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	h, depth, lemma, role := n.h, n.depth, n.lemma, n.role
	var owners, places []actorRef
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if !isModifierRel(r) || (sc.tokMen[c] >= 0 && sc.tokMen[c] == sc.tokMen[h]) {
			continue
		}
		if (r == "compound" || r == "amod") && !(sc.upos(c) == "ADJ" && sc.c.lex.nonRoleModifiers[sc.lemmas[c]]) {
			// ("a general strike" is not the army's)
			if mm, ok := sc.mentionAt(c); ok && mm.Kind == dict.KindAgent {
				n.modRole = mm.Actor.Role
			} else if rr, ok := sc.role(sc.lemmas[c]); ok && rr != "" {
				n.modRole = rr
			}
		}
		if nlp.RelIs(r, "nmod") && r != "nmod:poss" {
			if cs := sc.caseOf(c); cs != "" && !sc.c.lex.ownerPreps[cs] {
				continue
			}
		}
		if sc.isBacker(c) {
			// "Iranian-backed militias" are not Iran's
			continue
		}
		place := nlp.RelIs(r, "nmod") && r != "nmod:poss" && sc.c.lex.placePreps[sc.caseOf(c)]
		for _, cc := range sc.conjuncts(c) {
			if place {
				for _, pl := range sc.single(cc, depth+1) {
					if pl.kind == dict.KindCapital {
						// a capital named as a place ("a protest in
						// Cairo") is not its government
						pl.kind, pl.actor.Role, pl.resolved = dict.KindCity, "", false
					}
					places = append(places, pl)
				}
			} else {
				owners = append(owners, sc.single(cc, depth+1)...)
			}
		}
	}
	rule := ruleModifier
	if len(owners) == 0 && !(role == "" && sc.c.lex.gathering[lemma]) {
		owners, rule = places, rulePlaceModifier
	}
	if poss := sc.tree.ChildWith(h, "nmod:poss"); poss >= 0 && len(owners) > 1 && sc.c.lex.counterparts[lemma] {
		var own []actorRef
		for _, o := range owners {
			if o.tok < 0 || !sc.tree.Dominates(poss, o.tok) {
				own = append(own, o)
			}
		}
		if len(own) > 0 {
			owners, rule = own, ruleCounterpart
		}
	} else if poss >= 0 && len(owners) > 1 {
		var own []actorRef
		for _, o := range owners {
			inPP := false
			for _, c := range sc.tree.Children(h) {
				if r := sc.rel(c); nlp.RelIs(r, "nmod") && r != "nmod:poss" && o.tok >= 0 && sc.tree.Dominates(c, o.tok) {
					inPP = true
				}
			}
			if !inPP {
				own = append(own, o)
			}
		}
		if len(own) > 0 {
			owners, rule = own, rulePossessor
		}
	}
	if len(owners) == 0 {
		for j := h - 1; j >= n.first && j >= h-4; j-- {
			if mm, ok := sc.mentionAt(j); ok && mm.Kind != dict.KindAgent && sc.tree.Dominates(h, j) && !sc.isBacker(j) && !(j+2 < sc.n && sc.words[j+1] == "-" && sc.isBacker(j+2)) {
				owners, rule = append(owners, actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind}), ruleWordBefore
				break
			}
		}
	}
	var out []actorRef
	for _, o := range namedOverCountry(owners) {
		if o.actor.Code == "" {
			continue
		}
		a := o.actor
		if role != "" {
			a.Role = role
		}
		if o.kind == dict.KindGroup || o.kind == dict.KindOrganisation || o.kind == dict.KindParty {
			a.Role = o.actor.Role
		}
		if o.kind == dict.KindCity && role == "" {
			if n.cityCode == "" {
				n.cityCode = o.actor.Code
			}
			continue
		}
		a.Name = phrase(sc.art.text[n.sp.Start:n.sp.End])
		out = append(out, actorRef{actor: a, span: n.sp, tok: h, kind: o.kind, person: n.personLike || o.person, resolved: o.resolved, rule: rule})
	}
	if len(out) > 0 {
		return out, true
	}
	if n.role == "" && n.modRole != "" && !n.personLike {
		// "an army base", "police vehicles": what belongs to the agent
		n.role = n.modRole
	}
	if sc.c.lex.leaders[lemma] && n.modRole != "" && n.modRole != "GOV" {
		// "student leaders", "opposition leaders", "rebel leaders": they
		// lead the group the modifier names
		n.role = n.modRole
	}
	return nil, false
}

// actorBloc: "the bloc", "the alliance" is the organisation named last.
func actorBloc(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.depth == 0 && sc.hasDet(n.h, "the") && sc.c.lex.orgNouns[n.lemma] && len(sc.tree.Children(n.h)) == 1 {
		if g, ok := sc.art.lastOrganisation(); ok {
			g.span, g.tok, g.resolved, g.rule = n.sp, n.h, true, ruleBloc
			return []actorRef{g}, true
		}
	}
	return nil, false
}

// actorGroupDescription: "the paramilitary force", "the rebels", "the
// group" is the armed group (or, for "the group", organisation) named
// last.
func actorGroupDescription(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.depth == 0 && sc.hasDefinite(n.h) && sc.groupDescription(n.h) {
		if g, ok := sc.art.lastGroup(n.lemma == "group"); ok {
			g.span, g.tok, g.resolved, g.rule = n.sp, n.h, true, ruleGroupDesc
			return []actorRef{g}, true
		}
	}
	return nil, false
}

// agentOrTitle reports whether a nominal is a role without a country at
// the top of its phrase: a title alone or an unnamed agent.
func (n *nominal) agentOrTitle() bool { return (n.role != "" || n.isMention) && n.depth == 0 }

// actorTitleApposition: a title with its name in apposition that the
// parse hung elsewhere ("the group's leader, Mohamed Hamdan Dagalo") is
// that person.
func actorTitleApposition(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !n.agentOrTitle() || !n.personLike || n.last+2 >= sc.n || sc.words[n.last+1] != "," {
		return nil, false
	}
	if mm, ok := sc.mentionAt(n.last + 2); ok && mm.Start == n.last+2 && mm.Kind == dict.KindPerson && mm.Actor.Code != "" {
		return []actorRef{{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: n.h, kind: mm.Kind, person: true, rule: ruleTitleAppos}}, true
	}
	return nil, false
}

// actorTitle: a definite title alone ("the president", "the foreign
// minister", "Kenya's president" is a modifier) is the person named last
// in the article, when their roles agree.
func actorTitle(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !n.agentOrTitle() || !n.personLike || !(n.role == "GOV" || n.role == "") || !sc.hasDefinite(n.h) {
		return nil, false
	}
	if p, ok := sc.art.lastPerson(); ok && (n.role == "" || p.actor.Role == n.role || p.actor.Role == "") {
		return []actorRef{{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(n.role, p.actor.Role), Name: sc.words[n.h]}, span: n.sp, tok: n.h, resolved: true, person: true, rule: ruleTitle}}, true
	}
	return nil, false
}

// countryRule gives an agent or title without a country of its own a
// country: fn returns it, or "".
type countryRule struct {
	id string
	fn func(sc *sentCtx, n *nominal) string
}

// titleCountryRules are where a government title alone takes its country
// from, in order.
func titleCountryRules() []countryRule {
	return []countryRule{
		{"actor.title-place", func(sc *sentCtx, n *nominal) string { return sc.placeInPhrase(n.h) }},
		{"actor.title-article", func(sc *sentCtx, _ *nominal) string { return sc.art.focus() }},
		{"actor.title-before", func(sc *sentCtx, n *nominal) string { return sc.localFocus(n.h) }},
	}
}

// agentCountryRules are where an agent without a country ("police",
// "troops", "protesters") takes its country from, in order.
func agentCountryRules() []countryRule {
	return []countryRule{
		{"actor.agent-city", func(_ *sentCtx, n *nominal) string { return n.cityCode }},
		{"actor.agent-before", func(sc *sentCtx, n *nominal) string { return sc.localFocus(n.h) }},
		{"actor.agent-place", func(sc *sentCtx, _ *nominal) string { return sc.place }},
		{"actor.agent-person", func(sc *sentCtx, _ *nominal) string { return sc.personCountry() }},
		{"actor.agent-article", func(sc *sentCtx, _ *nominal) string { return sc.art.focus() }},
		{"actor.agent-any", func(sc *sentCtx, _ *nominal) string { return sc.anyCountry() }},
	}
}

// countryFrom returns the first country the rules give, and the rule.
func (sc *sentCtx) countryFrom(rules []countryRule, n *nominal) (string, string) {
	for _, r := range rules {
		if c := r.fn(sc, n); c != "" {
			return c, r.id
		}
	}
	return "", ""
}

// unnamedActor is a role given a country by a country rule.
func (sc *sentCtx) unnamedActor(n *nominal, code, rule string) []actorRef {
	return []actorRef{{actor: dyad.Actor{Code: code, Role: n.role, Name: sc.words[n.h]}, span: n.sp, tok: n.h, resolved: true, person: n.personLike, unnamed: !n.personLike, rule: rule}}
}

// actorTitleCountry: a government title alone takes its country from the
// title country rules ("the mayor of the city of Nablus", the article's
// country, one named before it).
func actorTitleCountry(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !n.agentOrTitle() || !n.personLike || n.role != "GOV" {
		return nil, false
	}
	if code, rule := sc.countryFrom(sc.c.rules.titleCountry, n); code != "" {
		return sc.unnamedActor(n, code, rule), true
	}
	return nil, true
}

// actorAgentCountry: an unnamed agent takes its country from the agent
// country rules (a country named before it, where it happens, the
// article's country, any country of the sentence).
func actorAgentCountry(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !n.agentOrTitle() {
		return nil, false
	}
	if code, rule := sc.countryFrom(sc.c.rules.agentCountry, n); code != "" {
		return sc.unnamedActor(n, code, rule), true
	}
	return nil, true
}

// isPairDescription: "the two leaders", "both sides", "the two sides".
func (sc *sentCtx) isPairDescription(h int) bool {
	if !strings.HasSuffix(strings.ToLower(sc.s.Tokens[h].XPOS), "s") && sc.s.Tokens[h].Text == sc.lemmas[h] {
		// singular noun
		return false
	}
	for _, c := range sc.tree.Children(h) {
		l := sc.lemmas[c]
		if sc.c.lex.pairQuantifiers[l] {
			return true
		}
	}
	return h > 0 && sc.c.lex.pairQuantifiers[sc.lemmas[h-1]]
}

// pronounRule resolves pronoun h (lemma l): fn returns its antecedent, or
// found false to try the next rule; stop ends the search without one.
type pronounRule struct {
	id string
	fn func(sc *sentCtx, h int, l string) (ref actorRef, found, stop bool)
}

// pronounRules are the pronoun rules, in order.
func pronounRules() []pronounRule {
	return []pronounRule{
		{"actor.pronoun-speaker", actorPronounSpeaker},
		{"actor.pronoun-in-sentence", actorPronounInSentence},
		{"actor.pronoun-said", actorPronounSaid},
		{"actor.pronoun-before", actorPronounBefore},
		{"actor.pronoun-article", actorPronounArticle},
	}
}

// pronoun resolves a pronoun against the sentence so far and the article.
func (sc *sentCtx) pronoun(h int) []actorRef {
	l := sc.lemmas[h]
	for _, r := range pronounRules() {
		ref, found, stop := r.fn(sc, h, l)
		if found {
			ref.span, ref.tok, ref.resolved, ref.rule = sc.span(h, h), h, true, r.id
			return []actorRef{ref}
		}
		if stop {
			return nil
		}
	}
	return nil
}

// actorPronounSpeaker: "we", "I" in a quotation are the speaker.
func actorPronounSpeaker(sc *sentCtx, _ int, l string) (actorRef, bool, bool) {
	if !sc.c.lex.speakerPronouns[l] {
		return actorRef{}, false, false
	}
	sp, ok := sc.speaker()
	return sp, ok, true
}

// actorPronounInSentence: an earlier subject of the same sentence that
// agrees with the pronoun.
func actorPronounInSentence(sc *sentCtx, h int, l string) (actorRef, bool, bool) {
	r, ok := sc.earlierInSentence(h, l)
	return r, ok, false
}

// actorPronounSaid: the subject pronoun of what a verb of saying reports
// ("X said it carried out the attack") is the speaker.
func actorPronounSaid(sc *sentCtx, h int, _ string) (actorRef, bool, bool) {
	if v := sc.tree.Head(h); v >= 0 && nlp.RelIs(sc.rel(h), "nsubj") && sc.rel(v) == "ccomp" {
		if p := sc.tree.Head(v); p >= 0 && sc.c.lex.speech[sc.lemmas[p]] {
			sp, ok := sc.speaker()
			return sp, ok, false
		}
	}
	return actorRef{}, false, false
}

// actorPronounBefore: the nearest actor named before the pronoun in the
// sentence that agrees with it (a person for "he", not a person for "it").
func actorPronounBefore(sc *sentCtx, h int, l string) (actorRef, bool, bool) {
	lx := sc.c.lex
	for j := h - 1; j >= 0; j-- {
		m, ok := sc.mentionAt(j)
		if !ok || m.Kind == dict.KindAgent || m.Kind == dict.KindCity || m.Actor.Code == "" {
			continue
		}
		person := m.Kind == dict.KindPerson
		switch {
		case lx.personPronouns[l]:
			if !person {
				continue
			}
		case lx.thingPronouns[l]:
			if person || m.Kind == dict.KindDemonym {
				continue
			}
		default:
			if m.Kind == dict.KindDemonym {
				continue
			}
		}
		return actorRef{actor: m.Actor, kind: m.Kind, person: person}, true, false
	}
	return actorRef{}, false, false
}

// actorPronounArticle: the last person ("he"), the last actor not a person
// ("it"), or the last actor ("they") the article named.
func actorPronounArticle(sc *sentCtx, _ int, l string) (actorRef, bool, bool) {
	lx := sc.c.lex
	switch {
	case lx.personPronouns[l]:
		p, ok := sc.art.lastPerson()
		return p, ok, true
	case lx.thingPronouns[l]:
		p, ok := sc.art.lastActor(true)
		return p, ok, true
	case lx.groupPronouns[l]:
		p, ok := sc.art.lastActor(false)
		return p, ok, true
	}
	return actorRef{}, false, true
}

// earlierInSentence finds the antecedent of a pronoun earlier in the same
// sentence: the nearest preceding subject actor.
func (sc *sentCtx) earlierInSentence(h int, l string) (actorRef, bool) {
	for j := h - 1; j >= 0; j-- {
		if !nlp.RelIs(sc.rel(j), "nsubj") || sc.upos(j) == "PRON" {
			continue
		}
		rs := sc.actorsAt(j)
		if len(rs) == 0 {
			continue
		}
		r := rs[0]
		switch {
		case sc.c.lex.personPronouns[l]:
			if !r.person {
				continue
			}
		case sc.c.lex.thingPronouns[l]:
			if r.person {
				continue
			}
		}
		return r, true
	}
	return actorRef{}, false
}

// npFallback returns actors named inside a non-actor nominal: its
// possessor or "of" complement ("Ghana's handling", "the resignation of
// the minister").
func (sc *sentCtx) npFallback(h int) []actorRef {
	if sc.isEventNoun(h) {
		// "the killing of a trader in Mauritania": the one who did it
		// ("Russia's invasion"), else where it happened; the victim is
		// not the target
		for _, c := range sc.tree.Children(h) {
			if r := sc.rel(c); r == "nmod:poss" || r == "det:poss" || (nlp.RelIs(r, "nmod") && sc.caseOf(c) == "by") {
				if rs := sc.single(c, 0); len(rs) > 0 {
					for i := range rs {
						rs[i].rule = ruleEventDoer
					}
					return rs
				}
			}
		}
		if sc.c.lex.gathering[sc.lemmas[h]] {
			// a summit or games in a country: the venue is not a party
			return nil
		}
		f, l := sc.tree.Subtree(h)
		for j := f; j <= l; j++ {
			if m, ok := sc.mentionAt(j); ok && (m.Kind == dict.KindState || m.Kind == dict.KindCapital || m.Kind == dict.KindCity) {
				if nlp.RelIs(sc.rel(j), "nmod") && sc.c.lex.venuePreps[sc.caseOf(j)] {
					return []actorRef{{actor: dyad.Actor{Code: m.Actor.Code, Name: m.Entry}, span: sc.span(m.Start, m.End-1), tok: j, kind: m.Kind, rule: ruleEventPlace}}
				}
			}
		}
		return nil
	}
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if r == "nmod:poss" || (nlp.RelIs(r, "nmod") && sc.c.lex.nounActorPreps[sc.caseOf(c)]) {
			var out []actorRef
			for _, cc := range sc.conjuncts(c) {
				out = append(out, sc.single(cc, 0)...)
			}
			if len(out) > 0 {
				out = dedupe(out)
				for i := range out {
					out[i].rule = ruleInsideNoun
				}
				return out
			}
		}
	}
	return nil
}

// localFocus returns the country of the nearest state, demonym, capital or
// person named in the sentence, preferring those before token h.
func (sc *sentCtx) localFocus(h int) string {
	best, dist := "", sc.n+1
	for _, m := range sc.mentions {
		switch m.Kind {
		case dict.KindState, dict.KindDemonym, dict.KindCapital, dict.KindPerson, dict.KindGroup:
		default:
			continue
		}
		if m.Actor.Code == "" || m.Actor.Code == "IGO" || m.Actor.Code == "NGO" {
			continue
		}
		if m.Start > h {
			continue
		}
		d := h - m.End
		if d < dist {
			best, dist = m.Actor.Code, d
		}
	}
	return best
}

// anyCountry returns the country of the first state, demonym, capital or
// city named in the sentence.
func (sc *sentCtx) anyCountry() string {
	for _, m := range sc.mentions {
		switch m.Kind {
		case dict.KindState, dict.KindDemonym, dict.KindCapital, dict.KindCity:
			if m.Actor.Code != "" && m.Actor.Code != "IGO" && m.Actor.Code != "NGO" {
				return m.Actor.Code
			}
		}
	}
	return ""
}

// personCountry returns the country of the first person named in the
// sentence: an unnamed agent ("Congress") more often shares it than it
// does that of a state named as a party.
func (sc *sentCtx) personCountry() string {
	for _, m := range sc.mentions {
		if m.Kind == dict.KindPerson && m.Actor.Code != "" && m.Actor.Code != "IGO" && m.Actor.Code != "NGO" {
			return m.Actor.Code
		}
	}
	return ""
}

// placeInPhrase returns the country of a state or city named in a
// prepositional phrase inside the noun phrase headed by h.
func (sc *sentCtx) placeInPhrase(h int) string {
	f, l := sc.tree.Subtree(h)
	for j := h + 1; j <= l && j >= f; j++ {
		m, ok := sc.mentionAt(j)
		if !ok || (m.Kind != dict.KindCity && m.Kind != dict.KindState && m.Kind != dict.KindCapital) || m.Actor.Code == "IGO" || m.Actor.Code == "NGO" {
			continue
		}
		// every phrase on the way up is "of" or "in" ("the ambassador to
		// France" is not French)
		ok = true
		for k := j; k >= 0 && k != h; k = sc.tree.Head(k) {
			if r := sc.rel(k); nlp.RelIs(r, "nmod") && r != "nmod:poss" {
				if !sc.c.lex.titlePlacePreps[sc.caseOf(k)] {
					ok = false
					break
				}
			} else if !(r == "compound" || r == "flat" || r == "amod" || r == "appos") {
				ok = false
				break
			}
		}
		if ok {
			return m.Actor.Code
		}
	}
	return ""
}

// speaker returns the actor who speaks in the sentence: the subject of a
// verb of saying ("..., the minister told reporters").
func (sc *sentCtx) speaker() (actorRef, bool) {
	for j := 0; j < sc.n; j++ {
		if sc.upos(j) != "VERB" || !sc.c.lex.speech[sc.lemmas[j]] {
			continue
		}
		for _, c := range sc.tree.Children(j) {
			if nlp.RelIs(sc.rel(c), "nsubj") && sc.upos(c) != "PRON" {
				if rs := sc.actorsAt(c); len(rs) > 0 {
					return rs[0], true
				}
			}
		}
	}
	return actorRef{}, false
}

// backer reports whether a hyphenated modifier names a backer rather than
// the owner ("Iranian-backed", "Russian-trained").
func (sc *sentCtx) backer(w string) bool {
	i := strings.LastIndexByte(w, '-')
	return i >= 0 && sc.c.lex.backers[strings.ToLower(w[i+1:])]
}

// isBacker reports whether token c is a backer modifier, written as one
// token ("Iranian-backed") or split ("Iranian - backed").
func (sc *sentCtx) isBacker(c int) bool {
	if sc.backer(sc.words[c]) {
		return true
	}
	if c >= 1 && sc.words[c-1] == "-" {
		return sc.backer("-" + sc.words[c])
	}
	return false
}

// groupDescription reports whether noun h describes an armed group
// ("the rebels", "the paramilitary force", "the militia") and names no
// actor of its own.
func (sc *sentCtx) groupDescription(h int) bool {
	l := sc.lemmas[h]
	if strings.HasSuffix(l, "s") && sc.c.lex.groupNouns[strings.TrimSuffix(l, "s")] {
		l = strings.TrimSuffix(l, "s")
	}
	desc := sc.c.lex.groupNouns[l]
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if (r == "amod" || r == "compound") && sc.c.lex.groupNouns[sc.lemmas[c]] && sc.c.lex.groupHeads[l] {
			desc = true
		}
		if isModifierRel(r) && r != "amod" && r != "compound" {
			return false // "the rebels of the M23", "Sudan's militia"
		}
		if mm, ok := sc.mentionAt(c); ok && mm.Kind != dict.KindAgent && sc.rel(c) != "det" {
			return false // "the Houthi rebels"
		}
	}
	return desc
}

// foreignUnnamed re-resolves targets that are agent nouns without a
// country of their own ("several companies", "a school") which took the
// source's country only because the source was the name nearest before
// them: sanctions and force are seldom aimed at the source's own unnamed
// people. A state or place named inside the target's phrase gives its
// country ("companies it accuses of helping Moscow", "a school sheltering
// families in Gaza City"); a sanction, asset freeze or seizure without
// one keeps no target.
func (sc *sentCtx) foreignUnnamed(tgts, srcs []actorRef, code string) []actorRef {
	// an asset freeze or seizure (171x) is a sanction in all but name
	sanction := cameo.Sanctions.Has(code)
	var out []actorRef
	for _, t := range tgts {
		if !t.unnamed || t.tok < 0 || !hasCode(srcs, t.actor.Code) {
			out = append(out, t)
			continue
		}
		c := ""
		np := t.tok
		for sc.rel(np) == "conj" && sc.tree.Head(np) >= 0 && isNominal(sc.upos(sc.tree.Head(np))) {
			// "tankers and several companies it accuses of ...": the
			// clause may hang on the first conjunct
			np = sc.tree.Head(np)
		}
		f, l := sc.tree.Subtree(np)
		for j := np + 1; j <= l && j >= f && c == ""; j++ {
			mm, ok := sc.mentionAt(j)
			if !ok || mm.Start != j || mm.Actor.Code == "" || mm.Actor.Code == "IGO" || mm.Actor.Code == "NGO" || hasCode(srcs, mm.Actor.Code) {
				continue
			}
			switch mm.Kind {
			case dict.KindState, dict.KindCapital, dict.KindCity:
				if sanction || sc.locativeAt(j) {
					c = mm.Actor.Code
				}
			case dict.KindDemonym, dict.KindGroup, dict.KindPerson:
				if sanction {
					c = mm.Actor.Code
				}
			}
		}
		switch {
		case c != "":
			t.actor.Code, t.rule = c, ruleForeignUnnamed
			out = append(out, t)
		case !sanction:
			out = append(out, t)
		}
	}
	return out
}

// forceVictims gives unnamed people that force was used against ("killing
// 400 people") the country where it happened rather than the attacker's,
// which they take only because it was the nearest named.
func (sc *sentCtx) forceVictims(m *match, tgts, srcs []actorRef) []actorRef {
	place := firstNonEmpty(sc.clausePlace(m.clause), sc.forcePlace(m))
	if place == "" || place == "IGO" || place == "NGO" || hasCode(srcs, place) {
		return tgts
	}
	for i, t := range tgts {
		if t.unnamed && hasCode(srcs, t.actor.Code) {
			t.actor.Code, t.rule = place, ruleForceVictims
			tgts[i] = t
		}
	}
	return tgts
}

// ownCapital turns a government's own capital named as the place it acts
// on ("imposed a curfew on Nairobi", "martial law in Colombo") into the
// city's people.
func (sc *sentCtx) ownCapital(tgts, srcs []actorRef) []actorRef {
	for i, t := range tgts {
		if t.kind != dict.KindCapital || t.actor.Role != "GOV" || t.tok < 0 || t.tok >= sc.n || !hasCode(srcs, t.actor.Code) {
			continue
		}
		if r := sc.rel(t.tok); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) {
			continue
		}
		if sc.c.lex.capitalPlacePreps[sc.caseOf(t.tok)] {
			t.kind, t.resolved, t.actor.Role, t.rule = dict.KindCity, false, "CVL", ruleOwnCapital
			tgts[i] = t
		}
	}
	return tgts
}

// namedOverCountry drops from the owners of a phrase a state or demonym
// named bare beside a party, group or organisation of the same country:
// "the Palestinian Fatah faction" is Fatah, not also the Palestinians.
func namedOverCountry(owners []actorRef) []actorRef {
	named := map[string]bool{}
	for _, o := range owners {
		if o.kind == dict.KindParty || o.kind == dict.KindGroup || o.kind == dict.KindOrganisation {
			named[o.actor.Code] = true
		}
	}
	if len(named) == 0 {
		return owners
	}
	var out []actorRef
	for _, o := range owners {
		if (o.kind == dict.KindDemonym || o.kind == dict.KindState) && o.actor.Role == "" && named[o.actor.Code] {
			continue
		}
		out = append(out, o)
	}
	return out
}
