// Package dict holds dyad's dictionaries: the actors (states, capitals and
// seats of government, cities, organisations, armed groups, people with
// date-bounded roles), the agents (nouns that name a role: "troops" -> MIL,
// "police" -> COP) and the event patterns per CAMEO code. Dictionaries are
// written in a human-editable YAML format; errors name file and line. The
// defaults are embedded in the binary; a directory given with --dict adds
// entries or overrides them.
package dict

import (
	"time"

	"github.com/dyad-events/dyad"
)

// MentionKind says what sort of dictionary entry a mention matched.
type MentionKind string

// The kinds of actor mention.
const (
	KindState        MentionKind = "state"        // "Ukraine", "the United States"
	KindDemonym      MentionKind = "demonym"      // "Ukrainian", "Emirati"
	KindCapital      MentionKind = "capital"      // "Kyiv", "the Kremlin" (metonym for the government)
	KindCity         MentionKind = "city"         // "Kharkiv" (a place in the state, not its government)
	KindPerson       MentionKind = "person"       // "Vladimir Putin"
	KindOrganisation MentionKind = "organisation" // "NATO", "Amnesty International"
	KindGroup        MentionKind = "group"        // non-state armed groups
	KindAgent        MentionKind = "agent"        // "troops", "riot police": a role without a country
)

// Mention is an actor found in a sentence: words Start..End-1 (token
// indices) name Actor.
type Mention struct {
	// Start and End are token indices: the mention covers words
	// [Start, End).
	Start, End int
	// Actor is what the words resolve to on the given date. For a
	// KindAgent mention Actor.Code is empty and Actor.Role is set.
	Actor dyad.Actor
	// Kind is the sort of entry that matched.
	Kind MentionKind
	// Entry names the dictionary entry ("Vladimir Putin").
	Entry string
	// Why explains the resolution for --explain and `dyad dict lookup`
	// ("president of RUS from 2012-05-07").
	Why string
}

// Dictionary is a loaded set of actors, agents and event patterns. It is
// immutable after loading and safe for concurrent use.
type Dictionary struct {
	// Patterns are the event patterns, in file order.
	Patterns []Pattern
}

// FindActors returns the actor mentions in a sentence, longest match first
// and non-overlapping, in sentence order. words are the tokens as written,
// lemmas their lemmas (same length); date is the article date used to pick
// people's roles (the zero time means unknown: the most recent role).
func (d *Dictionary) FindActors(words, lemmas []string, date time.Time) []Mention {
	return nil
}
