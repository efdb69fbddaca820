package dyad

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by stores when the thing asked for is not stored.
var ErrNotFound = errors.New("not found")

// Fingerprint identifies an article's text for deduplication: an exact hash
// of the normalised text and a MinHash signature that estimates how much
// text two articles share.
type Fingerprint struct {
	// Hash is the hex SHA-256 of the normalised text (case, whitespace and
	// quotation marks folded); equal hashes mean the same text.
	Hash string
	// MinHash is the article's MinHash signature over word shingles; the
	// share of equal positions of two signatures estimates the Jaccard
	// similarity of their shingle sets.
	MinHash []uint32
	// Bands are locality-sensitive hashes of groups of MinHash positions:
	// articles that share a band are candidates for near-duplicates.
	Bands []uint64
}

// Coding says what coded a set of events, so that a store can tell which
// events a newer dictionary or model would re-code.
type Coding struct {
	// Dictionary is the dictionary's version (a content digest).
	Dictionary string
	// Model is the language model's version.
	Model string
	// At is when the events were coded.
	At time.Time
}

// ArticleState is what a store knows of an article it has been given.
type ArticleState string

// The states an ingested article can end in.
const (
	// ArticleNew: stored and coded for the first time.
	ArticleNew ArticleState = "new"
	// ArticleUnchanged: stored before with the same text; nothing was done.
	ArticleUnchanged ArticleState = "unchanged"
	// ArticleUpdated: stored before under the same ID with another text;
	// its events were replaced.
	ArticleUpdated ArticleState = "updated"
	// ArticleDuplicate: the text is the same as, or nearly the same as, an
	// earlier article's; it is linked to that article and not coded.
	ArticleDuplicate ArticleState = "duplicate"
)

// StoredArticle is an article as a store keeps it.
type StoredArticle struct {
	Article
	// Fingerprint is the article's text fingerprint.
	Fingerprint Fingerprint
	// DuplicateOf is the ID of the earlier article this one republishes,
	// empty for an original.
	DuplicateOf string
	// Similarity is, for a duplicate, the estimated similarity of its text
	// to the original's (1 for an exact copy).
	Similarity float64
	// Ingested is when the article was first stored.
	Ingested time.Time
	// Coding says what coded its events; zero for duplicates.
	Coding Coding
}

// ArticleWrite is one article to store and, unless it is a duplicate, the
// events coded from it.
type ArticleWrite struct {
	Article *StoredArticle
	Events  []Event
}

// Duplicate is an earlier article that a new one repeats.
type Duplicate struct {
	// ArticleID is the earlier article's ID.
	ArticleID string
	// Similarity is the estimated Jaccard similarity of the two texts'
	// shingles, 1 for an exact copy.
	Similarity float64
}

// EventFilter selects events from a store. Zero fields select everything;
// the fields that are set must all hold (AND), and the values of one list
// field are alternatives (OR).
type EventFilter struct {
	// Since and Until bound the event date: Since <= Date < Until. An
	// event whose date is unknown is never within a bound.
	Since, Until time.Time
	// Undated selects only the events whose date is unknown (Since and
	// Until are then zero).
	Undated bool
	// Actor selects events whose source or target has this code, and
	// ActorRole, when set, in this role (on the same side).
	Actor, ActorRole string
	// Source and Target select events by the code of that side.
	Source, Target string
	// SourceRole and TargetRole select events by the role (CAMEO agent
	// code: GOV, MIL...) of that side.
	SourceRole, TargetRole string
	// Dyad selects the events between two actors in either direction:
	// Dyad[0] to Dyad[1] or Dyad[1] to Dyad[0]. Both must be set.
	Dyad [2]string
	// Actors and Dyads together are one condition, for situations: an
	// event holds when its source or target is one of Actors, or when it
	// is between the two actors of one of Dyads in either direction. Both
	// empty: no condition.
	Actors []string
	Dyads  [][2]string
	// Codes selects events whose CAMEO code starts with one of these: a
	// root ("04") selects all its codes, "035" selects 035 and 0351-0356.
	Codes []string
	// Roots selects events whose root is one of these ("18", "19").
	Roots []string
	// QuadClass selects one quad class (1-4); 0 selects all.
	QuadClass int
	// QuadClasses selects events whose quad class is one of these.
	QuadClasses []int
	// PloverTypes and PloverModes select events by their PLOVER v2 event
	// type ("AGREE", "ASSAULT") and mode.
	PloverTypes, PloverModes []string
	// GoldsteinMin and GoldsteinMax bound the Goldstein value
	// (inclusive); nil leaves that side open.
	GoldsteinMin, GoldsteinMax *float64
	// PlaceCountry selects events placed in this country (ISO3), and
	// PlaceAdmin1 those placed in this first-level division (its name,
	// any case).
	PlaceCountry, PlaceAdmin1 string
	// Near selects events placed within a circle.
	Near *Circle
	// ArticleID selects the events of one article.
	ArticleID string
	// Query selects events whose article text matches this full-text
	// query.
	Query string
	// Limit caps the number of events returned (0: no cap); Offset skips
	// that many first.
	Limit, Offset int
	// Sort orders the events of EventQuerier.EventPage; Events and
	// EachEvent keep their own order.
	Sort EventSort
	// Cursor continues an EventQuerier.EventPage where the page that
	// returned it ended; empty starts at the beginning.
	Cursor string
}

