package sqlite

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

func TestSituationsAndRules(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	s := &dyad.Situation{Name: "Ceasefire talks", Description: "RUS-UKR", Actors: []string{}, Dyads: [][2]string{{"RUS", "UKR"}},
		Codes: []string{"036", "043"}, Plover: []string{}}
	if err := db.CreateSituation(ctx, s); err != nil {
		t.Fatal(err)
	}
	other := &dyad.Situation{Name: "Kenya", Actors: []string{"KEN"}}
	if err := db.CreateSituation(ctx, other); err != nil {
		t.Fatal(err)
	}
	if s.ID == "" || s.ID == other.ID || s.Created.IsZero() {
		t.Fatalf("IDs %q %q, created %v", s.ID, other.ID, s.Created)
	}
	got, err := db.Situation(ctx, s.ID)
	if err != nil || got.Name != s.Name || !slices.Equal(got.Codes, s.Codes) || len(got.Dyads) != 1 || got.Dyads[0] != [2]string{"RUS", "UKR"} ||
		got.Description != "RUS-UKR" || !got.Created.Equal(s.Created) {
		t.Errorf("round trip: %+v %v", got, err)
	}
	if got, _ := db.Situation(ctx, other.ID); got.Dyads == nil || got.Plover == nil {
		t.Errorf("lists stored as null come back nil: %+v", got)
	}
	all, err := db.Situations(ctx)
	if err != nil || len(all) != 2 || all[0].ID != other.ID {
		t.Errorf("list (newest first): %+v %v", all, err)
	}
	for _, id := range []string{"999", "x", "01", ""} {
		if _, err := db.Situation(ctx, id); !errors.Is(err, dyad.ErrNotFound) {
			t.Errorf("situation %q: %v", id, err)
		}
	}

	r := &dyad.AlertRule{SituationID: s.ID, Kind: dyad.RuleThreshold, Codes: []string{"036"}, Threshold: 2, WindowDays: 7, Webhook: "http://127.0.0.1:1/h"}
	if err := db.CreateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	r2 := &dyad.AlertRule{SituationID: other.ID, Kind: dyad.RuleNewEvent}
	if err := db.CreateRule(ctx, r2); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateRule(ctx, &dyad.AlertRule{SituationID: "999", Kind: dyad.RuleNewEvent}); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("rule of a missing situation: %v", err)
	}
	rules, err := db.Rules(ctx, s.ID)
	if err != nil || len(rules) != 1 || rules[0].ID != r.ID || rules[0].Threshold != 2 || !slices.Equal(rules[0].Codes, []string{"036"}) ||
		rules[0].Webhook != r.Webhook || rules[0].Kind != dyad.RuleThreshold {
		t.Errorf("rules: %+v %v", rules, err)
	}
	if rules, _ := db.Rules(ctx, ""); len(rules) != 2 {
		t.Errorf("all rules: %+v", rules)
	}
	if err := db.DeleteRule(ctx, other.ID, r.ID); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("deleting a rule under another situation: %v", err)
	}

	// Alerts: record with the rule's state, refuse a stale state.
	a := &dyad.Alert{Kind: r.Kind, Fired: time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC), Reason: "3 events", Count: 3, EventIDs: []string{"e1", "e2"}}
	st := dyad.RuleState{Firing: true, Checked: a.Fired, Version: rules[0].State.Version}
	if err := db.RecordAlert(ctx, r.ID, a, st); err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || a.SituationID != s.ID || a.RuleID != r.ID {
		t.Errorf("recorded alert: %+v", a)
	}
	if err := db.RecordAlert(ctx, r.ID, &dyad.Alert{Reason: "again"}, st); !errors.Is(err, dyad.ErrConflict) {
		t.Errorf("stale state: %v", err)
	}
	rules, _ = db.Rules(ctx, s.ID)
	if !rules[0].State.Firing || !rules[0].State.Checked.Equal(a.Fired) || rules[0].State.Version != st.Version+1 {
		t.Errorf("state after alert: %+v", rules[0].State)
	}
	alerts, err := db.Alerts(ctx, dyad.AlertFilter{SituationID: s.ID})
	if err != nil || len(alerts) != 1 || alerts[0].SituationName != s.Name || !slices.Equal(alerts[0].EventIDs, []string{"e1", "e2"}) ||
		alerts[0].Count != 3 || alerts[0].Delivered || !alerts[0].Fired.Equal(a.Fired) {
		t.Errorf("alerts: %+v %v", alerts, err)
	}
	if alerts, _ := db.Alerts(ctx, dyad.AlertFilter{SituationID: other.ID}); len(alerts) != 0 {
		t.Errorf("another situation's alerts: %+v", alerts)
	}
	for i := range 3 {
		if err := db.MarkDelivery(ctx, a.ID, false, "refused"); err != nil {
			t.Fatal(err)
		}
		pending, _ := db.Alerts(ctx, dyad.AlertFilter{Undelivered: true, MaxAttempts: 3})
		if want := i < 2; (len(pending) == 1) != want {
			t.Errorf("after %d failures: pending %+v", i+1, pending)
		}
	}
	if err := db.MarkDelivery(ctx, a.ID, true, "ignored"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Alerts(ctx, dyad.AlertFilter{RuleID: r.ID}); !got[0].Delivered || got[0].Attempts != 4 || got[0].LastError != "" {
		t.Errorf("delivered: %+v", got[0])
	}
	if err := db.MarkDelivery(ctx, "999", true, ""); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing alert: %v", err)
	}

	// Deleting a situation takes its rules and alerts with it.
	if err := db.DeleteSituation(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSituation(ctx, s.ID); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if rules, _ := db.Rules(ctx, ""); len(rules) != 1 || rules[0].ID != r2.ID {
		t.Errorf("rules after delete: %+v", rules)
	}
	if alerts, _ := db.Alerts(ctx, dyad.AlertFilter{}); len(alerts) != 0 {
		t.Errorf("alerts after delete: %+v", alerts)
	}
	if err := db.RecordAlert(ctx, r.ID, nil, dyad.RuleState{}); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("deleted rule: %v", err)
	}
	if err := db.DeleteRule(ctx, other.ID, r2.ID); err != nil {
		t.Fatal(err)
	}
	// IDs are never reused.
	again := &dyad.Situation{Name: "again"}
	if err := db.CreateSituation(ctx, again); err != nil || again.ID == s.ID || again.ID == other.ID {
		t.Errorf("new ID %q after deletes: %v", again.ID, err)
	}
}

