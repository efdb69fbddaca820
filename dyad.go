// Package dyad holds the domain types of dyad, an event-data system that
// reads news and codes political events — who did what to whom, when and
// where — in the CAMEO ontology, mapped to PLOVER, each event backed by the
// sentence, the words and the rule that produced it.
//
// The root package has no dependencies beyond the standard library. The
// packages below it each handle one concern: nlp (sentences, tags, parse),
// cameo (the event codebook), dict (actor, agent and verb dictionaries),
// timex (event dates), coder (text to events), and cmd/dyad wires them into
// the command-line tool.
package dyad

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Article is one news story as read from a source.
type Article struct {
	// ID identifies the article; callers choose it (a file name, a feed
	// GUID, a content hash).
	ID string `json:"id"`
	// URL is where the article was read from, if anywhere.
	URL string `json:"url,omitempty"`
	// Source names the publisher or feed.
	Source string `json:"source,omitempty"`
	// Published is the article's date; relative dates in the text ("on
	// Monday") resolve against it and date-bounded actor roles are chosen
	// by it. The zero time means unknown.
	Published time.Time `json:"published,omitzero"`
	// Title is the headline.
	Title string `json:"title,omitempty"`
	// Text is the body of the article.
	Text string `json:"text"`
}

// Actor is a participant in an event: a state, an organisation or a group,
// with the role (CAMEO agent code) in which it acts.
type Actor struct {
	// Code is the ISO 3166-1 alpha-3 code of a state (XKX for Kosovo), or
	// IGO / NGO for international and non-governmental organisations.
	Code string `json:"code"`
	// Role is the CAMEO agent code (GOV, MIL, REB, OPP, COP, JUD, LEG, BUS,
	// MED, CVL, REF...), empty when the text does not say.
	Role string `json:"role,omitempty"`
	// Name is the name the actor was found by or is known as ("Vladimir
	// Putin", "NATO", "Kenyan police").
	Name string `json:"name,omitempty"`
}

// IsZero reports whether the actor is absent (an event with no target).
func (a Actor) IsZero() bool { return a.Code == "" }

// DatePrecision says how much of an event's Date the text supports.
type DatePrecision string

// The precisions an event date can have.
const (
	// PrecisionDay: the text names the day ("on Monday", "on March 3").
	PrecisionDay DatePrecision = "day"
	// PrecisionMonth: the text names the month ("in February 2022").
	PrecisionMonth DatePrecision = "month"
	// PrecisionYear: the text names the year only.
	PrecisionYear DatePrecision = "year"
	// PrecisionArticle: the text gives no date; the article's date is used.
	PrecisionArticle DatePrecision = "article"
	// PrecisionUnknown: neither the text nor the article gives a date; the
	// event's Date is the zero time, which is written as no date at all
	// (null in JSON, empty in CSV and GDELT, null in Parquet) and which no
	// date filter selects.
	PrecisionUnknown DatePrecision = "unknown"
)

// Span is a byte range [Start, End) in an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Flag names a fact about how an event was coded.
type Flag string

// Flags an event's provenance can carry.
const (
	// FlagReported: the event was coded from reported speech; ReportedBy
	// names the speaker.
	FlagReported Flag = "reported"
	// FlagMirror: the event is the linked or reciprocal counterpart of
	// another event of the same sentence (the 043 of a 042, the B->A of an
	// A->B phone call).
	FlagMirror Flag = "mirror"
	// FlagResolved: an actor was resolved from a pronoun, title, capital or
	// description rather than named.
	FlagResolved Flag = "resolved"
	// FlagCommitment: the event is a future commitment coded under root 03.
	FlagCommitment Flag = "commitment"
	// FlagRefusal: the event is a negated future coded as a refusal.
	FlagRefusal Flag = "refusal"
)