// StoredEvent is an event as a store keeps it: the event and how widely it
// was reported.
type StoredEvent struct {
	Event
	// NumArticles is the number of articles that report the event (the
	// article it was coded from and the republications linked to it).
	NumArticles int `json:"num_articles"`
	// NumSources is the number of distinct sources among those articles.
	NumSources int `json:"num_sources"`
	// ArticleURL is the URL of the article the event was coded from, when
	// it has one (exports such as GDELT's SOURCEURL carry it).
	ArticleURL string `json:"article_url,omitempty"`
	// Coding says what coded the event.
	Coding Coding `json:"-"`
}

// ArticleStore keeps articles, deduplicated, with the events coded from
// them. Implementations are safe for concurrent use and make each call
// atomic: a crash leaves an article either stored with all its events or
// not stored at all.
type ArticleStore interface {
	// ArticleState reports whether an article with this ID is stored, and
	// with the same text hash (ArticleUnchanged), another text
	// (ArticleUpdated) or not at all (ArticleNew).
	ArticleState(ctx context.Context, id, hash string) (ArticleState, error)
	// FindDuplicate returns the earliest stored original whose text is
	// the same as fp's or at least minSimilarity similar, or nil.
	FindDuplicate(ctx context.Context, fp Fingerprint, minSimilarity float64) (*Duplicate, error)
	// Save stores a batch of articles in one transaction: all or none.
	// A coded article is stored with its events, replacing the events of
	// an earlier version with the same ID; an article with DuplicateOf set
	// is stored as a republication of that article and counts as one more
	// report of its events.
	Save(ctx context.Context, batch []ArticleWrite) error
	// Article returns a stored article, or ErrNotFound.
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// EachOriginal calls fn for every stored article that is not a
	// duplicate, in ingestion order, stopping at fn's first error.
	EachOriginal(ctx context.Context, fn func(*StoredArticle) error) error
}

// EventStore answers queries over stored events.
type EventStore interface {
	// Events returns the events the filter selects, newest first.
	Events(ctx context.Context, f EventFilter) ([]StoredEvent, error)
	// CountEvents returns how many events the filter selects, ignoring
	// its Limit and Offset.
	CountEvents(ctx context.Context, f EventFilter) (int, error)
	// EachEvent calls fn for each event the filter selects, oldest first,
	// streaming them so that memory stays bounded; fn must not keep the
	// pointer it is given. It stops at fn's first error.
	EachEvent(ctx context.Context, f EventFilter, fn func(*StoredEvent) error) error
}

