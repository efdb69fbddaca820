package coder

import (
	"strings"
	"time"
	"unicode"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// The memory stage: after each sentence, what the article remembers for
// the sentences after it: the actors named (for pronouns, titles, "both
// sides" and agents without a country), the events coded (for "the
// attack" condemned later), the words that upgrade later patterns (a
// phone call before "spoke"). A new thing to remember goes in memoryRules;
// what resolves against it is an actor rule (actors.go).

// memoryRule updates the article's memory with a sentence's events.
type memoryRule struct {
	id string
	fn func(sc *sentCtx, out []*coded, id string)
}

// memoryRules are the memory rules, in order.
func memoryRules() []memoryRule {
	return []memoryRule{
		{"memory.events", memEvents},
		{"memory.named-actors", memNamedActors},
		{"memory.person-source", memPersonSource},
		{"memory.context", memContext},
		{"memory.names", memNames},
		{"memory.speaker", memSpeaker},
		{"memory.open-quote", memOpenQuote},
		{"memory.dateline", memDateline},
	}
}

// remember runs the memory rules after a sentence.
func (sc *sentCtx) remember(out []*coded) {
	for _, r := range sc.c.rules.memory {
		r.fn(sc, out, r.id)
	}
}

// memEvents remembers the events of the sentence (not mirrors), for
// definite descriptions of them in later sentences ("condemned the
// attack").
func memEvents(sc *sentCtx, out []*coded, id string) {
	n := len(sc.art.events)
	sc.art.rememberEvents(sc.idx, out)
	if sc.rec != nil && len(sc.art.events) > n {
		var evs []string
		for _, e := range sc.art.events[n:] {
			evs = append(evs, e.src.actor.Code+" "+e.root)
		}
		sc.rec.printf("  memory: %s  <- %s\n", strings.Join(evs, ", "), id)
	}
}

// memNamedActors remembers the actors the sentence names (not agents or
// cities); a capital named as a place ("hosted X and Y in Ankara") is no
// party, and a state named as a place is remembered as one.
func memNamedActors(sc *sentCtx, _ []*coded, id string) {
	var names []string
	for _, m := range sc.mentions {
		if m.Kind == dict.KindAgent || m.Kind == dict.KindCity || m.Actor.Code == "" {
			continue
		}
		if m.Kind == dict.KindCapital && sc.locativeAt(m.Start) {
			continue
		}
		sc.art.remember(sc.idx, actorRef{actor: m.Actor, kind: m.Kind, person: m.Kind == dict.KindPerson, place: m.Kind == dict.KindState && sc.locativeAt(m.Start),
			subject: sc.mentionIsSubject(m), mem: id})
		if sc.named == nil {
			sc.named = map[dyad.Actor]bool{}
		}
		if m.Kind == dict.KindPerson {
			// a person named; an organisation named is not its
			// spokesman ("the UN envoy X": the UN is no "he")
			sc.named[dyad.Actor{Code: m.Actor.Code, Role: m.Actor.Role}] = true
		}
		names = append(names, m.Actor.Code+" "+m.Actor.Role)
	}
	if len(names) > 0 {
		sc.rec.printf("  memory: %s  <- %s\n", strings.Join(names, ", "), id)
	}
}

// mentionIsSubject reports whether mention m is the subject of a clause,
// itself or as a conjunct of one.
func (sc *sentCtx) mentionIsSubject(m dict.Mention) bool {
	for j := m.Start; j < m.End && j < sc.n; j++ {
		if h := sc.tree.Head(j); h >= m.Start && h < m.End {
			continue
		}
		k := j
		if sc.rel(k) == "conj" && sc.tree.Head(k) >= 0 {
			k = sc.tree.Head(k)
		}
		return nlp.RelIs(sc.rel(k), "nsubj")
	}
	return false
}

// memPersonSource remembers a person the sentence's events resolved as a
// source but did not name as a person (a title, a pronoun, a title of an
// organisation the sentence names); a person the sentence named is
// remembered where it was named: naming it again would make it
// the most recent actor.
func memPersonSource(sc *sentCtx, out []*coded, id string) {
	for _, e := range out {
		if e.src.person && !sc.named[dyad.Actor{Code: e.src.actor.Code, Role: e.src.actor.Role}] {
			r := e.src
			r.mem, r.subject = id, true
			if sc.pluralAt(r) {
				// many: "they" names them later, not "he" or "she"
				r.person = false
			}
			sc.art.remember(sc.idx, r)
			sc.rec.printf("  memory: %s %s  <- %s\n", r.actor.Code, r.actor.Role, id)
		}
	}
}

// pluralAt reports whether actor r was found in this sentence at a plural
// noun or a noun of an armed group ("armed groups", "the militia"): a
// party of many, which "he" or "she" does not name later.
func (sc *sentCtx) pluralAt(r actorRef) bool {
	if r.tok < 0 || r.tok >= sc.n {
		return false
	}
	if t := &sc.s.Tokens[r.tok]; t.Start < r.span.Start || t.End > r.span.End {
		// a pronoun's antecedent, found in another sentence
		return false
	}
	return sc.s.Tokens[r.tok].XPOS == "NNS" || sc.c.lex.groupNouns[sc.lemmas[r.tok]]
}

// memContext remembers the words of the sentence that upgrade later
// patterns (a phone call before "spoke" -> 041); a context word used as a
// verb of another sense is none ("called on", "called for" are no phone
// call).
func memContext(sc *sentCtx, _ []*coded, id string) {
	if len(sc.c.ctxLemmas) == 0 {
		return
	}
	if sc.art.context == nil {
		sc.art.context = map[string]bool{}
	}
	for i, l := range sc.lemmas {
		if sc.c.ctxLemmas[l] && !(sc.c.lex.nonContextVerbs[l] && isVerbal(sc.upos(i))) {
			sc.art.context[l] = true
			sc.rec.printf("  memory: context %q  <- %s\n", l, id)
		}
	}
}

// memNames remembers the names of people and groups the sentence named,
// for when they come back alone: a person of the dictionary by the last
// word of their name ("Komura" after "Masahiko Komura"), or by the first
// when a hyphenated given name follows the family name ("Moon" after "Moon
// Jae-in"); an organisation,
// armed group or party of the dictionary by the noun its name ends in
// ("the council" after "the UN Security Council"); a name the
// dictionaries lack that the sentence made an actor of (described or
// given a country by its modifiers) by its full name, a person's by the
// last word too, and by the acronym in brackets after it ("... Army
// (IRLA)"); a person the dictionaries lack named in apposition to a
// title of an organisation ("the chairman of the commission, First
// Last," / "the alliance's envoy, First Last,": orgTitleAppos) as that
// organisation's, by full and last name. The actors are added to the
// history as the names are.
func memNames(sc *sentCtx, _ []*coded, id string) {
	var kept []string
	keep := func(key string, r actorRef) {
		if key == "" || r.actor.Code == "" {
			return
		}
		if sc.art.names == nil {
			sc.art.names = map[string]actorRef{}
		}
		r.sent, r.inferred, r.mem = sc.idx, false, id
		sc.art.names[key] = r
		kept = append(kept, key)
	}
	for _, m := range sc.mentions {
		if m.End-m.Start < 2 || m.End > sc.n {
			continue
		}
		switch m.Kind {
		case dict.KindPerson:
			last := m.End - 1
			if m.End-m.Start == 4 && sc.words[m.Start+2] == "-" {
				// the family name first, the given name hyphenated
				// ("Moon Jae-in", "Tsai Ing-wen"): "Moon said"
				last = m.Start
			}
			keep(strings.ToLower(sc.words[last]), actorRef{actor: m.Actor, kind: m.Kind, person: true})
		case dict.KindOrganisation, dict.KindGroup, dict.KindParty:
			// "the council" after "the UN Security Council"; the acronym
			// in brackets after the name ("... Party (BNP)")
			r := actorRef{actor: m.Actor, kind: m.Kind}
			keep(headKey(sc.lemmas[m.End-1]), r)
			if l := m.End - 1; l+3 < sc.n && sc.words[l+1] == "(" && sc.words[l+3] == ")" && acronym(sc.words[l+2]) && sc.tokMen[l+2] < 0 {
				keep(strings.ToLower(sc.words[l+2]), r)
			}
			if f, l, ok := sc.orgTitleAppos(m); ok && m.Actor.Code != "" {
				// "the secretary-general of the alliance, First Last,":
				// the name the dictionaries lack is the organisation's
				p := actorRef{actor: m.Actor, kind: dict.KindPerson, person: true}
				keep(sc.nameKey(f, l), p)
				keep(strings.ToLower(sc.words[l]), p)
			}
		}
	}
	for j := 0; j < sc.n; j++ {
		// a name introduced with a title or a description in a sentence
		// whose events did not need it: resolve it now, for later ones
		if f, l, ok := sc.nameRun(j); ok && j == f && (sc.titleBefore(sc.runHead(f, l)) != "" || sc.tree.ChildWith(sc.runHead(f, l), "appos") >= 0) {
			sc.actorsAt(sc.runHead(f, l))
		}
	}
	for j := 0; j < sc.n; j++ {
		// an agent noun its phrase gave an owner ("envoys from the UN",
		// "Russian troops"): "the envoys", "the troops" later
		rs, ok := sc.memo[j]
		if !ok || len(rs) == 0 || rs[0].rule != ruleModifier || rs[0].inferred || sc.tokMen[j] < 0 {
			continue
		}
		if m := sc.mentions[sc.tokMen[j]]; m.Kind == dict.KindAgent && m.End-1 == j {
			keep(headKey(sc.lemmas[j]), rs[0])
		}
	}
	for _, r := range sc.described {
		f, l, ok := sc.nameRun(r.tok)
		if !ok {
			continue
		}
		keep(sc.nameKey(f, l), r)
		if r.person && l > f {
			keep(strings.ToLower(sc.words[l]), r)
			if l-f == 2 {
				// a name of three words may put the family name first
				// ("Yu Myung Hwan", "Lee Myung Bak": "Yu said")
				keep(strings.ToLower(sc.words[f]), r)
			}
		}
		if l+3 < sc.n && sc.words[l+1] == "(" && sc.words[l+3] == ")" && sc.upos(l+2) == "PROPN" {
			keep(strings.ToLower(sc.words[l+2]), r)
		}
		sc.art.remember(sc.idx, r)
	}
	if len(kept) > 0 {
		sc.rec.printf("  memory: names %s  <- %s\n", strings.Join(kept, ", "), id)
	}
}

// memSpeaker remembers who spoke in the sentence (the subject of a verb
// of saying), for a quotation that goes on in the next sentence without
// an attribution ('"We call on ..."'); a sentence that is no quotation
// and names no speaker ends the quotation.
func memSpeaker(sc *sentCtx, _ []*coded, id string) {
	sp, ok := sc.speaker()
	switch {
	case ok && sp.actor.Code != "":
		sp.sent, sp.inferred, sp.mem = sc.idx, false, id
		sc.art.speaker = &sp
		sc.rec.printf("  memory: speaker %s %s  <- %s\n", sp.actor.Code, sp.actor.Role, id)
	case !sc.inQuote():
		sc.art.speaker = nil
	}
}

// memOpenQuote remembers whether a quotation is still open after the
// sentence: one it opens and does not close, or an open one it does not
// close ('The minister said: "We will not give up. We demand ...".'), so
// that the next sentence is inside it (sentCtx.inQuote: its "we" and what
// it reports are the speaker's). Curly marks say which way they go;
// straight ones are counted by parity (an odd number turns the state),
// since their spacing is not to be trusted ('a "lasting peace, "').
// A quotation is taken to end after maxQuoteSentences sentences: a mark
// lost on the way must not make the rest of the article a quotation.
func memOpenQuote(sc *sentCtx, _ []*coded, id string) {
	text := sc.art.text[sc.s.Start:sc.s.End]
	was := sc.art.quoteOpen
	open := was
	o, c := strings.Count(text, "\u201c"), strings.Count(text, "\u201d")
	switch {
	case o > c:
		open = true
	case c > o:
		open = false
	}
	if strings.Count(text, "\"")%2 == 1 {
		open = !open
	}
	if open && was {
		sc.art.quoteSents++
		if sc.art.quoteSents >= maxQuoteSentences {
			open = false
		}
	} else {
		sc.art.quoteSents = 0
	}
	sc.art.quoteOpen = open
	if open && !was {
		sc.rec.printf("  memory: a quotation opens  <- %s\n", id)
	}
}

// maxQuoteSentences is the most sentences a quotation is taken to go on
// after the one that opens it.
const maxQuoteSentences = 4

// memDateline remembers the country of the article's dateline: a city or
// capital that opens the first sentence, followed by a comma, dash, colon
// or bracket ("KAMPALA, Uganda (AP) —", "Peshawar:"), where an agent
// without a country is when nothing closer says (actor.agent-dateline).
func memDateline(sc *sentCtx, _ []*coded, id string) {
	if sc.art.datelineDone {
		return
	}
	sc.art.datelineDone = true
	m, ok := sc.mentionAt(0)
	if !ok || m.Start != 0 || m.End >= sc.n || (m.Kind != dict.KindCity && m.Kind != dict.KindCapital) || m.Actor.Code == "" {
		return
	}
	switch sc.words[m.End] {
	case ",", "—", "–", "-", ":", "(":
	default:
		return
	}
	sc.art.datelineCode, sc.art.datelineSent = m.Actor.Code, sc.idx
	sc.rec.printf("  memory: dateline %s  <- %s\n", m.Actor.Code, id)
}

// headKey is how the article remembers the head noun of an
// organisation's name, for "the council", "the party" (actor.name-head).
func headKey(lemma string) string { return "the " + lemma }

// article is what the coder remembers of an article while coding it.
type article struct {
	a    *dyad.Article
	text string
	date time.Time
	// history holds the actors named so far, most recent last.
	history []actorRef
	// context holds lemmas of earlier sentences that patterns' context
	// upgrades look for.
	context map[string]bool
	// events holds the events coded so far (not mirrors), most recent
	// last, for definite descriptions of them ("condemned the attack").
	events []pastEvent
	// names maps a name the article gave an actor, lower case, to the
	// actor: the last word of a person's name, a described name, an
	// acronym (memory.names, actor.article-name).
	names map[string]actorRef
	// speaker is who spoke in the last sentence that named a speaker,
	// while a quotation goes on (memory.speaker).
	speaker *actorRef
	// datelineCode is the country of the article's dateline, from
	// sentence datelineSent (memory.dateline; datelineDone once the first
	// sentence was read).
	datelineCode string
	datelineSent int
	datelineDone bool
	// dateline is the place of the article's dateline, if any.
	dateline *dyad.Place
	// quoteOpen says that a quotation an earlier sentence opened is not
	// closed before the sentence being coded (memory.open-quote).
	quoteOpen bool
	// quoteSents counts the sentences the open quotation has gone on.
	quoteSents int
	// quoteSpeaker is who speaks the quotation the sentence being coded
	// opens, when the next sentence closes it with an attribution
	// (actor.quote-attribution).
	quoteSpeaker *actorRef
}

// pastEvent is an event coded earlier in the article.
type pastEvent struct {
	root, code string
	src, tgt   actorRef
}

// recipient returns the actor the article gave aid, pledges or sympathy
// to last, else the state it named last that has given none (the country
// struck by the earthquake, not an earlier donor), not one of the givers:
// the recipient a later sentence of assistance leaves out.
func (art *article) recipient(givers []actorRef) (actorRef, bool) {
	for i := len(art.events) - 1; i >= 0; i-- {
		e := art.events[i]
		if cameo.Assistance.Has(e.code) && e.tgt.actor.Code != "" && !hasCode(givers, e.tgt.actor.Code) {
			return e.tgt, true
		}
	}
	gave := map[string]bool{}
	for _, e := range art.events {
		if cameo.Assistance.Has(e.code) {
			gave[e.src.actor.Code] = true
		}
	}
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind != dict.KindState || h.actor.Code == "" || hasCode(givers, h.actor.Code) || gave[h.actor.Code] {
			continue
		}
		return h, true
	}
	return actorRef{}, false
}

