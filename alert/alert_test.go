package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
	"github.com/dyad-events/dyad/sqlite"
)

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ev is an event "SRC TGT CODE DATE" of article art.
func ev(art string, n int, spec string) dyad.Event {
	f := strings.Fields(spec)
	d, err := time.Parse(time.DateOnly, f[3])
	if err != nil {
		panic(err)
	}
	return dyad.Event{ID: fmt.Sprintf("%s-%d", art, n), Source: dyad.Actor{Code: f[0]}, Target: dyad.Actor{Code: f[1]}, Code: f[2], Root: f[2][:2],
		QuadClass: 1, Date: d, DatePrecision: dyad.PrecisionDay, Provenance: dyad.Provenance{ArticleID: art, Sentence: n}}
}

// saveArticle stores article art with events given as specs.
func saveArticle(t *testing.T, db *sqlite.DB, art string, specs ...string) {
	t.Helper()
	text := "Text of article " + art + "."
	a := &dyad.StoredArticle{Article: dyad.Article{ID: art, Text: text, Source: "W"}, Fingerprint: dedup.Fingerprint(text),
		Coding: dyad.Coding{Dictionary: "d", Model: "m"}}
	var evs []dyad.Event
	for i, s := range specs {
		evs = append(evs, ev(art, i, s))
	}
	if err := db.SaveArticle(context.Background(), a, evs); err != nil {
		t.Fatal(err)
	}
}

