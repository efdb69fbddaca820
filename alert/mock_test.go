package alert_test

import (
	"context"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/alert"
	"github.com/dyad-events/dyad/mock"
)

// TestAnotherEvaluatorGotThereFirst has the store refuse the rule's state
// as stale, as it does when another process (a second worker, a second
// server) recorded the same firing first: nothing fires and nothing is
// delivered twice.
func TestAnotherEvaluatorGotThereFirst(t *testing.T) {
	sit := &dyad.Situation{ID: "1", Name: "Talks"}
	rule := dyad.AlertRule{ID: "7", SituationID: "1", Kind: dyad.RuleNewEvent, Webhook: "http://127.0.0.1:9/hook", State: dyad.RuleState{HighWater: 3, Version: 4}}
	var recorded []dyad.RuleState
	delivered := 0
	st := &mock.Store{
		RulesFn:     func(context.Context, string) ([]dyad.AlertRule, error) { return []dyad.AlertRule{rule}, nil },
		SituationFn: func(context.Context, string) (*dyad.Situation, error) { return sit, nil },
		EventsArrivedFn: func(_ context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error) {
			if q.After != 3 || q.NotAlertedBy != "7" {
				t.Errorf("arrival query %+v", q)
			}
			return []dyad.StoredEvent{{Event: dyad.Event{ID: "e9", Code: "036", Source: dyad.Actor{Code: "RUS"}, Target: dyad.Actor{Code: "UKR"}}}}, 9, nil
		},
		RecordAlertFn: func(_ context.Context, id string, a *dyad.Alert, s dyad.RuleState) error {
			recorded = append(recorded, s)
			return dyad.ErrConflict
		},
		AlertsFn: func(context.Context, dyad.AlertFilter) ([]dyad.Alert, error) { return []dyad.Alert{}, nil },
	}
	ev := &alert.Evaluator{Store: st, Events: st, Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		Deliver: func(context.Context, dyad.Alert, string) error { delivered++; return nil }}
	fired, err := ev.Evaluate(context.Background())
	if err != nil || len(fired) != 0 || delivered != 0 {
		t.Errorf("fired %+v, delivered %d, err %v: want nothing", fired, delivered, err)
	}
	if len(recorded) != 1 || recorded[0].Version != 4 || recorded[0].HighWater != 9 {
		t.Errorf("recorded states %+v, want one with version 4 and the new mark", recorded)
	}
}

// TestEvery evaluates on each tick until cancelled.
func TestEvery(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	runs := 0
	st := &mock.Store{
		RulesFn: func(context.Context, string) ([]dyad.AlertRule, error) {
			runs++
			if runs == 3 {
				cancel()
			}
			return nil, nil
		},
		AlertsFn: func(context.Context, dyad.AlertFilter) ([]dyad.Alert, error) { return nil, nil },
	}
	done := make(chan struct{})
	go func() { (&alert.Evaluator{Store: st, Events: st}).Every(ctx, time.Millisecond); close(done) }()
	<-done
	if runs != 3 {
		t.Errorf("%d runs, want 3 (the third cancelled)", runs)
	}
}