// contextTarget returns the target of the last event the article gave
// one of the sources, else the state it named last that is not a source
// (a state, not its people or an organisation): the party a later
// sentence of sanctions leaves out.
func (art *article) contextTarget(srcs []actorRef) (actorRef, bool) {
	if t, ok := art.lastTargetOf(srcs); ok {
		return t, true
	}
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind == dict.KindState && h.actor.Code != "" && !transnational(h.actor.Code) && !hasCode(srcs, h.actor.Code) {
			return h, true
		}
	}
	return actorRef{}, false
}

// lastTargetOf returns the target, not one of the sources, of the last
// event the article gave one of the sources.
func (art *article) lastTargetOf(srcs []actorRef) (actorRef, bool) {
	for i := len(art.events) - 1; i >= 0; i-- {
		e := art.events[i]
		if hasCode(srcs, e.src.actor.Code) && e.tgt.actor.Code != "" && !hasCode(srcs, e.tgt.actor.Code) {
			return e.tgt, true
		}
	}
	return actorRef{}, false
}

// lastSourceAgainst returns the source, not one of srcs, of the last
// event the article aimed at one of srcs.
func (art *article) lastSourceAgainst(srcs []actorRef) (actorRef, bool) {
	for i := len(art.events) - 1; i >= 0; i-- {
		e := art.events[i]
		if hasCode(srcs, e.tgt.actor.Code) && e.src.actor.Code != "" && !hasCode(srcs, e.src.actor.Code) {
			return e.src, true
		}
	}
	return actorRef{}, false
}