// Provenance is the evidence behind an event: where in which article it was
// found and which rule found it.
type Provenance struct {
	// ArticleID is the ID of the article the event was coded from.
	ArticleID string `json:"article_id"`
	// Sentence is the index of the sentence in the article (0-based).
	Sentence int `json:"sentence"`
	// SentenceText is the sentence as it appears in the article.
	SentenceText string `json:"sentence_text"`
	// SourceSpan, TargetSpan and TriggerSpan are the byte spans in the
	// article text of the words that name the source, the target and the
	// event. TargetSpan is zero when there is no target.
	SourceSpan  Span `json:"source_span"`
	TargetSpan  Span `json:"target_span"`
	TriggerSpan Span `json:"trigger_span"`
	// DateSpan is the span of the date expression, zero when the article
	// date was used.
	DateSpan Span `json:"date_span,omitzero"`
	// PatternID identifies the dictionary pattern that fired.
	PatternID string `json:"pattern_id"`
	// Flags say how the event was coded (reported, mirror, resolved...).
	Flags []Flag `json:"flags,omitempty"`
	// ReportedBy is the actor who reported the event, for reported speech.
	ReportedBy *Actor `json:"reported_by,omitempty"`
}

// HasFlag reports whether the provenance carries flag f.
func (p *Provenance) HasFlag(f Flag) bool {
	for _, g := range p.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// Event is one coded political event: Source did Code to Target on Date.
type Event struct {
	// ID is a stable hash of the article, sentence, source, target and
	// code, so that coding the same text twice gives the same IDs.
	ID string `json:"id"`
	// Source and Target are the actors; Target may be zero.
	Source Actor `json:"source"`
	Target Actor `json:"target"`
	// Code is the CAMEO 1.1b3 event code ("041"), Root its two-digit root
	// ("04").
	Code string `json:"code"`
	Root string `json:"root"`
	// QuadClass is 1 verbal cooperation, 2 material cooperation, 3 verbal
	// conflict, 4 material conflict (as GDELT 2.0 assigns it).
	QuadClass int `json:"quad_class"`
	// Goldstein is the code's Goldstein conflict-cooperation value.
	Goldstein float64 `json:"goldstein"`
	// PloverType and PloverMode are the PLOVER v2 event type and mode the
	// code maps to.
	PloverType string `json:"plover_type,omitempty"`
	PloverMode string `json:"plover_mode,omitempty"`
	// Date is when the event happened, as far as the text says; the zero
	// time when nothing dates it (DatePrecision is then PrecisionUnknown),
	// written as null in JSON.
	Date time.Time `json:"date"`
	// DatePrecision says which part of Date the text supports.
	DatePrecision DatePrecision `json:"date_precision"`
	// Place is where the event happened, as far as the text (or, failing
	// that, its actors) says; nil when nothing places it.
	Place *Place `json:"place,omitempty"`
	// Provenance is the evidence behind the event.
	Provenance Provenance `json:"provenance"`
}

// PlacePrecision says how exactly a Place locates an event.
type PlacePrecision string

// The precisions a place can have, from most to least specific.
const (
	// PlacePoint: a populated place (a city, a town) with its coordinates.
	PlacePoint PlacePrecision = "point"
	// PlaceAdmin1: a first-level administrative division (a state, a
	// province, an oblast); the coordinates are a representative point.
	PlaceAdmin1 PlacePrecision = "admin1"
	// PlaceCountry: a country only; the coordinates are a representative
	// point.
	PlaceCountry PlacePrecision = "country"
)

// Place is a location resolved against the gazetteer, so that analysts can
// map events.
type Place struct {
	// Name is the place's English name in the gazetteer ("Kharkiv").
	Name string `json:"name"`
	// Country is the ISO 3166-1 alpha-3 code of the country it lies in.
	Country string `json:"country"`
	// Admin1 is the name of the first-level division it lies in, when
	// known ("Kharkiv Oblast"); empty for a country.
	Admin1 string `json:"admin1,omitempty"`
	// Lat and Lon are WGS 84 coordinates in degrees.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// Precision says whether this is a point, a division or a country.
	Precision PlacePrecision `json:"precision"`
	// GeoNameID is the GeoNames identifier of the place, 0 when unknown.
	GeoNameID int64 `json:"geonameid,omitempty"`
	// Span is the byte span in the article text of the words that name the
	// place; zero when the place was inferred from the event's actors.
	Span Span `json:"span,omitzero"`
	// Basis says how the place was chosen: "clause", "sentence",
	// "dateline" or "actors".
	Basis string `json:"basis,omitempty"`
}

// EventCoder turns articles into events. Implementations are safe for
// concurrent use.
type EventCoder interface {
	// CodeArticle returns the events of one article. An article that
	// reaches a limit on what one article may cost gives a *LimitError:
	// with the events coded before the limit when it is Partial.
	CodeArticle(ctx context.Context, a *Article) ([]Event, error)
}

// LimitError says that an article reached a limit on what one article may
// cost (its text, its sentences, its events), so that one runaway input —
// a huge text, a sentence repeated a million times — cannot take the
// machine. Limits are set far above what news articles need.
type LimitError struct {
	// What names the limit: "text bytes", "sentences" or "events".
	What string
	// Max is the limit; Got, when known, how much the article had.
	Max, Got int
	// Partial is true when the events coded up to the limit are kept
	// (the article is stored, with a warning); false when the article
	// was not coded at all.
	Partial bool
}

func (e *LimitError) Error() string {
	got := ""
	if e.Got > 0 {
		got = fmt.Sprintf(" (it has %d)", e.Got)
	}
	if e.Partial {
		return fmt.Sprintf("the article reached the limit of %d %s%s: what follows was not coded", e.Max, e.What, got)
	}
	return fmt.Sprintf("the article is over the limit of %d %s%s: not coded", e.Max, e.What, got)
}

// MarshalJSON writes the event with its date as null when it is unknown
// (the zero time), rather than as the year 1. The members are Event's, in
// its order (TestEventJSON checks that none is left out).
func (e Event) MarshalJSON() ([]byte, error) {
	var date *time.Time
	if !e.Date.IsZero() {
		date = &e.Date
	}
	return json.Marshal(struct {
		ID            string        `json:"id"`
		Source        Actor         `json:"source"`
		Target        Actor         `json:"target"`
		Code          string        `json:"code"`
		Root          string        `json:"root"`
		QuadClass     int           `json:"quad_class"`
		Goldstein     float64       `json:"goldstein"`
		PloverType    string        `json:"plover_type,omitempty"`
		PloverMode    string        `json:"plover_mode,omitempty"`
		Date          *time.Time    `json:"date"`
		DatePrecision DatePrecision `json:"date_precision"`
		Place         *Place        `json:"place,omitempty"`
		Provenance    Provenance    `json:"provenance"`
	}{e.ID, e.Source, e.Target, e.Code, e.Root, e.QuadClass, e.Goldstein, e.PloverType, e.PloverMode,
		date, e.DatePrecision, e.Place, e.Provenance})
}

// joinJSON joins two JSON objects into one: the members of a, then those
// of b. The types that embed Event use it, since Event's MarshalJSON would
// otherwise be theirs and drop their own fields.
func joinJSON(a []byte, b any) ([]byte, error) {
	tail, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	a = bytes.TrimRight(a, " \n")
	if len(a) < 2 || a[len(a)-1] != '}' || len(tail) < 2 || tail[0] != '{' {
		return nil, fmt.Errorf("dyad: joining JSON objects %.20q and %.20q", a, tail)
	}
	if len(tail) == 2 { // {}
		return a, nil
	}
	out := append(a[:len(a)-1:len(a)-1], ',')
	if len(a) == 2 {
		out = a[:1:1]
	}
	return append(out, tail[1:]...), nil
}
