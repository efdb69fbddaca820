package coder

import (
	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/timex"
)

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