// FeedState is what a store remembers of a polled feed between polls and
// runs, so that conditional requests, failure counts and the items already
// handed on survive a restart. Package feed's poller reads and writes it.
type FeedState struct {
	// URL identifies the feed.
	URL string `json:"url,omitempty"`
	// Name is the feed's name in the sources file.
	Name string `json:"name,omitempty"`
	// ETag and LastModified are the validators of the last response, sent
	// back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Seen holds the IDs of recent items, newest first, so that only new
	// items are handed on. Stores need not keep it: after a restart the
	// first poll hands on the feed's items again, and ingestion skips those
	// already stored.
	Seen []string `json:"seen,omitempty"`
	// LastAttempt and LastSuccess are when the feed was last polled and
	// last polled without failure.
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	// Failures counts consecutive failed polls; LastError is the last
	// failure's message.
	Failures  int    `json:"failures,omitempty"`
	LastError string `json:"last_error,omitempty"`
}

// FeedStateStore keeps each feed's state between polls and runs, for
// `dyad watch`.
type FeedStateStore interface {
	// FeedState returns the state saved for url; a feed never seen has
	// the zero state with its URL set.
	FeedState(ctx context.Context, url string) (FeedState, error)
	// SaveFeedState saves s under s.URL, replacing what was saved before.
	SaveFeedState(ctx context.Context, s FeedState) error
}

// Failure is a recorded failure to read, code or store an input, kept so
// that a user can see after an unattended run what was lost and why.
type Failure struct {
	// At is when it was recorded.
	At time.Time `json:"at"`
	// Location names the input: a file and line, a URL, an article ID.
	Location string `json:"location"`
	// Error says what went wrong.
	Error string `json:"error"`
}

// FailureLog records failures for `dyad stats` and the operators of
// unattended runs.
type FailureLog interface {
	// RecordFailure keeps a record of a failure at location.
	RecordFailure(ctx context.Context, location string, failure error) error
	// Failures returns the latest recorded failures, newest first, at most
	// limit of them.
	Failures(ctx context.Context, limit int) ([]Failure, error)
}

// StoreStats summarises a store, for `dyad stats`.
type StoreStats struct {
	// Articles counts stored articles; Duplicates those linked to an
	// earlier article; Sources the distinct sources.
	Articles, Duplicates, Sources int
	// Events counts stored events; Undated those whose date is unknown;
	// ByRoot the events per CAMEO root.
	Events, Undated int
	ByRoot          map[string]int
	// FirstEvent and LastEvent bound the event dates (zero when empty).
	FirstEvent, LastEvent time.Time
	// Feeds counts polled feeds; Failures recorded failures.
	Feeds, Failures int
	// Codings lists the dictionary and model versions that coded the
	// stored articles, with how many articles each coded, most first.
	Codings []CodingCount
	// Bytes is the space the store takes: its files on disk, or its
	// tables and indexes in a database server.
	Bytes int64
	// Schema is the store's schema version.
	Schema int
}

// CodingCount is how many stored articles one dictionary and model coded.
type CodingCount struct {
	Dictionary, Model string
	Articles          int
}

// Store is everything dyad keeps, behind one boundary: articles and their
// events, the queries of the API, situations and alerts, feed state and
// the failure log. Every backend (package sqlite, package postgres)
// implements it and passes the one conformance suite (package storetest);
// package store opens the backend a DSN names. Implementations are safe
// for concurrent use, also by several processes sharing one store.
type Store interface {
	ArticleStore
	EventQuerier
	SituationStore
	FeedStateStore
	FailureLog
	// Stats summarises the store.
	Stats(ctx context.Context) (*StoreStats, error)
	// Ping checks that the store answers, for health checks.
	Ping(ctx context.Context) error
	// Location says where the store is, for messages: a file path, or a
	// database URL without its password.
	Location() string
	// Close releases the store.
	Close() error
}

// MarshalJSON writes the stored event as Event does (a null date when it is
// unknown) with the report counts and the article's URL.
func (e StoredEvent) MarshalJSON() ([]byte, error) {
	b, err := e.Event.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return joinJSON(b, struct {
		NumArticles int    `json:"num_articles"`
		NumSources  int    `json:"num_sources"`
		ArticleURL  string `json:"article_url,omitempty"`
	}{e.NumArticles, e.NumSources, e.ArticleURL})
}
