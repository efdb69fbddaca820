package coder

import (
	"iter"
	"strings"
	"unicode"

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
	// sent is the sentence that put the actor in the article's history;
	// inferred says the actor was taken from there (memory) rather than
	// from the words of the sentence being coded (FlagInferred).
	sent     int
	inferred bool
	// subject: named as the subject of its clause (salience, for "the
	// kingdom")
	subject bool
	// side tells apart the two sides of one state's conflict
	// (actor.rival-sides: 1 and 2), which share a code and a role; 0 for
	// any other actor.
	side int
	// provisional: a name the dictionaries lack, made an actor from what
	// the article says of it (FlagProvisional).
	provisional bool
	// coordinated: one of coordinated owners a modifier names ("envoys
	// from the African Union and the Arab League"), each its own actor.
	coordinated bool
	// country is the country rule a description took its country from
	// (describe: "Ambassador X ... at the Swedish Embassy",
	// actor.title-embassy), named in a step of the described name's
	// event.
	country string
}

// recalled marks an actor taken from the article's memory as inferred,
// keeping the sentence it was remembered from.
func recalled(r actorRef) actorRef {
	r.inferred = true
	return r
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
	// run holds the actors of the current run of split name words: the
	// last word of the run that resolves stands for it (splitConjunct)
	var run []actorRef
	for i, c := range group {
		if i > 0 && !sc.splitConjunct(group[i-1], c) {
			out, run = append(out, run...), nil
		}
		if i+1 < len(group) && sc.titleOfNext(c, group[i+1]) {
			continue // the name after the title stands for both
		}
		if rs := sc.single(c, 0); len(rs) > 0 {
			run = rs
		}
	}
	out = append(out, run...)
	out = dedupe(out)
	sc.memo[h] = out
	return out
}

// splitConjunct reports whether conjunct c follows conjunct prev with
// nothing between them — no comma, no "and" — as the words of one name
// or title that the parse made conjuncts each ("A and Chilean Trade
// Minister Ana Ruiz" parsed as A + Trade + Minister + Ana + Ruiz). A list
// always separates its members, so such a run is one party: its last word
// that resolves to an actor stands for it (the head of an English name or
// title comes last: "Yemen's Houthis", "Foreign Minister Ana Ruiz").
func (sc *sentCtx) splitConjunct(prev, c int) bool {
	if c <= prev || c-prev > 4 {
		return false
	}
	if f, _ := sc.tree.Subtree(c); f <= prev {
		return false
	}
	// the comma or "and" of a list stands between its members
	for j := prev + 1; j < c; j++ {
		if u := sc.upos(j); u == "PUNCT" || u == "CCONJ" {
			return false
		}
	}
	return true
}

// titleOfNext reports whether conjunct c is a title that the parse split
// from the person's name right after it, conjunct next ("between the
// president and rebel leader Ana Ruiz": "leader" and "Ana Ruiz" are one
// person, not two).
func (sc *sentCtx) titleOfNext(c, next int) bool {
	m, ok := sc.mentionAt(c)
	if !ok || m.Kind != dict.KindAgent || !(m.Actor.Role == "GOV" || sc.c.lex.personNouns[sc.lemmas[c]] || sc.c.lex.leaders[sc.lemmas[c]]) {
		return false
	}
	_, l := sc.tree.Subtree(c)
	f, _ := sc.tree.Subtree(next)
	if l+1 != f || l+1 != next && sc.upos(l+1) != "PROPN" {
		return false
	}
	mn, ok := sc.mentionAt(next)
	return ok && mn.Kind == dict.KindPerson
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
	ruleArticleName    = "actor.article-name"
	ruleDescribedName  = "actor.described-name"
	ruleOrgDesc        = "actor.organisation-description"
	ruleConductOf      = "actor.conduct-of"
	ruleNameHead       = "actor.name-head"
	ruleVictimCountry  = "actor.victim-country"
	ruleStateDesc      = "actor.state-description"
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
		ruleForeignUnnamed, ruleArticleName, ruleDescribedName, ruleOrgDesc, ruleConductOf, ruleNameHead, ruleVictimCountry, ruleStateDesc,
		ruleLocalPeople, ruleIncluding, ruleFreeRelative, ruleRivalSides)
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
		{actorArticleName},
		{actorDescribedName},
		{actorOrganisationKind},
		{actorPair},
		{actorRivalSides},
		{actorEventNoun},
		{actorIncluding},
		{actorModifier},
		{actorBloc},
		{actorGroupDescription},
		{actorOrganisationDescription},
		{actorNameHead},
		{actorStateDescription},
		{actorTitleApposition},
		{actorTitle},
		{actorTitleCountry},
		{actorAgentCountry},
	}
}

// newNominal is the nominal headed by h: its phrase, its mention, the
// role its noun names.
func (sc *sentCtx) newNominal(h, depth int) *nominal {
	n := &nominal{h: h, depth: depth, lemma: sc.lemmas[h]}
	f, l := sc.tree.Subtree(h)
	n.first, n.last, n.sp = f, l, sc.span(f, l)
	n.m, n.isMention = sc.mentionAt(h)
	if n.isMention && n.m.Kind == dict.KindAgent {
		n.role = n.m.Actor.Role
	} else if r, ok := sc.role(n.lemma); ok {
		n.role = r
	}
	if sc.c.lex.collectiveNouns[n.lemma] && !n.isMention {
		// "a force of 600 rebels", "a band of gunmen": the members' role
		for _, c := range sc.tree.Children(h) {
			if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "of" {
				if r, ok := sc.role(sc.lemmas[c]); ok && r != "" {
					n.role = r
				}
				break
			}
		}
	}
	n.personLike = sc.c.lex.personNouns[n.lemma] || n.role == "GOV" && sc.upos(h) == "NOUN"
	return n
}

// single resolves one nominal (not its conjuncts).
func (sc *sentCtx) single(h, depth int) []actorRef {
	if depth > 3 {
		return nil
	}
	n := sc.newNominal(h, depth)
	for _, r := range sc.c.rules.nominals {
		if out, ok := r.fn(sc, n); ok {
			sc.noteName(n, out)
			return out
		}
	}
	return nil
}

// actorPronoun: a pronoun resolves by the pronoun rules; a free relative
// on a labelling verb is the thing it names (actor.free-relative).
func actorPronoun(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if sc.upos(n.h) == "PRON" || (sc.c.lex.pronouns[n.lemma] && sc.upos(n.h) != "PROPN") {
		if rs, ok := sc.freeRelative(n); ok {
			return rs, true
		}
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
	if c := sc.localPeople(n); c != "" {
		ref.actor, ref.rule = dyad.Actor{Code: c, Name: m.Entry}, ruleLocalPeople
	}
	return []actorRef{ref}, true
}

// ruleLocalPeople: a people named by its demonym as the locals of another
// state.
const ruleLocalPeople = "actor.local-people"

// localPeople returns the state where a people named by its demonym lives
// when a local modifier (local_modifiers: "ethnic Armenians in southern
// Georgia") says they are the locals of where the story happens, not
// their namesake state's: the place of the clause, else the dateline's;
// "" when there is none or it is their own state.
func (sc *sentCtx) localPeople(n *nominal) string {
	m := n.m
	if m.Kind != dict.KindDemonym || sc.upos(n.h) == "ADJ" || !strings.HasSuffix(sc.s.Tokens[n.h].XPOS, "S") {
		return ""
	}
	local := false
	for _, c := range sc.tree.Children(n.h) {
		if sc.rel(c) == "amod" && sc.c.lex.localModifiers[sc.lemmas[c]] {
			local = true
		}
	}
	if !local {
		return ""
	}
	c := firstNonEmpty(sc.placeInPhrase(n.h), firstNonEmpty(sc.place, sc.art.datelineCode))
	if c == "" || c == m.Actor.Code || transnational(c) {
		return ""
	}
	return c
}

// nameRun returns the first and last token of the proper name around h:
// the run of proper nouns that holds h, inside its phrase, outside any
// dictionary mention ("Foreign Minister Masahiko Komura" -> "Masahiko
// Komura"); ok is false when h is no such name.
func (sc *sentCtx) nameRun(h int) (first, last int, ok bool) {
	name := func(j int) bool {
		return j >= 0 && j < sc.n && (sc.upos(j) == "PROPN" || acronym(sc.words[j])) && sc.tokMen[j] < 0 && sc.tree.Dominates(h, j)
	}
	if !name(h) || sc.words[h] == "" || !unicode.IsUpper([]rune(sc.words[h])[0]) {
		return 0, 0, false
	}
	first, last = h, h
	for name(first - 1) {
		first--
	}
	for name(last + 1) {
		last++
	}
	lx := sc.c.lex
	for j := first; j <= last; j++ {
		if l := sc.lemmas[j]; lx.pronouns[l] || lx.orgNouns[l] || lx.groupNouns[l] || lx.personNouns[l] || lx.pairNouns[l] {
			// a common noun the tagger took for a name ("the East
			// African bloc") makes a description, not a name
			return 0, 0, false
		}
	}
	return first, last, true
}

// bareCapitalNoun reports whether token h is a capitalised common noun
// with no dependent but punctuation, not an actor mention: a word that
// may be a name the tagger missed.
func (sc *sentCtx) bareCapitalNoun(h int) bool {
	if sc.upos(h) != "NOUN" || sc.tokMen[h] >= 0 || sc.words[h] == "" || !unicode.IsUpper([]rune(sc.words[h])[0]) {
		return false
	}
	for _, c := range sc.tree.Children(h) {
		if sc.rel(c) != "punct" {
			return false
		}
	}
	return true
}

// acronym reports whether w is written as an acronym ("SFF", "M23"):
// two or more characters, capitals and digits, at least one capital.
func acronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	caps := false
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			caps = true
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return caps
}

