package dyad

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrConflict is returned by a SituationStore when a rule's state changed
// since it was read (another evaluator got there first), so that the alert
// it would have recorded is not recorded twice.
var ErrConflict = errors.New("changed meanwhile")

// Situation is something an analyst follows over time — "Russia-Ukraine
// ceasefire talks" — defined by the parties involved and the kinds of
// events that matter, so that its timeline, its events and its alerts can
// be asked for by name.
type Situation struct {
	// ID identifies the situation; the store assigns it.
	ID string `json:"id"`
	// Name is what the analyst calls it (required).
	Name string `json:"name"`
	// Description says what it is about, for people.
	Description string `json:"description,omitempty"`
	// Actors are country or organisation codes ("RUS", "IGO"): an event
	// involving one of them, as source or target, belongs to the situation.
	Actors []string `json:"actors"`
	// Dyads are pairs of actor codes: an event between the two, in either
	// direction, belongs to the situation. An event that matches one of
	// Actors or one of Dyads belongs; with neither, every actor does.
	Dyads [][2]string `json:"dyads"`
	// Codes are CAMEO code prefixes ("036", "04"): when set, only events
	// whose code starts with one of them belong.
	Codes []string `json:"codes"`
	// Plover are PLOVER v2 event types ("CONSULT"): when set, only events
	// of one of these types belong (and, with Codes, of one of those codes).
	Plover []string `json:"plover"`
	// Created is when the situation was stored.
	Created time.Time `json:"created"`
}

// Filter returns the event filter that selects the situation's events.
func (s *Situation) Filter() EventFilter {
	return EventFilter{
		Actors:      append([]string(nil), s.Actors...),
		Dyads:       append([][2]string(nil), s.Dyads...),
		Codes:       append([]string(nil), s.Codes...),
		PloverTypes: append([]string(nil), s.Plover...),
	}
}

// Limits on what a situation and a rule may hold.
const (
	// MaxSituationList caps each list of a situation and a rule's codes.
	MaxSituationList = 100
	// MaxNameLen caps a situation's name, MaxDescriptionLen its
	// description, in bytes.
	MaxNameLen        = 200
	MaxDescriptionLen = 4000
	// MaxWindowDays caps an alert rule's window and baseline.
	MaxWindowDays = 3660
)

// FieldError is a situation or rule field that cannot be stored as given;
// the API turns it into a 400 naming the field.
type FieldError struct {
	// Field is the JSON name of the field ("name", "dyads", "webhook").
	Field string
	// Reason says what is wrong and what is expected.
	Reason string
}

func (e *FieldError) Error() string { return fmt.Sprintf("field %q: %s", e.Field, e.Reason) }