// TestRuleKinds runs each kind of rule through steps: articles stored,
// the clock set, and the alert expected (its count; 0 for none).
func TestRuleKinds(t *testing.T) {
	type step struct {
		articles map[string][]string
		now      string
		fire     int
		reason   string // a part of the reason, when it fires
	}
	ceasefire := dyad.Situation{Name: "Ceasefire talks", Dyads: [][2]string{{"RUS", "UKR"}}, Codes: []string{"036", "043", "057"}}
	for _, tt := range []struct {
		name     string
		sit      dyad.Situation
		rule     dyad.AlertRule
		existing []string // events stored before the rule
		steps    []step
	}{
		{
			name: "new_event", sit: ceasefire, rule: dyad.AlertRule{Kind: dyad.RuleNewEvent},
			existing: []string{"RUS UKR 036 2026-03-01"},
			steps: []step{
				{now: "2026-03-02", fire: 0},
				{articles: map[string][]string{"n1": {"RUS UKR 036 2026-03-02", "KEN TZA 057 2026-03-02", "UKR RUS 190 2026-03-02"}}, now: "2026-03-02", fire: 1, reason: "036 RUS->UKR 2026-03-02"},
				{now: "2026-03-03", fire: 0},
				// Late: dated years ago, stored now.
				{articles: map[string][]string{"n2": {"UKR RUS 043 2019-05-05"}}, now: "2026-03-03", fire: 1, reason: "2019-05-05"},
				// Re-coded: the same event stored again is not new.
				{articles: map[string][]string{"n2": {"UKR RUS 043 2019-05-05"}}, now: "2026-03-03", fire: 0},
				{articles: map[string][]string{"n3": {"RUS UKR 057 2026-03-04", "UKR RUS 057 2026-03-04"}}, now: "2026-03-04", fire: 2, reason: "2 new events"},
			},
		},
		{
			name: "new_event narrowed", sit: ceasefire, rule: dyad.AlertRule{Kind: dyad.RuleNewEvent, Codes: []string{"04"}},
			steps: []step{
				{articles: map[string][]string{"n1": {"RUS UKR 036 2026-03-02"}}, now: "2026-03-02", fire: 0},
				{articles: map[string][]string{"n2": {"RUS UKR 043 2026-03-02"}}, now: "2026-03-02", fire: 1},
			},
		},
		{
			name: "threshold", sit: ceasefire, rule: dyad.AlertRule{Kind: dyad.RuleThreshold, Threshold: 2, WindowDays: 7},
			existing: []string{"RUS UKR 036 2026-03-05", "RUS UKR 036 2026-02-20"},
			steps: []step{
				{now: "2026-03-10", fire: 0},
				{articles: map[string][]string{"t1": {"UKR RUS 036 2026-03-08", "KEN TZA 036 2026-03-08"}}, now: "2026-03-10", fire: 2, reason: "2 events in the 7 days to 2026-03-10 (threshold 2)"},
				// Still above: no second alert for one crossing.
				{articles: map[string][]string{"t2": {"UKR RUS 036 2026-03-09"}}, now: "2026-03-10", fire: 0},
				{now: "2026-03-11", fire: 0},
				// The window moves past them: below, so it re-arms.
				{now: "2026-03-20", fire: 0},
				{articles: map[string][]string{"t3": {"UKR RUS 043 2026-03-19", "RUS UKR 057 2026-03-20"}}, now: "2026-03-20", fire: 2},
				// An event dated after today is outside the window.
				{articles: map[string][]string{"t4": {"UKR RUS 043 2026-04-19"}}, now: "2026-03-28", fire: 0},
			},
		},
		{
			name: "spike", sit: ceasefire, rule: dyad.AlertRule{Kind: dyad.RuleSpike, Threshold: 3, WindowDays: 7, BaselineDays: 28, Factor: 3},
			// Four events in the 28 days before the window: one a week
			// expected.
			existing: []string{"RUS UKR 036 2026-02-05", "RUS UKR 036 2026-02-12", "RUS UKR 036 2026-02-19", "RUS UKR 036 2026-02-26"},
			steps: []step{
				{articles: map[string][]string{"s1": {"RUS UKR 036 2026-03-06", "RUS UKR 036 2026-03-07"}}, now: "2026-03-11", fire: 0}, // 2: below the minimum
				{articles: map[string][]string{"s2": {"RUS UKR 036 2026-03-08"}}, now: "2026-03-11", fire: 3, reason: "1.0 expected"},
				{articles: map[string][]string{"s3": {"RUS UKR 036 2026-03-09"}}, now: "2026-03-11", fire: 0}, // the same spike
			},
		},
		{
			name: "no spike against a busy baseline", sit: ceasefire, rule: dyad.AlertRule{Kind: dyad.RuleSpike, WindowDays: 7, BaselineDays: 28},
			existing: []string{
				"RUS UKR 036 2026-02-05", "RUS UKR 036 2026-02-06", "RUS UKR 036 2026-02-07", "RUS UKR 036 2026-02-08",
				"RUS UKR 036 2026-02-12", "RUS UKR 036 2026-02-13", "RUS UKR 036 2026-02-14", "RUS UKR 036 2026-02-15",
				"RUS UKR 036 2026-02-19", "RUS UKR 036 2026-02-20", "RUS UKR 036 2026-02-21", "RUS UKR 036 2026-02-22",
				"RUS UKR 036 2026-02-26", "RUS UKR 036 2026-02-27", "RUS UKR 036 2026-02-28", "RUS UKR 036 2026-03-01",
			},
			steps: []step{
				{articles: map[string][]string{"s1": {"RUS UKR 036 2026-03-06", "RUS UKR 036 2026-03-07", "RUS UKR 036 2026-03-08",
					"RUS UKR 036 2026-03-09", "RUS UKR 036 2026-03-10"}}, now: "2026-03-11", fire: 0}, // 5 against 4 expected
				{articles: map[string][]string{"s2": {"RUS UKR 036 2026-03-06", "RUS UKR 036 2026-03-07", "RUS UKR 036 2026-03-08",
					"RUS UKR 036 2026-03-09", "RUS UKR 036 2026-03-10", "RUS UKR 036 2026-03-10", "RUS UKR 036 2026-03-10"}}, now: "2026-03-11", fire: 12}, // 12 >= 3 x 4
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := openStore(t)
			if len(tt.existing) > 0 {
				saveArticle(t, db, "old", tt.existing...)
			}
			sit := tt.sit
			if err := sit.Normalize(); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateSituation(ctx, &sit); err != nil {
				t.Fatal(err)
			}
			rule := tt.rule
			rule.SituationID = sit.ID
			if err := rule.Normalize(&sit); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateRule(ctx, &rule); err != nil {
				t.Fatal(err)
			}
			var now time.Time
			e := &Evaluator{Store: db, Events: db, Now: func() time.Time { return now }}
			for i, st := range tt.steps {
				for _, art := range slices.Sorted(mapKeys(st.articles)) {
					saveArticle(t, db, art, st.articles[art]...)
				}
				now, _ = time.Parse(time.DateOnly, st.now)
				now = now.Add(15 * time.Hour)
				fired, err := e.Evaluate(ctx)
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if st.fire == 0 {
					if len(fired) != 0 {
						t.Errorf("step %d: fired %+v", i, fired)
					}
					continue
				}
				if len(fired) != 1 {
					t.Fatalf("step %d: want one alert of %d events, got %+v", i, st.fire, fired)
				}
				a := fired[0]
				if a.Count != st.fire || a.RuleID != rule.ID || a.SituationID != sit.ID || a.SituationName != sit.Name || a.Kind != rule.Kind ||
					!a.Fired.Equal(now) || !a.Delivered || a.ID == "" || !strings.Contains(a.Reason, st.reason) {
					t.Errorf("step %d: alert %+v, want %d events and %q", i, a, st.fire, st.reason)
				}
				if len(a.EventIDs) != min(a.Count, dyad.MaxAlertEvents) {
					t.Errorf("step %d: %d event IDs for %d events", i, len(a.EventIDs), a.Count)
				}
				// Every event listed belongs to the rule.
				f := rule.Filter(&sit)
				for _, id := range a.EventIDs {
					f.ArticleID = strings.Split(id, "-")[0]
					evs, _ := db.Events(ctx, f)
					if !slices.ContainsFunc(evs, func(e dyad.StoredEvent) bool { return e.ID == id }) {
						t.Errorf("step %d: alert lists %s, which the rule does not select", i, id)
					}
				}
			}
			stored, _ := db.Alerts(ctx, dyad.AlertFilter{RuleID: rule.ID})
			want := 0
			for _, st := range tt.steps {
				if st.fire > 0 {
					want++
				}
			}
			if len(stored) != want {
				t.Errorf("%d alerts stored, want %d", len(stored), want)
			}
		})
	}
}

