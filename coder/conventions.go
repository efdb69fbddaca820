package coder

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/timex"
)

// The convention stage: the coding conventions that turn one stated act
// into the events the codebook wants (shared/eval/README.md): both
// directions of reciprocal acts, the host's side of a visit, one event per
// actor of a compound, precedence between the events of a sentence (talks
// over meetings), and one event for several actors of one government doing
// the same. The rules run at two points: when a candidate fans out into
// events (fanOut), and when the sentence's events are settled (precedence,
// collapse). A new convention goes in conventionRules and in the function
// of the point where it acts.

// coded is an event before it becomes a dyad.Event.
type coded struct {
	src, tgt actorRef
	code     string
	pattern  string
	trigger  dyad.Span
	flags    []dyad.Flag
	reporter *actorRef
	date     *timex.Expression
	clause   int
	// convention is the convention rule that made the event beside the
	// stated one, "" for the stated one.
	convention string
	// decision and event index the event's record in the recorder (-1:
	// none).
	decision, event int
}

// The convention rules.
const (
	ruleCollapseSame    = "convention.collapse-same"
	ruleOfficialProtest = "convention.official-protest"
	ruleThirdLocation   = "convention.third-location"
	ruleReciprocal      = "convention.reciprocal"
	ruleJointCommitment = "convention.joint-commitment"
	ruleMutual          = "convention.mutual"
	ruleCompoundPairs   = "convention.compound-pairs"
	ruleFanOut          = "convention.fan-out"
	ruleOneActor        = "convention.one-actor"
	ruleLinked          = "convention.linked"
	ruleScheduledVisit  = "convention.scheduled-visit"
	ruleTalksPrecedence = "convention.talks-precedence"
	ruleCallPrecedence  = "convention.call-precedence"
	ruleCollapseGovt    = "convention.collapse-government"
	ruleDuplicate       = "convention.duplicate"
)

// conventionRules are the IDs of the convention rules, in the order they
// act.
func conventionRules() []string {
	return []string{ruleCollapseSame, ruleOfficialProtest, ruleThirdLocation, ruleReciprocal, ruleJointCommitment,
		ruleMutual, ruleCompoundPairs, ruleFanOut, ruleOneActor, ruleLinked, ruleScheduledVisit,
		ruleTalksPrecedence, ruleCallPrecedence, ruleCollapseGovt, ruleDuplicate}
}

// officialProtest: a government's protest is a diplomatic complaint
// (114), not a rally.
func (sc *sentCtx) officialProtest(k *cand) {
	if cameo.Protests.Has(k.code) && sc.c.lex.officialProtest[sc.lemmas[k.trig]] && officialActors(k.srcs) {
		k.step(ruleOfficialProtest, k.code+" -> "+cameo.CodeComplainOfficially)
		k.code, k.official = cameo.CodeComplainOfficially, true
	}
}

// thirdLocation: a meeting in a third country or at an organisation's
// seat is 044.
func (sc *sentCtx) thirdLocation(k *cand) {
	if k.code == cameo.CodeConsult && len(k.tgts) > 0 {
		if v := sc.venue(k.match); v != "" && !hasCode(k.srcs, v) && !hasCode(k.tgts, v) {
			k.step(ruleThirdLocation, k.code+" -> "+cameo.CodeThirdLocation+" (in "+v+")")
			k.code = cameo.CodeThirdLocation
		}
	}
}

// collapseSame drops from an argument's actors a bare state whose own
// government is among them ("U.S. President Donald Trump" parsed as two
// subjects), and an organisation named right before its own officer.
func (sc *sentCtx) collapseSame(k *cand, rs []actorRef) []actorRef {
	out := collapseSame(rs)
	if len(out) < len(rs) && sc.rec != nil {
		k.step(ruleCollapseSame, fmt.Sprintf("%d actors to %d", len(rs), len(out)))
	}
	return out
}

