package coder

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// codeSentence codes one sentence: the stages in the order they run.
//
//  1. match: sentence rules may skip it; the view is built (repair rules
//     mend the parse); the best pattern at each word is its candidate.
//  2. complement: embedding patterns take the act they embed; what
//     accusations, denials and appeals say is no event.
//  3. each candidate is evaluated (evaluate): mood, filters, code,
//     arguments, actors and the conventions of a single event.
//  4. convention: precedence between the sentence's events.
//  5. memory: what later sentences resolve against.
//  6. convention: the same act of one government collapses into one
//     event.
func (c *Coder) codeSentence(art *article, s *nlp.Sentence, idx int, rec *recorder) []dyad.Event {
	n := len(s.Tokens)
	if n == 0 {
		return nil
	}
	text := art.text[s.Start:s.End]
	rec.printf("\n[%d] %s\n", idx, oneLine(text))
	for _, r := range c.rules.sentences {
		if why := r.fn(c, text, n); why != "" {
			if rec != nil {
				rec.add(dyad.Decision{ArticleID: art.a.ID, Sentence: idx, Rule: r.id, Verdict: dyad.VerdictSkipped, Why: why})
				rec.printf("  skipped: %s  <- %s\n", why, r.id)
			}
			return nil
		}
	}
	sc := newSentCtx(c, art, s, idx, rec)
	if rec != nil && rec.w != nil {
		rec.printf("  parse:\n")
		for i, t := range sc.s.Tokens {
			rec.printf("    %2d %-16s %-12s %-5s %2d %s\n", i, t.Text, sc.lemmas[i], t.UPOS, t.Head, t.DepRel)
		}
		rec.printf("  actors:\n")
		for _, m := range sc.mentions {
			rec.printf("    %q -> %s %s (%s; %s)\n", strings.Join(sc.words[m.Start:m.End], " "), m.Actor.Code, m.Actor.Role, m.Kind, m.Why)
		}
		rec.printf("  patterns:\n")
	}
	// match: the best pattern at each token
	byTok := make([]*match, n)
	var ms []*match
	for i := 0; i < n; i++ {
		if m := sc.bestMatch(i); m != nil {
			byTok[i] = m
			ms = append(ms, m)
		}
	}
	if len(ms) > 1 {
		sc.lightVerbOutranked(byTok)
		ms = ms[:0]
		for _, m := range byTok {
			if m != nil {
				ms = append(ms, m)
			}
		}
	}
	if sc.contentMatches(byTok) {
		// what a statement says of another actor (complement.content-*)
		ms = ms[:0]
		for _, m := range byTok {
			if m != nil {
				ms = append(ms, m)
			}
		}
	}
	// complement: embedded events, accusations and denials
	for _, m := range ms {
		sc.attachComplement(m, byTok)
	}
	// each candidate
	var out []*coded
	for _, m := range ms {
		if m.consumed {
			sc.decide(m, m.p.Code, dyad.VerdictSuppressed, m.rule, m.why)
			continue
		}
		out = append(out, sc.evaluate(m, byTok)...)
	}
	out = sc.precedence(out)
	sc.remember(out)
	out = sc.collapse(out)
	evs := make([]dyad.Event, 0, len(out))
	for _, e := range out {
		evs = append(evs, c.fill(art, s, idx, e))
	}
	return evs
}

// cand is a candidate event on its way through the stages: a pattern
// matched at a trigger, and what the stages have found about it.
type cand struct {
	*match
	// code is the code so far; kind the pattern's embedding; embCode the
	// code of the act it embeds, refined by that act's words.
	code    string
	kind    dict.EmbedKind
	embCode string
	// md is the mood of the event's clause.
	md moodResult
	// srcs and tgts are the actors; srcRule and tgtRule the argument
	// rules that found them; passive marks a passive clause.
	srcs, tgts       []actorRef
	srcRule, tgtRule string
	passive          bool
	// milStrike marks a strike recoded as military force; official a
	// protest recoded as an official complaint.
	milStrike, official bool
	// steps are the rules that changed the candidate on its way.
	steps []string
	// addressees are whom a reported obligation asks to act
	// (mood.obligation): the speaker is then the source and they the
	// targets.
	addressees []actorRef
	// addresseeRule is the rule that found them (mood.obligation,
	// mood.reported-content).
	addresseeRule string
}

