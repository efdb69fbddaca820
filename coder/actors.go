package coder

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/timex"
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
}

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
	// dateline is the place of the article's dateline, if any.
	dateline *dyad.Place
}

// pastEvent is an event coded earlier in the article.
type pastEvent struct {
	root string
	src  actorRef
}

// rememberEvents adds a sentence's events to the article's, bounded.
func (art *article) rememberEvents(evs []*coded) {
	for _, e := range evs {
		if e.src.actor.Code == "" || hasFlag(e.flags, dyad.FlagMirror) {
			continue
		}
		art.events = append(art.events, pastEvent{root: e.code[:2], src: e.src})
	}
	if len(art.events) > 64 {
		art.events = append(art.events[:0:0], art.events[len(art.events)-32:]...)
	}
}

func hasFlag(fs []dyad.Flag, f dyad.Flag) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// remember adds actors to the article's history, bounded.
func (art *article) remember(refs ...actorRef) {
	for _, r := range refs {
		if r.actor.Code == "" {
			continue
		}
		art.history = append(art.history, r)
	}
	if len(art.history) > 64 {
		art.history = append(art.history[:0:0], art.history[len(art.history)-32:]...)
	}
}

// lastPerson returns the most recent person (or government title) actor.
func (art *article) lastPerson() (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		if art.history[i].person {
			return art.history[i], true
		}
	}
	return actorRef{}, false
}

// lastActor returns the most recent actor that is not a person, else any.
func (art *article) lastActor(wantState bool) (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if !wantState || !h.person {
			return h, true
		}
	}
	return actorRef{}, false
}