// fanOut makes the events of candidate k: one per source and target (a
// state and its own government or agent form no dyad), both directions
// of reciprocal acts, the linked event of a visit, all pairs of a compound
// subject of a mutual act. With no event made it returns the rule.
func (sc *sentCtx) fanOut(k *cand) ([]*coded, string) {
	m, p, md, kind := k.match, k.p, k.md.mood, k.kind
	srcs, tgts := k.srcs, k.tgts
	mutual, mutualRule := p.Mutual, ruleMutual
	if len(tgts) == 0 && len(srcs) >= 2 && sc.reciprocal(m) {
		// "Kosovo and Serbia accused each other"
		mutual, mutualRule = dict.MutualAlways, ruleReciprocal
		if sc.rec != nil {
			k.step(ruleReciprocal, "\"each other\": both directions")
		}
	}
	if (m.embedded != nil && isIntent(kind) && (m.embedded.p.Mutual != dict.MutualNone || len(tgts) == 0)) || (len(tgts) == 0 && sc.jointIntent(m, kind)) {
		mutual, mutualRule = dict.MutualAlways, ruleJointCommitment // joint commitments
	}
	var flags []dyad.Flag
	switch {
	case isIntent(kind) || md == moodFuture:
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
	code := k.code
	mk := func(s, t actorRef, code, convention string, extra ...dyad.Flag) *coded {
		return &coded{src: s, tgt: t, code: code, pattern: p.ID, trigger: trig, convention: convention,
			flags: append(append([]dyad.Flag{}, flags...), extra...), reporter: k.md.reporter, date: date, clause: m.clause,
			decision: -1, event: -1}
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
					out = append(out, mk(a, b, code, ruleCompoundPairs, fl...))
				}
			}
		}
		if len(out) == 0 {
			out = append(out, mk(srcs[0], actorRef{}, code, ""))
		}
	case len(tgts) == 0:
		for i, a := range srcs {
			out = append(out, mk(a, actorRef{}, code, fanOutRule(i, 0)))
		}
	default:
		for i, a := range srcs {
			for j, b := range tgts {
				if sameActor(a, b) {
					// a state and its own government or agent form no dyad
					continue
				}
				out = append(out, mk(a, b, code, fanOutRule(i, j)))
				if mutual == dict.MutualAlways && md != moodNegFuture && kind != dict.EmbedRefuse {
					// (a refusal is one side's)
					out = append(out, mk(b, a, code, mutualRule, dyad.FlagMirror))
				} else if p.Linked != "" && md == moodAsserted && kind == dict.EmbedNone {
					out = append(out, mk(b, a, p.Linked, ruleLinked, dyad.FlagMirror))
				} else if p.Linked != "" && code == cameo.CodeIntentToMeet {
					// a scheduled visit commits host and visitor alike
					out = append(out, mk(b, a, code, ruleScheduledVisit, dyad.FlagMirror))
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, ruleOneActor
	}
	return out, ""
}

// fanOutRule is the convention of the event of the i-th source and j-th
// target: one event per actor of a compound.
func fanOutRule(i, j int) string {
	if i > 0 || j > 0 {
		return ruleFanOut
	}
	return ""
}

// sameActor reports whether two actors are one: the same country with
// the same role, or a state named bare and its own government ("U.S."
// and "President Donald Trump").
func sameActor(a, b actorRef) bool {
	if a.actor.Code != b.actor.Code || distinctBodies(a, b) {
		return false
	}
	return a.actor.Role == b.actor.Role || (bareState(a) && b.actor.Role == "GOV") || (bareState(b) && a.actor.Role == "GOV")
}

// bareState reports whether an actor is a state or capital named without
// a role: the state as a whole, which includes its government.
func bareState(r actorRef) bool {
	return r.actor.Role == "" && (r.kind == dict.KindState || r.kind == dict.KindCapital)
}

// bodyName is the name of an organisation, party or armed group the
// sentence names (distinctBodies), lower case, else "".
func bodyName(r actorRef) string {
	if distinctBodies(r, actorRef{kind: dict.KindOrganisation, actor: dyad.Actor{Name: "\x00"}}) {
		return strings.ToLower(r.actor.Name)
	}
	return ""
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

// precedence applies the codebook's precedence within a sentence: stated
// talks or mediation (046, 045) win over consultations and visits
// (040, 042, 043, 044) between the same actors; a phone call (041) or a
// visit (042, 043) wins over a plain consultation (040).
func (sc *sentCtx) precedence(evs []*coded) []*coded {
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
			if talks[pair(e)] {
				sc.drop(e, ruleTalksPrecedence)
				continue
			}
			if e.code == cameo.CodeConsult && (phone[pair(e)] || visit[pair(e)]) {
				sc.drop(e, ruleCallPrecedence)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// collapse settles a sentence's events: actors of the same government
// doing the same thing collapse into one event (a domestic dyad keeps its
// roles apart: government and rebels); one act aimed at two parties of one
// state ("met government negotiators and guerrilla commanders") stays two
// events; the same event twice is one.
func (sc *sentCtx) collapse(out []*coded) []*coded {
	var kept []*coded
	byCodes := map[string]dyad.Span{}
	seen := map[string]bool{}
	for _, e := range out {
		k := e.src.actor.Code + "|" + e.tgt.actor.Code + "|" + e.code
		if e.src.actor.Code == e.tgt.actor.Code {
			k += "|" + e.src.actor.Role
		}
		// two organisations or groups of one code named apart ("the
		// African Union and the Arab League") are two actors (convention
		// 6), not one government's several voices
		k += "|" + bodyName(e.src) + "|" + bodyName(e.tgt)
		if betweenSides(e.src, e.tgt) {
			// the two sides of one state's conflict, each way
			k += "|" + strconv.Itoa(e.src.side) + ">" + strconv.Itoa(e.tgt.side)
		}
		if trig, ok := byCodes[k]; ok && trig != e.trigger {
			sc.drop(e, ruleCollapseGovt)
			continue
		}
		byCodes[k] = e.trigger
		kr := k + "|" + e.tgt.actor.Role + "|" + e.src.actor.Role
		if seen[kr] {
			sc.drop(e, ruleDuplicate)
			continue
		}
		seen[kr] = true
		kept = append(kept, e)
	}
	return kept
}
