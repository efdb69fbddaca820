// Package mock holds test doubles of dyad's service interfaces, as in
// github.com/benbjohnson/wtf's mock package: each method calls the function
// field of the same name, so that an adapter test (ingest, alert, export,
// http) sets only what it expects to be called and can see how it was
// called, without a database. A method whose function is not set panics,
// naming it: the adapter called something the test did not expect.
package mock

import (
	"context"

	"github.com/dyad-events/dyad"
)

// Compile-time check that Store is a whole store.
var _ dyad.Store = (*Store)(nil)

// Store is a dyad.Store whose methods call its function fields.
type Store struct {
	ArticleStateFn    func(ctx context.Context, id, hash string) (dyad.ArticleState, error)
	FindDuplicateFn   func(ctx context.Context, fp dyad.Fingerprint, minSimilarity float64) (*dyad.Duplicate, error)
	SaveFn            func(ctx context.Context, batch []dyad.ArticleWrite) error
	ArticleFn         func(ctx context.Context, id string) (*dyad.StoredArticle, error)
	EachOriginalFn    func(ctx context.Context, fn func(*dyad.StoredArticle) error) error
	EventsFn          func(ctx context.Context, f dyad.EventFilter) ([]dyad.StoredEvent, error)
	CountEventsFn     func(ctx context.Context, f dyad.EventFilter) (int, error)
	EachEventFn       func(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error
	EventPageFn       func(ctx context.Context, f dyad.EventFilter) (*dyad.EventPage, error)
	EventDetailFn     func(ctx context.Context, id string) (*dyad.EventDetail, error)
	SeriesFn          func(ctx context.Context, q dyad.SeriesQuery) (*dyad.Series, error)
	DyadsFn           func(ctx context.Context, q dyad.DyadQuery) ([]dyad.DyadStat, error)
	ActorEventsFn     func(ctx context.Context, codes []string, prefix string, limit int) (map[string]int, error)
	CreateSituationFn func(ctx context.Context, s *dyad.Situation) error
	SituationsFn      func(ctx context.Context) ([]dyad.Situation, error)
	SituationFn       func(ctx context.Context, id string) (*dyad.Situation, error)
	DeleteSituationFn func(ctx context.Context, id string) error
	CreateRuleFn      func(ctx context.Context, r *dyad.AlertRule) error
	RulesFn           func(ctx context.Context, situationID string) ([]dyad.AlertRule, error)
	DeleteRuleFn      func(ctx context.Context, situationID, ruleID string) error
	RecordAlertFn     func(ctx context.Context, ruleID string, a *dyad.Alert, st dyad.RuleState) error
	AlertsFn          func(ctx context.Context, f dyad.AlertFilter) ([]dyad.Alert, error)
	MarkDeliveryFn    func(ctx context.Context, alertID string, delivered bool, errText string) error
	EventsArrivedFn   func(ctx context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error)
	FeedStateFn       func(ctx context.Context, url string) (dyad.FeedState, error)
	SaveFeedStateFn   func(ctx context.Context, s dyad.FeedState) error
	RecordFailureFn   func(ctx context.Context, location string, failure error) error
	FailuresFn        func(ctx context.Context, limit int) ([]dyad.Failure, error)
	StatsFn           func(ctx context.Context) (*dyad.StoreStats, error)
	PingFn            func(ctx context.Context) error
	LocationFn        func() string
	CloseFn           func() error
}

// ArticleState calls ArticleStateFn.
func (s *Store) ArticleState(ctx context.Context, id, hash string) (dyad.ArticleState, error) {
	if s.ArticleStateFn == nil {
		panic("mock: Store.ArticleState called, but ArticleStateFn is not set")
	}
	return s.ArticleStateFn(ctx, id, hash)
}

// FindDuplicate calls FindDuplicateFn.
func (s *Store) FindDuplicate(ctx context.Context, fp dyad.Fingerprint, minSimilarity float64) (*dyad.Duplicate, error) {
	if s.FindDuplicateFn == nil {
		panic("mock: Store.FindDuplicate called, but FindDuplicateFn is not set")
	}
	return s.FindDuplicateFn(ctx, fp, minSimilarity)
}

// Save calls SaveFn.
func (s *Store) Save(ctx context.Context, batch []dyad.ArticleWrite) error {
	if s.SaveFn == nil {
		panic("mock: Store.Save called, but SaveFn is not set")
	}
	return s.SaveFn(ctx, batch)
}

// Article calls ArticleFn.
func (s *Store) Article(ctx context.Context, id string) (*dyad.StoredArticle, error) {
	if s.ArticleFn == nil {
		panic("mock: Store.Article called, but ArticleFn is not set")
	}
	return s.ArticleFn(ctx, id)
}

// EachOriginal calls EachOriginalFn.
func (s *Store) EachOriginal(ctx context.Context, fn func(*dyad.StoredArticle) error) error {
	if s.EachOriginalFn == nil {
		panic("mock: Store.EachOriginal called, but EachOriginalFn is not set")
	}
	return s.EachOriginalFn(ctx, fn)
}

// Events calls EventsFn.
func (s *Store) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.StoredEvent, error) {
	if s.EventsFn == nil {
		panic("mock: Store.Events called, but EventsFn is not set")
	}
	return s.EventsFn(ctx, f)
}

