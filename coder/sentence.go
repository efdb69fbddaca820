package coder

import (
	"slices"
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

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func flagString(fs []dyad.Flag) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [")
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(f))
	}
	b.WriteByte(']')
	return b.String()
}

// complementRels are the dependents in which an embedding pattern finds
// the act it embeds.
func (sc *sentCtx) complements(m *match) []int {
	var out []int
	for _, c := range m.deps {
		r := sc.rel(c)
		switch {
		case r == "xcomp", r == "ccomp", r == "advcl" && sc.hasTo(c):
			out = append(out, c)
		case r == "acl" && (len(m.p.Light) > 0 || sc.hasTo(c)):
			// "willingness to work", "proposal to deploy"
			out = append(out, c)
		case nlp.RelIs(r, "obj"):
			out = append(out, c)
			// a content clause parsed onto the object ("warned
			// supporters that anyone ... would be arrested")
			for _, k := range sc.tree.Children(c) {
				if nlp.RelIs(sc.rel(k), "acl") && sc.hasMarkUPOS(k, "that", "SCONJ") {
					out = append(out, k)
				}
			}
		case r == "advcl" || r == "acl":
			// "accused X of violating", "criticised Y for filling"
			if sc.hasMarkIn(c, sc.c.lex.contentMarkers) {
				out = append(out, c)
			}
		case nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod"):
			if sc.c.lex.complementPreps[sc.caseOf(c)] {
				out = append(out, c)
			}
		case r == "acl:relcl" && len(m.p.Light) > 0:
			out = append(out, c)
		}
	}
	return out
}

// attachComplement finds the event embedded in an embedding pattern's
// complement, and marks the events inside accusations and denials as
// consumed.
func (sc *sentCtx) attachComplement(m *match, byTok []*match) {
	p := m.p
	consumes := p.Embed != "" || cameo.Embedding.Has(p.Code)
	if !consumes {
		return
	}
	comps := sc.complements(m)
	if p.Embed == "" {
		// an accusation, denial, refusal or appeal codes only itself:
		// nothing said inside it is an event (coordinated clauses are)
		for _, c := range m.deps {
			switch r := sc.rel(c); {
			case nlp.RelIs(r, "nsubj"), r == "csubj", r == "conj", r == "parataxis", r == "punct", r == "cc":
				continue
			case r == "advcl" && !sc.hasMarkIn(c, sc.c.lex.contentMarkers):
				// "..., threatening to block highways": an act of its own
				continue
			case r == "acl:relcl" && sc.tree.ChildWith(c, "nsubj") >= 0 && c > m.trig:
				// "..., a charge New Delhi rejected": another actor's
				// answer, not part of what is said
				continue
			}
			if c != m.trig && c != m.clause {
				sc.consumeIn(c, byTok, m)
			}
		}
		return
	}
	// breadth-first through the complements for the nearest event; a
	// vague one ("work", "help") without a target yields to a more
	// telling one inside it ("work towards ending the conflict")
	queue := append([]int{}, comps...)
	var weak *match
	for k := 0; k < len(queue) && k < 64; k++ {
		t := queue[k]
		if t == m.trig || t == m.clause {
			continue
		}
		if em := byTok[t]; em != nil && !em.consumed && em.p.Embed == "" {
			if len(em.p.Require) == 0 && len(sc.targetOf(em, false)) == 0 && weak == nil {
				weak = em
			} else if weak == nil || sc.tree.Dominates(weak.trig, t) {
				m.embedded = em
				m.compl = t
				break
			}
		}
		if np, ok := sc.nominalCode(t); ok {
			m.embedded = &match{p: np, trig: t, clause: t, compl: -1, deps: sc.tree.Children(t)}
			m.compl = t
			break
		}
		if sc.c.lex.stopping[sc.lemmas[t]] && isVerbal(sc.upos(t)) {
			// "agreed to halt firing": what a verb of stopping governs
			// is stopped, not done
			continue
		}
		for _, ch := range sc.tree.Children(t) {
			if nlp.RelIs(sc.rel(ch), "nsubj") || sc.rel(ch) == "punct" {
				continue
			}
			queue = append(queue, ch)
		}
	}
	if m.embedded == nil && weak != nil {
		m.embedded, m.compl = weak, weak.trig
	}
	for _, c := range comps {
		sc.consumeIn(c, byTok, m)
	}
}

// consumeIn marks every plain event in the subtree of c as consumed by m.
func (sc *sentCtx) consumeIn(c int, byTok []*match, by *match) {
	stack := []int{c}
	for steps := 0; len(stack) > 0 && steps <= sc.n; steps++ {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if em := byTok[t]; em != nil && em != by && !em.consumed {
			// an embedding pattern inside keeps its own complement
			em.consumed = true
			em.why = "complement of " + by.p.ID + " at \"" + sc.words[by.trig] + "\""
		}
		stack = append(stack, sc.tree.Children(t)...)
	}
}

