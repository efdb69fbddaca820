package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// codeSentence codes one sentence.
func (c *Coder) codeSentence(art *article, s *nlp.Sentence, idx int, tr *trace) []dyad.Event {
	n := len(s.Tokens)
	if n == 0 {
		return nil
	}
	if tr != nil {
		tr.printf("\n[%d] %s\n", idx, oneLine(art.text[s.Start:s.End]))
	}
	if n > c.opts.MaxSentenceTokens {
		tr.printf("  skipped: %d tokens (limit %d)\n", n, c.opts.MaxSentenceTokens)
		return nil
	}
	if q := strings.TrimRight(art.text[s.Start:s.End], " \t\r\n\"'”’)"); strings.HasSuffix(q, "?") {
		tr.printf("  skipped: a question asserts nothing\n")
		return nil
	}
	sc := newSentCtx(c, art, s)
	if tr != nil {
		tr.printf("  parse:\n")
		for i, t := range sc.s.Tokens {
			tr.printf("    %2d %-16s %-12s %-5s %2d %s\n", i, t.Text, sc.lemmas[i], t.UPOS, t.Head, t.DepRel)
		}
		tr.printf("  actors:\n")
		for _, m := range sc.mentions {
			tr.printf("    %q -> %s %s (%s; %s)\n", strings.Join(sc.words[m.Start:m.End], " "), m.Actor.Code, m.Actor.Role, m.Kind, m.Why)
		}
		tr.printf("  patterns:\n")
	}
	// 1. the best pattern at each token
	byTok := make([]*match, n)
	var ms []*match
	for i := 0; i < n; i++ {
		if m := sc.bestMatch(i, tr); m != nil {
			byTok[i] = m
			ms = append(ms, m)
		}
	}
	// 2. complements: embedded events, accusations and denials
	for _, m := range ms {
		sc.attachComplement(m, byTok)
	}
	// 3. evaluate
	var out []*coded
	for _, m := range ms {
		if m.consumed {
			tr.printf("    %-24s at %q: suppressed (%s)\n", m.p.ID, sc.words[m.trig], m.why)
			continue
		}
		evs, why := sc.evaluate(m, byTok)
		if len(evs) == 0 {
			tr.printf("    %-24s at %q: suppressed (%s)\n", m.p.ID, sc.words[m.trig], why)
			continue
		}
		for _, e := range evs {
			extra := ""
			if e.reporter != nil {
				extra += " reported by " + e.reporter.actor.Code
			}
			if e.date != nil {
				extra += " dated " + e.date.Date.Format("2006-01-02") + " (\"" + e.date.Text + "\")"
			}
			tr.printf("    %-24s at %q: FIRED %s %s -> %s %s  %s%s%s\n", m.p.ID, sc.words[m.trig],
				e.src.actor.Code, e.src.actor.Role, orNull(e.tgt.actor.Code), e.tgt.actor.Role, e.code, flagString(e.flags), extra)
		}
		out = append(out, evs...)
	}
	out = precedence(out)
	art.rememberEvents(out)
	// 4. remember the actors for later sentences
	named := map[dyad.Actor]bool{}
	for _, m := range sc.mentions {
		if m.Kind == dict.KindAgent || m.Kind == dict.KindCity || m.Actor.Code == "" {
			continue
		}
		if m.Kind == dict.KindCapital && sc.locativeAt(m.Start) {
			// "hosted X and Y in Ankara": a place, not a party
			continue
		}
		art.remember(actorRef{actor: m.Actor, kind: m.Kind, person: m.Kind == dict.KindPerson, place: m.Kind == dict.KindState && sc.locativeAt(m.Start)})
		named[dyad.Actor{Code: m.Actor.Code, Role: m.Actor.Role}] = true
	}
	for _, e := range out {
		// a person the sentence named is remembered where it was named:
		// naming it again would make it the most recent actor
		if e.src.person && !named[dyad.Actor{Code: e.src.actor.Code, Role: e.src.actor.Role}] {
			art.remember(e.src)
		}
	}
	if len(c.ctxLemmas) > 0 {
		if art.context == nil {
			art.context = map[string]bool{}
		}
		for i, l := range sc.lemmas {
			if c.ctxLemmas[l] && !(l == "call" && isVerbal(sc.upos(i))) {
				// (the verb "call" is more often "called on", "called
				// for", "called it" than a phone call)
				art.context[l] = true
			}
		}
	}
	evs := make([]dyad.Event, 0, len(out))
	byCodes := map[string]dyad.Span{}
	seen := map[string]bool{}
	for _, e := range out {
		// actors of the same government doing the same thing collapse
		// into one event (a domestic dyad keeps its roles apart:
		// government and rebels); one act aimed at two parties of one
		// state ("met government negotiators and guerrilla commanders")
		// stays two events
		k := e.src.actor.Code + "|" + e.tgt.actor.Code + "|" + e.code
		if e.src.actor.Code == e.tgt.actor.Code {
			k += "|" + e.src.actor.Role
		}
		if trig, ok := byCodes[k]; ok && trig != e.trigger {
			continue
		}
		byCodes[k] = e.trigger
		kr := k + "|" + e.tgt.actor.Role + "|" + e.src.actor.Role
		if seen[kr] {
			continue
		}
		seen[kr] = true
		evs = append(evs, c.fill(art, s, idx, e))
	}
	return evs
}