// CountEvents calls CountEventsFn.
func (s *Store) CountEvents(ctx context.Context, f dyad.EventFilter) (int, error) {
	if s.CountEventsFn == nil {
		panic("mock: Store.CountEvents called, but CountEventsFn is not set")
	}
	return s.CountEventsFn(ctx, f)
}

// EachEvent calls EachEventFn.
func (s *Store) EachEvent(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
	if s.EachEventFn == nil {
		panic("mock: Store.EachEvent called, but EachEventFn is not set")
	}
	return s.EachEventFn(ctx, f, fn)
}

// EventPage calls EventPageFn.
func (s *Store) EventPage(ctx context.Context, f dyad.EventFilter) (*dyad.EventPage, error) {
	if s.EventPageFn == nil {
		panic("mock: Store.EventPage called, but EventPageFn is not set")
	}
	return s.EventPageFn(ctx, f)
}

// EventDetail calls EventDetailFn.
func (s *Store) EventDetail(ctx context.Context, id string) (*dyad.EventDetail, error) {
	if s.EventDetailFn == nil {
		panic("mock: Store.EventDetail called, but EventDetailFn is not set")
	}
	return s.EventDetailFn(ctx, id)
}

// Series calls SeriesFn.
func (s *Store) Series(ctx context.Context, q dyad.SeriesQuery) (*dyad.Series, error) {
	if s.SeriesFn == nil {
		panic("mock: Store.Series called, but SeriesFn is not set")
	}
	return s.SeriesFn(ctx, q)
}

// Dyads calls DyadsFn.
func (s *Store) Dyads(ctx context.Context, q dyad.DyadQuery) ([]dyad.DyadStat, error) {
	if s.DyadsFn == nil {
		panic("mock: Store.Dyads called, but DyadsFn is not set")
	}
	return s.DyadsFn(ctx, q)
}

// ActorEvents calls ActorEventsFn.
func (s *Store) ActorEvents(ctx context.Context, codes []string, prefix string, limit int) (map[string]int, error) {
	if s.ActorEventsFn == nil {
		panic("mock: Store.ActorEvents called, but ActorEventsFn is not set")
	}
	return s.ActorEventsFn(ctx, codes, prefix, limit)
}

// CreateSituation calls CreateSituationFn.
func (s *Store) CreateSituation(ctx context.Context, sit *dyad.Situation) error {
	if s.CreateSituationFn == nil {
		panic("mock: Store.CreateSituation called, but CreateSituationFn is not set")
	}
	return s.CreateSituationFn(ctx, sit)
}

// Situations calls SituationsFn.
func (s *Store) Situations(ctx context.Context) ([]dyad.Situation, error) {
	if s.SituationsFn == nil {
		panic("mock: Store.Situations called, but SituationsFn is not set")
	}
	return s.SituationsFn(ctx)
}

// Situation calls SituationFn.
func (s *Store) Situation(ctx context.Context, id string) (*dyad.Situation, error) {
	if s.SituationFn == nil {
		panic("mock: Store.Situation called, but SituationFn is not set")
	}
	return s.SituationFn(ctx, id)
}

// DeleteSituation calls DeleteSituationFn.
func (s *Store) DeleteSituation(ctx context.Context, id string) error {
	if s.DeleteSituationFn == nil {
		panic("mock: Store.DeleteSituation called, but DeleteSituationFn is not set")
	}
	return s.DeleteSituationFn(ctx, id)
}

// CreateRule calls CreateRuleFn.
func (s *Store) CreateRule(ctx context.Context, r *dyad.AlertRule) error {
	if s.CreateRuleFn == nil {
		panic("mock: Store.CreateRule called, but CreateRuleFn is not set")
	}
	return s.CreateRuleFn(ctx, r)
}

