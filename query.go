package dyad

import (
	"context"
	"errors"
	"strings"
	"time"
)

// ErrInvalid is returned, wrapped with the reason, for a query a store
// cannot answer as asked (a malformed cursor, too many series buckets), so
// that callers can tell the asker's mistake from a failure.
var ErrInvalid = errors.New("invalid query")

// EventSort is an order of an event page.
type EventSort string

// The orders an event page can have. Ties are broken the same way in both,
// so that a cursor always continues where its page ended.
const (
	// SortDate: newest event date first (the default).
	SortDate EventSort = "date"
	// SortArticles: most reporting articles first, then newest first.
	SortArticles EventSort = "articles"
)

// Circle is an area around a point, for filtering events by place.
type Circle struct {
	// Lat and Lon are the centre's WGS 84 coordinates in degrees.
	Lat, Lon float64
	// KM is the radius in kilometres.
	KM float64
}

// EventPage is one page of the events a filter selects.
type EventPage struct {
	// Events are the page's events in the filter's sort order.
	Events []StoredEvent `json:"events"`
	// Next is the cursor of the following page, empty on the last page.
	Next string `json:"next_cursor,omitempty"`
}

// Report is one article that reports an event: the article it was coded
// from or a republication of it.
type Report struct {
	// ArticleID, URL, Source, Title and Published describe the article.
	ArticleID string    `json:"article_id"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// Original is true for the article the event was coded from.
	Original bool `json:"original"`
}

// Highlight marks the words of a sentence that played a part in coding an
// event, for showing the evidence.
type Highlight struct {
	// Kind is "source", "target", "trigger", "date" or "place".
	Kind string `json:"kind"`
	// Start and End are byte offsets in the event's sentence text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is the highlighted words.
	Text string `json:"text"`
}

// EventDetail is an event with everything needed to judge it: the
// highlighted sentence and every article that reports it.
type EventDetail struct {
	StoredEvent
	// Highlights are the spans of the sentence that name the source, the
	// target, the event, its date and its place.
	Highlights []Highlight `json:"highlights"`
	// Reports are the articles that report the event, the original first.
	Reports []Report `json:"reports"`
}

// Highlights returns the spans of e's sentence that its provenance points
// at, with offsets in the sentence text. text is the text of the article
// the event was coded from; spans that fall outside the sentence (an actor
// resolved from an earlier sentence) are left out.
func Highlights(e *Event, text string) []Highlight {
	sent := e.Provenance.SentenceText
	if sent == "" {
		return nil
	}
	off := strings.Index(text, sent)
	if off < 0 {
		return nil
	}
	var out []Highlight
	add := func(kind string, sp Span) {
		if sp.End <= sp.Start || sp.Start < off || sp.End > off+len(sent) {
			return
		}
		s, t := sp.Start-off, sp.End-off
		out = append(out, Highlight{Kind: kind, Start: s, End: t, Text: sent[s:t]})
	}
	p := &e.Provenance
	add("source", p.SourceSpan)
	add("target", p.TargetSpan)
	add("trigger", p.TriggerSpan)
	add("date", p.DateSpan)
	if e.Place != nil {
		add("place", e.Place.Span)
	}
	return out
}

// Interval is the width of a series bucket.
type Interval string

// The intervals a series can have.
const (
	Day   Interval = "day"
	Week  Interval = "week" // ISO weeks, starting on Monday
	Month Interval = "month"
)

// Valid reports whether iv is one of the known intervals.
func (iv Interval) Valid() bool { return iv == Day || iv == Week || iv == Month }

// Start returns the first day of the bucket of width iv that holds t.
func (iv Interval) Start(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch iv {
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday 0
		return t.AddDate(0, 0, -wd)
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// Next returns the first day of the bucket after the one starting at t.
func (iv Interval) Next(t time.Time) time.Time {
	switch iv {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// SeriesBy says what a series counts events by, besides their total.
type SeriesBy string

// The splits a series can have.
const (
	// ByNone: totals only.
	ByNone SeriesBy = ""
	// ByQuad: counts per QuadClass ("1".."4").
	ByQuad SeriesBy = "quad"
	// ByRoot: counts per CAMEO root ("01".."20").
	ByRoot SeriesBy = "root"
)

// MaxSeriesPoints caps the buckets of one series.
const MaxSeriesPoints = 10000

// SeriesQuery asks for event counts over time.
type SeriesQuery struct {
	// Filter selects the events (an actor, a dyad, any filter); its
	// Since and Until bound the series, or, when zero, the dates of the
	// first and last events selected do. Limit, Offset, Sort and Cursor
	// are ignored.
	Filter EventFilter
	// Interval is the bucket width (Day when empty).
	Interval Interval
	// By splits the counts by quad class or root.
	By SeriesBy
}

// SeriesPoint is one bucket of a series.
type SeriesPoint struct {
	// Date is the first day of the bucket.
	Date time.Time `json:"date"`
	// Events is the number of events in the bucket.
	Events int `json:"events"`
	// GoldsteinSum and GoldsteinMean are the sum and mean of the events'
	// Goldstein values (the mean is 0 for an empty bucket).
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	// Counts are the events per quad class or root, when the series is
	// split; a key with no events is absent.
	Counts map[string]int `json:"counts,omitempty"`
}

// Series is event counts per bucket, with every bucket between Since and
// Until present (zero-filled).
type Series struct {
	Interval Interval `json:"interval"`
	By       SeriesBy `json:"by,omitempty"`
	// Since and Until are the first day and the day after the last day
	// counted; zero when nothing was selected and no dates were given.
	Since  time.Time     `json:"from,omitzero"`
	Until  time.Time     `json:"to,omitzero"`
	Points []SeriesPoint `json:"points"`
}

// DyadRank is an order of a dyad ranking.
type DyadRank string

// The orders dyads can be ranked by.
const (
	// RankVolume: most events first.
	RankVolume DyadRank = "volume"
	// RankConflict: most conflict events (quad classes 3 and 4) first.
	RankConflict DyadRank = "conflict"
	// RankChange: the largest change in events from the period of the
	// same length just before Since first.
	RankChange DyadRank = "change"
)

// DyadQuery asks for the top dyads (directed actor pairs) of a period.
type DyadQuery struct {
	// Filter selects events by date, actor, source, target, roots, codes
	// of two digits and quad classes; other fields are not allowed.
	Filter EventFilter
	// Rank orders the dyads (RankVolume when empty).
	Rank DyadRank
	// Limit caps the dyads returned (default 20).
	Limit int
}

// DyadStat is one directed dyad's activity in a period; the fields suit a
// network view (edges weighted by Events and coloured by GoldsteinMean).
type DyadStat struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Events is the number of events from Source to Target.
	Events int `json:"events"`
	// Cooperation and Conflict count the events of quad classes 1-2 and
	// 3-4.
	Cooperation int `json:"cooperation"`
	Conflict    int `json:"conflict"`
	// GoldsteinSum and GoldsteinMean summarise the events' Goldstein
	// values.
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	// Previous is the number of events in the period of the same length
	// before, and Change is Events - Previous; both only for RankChange.
	Previous int `json:"previous"`
	Change   int `json:"change"`
}

// ActorMatch is an actor found by a search, with how active it is.
type ActorMatch struct {
	// Code is the actor's country or organisation code, Role its role if
	// the match names one.
	Code string `json:"code"`
	Role string `json:"role,omitempty"`
	// Name is what the actor is called ("Vladimir Putin", "Ukraine").
	Name string `json:"name,omitempty"`
	// Kind says what matched: "code", or a dictionary kind ("person",
	// "state"...).
	Kind string `json:"kind"`
	// Events is the number of stored events with Code on either side.
	Events int `json:"events"`
}

// ActorDirectory resolves names to actors, for actor search. A dictionary
// implements it.
type ActorDirectory interface {
	// FindActors returns what name resolves to on date, and the names of
	// the codes it knows.
	FindActors(name string, date time.Time) []ActorMatch
}

// EventQuerier answers the queries of the API and the dashboard.
// Implementations are safe for concurrent use.
type EventQuerier interface {
	EventStore
	// Article returns a stored article, or ErrNotFound.
	Article(ctx context.Context, id string) (*StoredArticle, error)
	// EventPage returns a page of at most f.Limit events (all when 0) in
	// f.Sort order, after f.Cursor. Events stored while a client pages
	// never make an event appear twice or an event that was stored
	// before the first page go missing (with SortArticles, an event whose
	// report count changes meanwhile may move).
	EventPage(ctx context.Context, f EventFilter) (*EventPage, error)
	// EventDetail returns an event with its highlights and reports, or
	// ErrNotFound.
	EventDetail(ctx context.Context, id string) (*EventDetail, error)
	// Series counts events per bucket.
	Series(ctx context.Context, q SeriesQuery) (*Series, error)
	// Dyads ranks dyads.
	Dyads(ctx context.Context, q DyadQuery) ([]DyadStat, error)
	// ActorEvents returns, for each code, the number of events with it
	// on either side, and adds the stored codes that start with prefix
	// (case-insensitive; none when prefix is empty), at most limit of
	// them, most active first.
	ActorEvents(ctx context.Context, codes []string, prefix string, limit int) (map[string]int, error)
}

// MarshalJSON writes the detail as StoredEvent does, with the highlights
// and the reports.
func (d EventDetail) MarshalJSON() ([]byte, error) {
	b, err := d.StoredEvent.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return joinJSON(b, struct {
		Highlights []Highlight `json:"highlights"`
		Reports    []Report    `json:"reports"`
	}{d.Highlights, d.Reports})
}