// step records that rule changed the candidate.
func (k *cand) step(rule, what string) {
	k.steps = append(k.steps, rule+": "+what)
}

// evaluate runs a candidate through the stages, in this order (each
// step's rules are in its stage's table): the clause's mood; the filters
// that need only the clause; the code (the pattern's refinements, or the
// embedded act's parallel code); the filters that need the code; the mood
// applied to the code; the source; the filters that need the source; the
// target; the filters that need both; the conventions that fan the
// candidate out into events. It records the decision and returns the
// events.
func (sc *sentCtx) evaluate(m *match, byTok []*match) []*coded {
	k := &cand{match: m, code: m.p.Code, kind: m.p.Embed, steps: m.steps}
	k.md = sc.mood(m.clause)
	if m.embedded != nil {
		k.embCode = sc.refine(m.embedded, m.embedded.p.Code)
	}
	if rule, why := sc.filter(k, byTok, filterOnClause); rule != "" {
		return sc.suppress(k, rule, why)
	}
	if k.kind == dict.EmbedNone {
		sc.patternCode(k)
	} else {
		sc.embeddedCode(k)
	}
	if rule, why := sc.filter(k, byTok, filterOnCode); rule != "" {
		return sc.suppress(k, rule, why)
	}
	verdict, why := sc.applyMood(k)
	if why != "" {
		return sc.suppress(k, verdict, why)
	}
	if len(k.addressees) > 0 {
		// a reported obligation: the speaker asks the clause's subject
		k.srcs, k.srcRule = []actorRef{*k.md.reporter}, k.md.reporterRule
	} else if len(k.srcs) > 0 {
		// the mood stage found the source (mood.threatened-act)
	} else if rule, why := sc.source(k); why != "" {
		return sc.suppress(k, rule, why)
	}
	if rule, why := sc.filter(k, byTok, filterOnSource); rule != "" {
		return sc.suppress(k, rule, why)
	}
	sc.officialProtest(k)
	if len(k.addressees) > 0 {
		k.tgts, k.tgtRule = k.addressees, k.addresseeRule
	} else if rule, why := sc.target(k, byTok); why != "" {
		return sc.suppress(k, rule, why)
	}
	if rule, why := sc.filter(k, byTok, filterOnActors); rule != "" {
		return sc.suppress(k, rule, why)
	}
	sc.thirdLocation(k)
	if rule, why := sc.settleTargets(k); why != "" {
		return sc.suppress(k, rule, why)
	}
	out, rule := sc.fanOut(k)
	if len(out) == 0 {
		return sc.suppress(k, rule, "source and target are one actor")
	}
	if sc.rec != nil {
		d := sc.decide(k.match, k.code, dyad.VerdictFired, verdict, "", k.steps...)
		sc.firedEvents(d, k, out)
	}
	return out
}

// suppress records that rule stopped candidate k.
func (sc *sentCtx) suppress(k *cand, rule, why string) []*coded {
	sc.decide(k.match, k.code, dyad.VerdictSuppressed, rule, why, k.steps...)
	return nil
}

// decide records a decision about candidate m with code code and prints
// it; it returns the decision's index, or -1 when nothing is recorded.
func (sc *sentCtx) decide(m *match, code string, v dyad.Verdict, rule, why string, steps ...string) int {
	if sc.rec == nil {
		return -1
	}
	d := dyad.Decision{ArticleID: sc.art.a.ID, Sentence: sc.idx, PatternID: m.p.ID, Code: code,
		Trigger: sc.span(m.trig, m.trig), Word: sc.words[m.trig], Rule: rule, Verdict: v, Why: why,
		Steps: append([]string(nil), steps...)}
	switch v {
	case dyad.VerdictNoMatch:
		sc.rec.printf("    candidate %-24s at %q: no (%s)  <- %s\n", m.p.ID, sc.words[m.trig], why, rule)
	case dyad.VerdictOutranked:
		sc.rec.printf("    candidate %-24s at %q: %s  <- %s\n", m.p.ID, sc.words[m.trig], why, rule)
	case dyad.VerdictSuppressed:
		sc.rec.printf("    %-24s at %q: suppressed (%s)  <- %s\n", m.p.ID, sc.words[m.trig], why, rule)
	}
	if v != dyad.VerdictFired {
		for _, st := range steps {
			sc.rec.printf("      step %s\n", st)
		}
	}
	return sc.rec.add(d)
}