// Rules calls RulesFn.
func (s *Store) Rules(ctx context.Context, situationID string) ([]dyad.AlertRule, error) {
	if s.RulesFn == nil {
		panic("mock: Store.Rules called, but RulesFn is not set")
	}
	return s.RulesFn(ctx, situationID)
}

// DeleteRule calls DeleteRuleFn.
func (s *Store) DeleteRule(ctx context.Context, situationID, ruleID string) error {
	if s.DeleteRuleFn == nil {
		panic("mock: Store.DeleteRule called, but DeleteRuleFn is not set")
	}
	return s.DeleteRuleFn(ctx, situationID, ruleID)
}

// RecordAlert calls RecordAlertFn.
func (s *Store) RecordAlert(ctx context.Context, ruleID string, a *dyad.Alert, st dyad.RuleState) error {
	if s.RecordAlertFn == nil {
		panic("mock: Store.RecordAlert called, but RecordAlertFn is not set")
	}
	return s.RecordAlertFn(ctx, ruleID, a, st)
}

// Alerts calls AlertsFn.
func (s *Store) Alerts(ctx context.Context, f dyad.AlertFilter) ([]dyad.Alert, error) {
	if s.AlertsFn == nil {
		panic("mock: Store.Alerts called, but AlertsFn is not set")
	}
	return s.AlertsFn(ctx, f)
}

// MarkDelivery calls MarkDeliveryFn.
func (s *Store) MarkDelivery(ctx context.Context, alertID string, delivered bool, errText string) error {
	if s.MarkDeliveryFn == nil {
		panic("mock: Store.MarkDelivery called, but MarkDeliveryFn is not set")
	}
	return s.MarkDeliveryFn(ctx, alertID, delivered, errText)
}

// EventsArrived calls EventsArrivedFn.
func (s *Store) EventsArrived(ctx context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error) {
	if s.EventsArrivedFn == nil {
		panic("mock: Store.EventsArrived called, but EventsArrivedFn is not set")
	}
	return s.EventsArrivedFn(ctx, q)
}

// FeedState calls FeedStateFn.
func (s *Store) FeedState(ctx context.Context, url string) (dyad.FeedState, error) {
	if s.FeedStateFn == nil {
		panic("mock: Store.FeedState called, but FeedStateFn is not set")
	}
	return s.FeedStateFn(ctx, url)
}

// SaveFeedState calls SaveFeedStateFn.
func (s *Store) SaveFeedState(ctx context.Context, st dyad.FeedState) error {
	if s.SaveFeedStateFn == nil {
		panic("mock: Store.SaveFeedState called, but SaveFeedStateFn is not set")
	}
	return s.SaveFeedStateFn(ctx, st)
}

// RecordFailure calls RecordFailureFn.
func (s *Store) RecordFailure(ctx context.Context, location string, failure error) error {
	if s.RecordFailureFn == nil {
		panic("mock: Store.RecordFailure called, but RecordFailureFn is not set")
	}
	return s.RecordFailureFn(ctx, location, failure)
}

// Failures calls FailuresFn.
func (s *Store) Failures(ctx context.Context, limit int) ([]dyad.Failure, error) {
	if s.FailuresFn == nil {
		panic("mock: Store.Failures called, but FailuresFn is not set")
	}
	return s.FailuresFn(ctx, limit)
}

// Stats calls StatsFn.
func (s *Store) Stats(ctx context.Context) (*dyad.StoreStats, error) {
	if s.StatsFn == nil {
		panic("mock: Store.Stats called, but StatsFn is not set")
	}
	return s.StatsFn(ctx)
}

// Ping calls PingFn.
func (s *Store) Ping(ctx context.Context) error {
	if s.PingFn == nil {
		panic("mock: Store.Ping called, but PingFn is not set")
	}
	return s.PingFn(ctx)
}

// Location calls LocationFn.
func (s *Store) Location() string {
	if s.LocationFn == nil {
		panic("mock: Store.Location called, but LocationFn is not set")
	}
	return s.LocationFn()
}

// Close calls CloseFn.
func (s *Store) Close() error {
	if s.CloseFn == nil {
		panic("mock: Store.Close called, but CloseFn is not set")
	}
	return s.CloseFn()
}

// Coder is a dyad.EventCoder whose CodeArticle calls CodeArticleFn.
type Coder struct {
	CodeArticleFn func(ctx context.Context, a *dyad.Article) ([]dyad.Event, error)
}

// CodeArticle implements dyad.EventCoder.
func (c *Coder) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	return c.CodeArticleFn(ctx, a)
}
