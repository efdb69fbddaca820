// Package alert evaluates the alert rules of situations against the stored
// events and delivers the alerts that fire to webhooks: new events of a
// situation, a count above a threshold, or a spike against the trailing
// baseline. `dyad watch` runs it after each ingestion and `dyad serve` on
// a timer and on POST /api/v1/alerts/evaluate.
package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
)

// DefaultMaxAttempts is how many evaluations try to deliver one alert
// before it is left undelivered (its last error kept for the user).
const DefaultMaxAttempts = 5

// Evaluator decides which rules fire, records their alerts and delivers
// them. Set its fields, then call Evaluate; it is safe for concurrent use
// (runs are serialised), and two processes evaluating one store never
// record the same firing twice (the store refuses a stale rule state).
type Evaluator struct {
	// Store keeps the situations, rules, alerts and arrival marks.
	Store dyad.SituationStore
	// Events counts and lists the events of threshold and spike rules.
	Events dyad.EventStore
	// Deliver sends an alert to a webhook; nil uses a Webhook with its
	// defaults. An error leaves the alert to be retried by the next run.
	Deliver func(ctx context.Context, a dyad.Alert, webhook string) error
	// Now is the clock (time.Now when nil): today is the last day of a
	// rule's window.
	Now func() time.Time
	// MaxAttempts bounds the delivery attempts of one alert over all runs
	// (DefaultMaxAttempts when 0).
	MaxAttempts int
	// Logger receives a line per alert fired and per failed delivery;
	// nil logs nothing.
	Logger *slog.Logger

	mu sync.Mutex
}

func (e *Evaluator) now() time.Time {
	if e.Now != nil {
		return e.Now().UTC()
	}
	return time.Now().UTC()
}

