package coder

import (
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/timex"
)

// sentCtx is the slim view of one sentence that the rules read: the
// parse (a copy the repair rules may mend) with nlp's tree helpers, and
// per-token caches of words, lowercased lemmas and actor mentions, plus
// memos of what rules ask many times (the actors a nominal names).
type sentCtx struct {
	c        *Coder
	art      *article
	s        *nlp.Sentence
	idx      int       // the sentence's index in the article
	rec      *recorder // nil when no decision is recorded
	n        int
	tree     *nlp.Tree // the parse, with each token's dependents listed once
	words    []string
	lemmas   []string
	mentions []dict.Mention
	tokMen   []int // token -> mention index or -1
	memo     map[int][]actorRef
	// dates holds the sentence's date expressions, read for past events
	// (dates[0]) and for future ones (dates[1]: "in November" is the next
	// November), each found when first asked for
	dates [2][]timex.Expression
	place string              // country of a place named in the sentence
	city  string              // country of a city named in the sentence
	named map[dyad.Actor]bool // the actors the sentence names (memory)
	// described holds the names the dictionaries lack that the sentence
	// made actors of (actor.described-name, noteName), for memory.names.
	described []actorRef
	// seekingSpeaker is set while speaker runs: a pronoun subject of a verb
	// of saying may itself be resolved as the speaker of an outer verb of
	// saying (actor.pronoun-said), which asks for the speaker again.
	seekingSpeaker bool
}