// runHead returns the token of name run f..l whose head is outside it.
func (sc *sentCtx) runHead(f, l int) int {
	for j := f; j <= l; j++ {
		if h := sc.tree.Head(j); h < f || h > l {
			return j
		}
	}
	return l
}

// nameKey is how the article remembers a name: its words, lower case.
func (sc *sentCtx) nameKey(first, last int) string {
	return strings.ToLower(strings.Join(sc.words[first:last+1], " "))
}

// actorArticleName: a proper name the dictionaries lack that the article
// has named before in full or described, alone or by its last word (a
// person's surname: "Hamada said" after "Defense Minister Yasukazu
// Hamada"), or by the acronym it gave in brackets, is that actor
// (actor.article-name, inferred from the sentence that named it).
func actorArticleName(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.isMention || len(sc.art.names) == 0 {
		return nil, false
	}
	f, l, ok := sc.nameRun(n.h)
	if !ok {
		// a name the tagger took for a capitalised common noun ("Moon
		// held talks" after "President Moon Jae-in"): a bare word, no
		// determiner or modifier, written as the name
		if !sc.bareCapitalNoun(n.h) {
			return nil, false
		}
		f, l = n.h, n.h
	}
	r, ok := sc.art.names[sc.nameKey(f, l)]
	if !ok {
		return nil, false
	}
	r.span, r.tok, r.resolved, r.rule = sc.span(f, l), n.h, true, ruleArticleName
	return []actorRef{recalled(r)}, true
}

// actorDescribedName: a proper name the dictionaries lack, described in
// its own phrase by a title or agent noun (a title before it:
// "spokesperson Win Win Aung"; an apposition: "X, a Chadian rebel group",
// "X, the district police chief of Y", "X, an opposition party"), is a
// provisional actor: the description's country (its demonym or place,
// else where an agent of its kind takes one from) and role. The article
// remembers it by name (memory.names) for the sentences after.
func actorDescribedName(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.depth > 1 {
		return nil, false
	}
	if n.isMention {
		// the title the parse made the head of the name after it
		// (titleName): the name, described by the title
		a := sc.titleName(n)
		if a < 0 {
			return nil, false
		}
		ref, ok := sc.describe(n.h, n.depth+1)
		if !ok {
			return nil, false
		}
		f, l, _ := sc.nameRun(a)
		ref.span, ref.tok, ref.rule, ref.provisional = n.sp, n.h, ruleDescribedName, true
		ref.actor.Name = strings.Join(sc.words[f:l+1], " ")
		return []actorRef{ref}, true
	}
	if _, _, ok := sc.nameRun(n.h); !ok {
		return nil, false
	}
	for _, c := range sc.tree.Children(n.h) {
		r := sc.rel(c)
		if !(r == "appos" || ((r == "compound" || r == "nmod:desc") && c < n.h)) {
			continue
		}
		if m, ok := sc.mentionAt(c); ok && m.Kind != dict.KindAgent || !ok && sc.upos(c) != "NOUN" {
			// a describing noun, or a title the tagger took for a name
			// ("Finance Minister")
			continue
		}
		if ref, ok := sc.describe(c, n.depth+1); ok {
			ref.span, ref.tok, ref.rule, ref.provisional = n.sp, n.h, ruleDescribedName, true
			f, l, _ := sc.nameRun(n.h)
			ref.actor.Name = strings.Join(sc.words[f:l+1], " ")
			return []actorRef{ref}, true
		}
	}
	return nil, false
}

// titleName returns the name the dictionaries lack that the parse hung
// on title n as its apposition with no comma (nameOnTitle: "Swedish
// Finance Minister Tomas Berglund" with "Finance" the head and "Tomas
// Berglund" its appos), else -1: the phrase is that name, described by
// the title before it (actor.described-name).
func (sc *sentCtx) titleName(n *nominal) int {
	if !n.isMention || n.m.Kind != dict.KindAgent || !n.personLike {
		return -1
	}
	a := sc.tree.ChildWith(n.h, "appos")
	if a < n.h || !sc.nameOnTitle(a) {
		return -1
	}
	f, _, ok := sc.nameRun(a)
	if !ok {
		return -1
	}
	for j := n.h + 1; j < f; j++ {
		if sc.upos(j) == "PUNCT" {
			return -1 // "the court's chief prosecutor, Anna Weber": an apposition
		}
	}
	return a
}

// describe resolves a description of a named actor (the title or agent
// noun d, in apposition to the name or before it) without reading it as
// an anaphor: a description names a new actor, not the last one.
func (sc *sentCtx) describe(d, depth int) (actorRef, bool) {
	lx := sc.c.lex
	nd := sc.newNominal(d, depth)
	// a title the tagger took for a name ("Finance Minister") is one too
	nd.personLike = nd.personLike || nd.role == "GOV"
	f, l := nd.first, nd.last
	owned, _ := actorModifier(sc, nd)
	role := firstNonEmpty(nd.role, nd.modRole)
	group := lx.groupNouns[nd.lemma] || lx.orgNouns[nd.lemma]
	if role == "" && !nd.personLike && !group {
		return actorRef{}, false
	}
	if role == "NGO" || role == "IGO" {
		// "a rights group": the kind is the code; a title of one ("the
		// bloc's trade chief Ana Ruiz") describes a person who speaks
		// for it, whom "she" names later
		if nd.personLike && !group && sc.s.Tokens[d].XPOS != "NNS" {
			return actorRef{actor: dyad.Actor{Code: role}, kind: dict.KindPerson, person: true}, true
		}
		return actorRef{actor: dyad.Actor{Code: role}, kind: dict.KindOrganisation}, true
	}
	ref := actorRef{person: nd.personLike && !group, unnamed: false}
	switch {
	case ref.person:
		ref.kind = dict.KindPerson
	case role == "REB" || lx.groupNouns[nd.lemma]:
		ref.kind = dict.KindGroup
	case role == "OPP":
		ref.kind = dict.KindParty
	default:
		ref.kind = dict.KindOrganisation
	}
	if len(owned) > 0 && owned[0].actor.Code != "" {
		ref.actor = dyad.Actor{Code: owned[0].actor.Code, Role: firstNonEmpty(role, owned[0].actor.Role)}
		return ref, true
	}
	if code := sc.placeInDescription(f, l); code != "" {
		// "a rebel group based in Chad", "a reporter for the Dhaka-based
		// daily": where the description places it
		ref.actor = dyad.Actor{Code: code, Role: role}
		return ref, true
	}
	rules := sc.c.rules.agentCountry
	if ref.person && role == "GOV" {
		rules = sc.c.rules.titleCountry
	}
	code, rule := sc.countryFrom(rules, nd)
	if code == "" {
		return actorRef{}, false
	}
	ref.actor, ref.country = dyad.Actor{Code: code, Role: role}, rule
	if rule == ruleTitleArticle || rule == ruleAgentArticle {
		ref.sent, ref.inferred = sc.art.focusSentence(), true
	}
	return ref, true
}