func (e *Evaluator) log() *slog.Logger {
	if e.Logger != nil {
		return e.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Evaluate checks every rule now, records the alerts that fire, and
// delivers them with the earlier alerts whose delivery failed. It returns
// the alerts fired by this run, with their delivery state. A rule that
// cannot be checked does not stop the others; the errors are joined.
func (e *Evaluator) Evaluate(ctx context.Context) ([]dyad.Alert, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	rules, err := e.Store.Rules(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("alert: %w", err)
	}
	sits := map[string]*dyad.Situation{}
	webhooks := map[string]string{}
	var fired []dyad.Alert
	var errs []error
	for i := range rules {
		r := &rules[i]
		webhooks[r.ID] = r.Webhook
		sit, ok := sits[r.SituationID]
		if !ok {
			if sit, err = e.Store.Situation(ctx, r.SituationID); err != nil {
				if !errors.Is(err, dyad.ErrNotFound) { // deleted meanwhile
					errs = append(errs, fmt.Errorf("alert: rule %s: %w", r.ID, err))
				}
				continue
			}
			sits[r.SituationID] = sit
		}
		a, err := e.checkAndRecord(ctx, r, sit, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("alert: rule %s: %w", r.ID, err))
			continue
		}
		if a != nil {
			a.SituationName = sit.Name
			e.log().Info("alert", "situation", sit.Name, "rule", r.ID, "kind", r.Kind, "reason", a.Reason)
			fired = append(fired, *a)
		}
	}
	if err := e.deliverPending(ctx, webhooks, fired); err != nil {
		errs = append(errs, err)
	}
	return fired, errors.Join(errs...)
}

// deliverPending delivers the undelivered alerts (those just fired among
// them), marking each attempt, and updates fired with the outcome.
func (e *Evaluator) deliverPending(ctx context.Context, webhooks map[string]string, fired []dyad.Alert) error {
	maxAttempts := e.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	pending, err := e.Store.Alerts(ctx, dyad.AlertFilter{Undelivered: true, MaxAttempts: maxAttempts, Limit: 1000})
	if err != nil {
		return fmt.Errorf("alert: pending deliveries: %w", err)
	}
	deliver := e.Deliver
	if deliver == nil {
		deliver = (&Webhook{}).Deliver
	}
	var errs []error
	// Oldest first, so that a receiver sees alerts in the order they fired.
	for i := len(pending) - 1; i >= 0; i-- {
		a := pending[i]
		hook, ok := webhooks[a.RuleID]
		if !ok {
			continue // the rule was deleted with its alerts meanwhile
		}
		var derr error
		if hook != "" {
			derr = deliver(ctx, a, hook)
		}
		if ctx.Err() != nil {
			break // stopping: the attempt does not count
		}
		msg := ""
		if derr != nil {
			msg = derr.Error()
			// A Deliver of another make may quote the URL: keep its
			// secret out of the log and the stored error.
			msg = dyad.RedactURLs(msg)
			e.log().Warn("alert delivery failed", "alert", a.ID, "webhook", dyad.RedactURL(hook), "attempt", a.Attempts+1, "err", msg)
		}
		if err := e.Store.MarkDelivery(ctx, a.ID, derr == nil, msg); err != nil && !errors.Is(err, dyad.ErrNotFound) {
			errs = append(errs, fmt.Errorf("alert %s: %w", a.ID, err))
			continue
		}
		for j := range fired {
			if fired[j].ID == a.ID {
				fired[j].Attempts++
				fired[j].Delivered = derr == nil
				fired[j].LastError = msg
			}
		}
	}
	return errors.Join(errs...)
}

// maxStale bounds how often checkAndRecord looks again at a rule whose
// state another evaluator changed meanwhile.
const maxStale = 5

// checkAndRecord checks r and records what it found: the alert, or nil.
// When another evaluator (a second worker, a server) recorded the rule's
// state after it was read, what that evaluator saw is recorded already but
// what it did not see (events stored since) is not: the rule is read again
// and checked again from that state, so that nothing is left for a next
// run that may not come soon. A rule deleted meanwhile gives nil.
func (e *Evaluator) checkAndRecord(ctx context.Context, r *dyad.AlertRule, sit *dyad.Situation, now time.Time) (*dyad.Alert, error) {
	for try := 1; ; try++ {
		a, st, err := e.check(ctx, r, sit, now)
		if err != nil {
			return nil, err
		}
		err = e.Store.RecordAlert(ctx, r.ID, a, st)
		switch {
		case err == nil:
			return a, nil
		case errors.Is(err, dyad.ErrNotFound):
			return nil, nil // the rule is gone
		case !errors.Is(err, dyad.ErrConflict) || try == maxStale:
			return nil, err
		}
		rules, err := e.Store.Rules(ctx, r.SituationID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(rules, func(x dyad.AlertRule) bool { return x.ID == r.ID })
		if i < 0 {
			return nil, nil
		}
		r = &rules[i]
	}
}

// check decides whether r fires at now: the alert (nil when it does not)
// and the rule's next state.
func (e *Evaluator) check(ctx context.Context, r *dyad.AlertRule, sit *dyad.Situation, now time.Time) (*dyad.Alert, dyad.RuleState, error) {
	st := r.State
	st.Checked = now
	f := r.Filter(sit)
	newAlert := func(reason string, count int, ids []string) *dyad.Alert {
		if ids == nil {
			ids = []string{}
		}
		return &dyad.Alert{RuleID: r.ID, SituationID: r.SituationID, Kind: r.Kind, Fired: now, Reason: reason, Count: count,
			EventIDs: ids, Delivered: r.Webhook == ""}
	}
	switch r.Kind {
	case dyad.RuleNewEvent:
		evs, mark, err := e.Store.EventsArrived(ctx, dyad.ArrivalQuery{Filter: f, After: st.HighWater, NotAlertedBy: r.ID})
		if err != nil {
			return nil, st, err
		}
		st.HighWater = mark
		if len(evs) == 0 {
			return nil, st, nil
		}
		var ids, shown []string
		for i, ev := range evs {
			if i < dyad.MaxAlertEvents {
				ids = append(ids, ev.ID)
			}
			if i < 3 {
				shown = append(shown, describe(&ev.Event))
			}
		}
		reason := fmt.Sprintf("%d new %s: %s", len(evs), plural(len(evs), "event", "events"), strings.Join(shown, "; "))
		if len(evs) > len(shown) {
			reason += "; …"
		}
		return newAlert(reason, len(evs), ids), st, nil
	case dyad.RuleThreshold, dyad.RuleSpike:
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		until := today.AddDate(0, 0, 1)
		since := until.AddDate(0, 0, -r.WindowDays)
		wf := f
		wf.Since, wf.Until = since, until
		n, err := e.Events.CountEvents(ctx, wf)
		if err != nil {
			return nil, st, err
		}
		var cond bool
		var reason string
		period := fmt.Sprintf("%d %s to %s", r.WindowDays, plural(r.WindowDays, "day", "days"), today.Format(time.DateOnly))
		if r.Kind == dyad.RuleThreshold {
			cond = n >= r.Threshold
			reason = fmt.Sprintf("%d %s in the %s (threshold %d)", n, plural(n, "event", "events"), period, r.Threshold)
		} else {
			bf := f
			bf.Since, bf.Until = since.AddDate(0, 0, -r.BaselineDays), since
			b, err := e.Events.CountEvents(ctx, bf)
			if err != nil {
				return nil, st, err
			}
			expected := float64(b) / float64(r.BaselineDays) * float64(r.WindowDays)
			cond = n >= r.Threshold && float64(n) >= r.Factor*expected
			reason = fmt.Sprintf("%d %s in the %s against %.1f expected from the %d days before (%d events); spike at %g times, at least %d",
				n, plural(n, "event", "events"), period, expected, r.BaselineDays, b, r.Factor, r.Threshold)
		}
		fire := cond && !st.Firing
		st.Firing = cond
		if !fire {
			return nil, st, nil
		}
		wf.Limit = dyad.MaxAlertEvents
		evs, err := e.Events.Events(ctx, wf)
		if err != nil {
			return nil, st, err
		}
		ids := make([]string, 0, len(evs))
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		return newAlert(reason, n, ids), st, nil
	}
	return nil, st, fmt.Errorf("unknown rule kind %q", r.Kind)
}

// describe names an event in a few words: "036 RUS->UKR 2026-03-01".
func describe(e *dyad.Event) string {
	s := e.Code + " " + e.Source.Code
	if e.Target.Code != "" {
		s += "->" + e.Target.Code
	}
	if !e.Date.IsZero() {
		s += " " + e.Date.UTC().Format(time.DateOnly)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