func mapKeys(m map[string][]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// receiver is a webhook endpoint that answers the statuses it is given in
// turn (the last one from then on) and keeps the alerts it was sent.
type receiver struct {
	mu       sync.Mutex
	statuses []int
	got      []dyad.Alert
	hits     int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	status := rc.statuses[min(rc.hits, len(rc.statuses)-1)]
	rc.hits++
	var a dyad.Alert
	body, _ := io.ReadAll(r.Body)
	if r.Method != "POST" || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &a) != nil {
		w.WriteHeader(400)
		return
	}
	if status >= 200 && status < 300 {
		rc.got = append(rc.got, a)
	}
	w.WriteHeader(status)
}

func (rc *receiver) stats() (int, []dyad.Alert) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.hits, append([]dyad.Alert(nil), rc.got...)
}

func TestWebhook(t *testing.T) {
	alert := dyad.Alert{ID: "7", RuleID: "2", SituationID: "1", SituationName: "Talks", Kind: dyad.RuleNewEvent, Reason: "1 new event", Count: 1, EventIDs: []string{"e1"}}
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer hang.Close()
	defer close(release)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/hook"
	l.Close()
	for _, tt := range []struct {
		name     string
		statuses []int
		url      string
		tries    int
		hits     int
		err      string // "" for a delivery
	}{
		{"200", []int{200}, "", 3, 1, ""},
		{"204", []int{204}, "", 3, 1, ""},
		{"500 then 200", []int{500, 200}, "", 3, 2, ""},
		{"always 500", []int{500}, "", 3, 3, "500 Internal Server Error"},
		{"404 is a failure", []int{404, 200}, "", 1, 1, "404"},
		{"timeout", nil, hang.URL, 2, 0, "deadline exceeded"},
		{"unreachable", nil, closed, 2, 0, "connect"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rc := &receiver{statuses: tt.statuses}
			url := tt.url
			if url == "" {
				ts := httptest.NewServer(rc)
				defer ts.Close()
				url = ts.URL + "/hook"
			}
			w := &Webhook{Tries: tt.tries, Backoff: time.Millisecond, Timeout: 100 * time.Millisecond}
			err := w.Deliver(context.Background(), alert, url)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), url)) {
				t.Errorf("err %v, want %q", err, tt.err)
			}
			hits, got := rc.stats()
			if tt.url == "" && hits != tt.hits {
				t.Errorf("%d requests, want %d", hits, tt.hits)
			}
			if tt.err == "" && (len(got) != 1 || got[0].Reason != alert.Reason || !slices.Equal(got[0].EventIDs, alert.EventIDs) || got[0].SituationName != "Talks") {
				t.Errorf("received %+v", got)
			}
		})
	}
	// A cancelled context stops the backoff.
	rc := &receiver{statuses: []int{500}}
	ts := httptest.NewServer(rc)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (&Webhook{Tries: 5, Backoff: time.Hour}).Deliver(ctx, alert, ts.URL); err == nil {
		t.Error("delivered with a cancelled context")
	}
}

