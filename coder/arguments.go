package coder

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// subjectOf returns the source actors of the clause headed by v: its
// subject, passive agent, or the subject it shares with the clause it
// depends on. passive reports a passive clause.
func (sc *sentCtx) subjectOf(v, depth int) ([]actorRef, bool) {
	if v < 0 || depth > 4 {
		return nil, false
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
	if !passive {
		if c := sc.tree.ChildWith(v, "nsubj:pass"); c >= 0 {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return rs, false
			}
		}
	}
	if passive {
		for _, c := range sc.tree.Children(v) {
			r := sc.rel(c)
			if r == "obl:agent" || (nlp.RelIs(r, "obl") && sc.caseOf(c) == "by") {
				return sc.actorsAt(c), true
			}
		}
		return nil, true
	}
	if s, ok := sc.subjectOwn(v); ok {
		if len(s) == 0 {
			// a subject that names no actor may be a parse error
			// ("Following a conversation with X, Y has expressed ...")
			s = sc.linearSubject(v)
		}
		return s, false
	}
	p := sc.tree.Head(v)
	if p < 0 || sc.rel(v) == "root" || sc.rel(v) == "ccomp" || sc.rel(v) == "parataxis" {
		return sc.linearSubject(v), false
	}
	switch r := sc.rel(v); {
	case r == "conj":
		return sc.subjectOf(p, depth+1)
	case r == "xcomp":
		// object control: "urged Saudi Arabia to fund" (the subject of
		// the complement is the object)
		if o := sc.tree.ChildWith(p, "obj"); o >= 0 && o != v {
			if rs := sc.actorsAt(o); len(rs) > 0 {
				return rs, false
			}
			// "used tear gas to break up a protest": a purpose, not
			// object control
		}
		// raising from a passive: "is scheduled to travel", "was forced to leave"
		if o := sc.tree.ChildWith(p, "nsubj:pass"); o >= 0 {
			if rs := sc.actorsAt(o); len(rs) > 0 {
				return rs, false
			}
		}
		return sc.subjectOf(p, depth+1)
	case r == "advcl" || r == "ccomp" && sc.hasTo(v):
		if x := sc.s.Tokens[v].XPOS; (x == "VBD" || x == "VBZ" || x == "VBP") && !sc.hasTo(v) {
			// a finite clause whose subject the parse lost: the words
			// right before it, not the main clause's subject
			return sc.linearSubject(v), false
		}
		s, _ := sc.subjectOf(p, depth+1)
		return s, false
	case r == "acl" || r == "acl:relcl" || (nlp.RelIs(r, "nmod") && sc.upos(v) == "VERB" && (sc.s.Tokens[v].XPOS == "VBD" || sc.s.Tokens[v].XPOS == "VBN")):
		// (a past-tense verb hung on a noun as nmod is a parse error for
		// "Rebels in X killed ...")
		if isNominal(sc.upos(p)) {
			// a participle on a nominal predicate ("X has been a supporter
			// of Y, providing aid") belongs to the predicate's subject
			if sc.tree.ChildWith(p, "cop") >= 0 && r == "acl" {
				if s, ok := sc.subjectOwn(p); ok {
					return s, false
				}
			}
			rs := sc.actorsAt(p)
			if len(rs) == 0 {
				// "Thousands of protesters rallied ..."
				rs = sc.npFallback(p)
			}
			return rs, false
		}
	}
	return nil, false
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
					return sc.actorsAt(p), true
				}
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
	slots := targetSlots(m)
	deps := m.deps
	for _, d := range m.deps {
		// an object parsed inside a sister phrase ("rejected as baseless
		// allegations by ...")
		if nlp.RelIs(sc.rel(d), "obl") && d != m.trig {
			for _, c := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(c), "obj") {
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
			if len(rs) == 0 && sc.c.lex.legalNouns[sc.lemmas[c]] && sc.c.lex.legalPreps[sl.Prep] {
				// "a warrant for the arrest of X": the one to be arrested
				for _, k := range sc.tree.Children(c) {
					if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "of" {
						rs = sc.actorsAt(k)
					}
				}
			}
			if len(rs) == 0 {
				rs = sc.npFallback(c)
			}
			if len(rs) > 0 {
				return rs
			}
		}
	}
	if passive {
		if c := sc.tree.ChildWith(m.clause, "nsubj:pass"); c >= 0 {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				return rs
			}
		}
	}
	// an object the parse left unattached: the name right after the verb
	// ("praised Donald Trump" with "Donald Trump" hung elsewhere)
	if slotHas(slots, "obj") && m.trig == m.clause && sc.findDep(m, "obj", "", nil) < 0 {
		j := m.trig + 1
		if j < sc.n && sc.upos(j) == "DET" {
			j++
		}
		if mm, ok := sc.mentionAt(j); ok && mm.Start == j && mm.Kind != dict.KindAgent && mm.Kind != dict.KindCity {
			last := mm.End - 1
			if h := sc.tree.Head(last); h < 0 || !isVerbal(sc.upos(h)) || h == m.trig {
				if r := sc.rel(last); !nlp.RelIs(r, "nsubj") {
					return sc.actorsAt(last)
				}
			}
		}
	}
	// a preposition right after the verb that the parse hung elsewhere
	// ("met with [Syrian President Bashar Assad] Tuesday to discuss ...",
	// with the name made the subject of "discuss")
	if m.trig == m.clause && m.trig+1 < sc.n {
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
						return rs
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
				return sc.actorsAt(mm.End - 1)
			}
		}
	}
	// a prepositional phrase the parse attached one level too low:
	// "spoke by telephone [with his counterpart]"
	for _, sl := range slots {
		if sl.Prep == "" {
			continue
		}
		for _, d := range m.deps {
			r := sc.rel(d)
			if d == m.trig || !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "obj") || nlp.RelIs(r, "nmod")) {
				continue
			}
			queue := append([]int(nil), sc.tree.Children(d)...)
			for k := 0; k < len(queue) && k < 32; k++ {
				c := queue[k]
				if !nlp.RelIs(sc.rel(c), "nmod") {
					continue
				}
				if sc.caseOf(c) == sl.Prep {
					if rs := sc.actorsAt(c); len(rs) > 0 {
						return rs
					}
					if rs := sc.npFallback(c); len(rs) > 0 {
						return rs
					}
				}
				queue = append(queue, sc.tree.Children(c)...)
			}
		}
	}
	return nil
}