// newSentCtx builds the view of sentence idx, running the repair rules.
func newSentCtx(c *Coder, art *article, orig *nlp.Sentence, idx int, rec *recorder) *sentCtx {
	// a copy: the coder repairs some parse errors in place
	s := &nlp.Sentence{Start: orig.Start, End: orig.End, Tokens: append([]nlp.Token(nil), orig.Tokens...)}
	n := len(s.Tokens)
	sc := &sentCtx{c: c, art: art, s: s, idx: idx, rec: rec, n: n,
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
	}
	sc.tree = nlp.NewTree(s)
	sc.repair()
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

func (sc *sentCtx) rel(i int) string { return sc.s.Tokens[i].DepRel }

func (sc *sentCtx) upos(i int) string { return sc.s.Tokens[i].UPOS }

// caseOf returns the lemma of the preposition marking token i ("with"),
// joined for multi-word markers ("according to").
func (sc *sentCtx) caseOf(i int) string {
	ms := sc.tree.CaseMarkers(i)
	switch len(ms) {
	case 0:
		return ""
	case 1:
		return sc.lemmas[ms[0]]
	}
	parts := make([]string, len(ms))
	for k, m := range ms {
		parts[k] = sc.lemmas[m]
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
		for _, c := range sc.tree.Children(out[k]) {
			if sc.rel(c) == "conj" && !isVerbal(sc.upos(c)) {
				if cc := sc.tree.ChildWith(c, "cc"); cc >= 0 && (sc.lemmas[cc] == "yet" || sc.lemmas[cc] == "but") {
					// a contrasting conjunction opens a clause, not a
					// list item ("opposed the plan, yet Peru, which
					// ..., ranks first")
					continue
				}
				if sc.verbInside(c) {
					// a noun with a subject and a verb of its own is a
					// clause the parse coordinated with the noun
					// ("ended its pact with France, and the EU
					// expressed concern", with "concern" a conjunct of
					// "France", "EU" its subject, "expressed" its amod)
					continue
				}
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

// verbInside reports whether noun c has a subject of its own and a
// dependent tagged as a verb between the subject and it: a clause.
func (sc *sentCtx) verbInside(c int) bool {
	s := sc.tree.ChildWith(c, "nsubj")
	if s < 0 || s > c {
		return false
	}
	for _, k := range sc.tree.Children(c) {
		if k > s && k < c && sc.upos(k) == "VERB" {
			return true
		}
	}
	return false
}

// listEnds reports whether conjunct c, or a conjunct nested under it ("A,
// B and C" parsed as a chain), carries the "and" or "or" that ends a list.
func (sc *sentCtx) listEnds(c, depth int) bool {
	if sc.tree.ChildWith(c, "cc") >= 0 {
		return true
	}
	if depth > 8 {
		return false
	}
	for _, k := range sc.tree.Children(c) {
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
	f, l := sc.tree.Subtree(i)
	return sc.s.Tokens[f].Start, sc.s.Tokens[l].End
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
				j = sc.tree.Head(j)
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
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

// hasTo reports whether a clause is an infinitive ("to meet").
func (sc *sentCtx) hasTo(c int) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "mark" && sc.lemmas[k] == "to" {
			return true
		}
	}
	return false
}

func (sc *sentCtx) hasMark(c int, w string) bool {
	for _, k := range sc.tree.Children(c) {
		if (sc.rel(k) == "mark" || sc.rel(k) == "case") && sc.lemmas[k] == w {
			return true
		}
	}
	return false
}

// hasMarkIn reports whether clause or noun c has a marker or case word of
// the class ws.
func (sc *sentCtx) hasMarkIn(c int, ws set) bool {
	for _, k := range sc.tree.Children(c) {
		if (sc.rel(k) == "mark" || sc.rel(k) == "case") && ws[sc.lemmas[k]] {
			return true
		}
	}
	return false
}

// hasMarkUPOS reports whether clause c has the marker w tagged upos.
func (sc *sentCtx) hasMarkUPOS(c int, w, upos string) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "mark" && sc.lemmas[k] == w && sc.upos(k) == upos {
			return true
		}
	}
	return false
}

// hasDet reports whether noun c has the determiner w.
func (sc *sentCtx) hasDet(c int, w string) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "det" && sc.lemmas[k] == w {
			return true
		}
	}
	return false
}

// hasAnyMark reports whether a clause has a subordinator.
func (sc *sentCtx) hasAnyMark(c int) bool {
	return sc.tree.ChildWith(c, "mark") >= 0
}

// hasDefinite reports whether a noun has "the" or a possessive determiner.
func (sc *sentCtx) hasDefinite(h int) bool {
	for _, c := range sc.tree.Children(h) {
		if sc.rel(c) == "det" && sc.lemmas[c] == "the" {
			return true
		}
		if sc.rel(c) == "nmod:poss" || sc.rel(c) == "det:poss" {
			return true
		}
	}
	return false
}

// definite reports whether noun c is a definite description: "the",
// "this", "these", "those", "that", "such" or a possessive.
func (sc *sentCtx) definite(c int) bool {
	for _, k := range sc.tree.Children(c) {
		if r := sc.rel(k); r == "nmod:poss" || r == "det:poss" {
			return true // "Sunday's attack", "its sanctions"
		}
		if sc.rel(k) == "det" && sc.c.lex.definite[sc.lemmas[k]] {
			return true
		}
	}
	return false
}

// inRelative reports whether token v is inside a relative clause.
func (sc *sentCtx) inRelative(v int) bool {
	for steps := 0; v >= 0 && steps <= sc.n; steps++ {
		if sc.rel(v) == "acl:relcl" {
			return true
		}
		v = sc.tree.Head(v)
	}
	return false
}

// relativeWordIn reports whether clause v has a relative word or "that"
// among its dependents ("which", "who", "that").
func (sc *sentCtx) relativeWordIn(v int) bool {
	for _, k := range sc.tree.Children(v) {
		if sc.c.lex.relativePronouns[sc.lemmas[k]] || (sc.rel(k) == "mark" && sc.lemmas[k] == "that") {
			return true
		}
	}
	return false
}

// hasOwnAux reports whether a clause has its own auxiliary or subject.
func (sc *sentCtx) hasOwnAux(v int) bool {
	for _, k := range sc.tree.Children(v) {
		r := sc.rel(k)
		if r == "aux" || nlp.RelIs(r, "nsubj") {
			return true
		}
	}
	return false
}

// relMatches reports whether a dependent's relation satisfies a pattern
// relation key.
func (sc *sentCtx) relMatches(c int, rel string) bool {
	r := sc.rel(c)
	switch rel {
	case "obj":
		return nlp.RelIs(r, "obj") || (nlp.RelIs(r, "nsubj:pass")) || r == "iobj"
	case "nmod", "compound", "amod":
		return r == "amod" || r == "compound" || nlp.RelIs(r, "nmod") || r == "nummod" || r == "flat"
	case "prt":
		return r == "compound:prt"
	case "xcomp":
		return r == "xcomp" || (r == "ccomp" && sc.hasTo(c)) || (r == "advcl" && sc.hasTo(c))
	case "ccomp":
		return r == "ccomp" && !sc.hasTo(c)
	}
	return nlp.RelIs(r, rel)
}

// gerundObject reports whether dependent c is a bare gerund complement
// (xcomp in -ing with no object or marker of its own: "demanded funding
// from the World Bank", the EWT+GUM tagging), which may be the noun in
// -ing that a pattern wants for its object.
func (sc *sentCtx) gerundObject(c int) bool {
	return sc.rel(c) == "xcomp" && strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG") && sc.tree.ChildWith(c, "obj") < 0 && sc.tree.ChildWith(c, "mark") < 0
}

// findDep returns the first dependent of the match satisfying rel/prep and
// lemmas, or -1.
func (sc *sentCtx) findDep(m *match, rel, prep string, lemmas []string) int {
	for _, c := range m.deps {
		if c == m.trig {
			continue
		}
		if rel != "" {
			if !sc.relMatches(c, rel) {
				// "handed over carriers" parsed as a preposition and its object
				if !(rel == "obj" && m.p.Particle != "" && nlp.RelIs(sc.rel(c), "obl") && sc.caseOf(c) == m.p.Particle) {
					continue
				}
			}
		} else {
			r := sc.rel(c)
			if !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod") || r == "advcl" || r == "xcomp" || r == "ccomp" || r == "obj") {
				continue
			}
			cs := sc.caseOf(c)
			if cs != prep && !strings.HasSuffix(cs, " "+prep) {
				// a preposition that is a marker of a clause: "of entering"
				// (not the "to" of an infinitive: "promised to return to be
				// sworn in")
				if !sc.hasMark(c, prep) || (prep == "to" && isVerbal(sc.upos(c)) && !strings.HasPrefix(sc.s.Tokens[c].XPOS, "VBG")) {
					continue
				}
			}
			if sc.upos(c) == "PROPN" || sc.upos(c) == "NUM" {
				if sc.inDate(c) {
					// a date fills no slot: "called ... on Monday"
					continue
				}
			}
		}
		if len(lemmas) == 0 || sc.lemmaIn(c, lemmas) {
			return c
		}
	}
	if rel == "obj" && len(lemmas) > 0 {
		// "demanded funding from the World Bank": a noun in -ing of the
		// object list tagged as a gerund complement (xcomp, no object or
		// marker of its own) is the object
		for _, c := range m.deps {
			if c != m.trig && sc.gerundObject(c) && sc.lemmaIn(c, lemmas) {
				return c
			}
		}
		// "would send helicopters, medical teams and medicine": a later
		// item of a list of objects (the parse makes each an object, or
		// a conjunct of the first)
		for _, o := range m.deps {
			if o == m.trig || !nlp.RelIs(sc.rel(o), "obj") {
				continue
			}
			for _, k := range sc.conjuncts(o)[1:] {
				if sc.lemmaIn(k, lemmas) {
					return k
				}
			}
		}
		// "a charge New Delhi rejected": a relative clause with no
		// relative word whose gap is the object; its noun is the object
		// (the parse hangs the clause on it, or makes it the object)
		if h := sc.tree.Head(m.clause); h >= 0 && sc.rel(m.clause) == "acl:relcl" && sc.upos(m.clause) == "VERB" && h < m.clause &&
			sc.tree.ChildWith(m.clause, "obj") < 0 && sc.tree.ChildWith(m.clause, "nsubj") > h && !sc.relativeWordIn(m.clause) && sc.lemmaIn(h, lemmas) {
			return h
		}
		// "rejected as baseless allegations": the object parsed inside a
		// phrase that should have been its sister
		for _, d := range m.deps {
			if !nlp.RelIs(sc.rel(d), "obl") || d == m.trig {
				continue
			}
			for _, c := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(c), "obj") && sc.lemmaIn(c, lemmas) {
					return c
				}
			}
		}
	}
	if rel == "" && prep != "" && (len(lemmas) > 0 || prep != "of") {
		// "slapped American exports with tariffs", "warned activists
		// against violence": the verb's required phrase parsed on its
		// object (nmod, or obl when the object is misread as a verb). A
		// phrase the pattern asks for by its preposition alone is taken
		// from the object itself only, and never an of-phrase ("accused
		// the head of the agency" is no "accuse X of Y"), nor a phrase
		// inside a name ("called the Front for Change")
		for _, o := range m.deps {
			if o == m.trig || !nlp.RelIs(sc.rel(o), "obj") && !sc.gerundObject(o) {
				continue
			}
			if len(lemmas) == 0 {
				for _, c := range sc.tree.Children(o) {
					if r := sc.rel(c); (nlp.RelIs(r, "nmod") || nlp.RelIs(r, "obl")) && sc.caseOf(c) == prep && !sc.inDate(c) && !(sc.upos(o) == "PROPN" && sc.upos(c) == "PROPN") {
						return c
					}
				}
				continue
			}
			// also on an of-phrase of the object ("slapped a number of
			// American exports with tariffs") or on its last conjunct
			// ("accused the government and its allies of abuses", the
			// conjunct parsed on the verb or the object)
			heads := []int{o}
			for _, c := range sc.tree.Children(o) {
				if (nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "of") || sc.rel(c) == "conj" {
					heads = append(heads, c)
				}
			}
			for _, c := range m.deps {
				if c > o && sc.rel(c) == "conj" && (sc.upos(c) == "NOUN" || sc.upos(c) == "PROPN") {
					heads = append(heads, c)
				}
			}
			for _, h := range heads {
				for _, c := range sc.tree.Children(h) {
					if r := sc.rel(c); (nlp.RelIs(r, "nmod") || nlp.RelIs(r, "obl")) && sc.caseOf(c) == prep && sc.lemmaIn(c, lemmas) {
						return c
					}
				}
			}
			// or on a date between the object and the phrase ("accused
			// the rebels on Friday of attacking", "of attacking" a
			// modifier of "Friday"): a date takes no such phrase
			for _, d := range m.deps {
				if d < o || !nlp.RelIs(sc.rel(d), "obl") || !sc.inDate(d) {
					continue
				}
				for _, c := range sc.tree.Children(d) {
					r := sc.rel(c)
					if c > d && (nlp.RelIs(r, "nmod") || nlp.RelIs(r, "acl") || r == "advcl") && (sc.caseOf(c) == prep || sc.hasMark(c, prep)) && sc.lemmaIn(c, lemmas) {
						return c
					}
				}
			}
		}
	}
	if rel == "ccomp" {
		// "warned supporters that anyone ... would be arrested": the
		// content clause parsed as a relative clause on the object
		for _, o := range m.deps {
			if !nlp.RelIs(sc.rel(o), "obj") {
				continue
			}
			for _, c := range sc.tree.Children(o) {
				if nlp.RelIs(sc.rel(c), "acl") && sc.hasMarkUPOS(c, "that", "SCONJ") && (len(lemmas) == 0 || contains(lemmas, sc.lemmas[c])) {
					return c
				}
			}
		}
	}
	if rel == "xcomp" {
		// "forced the population to leave": the infinitive parsed as a
		// clause on the object
		for _, o := range m.deps {
			if !nlp.RelIs(sc.rel(o), "obj") {
				continue
			}
			// the object or a noun inside it ("the population of three
			// villages ... to leave")
			nouns := []int{o}
			for _, c := range sc.tree.Children(o) {
				if nlp.RelIs(sc.rel(c), "nmod") {
					nouns = append(nouns, c)
				}
			}
			for _, n := range nouns {
				for _, c := range sc.tree.Children(n) {
					if sc.rel(c) == "acl" && sc.hasTo(c) && (len(lemmas) == 0 || contains(lemmas, sc.lemmas[c])) {
						return c
					}
				}
			}
		}
	}
	return -1
}