// TestPartiesFilter checks Actors and Dyads against a brute-force filter,
// on the events and on the roll-up.
func TestPartiesFilter(t *testing.T) {
	ctx := context.Background()
	db := queryFixture(t)
	all, err := db.Events(ctx, dyad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		actors []string
		dyads  [][2]string
		codes  []string
	}{
		{"actor", []string{"KEN"}, nil, nil},
		{"actors", []string{"KEN", "USA"}, nil, nil},
		{"dyad", nil, [][2]string{{"UKR", "RUS"}}, nil},
		{"dyads", nil, [][2]string{{"RUS", "UKR"}, {"UKR", "USA"}}, nil},
		{"actor or dyad", []string{"KEN"}, [][2]string{{"RUS", "UKR"}}, nil},
		{"with codes", []string{"UKR"}, nil, []string{"04", "190"}},
		{"none", []string{"FRA"}, [][2]string{{"RUS", "KEN"}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := dyad.EventFilter{Actors: tt.actors, Dyads: tt.dyads, Codes: tt.codes}
			var want []string
			for _, e := range all {
				in := slices.Contains(tt.actors, e.Source.Code) || slices.Contains(tt.actors, e.Target.Code)
				for _, d := range tt.dyads {
					in = in || (e.Source.Code == d[0] && e.Target.Code == d[1]) || (e.Source.Code == d[1] && e.Target.Code == d[0])
				}
				if len(tt.codes) > 0 && !slices.ContainsFunc(tt.codes, func(c string) bool { return strings.HasPrefix(e.Code, c) }) {
					in = false
				}
				if in {
					want = append(want, e.ID)
				}
			}
			got, err := db.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if ids(got) != strings.Join(want, " ") {
				t.Errorf("events %s, want %s", ids(got), strings.Join(want, " "))
			}
			ser, err := db.Series(ctx, dyad.SeriesQuery{Filter: f, Interval: dyad.Month})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range ser.Points {
				n += p.Events
			}
			if n != len(want) {
				t.Errorf("series counts %d events, want %d", n, len(want))
			}
		})
	}
}