// firedEvents records the events of fired candidate k in decision d and
// prints them.
func (sc *sentCtx) firedEvents(d int, k *cand, out []*coded) {
	dec := &sc.rec.decisions[d]
	for _, e := range out {
		srcRule, tgtRule := k.srcRule, k.tgtRule
		switch e.convention {
		case ruleCompoundPairs:
			// both sides are sources
			tgtRule = k.srcRule
		case ruleMutual, ruleReciprocal, ruleJointCommitment, ruleLinked, ruleScheduledVisit:
			// the reverse of the stated event
			srcRule, tgtRule = k.tgtRule, k.srcRule
		}
		de := dyad.DecisionEvent{Code: e.code, Source: e.src.actor, Target: e.tgt.actor,
			SourceRule: srcRule, SourceActor: e.src.rule, Convention: e.convention}
		if e.tgt.actor.Code != "" {
			de.TargetRule, de.TargetActor = tgtRule, e.tgt.rule
		}
		e.decision, e.event = d, len(dec.Events)
		dec.Events = append(dec.Events, de)
		extra := ""
		if e.reporter != nil {
			extra += " reported by " + e.reporter.actor.Code
		}
		extra += inferredNote("source", e.src) + inferredNote("target", e.tgt)
		if e.date != nil {
			extra += " dated " + e.date.Date.Format("2006-01-02") + " (\"" + e.date.Text + "\")"
		}
		sc.rec.printf("    %-24s at %q: FIRED %s %s -> %s %s  %s%s%s  <- %s; %s\n", k.p.ID, sc.words[k.trig],
			e.src.actor.Code, e.src.actor.Role, orNull(e.tgt.actor.Code), e.tgt.actor.Role, e.code, flagString(e.flags), extra, dec.Rule, eventRules(de))
	}
	for _, st := range k.steps {
		sc.rec.printf("      step %s\n", st)
	}
	// the country rule a described name took its country from
	for _, e := range out {
		for _, r := range []actorRef{e.src, e.tgt} {
			if r.rule != ruleDescribedName || r.country == "" || r.inferred {
				continue
			}
			st := r.country + ": the country of " + r.actor.Name
			if !slices.Contains(dec.Steps, st) {
				dec.Steps = append(dec.Steps, st)
				sc.rec.printf("      step %s\n", st)
			}
		}
	}
}

// inferredNote says, for --explain, which sentence an inferred actor was
// taken from and whether it is provisional.
func inferredNote(side string, r actorRef) string {
	s := ""
	if r.inferred && r.actor.Code != "" {
		s += fmt.Sprintf(" %s inferred from [%d]", side, r.sent)
	}
	if r.provisional && r.actor.Code != "" {
		s += " " + side + " provisional"
	}
	return s
}

// eventRules says which rules made an event, for --explain.
func eventRules(de dyad.DecisionEvent) string {
	var b strings.Builder
	b.WriteString("source " + de.SourceRule + "/" + de.SourceActor)
	if de.TargetRule != "" {
		b.WriteString(", target " + de.TargetRule + "/" + de.TargetActor)
	}
	if de.Convention != "" {
		b.WriteString(", " + de.Convention)
	}
	return b.String()
}

// drop records that rule dropped event e after it was made.
func (sc *sentCtx) drop(e *coded, rule string) {
	if sc.rec == nil || e.decision < 0 {
		return
	}
	sc.rec.decisions[e.decision].Events[e.event].Dropped = rule
	sc.rec.printf("      dropped %s %s -> %s  <- %s\n", e.code, e.src.actor.Code, orNull(e.tgt.actor.Code), rule)
}