// TestDeliveryRetries fires an alert whose webhook fails: the failure is
// recorded with its error and retried by the next evaluations, up to
// MaxAttempts.
func TestDeliveryRetries(t *testing.T) {
	for _, tt := range []struct {
		name      string
		statuses  []int
		attempts  int // per alert, after four evaluations
		delivered bool
	}{
		{"delivered at once", []int{200}, 1, true},
		{"500, then 200 on the next run", []int{500, 200}, 2, true},
		{"never: stops after MaxAttempts", []int{503}, 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := openStore(t)
			rc := &receiver{statuses: tt.statuses}
			ts := httptest.NewServer(rc)
			defer ts.Close()
			sit := dyad.Situation{Name: "Talks", Actors: []string{"RUS"}}
			if err := db.CreateSituation(ctx, &sit); err != nil {
				t.Fatal(err)
			}
			rule := dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleNewEvent, Webhook: ts.URL + "/hook"}
			if err := rule.Normalize(&sit); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateRule(ctx, &rule); err != nil {
				t.Fatal(err)
			}
			hook := &Webhook{Tries: 1, Timeout: time.Second}
			e := &Evaluator{Store: db, Events: db, Deliver: hook.Deliver, MaxAttempts: 3, Now: func() time.Time { return time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC) }}
			saveArticle(t, db, "a", "RUS UKR 036 2026-03-04")
			fired, err := e.Evaluate(ctx)
			if err != nil || len(fired) != 1 {
				t.Fatalf("fired %+v %v", fired, err)
			}
			if first := tt.statuses[0]; fired[0].Delivered != (first == 200) || fired[0].Attempts != 1 ||
				(first != 200 && !strings.Contains(fired[0].LastError, fmt.Sprint(first))) {
				t.Errorf("first run: %+v", fired[0])
			}
			for range 3 {
				if again, err := e.Evaluate(ctx); err != nil || len(again) != 0 {
					t.Fatalf("later run fired %+v %v", again, err)
				}
			}
			stored, _ := db.Alerts(ctx, dyad.AlertFilter{})
			if len(stored) != 1 || stored[0].Attempts != tt.attempts || stored[0].Delivered != tt.delivered || (tt.delivered && stored[0].LastError != "") ||
				(!tt.delivered && !strings.Contains(stored[0].LastError, "503")) {
				t.Errorf("stored %+v", stored)
			}
			hits, got := rc.stats()
			if hits != tt.attempts {
				t.Errorf("receiver hit %d times, want %d", hits, tt.attempts)
			}
			if tt.delivered && (len(got) != 1 || got[0].ID != stored[0].ID || got[0].SituationName != "Talks" || !slices.Equal(got[0].EventIDs, []string{"a-0"})) {
				t.Errorf("received %+v", got)
			}
		})
	}
}

// TestConcurrentEvaluators runs evaluators on one store at once: each
// firing is recorded once.
func TestConcurrentEvaluators(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	sit := dyad.Situation{Name: "Talks", Actors: []string{"RUS"}}
	if err := db.CreateSituation(ctx, &sit); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		rule := dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleNewEvent}
		if err := db.CreateRule(ctx, &rule); err != nil {
			t.Fatal(err)
		}
	}
	saveArticle(t, db, "a", "RUS UKR 036 2026-03-04")
	var n atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		e := &Evaluator{Store: db, Events: db}
		wg.Go(func() {
			fired, err := e.Evaluate(ctx)
			if err != nil {
				t.Error(err)
			}
			n.Add(int64(len(fired)))
		})
	}
	wg.Wait()
	if stored, _ := db.Alerts(ctx, dyad.AlertFilter{}); n.Load() != 3 || len(stored) != 3 {
		t.Errorf("%d alerts fired, %d stored; want 3", n.Load(), len(stored))
	}
}

// TestFailedDeliveryKeepsSecret delivers to webhooks that carry a secret
// in their query and fail — one refuses the connection, one answers 500 —
// and checks that neither the stored error nor the log holds the secret.
func TestFailedDeliveryKeepsSecret(t *testing.T) {
	ctx := context.Background()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer ts.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now
	for _, hook := range []string{ts.URL + "/hook?token=s3cr3t-value", closed + "/hook?token=s3cr3t-value"} {
		db := openStore(t)
		sit := dyad.Situation{Name: "Talks", Actors: []string{"RUS"}}
		if err := db.CreateSituation(ctx, &sit); err != nil {
			t.Fatal(err)
		}
		rule := dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleNewEvent, Webhook: hook}
		if err := rule.Normalize(&sit); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateRule(ctx, &rule); err != nil {
			t.Fatal(err)
		}
		var logs strings.Builder
		e := &Evaluator{Store: db, Events: db, Deliver: (&Webhook{Tries: 1, Timeout: time.Second}).Deliver,
			Logger: slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))}
		saveArticle(t, db, "a", "RUS UKR 036 2026-03-04")
		fired, err := e.Evaluate(ctx)
		if err != nil || len(fired) != 1 || fired[0].Delivered || fired[0].LastError == "" {
			t.Fatalf("%s: fired %+v %v", hook, fired, err)
		}
		stored, _ := db.Alerts(ctx, dyad.AlertFilter{})
		for what, text := range map[string]string{"returned error": fired[0].LastError, "stored error": stored[0].LastError, "log": logs.String()} {
			if strings.Contains(text, "s3cr3t") || strings.Contains(text, "token=") {
				t.Errorf("%s: the %s holds the webhook's secret: %s", hook, what, text)
			}
			if !strings.Contains(text, "/hook") {
				t.Errorf("%s: the %s does not name the webhook: %s", hook, what, text)
			}
		}
	}
}

// syncWriter serialises writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
