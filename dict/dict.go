// Package dict holds dyad's dictionaries: the actors (states, capitals and
// seats of government, national institutions, cities, organisations, armed
// groups, political parties and people with date-bounded roles), the agents
// (nouns that name a role: "troops" -> MIL, "police" -> COP) and the event
// patterns per CAMEO code. Dictionaries are written in a human-editable YAML
// format; errors name file and line. The defaults are embedded in the
// binary; a directory given with --dict adds entries or overrides them.
//
// The file format is described in load.go and in data/README.md.
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
	KindParty        MentionKind = "party"        // political parties and electoral coalitions: "ANC", "Bharatiya Janata Party"
	KindAgent        MentionKind = "agent"        // "troops", "riot police": a role without a country
)

// Mention is an actor found in a sentence: words Start..End-1 (token
// indices) name Actor.
type Mention struct {
	// Start and End are token indices: the mention covers words
	// [Start, End). A "the" before a state, seat of government,
	// organisation or group name is included ("the Kremlin").
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

	// version is a digest of every file the dictionary was read from.
	version string

	// src holds the parsed entries, kept so that Load can lay a directory
	// over a base dictionary.
	src entries
	// index maps the lower-cased first word of every name and agent
	// phrase to its entries, longest first.
	index map[string][]*entry
	// byName maps the lower-cased full name to its entries (for Lookup).
	byName map[string][]*entry
	// agents maps single-word agent lemmas (and their plurals) to roles.
	agents map[string]string
	// countries maps state codes to their first name.
	countries map[string]string
	// lexicon maps each word class to its words and their tags.
	lexicon map[string]map[string][]string
}

// Version identifies the dictionary's content: a short hex digest of the
// names and bytes of every file it was read from, in load order (the
// embedded defaults, then each overlay). Stores stamp events with it so that
// users can tell which events a dictionary change would re-code.
func (d *Dictionary) Version() string { return d.version }

// FindActors returns the actor mentions in a sentence, longest match first
// and non-overlapping, in sentence order. words are the tokens as written,
// lemmas their lemmas (same length); date is the article date used to pick
// people's roles (the zero time means unknown: the most recent role).
//
// Names of two or more words match regardless of case; single-word names
// match as written ("US" but not "us", "Chad" but not "chad"), in all
// capitals for names of four letters or more ("UKRAINE") and in title case
// for acronyms of four letters or more ("Nato"). A possessive ending
// ("Kenya's", or "Kenya" followed by the token "'s") is allowed on the last
// word. A hyphenated compound whose first part is a name ("Saudi-led",
// "Houthi-held", "U.S.-brokered") is a mention of that name. Agents (KindAgent)
// match on lemmas or words regardless of case.
func (d *Dictionary) FindActors(words, lemmas []string, date time.Time) []Mention {
	if d == nil {
		return nil
	}
	return d.findActors(words, lemmas, date)
}

// Agent returns the CAMEO role of a single-word agent noun given by its
// lemma ("troops" or "troop" -> MIL); ok is false for a word that is not an
// agent. Multi-word agents ("riot police") are found by FindActors.
func (d *Dictionary) Agent(lemma string) (role string, ok bool) {
	if d == nil {
		return "", false
	}
	role, ok = d.agents[lowerString(lemma)]
	return role, ok
}

// Country returns the name of the state with ISO 3166-1 alpha-3 code code
// ("UKR" -> "Ukraine"); ok is false for an unknown code.
func (d *Dictionary) Country(code string) (name string, ok bool) {
	if d == nil {
		return "", false
	}
	name, ok = d.countries[code]
	return name, ok
}
