package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/alert"
	"github.com/dyad-events/dyad/dedup"
	dyadhttp "github.com/dyad-events/dyad/http"
)

// situationStore opens a store holding a few hand-built events.
func situationStore(t *testing.T) dyad.Store {
	t.Helper()
	db := openStore(t)
	storeEvents(t, db, "a1", "RUS UKR 036 2026-01-05", "UKR RUS 036 2026-02-10", "RUS UKR 190 2026-02-11", "KEN TZA 036 2026-02-12", "USA UKR 0871 2026-02-13")
	return db
}

// storeEvents stores article art with events "SRC TGT CODE DATE".
func storeEvents(t *testing.T, db dyad.Store, art string, specs ...string) {
	t.Helper()
	var evs []dyad.Event
	for i, s := range specs {
		f := strings.Fields(s)
		d, _ := time.Parse(time.DateOnly, f[3])
		evs = append(evs, dyad.Event{ID: fmt.Sprintf("%s-%d", art, i), Source: dyad.Actor{Code: f[0]}, Target: dyad.Actor{Code: f[1]},
			Code: f[2], Root: f[2][:2], QuadClass: 1, Date: d, DatePrecision: dyad.PrecisionDay, Provenance: dyad.Provenance{ArticleID: art, Sentence: i}})
	}
	text := "The text of " + art + "."
	a := &dyad.StoredArticle{Article: dyad.Article{ID: art, Text: text}, Fingerprint: dedup.Fingerprint(text), Coding: dyad.Coding{Dictionary: "d", Model: "m"}}
	if err := db.Save(context.Background(), []dyad.ArticleWrite{{Article: a, Events: evs}}); err != nil {
		t.Fatal(err)
	}
}

func situationServer(t *testing.T, db dyad.Store, token string) *httptest.Server {
	s := &dyadhttp.Server{Store: db, Situations: db, Coder: fakeCoder{}, Token: token, MaxBody: 4096,
		Evaluator: &alert.Evaluator{Store: db, Events: db, Deliver: (&alert.Webhook{Tries: 2, Backoff: time.Millisecond, Timeout: 5 * time.Second}).Deliver}}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// do sends a request with an optional JSON body and token, decoding a
// JSON answer into v when not nil.
func do(t *testing.T, ts *httptest.Server, method, path, token, body string, v any) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if v != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, b)
		}
	}
	return resp.StatusCode, b, resp.Header
}

// TestSituationsAuth: without a token the server is read-only (403 on the
// endpoints that change the store; POST /code stays open); with one, they
// need it.
func TestSituationsAuth(t *testing.T) {
	db := situationStore(t)
	open := situationServer(t, db, "")
	const sit = `{"name": "Talks", "dyads": [["RUS", "UKR"]]}`
	for _, r := range []struct{ method, path, body string }{
		{"POST", "/api/v1/situations", sit},
		{"DELETE", "/api/v1/situations/1", ""},
		{"POST", "/api/v1/situations/1/rules", `{"kind": "new_event"}`},
		{"DELETE", "/api/v1/situations/1/rules/1", ""},
		{"POST", "/api/v1/alerts/evaluate", ""},
	} {
		st, body, h := do(t, open, r.method, r.path, "", r.body, nil)
		if st != 403 || h.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), "--token") {
			t.Errorf("open %s %s: %d %s", r.method, r.path, st, body)
		}
	}
	if st, _, _ := do(t, open, "GET", "/api/v1/situations", "", "", nil); st != 200 {
		t.Errorf("reading situations: %d", st)
	}
	if st, _, _ := do(t, open, "POST", "/api/v1/code", "", `{"text": "Kenya met Tanzania."}`, nil); st != 200 {
		t.Errorf("POST /code on a server without a token: %d", st)
	}
	locked := situationServer(t, db, "s3cret")
	for _, tok := range []string{"", "wrong"} {
		if st, body, h := do(t, locked, "POST", "/api/v1/situations", tok, sit, nil); st != 401 || h.Get("WWW-Authenticate") == "" {
			t.Errorf("token %q: %d %s", tok, st, body)
		}
	}
	var s dyad.Situation
	if st, body, h := do(t, locked, "POST", "/api/v1/situations", "s3cret", sit, &s); st != 201 || s.ID == "" || h.Get("Location") != "/api/v1/situations/"+s.ID {
		t.Errorf("with the token: %d %s %v", st, body, h)
	}
	if st, _, _ := do(t, locked, "GET", "/api/v1/situations/"+s.ID, "", "", nil); st != 200 {
		t.Errorf("reading needs no token: %d", st)
	}
}