// titleBefore returns the role of a title before name h ("Foreign
// Minister Ingrid Solvang": GOV), or "" when there is none.
func (sc *sentCtx) titleBefore(h int) string {
	for _, c := range sc.tree.Children(h) {
		if c > h || !(sc.rel(c) == "compound" || sc.rel(c) == "nmod:desc") {
			continue
		}
		if m, ok := sc.mentionAt(c); ok && m.Kind == dict.KindAgent && (m.Actor.Role == "GOV" || sc.c.lex.personNouns[sc.lemmas[c]]) {
			return m.Actor.Role
		}
		if sc.c.lex.personNouns[sc.lemmas[c]] {
			r, _ := sc.role(sc.lemmas[c])
			return firstNonEmpty(r, "GOV")
		}
	}
	return ""
}

// placeInDescription returns the country of the first state, capital,
// city or demonym named in tokens f..l (a description's phrase).
func (sc *sentCtx) placeInDescription(f, l int) string {
	for j := f; j <= l; j++ {
		m, ok := sc.mentionAt(j)
		if !ok || m.Actor.Code == "" || transnational(m.Actor.Code) {
			continue
		}
		switch m.Kind {
		case dict.KindState, dict.KindCapital, dict.KindCity, dict.KindDemonym:
			return m.Actor.Code
		}
	}
	return ""
}

// noteName keeps, for memory.names, a proper name the dictionaries lack
// that a rule resolved from what its phrase says of it (a described name;
// "Japanese Foreign Minister Masahiko Komura" by its modifiers), so that
// the article knows it when it comes back alone.
func (sc *sentCtx) noteName(n *nominal, out []actorRef) {
	if len(out) != 1 || n.depth > 0 {
		return
	}
	switch out[0].rule {
	case ruleDescribedName, ruleModifier, ruleWordBefore:
	default:
		return
	}
	name := n.h
	if n.isMention {
		// a title the parse made the head of its name (titleName)
		if name = sc.titleName(n); name < 0 || out[0].rule != ruleDescribedName {
			return
		}
	}
	f, l, ok := sc.nameRun(name)
	if !ok {
		return
	}
	for _, d := range sc.described {
		if d.tok == n.h {
			return
		}
	}
	r := out[0]
	if r.rule != ruleDescribedName {
		// named by its modifiers: a title among them makes it a person
		// ("Foreign Minister"), else it is an organisation of the country
		r.provisional = true
		title := sc.titleBefore(n.h)
		r.person = n.modRole != "" || title != ""
		r.kind = dict.KindOrganisation
		if r.person {
			r.kind, r.actor.Role = dict.KindPerson, firstNonEmpty(r.actor.Role, firstNonEmpty(n.modRole, title))
		}
	}
	r.tok, r.span = n.h, sc.span(f, l)
	sc.described = append(sc.described, r)
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
// "both sides", "all sides", "the neighbours") is the two most recent
// distinct parties of the article, one of three or more ("all three
// countries", "the four nations": partyCount) as many; a noun of states ("the two
// countries", "the neighbours") or the parties to a dispute ("all
// sides") takes the two most recent parties of states, never an
// organisation or whoever speaks for one.
func actorPair(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !sc.c.lex.pairNouns[n.lemma] || !sc.isPairDescription(n.h) {
		return nil, false
	}
	lx := sc.c.lex
	k := sc.partyCount(n.h)
	if k > 2 && !(sc.hasDet(n.h, "the") || sc.hasDet(n.h, "these") || sc.hasDet(n.h, "those") || sc.allOf(n.h)) {
		// three or more parties only when definite: "all three
		// countries", "the four nations", not "three soldiers"
		return nil, false
	}
	states := lx.stateNouns[n.lemma] || lx.pairDefinite[n.lemma] || lx.pairAll[n.lemma] && sc.allOf(n.h)
	pair := sc.art.lastParties(k, !lx.pairParties[n.lemma], states)
	if len(pair) != k {
		return nil, false
	}
	out := make([]actorRef, k)
	for i, p := range pair {
		out[i] = actorRef{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(n.role, p.actor.Role), Name: p.actor.Name},
			span: n.sp, tok: n.h, resolved: true, person: p.person, kind: p.kind, rule: rulePair,
			sent: p.sent, inferred: true, provisional: p.provisional}
	}
	return out, true
}

// ruleRivalSides: the two sides of one state's conflict.
const ruleRivalSides = "actor.rival-sides"

// actorRivalSides: a plural noun that a rival modifier (lexicon
// rival_modifiers) makes two sides, in a phrase that names one state and
// nothing else ("Libya's rival governments", "warring factions in
// Sudan"), is two parties of that state when it is the subject of its
// clause: a mutual verb then gives an event each way within it.
func actorRivalSides(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if (n.isMention && n.m.Kind != dict.KindAgent) || sc.s.Tokens[n.h].XPOS != "NNS" || !nlp.RelIs(sc.rel(n.h), "nsubj") {
		// (as the target of another's act the phrase is its state once:
		// "talks between Sudan's warring parties")
		return nil, false
	}
	rival := false
	for _, c := range sc.tree.Children(n.h) {
		// (the word as written too: "warring" tagged as a verb has the
		// lemma "war")
		if r := sc.rel(c); (r == "amod" || r == "compound") && c < n.h && (sc.c.lex.rivalModifiers[sc.lemmas[c]] || sc.c.lex.rivalModifiers[strings.ToLower(sc.words[c])]) {
			rival = true
		}
	}
	if !rival {
		return nil, false
	}
	code := ""
	for j := n.first; j <= n.last; j++ {
		m, ok := sc.mentionAt(j)
		if !ok || j == n.h {
			continue
		}
		switch m.Kind {
		case dict.KindState, dict.KindDemonym:
			if code != "" && code != m.Actor.Code {
				return nil, false
			}
			code = m.Actor.Code
		case dict.KindAgent, dict.KindCity:
		default:
			return nil, false
		}
	}
	if code == "" {
		return nil, false
	}
	// (an event between the two sides names them apart: sideName)
	ref := actorRef{actor: dyad.Actor{Code: code, Role: n.role, Name: phrase(sc.art.text[n.sp.Start:n.sp.End])}, span: n.sp, tok: n.h, resolved: true, rule: ruleRivalSides, side: 1}
	other := ref
	other.side = 2
	return []actorRef{ref, other}, true
}

// betweenSides reports whether an event from src to tgt is between the
// two sides of one state's conflict (actor.rival-sides), which share a
// code and a role: such events each way are two, told apart by name (and
// so by ID: eventID); the sides' act on a third party is one event, as any
// state's.
func betweenSides(src, tgt actorRef) bool {
	return src.side > 0 && tgt.side > 0 && src.side != tgt.side
}

// sideName is what an event between the two sides adds to the name of
// side s.
func sideName(s int) string {
	if s == 1 {
		return ", one side"
	}
	return ", the other side"
}

// ruleIncluding: the members a plural description names.
const ruleIncluding = "actor.including"