// evaluate applies the filters and conventions to a match and returns its
// events, or none with the reason.
func (sc *sentCtx) evaluate(m *match, byTok []*match) ([]*coded, string) {
	p := m.p
	md, why, reporter := sc.mood(m.clause)
	code := p.Code
	kind := p.Embed
	var embCode string
	if m.embedded != nil {
		embCode = sc.refine(m.embedded, m.embedded.p.Code)
	}
	if r := sc.rel(m.clause); r == "advcl" && (strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") || sc.hasTo(m.clause)) {
		if h := sc.tree.Head(m.clause); h >= 0 && byTok[h] != nil && cameo.Protests.Has(byTok[h].p.Code) {
			if cameo.Grievances.Has(code) {
				// "marched through Nairobi demanding higher pay", "went on
				// strike to demand higher wages": what the protest is for
				return nil, "the purpose of a protest"
			}
		}
	}
	if r := sc.rel(m.clause); (r == "advcl" || r == "acl") && strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") && sc.isTopic(m.clause, byTok) {
		// "held talks on reopening the border": what is talked about
		return nil, "the topic of talks or statements"
	}
	if r := sc.rel(m.clause); (r == "advcl" || r == "acl" || r == "xcomp" || nlp.RelIs(r, "obl")) && strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") && sc.hasMark(m.clause, "from") {
		// "banned women from working", "stopped them from leaving": an
		// act prevented
		return nil, "an act prevented"
	}
	if r := sc.rel(m.clause); (r == "acl" || r == "acl:relcl") && strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") {
		if cameo.Grievances.Has(code) || cameo.Protests.Has(code) {
			// "protesters demanding the president's resignation": a
			// participle that describes the people, not an act of theirs
			return nil, "participle describing a noun"
		}
	}
	if code == cameo.CodeStatement {
		for _, d := range m.deps {
			if r := sc.rel(d); r == "ccomp" || r == "parataxis" || (r == "advcl" && d < m.trig && isVerbal(sc.upos(d))) {
				return nil, "the statement's content is coded instead"
			}
			if sc.relMatches(d, "obj") && sc.c.lex.audience[sc.lemmas[d]] {
				return nil, "a statement to the press"
			}
		}
	}
	milStrike := false
	switch kind {
	case dict.EmbedNone:
		code = sc.refine(m, code)
		if p.Context != nil {
			for _, l := range p.Context.Lemmas {
				if sc.art.context[l] {
					code = p.Context.Code
					break
				}
			}
		}
		if cameo.Under(code, cameo.CodeStrikeOrBoycott) && sc.c.lex.militaryStrike[sc.lemmas[m.trig]] {
			// "India carried out missile strikes", "its forces had struck":
			// a state, army or armed group strikes with weapons, not by
			// stopping work
			if s, _ := sc.subjectOf(m.clause, 0); militaryActors(s) || sc.weaponNear(m.trig) {
				code, milStrike = sc.strikeCode(m), true
			}
		}
		if sc.isConsequence(m, byTok) {
			return nil, "participle consequence of another attack"
		}
		switch md {
		case moodAsserted:
		case moodFuture:
			code = sc.c.futureCode(code)
			if code == "" {
				return nil, "future event that is only predicted"
			}
		case moodNegFuture:
			code = sc.c.negFutureCode(code)
			if code == "" {
				return nil, "negated future"
			}
		default:
			return nil, md.String() + ": " + why
		}
	case dict.EmbedIntent, dict.EmbedCarrier:
		if embCode != "" {
			if c := sc.c.embedCode(dict.EmbedIntent, embCode); c != "" {
				code = c
			} else if c := sc.c.embedCode(dict.EmbedThreat, embCode); c != "" {
				code = c // "vowed to attack" is a threat
			}
			if embCode == cameo.CodeCeasefire && sc.c.lex.agreementVerbs[sc.lemmas[m.trig]] && sc.c.lex.stopping[sc.lemmas[m.embedded.trig]] {
				// "agreed to cease fire", "agreed to halt hostilities": an
				// agreed ceasefire, not only an intent to de-escalate
				code = embCode
			}
		}
		neg := md == moodNegated || md == moodNegFuture || (kind == dict.EmbedCarrier && sc.carrierNegated(m.trig))
		switch {
		case neg && kind == dict.EmbedCarrier:
			c := sc.c.embedCode(dict.EmbedRefuse, embCode)
			if c == "" {
				return nil, "negated intent"
			}
			code = c
		case neg:
			return nil, "negated intent"
		case md == moodAsserted || md == moodFuture:
		default:
			return nil, md.String() + ": " + why
		}
	default: // appeal, demand, threat, refuse
		if embCode != "" {
			// the embedded act decides, unless the pattern already names a
			// more specific act ("threatened a blockade" is 1381 whatever
			// "blockade" alone would give)
			if c := sc.c.embedCode(kind, embCode); c != "" && !(m.embedded.p.Nominal && namesAct(p) && !cameo.Under(c, code)) {
				code = c
			}
		}
		if md != moodAsserted {
			return nil, md.String() + ": " + why
		}
	}
	// source
	srcs, passive := sc.subjectOf(m.clause, 0)
	for _, sl := range p.Source {
		if c := sc.findDep(m, sl.Rel, sl.Prep, nil); c >= 0 {
			if rs := sc.actorsAt(c); len(rs) > 0 {
				srcs = rs
				break
			}
		}
	}
	if len(srcs) == 0 && p.Mutual != dict.MutualNone && len(p.Light) > 0 {
		// "talks between Russia and Ukraine were held ...": the parties
		for _, c := range sc.tree.Children(m.trig) {
			if nlp.RelIs(sc.rel(c), "nmod") && sc.caseOf(c) == "between" {
				srcs = sc.actorsAt(c)
			}
		}
	}
	if len(srcs) == 0 {
		return nil, "no source actor"
	}
	// "U.S. President Donald Trump" parsed as two subjects: a state and its
	// own agent are one actor
	srcs = collapseSame(srcs)
	if cameo.ReducedRelations.Has(code) && !officialActors(srcs) && sc.rel(m.clause) == "conj" && sc.tree.ChildWith(m.clause, "nsubj") < 0 {
		// "the United States determined that the RSF had committed genocide
		// and imposed sanctions": only states and organisations sanction or
		// cut ties; the parse coordinated the verb with the wrong clause
		if h := sc.tree.Head(m.clause); h >= 0 && sc.rel(h) == "ccomp" {
			if ms, _ := sc.subjectOf(sc.tree.Head(h), 0); officialActors(ms) {
				srcs = ms
			}
		}
	}
	if s := sc.tree.ChildWith(m.clause, "nsubj"); s >= 0 && sc.c.lex.documents[sc.lemmas[s]] && cameo.Deeds.Has(code) {
		// "the statement by the presidency comes a day before ...": a
		// statement or report goes nowhere and uses no force
		return nil, "the subject is a statement, not an actor"
	}
	official := false
	if cameo.Protests.Has(code) && sc.c.lex.officialProtest[sc.lemmas[m.trig]] && officialActors(srcs) {
		// a government's protest is a diplomatic complaint, not a rally
		code, official = cameo.CodeComplainOfficially, true
	}
	// target
	var tgts []actorRef
	if p.TargetMode != dict.TargetNone {
		tgts = sc.targets(m, code, srcs, passive, byTok, 0)
		if milStrike && len(tgts) == 0 {
			// the parse rarely attaches what a strike hit: the first actor
			// named after it
			tgts = sc.firstActorIn(m.clause, srcs)
		}
		if cameo.Force.Has(code) {
			tgts = sc.forceVictims(m, tgts, srcs)
		}
		if cameo.Sanctions.Has(code) || cameo.Force.Has(code) {
			tgts = sc.foreignUnnamed(tgts, srcs, code)
		}
		if official && len(tgts) == 0 {
			// "protested to China"
			if c := sc.findDep(m, "", "to", nil); c >= 0 {
				tgts = removeSame(sc.actorsAt(c), srcs)
			}
		}
		pairs := len(srcs) >= 2 && (p.Mutual != dict.MutualNone || sc.reciprocal(m) || (m.embedded != nil && (m.embedded.p.Mutual != dict.MutualNone || kind == dict.EmbedIntent || kind == dict.EmbedCarrier)))
		if len(tgts) == 0 && !cameo.Statements.Has(code) && !pairs && !(cameo.Appeals.Has(code) && p.TargetMode != dict.TargetRequired && sc.addressee(m)) {
			return nil, "no target actor"
		}
	}
	if isVisit(p, code) {
		// hosting and visiting are diplomacy: a company touring or an
		// embassy hosting journalists is not a visit
		srcs, tgts = sc.political(srcs), sc.political(tgts)
		if len(srcs) == 0 || len(tgts) == 0 {
			return nil, "a visit needs a political actor on both sides"
		}
	}
	if code == cameo.CodeConsult && len(tgts) > 0 {
		// a meeting in a third country or at an organisation's seat
		if v := sc.venue(m); v != "" && !hasCode(srcs, v) && !hasCode(tgts, v) {
			code = cameo.CodeThirdLocation
		}
	}
	tgts = collapseSame(tgts)
	m.tgts = tgts
	if p.TargetMode == dict.TargetRequired && len(tgts) == 0 {
		return nil, "no target actor"
	}
	mutual := p.Mutual
	if len(tgts) == 0 && len(srcs) >= 2 && sc.reciprocal(m) {
		// "Kosovo and Serbia accused each other"
		mutual = dict.MutualAlways
	}
	if m.embedded != nil && (kind == dict.EmbedIntent || kind == dict.EmbedCarrier) && (m.embedded.p.Mutual != dict.MutualNone || len(tgts) == 0) {
		mutual = dict.MutualAlways // joint commitments
	}
	var flags []dyad.Flag
	switch {
	case kind == dict.EmbedIntent || kind == dict.EmbedCarrier || md == moodFuture:
		flags = append(flags, dyad.FlagCommitment)
	case md == moodNegFuture || kind == dict.EmbedRefuse:
		flags = append(flags, dyad.FlagRefusal)
	}
	trig := sc.span(m.trig, m.trig)
	if m.clause != m.trig {
		a, b := m.clause, m.trig
		if a > b {
			a, b = b, a
		}
		trig = sc.span(a, b)
	}
	date := dateFor(sc.art, sc.s, sc, m.clause, md == moodFuture)
	mk := func(s, t actorRef, code string, extra ...dyad.Flag) *coded {
		return &coded{src: s, tgt: t, code: code, pattern: p.ID, trigger: trig,
			flags: append(append([]dyad.Flag{}, flags...), extra...), reporter: reporter, date: date, clause: m.clause}
	}
	var out []*coded
	switch {
	case len(tgts) == 0 && len(srcs) >= 2 && mutual != dict.MutualNone:
		for i, a := range srcs {
			for j, b := range srcs {
				if i != j && !sameActor(a, b) {
					var fl []dyad.Flag
					if i > j {
						fl = append(fl, dyad.FlagMirror)
					}
					out = append(out, mk(a, b, code, fl...))
				}
			}
		}
		if len(out) == 0 {
			out = append(out, mk(srcs[0], actorRef{}, code))
		}
	case len(tgts) == 0:
		for _, a := range srcs {
			out = append(out, mk(a, actorRef{}, code))
		}
	default:
		for _, a := range srcs {
			for _, b := range tgts {
				if sameActor(a, b) {
					// a state and its own government or agent form no dyad
					continue
				}
				out = append(out, mk(a, b, code))
				if mutual == dict.MutualAlways && md != moodNegFuture && kind != dict.EmbedRefuse {
					// (a refusal is one side's)
					out = append(out, mk(b, a, code, dyad.FlagMirror))
				} else if p.Linked != "" && md == moodAsserted && kind == dict.EmbedNone {
					out = append(out, mk(b, a, p.Linked, dyad.FlagMirror))
				} else if p.Linked != "" && code == cameo.CodeIntentToMeet {
					// a scheduled visit commits host and visitor alike
					out = append(out, mk(b, a, code, dyad.FlagMirror))
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, "source and target are one actor"
	}
	return out, ""
}
