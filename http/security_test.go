package http_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/alert"
	dyadhttp "github.com/dyad-events/dyad/http"
)

// TestNoCORSByDefault checks that a page of another origin cannot read the
// API: no Access-Control-Allow-Origin on any answer, unless the server
// names that one origin; and that every API answer carries the security
// headers.
func TestNoCORSByDefault(t *testing.T) {
	db := situationStore(t)
	for _, tt := range []struct {
		name, allowed, origin string
		want                  string // Access-Control-Allow-Origin
	}{
		{"default", "", "https://evil.example", ""},
		{"default, no origin", "", "", ""},
		{"allowed origin", "https://analysis.example.org", "https://analysis.example.org", "https://analysis.example.org"},
		{"another origin", "https://analysis.example.org", "https://evil.example", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &dyadhttp.Server{Store: db, Situations: db, Token: "t0k", CORSOrigin: tt.allowed}
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			for _, path := range []string{"/api/v1/events", "/api/v1/situations", "/api/v1/nothing", "/api/openapi.json"} {
				req, _ := http.NewRequest("GET", ts.URL+path, nil)
				if tt.origin != "" {
					req.Header.Set("Origin", tt.origin)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.want {
					t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", path, got, tt.want)
				}
				for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
					"Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin", "Content-Security-Policy": "default-src 'none'"} {
					if !strings.Contains(resp.Header.Get(h), want) {
						t.Errorf("%s: %s %q, want %q", path, h, resp.Header.Get(h), want)
					}
				}
			}
			// A preflight of a write is answered only for the allowed origin.
			req, _ := http.NewRequest("OPTIONS", ts.URL+"/api/v1/situations", nil)
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if allowed := resp.Header.Get("Access-Control-Allow-Origin") != ""; allowed != (tt.want != "") {
				t.Errorf("preflight from %q: %d %v", tt.origin, resp.StatusCode, resp.Header)
			}
		})
	}
}

func TestCheckOrigin(t *testing.T) {
	for _, ok := range []string{"https://analysis.example.org", "http://127.0.0.1:3000"} {
		if err := dyadhttp.CheckOrigin(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"*", "", "analysis.example.org", "https://a.example/path", "https://a.example/", "ftp://a.example", "https://u:p@a.example"} {
		if err := dyadhttp.CheckOrigin(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// TestWebhookSecret checks that a rule's webhook is shown whole only to
// the token's holder: a reader without it (or of a read-only server) sees
// scheme, host and path, never the query that carries the secret.
func TestWebhookSecret(t *testing.T) {
	db := situationStore(t)
	ts := situationServer(t, db, "t0k")
	st, _, _ := do(t, ts, "POST", "/api/v1/situations", "t0k", `{"name":"Talks","actors":["RUS"]}`, nil)
	if st != 201 {
		t.Fatalf("create situation: %d", st)
	}
	hook := "https://hooks.example.org/dyad/alerts?token=s3cr3t"
	if st, body, _ := do(t, ts, "POST", "/api/v1/situations/1/rules", "t0k", `{"kind":"new_event","webhook":"`+hook+`"}`, nil); st != 201 || !strings.Contains(string(body), "s3cr3t") {
		t.Fatalf("create rule: %d %s", st, body)
	}
	readOnly := httptest.NewServer((&dyadhttp.Server{Store: db, Situations: db, Evaluator: &alert.Evaluator{Store: db, Events: db}}).Handler())
	defer readOnly.Close()
	for _, tt := range []struct {
		name   string
		ts     *httptest.Server
		token  string
		secret bool
	}{
		{"with the token", ts, "t0k", true},
		{"without a token", ts, "", false},
		{"with a wrong token", ts, "guess", false},
		{"read-only server", readOnly, "", false},
	} {
		var rules dyadhttp.RulesResponse
		st, body, _ := do(t, tt.ts, "GET", "/api/v1/situations/1/rules", tt.token, "", &rules)
		if st != 200 || len(rules.Rules) != 1 {
			t.Fatalf("%s: %d %s", tt.name, st, body)
		}
		got := rules.Rules[0].Webhook
		if want := map[bool]string{true: hook, false: "https://hooks.example.org/dyad/alerts"}[tt.secret]; got != want {
			t.Errorf("%s: webhook %q, want %q", tt.name, got, want)
		}
	}
}