// isActorCode reports whether s is a three-letter upper-case code.
func isActorCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// isCodePrefix reports whether s is 2 to 4 digits.
func isCodePrefix(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Normalize trims the situation's text, upper-cases its actor codes and
// PLOVER types and checks the form of every field (whether codes and
// types exist is for the caller, who holds the codebook). It returns a
// *FieldError naming the first bad field.
func (s *Situation) Normalize() error {
	s.Name = strings.TrimSpace(s.Name)
	s.Description = strings.TrimSpace(s.Description)
	switch {
	case s.Name == "":
		return &FieldError{"name", "a situation needs a name"}
	case len(s.Name) > MaxNameLen || strings.ContainsFunc(s.Name, isControl):
		return &FieldError{"name", fmt.Sprintf("at most %d bytes of text without control characters", MaxNameLen)}
	case len(s.Description) > MaxDescriptionLen:
		return &FieldError{"description", fmt.Sprintf("at most %d bytes", MaxDescriptionLen)}
	}
	for name, n := range map[string]int{"actors": len(s.Actors), "dyads": len(s.Dyads), "codes": len(s.Codes), "plover": len(s.Plover)} {
		if n > MaxSituationList {
			return &FieldError{name, fmt.Sprintf("at most %d values", MaxSituationList)}
		}
	}
	var err error
	for i, a := range s.Actors {
		if s.Actors[i], err = parseCode(a); err != nil {
			return &FieldError{"actors", err.Error()}
		}
	}
	for i, d := range s.Dyads {
		for j := range d {
			if s.Dyads[i][j], err = parseCode(d[j]); err != nil {
				return &FieldError{"dyads", err.Error() + ` in a pair (want pairs of three-letter codes: ["RUS", "UKR"])`}
			}
		}
	}
	for i, c := range s.Codes {
		if s.Codes[i], err = parseCodePrefix(c); err != nil {
			return &FieldError{"codes", err.Error()}
		}
	}
	for i, p := range s.Plover {
		s.Plover[i] = strings.ToUpper(strings.TrimSpace(p))
		if !isPloverType(s.Plover[i]) {
			return &FieldError{"plover", fmt.Sprintf("%q is not a PLOVER event type (want a name like AGREE, CONSULT)", clip(p))}
		}
	}
	if s.Actors == nil {
		s.Actors = []string{}
	}
	if s.Dyads == nil {
		s.Dyads = [][2]string{}
	}
	if s.Codes == nil {
		s.Codes = []string{}
	}
	if s.Plover == nil {
		s.Plover = []string{}
	}
	return nil
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

func clip(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// RuleKind is what makes an alert rule fire.
type RuleKind string

// The kinds of alert rule.
const (
	// RuleNewEvent fires when events of the situation (and of the rule's
	// codes) are stored that were not stored when it last looked, whatever
	// their event dates: one alert lists them.
	RuleNewEvent RuleKind = "new_event"
	// RuleThreshold fires when the events dated in the trailing window
	// reach Threshold; once per crossing: it fires again only after the
	// count has fallen below the threshold.
	RuleThreshold RuleKind = "threshold"
	// RuleSpike fires when the events dated in the trailing window reach
	// both Threshold (a minimum, DefaultSpikeMin when 0) and Factor times
	// what the baseline period before the window leads one to expect for
	// a window of its length; once per spike, like RuleThreshold.
	RuleSpike RuleKind = "spike"
)

// Defaults of an alert rule's fields.
const (
	DefaultWindowDays   = 7
	DefaultBaselineDays = 28
	DefaultSpikeFactor  = 3.0
	DefaultSpikeMin     = 3
)

// AlertRule says when a situation should raise an alert and where to send
// it.
type AlertRule struct {
	// ID identifies the rule; the store assigns it.
	ID string `json:"id"`
	// SituationID is the situation the rule watches.
	SituationID string `json:"situation_id"`
	// Kind is new_event, threshold or spike.
	Kind RuleKind `json:"kind"`
	// Codes narrow the situation's events to these CAMEO code prefixes
	// (empty: all of them); they must overlap the situation's own codes.
	Codes []string `json:"codes"`
	// Threshold is the count that fires a threshold rule (at least 1),
	// and the least count that can be a spike.
	Threshold int `json:"threshold"`
	// WindowDays is the trailing window of event dates, in days, counted
	// by threshold and spike rules; today is its last day. Events are
	// dated to the day, so windows are whole days.
	WindowDays int `json:"window_days"`
	// BaselineDays is the period before the window whose daily rate a
	// spike is measured against.
	BaselineDays int `json:"baseline_days"`
	// Factor is how many times the expected count makes a spike.
	Factor float64 `json:"factor"`
	// Webhook is the http or https URL alerts are POSTed to as JSON;
	// empty records alerts without sending them.
	Webhook string `json:"webhook"`
	// Created is when the rule was stored.
	Created time.Time `json:"created"`
	// State is the rule's evaluation state, kept by the store.
	State RuleState `json:"-"`
}

// RuleState is what the evaluator remembers of a rule between runs.
type RuleState struct {
	// HighWater is the arrival mark (see ArrivalQuery) up to which a
	// new_event rule has seen events.
	HighWater int64
	// Firing is true while a threshold or spike rule's condition holds
	// after it fired, so that it fires once per crossing.
	Firing bool
	// Checked is when the rule was last evaluated.
	Checked time.Time
	// Version changes with every update; RecordAlert refuses a state
	// read before the last update.
	Version int64
}

// Normalize fills a rule's defaults and checks its fields against its
// situation; it returns a *FieldError naming the first bad field.
func (r *AlertRule) Normalize(s *Situation) error {
	switch r.Kind {
	case RuleNewEvent, RuleThreshold, RuleSpike:
	default:
		return &FieldError{"kind", fmt.Sprintf("%q is not a rule kind (want new_event, threshold or spike)", clip(string(r.Kind)))}
	}
	if len(r.Codes) > MaxSituationList {
		return &FieldError{"codes", fmt.Sprintf("at most %d values", MaxSituationList)}
	}
	for i, c := range r.Codes {
		var err error
		if r.Codes[i], err = parseCodePrefix(c); err != nil {
			return &FieldError{"codes", err.Error()}
		}
	}
	if r.Codes == nil {
		r.Codes = []string{}
	}
	if len(r.Codes) > 0 && len(s.Codes) > 0 && len(IntersectCodes(s.Codes, r.Codes)) == 0 {
		return &FieldError{"codes", "none of these codes is among the situation's codes, so the rule could never fire"}
	}
	if r.Threshold < 0 {
		return &FieldError{"threshold", "must not be negative"}
	}
	if r.WindowDays < 0 || r.WindowDays > MaxWindowDays {
		return &FieldError{"window_days", fmt.Sprintf("want 1 to %d days", MaxWindowDays)}
	}
	if r.BaselineDays < 0 || r.BaselineDays > MaxWindowDays {
		return &FieldError{"baseline_days", fmt.Sprintf("want 1 to %d days", MaxWindowDays)}
	}
	if r.Factor < 0 || r.Factor != r.Factor || r.Factor > 1000 {
		return &FieldError{"factor", "want a number above 1 (and at most 1000)"}
	}
	switch r.Kind {
	case RuleNewEvent:
		r.Threshold, r.WindowDays, r.BaselineDays, r.Factor = 0, 0, 0, 0
	case RuleThreshold:
		if r.Threshold < 1 {
			return &FieldError{"threshold", "a threshold rule needs a threshold of at least 1"}
		}
		if r.WindowDays == 0 {
			r.WindowDays = DefaultWindowDays
		}
		r.BaselineDays, r.Factor = 0, 0
	case RuleSpike:
		if r.Threshold == 0 {
			r.Threshold = DefaultSpikeMin
		}
		if r.WindowDays == 0 {
			r.WindowDays = DefaultWindowDays
		}
		if r.BaselineDays == 0 {
			r.BaselineDays = DefaultBaselineDays
		}
		if r.Factor == 0 {
			r.Factor = DefaultSpikeFactor
		}
		if r.Factor <= 1 {
			return &FieldError{"factor", "a spike is more than the baseline leads one to expect: want a factor above 1"}
		}
	}
	r.Webhook = strings.TrimSpace(r.Webhook)
	if r.Webhook != "" {
		u, err := url.Parse(r.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(r.Webhook) > 2000 {
			return &FieldError{"webhook", "want an http or https URL without credentials (http://127.0.0.1:9000/hook)"}
		}
	}
	return nil
}

// Filter returns the event filter that selects the events the rule
// counts: the situation's, narrowed to the rule's codes.
func (r *AlertRule) Filter(s *Situation) EventFilter {
	f := s.Filter()
	if len(r.Codes) > 0 {
		if len(f.Codes) == 0 {
			f.Codes = append([]string(nil), r.Codes...)
		} else {
			f.Codes = IntersectCodes(f.Codes, r.Codes)
		}
	}
	return f
}

// IntersectCodes returns the code prefixes that select the events both
// lists select: of a prefix in one list and a longer one in the other that
// starts with it, the longer.
func IntersectCodes(a, b []string) []string {
	var out []string
	add := func(c string) {
		for _, o := range out {
			if o == c {
				return
			}
		}
		out = append(out, c)
	}
	for _, x := range a {
		for _, y := range b {
			switch {
			case strings.HasPrefix(y, x):
				add(y)
			case strings.HasPrefix(x, y):
				add(x)
			}
		}
	}
	return out
}

// Alert is one firing of a rule: why, the events behind it, and whether it
// has reached its webhook.
type Alert struct {
	// ID identifies the alert; the store assigns it.
	ID string `json:"id"`
	// RuleID and SituationID are the rule that fired and its situation;
	// SituationName is the situation's name, for people reading a webhook.
	RuleID        string `json:"rule_id"`
	SituationID   string `json:"situation_id"`
	SituationName string `json:"situation_name,omitempty"`
	// Kind is the rule's kind.
	Kind RuleKind `json:"kind"`
	// Fired is when the rule fired.
	Fired time.Time `json:"fired"`
	// Reason says what happened ("3 new events: 036 RUS->UKR ...",
	// "12 events in 7 days, threshold 10").
	Reason string `json:"reason"`
	// Count is the number of events that made the rule fire (new events,
	// or events in the window).
	Count int `json:"count"`
	// EventIDs are the events behind the alert, at most MaxAlertEvents.
	EventIDs []string `json:"event_ids"`
	// Delivered is true once the webhook accepted the alert (or when the
	// rule has no webhook).
	Delivered bool `json:"delivered"`
	// Attempts is the number of deliveries tried; LastError is why the
	// last one failed.
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error,omitempty"`
}

// MaxAlertEvents caps the event IDs an alert lists.
const MaxAlertEvents = 100

// AlertFilter selects stored alerts.
type AlertFilter struct {
	// SituationID and RuleID select the alerts of one situation or rule.
	SituationID, RuleID string
	// Undelivered selects alerts whose webhook has not accepted them and
	// that have been tried fewer than MaxAttempts times (0: any number).
	Undelivered bool
	MaxAttempts int
	// Limit caps the alerts returned, newest first (0: 100).
	Limit int
}

// ArrivalQuery asks for the events stored after an arrival mark. Every
// event stored gets a mark greater than any before it — also when an
// article is re-coded — so a rule that remembers the last mark it saw never
// sees an event twice and never misses a late one, whatever its date.
type ArrivalQuery struct {
	// Filter selects the events (its dates, limit and paging are ignored).
	Filter EventFilter
	// After is the last mark already seen (0: from the first event).
	After int64
	// Limit caps the events returned (0: MaxAlertEvents * 10).
	Limit int
	// NotAlertedBy, when set, leaves out events already listed in an
	// alert of this rule (an event re-stored with a re-coded article).
	NotAlertedBy string
}

// SituationStore keeps situations, their alert rules and the alerts they
// raise. Implementations are safe for concurrent use, also by several
// processes sharing one store.
type SituationStore interface {
	// CreateSituation stores s (normalised by the caller), setting its ID
	// and Created.
	CreateSituation(ctx context.Context, s *Situation) error
	// Situations returns every situation, newest first.
	Situations(ctx context.Context) ([]Situation, error)
	// Situation returns one situation, or ErrNotFound.
	Situation(ctx context.Context, id string) (*Situation, error)
	// DeleteSituation deletes a situation with its rules and alerts, or
	// returns ErrNotFound.
	DeleteSituation(ctx context.Context, id string) error
	// CreateRule stores r (normalised by the caller) for its situation,
	// setting its ID and Created; its high-water mark starts at the newest
	// event stored, so a new_event rule fires for events stored after it.
	// ErrNotFound when the situation is not stored.
	CreateRule(ctx context.Context, r *AlertRule) error
	// Rules returns the rules of a situation ("" for all), with their
	// state, oldest first.
	Rules(ctx context.Context, situationID string) ([]AlertRule, error)
	// DeleteRule deletes a situation's rule with its alerts, or returns
	// ErrNotFound.
	DeleteRule(ctx context.Context, situationID, ruleID string) error
	// RecordAlert stores a (when not nil, setting its ID) and the rule's
	// new state in one transaction, provided the rule's state is still
	// the version st.Version; otherwise it stores nothing and returns
	// ErrConflict. A deleted rule gives ErrNotFound.
	RecordAlert(ctx context.Context, ruleID string, a *Alert, st RuleState) error
	// Alerts returns the alerts the filter selects, newest first.
	Alerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	// MarkDelivery records a delivery attempt of an alert: one more
	// attempt, delivered or failed with errText.
	MarkDelivery(ctx context.Context, alertID string, delivered bool, errText string) error
	// EventsArrived returns the events q selects stored after q.After in
	// the order they were stored, and the mark to continue from: the last
	// returned event's when the limit cut the list short, else the newest
	// stored event's.
	EventsArrived(ctx context.Context, q ArrivalQuery) ([]StoredEvent, int64, error)
}

// RedactURL returns u without what may be secret in it — credentials,
// query and fragment, where webhooks carry their keys — keeping its
// scheme, host and path, so that a rule's webhook can be shown to someone
// without the server's token and written to logs. Text that is not a URL
// is cut at its first "?" or "#".
func RedactURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" || p.Host == "" {
		if i := strings.IndexAny(u, "?#"); i >= 0 {
			u = u[:i]
		}
		if i := strings.LastIndex(u, "@"); i >= 0 {
			u = u[i+1:]
		}
		return u
	}
	return (&url.URL{Scheme: p.Scheme, Host: p.Host, Path: p.Path, RawPath: p.RawPath}).String()
}

// RedactURLs returns text with every http or https URL in it redacted as
// RedactURL does, for error messages that may quote a webhook.
func RedactURLs(text string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "http://")
		if j := strings.Index(text, "https://"); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		text = text[i:]
		end := strings.IndexAny(text, " \t\n\"'<>`")
		if end < 0 {
			end = len(text)
		}
		b.WriteString(RedactURL(text[:end]))
		text = text[end:]
	}
}