// opposingParty returns the party the article set against side: the
// source of its last act against side, else the target of side's own
// last act (whom a speaker's verdict or defiance answers).
func (art *article) opposingParty(side []actorRef) (actorRef, bool) {
	if r, ok := art.lastSourceAgainst(side); ok {
		return r, true
	}
	return art.lastTargetOf(side)
}

// lastTargetOfRoot returns the target, not one of the sources, of the
// last event of root the article told, whoever did it.
func (art *article) lastTargetOfRoot(root string, srcs []actorRef) (actorRef, bool) {
	for i := len(art.events) - 1; i >= 0; i-- {
		e := art.events[i]
		if e.root == root && e.tgt.actor.Code != "" && !hasCode(srcs, e.tgt.actor.Code) {
			return e.tgt, true
		}
	}
	return actorRef{}, false
}

// ownSufferers returns the givers' own state when the article has named
// no other (a state, its people or one of its cities), and the givers'
// own state by one of those: the people sympathy is for when the story
// happens at home ("the Iraqi capital" ... "the president offered his
// condolences").
func (art *article) ownSufferers(givers []actorRef) (actorRef, bool) {
	var own actorRef
	found := false
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind != dict.KindState && h.kind != dict.KindDemonym && h.kind != dict.KindCity || h.actor.Code == "" {
			continue
		}
		if !hasCode(givers, h.actor.Code) || transnational(h.actor.Code) {
			return actorRef{}, false
		}
		if !found {
			own, found = h, true
		}
	}
	if found {
		own.actor = dyad.Actor{Code: own.actor.Code}
	}
	return own, found
}