// targets resolves the target of a match: the pattern's slots, then what
// the convention for its kind of event allows (the act an appeal or
// threat embeds, the clause it is coordinated with or depends on, the
// population a use of force is aimed at, the government a domestic
// demand or protest addresses).
func (sc *sentCtx) targets(m *match, code string, srcs []actorRef, passive bool, byTok []*match, depth int) []actorRef {
	if depth > 3 {
		return nil
	}
	p := m.p
	kind := p.Embed
	tgts := removeSame(sc.ownCapital(sc.targetOf(m, passive), srcs), srcs)
	if cameo.ReducedRelations.Has(code) && len(srcs) > 0 && ownTerritory(tgts, srcs[0]) {
		// "bans on travel to Canada against Russian officers": the
		// sanctioning state's own territory is where, not whom
		tgts = nil
	}
	if len(tgts) == 0 {
		tgts = removeSame(sc.againstOf(m), srcs)
	}
	if len(tgts) == 0 && kind != dict.EmbedNone && m.embedded != nil {
		e := m.embedded
		if kind == dict.EmbedAppeal || kind == dict.EmbedDemand || kind == dict.EmbedThreat {
			if s, _ := sc.subjectOwn(e.clause); len(s) > 0 && !sameActors(s, srcs) {
				tgts = removeSame(s, srcs)
			}
		}
		if len(tgts) == 0 {
			tgts = removeSame(sc.ownCapital(sc.targetOf(e, false), srcs), srcs)
			if len(tgts) == 0 {
				tgts = removeSame(sc.againstOf(e), srcs)
			}
			jointly := len(srcs) >= 2 && (kind == dict.EmbedIntent || kind == dict.EmbedCarrier)
			if len(tgts) == 0 && !e.p.Nominal && !jointly {
				tgts = sc.firstActorIn(e.clause, srcs)
			}
		}
		if len(tgts) == 0 && e.p.Nominal {
			tgts = removeSame(sc.npFallback(e.trig), srcs)
		}
	}
	if len(tgts) == 0 && kind != dict.EmbedNone && m.embedded == nil && (kind == dict.EmbedThreat || kind == dict.EmbedIntent) {
		// "threatened to retaliate against U.S. drills": an act without a
		// pattern still names whom it is aimed at
		for _, c := range m.deps {
			if r := sc.rel(c); r == "xcomp" || r == "ccomp" {
				if t := sc.firstActorIn(c, srcs); len(t) > 0 {
					tgts = t
					break
				}
			}
		}
	}
	if len(tgts) == 0 && kind == dict.EmbedRefuse && m.embedded == nil {
		// "rejecting calls for talks with Hamas": the party named in
		// what is refused
		for _, c := range m.deps {
			if nlp.RelIs(sc.rel(c), "obj") {
				for _, k := range sc.tree.Children(c) {
					if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "for" {
						if t := sc.firstActorIn(k, srcs); len(t) > 0 {
							tgts = t
						}
					}
				}
			}
		}
	}
	if len(tgts) == 0 && kind != dict.EmbedNone {
		// "vowed to continue its protests against the government"
		for _, c := range m.deps {
			if r := sc.rel(c); r == "xcomp" || r == "ccomp" || (r == "advcl" && sc.hasTo(c)) {
				if t := removeSame(sc.againstIn(c), srcs); len(t) > 0 {
					tgts = t
					break
				}
			}
		}
	}
	if len(tgts) == 0 && kind == dict.EmbedNone && (code == cameo.CodeAcknowledge || cameo.Investigations.Has(code)) {
		// the act in a complement: the perpetrator of what is
		// investigated, the victims of what is acknowledged
		if e := sc.complementEvent(m, byTok); e != nil {
			if cameo.Investigations.Has(code) {
				s, _ := sc.subjectOf(e.clause, 0)
				tgts = removeSame(s, srcs)
			} else {
				es, _ := sc.subjectOf(e.clause, 0)
				tgts = removeSame(sc.targets(e, e.p.Code, es, false, byTok, depth+1), srcs)
			}
		}
	}
	if len(tgts) == 0 && code == cameo.CodeDeny {
		// "X accused Y of ..., a charge Y rejected": the denial answers
		// the accuser
		if h := sc.tree.Head(m.clause); h >= 0 && byTok[h] != nil && cameo.Disapprovals.Has(byTok[h].p.Code) {
			if s, _ := sc.subjectOf(h, 0); len(s) > 0 {
				tgts = removeSame(s, srcs)
			}
		}
	}
	if len(tgts) == 0 && !cameo.Statements.Has(code) && p.TargetMode != dict.TargetRequired {
		switch r := sc.rel(m.clause); {
		case r == "conj" || (r == "advcl" && !sc.hasSlotWord(m)):
			// "..., threatening to block highways", "accused X ... and
			// seized four trawlers": the target of the clause it joins
			if h := sc.tree.Head(m.clause); h >= 0 && byTok[h] != nil && byTok[h] != m && !sc.c.lex.speech[sc.lemmas[h]] {
				if byTok[h].tgts != nil {
					tgts = removeSame(byTok[h].tgts, srcs)
				} else {
					tgts = removeSame(sc.targetOf(byTok[h], false), srcs)
				}
			}
		}
	}
	if len(tgts) == 0 && cameo.Disapprovals.Has(code) {
		// "condemned reports of mass killings in El Fasher": who did what
		// is reported, else where it happened
		for _, d := range m.deps {
			if r := sc.rel(d); d == m.trig || !(nlp.RelIs(r, "obj") || nlp.RelIs(r, "obl")) || !sc.c.lex.reportNouns[sc.lemmas[d]] {
				continue
			}
			for _, k := range sc.tree.Children(d) {
				if nlp.RelIs(sc.rel(k), "nmod") && sc.caseOf(k) == "of" && sc.isEventNoun(k) {
					tgts = removeSame(sc.npFallback(k), srcs)
				}
			}
		}
	}
	if len(tgts) == 0 && len(srcs) > 0 && (cameo.Disapprovals.Has(code) || cameo.Rejections.Has(code) || code == cameo.CodeDeny) {
		// "condemned the attack", "rejected the sanctions": the one who
		// carried out the act the article reported
		tgts = sc.eventAnaphor(m, srcs)
	}
	if len(tgts) == 0 && len(srcs) > 0 {
		src := srcs[0]
		switch {
		case cameo.Demands.Has(code) || cameo.Protests.Has(code):
			// domestic demands and protests address the government (a
			// participle, "marched ... demanding higher pay", only
			// describes the protest)
			participle := strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") && sc.rel(m.clause) != "root"
			if src.actor.Role != "GOV" && !bareState(src) && src.actor.Code != "IGO" && src.actor.Code != "NGO" && !participle {
				c := src.actor.Code
				if cameo.Protests.Has(code) {
					// "activists from A staged a protest in B's capital":
					// a protest abroad addresses the host government
					if h := sc.protestVenue(m); h != "" {
						c = h
					}
				}
				tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "GOV"}, resolved: true, tok: -1}}
			}
		case cameo.PopulationActs.Has(code):
			// force or coercion against people or property not named as an
			// actor: the population where it happens (not for the mutual
			// acts of a compound subject: "A and B agreed to a ceasefire")
			if k := sc.targetWord(m); k >= 0 && !(len(srcs) >= 2 && p.Mutual != dict.MutualNone) {
				// whose they are ("targets used by the Ukrainian army"),
				// else where it happens, else the source's own country
				c := ""
				if cameo.Force.Has(code) {
					c = sc.ownerInPhrase(k, srcs)
				}
				c = firstNonEmpty(c, sc.clausePlace(m.clause))
				c = firstNonEmpty(c, sc.locative(m.clause))
				if c == "" {
					c = src.actor.Code
				}
				if c != "" && c != "IGO" && c != "NGO" {
					tgts = []actorRef{{actor: dyad.Actor{Code: c, Role: "CVL"}, resolved: true, tok: -1}}
				}
			}
			if len(tgts) == 0 && cameo.Force.Has(code) {
				// "launched air strikes across Gaza": the place struck
				if c := sc.forcePlace(m); c != "" && !hasCode(srcs, c) {
					tgts = []actorRef{{actor: dyad.Actor{Code: c}, resolved: true, tok: -1}}
				}
			}
		}
	}
	return tgts
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
			r := actorRef{actor: mm.Actor, span: sc.span(mm.Start, mm.End-1), tok: j, kind: mm.Kind}
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
		if !ok || !sc.definite(c) {
			continue
		}
		for i := len(sc.art.events) - 1; i >= 0; i-- {
			e := sc.art.events[i]
			if !slices.Contains(roots, e.root) || len(removeSame([]actorRef{e.src}, srcs)) == 0 {
				continue
			}
			r := e.src
			r.span, r.tok, r.resolved = sc.span(c, c), c, true
			return []actorRef{r}
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
		if !ok || mm.Kind == dict.KindAgent || mm.Actor.Code == "" || mm.Actor.Code == "IGO" || mm.Actor.Code == "NGO" || hasCode(srcs, mm.Actor.Code) {
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
// Gaza", "shelling in Donetsk"), or "".
func (sc *sentCtx) forcePlace(m *match) string {
	for _, v := range []int{m.trig, m.clause} {
		for _, c := range sc.tree.Children(v) {
			if r := sc.rel(c); !(nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod")) {
				continue
			}
			if !sc.c.lex.forcePlacePreps[sc.caseOf(c)] {
				continue
			}
			if mm, ok := sc.mentionAt(c); ok && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity || mm.Kind == dict.KindCapital) && mm.Actor.Code != "IGO" && mm.Actor.Code != "NGO" {
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
			if mm, ok := sc.mentionAt(j); ok && mm.Start == j && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity) && mm.Actor.Code != "IGO" && mm.Actor.Code != "NGO" && sc.locativeAt(j) {
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
		if !ok || mm.Start != j || mm.Actor.Code == "" || mm.Actor.Code == "IGO" || mm.Actor.Code == "NGO" {
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
			if mm, ok := sc.mentionAt(c); ok && (mm.Kind == dict.KindState || mm.Kind == dict.KindCity || mm.Kind == dict.KindCapital) && mm.Actor.Code != "IGO" && mm.Actor.Code != "NGO" {
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
			if t.span == s.span || (t.actor.Code == s.actor.Code && t.actor.Role == s.actor.Role) {
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