// refine picks a more specific code by the words among the trigger's
// dependents (the subject excluded).
func (sc *sentCtx) refine(m *match, code string) string {
	if len(m.p.Refine) == 0 {
		return code
	}
	words := map[string]bool{}
	for _, d := range m.deps {
		r := sc.rel(d)
		if nlp.RelIs(r, "nsubj") || r == "punct" || r == "conj" || r == "parataxis" || (r == "advcl" && cameo.PhysicalConflict.Has(code) && !cameo.Protests.Has(code)) {
			continue
		}
		f, l := sc.tree.Subtree(d)
		for j := f; j <= l; j++ {
			if sc.rel(j) == "compound" && j != d {
				// a modifier names a kind, not whom: "refugee camp"
				words["compound:"+sc.lemmas[j]] = true
				continue
			}
			words[sc.lemmas[j]] = true
		}
	}
	if len(m.p.Light) > 0 || m.trig != m.clause {
		words[sc.lemmas[m.trig]] = true
	}
	for _, rf := range m.p.Refine {
		for _, l := range rf.Lemmas {
			if words[l] || (words["compound:"+l] && !cameo.MassViolence.Has(rf.Code)) {
				return rf.Code
			}
		}
	}
	// the weapon may be the subject: "warplanes struck", "artillery pounded"
	for _, d := range sc.tree.Children(m.clause) {
		if !nlp.RelIs(sc.rel(d), "nsubj") {
			continue
		}
		for _, rf := range m.p.Refine {
			if !cameo.Fights.Has(rf.Code) {
				continue
			}
			if contains(rf.Lemmas, sc.lemmas[d]) || sc.lemmaIn(d, rf.Lemmas) {
				return rf.Code
			}
		}
	}
	return code
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

// sameActor reports whether two actors are one: the same country with
// the same role, or a state named bare and its own government ("U.S."
// and "President Donald Trump").
func sameActor(a, b actorRef) bool {
	if a.actor.Code != b.actor.Code {
		return false
	}
	return a.actor.Role == b.actor.Role || (bareState(a) && b.actor.Role == "GOV") || (bareState(b) && a.actor.Role == "GOV")
}

// bareState reports whether an actor is a state or capital named without
// a role: the state as a whole, which includes its government.
func bareState(r actorRef) bool {
	return r.actor.Role == "" && (r.kind == dict.KindState || r.kind == dict.KindCapital)
}

// collapseSame drops a bare state when its own government is among the
// actors too.
func collapseSame(rs []actorRef) []actorRef {
	if len(rs) < 2 {
		return rs
	}
	var out []actorRef
	for i, r := range rs {
		drop := false
		if bareState(r) {
			for j, o := range rs {
				if j != i && o.actor.Code == r.actor.Code && o.actor.Role == "GOV" {
					drop = true
				}
			}
		}
		if r.kind == dict.KindOrganisation && r.actor.Role == "" && r.tok >= 0 {
			// "UN Secretary-General Antonio Guterres" parsed as two
			// subjects: the title of the organisation and its officer
			for j, o := range rs {
				if j != i && o.person && o.actor.Code == r.actor.Code && o.tok > r.tok && o.tok-r.tok <= 4 {
					drop = true
				}
			}
		}
		if !drop {
			out = append(out, r)
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

// carrierNegated: "little willingness", "no intention".
func (sc *sentCtx) carrierNegated(noun int) bool {
	for _, c := range sc.tree.Children(noun) {
		// ("did not show any willingness": the verb carries the negation)
		if (sc.rel(c) == "det" || sc.rel(c) == "amod") && sc.c.lex.carrierNeg[sc.lemmas[c]] {
			return true
		}
	}
	return false
}

// isConsequence: "shelled a village, killing four civilians" codes the
// shelling; the participle is its consequence.
func (sc *sentCtx) isConsequence(m *match, byTok []*match) bool {
	if !cameo.PhysicalConflict.Has(m.p.Code) || sc.rel(m.clause) != "advcl" {
		return false
	}
	if !strings.HasPrefix(sc.s.Tokens[m.clause].XPOS, "VBG") {
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

// precedence applies the codebook's precedence within a sentence: stated
// talks or mediation (046, 045) win over consultations and visits
// (040, 042, 043, 044) between the same actors; a phone call (041) or a
// visit (042, 043) wins over a plain consultation (040).
func precedence(evs []*coded) []*coded {
	pair := func(e *coded) string {
		a, b := e.src.actor.Code, e.tgt.actor.Code
		if a > b {
			a, b = b, a
		}
		return a + "|" + b
	}
	talks := map[string]bool{}
	phone := map[string]bool{}
	visit := map[string]bool{}
	for _, e := range evs {
		switch e.code {
		case cameo.CodeMediate, cameo.CodeNegotiate:
			talks[pair(e)] = true
		case cameo.CodePhoneCall:
			phone[pair(e)] = true
		case cameo.CodeVisit, cameo.CodeHostVisit:
			visit[pair(e)] = true
		}
	}
	var out []*coded
	for _, e := range evs {
		switch e.code {
		case cameo.CodeConsult, cameo.CodeVisit, cameo.CodeHostVisit, cameo.CodeThirdLocation:
			// a meeting during a visit is part of the visit
			if talks[pair(e)] || (e.code == cameo.CodeConsult && (phone[pair(e)] || visit[pair(e)])) {
				continue
			}
		}
		out = append(out, e)
	}
	return out
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

// militaryActors reports whether the actors are states, governments,
// armies or armed groups: those whose strikes are military.
func militaryActors(rs []actorRef) bool {
	for _, r := range rs {
		switch {
		case r.actor.Role == "MIL" || r.actor.Role == "REB":
			return true
		case (r.actor.Role == "" || r.actor.Role == "GOV") && (r.kind == dict.KindState || r.kind == dict.KindCapital):
			return true
		}
	}
	return false
}

// weaponNear reports whether a weapon word modifies the strike at t or
// stands right before it.
func (sc *sentCtx) weaponNear(t int) bool {
	for _, c := range sc.tree.Children(t) {
		if r := sc.rel(c); (r == "compound" || r == "amod") && sc.c.lex.weapons[sc.lemmas[c]] {
			return true
		}
	}
	for j := t - 1; j >= 0 && j >= t-2; j-- {
		if sc.c.lex.weapons[sc.lemmas[j]] {
			return true
		}
		if u := sc.upos(j); u != "ADJ" && u != "NOUN" {
			break
		}
	}
	return false
}

// strikeCode codes a military strike at match m: 190, or the weapon's
// code by the refinements of the "strike" pattern of root 19.
func (sc *sentCtx) strikeCode(m *match) string {
	for _, p := range sc.c.idx["strike"] {
		if p.Code != cameo.CodeMilitaryForce {
			continue
		}
		mm := *m
		mm.p = p
		mm.deps = append([]int(nil), sc.tree.Children(m.trig)...)
		for j := m.trig - 1; j >= 0 && j >= m.trig-2; j-- {
			if u := sc.upos(j); u != "ADJ" && u != "NOUN" {
				break
			}
			mm.deps = append(mm.deps, j)
		}
		return sc.refine(&mm, cameo.CodeMilitaryForce)
	}
	return cameo.CodeMilitaryForce
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

// hasTargetWord reports whether one of the match's target slots holds a
// word (an object that is not an actor).
func (sc *sentCtx) hasTargetWord(m *match) bool { return sc.targetWord(m) >= 0 }

// complementEvent returns the nearest event pattern matched in the
// clausal complement of m, or in a clause attached to its object.
func (sc *sentCtx) complementEvent(m *match, byTok []*match) *match {
	var queue []int
	for _, c := range m.deps {
		r := sc.rel(c)
		if r == "ccomp" || r == "xcomp" || nlp.RelIs(r, "obj") || (r == "advcl" && !sc.hasAnyMark(c)) {
			queue = append(queue, c)
		}
	}
	for k := 0; k < len(queue) && k < 48; k++ {
		t := queue[k]
		if e := byTok[t]; e != nil && e != m && e.p.Embed == "" {
			return e
		}
		for _, ch := range sc.tree.Children(t) {
			r := sc.rel(ch)
			if r == "ccomp" || r == "xcomp" || r == "acl" || r == "acl:relcl" || r == "conj" || nlp.RelIs(r, "obj") {
				queue = append(queue, ch)
			}
		}
	}
	return nil
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

// hasDet reports whether noun c has the determiner w.
func (sc *sentCtx) hasDet(c int, w string) bool {
	for _, k := range sc.tree.Children(c) {
		if sc.rel(k) == "det" && sc.lemmas[k] == w {
			return true
		}
	}
	return false
}

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

// hasAnyMark reports whether a clause has a subordinator.
func (sc *sentCtx) hasAnyMark(c int) bool {
	return sc.tree.ChildWith(c, "mark") >= 0
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
// named by a demonym ("the Dutch orchestra").
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
			if h >= 0 && (sc.upos(h) == "NOUN" || sc.upos(h) == "PROPN") {
				if !sc.politicalHead(h) {
					continue
				}
			}
		}
		out = append(out, r)
	}
	return out
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

// hasCode reports whether one of the actors has the country code.
func hasCode(rs []actorRef, code string) bool {
	for _, r := range rs {
		if r.actor.Code == code {
			return true
		}
	}
	return false
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

// namesAct reports whether a pattern requires the words that name the act
// ("threaten obj=blockade|siege"), other than a generic root code.
func namesAct(p *dict.Pattern) bool {
	if len(p.Code) == 3 && strings.HasSuffix(p.Code, "0") {
		return false
	}
	for _, d := range p.Require {
		if len(d.Lemmas) > 0 {
			return true
		}
	}
	return false
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
