package coder

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
)

// The memory stage: after each sentence, what the article remembers for
// the sentences after it: the actors named (for pronouns, titles, "both
// sides" and agents without a country), the events coded (for "the
// attack" condemned later), the words that upgrade later patterns (a
// phone call before "spoke"). A new thing to remember goes in memoryRules;
// what resolves against it is an actor rule (actors.go).

// memoryRule updates the article's memory with a sentence's events.
type memoryRule struct {
	id string
	fn func(sc *sentCtx, out []*coded, id string)
}

// memoryRules are the memory rules, in order.
func memoryRules() []memoryRule {
	return []memoryRule{
		{"memory.events", memEvents},
		{"memory.named-actors", memNamedActors},
		{"memory.person-source", memPersonSource},
		{"memory.context", memContext},
	}
}

// remember runs the memory rules after a sentence.
func (sc *sentCtx) remember(out []*coded) {
	for _, r := range sc.c.rules.memory {
		r.fn(sc, out, r.id)
	}
}

// memEvents remembers the events of the sentence (not mirrors), for
// definite descriptions of them in later sentences ("condemned the
// attack").
func memEvents(sc *sentCtx, out []*coded, id string) {
	n := len(sc.art.events)
	sc.art.rememberEvents(out)
	if sc.rec != nil && len(sc.art.events) > n {
		var evs []string
		for _, e := range sc.art.events[n:] {
			evs = append(evs, e.src.actor.Code+" "+e.root)
		}
		sc.rec.printf("  memory: %s  <- %s\n", strings.Join(evs, ", "), id)
	}
}

// memNamedActors remembers the actors the sentence names (not agents or
// cities); a capital named as a place ("hosted X and Y in Ankara") is no
// party, and a state named as a place is remembered as one.
func memNamedActors(sc *sentCtx, _ []*coded, id string) {
	var names []string
	for _, m := range sc.mentions {
		if m.Kind == dict.KindAgent || m.Kind == dict.KindCity || m.Actor.Code == "" {
			continue
		}
		if m.Kind == dict.KindCapital && sc.locativeAt(m.Start) {
			continue
		}
		sc.art.remember(actorRef{actor: m.Actor, kind: m.Kind, person: m.Kind == dict.KindPerson, place: m.Kind == dict.KindState && sc.locativeAt(m.Start), mem: id})
		if sc.named == nil {
			sc.named = map[dyad.Actor]bool{}
		}
		sc.named[dyad.Actor{Code: m.Actor.Code, Role: m.Actor.Role}] = true
		names = append(names, m.Actor.Code+" "+m.Actor.Role)
	}
	if len(names) > 0 {
		sc.rec.printf("  memory: %s  <- %s\n", strings.Join(names, ", "), id)
	}
}

// memPersonSource remembers a person the sentence's events resolved as a
// source but did not name (a title, a pronoun); a person the sentence
// named is remembered where it was named: naming it again would make it
// the most recent actor.
func memPersonSource(sc *sentCtx, out []*coded, id string) {
	for _, e := range out {
		if e.src.person && !sc.named[dyad.Actor{Code: e.src.actor.Code, Role: e.src.actor.Role}] {
			r := e.src
			r.mem = id
			sc.art.remember(r)
			sc.rec.printf("  memory: %s %s  <- %s\n", r.actor.Code, r.actor.Role, id)
		}
	}
}

// memContext remembers the words of the sentence that upgrade later
// patterns (a phone call before "spoke" -> 041); a context word used as a
// verb of another sense is none ("called on", "called for" are no phone
// call).
func memContext(sc *sentCtx, _ []*coded, id string) {
	if len(sc.c.ctxLemmas) == 0 {
		return
	}
	if sc.art.context == nil {
		sc.art.context = map[string]bool{}
	}
	for i, l := range sc.lemmas {
		if sc.c.ctxLemmas[l] && !(sc.c.lex.nonContextVerbs[l] && isVerbal(sc.upos(i))) {
			sc.art.context[l] = true
			sc.rec.printf("  memory: context %q  <- %s\n", l, id)
		}
	}
}

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
// with orgs, an organisation or party too ("the group said").
func (art *article) lastGroup(orgs bool) (actorRef, bool) {
	for i := len(art.history) - 1; i >= 0; i-- {
		h := art.history[i]
		if h.kind == dict.KindGroup || (orgs && (h.kind == dict.KindOrganisation || h.kind == dict.KindParty)) {
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
// A news outlet is not one ("told Reuters"): where it is from says nothing of
// where the story happens.
func (art *article) focus() string {
	for i := len(art.history) - 1; i >= 0; i-- {
		if c := art.history[i].actor.Code; c != "" && c != "IGO" && c != "NGO" && art.history[i].actor.Role != "MED" {
			return c
		}
	}
	return ""
}
