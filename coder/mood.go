package coder

import (
	"strings"

	"github.com/dyad-events/dyad/cameo"
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
)

func (m mood) String() string {
	return [...]string{"asserted", "negated", "speculative", "hypothetical", "future", "negated future", "not asserted"}[m]
}

// mood finds whether the clause headed by v is asserted, and who reports
// it.
func (sc *sentCtx) mood(v int) (mood, string, *actorRef) {
	lx := sc.c.lex
	cur := v
	fut, neg := false, false
	var reporter *actorRef
	for steps := 0; cur >= 0 && steps < 12; steps++ {
		would := false
		for _, k := range sc.tree.Children(cur) {
			r, l := sc.rel(k), sc.lemmas[k]
			switch {
			case (r == "advmod" || r == "neg" || r == "aux") && lx.negators[l]:
				neg = true
			case r == "advmod" && lx.hedgeAdverbs[l]:
				return moodSpeculative, "hedge \"" + sc.words[k] + "\"", nil
			case r == "advmod" && lx.habit[l] && cur == v:
				// "both sides routinely accuse each other": a habit, not
				// an event
				return moodUnasserted, "habitual \"" + sc.words[k] + "\"", nil
			case cur == v && (nlp.RelIs(r, "obj") || r == "nsubj:pass") && sc.hasDet(k, "no"):
				// "sent no troops", "no date has been set"
				neg = true
			case r == "aux" && lx.modal[l]:
				return moodSpeculative, "modal \"" + sc.words[k] + "\"", nil
			case r == "aux" && lx.future[l]:
				fut = true
			case r == "aux" && lx.conditionalAux[l]:
				would = true
			case r == "mark" && lx.condMark[l] && (sc.rel(cur) == "advcl" || cur == v):
				return moodHypothetical, "conditional \"" + sc.words[k] + "\"", nil
			case r == "obl" && lx.attribution[sc.caseOf(k)]:
				if rs := sc.actorsAt(k); len(rs) > 0 && reporter == nil {
					reporter = &rs[0]
				} else if rs := sc.npFallback(k); len(rs) > 0 && reporter == nil {
					reporter = &rs[0]
				}
			case (r == "parataxis" || r == "ccomp") && lx.speech[l] && k != v && !sc.tree.Dominates(k, v) && reporter == nil:
				if rs, _ := sc.subjectOwn(k); len(rs) > 0 {
					reporter = &rs[0]
				}
			}
		}
		if would {
			if !sc.underSpeech(cur) {
				return moodHypothetical, "\"would\"", nil
			}
			fut = true
		}
		p := sc.tree.Head(cur)
		r := sc.rel(cur)
		if p < 0 || r == "root" {
			break
		}
		lp := sc.lemmas[p]
		switch {
		case r == "xcomp":
			switch {
			case lx.schedule[lp]:
				fut = true
			case lx.aspect[lp]:
			case lx.unasserting[lp] && (!lx.hedgeWithTo[lp] || sc.hasTo(cur)):
				return moodUnasserted, "complement of \"" + sc.words[p] + "\"", nil
			}
			cur = p
			continue
		case (nlp.RelIs(r, "obj") || (r == "advcl" && !sc.hasAnyMark(cur))) && lx.denial[lp] && strings.HasPrefix(sc.s.Tokens[cur].XPOS, "VBG"):
			// "denied supplying weapons"
			return moodUnasserted, "complement of \"" + sc.words[p] + "\"", nil
		case r == "ccomp" || r == "csubj":
			switch {
			case lx.speech[lp]:
				if subj := sc.tree.ChildWith(p, "nsubj"); subj >= 0 && lx.pundits[sc.lemmas[subj]] {
					// "analysts said ...": an assessment, not a report
					return moodUnasserted, "assessment by \"" + sc.words[subj] + "\"", nil
				}
				if rs, _ := sc.subjectOwn(p); len(rs) > 0 && reporter == nil {
					reporter = &rs[0]
				}
				for _, k := range sc.tree.Children(p) {
					if lx.negators[sc.lemmas[k]] && (sc.rel(k) == "advmod" || sc.rel(k) == "aux") {
						return moodUnasserted, "negated report", nil
					}
				}
			case lx.belief[lp]:
				return moodUnasserted, "belief or estimate (\"" + sc.words[p] + "\")", nil
			default:
				if !isVerbal(sc.upos(p)) {
					// "it is unclear whether ...": a predicate adjective or
					// noun; a bare one at the root ("German [Chancellor ...
					// travelled]") is a parse error, not a hedge
					if sc.tree.ChildWith(p, "cop") >= 0 || sc.tree.ChildWith(p, "nsubj") >= 0 || sc.tree.ChildWith(p, "expl") >= 0 || sc.tree.Head(p) >= 0 {
						return moodUnasserted, "complement of \"" + sc.words[p] + "\"", nil
					}
					break
				}
				cur = p
				continue
			}
		case r == "conj":
			if !sc.hasOwnAux(cur) {
				cur = p
				continue
			}
		case r == "advcl" && lx.speech[lp] && cur < p:
			// a quotation before "..., the minister said"
			if rs, _ := sc.subjectOwn(p); len(rs) > 0 && reporter == nil {
				reporter = &rs[0]
			}
		case r == "advcl" && sc.hasMark(cur, "to") && sc.tree.ChildWith(cur, "nsubj") < 0:
			// a purpose infinitive ("will meet to discuss") shares the
			// mood of the clause it completes
			cur = p
			continue
		case r == "advcl" && sc.beforeClause(cur) && (sc.s.Tokens[cur].XPOS == "VBZ" || sc.s.Tokens[cur].XPOS == "VBP") && sc.tree.ChildWith(cur, "aux") < 0:
			// "comes a day before the president heads to Beijing": a
			// present tense after "before" is still to happen
			fut = true
		case r == "advcl":
			// temporal or causal clauses are asserted on their own
		case r == "acl" && sc.hasMark(cur, "that") && !isVerbal(sc.upos(p)):
			// "the fact that ...", "reports that ...": a clause that
			// completes a noun is background, not a new event
			return moodUnasserted, "complement of the noun \"" + sc.words[p] + "\"", nil
		}
		break
	}
	if h := sc.linearHedge(v); h >= 0 {
		return moodUnasserted, "belief or estimate (\"" + sc.words[h] + "\")", nil
	}
	switch {
	case neg && fut:
		return moodNegFuture, "", reporter
	case neg:
		return moodNegated, "negation", reporter
	case fut:
		return moodFuture, "", reporter
	}
	return moodAsserted, "", reporter
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
// have ..."): -1 when none, or when v governs it.
func (sc *sentCtx) linearHedge(v int) int {
	for j := v - 1; j >= 0; j-- {
		l := sc.lemmas[j]
		if l == ";" || (sc.upos(j) == "PUNCT" && (l == ":" || l == "--")) {
			return -1
		}
		if sc.upos(j) != "VERB" || !sc.c.lex.strongBelief[l] {
			continue
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
