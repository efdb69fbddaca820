package coder

import (
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
)

// article is what the coder remembers of an article while coding it.
type article struct {
	a    *dyad.Article
	text string
	date time.Time
	// history holds the actors named so far, most recent last.
	history []actorRef
	// context holds lemmas of earlier sentences that patterns' context
	// upgrades look for.
	context map[string]bool
	// events holds the events coded so far (not mirrors), most recent
	// last, for definite descriptions of them ("condemned the attack").
	events []pastEvent
	// dateline is the place of the article's dateline, if any.
	dateline *dyad.Place
}

// pastEvent is an event coded earlier in the article.
type pastEvent struct {
	root string
	src  actorRef
}

// rememberEvents adds a sentence's events to the article's, bounded.
func (art *article) rememberEvents(evs []*coded) {
	for _, e := range evs {
		if e.src.actor.Code == "" || hasFlag(e.flags, dyad.FlagMirror) {
			continue
		}
		art.events = append(art.events, pastEvent{root: e.code[:2], src: e.src})
	}
	if len(art.events) > 64 {
		art.events = append(art.events[:0:0], art.events[len(art.events)-32:]...)
	}
}

// remember adds actors to the article's history, bounded.
func (art *article) remember(refs ...actorRef) {
	for _, r := range refs {
		if r.actor.Code == "" {
			continue
		}
		art.history = append(art.history, r)
	}
	if len(art.history) > 64 {
		art.history = append(art.history[:0:0], art.history[len(art.history)-32:]...)
	}
}

// lastPerson returns the most recent person (or government title) actor.
func (art *article) lastPerson() (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		if art.history[i].person {
			return art.history[i], true
		}
	}
	return actorRef{}, false
}

// lastActor returns the most recent actor that is not a person, else any.
func (art *article) lastActor(wantState bool) (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if !wantState || !h.person {
			return h, true
		}
	}
	return actorRef{}, false
}

// lastPair returns the two most recent actors of distinct codes, preferring
// people and governments.
func (art *article) lastPair(people bool) []actorRef {
	var out []actorRef
	for pass := 0; pass < 3 && len(out) < 2; pass++ {
		out = out[:0]
		for i := len(art.history) - 1; i >= 0 && len(out) < 2; i-- {
			h := art.history[i]
			if h.place || (pass == 0 && (!people || !h.person)) {
				continue
			}
			if pass == 1 && !h.person && h.kind != dict.KindState && h.kind != dict.KindCapital && h.kind != dict.KindGroup {
				continue
			}
			if len(out) == 1 && !distinctParties(out[0], h) {
				continue
			}
			out = append(out, h)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return []actorRef{out[1], out[0]}
}

// distinctParties reports whether two actors can be the two sides of a
// pair: different countries, or a state and an armed group or opposition
// inside it ("the government and the M23 ... both sides").
func distinctParties(a, b actorRef) bool {
	if a.actor.Code != b.actor.Code {
		return true
	}
	insurgent := func(r actorRef) bool {
		return r.kind == dict.KindGroup || r.actor.Role == "REB" || r.actor.Role == "OPP"
	}
	return insurgent(a) != insurgent(b)
}

// lastGroup returns the most recent armed group named in the article;
// with orgs, an organisation too ("the group said").
func (art *article) lastGroup(orgs bool) (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind == dict.KindGroup || (orgs && h.kind == dict.KindOrganisation) {
			return h, true
		}
	}
	return actorRef{}, false
}

// lastOrganisation returns the most recent international organisation
// named in the article.
func (art *article) lastOrganisation() (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		if h := art.history[i]; h.kind == dict.KindOrganisation && h.actor.Code == "IGO" {
			return h, true
		}
	}
	return actorRef{}, false
}

// focus returns the code of the most recently named state in the article.
func (art *article) focus() string {
	for i := len(art.history) - 1; i >= 0; i-- {
		if c := art.history[i].actor.Code; c != "" && c != "IGO" && c != "NGO" {
			return c
		}
	}
	return ""
}