// TestEventsArrived stores events in several steps, some dated long ago,
// and re-codes an article, checking that marks hand on each stored event
// once.
func TestEventsArrived(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	save := func(art string, evs ...dyad.Event) {
		t.Helper()
		if err := db.Save(ctx, []dyad.ArticleWrite{{Article: article(art, "W", storyA+art), Events: evs}}); err != nil {
			t.Fatal(err)
		}
	}
	arrived := func(q dyad.ArrivalQuery) ([]string, int64) {
		t.Helper()
		evs, mark, err := db.EventsArrived(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out, mark
	}
	if got, mark := arrived(dyad.ArrivalQuery{}); len(got) != 0 || mark != 0 {
		t.Errorf("empty store: %v %d", got, mark)
	}
	save("a", event("a", 0, "RUS", "UKR", "036", "2026-03-01"), event("a", 1, "KEN", "TZA", "057", "2026-03-01"))
	ru := dyad.EventFilter{Actors: []string{"RUS"}}
	got, mark := arrived(dyad.ArrivalQuery{Filter: ru})
	if !slices.Equal(got, []string{"a-0"}) || mark == 0 {
		t.Fatalf("first: %v %d", got, mark)
	}
	if got, m2 := arrived(dyad.ArrivalQuery{Filter: ru, After: mark}); len(got) != 0 || m2 != mark {
		t.Errorf("nothing new: %v %d (mark %d)", got, m2, mark)
	}
	// A late event, dated years ago, arrives after the mark; one that the
	// filter leaves out still moves the mark.
	save("b", event("b", 0, "UKR", "RUS", "043", "2019-05-05"))
	save("c", event("c", 0, "KEN", "UGA", "057", "2026-03-02"))
	got, m3 := arrived(dyad.ArrivalQuery{Filter: ru, After: mark})
	if !slices.Equal(got, []string{"b-0"}) || m3 <= mark {
		t.Errorf("late event: %v %d", got, m3)
	}
	// A limit stops at the last event returned.
	got, m4 := arrived(dyad.ArrivalQuery{Limit: 1})
	if !slices.Equal(got, []string{"a-0"}) {
		t.Errorf("limit: %v %d", got, m4)
	}
	if got, _ := arrived(dyad.ArrivalQuery{After: m4, Limit: 2}); !slices.Equal(got, []string{"a-1", "b-0"}) {
		t.Errorf("after the limit: %v", got)
	}
	// Re-coding the newest article deletes and re-inserts its events: they
	// arrive again, with marks above every earlier one (never reused).
	save("c", event("c", 0, "KEN", "UGA", "057", "2026-03-02"), event("c", 1, "RUS", "KEN", "036", "2026-03-02"))
	got, m5 := arrived(dyad.ArrivalQuery{After: m3})
	if !slices.Equal(got, []string{"c-0", "c-1"}) || m5 <= m3 {
		t.Errorf("re-coded: %v %d", got, m5)
	}
	// An event a rule has alerted on is left out for that rule.
	s := &dyad.Situation{Name: "x"}
	if err := db.CreateSituation(ctx, s); err != nil {
		t.Fatal(err)
	}
	r := &dyad.AlertRule{SituationID: s.ID, Kind: dyad.RuleNewEvent}
	if err := db.CreateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	if r.State.HighWater != m5 {
		t.Errorf("a new rule starts at the newest mark %d, not %d", m5, r.State.HighWater)
	}
	if err := db.RecordAlert(ctx, r.ID, &dyad.Alert{Kind: r.Kind, EventIDs: []string{"c-0"}}, dyad.RuleState{HighWater: m5}); err != nil {
		t.Fatal(err)
	}
	if got, _ := arrived(dyad.ArrivalQuery{After: m3, NotAlertedBy: r.ID}); !slices.Equal(got, []string{"c-1"}) {
		t.Errorf("not alerted by the rule: %v", got)
	}
}

// TestMigrationNumbersStoredEvents opens a schema-2 store with events:
// migration 3 numbers them in the order they were stored.
func TestMigrationNumbersStoredEvents(t *testing.T) {
	ctx := context.Background()
	path, old := oldStore(t, 2)
	for _, id := range []string{"z", "a", "m"} {
		if _, err := old.write.Exec(`INSERT INTO events(id, article, sentence, date, date_precision, source_code, source_role, target_code, target_role,
			code, root, quad_class, goldstein, plover_type, place_country, pattern_id, json) VALUES (?, 1, 0, '2026-03-03', 'day', 'KEN', '', 'TZA', '', '057', '05', 1, 8, '', '', 'p', ?)`,
			id, `{"id":"`+id+`","code":"057"}`); err != nil {
			t.Fatal(err)
		}
	}
	old.write.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer os.Remove(path)
	evs, mark, err := db.EventsArrived(ctx, dyad.ArrivalQuery{})
	if err != nil || len(evs) != 3 || evs[0].ID != "z" || evs[1].ID != "a" || evs[2].ID != "m" || mark != 3 {
		t.Errorf("arrivals after migration: %v %d %v", evs, mark, err)
	}
}