// rememberEvents adds the events of sentence sent to the article's,
// bounded.
func (art *article) rememberEvents(sent int, evs []*coded) {
	for _, e := range evs {
		if e.src.actor.Code == "" || hasFlag(e.flags, dyad.FlagMirror) {
			continue
		}
		src, tgt := e.src, e.tgt
		if !src.inferred {
			src.sent = sent
		}
		if !tgt.inferred {
			tgt.sent = sent
		}
		art.events = append(art.events, pastEvent{root: e.code[:2], code: e.code, src: src, tgt: tgt})
	}
	if len(art.events) > 64 {
		art.events = append(art.events[:0:0], art.events[len(art.events)-32:]...)
	}
}

// remember adds actors named or resolved in sentence sent to the
// article's history, bounded.
func (art *article) remember(sent int, refs ...actorRef) {
	for _, r := range refs {
		if r.actor.Code == "" {
			continue
		}
		r.sent, r.inferred = sent, false
		art.history = append(art.history, r)
	}
	if len(art.history) > 64 {
		art.history = append(art.history[:0:0], art.history[len(art.history)-32:]...)
	}
}

// lastPerson returns the most recent person (or government title) actor;
// of the people of the last sentence that named one, the subject first
// ("Javier Milei met Lula's envoy. He later criticised ...": he is
// Milei).
func (art *article) lastPerson() (actorRef, bool) {
	last := -1
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if !h.person {
			continue
		}
		if last < 0 {
			last = i
		}
		if h.sent != art.history[last].sent {
			break
		}
		if h.subject {
			return h, true
		}
	}
	if last < 0 {
		return actorRef{}, false
	}
	return art.history[last], true
}

