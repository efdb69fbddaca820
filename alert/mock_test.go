package alert_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/alert"
	"github.com/dyad-events/dyad/mock"
)

// TestAnotherEvaluatorGotThereFirst has the store refuse the rule's state
// as stale, as it does when another process (a second worker, a server)
// recorded the rule first: the evaluator reads the rule again and looks
// again from the other's mark, so that an event the other did not see is
// alerted once and one it saw is not alerted twice.
func TestAnotherEvaluatorGotThereFirst(t *testing.T) {
	sit := &dyad.Situation{ID: "1", Name: "Talks"}
	rule := dyad.AlertRule{ID: "7", SituationID: "1", Kind: dyad.RuleNewEvent, Webhook: "http://127.0.0.1:9/hook", State: dyad.RuleState{HighWater: 3, Version: 4}}
	// The other evaluator recorded version 5 with the mark at 9.
	theirs := rule
	theirs.State = dyad.RuleState{HighWater: 9, Version: 5}
	e9 := dyad.StoredEvent{Event: dyad.Event{ID: "e9", Code: "036", Source: dyad.Actor{Code: "RUS"}, Target: dyad.Actor{Code: "UKR"}}}
	e10 := dyad.StoredEvent{Event: dyad.Event{ID: "e10", Code: "036", Source: dyad.Actor{Code: "UKR"}, Target: dyad.Actor{Code: "RUS"}}}
	for _, tt := range []struct {
		name      string
		after9    []dyad.StoredEvent // what arrived after the other's mark
		conflicts int                // RecordAlert calls refused
		fired     []string
		err       bool
	}{
		{"it saw everything", nil, 1, nil, false},
		{"an event arrived after it looked", []dyad.StoredEvent{e10}, 1, []string{"e10"}, false},
		{"always changed meanwhile", nil, 99, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var recorded []dyad.RuleState
			reads := 0
			st := &mock.Store{
				RulesFn: func(context.Context, string) ([]dyad.AlertRule, error) {
					reads++
					if reads == 1 {
						return []dyad.AlertRule{rule}, nil
					}
					return []dyad.AlertRule{theirs}, nil
				},
				SituationFn: func(context.Context, string) (*dyad.Situation, error) { return sit, nil },
				EventsArrivedFn: func(_ context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error) {
					if q.NotAlertedBy != "7" {
						t.Errorf("arrival query %+v", q)
					}
					switch q.After {
					case 3:
						return []dyad.StoredEvent{e9}, 9, nil
					case 9:
						return tt.after9, 9 + int64(len(tt.after9)), nil
					}
					t.Errorf("arrival query after %d", q.After)
					return nil, 0, nil
				},
				RecordAlertFn: func(_ context.Context, id string, a *dyad.Alert, s dyad.RuleState) error {
					recorded = append(recorded, s)
					if len(recorded) <= tt.conflicts {
						return dyad.ErrConflict
					}
					return nil
				},
				AlertsFn: func(context.Context, dyad.AlertFilter) ([]dyad.Alert, error) { return []dyad.Alert{}, nil },
			}
			ev := &alert.Evaluator{Store: st, Events: st, Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
				Deliver: func(context.Context, dyad.Alert, string) error { return nil }}
			fired, err := ev.Evaluate(context.Background())
			var ids []string
			for _, a := range fired {
				ids = append(ids, a.EventIDs...)
			}
			if (err != nil) != tt.err || !slices.Equal(ids, tt.fired) {
				t.Errorf("fired %v, err %v; want %v (an error: %v)", ids, err, tt.fired, tt.err)
			}
			if tt.err {
				return
			}
			if len(recorded) != 2 || recorded[0].Version != 4 || recorded[0].HighWater != 9 || recorded[1].Version != 5 || recorded[1].HighWater != 9+int64(len(tt.after9)) {
				t.Errorf("recorded states %+v, want ours refused, then one from theirs (version 5) with the mark past what arrived", recorded)
			}
		})
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
