package coder

import (
	"strings"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

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