// lastActor returns the most recent actor that is not a person, else any.
// For one not a person ("it"), of the actors of the last sentence that
// named one, its subject, as for "he" (lastPerson): "the bloc cut its
// trade with Chad, a member. It said it was ..." is the bloc, not Chad.
func (art *article) lastActor(wantState bool) (actorRef, bool) {
	last := -1
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if !wantState {
			return h, true
		}
		if h.person {
			continue
		}
		if last < 0 {
			last = i
		}
		if h.sent != art.history[last].sent {
			break
		}
		if h.subject && !h.place {
			return h, true
		}
	}
	if last < 0 {
		return actorRef{}, false
	}
	return art.history[last], true
}

// lastParties returns the k most recent actors of distinct codes (two
// for "both sides", three for "all three countries"), in the order named,
// preferring people and governments; with states, only actors of a state
// (a state, its government, its people), not an organisation's or a news
// outlet's.
func (art *article) lastParties(k int, people, states bool) []actorRef {
	var out []actorRef
	for pass := 0; pass < 3 && len(out) < k; pass++ {
		out = out[:0]
		for i := len(art.history) - 1; i >= 0 && len(out) < k; i-- {
			h := art.history[i]
			if h.place || (pass == 0 && (!people || !h.person)) {
				continue
			}
			if states && (h.actor.Code == "" || transnational(h.actor.Code) || h.actor.Role == "MED") {
				continue
			}
			if pass == 1 && !h.person && h.kind != dict.KindState && h.kind != dict.KindCapital && h.kind != dict.KindGroup {
				continue
			}
			if !distinctFromAll(out, h) {
				continue
			}
			out = append(out, h)
		}
	}
	if len(out) < k {
		return nil
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// distinctFromAll reports whether h can be another party beside each of
// out (distinctParties).
func distinctFromAll(out []actorRef, h actorRef) bool {
	for _, o := range out {
		if !distinctParties(o, h) {
			return false
		}
	}
	return true
}

// distinctParties reports whether two actors can be the two sides of a
// pair: different countries, or a state and an armed group or opposition
// inside it ("the government and the M23 ... both sides").
func distinctParties(a, b actorRef) bool {
	if a.actor.Code != b.actor.Code {
		return true
	}
	insurgent := func(r actorRef) bool {
		return r.kind == dict.KindGroup || r.actor.Role == "REB" || r.actor.Role == "OPP"
	}
	return insurgent(a) != insurgent(b)
}

// lastGroup returns the most recent armed group named in the article;
// with orgs, an organisation or party too ("the group said").
func (art *article) lastGroup(orgs bool) (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind == dict.KindGroup || (orgs && (h.kind == dict.KindOrganisation || h.kind == dict.KindParty)) {
			return h, true
		}
	}
	return actorRef{}, false
}

// lastOrganisation returns the most recent international organisation
// named in the article.
func (art *article) lastOrganisation() (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		if h := art.history[i]; h.kind == dict.KindOrganisation && h.actor.Code == "IGO" {
			return h, true
		}
	}
	return actorRef{}, false
}