// lastPair returns the two most recent actors of distinct codes, preferring
// people and governments.
func (art *article) lastPair(people bool) []actorRef {
	var out []actorRef
	for pass := 0; pass < 3 && len(out) < 2; pass++ {
		out = out[:0]
		for i := len(art.history) - 1; i >= 0 && len(out) < 2; i-- {
			h := art.history[i]
			if h.place || (pass == 0 && (!people || !h.person)) {
				continue
			}
			if pass == 1 && !h.person && h.kind != dict.KindState && h.kind != dict.KindCapital && h.kind != dict.KindGroup {
				continue
			}
			if len(out) == 1 && !distinctParties(out[0], h) {
				continue
			}
			out = append(out, h)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return []actorRef{out[1], out[0]}
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

// orgNouns name an international organisation by what it is.
var orgNouns = map[string]bool{"bloc": true, "alliance": true, "organisation": true, "organization": true, "grouping": true}

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

// groupNouns name an armed group by what it is.
var groupNouns = map[string]bool{"militia": true, "rebel": true, "insurgent": true, "group": true,
	"movement": true, "paramilitary": true, "faction": true, "militant": true, "jihadist": true, "insurgency": true}

// groupDescription reports whether noun h describes an armed group
// ("the rebels", "the paramilitary force", "the militia") and names no
// actor of its own.
func (sc *sentCtx) groupDescription(h int) bool {
	l := sc.lemmas[h]
	if strings.HasSuffix(l, "s") && groupNouns[strings.TrimSuffix(l, "s")] {
		l = strings.TrimSuffix(l, "s")
	}
	desc := groupNouns[l]
	for _, c := range sc.children[h] {
		r := sc.rel(c)
		if (r == "amod" || r == "compound") && groupNouns[sc.lemmas[c]] && (l == "force" || l == "fighter") {
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

// focus returns the code of the most recently named state in the article.
// A news outlet is not one ("told Reuters"): where it is from says nothing of
// where the story happens.
func (art *article) focus() string {
	for i := len(art.history) - 1; i >= 0; i-- {
		if c := art.history[i].actor.Code; c != "" && c != "IGO" && c != "NGO" && art.history[i].actor.Role != "MED" {
			return c
		}
	}
	return ""
}

// sentCtx is one sentence being coded.
type sentCtx struct {
	c        *Coder
	art      *article
	s        *nlp.Sentence
	n        int
	children [][]int
	words    []string
	lemmas   []string
	mentions []dict.Mention
	tokMen   []int // token -> mention index or -1
	memo     map[int][]actorRef
	dates    []timex.Expression
	place    string // country of a place named in the sentence
	city     string // country of a city named in the sentence
}

func newSentCtx(c *Coder, art *article, orig *nlp.Sentence) *sentCtx {
	// a copy: the coder repairs some parse errors in place
	s := &nlp.Sentence{Start: orig.Start, End: orig.End, Tokens: append([]nlp.Token(nil), orig.Tokens...)}
	n := len(s.Tokens)
	sc := &sentCtx{c: c, art: art, s: s, n: n, children: make([][]int, n),
		words: make([]string, n), lemmas: make([]string, n), tokMen: make([]int, n),
		memo: map[int][]actorRef{}}
	for i := range s.Tokens {
		t := &s.Tokens[i]
		sc.words[i] = t.Text
		sc.lemmas[i] = strings.ToLower(t.Lemma)
		if sc.lemmas[i] == "" {
			sc.lemmas[i] = strings.ToLower(t.Text)
		}
		sc.tokMen[i] = -1
		if t.UPOS == "VERB" && len(c.idx[sc.lemmas[i]]) == 0 {
			sc.lemmas[i] = c.verbLemma(sc.lemmas[i], t.Text)
		}
	}
	sc.repairVerbModifiers()
	sc.repairPluralNouns()
	for i := range s.Tokens {
		if h := s.Tokens[i].Head; h >= 0 && h < n && h != i {
			sc.children[h] = append(sc.children[h], i)
		}
	}
	if sc.repairClauseSubjects() {
		sc.children = make([][]int, n)
		for i := range s.Tokens {
			if h := s.Tokens[i].Head; h >= 0 && h < n && h != i {
				sc.children[h] = append(sc.children[h], i)
			}
		}
	}
	if c.actors != nil {
		sc.mentions = c.actors.FindActors(sc.words, sc.lemmas, art.date)
	}
	for mi, m := range sc.mentions {
		for j := m.Start; j < m.End && j < n; j++ {
			if j >= 0 {
				sc.tokMen[j] = mi
			}
		}
		if m.Kind == dict.KindCity && sc.city == "" {
			sc.city = m.Actor.Code
		}
		if m.Kind == dict.KindCity || ((m.Kind == dict.KindState || m.Kind == dict.KindCapital) && sc.locativeAt(m.Start)) {
			// (a state named as a party, "to help Iran", is not where
			// anything happens)
			if sc.place == "" || m.Kind == dict.KindCity {
				sc.place = m.Actor.Code
			}
		}
	}
	return sc
}

// repairClauseSubjects mends a parse that coordinates the subject of a new
// clause with the noun before it ("suspended its partnership with Georgia,
// and the European Union warned of ...", with "the European Union" a
// conjunct of "Georgia"): a noun after ", and" or ", but" that a finite
// verb without a subject follows is that verb's subject. It reports
// whether it changed the parse.
func (sc *sentCtx) repairClauseSubjects() bool {
	toks := sc.s.Tokens
	changed := false
	for c := range toks {
		t := &toks[c]
		if t.DepRel != "conj" || (t.UPOS != "NOUN" && t.UPOS != "PROPN") || t.Head < 0 || t.Head >= c || !isNominal(toks[t.Head].UPOS) {
			continue
		}
		cc := -1
		for _, k := range sc.children[c] {
			if toks[k].DepRel == "cc" && k < c {
				cc = k
			}
		}
		if cc < 1 || toks[cc-1].Text != "," || (sc.lemmas[cc] != "and" && sc.lemmas[cc] != "but") {
			continue
		}
		_, l := sc.subtree(c)
		v := l + 1
		if v >= sc.n || toks[v].UPOS != "VERB" {
			continue
		}
		switch toks[v].XPOS {
		case "VBD", "VBZ", "VBP":
		default:
			continue
		}
		if sc.childWith(v, "nsubj") >= 0 || sc.childWith(v, "nsubj:pass") >= 0 || sc.inSubtree(c, v) {
			continue
		}
		t.Head, t.DepRel = v, "nsubj"
		changed = true
	}
	return changed
}

// head returns the head of token i, or -1.
func (sc *sentCtx) head(i int) int {
	h := sc.s.Tokens[i].Head
	if h < 0 || h >= sc.n {
		return -1
	}
	return h
}

func (sc *sentCtx) rel(i int) string  { return sc.s.Tokens[i].DepRel }
func (sc *sentCtx) upos(i int) string { return sc.s.Tokens[i].UPOS }

// childWith returns the first child of i with relation rel (or a subtype).
func (sc *sentCtx) childWith(i int, rel string) int {
	for _, c := range sc.children[i] {
		if nlp.RelIs(sc.rel(c), rel) {
			return c
		}
	}
	return -1
}

// caseOf returns the lemma of the preposition marking token i ("with"),
// joined for multi-word markers ("according to").
func (sc *sentCtx) caseOf(i int) string {
	var parts []string
	for _, c := range sc.children[i] {
		if nlp.RelIs(sc.rel(c), "case") && c < i {
			parts = append(parts, sc.lemmas[c])
			for _, f := range sc.children[c] {
				if nlp.RelIs(sc.rel(f), "fixed") {
					parts = append(parts, sc.lemmas[f])
				}
			}
		}
	}
	return strings.Join(parts, " ")
}

// conjuncts returns i and the tokens coordinated with it (conj children,
// recursively), for nominals.
func (sc *sentCtx) conjuncts(i int) []int {
	out := []int{i}
	for k := 0; k < len(out) && k < 16; k++ {
		var cs []int
		coordinated := false
		for _, c := range sc.children[out[k]] {
			if sc.rel(c) == "conj" && !isVerbal(sc.upos(c)) {
				cs = append(cs, c)
				if sc.listEnds(c, 0) {
					coordinated = true
				}
			}
		}
		// a list ends with "and", "or": conjuncts without any are a
		// parse error ("... counterparts, officials said")
		if coordinated {
			out = append(out, cs...)
		}
	}
	return out
}

// listEnds reports whether conjunct c, or a conjunct nested under it ("A,
// B and C" parsed as a chain), carries the "and" or "or" that ends a list.
func (sc *sentCtx) listEnds(c, depth int) bool {
	if sc.childWith(c, "cc") >= 0 {
		return true
	}
	if depth > 8 {
		return false
	}
	for _, k := range sc.children[c] {
		if sc.rel(k) == "conj" && !isVerbal(sc.upos(k)) && sc.listEnds(k, depth+1) {
			return true
		}
	}
	return false
}

func isVerbal(upos string) bool { return upos == "VERB" || upos == "AUX" }
func isNominal(upos string) bool {
	return upos == "NOUN" || upos == "PROPN" || upos == "PRON" || upos == "NUM" || upos == "ADJ" || upos == "X"
}

// subtreeBytes returns the byte span of the subtree of i.
func (sc *sentCtx) subtreeBytes(i int) (int, int) {
	f, l := sc.subtree(i)
	return sc.s.Tokens[f].Start, sc.s.Tokens[l].End
}

// subtree returns the first and last token of the subtree of i.
func (sc *sentCtx) subtree(i int) (int, int) {
	first, last := i, i
	stack := []int{i}
	seen := 0
	for len(stack) > 0 && seen <= sc.n {
		seen++
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if j < first {
			first = j
		}
		if j > last {
			last = j
		}
		stack = append(stack, sc.children[j]...)
	}
	return first, last
}

// inSubtree reports whether b is in the subtree of a.
func (sc *sentCtx) inSubtree(a, b int) bool {
	for steps := 0; b >= 0 && steps <= sc.n; steps++ {
		if b == a {
			return true
		}
		b = sc.head(b)
	}
	return false
}

// dateInClause reports whether a date expression belongs to the clause
// headed by clause rather than to a clause nested in it.
func (sc *sentCtx) dateInClause(d *timex.Expression, clause int) bool {
	for i := range sc.s.Tokens {
		t := &sc.s.Tokens[i]
		if t.Start-sc.s.Start >= d.Start && t.End-sc.s.Start <= d.End {
			// walk up to the clause, refusing to cross another predicate
			j := i
			for steps := 0; j >= 0 && steps <= sc.n; steps++ {
				if j == clause {
					return true
				}
				if j != i && isVerbal(sc.upos(j)) && j != clause {
					r := sc.rel(j)
					if nlp.RelIs(r, "ccomp") || nlp.RelIs(r, "advcl") || nlp.RelIs(r, "acl") || nlp.RelIs(r, "xcomp") || r == "parataxis" {
						return false
					}
				}
				j = sc.head(j)
			}
			return false
		}
	}
	return false
}

// span returns the byte span of tokens [a, b].
func (sc *sentCtx) span(a, b int) dyad.Span {
	return dyad.Span{Start: sc.s.Tokens[a].Start, End: sc.s.Tokens[b].End}
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
		if p := sc.head(h); p >= 0 && !isVerbal(sc.upos(p)) {
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

func dedupe(rs []actorRef) []actorRef {
	var out []actorRef
	for _, r := range rs {
		dup := false
		for _, o := range out {
			if o.actor.Code == r.actor.Code && o.actor.Role == r.actor.Role {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// mentionAt returns the mention covering token i.
func (sc *sentCtx) mentionAt(i int) (dict.Mention, bool) {
	if i < 0 || i >= sc.n || sc.tokMen[i] < 0 {
		return dict.Mention{}, false
	}
	return sc.mentions[sc.tokMen[i]], true
}

// modifierRels are the relations through which a noun's country or
// organisation is named.
func isModifierRel(rel string) bool {
	switch {
	case rel == "amod", rel == "compound", nlp.RelIs(rel, "nmod"), rel == "flat", rel == "det:poss", rel == "appos":
		return true
	}
	return false
}

// single resolves one nominal (not its conjuncts).
func (sc *sentCtx) single(h, depth int) []actorRef {
	if depth > 3 {
		return nil
	}
	lemma := sc.lemmas[h]
	f, l := sc.subtree(h)
	sp := sc.span(f, l)
	// pronouns
	if sc.upos(h) == "PRON" || (sc.c.lex.pronoun[lemma] && sc.upos(h) != "PROPN") {
		return sc.pronoun(h)
	}
	m, isMention := sc.mentionAt(h)
	role := ""
	personLike := false
	if isMention && m.Kind != dict.KindAgent {
		a := m.Actor
		ref := actorRef{actor: a, span: sc.span(m.Start, m.End-1), tok: h, kind: m.Kind,
			person: m.Kind == dict.KindPerson, resolved: m.Kind == dict.KindCapital}
		if m.Kind == dict.KindDemonym || m.Kind == dict.KindCity || m.Kind == dict.KindState {
			// "the Ukrainian" alone, or a place: keep, role from the head noun if any
			ref.actor.Role = a.Role
		}
		return []actorRef{ref}
	}
	if isMention && m.Kind == dict.KindAgent {
		role = m.Actor.Role
	} else if r, ok := sc.role(lemma); ok {
		role = r
	}
	if role == "NGO" || role == "IGO" {
		// "a human rights group", "aid agencies": the kind is the code
		return []actorRef{{actor: dyad.Actor{Code: role, Name: sc.words[h]}, span: sp, tok: h, kind: dict.KindOrganisation}}
	}
	personLike = sc.c.lex.personNoun[lemma] || role == "GOV" && sc.upos(h) == "NOUN"
	// definite descriptions of two parties: "the two leaders", "both sides"
	if sc.c.lex.pairNoun[lemma] && sc.isPairDescription(h) {
		people := true
		switch lemma {
		case "side", "country", "government", "nation", "neighbour", "neighbor", "state", "capital", "army", "force", "camp":
			people = false
		}
		pair := sc.art.lastPair(people)
		if len(pair) == 2 {
			out := make([]actorRef, 2)
			for i, p := range pair {
				out[i] = actorRef{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(role, p.actor.Role), Name: p.actor.Name},
					span: sp, tok: h, resolved: true, person: p.person, kind: p.kind}
			}
			return out
		}
	}
	// an event noun ("the killing of ...") is no actor; npFallback finds
	// who did it or where
	if role == "" && !isMention && sc.isEventNoun(h) {
		return nil
	}
	// the country or organisation from modifiers; a place ("in Lusaka")
	// only when nothing closer names it
	var owners, places []actorRef
	modRole := ""
	for _, c := range sc.children[h] {
		r := sc.rel(c)
		if !isModifierRel(r) || (sc.tokMen[c] >= 0 && sc.tokMen[c] == sc.tokMen[h]) {
			continue
		}
		if (r == "compound" || r == "amod") && !(sc.upos(c) == "ADJ" && sc.lemmas[c] == "general") {
			// ("a general strike" is not the army's)
			if mm, ok := sc.mentionAt(c); ok && mm.Kind == dict.KindAgent {
				modRole = mm.Actor.Role
			} else if rr, ok := sc.role(sc.lemmas[c]); ok && rr != "" {
				modRole = rr
			}
		}
		if nlp.RelIs(r, "nmod") && r != "nmod:poss" {
			switch sc.caseOf(c) {
			case "of", "in", "from", "for", "at", "on behalf of", "within", "inside", "":
			default:
				continue
			}
		}
		if sc.isBacker(c) {
			// "Iranian-backed militias" are not Iran's
			continue
		}
		place := false
		if nlp.RelIs(r, "nmod") && r != "nmod:poss" {
			switch sc.caseOf(c) {
			case "in", "at", "within", "inside":
				place = true
			}
		}
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
	if len(owners) == 0 && !(role == "" && sc.c.lex.gathering[lemma]) {
		// (the venue of a summit or games is not a party to it)
		owners = places
	}
	if poss := sc.childWith(h, "nmod:poss"); poss >= 0 && len(owners) > 1 && lemma == "counterpart" {
		// "his Burundian counterpart": the other side, not his
		var own []actorRef
		for _, o := range owners {
			if o.tok < 0 || !sc.inSubtree(poss, o.tok) {
				own = append(own, o)
			}
		}
		if len(own) > 0 {
			owners = own
		}
	} else if poss >= 0 && len(owners) > 1 {
		// "Poland's support for Ukraine": the possessor owns it
		var own []actorRef
		for _, o := range owners {
			inPP := false
			for _, c := range sc.children[h] {
				if r := sc.rel(c); nlp.RelIs(r, "nmod") && r != "nmod:poss" && o.tok >= 0 && sc.inSubtree(c, o.tok) {
					inPP = true
				}
			}
			if !inPP {
				own = append(own, o)
			}
		}
		if len(own) > 0 {
			owners = own
		}
	}
	// words before the head inside its phrase that the parse left unattached
	if len(owners) == 0 {
		for j := h - 1; j >= f && j >= h-4; j-- {
			if mm, ok := sc.mentionAt(j); ok && mm.Kind != dict.KindAgent && sc.inSubtree(h, j) && !sc.isBacker(j) && !(j+2 < sc.n && sc.words[j+1] == "-" && sc.isBacker(j+2)) {
				owners = append(owners, actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind})
				break
			}
		}
	}
	var out []actorRef
	cityCode := "" // a place named in the phrase ("the Jenin refugee camp")
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
			if cityCode == "" {
				cityCode = o.actor.Code
			}
			continue
		}
		a.Name = phrase(sc.art.text[sp.Start:sp.End])
		out = append(out, actorRef{actor: a, span: sp, tok: h, kind: o.kind, person: personLike || o.person, resolved: o.resolved})
	}
	if len(out) > 0 {
		return out
	}
	if role == "" && modRole != "" && !personLike {
		// "an army base", "police vehicles": what belongs to the agent
		role = modRole
	}
	if lemma == "leader" && modRole != "" && modRole != "GOV" {
		// "student leaders", "opposition leaders", "rebel leaders": they
		// lead the group the modifier names
		role = modRole
	}
	if depth == 0 && sc.hasDet(h, "the") && orgNouns[lemma] && len(sc.children[h]) == 1 {
		// "the bloc", "the alliance": the organisation named last
		if g, ok := sc.art.lastOrganisation(); ok {
			g.span, g.tok, g.resolved = sp, h, true
			return []actorRef{g}
		}
	}
	if depth == 0 && sc.hasDefinite(h) && sc.groupDescription(h) {
		// "the paramilitary force", "the rebels", "the group": the armed
		// group or organisation named last
		if g, ok := sc.art.lastGroup(lemma == "group"); ok {
			g.span, g.tok, g.resolved = sp, h, true
			return []actorRef{g}
		}
	}
	if (role != "" || isMention) && depth == 0 && personLike {
		// "the group's leader, Mohamed Hamdan Dagalo": a title with its
		// name in apposition, which the parse hung elsewhere
		if l+2 < sc.n && sc.words[l+1] == "," {
			if mm, ok := sc.mentionAt(l + 2); ok && mm.Start == l+2 && mm.Kind == dict.KindPerson && mm.Actor.Code != "" {
				return []actorRef{{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: h, kind: mm.Kind, person: true}}
			}
		}
	}
	if (role != "" || isMention) && depth == 0 {
		// a role without a country: a title alone or an unnamed agent
		if personLike && (role == "GOV" || role == "") && sc.hasDefinite(h) {
			if p, ok := sc.art.lastPerson(); ok && (role == "" || p.actor.Role == role || p.actor.Role == "") {
				return []actorRef{{actor: dyad.Actor{Code: p.actor.Code, Role: firstNonEmpty(role, p.actor.Role), Name: sc.words[h]}, span: sp, tok: h, resolved: true, person: true}}
			}
		}
		var code string
		if personLike && role == "GOV" {
			// a title alone: a place inside its own phrase ("the mayor of
			// the city of Nablus"), the article's country, else one named
			// before it
			code = firstNonEmpty(sc.placeInPhrase(h), sc.art.focus())
			code = firstNonEmpty(code, sc.localFocus(h))
		} else {
			// an unnamed agent: a country named before it, where it happens,
			// the article's country, any country of the sentence
			code = firstNonEmpty(cityCode, sc.localFocus(h))
			code = firstNonEmpty(code, sc.place)
			code = firstNonEmpty(code, sc.personCountry())
			code = firstNonEmpty(code, sc.art.focus())
			code = firstNonEmpty(code, sc.anyCountry())
		}
		if code != "" {
			return []actorRef{{actor: dyad.Actor{Code: code, Role: role, Name: sc.words[h]}, span: sp, tok: h, resolved: true, person: personLike, unnamed: !personLike}}
		}
	}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// hasDefinite reports whether a noun has "the" or a possessive determiner.
func (sc *sentCtx) hasDefinite(h int) bool {
	for _, c := range sc.children[h] {
		if sc.rel(c) == "det" && sc.lemmas[c] == "the" {
			return true
		}
		if sc.rel(c) == "nmod:poss" || sc.rel(c) == "det:poss" {
			return true
		}
	}
	return false
}

// isPairDescription: "the two leaders", "both sides", "the two sides".
func (sc *sentCtx) isPairDescription(h int) bool {
	if !strings.HasSuffix(strings.ToLower(sc.s.Tokens[h].XPOS), "s") && sc.s.Tokens[h].Text == sc.lemmas[h] {
		// singular noun
		return false
	}
	for _, c := range sc.children[h] {
		l := sc.lemmas[c]
		if l == "two" || l == "both" {
			return true
		}
	}
	return h > 0 && (sc.lemmas[h-1] == "two" || sc.lemmas[h-1] == "both")
}

// pronoun resolves a pronoun against the sentence so far and the article.
func (sc *sentCtx) pronoun(h int) []actorRef {
	l := sc.lemmas[h]
	sp := sc.span(h, h)
	mk := func(r actorRef) []actorRef {
		r.span, r.tok, r.resolved = sp, h, true
		return []actorRef{r}
	}
	// "we", "I" in a quotation: the speaker
	switch l {
	case "we", "i", "our", "us", "my", "me":
		if sp, ok := sc.speaker(); ok {
			return mk(sp)
		}
		return nil
	}
	// an earlier actor in the same sentence (subject of the main clause)
	if pr, ok := sc.earlierInSentence(h, l); ok {
		return mk(pr)
	}
	// "X said it carried out the attack": the speaker
	if v := sc.head(h); v >= 0 && nlp.RelIs(sc.rel(h), "nsubj") && sc.rel(v) == "ccomp" {
		if p := sc.head(v); p >= 0 && sc.c.lex.speech[sc.lemmas[p]] {
			if sp, ok := sc.speaker(); ok {
				return mk(sp)
			}
		}
	}
	// the nearest actor named before it in the sentence
	for j := h - 1; j >= 0; j-- {
		m, ok := sc.mentionAt(j)
		if !ok || m.Kind == dict.KindAgent || m.Kind == dict.KindCity || m.Actor.Code == "" {
			continue
		}
		person := m.Kind == dict.KindPerson
		switch l {
		case "he", "she", "him", "her", "his", "hers":
			if !person {
				continue
			}
		case "it", "its":
			if person || m.Kind == dict.KindDemonym {
				continue
			}
		default:
			if m.Kind == dict.KindDemonym {
				continue
			}
		}
		return mk(actorRef{actor: m.Actor, kind: m.Kind, person: person})
	}
	switch l {
	case "he", "she", "him", "her", "his", "hers":
		if p, ok := sc.art.lastPerson(); ok {
			return mk(p)
		}
	case "it", "its":
		if p, ok := sc.art.lastActor(true); ok {
			return mk(p)
		}
	case "they", "them", "their", "theirs", "we", "our", "us":
		if p, ok := sc.art.lastActor(false); ok {
			return mk(p)
		}
	}
	return nil
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
		switch l {
		case "he", "she", "him", "her", "his", "hers":
			if !r.person {
				continue
			}
		case "it", "its":
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
		for _, c := range sc.children[h] {
			if r := sc.rel(c); r == "nmod:poss" || r == "det:poss" || (nlp.RelIs(r, "nmod") && sc.caseOf(c) == "by") {
				if rs := sc.single(c, 0); len(rs) > 0 {
					return rs
				}
			}
		}
		if sc.c.lex.gathering[sc.lemmas[h]] {
			// a summit or games in a country: the venue is not a party
			return nil
		}
		f, l := sc.subtree(h)
		for j := f; j <= l; j++ {
			if m, ok := sc.mentionAt(j); ok && (m.Kind == dict.KindState || m.Kind == dict.KindCapital || m.Kind == dict.KindCity) {
				if nlp.RelIs(sc.rel(j), "nmod") && (sc.caseOf(j) == "in" || sc.caseOf(j) == "at") {
					return []actorRef{{actor: dyad.Actor{Code: m.Actor.Code, Name: m.Entry}, span: sc.span(m.Start, m.End-1), tok: j, kind: m.Kind}}
				}
			}
		}
		return nil
	}
	for _, c := range sc.children[h] {
		r := sc.rel(c)
		if r == "nmod:poss" || (nlp.RelIs(r, "nmod") && (sc.caseOf(c) == "of" || sc.caseOf(c) == "by" || sc.caseOf(c) == "to" || sc.caseOf(c) == "for")) {
			var out []actorRef
			for _, cc := range sc.conjuncts(c) {
				out = append(out, sc.single(cc, 0)...)
			}
			if len(out) > 0 {
				return dedupe(out)
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

// verbLemma repairs a verb lemma the lemmatizer got wrong ("shelled" ->
// "shel") when a form derived from the word is a pattern trigger.
func (c *Coder) verbLemma(lemma, form string) string {
	w := strings.ToLower(form)
	var cands []string
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			stem := w[:len(w)-len(suf)]
			cands = append(cands, stem, stem+"e")
			if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
				cands = append(cands, stem[:n-1])
			}
			if strings.HasSuffix(stem, "i") {
				cands = append(cands, stem[:len(stem)-1]+"y")
			}
		}
	}
	cands = append(cands, w)
	for _, k := range cands {
		if len(c.idx[k]) > 0 || c.lightVerbs[k] {
			return k
		}
	}
	return lemma
}

// isEventNoun reports whether a noun names an event ("killing", "arrest",
// "invasion"): a pattern trigger itself, or the -ing form of one.
func (sc *sentCtx) isEventNoun(h int) bool {
	if sc.upos(h) != "NOUN" {
		return false
	}
	l := sc.lemmas[h]
	if np, ok := sc.c.nominal(l); ok && np != nil {
		return true
	}
	for _, suf := range []string{"ing", "ion", "ment"} {
		if strings.HasSuffix(l, suf) {
			stem := strings.TrimSuffix(l, suf)
			if len(sc.c.idx[stem]) > 0 || len(sc.c.idx[stem+"e"]) > 0 {
				return true
			}
			if n := len(stem); n > 2 && stem[n-1] == stem[n-2] && len(sc.c.idx[stem[:n-1]]) > 0 {
				return true
			}
		}
	}
	switch l {
	case "invasion", "attack", "arrest", "detention", "abduction", "killing", "death", "massacre", "crackdown", "siege", "occupation", "bombing", "shelling":
		return true
	}
	return false
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

// phrase returns the words of an actor's phrase for Actor.Name, on one
// line and not too long.
func phrase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 64 {
		cut := strings.LastIndexByte(s[:64], ' ')
		if cut < 16 {
			cut = 64
		}
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// repairVerbModifiers mends a common tagging error: a past-tense verb
// between two nouns taken for an adjective ("police fired tear gas",
// "the rebels resumed talks" parsed as "fired gas", "resumed talks"
// noun phrases) in a sentence whose clause has no verb. The verb becomes
// the predicate, the noun before it its subject and the noun after it its
// object. Only event-pattern verbs are repaired.
func (sc *sentCtx) repairVerbModifiers() {
	toks := sc.s.Tokens
	n := len(toks)
	for v := 1; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || !(t.UPOS == "VERB" || (t.UPOS == "ADJ" && strings.HasSuffix(strings.ToLower(t.Text), "ed"))) {
			continue
		}
		lemma := sc.lemmas[v]
		if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
			lemma = sc.c.verbLemma(lemma, t.Text)
			if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
				continue
			}
		}
		h := t.Head
		prev := v - 1
		if h <= v || h > v+4 || h >= n || (toks[prev].UPOS != "NOUN" && toks[prev].UPOS != "PROPN") {
			continue
		}
		// the clause must have no verb of its own (a speech verb aside)
		verbal := false
		for a, steps := toks[h].Head, 0; a >= 0 && a < n && steps < n; a, steps = toks[a].Head, steps+1 {
			if (toks[a].UPOS == "VERB" || toks[a].UPOS == "AUX") && !sc.c.lex.speech[sc.lemmas[a]] {
				verbal = true
				break
			}
		}
		if verbal {
			continue
		}
		subj := prev
		for steps := 0; steps < 4; steps++ {
			r, hd := toks[subj].DepRel, toks[subj].Head
			if hd < 0 || hd >= v || !(r == "flat" || r == "compound" || nlp.RelIs(r, "nmod") || r == "conj") {
				break
			}
			subj = hd
		}
		if x := toks[h].Head; toks[h].DepRel == "conj" && x >= 0 && x < v && subj != x {
			// "Colombia's government and the rebels resumed talks" parsed
			// as "government and [rebels resumed talks]": the first
			// conjunct is part of the subject
			t.Head, t.DepRel = toks[x].Head, toks[x].DepRel
			toks[x].Head, toks[x].DepRel = v, "nsubj"
			toks[subj].Head, toks[subj].DepRel = x, "conj"
			for j := subj + 1; j < v; j++ {
				if toks[j].DepRel == "cc" {
					toks[j].Head = subj
				}
			}
			for j := x + 1; j < subj; j++ {
				if toks[j].DepRel == "cc" && toks[j].Head == h {
					toks[j].Head = subj
				}
			}
			subj = v // done with the subject
		} else {
			t.Head, t.DepRel = toks[h].Head, toks[h].DepRel
		}
		if t.Head == v {
			t.Head = -1
		}
		t.UPOS = "VERB"
		if !strings.HasPrefix(t.XPOS, "VB") {
			t.XPOS = "VBD"
		}
		sc.lemmas[v] = lemma
		toks[h].Head, toks[h].DepRel = v, "obj"
		if subj != v && subj != h {
			toks[subj].Head, toks[subj].DepRel = v, "nsubj"
		}
		// what hung on the object before the verb now hangs on the verb
		for j := 0; j < v; j++ {
			if j != subj && toks[j].Head == h && (toks[j].DepRel == "punct" || toks[j].DepRel == "cc" || nlp.RelIs(toks[j].DepRel, "nsubj")) {
				toks[j].Head = v
			}
		}
		// a root must remain
		root := false
		for j := range toks {
			if toks[j].Head < 0 {
				root = true
			}
		}
		if !root {
			t.Head, t.DepRel = -1, "root"
		}
	}
}

// speaker returns the actor who speaks in the sentence: the subject of a
// verb of saying ("..., the minister told reporters").
func (sc *sentCtx) speaker() (actorRef, bool) {
	for j := 0; j < sc.n; j++ {
		if sc.upos(j) != "VERB" || !sc.c.lex.speech[sc.lemmas[j]] {
			continue
		}
		for _, c := range sc.children[j] {
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
func backer(w string) bool {
	w = strings.ToLower(w)
	for _, suf := range []string{"-backed", "-supported", "-allied", "-aligned", "-sponsored", "-funded", "-armed", "-trained", "-equipped", "-friendly", "-inspired"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// isBacker reports whether token c is a backer modifier, written as one
// token ("Iranian-backed") or split ("Iranian - backed").
func (sc *sentCtx) isBacker(c int) bool {
	if backer(sc.words[c]) {
		return true
	}
	if c >= 1 && sc.words[c-1] == "-" {
		return backer("-" + sc.words[c])
	}
	return false
}

// placeInPhrase returns the country of a state or city named in a
// prepositional phrase inside the noun phrase headed by h.
func (sc *sentCtx) placeInPhrase(h int) string {
	f, l := sc.subtree(h)
	for j := h + 1; j <= l && j >= f; j++ {
		m, ok := sc.mentionAt(j)
		if !ok || (m.Kind != dict.KindCity && m.Kind != dict.KindState && m.Kind != dict.KindCapital) || m.Actor.Code == "IGO" || m.Actor.Code == "NGO" {
			continue
		}
		// every phrase on the way up is "of" or "in" ("the ambassador to
		// France" is not French)
		ok = true
		for k := j; k >= 0 && k != h; k = sc.head(k) {
			if r := sc.rel(k); nlp.RelIs(r, "nmod") && r != "nmod:poss" {
				if c := sc.caseOf(k); c != "of" && c != "in" {
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

// locativeAt reports whether the name starting at token i follows a
// preposition of place ("in Iran", "across Syria").
func (sc *sentCtx) locativeAt(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch strings.ToLower(sc.words[j]) {
		case "in", "at", "inside", "across", "throughout", "within", "near", "outside":
			return true
		case "the":
			continue
		}
		if sc.upos(j) == "ADJ" || sc.words[j] == "-" {
			// "in northern Mozambique", "in war-torn Yemen"
			continue
		}
		return false
	}
	return false
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

// repairPluralNouns mends another tagging error: a plural noun right
// after a verb taken for a verb in -s and made its complement ("suspend
// talks with the IMF", "carried out missile strikes" with "talks",
// "strikes" as xcomp). A complement in -s without "to" or a subject of
// its own is the verb's object; a noun object before it ("missile")
// becomes its modifier.
func (sc *sentCtx) repairPluralNouns() {
	toks := sc.s.Tokens
	for v := 1; v < len(toks); v++ {
		t := &toks[v]
		if t.UPOS != "VERB" || t.DepRel != "xcomp" {
			continue
		}
		h := t.Head
		if h < 0 || h >= v || (toks[h].UPOS != "VERB" && toks[h].UPOS != "AUX") {
			continue
		}
		if t.XPOS != "VBZ" && !sc.lightNoun(sc.lemmas[v], sc.lemmas[h]) {
			// any other form only where the words make a light-verb
			// phrase of the dictionary ("issued an arrest warrant")
			continue
		}
		own := false
		for j := range toks {
			if toks[j].Head == v && (toks[j].DepRel == "mark" || toks[j].DepRel == "aux" || nlp.RelIs(toks[j].DepRel, "nsubj")) {
				own = true
			}
		}
		if own {
			continue
		}
		// only the verb, its particle and modifiers of the noun between them
		between := true
		for j := h + 1; j < v; j++ {
			if r := toks[j].DepRel; !(r == "compound:prt" || ((r == "obj" || r == "amod" || r == "compound" || r == "det" || r == "nummod") && toks[j].UPOS != "VERB")) {
				between = false
			}
		}
		if !between {
			continue
		}
		t.UPOS, t.XPOS, t.DepRel = "NOUN", "NNS", "obj"
		for j := h + 1; j < v; j++ {
			if toks[j].DepRel == "obj" && toks[j].Head == h {
				toks[j].Head, toks[j].DepRel = v, "compound"
			}
			if (toks[j].DepRel == "amod" || toks[j].DepRel == "det" || toks[j].DepRel == "nummod") && toks[j].Head == h {
				toks[j].Head = v
			}
		}
	}
}

// lightNoun reports whether noun lemma n makes a light-verb pattern with
// verb lemma v ("issue" + "warrant").
func (sc *sentCtx) lightNoun(n, v string) bool {
	for _, p := range sc.c.idx[n] {
		if contains(p.Light, v) {
			return true
		}
	}
	return false
}
