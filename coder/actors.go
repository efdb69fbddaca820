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

// single resolves one nominal (not its conjuncts).
func (sc *sentCtx) single(h, depth int) []actorRef {
	if depth > 3 {
		return nil
	}
	lemma := sc.lemmas[h]
	f, l := sc.tree.Subtree(h)
	sp := sc.span(f, l)
	// pronouns
	if sc.upos(h) == "PRON" || (sc.c.lex.pronouns[lemma] && sc.upos(h) != "PROPN") {
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
	personLike = sc.c.lex.personNouns[lemma] || role == "GOV" && sc.upos(h) == "NOUN"
	// definite descriptions of two parties: "the two leaders", "both sides"
	if sc.c.lex.pairNouns[lemma] && sc.isPairDescription(h) {
		pair := sc.art.lastPair(!sc.c.lex.pairParties[lemma])
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
	for _, c := range sc.tree.Children(h) {
		r := sc.rel(c)
		if !isModifierRel(r) || (sc.tokMen[c] >= 0 && sc.tokMen[c] == sc.tokMen[h]) {
			continue
		}
		if (r == "compound" || r == "amod") && !(sc.upos(c) == "ADJ" && sc.c.lex.nonRoleModifiers[sc.lemmas[c]]) {
			// ("a general strike" is not the army's)
			if mm, ok := sc.mentionAt(c); ok && mm.Kind == dict.KindAgent {
				modRole = mm.Actor.Role
			} else if rr, ok := sc.role(sc.lemmas[c]); ok && rr != "" {
				modRole = rr
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
		place := false
		if nlp.RelIs(r, "nmod") && r != "nmod:poss" && sc.c.lex.placePreps[sc.caseOf(c)] {
			place = true
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
	if poss := sc.tree.ChildWith(h, "nmod:poss"); poss >= 0 && len(owners) > 1 && sc.c.lex.counterparts[lemma] {
		// "his Burundian counterpart": the other side, not his
		var own []actorRef
		for _, o := range owners {
			if o.tok < 0 || !sc.tree.Dominates(poss, o.tok) {
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
			owners = own
		}
	}
	// words before the head inside its phrase that the parse left unattached
	if len(owners) == 0 {
		for j := h - 1; j >= f && j >= h-4; j-- {
			if mm, ok := sc.mentionAt(j); ok && mm.Kind != dict.KindAgent && sc.tree.Dominates(h, j) && !sc.isBacker(j) && !(j+2 < sc.n && sc.words[j+1] == "-" && sc.isBacker(j+2)) {
				owners = append(owners, actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind})
				break
			}
		}
	}
	var out []actorRef
	cityCode := "" // a place named in the phrase ("the Jenin refugee camp")
	for _, o := range owners {
		if o.actor.Code == "" {
			continue
		}
		a := o.actor
		if role != "" {
			a.Role = role
		}
		if o.kind == dict.KindGroup || o.kind == dict.KindOrganisation {
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
	if sc.c.lex.leaders[lemma] && modRole != "" && modRole != "GOV" {
		// "student leaders", "opposition leaders", "rebel leaders": they
		// lead the group the modifier names
		role = modRole
	}
	if depth == 0 && sc.hasDet(h, "the") && sc.c.lex.orgNouns[lemma] && len(sc.tree.Children(h)) == 1 {
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

// pronoun resolves a pronoun against the sentence so far and the article.
func (sc *sentCtx) pronoun(h int) []actorRef {
	lx := sc.c.lex
	l := sc.lemmas[h]
	sp := sc.span(h, h)
	mk := func(r actorRef) []actorRef {
		r.span, r.tok, r.resolved = sp, h, true
		return []actorRef{r}
	}
	// "we", "I" in a quotation: the speaker
	if lx.speakerPronouns[l] {
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
	if v := sc.tree.Head(h); v >= 0 && nlp.RelIs(sc.rel(h), "nsubj") && sc.rel(v) == "ccomp" {
		if p := sc.tree.Head(v); p >= 0 && sc.c.lex.speech[sc.lemmas[p]] {
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
		return mk(actorRef{actor: m.Actor, kind: m.Kind, person: person})
	}
	switch {
	case lx.personPronouns[l]:
		if p, ok := sc.art.lastPerson(); ok {
			return mk(p)
		}
	case lx.thingPronouns[l]:
		if p, ok := sc.art.lastActor(true); ok {
			return mk(p)
		}
	case lx.groupPronouns[l]:
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
					return []actorRef{{actor: dyad.Actor{Code: m.Actor.Code, Name: m.Entry}, span: sc.span(m.Start, m.End-1), tok: j, kind: m.Kind}}
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
			t.actor.Code = c
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
			t.actor.Code = place
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
			t.kind, t.resolved, t.actor.Role = dict.KindCity, false, "CVL"
			tgts[i] = t
		}
	}
	return tgts
}