// focusSentence returns the sentence that named the article's focus
// state last (0 when none did).
func (art *article) focusSentence() int {
	for i := len(art.history) - 1; i >= 0; i-- {
		if c := art.history[i].actor.Code; c != "" && !transnational(c) && art.history[i].actor.Role != "MED" {
			return art.history[i].sent
		}
	}
	return 0
}

// focus returns the code of the most recently named state in the article.
// A news outlet is not one ("told Reuters"): where it is from says nothing of
// where the story happens.
func (art *article) focus() string {
	for i := len(art.history) - 1; i >= 0; i-- {
		if c := art.history[i].actor.Code; c != "" && !transnational(c) && art.history[i].actor.Role != "MED" {
			return c
		}
	}
	return ""
}

// orgTitleAppos returns the name run in apposition to a title of
// organisation mention m, written "TITLE of [the] ORG [(ACR)], First
// Last," or "ORG's TITLE, First Last,": a title is a person noun or an
// agent noun of the dictionaries; the name is two or more proper nouns the
// dictionaries lack, closed by a comma or the sentence's end. Read on
// the words, not the parse, which often hangs such a name elsewhere.
func (sc *sentCtx) orgTitleAppos(m dict.Mention) (first, last int, ok bool) {
	title := func(j int) bool {
		if j < 0 || j >= sc.n {
			return false
		}
		if mm, ok := sc.mentionAt(j); ok && mm.Kind == dict.KindAgent && mm.End-1 == j {
			return true
		}
		_, agent := sc.role(sc.lemmas[j])
		return agent || sc.c.lex.personNouns[sc.lemmas[j]]
	}
	after := m.End
	if after+2 < sc.n && sc.words[after] == "(" && sc.words[after+2] == ")" {
		after += 3
	}
	b := m.Start - 1
	for k := 0; k < 5 && b >= 1 && sc.lemmas[b] != "of"; k++ {
		// the organisation's own modifiers: "the", "Russia-led", "regional"
		switch u := sc.upos(b); {
		case u == "DET" || u == "ADJ" || u == "PROPN" || sc.words[b] == "-":
		case u == "VERB" && sc.words[b-1] == "-":
		default:
			k = 5
			continue
		}
		b--
	}
	switch {
	case b >= 1 && sc.lemmas[b] == "of" && title(b-1):
		// "the secretary-general of the bloc, First Last,"
	case after+1 < sc.n && (sc.words[after] == "'s" || sc.words[after] == "’s" || sc.words[after] == "'") && title(after+1):
		// "the bloc's envoy, First Last,"
		after += 2
	default:
		return 0, 0, false
	}
	if after+2 >= sc.n || sc.words[after] != "," {
		return 0, 0, false
	}
	first = after + 1
	last = first
	isName := func(j int) bool {
		return j < sc.n && sc.upos(j) == "PROPN" && sc.tokMen[j] < 0 && sc.words[j] != "" && unicode.IsUpper([]rune(sc.words[j])[0])
	}
	if !isName(first) {
		return 0, 0, false
	}
	for isName(last + 1) {
		last++
	}
	if last == first || last-first > 3 || !(last+1 >= sc.n || sc.words[last+1] == "," || sc.upos(last+1) == "PUNCT") {
		return 0, 0, false
	}
	return first, last, true
}