// lemmaIn reports whether token c, or a word coordinated with it or
// modifying it, has one of the lemmas.
func (sc *sentCtx) lemmaIn(c int, lemmas []string) bool {
	if contains(lemmas, sc.lemmas[c]) {
		return true
	}
	if l := sc.lemmas[c]; len(l) > 3 && strings.HasSuffix(l, "s") && (sc.upos(c) == "NOUN" || sc.upos(c) == "PROPN") && contains(lemmas, l[:len(l)-1]) {
		// a plural the lemmatizer left alone ("troops")
		return true
	}
	if sc.nounFormIn(c, lemmas) {
		return true
	}
	for _, k := range sc.tree.Children(c) {
		r := sc.rel(k)
		if r == "conj" || r == "compound" || r == "amod" || r == "flat" || r == "nummod" {
			if contains(lemmas, sc.lemmas[k]) || sc.nounFormIn(k, lemmas) {
				return true
			}
		}
	}
	return false
}

// nounFormIn reports whether noun c is, as written, one of the words: a
// noun the lemmatizer cut down ("basing" -> "bas").
func (sc *sentCtx) nounFormIn(c int, lemmas []string) bool {
	return sc.upos(c) == "NOUN" && sc.lemmas[c] != sc.words[c] && contains(lemmas, strings.ToLower(sc.words[c]))
}