// TestSituationValidation: each bad field answers 400 naming it.
func TestSituationValidation(t *testing.T) {
	db := situationStore(t)
	ts := situationServer(t, db, "tok")
	var s dyad.Situation
	if st, body, _ := do(t, ts, "POST", "/api/v1/situations", "tok", `{"name": "Talks", "actors": ["rus"], "codes": ["036", "04"]}`, &s); st != 201 || s.Actors[0] != "RUS" {
		t.Fatalf("%d %s", st, body)
	}
	for _, tt := range []struct {
		path, body, param string
		status            int
	}{
		{"/api/v1/situations", `{"name": "  "}`, "name", 400},
		{"/api/v1/situations", `{"name": "x", "actors": ["RUSSIA"]}`, "actors", 400},
		{"/api/v1/situations", `{"name": "x", "dyads": [["RUS", ""]]}`, "dyads", 400},
		{"/api/v1/situations", `{"name": "x", "codes": ["999"]}`, "codes", 400},
		{"/api/v1/situations", `{"name": "x", "codes": ["03a"]}`, "codes", 400},
		{"/api/v1/situations", `{"name": "x", "plover": ["FOO"]}`, "plover", 400},
		{"/api/v1/situations", `{"name": "x", "colour": "red"}`, "", 400},
		{"/api/v1/situations", `{"name": "x"} {}`, "", 400},
		{"/api/v1/situations", `not json`, "", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "sometimes"}`, "kind", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "new_event", "webhook": "ftp://example.org/x"}`, "webhook", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "new_event", "webhook": "http://user:pw@example.org/x"}`, "webhook", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "threshold"}`, "threshold", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "threshold", "threshold": 3, "window_days": 99999}`, "window_days", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "spike", "factor": 0.5}`, "factor", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "new_event", "codes": ["19"]}`, "codes", 400},
		{"/api/v1/situations/" + s.ID + "/rules", `{"kind": "new_event", "codes": ["0399"]}`, "codes", 400},
		{"/api/v1/situations/999/rules", `{"kind": "new_event"}`, "", 404},
	} {
		st, body, _ := do(t, ts, "POST", tt.path, "tok", tt.body, nil)
		var p dyadhttp.Problem
		json.Unmarshal(body, &p)
		if st != tt.status || p.Status != tt.status || p.Param != tt.param {
			t.Errorf("%s %s: %d %s, want %d naming %q", tt.path, tt.body, st, body, tt.status, tt.param)
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/situations", strings.NewReader(`name=x`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer tok")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 415 {
		t.Errorf("a form: %v %v", resp, err)
	}
	var rule dyad.AlertRule
	if st, body, _ := do(t, ts, "POST", "/api/v1/situations/"+s.ID+"/rules", "tok", `{"kind": "spike", "codes": ["03"]}`, &rule); st != 201 ||
		rule.Threshold != dyad.DefaultSpikeMin || rule.WindowDays != dyad.DefaultWindowDays || rule.BaselineDays != dyad.DefaultBaselineDays || rule.Factor != dyad.DefaultSpikeFactor {
		t.Errorf("spike defaults: %d %s", st, body)
	}
}

// TestSituationFlow creates a situation, reads its events and timeline,
// adds rules with a webhook, and sees alerts fire and arrive.
func TestSituationFlow(t *testing.T) {
	db := situationStore(t)
	ts := situationServer(t, db, "tok")
	var (
		mu  sync.Mutex
		got []dyad.Alert
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a dyad.Alert
		if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
			w.WriteHeader(400)
			return
		}
		mu.Lock()
		got = append(got, a)
		mu.Unlock()
	}))
	defer hook.Close()

	var s dyad.Situation
	body := `{"name": "Russia-Ukraine ceasefire talks", "description": "d", "dyads": [["UKR", "RUS"]], "codes": ["036", "037", "038", "039", "043", "045", "046", "057", "0871", "0356", "1246"]}`
	if st, b, _ := do(t, ts, "POST", "/api/v1/situations", "tok", body, &s); st != 201 {
		t.Fatalf("%d %s", st, b)
	}
	var list dyadhttp.SituationsResponse
	if st, _, _ := do(t, ts, "GET", "/api/v1/situations", "", "", &list); st != 200 || len(list.Situations) != 1 || list.Situations[0].Name != s.Name {
		t.Errorf("list: %d %+v", st, list)
	}
	base := "/api/v1/situations/" + s.ID
	// Events: the two RUS-UKR 036 events (not the 190, not KEN-TZA, not USA-UKR), paged one at a time.
	var p1, p2 dyadhttp.EventsResponse
	if st, b, _ := do(t, ts, "GET", base+"/events?limit=1&count=true", "", "", &p1); st != 200 || len(p1.Events) != 1 || p1.Events[0].ID != "a1-1" ||
		p1.NextCursor == "" || p1.Total == nil || *p1.Total != 2 {
		t.Errorf("first page: %d %s", st, b)
	}
	if st, b, _ := do(t, ts, "GET", base+"/events?limit=1&cursor="+p1.NextCursor, "", "", &p2); st != 200 || len(p2.Events) != 1 || p2.Events[0].ID != "a1-0" || p2.NextCursor != "" {
		t.Errorf("second page: %d %s", st, b)
	}
	if st, _, _ := do(t, ts, "GET", base+"/events?actor=KEN", "", "", nil); st != 400 {
		t.Errorf("a filter parameter on situation events: %d", st)
	}
	var ser dyad.Series
	if st, b, _ := do(t, ts, "GET", base+"/series?interval=month", "", "", &ser); st != 200 || len(ser.Points) != 2 || ser.Points[0].Events != 1 || ser.Points[1].Events != 1 ||
		ser.Until.Format(time.DateOnly) != "2026-02-10" {
		t.Errorf("series: %d %s", st, b)
	}
	if st, _, _ := do(t, ts, "GET", base+"/series?interval=year", "", "", nil); st != 400 {
		t.Errorf("bad interval: %d", st)
	}
	if st, _, _ := do(t, ts, "GET", "/api/v1/situations/999/events", "", "", nil); st != 404 {
		t.Errorf("missing situation: %d", st)
	}

	// A new_event rule fires for events stored after it; a threshold rule
	// with a long window fires on what is stored already.
	var ne, th dyad.AlertRule
	if st, b, _ := do(t, ts, "POST", base+"/rules", "tok", `{"kind": "new_event", "webhook": "`+hook.URL+`/hook"}`, &ne); st != 201 || ne.SituationID != s.ID {
		t.Fatalf("rule: %d %s", st, b)
	}
	if st, b, _ := do(t, ts, "POST", base+"/rules", "tok", `{"kind": "threshold", "threshold": 2, "window_days": 3660, "webhook": "`+hook.URL+`/t"}`, &th); st != 201 {
		t.Fatalf("rule: %d %s", st, b)
	}
	var rules dyadhttp.RulesResponse
	if st, _, _ := do(t, ts, "GET", base+"/rules", "", "", &rules); st != 200 || len(rules.Rules) != 2 || rules.Rules[0].ID != ne.ID {
		t.Errorf("rules: %d %+v", st, rules)
	}
	var ev dyadhttp.AlertsResponse
	if st, b, _ := do(t, ts, "POST", "/api/v1/alerts/evaluate", "tok", "", &ev); st != 200 || len(ev.Alerts) != 1 || ev.Alerts[0].RuleID != th.ID ||
		!ev.Alerts[0].Delivered || ev.Alerts[0].Count != 2 {
		t.Errorf("first evaluation: %d %s", st, b)
	}
	storeEvents(t, db, "a2", "UKR RUS 043 2019-05-05", "KEN TZA 043 2026-03-01")
	if st, b, _ := do(t, ts, "POST", "/api/v1/alerts/evaluate", "tok", "", &ev); st != 200 || len(ev.Alerts) != 1 || ev.Alerts[0].RuleID != ne.ID ||
		!ev.Alerts[0].Delivered || len(ev.Alerts[0].EventIDs) != 1 || ev.Alerts[0].EventIDs[0] != "a2-0" {
		t.Errorf("second evaluation: %d %s", st, b)
	}
	if st, b, _ := do(t, ts, "POST", "/api/v1/alerts/evaluate", "tok", "", &ev); st != 200 || len(ev.Alerts) != 0 {
		t.Errorf("third evaluation: %d %s", st, b)
	}
	mu.Lock()
	if len(got) != 2 || got[0].SituationName != s.Name || got[1].EventIDs[0] != "a2-0" {
		t.Errorf("webhook received %+v", got)
	}
	mu.Unlock()
	var alerts dyadhttp.AlertsResponse
	if st, _, _ := do(t, ts, "GET", "/api/v1/alerts?situation="+s.ID, "", "", &alerts); st != 200 || len(alerts.Alerts) != 2 || alerts.Alerts[0].RuleID != ne.ID {
		t.Errorf("alerts: %d %+v", st, alerts)
	}
	if st, _, _ := do(t, ts, "GET", "/api/v1/alerts?situation=999", "", "", nil); st != 400 {
		t.Errorf("alerts of a missing situation: %d", st)
	}
	if st, _, _ := do(t, ts, "GET", "/api/v1/alerts?limit=1", "", "", &alerts); st != 200 || len(alerts.Alerts) != 1 {
		t.Errorf("alerts limit: %d %+v", st, alerts)
	}

	// Deleting.
	if st, _, _ := do(t, ts, "DELETE", base+"/rules/"+ne.ID, "tok", "", nil); st != 204 {
		t.Errorf("delete rule: %d", st)
	}
	if st, _, _ := do(t, ts, "DELETE", base+"/rules/"+ne.ID, "tok", "", nil); st != 404 {
		t.Errorf("delete rule again: %d", st)
	}
	if st, _, _ := do(t, ts, "DELETE", base, "tok", "", nil); st != 204 {
		t.Errorf("delete situation: %d", st)
	}
	if st, _, _ := do(t, ts, "GET", base, "", "", nil); st != 404 {
		t.Errorf("deleted situation: %d", st)
	}
	if st, _, _ := do(t, ts, "GET", "/api/v1/alerts", "", "", &alerts); st != 200 || len(alerts.Alerts) != 0 {
		t.Errorf("alerts after delete: %d %+v", st, alerts)
	}
}