// actorIncluding: a plural description of parties that names its members
// after "including" or "such as" ("several Gulf states, including Qatar
// and Oman") stands for the members it names (convention 6: one event per
// state), not for the bloc or kind its modifiers name.
func actorIncluding(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.isMention || sc.s.Tokens[n.h].XPOS != "NNS" {
		return nil, false
	}
	for _, c := range sc.tree.Children(n.h) {
		if r := sc.rel(c); !nlp.RelIs(r, "nmod") && r != "appos" {
			continue
		}
		if cs := sc.caseOf(c); cs != "include" && cs != "including" && cs != "such as" && cs != "such" {
			continue
		}
		var out []actorRef
		for _, k := range sc.conjuncts(c) {
			m, ok := sc.mentionAt(k)
			if !ok || m.Actor.Code == "" || (m.Kind != dict.KindState && m.Kind != dict.KindOrganisation) {
				continue
			}
			for _, r := range sc.single(k, n.depth+1) {
				r.rule = ruleIncluding
				out = append(out, r)
			}
		}
		if len(out) > 0 {
			return dedupe(out), true
		}
	}
	return nil, false
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
// of a counterpart (actor.counterpart: "his Burundian counterpart"; with
// no country of its own, "his counterpart", the other state the article
// named last); the
// possessor rather than a party in a phrase (actor.possessor: "Poland's
// support for Ukraine"); a name before the noun the parse left unattached
// (actor.word-before). A role the modifier names is kept for the rules
// below ("an army base", "rebel leaders").
func actorModifier(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if _, ok := sc.appositionPerson(n, true); ok {
		// "the paramilitary leader, Mohamed Hamdan Dagalo,": the person
		// named (actor.title-apposition), not a modifier of the title
		return nil, false
	}
	h, depth, lemma, role := n.h, n.depth, n.lemma, n.role
	var owners, places []actorRef
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if !isModifierRel(r) || (sc.tokMen[c] >= 0 && sc.tokMen[c] == sc.tokMen[h]) || sc.seatModifier(c) {
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
				rs := sc.single(cc, depth+1)
				if len(sc.conjuncts(c)) > 1 {
					// coordinated owners ("envoys from the African Union
					// and the Arab League"): each one's own
					for i := range rs {
						rs[i].coordinated = true
					}
				}
				owners = append(owners, rs...)
			}
		}
	}
	rule := ruleModifier
	if len(owners) > 1 {
		// "NATO Secretary General Mark Rutte" with the name hung on the
		// title (the EWT+GUM parse, nameOnTitle): the title names that
		// person; a modifier of the person's own country or body only
		// repeats it
		named := map[string]bool{}
		for _, o := range owners {
			if o.kind == dict.KindPerson && o.actor.Code != "" && o.tok > h && sc.tree.Head(o.tok) == h && sc.nameOnTitle(o.tok) {
				named[o.actor.Code] = true
			}
		}
		if len(named) > 0 {
			var keep []actorRef
			for _, o := range owners {
				if o.kind == dict.KindPerson || !named[o.actor.Code] {
					keep = append(keep, o)
				}
			}
			owners = keep
		}
	}
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
	if poss := sc.tree.ChildWith(h, "nmod:poss"); poss >= 0 && sc.c.lex.counterparts[lemma] && onlyUnder(sc, owners, poss) {
		// "his counterpart" with no country of its own: the other
		// state the article named last
		if o, ok := sc.otherSide(poss); ok {
			owners, rule = []actorRef{o}, ruleCounterpart
		}
	}
	if len(owners) == 0 {
		for j := h - 1; j >= n.first && j >= h-4; j-- {
			if mm, ok := sc.mentionAt(j); ok && mm.Kind != dict.KindAgent && sc.tree.Dominates(h, j) && !sc.isBacker(j) && !(j+2 < sc.n && sc.words[j+1] == "-" && sc.isBacker(j+2)) && !sc.inSeatModifier(h, mm.End-1) {
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
		} else if n.modRole != "" && a.Role == "" && (o.kind == dict.KindState || o.kind == dict.KindDemonym) && o.tok >= 0 && sc.tree.Head(o.tok) == h &&
			(sc.rel(o.tok) == "compound" || sc.rel(o.tok) == "amod") {
			// "a US congressional resolution": the state's branch its
			// modifier names, another actor than its government (the
			// state a modifier of the same noun, not an "of" phrase:
			// "heads of military operations of India")
			a.Role = n.modRole
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
		if o.coordinated && distinctBodies(o, actorRef{kind: dict.KindOrganisation, actor: dyad.Actor{Name: "\x00"}}) {
			// "envoys from the African Union and the Arab League": each
			// organisation's own (convention 6)
			a.Name = o.actor.Name
		}
		out = append(out, actorRef{actor: a, span: n.sp, tok: h, kind: o.kind, person: n.personLike || o.person, resolved: o.resolved, rule: rule,
			sent: o.sent, inferred: o.inferred, provisional: o.provisional})
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

// actorBloc: "the bloc", "the alliance" is the organisation named last,
// with words that describe it and name no actor ("the eight-member East
// African bloc", "the 15-nation bloc").
func actorBloc(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	noun := n.lemma
	if f := sc.tree.ChildWith(n.h, "flat"); f > n.h && sc.upos(n.h) == "PROPN" {
		// "the East African bloc" parsed as a name headed by "African"
		noun = sc.lemmas[f]
	}
	if n.depth == 0 && sc.hasDet(n.h, "the") && sc.c.lex.orgNouns[noun] && sc.onlyDescribed(n.h) {
		if g, ok := sc.art.lastOrganisation(); ok {
			g.span, g.tok, g.resolved, g.rule = n.sp, n.h, true, ruleBloc
			return []actorRef{recalled(g)}, true
		}
	}
	return nil, false
}

// actorNameHead: a definite noun that is the noun the name of an
// organisation, armed group or party named before ends in is that actor
// ("the council" or "the council members" after "the UN Security
// Council", "the party" after "the Awami League party", "the court's
// prosecutor"); so is an agent noun that an earlier phrase of the same
// noun gave an owner ("the troops" after "Turkish troops", "the envoys"
// after "envoys from the UN": memory.names), not the state named last.
func actorNameHead(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if len(sc.art.names) == 0 || n.isMention && n.m.Kind != dict.KindAgent || !sc.hasDefinite(n.h) || !sc.onlyDescribed(n.h) {
		return nil, false
	}
	if n.depth > 0 && !(n.depth == 1 && sc.rel(n.h) == "nmod:poss") {
		return nil, false
	}
	heads := []int{n.h}
	if n.personLike {
		// "the council members": people of the body the compound names
		for _, c := range sc.tree.Children(n.h) {
			if sc.rel(c) == "compound" && c < n.h {
				heads = append(heads, c)
			}
		}
	}
	for _, h := range heads {
		if r, ok := sc.art.names[headKey(sc.lemmas[h])]; ok {
			r.span, r.tok, r.resolved, r.rule = n.sp, n.h, true, ruleNameHead
			return []actorRef{recalled(r)}, true
		}
	}
	return nil, false
}

// actorStateDescription: "the North" or "the South" alone after North or
// South Korea (compassState); a definite singular noun that describes a state,
// with words that name no actor ("the kingdom", "the Gulf state", "the
// island nation", "the country's president"), is the state the article
// named last as a subject, else named last.
func actorStateDescription(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if r, ok := sc.compassState(n); ok {
		return []actorRef{r}, true
	}
	if !sc.c.lex.stateNouns[n.lemma] || n.isMention || !sc.hasDet(n.h, "the") || !sc.onlyDescribed(n.h) || sc.s.Tokens[n.h].Text != sc.lemmas[n.h] && strings.ToLower(sc.s.Tokens[n.h].Text) != n.lemma {
		return nil, false
	}
	if n.depth > 0 && !(n.depth == 1 && sc.rel(n.h) == "nmod:poss") {
		return nil, false
	}
	// the state last named as a subject, else the state last named
	for _, subj := range []bool{true, false} {
		for i := len(sc.art.history) - 1; i >= 0; i-- {
			h := sc.art.history[i]
			if h.kind != dict.KindState || h.actor.Code == "" || subj && !h.subject {
				continue
			}
			r := actorRef{actor: dyad.Actor{Code: h.actor.Code, Name: sc.words[n.h]}, span: n.sp, tok: n.h, kind: dict.KindState,
				resolved: true, rule: ruleStateDesc, sent: h.sent, inferred: true}
			return []actorRef{r}, true
		}
	}
	return nil, false
}

// compassState resolves "the North" or "the South" alone (lexicon
// compass_short_names), capitalised, to the state the article named last
// whose name begins with that word ("North Korea", "South Korea").
func (sc *sentCtx) compassState(n *nominal) (actorRef, bool) {
	w := sc.words[n.h]
	if n.isMention || sc.upos(n.h) != "PROPN" || !sc.c.lex.compassNames[n.lemma] || w == "" || !unicode.IsUpper([]rune(w)[0]) || !sc.hasDet(n.h, "the") || len(sc.tree.Children(n.h)) > 2 {
		return actorRef{}, false
	}
	if n.depth > 0 && !(n.depth == 1 && sc.rel(n.h) == "nmod:poss") {
		return actorRef{}, false
	}
	for i := len(sc.art.history) - 1; i >= 0; i-- {
		h := sc.art.history[i]
		if h.kind != dict.KindState || h.actor.Code == "" || !strings.HasPrefix(strings.ToLower(h.actor.Name), n.lemma+" ") {
			continue
		}
		return actorRef{actor: dyad.Actor{Code: h.actor.Code, Name: w}, span: n.sp, tok: n.h, kind: dict.KindState,
			resolved: true, rule: ruleStateDesc, sent: h.sent, inferred: true}, true
	}
	return actorRef{}, false
}

// actorOrganisationDescription: a definite agent noun alone whose role is
// that of the international or non-governmental organisation named last
// ("the court" after the International Criminal Court, "the court's
// prosecutor") is that organisation, not an agent of the story's state.
func actorOrganisationDescription(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.role == "" || n.personLike || n.isMention && n.m.Kind != dict.KindAgent || !sc.hasDefinite(n.h) || !sc.onlyDescribed(n.h) {
		return nil, false
	}
	if n.depth > 0 && !(n.depth == 1 && sc.rel(n.h) == "nmod:poss") {
		return nil, false
	}
	for i := len(sc.art.history) - 1; i >= 0; i-- {
		h := sc.art.history[i]
		if h.kind != dict.KindOrganisation || !transnational(h.actor.Code) {
			continue
		}
		if h.actor.Role != n.role {
			return nil, false
		}
		h.span, h.tok, h.resolved, h.rule = n.sp, n.h, true, ruleOrgDesc
		return []actorRef{recalled(h)}, true
	}
	return nil, false
}

// seatModifier reports whether dependent c of a noun says where it is
// based ("the Vienna-based agency", "the Hague-based court"): a seat is a
// place, not an owner.
func (sc *sentCtx) seatModifier(c int) bool {
	return sc.lemmas[c] == "base" && isVerbal(sc.upos(c)) && (sc.rel(c) == "amod" || nlp.RelIs(sc.rel(c), "acl"))
}

// inSeatModifier reports whether token j lies in a seat modifier of noun h.
func (sc *sentCtx) inSeatModifier(h, j int) bool {
	for _, c := range sc.tree.Children(h) {
		if sc.seatModifier(c) && sc.tree.Dominates(c, j) {
			return true
		}
	}
	return false
}

// onlyDescribed reports whether the dependents of noun h only describe it
// (determiners, adjectives, numbers, nouns in compound, where it is
// based) and name no actor.
func (sc *sentCtx) onlyDescribed(h int) bool {
	for _, c := range sc.tree.Children(h) {
		if sc.seatModifier(c) {
			continue
		}
		switch sc.rel(c) {
		case "det", "amod", "nummod", "compound", "punct", "flat", "nmod:desc", "case":
		default:
			return false
		}
		f, l := sc.tree.Subtree(c)
		for j := f; j <= l; j++ {
			if m, ok := sc.mentionAt(j); ok && m.Kind != dict.KindAgent && !sc.inSeatModifier(h, m.End-1) {
				return false
			}
		}
	}
	return true
}

// actorGroupDescription: "the paramilitary force", "the rebels", "the
// group" is the armed group (or, for "the group", organisation) named
// last.
func actorGroupDescription(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if n.depth == 0 && sc.hasDefinite(n.h) && sc.groupDescription(n.h) {
		if g, ok := sc.art.lastGroup(n.lemma == "group"); ok {
			g.span, g.tok, g.resolved, g.rule = n.sp, n.h, true, ruleGroupDesc
			return []actorRef{recalled(g)}, true
		}
	}
	return nil, false
}

// agentOrTitle reports whether a nominal is a role without a country at
// the top of its phrase: a title alone or an unnamed agent.
func (n *nominal) agentOrTitle() bool { return (n.role != "" || n.isMention) && n.depth == 0 }

// actorTitleApposition: a title with its name in apposition ("the
// group's leader, Mohamed Hamdan Dagalo") is that person, whether the
// parse hung the name elsewhere or on the title (appos).
func actorTitleApposition(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if mm, ok := sc.appositionPerson(n, false); ok {
		return []actorRef{{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: n.h, kind: mm.Kind, person: true, rule: ruleTitleAppos}}, true
	}
	if mm, ok := sc.appositionPerson(n, true); ok {
		return []actorRef{{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: n.h, kind: mm.Kind, person: true, rule: ruleTitleAppos}}, true
	}
	return nil, false
}

// appositionPerson returns the known person named after a comma that
// follows a title (actor.title-apposition): right after the title's
// phrase, or, with onTitle, the name the parse hung on the title as its
// apposition.
func (sc *sentCtx) appositionPerson(n *nominal, onTitle bool) (dict.Mention, bool) {
	if !n.agentOrTitle() || !n.personLike {
		return dict.Mention{}, false
	}
	at := n.last + 2
	if onTitle {
		// one title, one name ("foreign ministers, X and Y" are two)
		a := sc.tree.ChildWith(n.h, "appos")
		if a < n.h || sc.s.Tokens[n.h].XPOS == "NNS" || sc.tree.ChildWith(a, "conj") >= 0 {
			return dict.Mention{}, false
		}
		at, _ = sc.tree.Subtree(a)
		for at < a && sc.upos(at) == "PUNCT" {
			at++ // the comma hung on the name
		}
	}
	if at >= sc.n || at < 1 || sc.words[at-1] != "," {
		return dict.Mention{}, false
	}
	if mm, ok := sc.mentionAt(at); ok && mm.Start == at && mm.Kind == dict.KindPerson && mm.Actor.Code != "" {
		return mm, true
	}
	return dict.Mention{}, false
}

// actorTitle: a definite title alone ("the president", "the foreign
// minister", "Kenya's president" is a modifier) is the person named last
// in the article, when their roles agree.
func actorTitle(sc *sentCtx, n *nominal) ([]actorRef, bool) {
	if !n.agentOrTitle() || !n.personLike || !(n.role == "GOV" || n.role == "") || !sc.hasDefinite(n.h) {
		return nil, false
	}
	if p, ok := sc.art.lastPerson(); ok && (n.role == "" || p.actor.Role == n.role || p.actor.Role == "") {
		return []actorRef{{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(n.role, p.actor.Role), Name: sc.words[n.h]}, span: n.sp, tok: n.h, resolved: true, person: true, rule: ruleTitle, sent: p.sent, inferred: true}}, true
	}
	return nil, false
}

// international returns "IGO" when noun h has a modifier of the
// international_modifiers class, else "" (actor.title-international,
// actor.agent-international): an agent or title with no country of its
// own that its modifier calls international ("an international envoy",
// "multinational peacekeepers") is an international organisation's, not
// a state's; not a leader ("international leaders" are the states').
func (sc *sentCtx) international(h int) string {
	if sc.c.lex.leaders[sc.lemmas[h]] {
		// "international leaders" are the states' own
		return ""
	}
	for _, c := range sc.tree.Children(h) {
		if sc.rel(c) == "amod" && sc.c.lex.internationalModifiers[sc.lemmas[c]] {
			return "IGO"
		}
	}
	return ""
}

// embassyCountry returns, for a diplomat with no country of his own
// (diplomat_nouns: "Ambassador First Last", "the envoy"), the country of
// the one state's mission the sentence names (mission_nouns: "at the
// Swedish Embassy", "Sweden's consulate"), else "" (actor.title-embassy):
// an ambassador speaking at an embassy is its state's, not the story's.
func (sc *sentCtx) embassyCountry(n *nominal) string {
	lx := sc.c.lex
	if !lx.diplomats[n.lemma] && !lx.diplomats[sc.lemmas[n.h]] {
		diplomat := false
		for _, c := range sc.tree.Children(n.h) {
			if c < n.h && (sc.rel(c) == "compound" || sc.rel(c) == "nmod:desc") && lx.diplomats[sc.lemmas[c]] {
				diplomat = true
			}
		}
		if !diplomat {
			return ""
		}
	}
	code := ""
	for j := 0; j < sc.n; j++ {
		if !lx.missions[sc.lemmas[j]] {
			continue
		}
		for _, c := range sc.tree.Children(j) {
			switch sc.rel(c) {
			case "amod", "compound", "nmod:poss":
			default:
				continue
			}
			m, ok := sc.mentionAt(c)
			if !ok || m.Actor.Code == "" || transnational(m.Actor.Code) {
				continue
			}
			switch m.Kind {
			case dict.KindState, dict.KindDemonym:
				if code != "" && code != m.Actor.Code {
					return "" // two states' missions: no telling
				}
				code = m.Actor.Code
			}
		}
	}
	return code
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
		{"actor.title-international", func(sc *sentCtx, n *nominal) string { return sc.international(n.h) }},
		{"actor.title-place", func(sc *sentCtx, n *nominal) string { return sc.placeInPhrase(n.h) }},
		{"actor.title-embassy", func(sc *sentCtx, n *nominal) string { return sc.embassyCountry(n) }},
		{ruleTitleArticle, func(sc *sentCtx, _ *nominal) string { return sc.art.focus() }},
		{"actor.title-before", func(sc *sentCtx, n *nominal) string { return sc.localFocus(n.h) }},
	}
}

// agentCountryRules are where an agent without a country ("police",
// "troops", "protesters") takes its country from, in order.
func agentCountryRules() []countryRule {
	return []countryRule{
		{"actor.agent-international", func(sc *sentCtx, n *nominal) string { return sc.international(n.h) }},
		{"actor.agent-city", func(_ *sentCtx, n *nominal) string { return n.cityCode }},
		{"actor.agent-before", func(sc *sentCtx, n *nominal) string { return sc.localFocus(n.h) }},
		{"actor.agent-place", func(sc *sentCtx, _ *nominal) string { return sc.place }},
		{"actor.agent-person", func(sc *sentCtx, _ *nominal) string { return sc.personCountry() }},
		{ruleAgentDateline, func(sc *sentCtx, _ *nominal) string { return sc.art.datelineCode }},
		{ruleAgentArticle, func(sc *sentCtx, _ *nominal) string { return sc.art.focus() }},
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

// The country rules that take the story's state: an actor they give is
// inferred from the sentence that named that state last.
const (
	ruleTitleArticle  = "actor.title-article"
	ruleAgentArticle  = "actor.agent-article"
	ruleAgentDateline = "actor.agent-dateline"
)

// unnamedActor is a role given a country by a country rule.
func (sc *sentCtx) unnamedActor(n *nominal, code, rule string) []actorRef {
	r := actorRef{actor: dyad.Actor{Code: code, Role: n.role, Name: sc.words[n.h]}, span: n.sp, tok: n.h, resolved: true, person: n.personLike, unnamed: !n.personLike, rule: rule}
	switch rule {
	case ruleTitleArticle, ruleAgentArticle:
		r.sent, r.inferred = sc.art.focusSentence(), true
	case ruleAgentDateline:
		r.sent, r.inferred = sc.art.datelineSent, true
	}
	return []actorRef{r}
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

// isPairDescription: "the two leaders", "both sides", "the two sides";
// "all sides", "all parties" (pair_all_nouns); "the neighbours", the
// definite plural alone of a pair_definite_nouns noun.
func (sc *sentCtx) isPairDescription(h int) bool {
	if !strings.HasSuffix(strings.ToLower(sc.s.Tokens[h].XPOS), "s") && sc.s.Tokens[h].Text == sc.lemmas[h] {
		// singular noun
		return false
	}
	lx := sc.c.lex
	for _, c := range sc.tree.Children(h) {
		if lx.pairQuantifiers[sc.lemmas[c]] {
			return true
		}
	}
	if h > 0 && lx.pairQuantifiers[sc.lemmas[h-1]] || lx.pairAll[sc.lemmas[h]] && sc.allOf(h) {
		return true
	}
	return lx.pairDefinite[sc.lemmas[h]] && sc.hasDet(h, "the") && sc.onlyDescribed(h)
}

// partyCount returns how many parties a pair description names: the
// number its quantifier (lexicon pair_quantifiers) says, two for "both"
// or none.
func (sc *sentCtx) partyCount(h int) int {
	q := -1
	for _, c := range sc.tree.Children(h) {
		if sc.c.lex.pairQuantifiers[sc.lemmas[c]] {
			q = c
		}
	}
	if q < 0 && h > 0 && sc.c.lex.pairQuantifiers[sc.lemmas[h-1]] {
		q = h - 1
	}
	if q < 0 {
		return 2
	}
	switch sc.lemmas[q] {
	case "three", "3":
		return 3
	case "four", "4":
		return 4
	case "five", "5":
		return 5
	}
	return 2
}

// allOf reports whether noun h is quantified by "all" ("all sides",
// "all the parties").
func (sc *sentCtx) allOf(h int) bool {
	for _, c := range sc.tree.Children(h) {
		if sc.lemmas[c] == "all" && c < h {
			return true
		}
	}
	return h > 0 && sc.lemmas[h-1] == "all"
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
		{"actor.quote-attribution", actorQuoteAttribution},
		{rulePronounSpeaker, actorPronounSpeaker},
		{"actor.pronoun-in-sentence", actorPronounInSentence},
		{"actor.pronoun-said", actorPronounSaid},
		{"actor.pronoun-before", actorPronounBefore},
		{rulePronounArticle, actorPronounArticle},
	}
}

// ruleFreeRelative: a free relative "what" on a labelling verb (lexicon
// labelling_verbs) is the thing the verb names: "condemned what it
// called an attempted coup by the prosecutors", "rejected what he
// described as foreign interference".
const ruleFreeRelative = "actor.free-relative"

// freeRelative resolves "what" heading a relative clause of a labelling
// verb to the actors of the description it gives: its object or
// predicative complement, or the "as" phrase; for an event noun whose
// doer the parse hung on the labelling verb ("what it called an attack
// by the rebels", the verb active), that "by" phrase. Decides (perhaps no actor) only when
// the description is found.
func (sc *sentCtx) freeRelative(n *nominal) ([]actorRef, bool) {
	if n.lemma != "what" {
		return nil, false
	}
	v := sc.tree.ChildWith(n.h, "acl:relcl")
	if v < 0 || !sc.c.lex.labelling[sc.lemmas[v]] {
		return nil, false
	}
	desc, by := -1, -1
	for _, c := range sc.tree.Children(v) {
		switch r := sc.rel(c); {
		case c == n.h || sc.upos(c) == "PRON":
		case (r == "obj" || r == "xcomp") && desc < 0:
			desc = c
		case nlp.RelIs(r, "obl") && sc.caseOf(c) == "as" && desc < 0:
			desc = c
		case nlp.RelIs(r, "obl") && sc.caseOf(c) == "by":
			by = c
		}
	}
	if desc < 0 {
		return nil, false
	}
	rs := sc.actorsAt(desc)
	if len(rs) == 0 {
		rs = sc.npFallback(desc)
	}
	if len(rs) == 0 && by >= 0 && sc.tree.ChildWith(v, "nsubj") >= 0 {
		// (an active labelling verb: its "by" phrase is not who labels)
		rs = sc.actorsAt(by)
	}
	out := make([]actorRef, len(rs))
	for i, r := range rs {
		r.rule = ruleFreeRelative
		out[i] = r
	}
	return out, true
}

// rulePronounArticle: a pronoun resolved against the article's memory;
// rulePronounSpeaker: "we", "I" resolved to the speaker.
const (
	rulePronounArticle = "actor.pronoun-article"
	rulePronounSpeaker = "actor.pronoun-speaker"
)

// pronoun resolves a pronoun against the sentence so far and the article.
func (sc *sentCtx) pronoun(h int) []actorRef {
	l := sc.lemmas[h]
	for _, r := range pronounRules() {
		ref, found, stop := r.fn(sc, h, l)
		if found && r.id == "actor.pronoun-in-sentence" && sc.c.lex.groupPronouns[l] {
			// "they" after a coordinated subject is all of it ("A and B
			// met, and they agreed ...")
			if rs := sc.earlierGroup(h, l); len(rs) >= 2 {
				out := make([]actorRef, len(rs))
				for i, x := range rs {
					x.span, x.tok, x.resolved, x.rule = sc.span(h, h), h, true, r.id
					out[i] = x
				}
				return out
			}
		}
		if found {
			ref.span, ref.tok, ref.resolved, ref.rule = sc.span(h, h), h, true, r.id
			ref.inferred = ref.inferred || r.id == rulePronounArticle
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
	if sp, ok := sc.speaker(); ok {
		return sp, true, true
	}
	if sc.inQuote() && sc.art.speaker != nil {
		// a quotation that goes on from the sentence before without
		// an attribution of its own: its speaker
		return recalled(*sc.art.speaker), true, true
	}
	return actorRef{}, false, true
}

// inQuote reports whether the sentence is inside a quotation: it opens
// with a quotation mark, or a quotation an earlier sentence opened is not
// closed yet ('... said: "We will not give up. We demand ..."').
func (sc *sentCtx) inQuote() bool { return sc.quoted() || sc.art.quoteOpen }

// quoted reports whether the sentence opens with a quotation mark.
func (sc *sentCtx) quoted() bool {
	if sc.n == 0 {
		return false
	}
	switch sc.words[0] {
	case "\"", "“", "``", "'", "‘":
		return true
	}
	return false
}

// actorQuoteAttribution: "we", "I" in a quotation that the sentence opens
// and the next closes with its attribution (" \"They attacked us. We are
// fighting,\" the rebel leader said") are that speaker, when the sentence
// names no speaker of its own.
func actorQuoteAttribution(sc *sentCtx, _ int, l string) (actorRef, bool, bool) {
	if !sc.c.lex.speakerPronouns[l] || sc.art.quoteSpeaker == nil {
		return actorRef{}, false, false
	}
	if _, own := sc.speaker(); own {
		return actorRef{}, false, false
	}
	return *sc.art.quoteSpeaker, true, false
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
	for j, rs := range sc.earlierSubjects(h) {
		r := rs[0]
		switch {
		case sc.c.lex.personPronouns[l]:
			if !r.person {
				continue
			}
		case sc.c.lex.thingPronouns[l]:
			// "the government said it would ...": a noun of a party
			// (pair_party_nouns) is no person, though it acts as one
			if r.person && !sc.c.lex.pairParties[sc.lemmas[j]] {
				continue
			}
		}
		return r, true
	}
	return actorRef{}, false
}

// earlierSubjects yields, nearest first, the subjects before token h that
// are not pronouns and name actors, with their actors: the antecedents a
// pronoun of the same sentence may take.
func (sc *sentCtx) earlierSubjects(h int) iter.Seq2[int, []actorRef] {
	return func(yield func(int, []actorRef) bool) {
		for j := h - 1; j >= 0; j-- {
			if !nlp.RelIs(sc.rel(j), "nsubj") || sc.upos(j) == "PRON" {
				continue
			}
			if rs := sc.actorsAt(j); len(rs) > 0 && !yield(j, rs) {
				return
			}
		}
	}
}

// onlyUnder reports whether every ref is a word under token p (a
// counterpart's possessor names no other side).
func onlyUnder(sc *sentCtx, refs []actorRef, p int) bool {
	for _, o := range refs {
		if o.tok < 0 || !sc.tree.Dominates(p, o.tok) {
			return false
		}
	}
	return true
}

// otherSide returns, for a counterpart whose possessor poss is of one
// state, the state the article named last (a state, its people, a seat of
// its government or one of its people) that is not the possessor's.
func (sc *sentCtx) otherSide(poss int) (actorRef, bool) {
	own := sc.actorsAt(poss)
	if len(own) != 1 || own[0].actor.Code == "" || transnational(own[0].actor.Code) {
		return actorRef{}, false
	}
	c := own[0].actor.Code
	for i := len(sc.art.history) - 1; i >= 0; i-- {
		h := sc.art.history[i]
		switch h.kind {
		case dict.KindState, dict.KindDemonym, dict.KindCapital, dict.KindPerson:
		default:
			continue
		}
		if k := h.actor.Code; k == "" || k == c || transnational(k) {
			continue
		}
		r := recalled(h)
		r.actor = dyad.Actor{Code: h.actor.Code, Role: own[0].actor.Role}
		r.kind, r.tok, r.span, r.person = dict.KindState, -1, dyad.Span{}, false
		return r, true
	}
	return actorRef{}, false
}

// earlierGroup returns the actors of the subject earlierInSentence
// resolves group pronoun h (lemma l) to, all its conjuncts, a people
// named by its demonym giving way to an actor of the same country named
// in the coordination ("Pompeo and Canadian minister Freeland"), when they
// are more than one.
func (sc *sentCtx) earlierGroup(h int, l string) []actorRef {
	for _, rs := range sc.earlierSubjects(h) {
		var out []actorRef
		for _, r := range rs {
			if r.kind == dict.KindDemonym && countCode(rs, r.actor.Code) > 1 {
				continue
			}
			out = append(out, r)
		}
		return out
	}
	return nil
}

// countCode counts the refs of country code c.
func countCode(rs []actorRef, c string) int {
	n := 0
	for _, r := range rs {
		if r.actor.Code == c {
			n++
		}
	}
	return n
}

// byOnOf returns the "by" phrase that the parse hung on the "of"
// complement of noun h rather than on h ("the sinking of a trawler by
// Chinese vessels", the EWT+GUM parse), or -1.
func (sc *sentCtx) byOnOf(h int) int {
	for _, c := range sc.tree.Children(h) {
		if c < h || !nlp.RelIs(sc.rel(c), "nmod") || sc.caseOf(c) != "of" {
			continue
		}
		for _, b := range sc.tree.Children(c) {
			if b > c && nlp.RelIs(sc.rel(b), "nmod") && sc.caseOf(b) == "by" {
				return b
			}
		}
	}
	return -1
}

// nameOnTitle reports whether name k hangs on the title before it as the
// title's own name: flat, or an apposition with no comma ("NATO Secretary
// General Mark Rutte", both EWT+GUM parses).
func (sc *sentCtx) nameOnTitle(k int) bool {
	switch sc.rel(k) {
	case "flat":
		return true
	case "appos":
		f, _ := sc.tree.Subtree(k)
		return f > 0 && sc.upos(f-1) != "PUNCT"
	}
	return false
}

// npFallback returns actors named inside a non-actor nominal: its
// possessor or "of" complement ("Ghana's handling", "the resignation of
// the minister"), or a "by" phrase hung on that complement (byOnOf).
func (sc *sentCtx) npFallback(h int) []actorRef {
	if sc.c.lex.documents[sc.lemmas[h]] && sc.upos(h) == "NOUN" {
		// a statement, communique or resolution speaks for whoever
		// issued it: "a communique issued by the bloc welcomed ...",
		// "a statement from the ministry that urged ..."
		if rs := sc.doer(h, sc.c.lex.issuerPreps); len(rs) > 0 {
			return rs
		}
	}
	if sc.isEventNoun(h) {
		// "the killing of a trader in Mauritania": the one who did it
		// ("Russia's invasion"), else where it happened; the victim is
		// not the target
		if rs := sc.doer(h, nil); len(rs) > 0 {
			return rs
		}
		if rs := sc.actByModifier(h); len(rs) > 0 {
			return rs
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
	kids := sc.tree.Children(h)
	if b := sc.byOnOf(h); b >= 0 && sc.c.lex.nounActorPreps["by"] {
		kids = append(kids[:len(kids):len(kids)], b)
	}
	for _, c := range kids {
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

// doer returns who did the act or issued the document that noun h names
// (actor.event-doer): its possessor or "by" phrase (or a phrase of a
// preposition in preps: "a statement from the ministry"; a "by" phrase
// hung on its "of" complement: "the sinking of a trawler by X"), else the
// agent of a participle on it ("the attacks carried out by Russian forces", "a
// communique released by the bloc").
func (sc *sentCtx) doer(h int, preps set) []actorRef {
	tag := func(rs []actorRef) []actorRef {
		for i := range rs {
			rs[i].rule = ruleEventDoer
		}
		return rs
	}
	for _, c := range sc.tree.Children(h) {
		if r := sc.rel(c); r == "nmod:poss" || r == "det:poss" || (nlp.RelIs(r, "nmod") && (sc.caseOf(c) == "by" || preps[sc.caseOf(c)])) {
			if rs := sc.single(c, 0); len(rs) > 0 {
				return tag(rs)
			}
		}
	}
	if b := sc.byOnOf(h); b >= 0 {
		if rs := sc.single(b, 0); len(rs) > 0 {
			return tag(rs)
		}
	}
	for _, c := range sc.tree.Children(h) {
		if sc.rel(c) != "acl" {
			continue
		}
		if b := sc.byAgent(c); b >= 0 {
			if rs := sc.single(b, 0); len(rs) > 0 {
				return tag(rs)
			}
		}
	}
	return nil
}

// actByModifier returns who did the act that event noun h names when a
// modifier says it: a state or its demonym before the noun ("the North
// Korean launch", "the Russian invasion": actor.event-doer), or, for a
// noun of conduct, its "of" complement ("the actions of the Serbian
// government", "the decision of the court": actor.conduct-of; "the
// killing of a journalist" names the victim, not the doer).
func (sc *sentCtx) actByModifier(h int) []actorRef {
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if r != "amod" && r != "compound" || c > h {
			continue
		}
		m, ok := sc.mentionAt(c)
		if !ok || (m.Kind != dict.KindDemonym && m.Kind != dict.KindState) || m.Actor.Code == "" || sc.isBacker(c) {
			continue
		}
		return []actorRef{{actor: dyad.Actor{Code: m.Actor.Code, Name: m.Entry}, span: sc.span(m.Start, m.End-1), tok: c, kind: m.Kind, rule: ruleEventDoer}}
	}
	if !sc.c.lex.conductNouns[sc.lemmas[h]] {
		return nil
	}
	for _, c := range sc.tree.Children(h) {
		if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "of" {
			rs := sc.single(c, 0)
			for i := range rs {
				rs[i].rule = ruleConductOf
			}
			return rs
		}
	}
	return nil
}

// localFocus returns the country of the nearest state, demonym, capital or
// person named in the sentence, preferring those before token h. A news
// outlet is none ("told the BBC that the fighters ..."), as in focus.
func (sc *sentCtx) localFocus(h int) string {
	best, dist := "", sc.n+1
	for _, m := range sc.mentions {
		switch m.Kind {
		case dict.KindState, dict.KindDemonym, dict.KindCapital, dict.KindPerson, dict.KindGroup:
		default:
			continue
		}
		if m.Actor.Code == "" || transnational(m.Actor.Code) || m.Actor.Role == "MED" {
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
			if m.Actor.Code != "" && !transnational(m.Actor.Code) {
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
		if m.Kind == dict.KindPerson && m.Actor.Code != "" && !transnational(m.Actor.Code) {
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
		if !ok || (m.Kind != dict.KindCity && m.Kind != dict.KindState && m.Kind != dict.KindCapital) || transnational(m.Actor.Code) {
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
	if sc.seekingSpeaker {
		return actorRef{}, false
	}
	sc.seekingSpeaker = true
	defer func() { sc.seekingSpeaker = false }()
	for j := 0; j < sc.n; j++ {
		if sc.upos(j) != "VERB" || !sc.c.lex.speech[sc.lemmas[j]] {
			continue
		}
		for _, c := range sc.tree.Children(j) {
			if !nlp.RelIs(sc.rel(c), "nsubj") {
				continue
			}
			if sc.upos(c) == "PRON" {
				// '"We ...," he said': the speaker is whom "he" is
				if sc.c.lex.speakerPronouns[sc.lemmas[c]] {
					continue
				}
				if rs := sc.pronoun(c); len(rs) > 0 {
					return rs[0], true
				}
				continue
			}
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return rs[0], true
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
			if !ok || mm.Start != j || mm.Actor.Code == "" || transnational(mm.Actor.Code) || hasCode(srcs, mm.Actor.Code) {
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
	if place == "" || transnational(place) || hasCode(srcs, place) {
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

// victimsOwnCountry gives unnamed prisoners, hostages or civilians (the
// victim nouns) that took the source's country only because it was the
// nearest named the country of the place where it happened, else of the
// other party the sentence named before the act ("the rebels freed two
// soldiers, and the army let forty captives go"): whoever holds or harms them is seldom their own state.
func (sc *sentCtx) victimsOwnCountry(m *match, tgts, srcs []actorRef) []actorRef {
	for i, t := range tgts {
		if !t.unnamed || t.tok < 0 || t.tok >= sc.n || !sc.victimNoun(t.tok) || !hasCode(srcs, t.actor.Code) {
			continue
		}
		c := sc.clausePlace(m.clause)
		if c == "" || hasCode(srcs, c) {
			c = sc.otherPartyBefore(m.trig, srcs)
		}
		if c != "" && !hasCode(srcs, c) {
			t.actor.Code, t.rule = c, ruleVictimCountry
			tgts[i] = t
		}
	}
	return tgts
}

// victimNoun reports whether noun k names people held or harmed (a
// victim noun), itself or as the "of" of a quantity ("hundreds of
// prisoners").
func (sc *sentCtx) victimNoun(k int) bool {
	if sc.c.lex.victimNouns[sc.lemmas[k]] {
		return true
	}
	for _, c := range sc.tree.Children(k) {
		if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "of" && sc.c.lex.victimNouns[sc.lemmas[c]] {
			return true
		}
	}
	return false
}

// otherPartyBefore returns the country of the nearest actor named before
// token t that is none of the sources, or "".
func (sc *sentCtx) otherPartyBefore(t int, srcs []actorRef) string {
	for j := t - 1; j >= 0; j-- {
		mm, ok := sc.mentionAt(j)
		if !ok || mm.Actor.Code == "" || transnational(mm.Actor.Code) || mm.Kind == dict.KindAgent || hasCode(srcs, mm.Actor.Code) {
			continue
		}
		return mm.Actor.Code
	}
	return ""
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

// quoteAttribution returns the speaker of the quotation sentence s opens
// or goes on with (memory.open-quote) when one of the next sentences
// (next, of the same chunk, their offsets still relative to the chunk at
// off) closes it and names who said it: the first that closes it, within
// maxQuoteSentences; nil otherwise.
func (c *Coder) quoteAttribution(art *article, s *nlp.Sentence, next []nlp.Sentence, off, idx int) *actorRef {
	if !opensQuote(art.text[s.Start:s.End]) && !art.quoteOpen {
		return nil
	}
	for j := 0; j < len(next) && j < maxQuoteSentences; j++ {
		ns := nlp.Sentence{Start: next[j].Start + off, End: next[j].End + off, Tokens: append([]nlp.Token(nil), next[j].Tokens...)}
		for i := range ns.Tokens {
			ns.Tokens[i].Start += off
			ns.Tokens[i].End += off
		}
		if ns.End > len(art.text) {
			return nil
		}
		text := art.text[ns.Start:ns.End]
		if !closesQuote(text) {
			if o, cl := quoteMarks(text); o > 0 || cl > 0 {
				// a sentence with marks of its own that does not
				// close the quotation: another quotation
				return nil
			}
			continue
		}
		sp, ok := newSentCtx(c, art, &ns, idx+j, nil).speaker()
		if !ok {
			return nil
		}
		return &sp
	}
	return nil
}

// quoteMarks counts the opening and closing quotation marks of text; a
// straight double quote counts as opening when it starts a word.
func quoteMarks(text string) (open, closing int) {
	prev := ' '
	for _, r := range text {
		switch r {
		case '\u201c':
			open++
		case '\u201d':
			closing++
		case '"':
			if unicode.IsSpace(prev) {
				open++
			} else {
				closing++
			}
		}
		prev = r
	}
	return open, closing
}

// opensQuote reports whether text opens a quotation it does not close.
func opensQuote(text string) bool {
	o, c := quoteMarks(text)
	return o > c
}

// closesQuote reports whether text closes a quotation opened before it.
func closesQuote(text string) bool {
	o, c := quoteMarks(text)
	return c > o
}

// transnational reports whether an actor code names no state but the
// international or non-governmental sphere (IGO, NGO): such an actor has
// no country for a place, a dateline or a domestic dyad to take.
func transnational(code string) bool { return code == "IGO" || code == "NGO" }