// verbParticle returns the particle of verb v ("off" in "called off the
// strike"), whether parsed as compound:prt or as the word right after the
// verb, or "".
func (sc *sentCtx) verbParticle(v int) string {
	for _, c := range sc.tree.Children(v) {
		if sc.rel(c) == "compound:prt" {
			return sc.lemmas[c]
		}
	}
	if j := v + 1; j < sc.n && sc.c.lex.particles[sc.lemmas[j]] {
		switch sc.upos(j) {
		case "ADP", "ADV", "PART":
			return sc.lemmas[j]
		}
	}
	return ""
}

// locativeAt reports whether the name starting at token i follows a
// preposition of place ("in Iran", "across Syria").
func (sc *sentCtx) locativeAt(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch w := strings.ToLower(sc.words[j]); {
		case sc.c.lex.locative[w]:
			return true
		case w == "the":
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
	return sc.c.lex.eventNouns[l]
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

// hasCode reports whether one of the actors has the country code.
func hasCode(rs []actorRef, code string) bool {
	for _, r := range rs {
		if r.actor.Code == code {
			return true
		}
	}
	return false
}

func dedupe(rs []actorRef) []actorRef {
	var out []actorRef
	for _, r := range rs {
		dup := false
		for _, o := range out {
			if o.actor.Code == r.actor.Code && o.actor.Role == r.actor.Role && !distinctBodies(o, r) {
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

func hasFlag(fs []dyad.Flag, f dyad.Flag) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}
