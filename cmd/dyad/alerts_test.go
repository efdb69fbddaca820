package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/sqlite"
)

// serveWith runs `dyad serve` on an empty store (no sample) with args and
// returns what it printed once it listens; it stops when the test ends.
func serveWith(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var serr syncBuffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &serr, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, env, append([]string{"serve", "--db", filepath.Join(t.TempDir(), "dyad.db"), "--addr", "127.0.0.1:0"}, args...))
	}()
	t.Cleanup(func() { cancel(); <-done })
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if s := serr.String(); strings.Contains(s, "dashboard http://") {
			return s
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, serr.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s", serr.String())
	return ""
}

func postSituation(t *testing.T, base, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/v1/situations", strings.NewReader(`{"name": "Talks", "dyads": [["RUS", "UKR"]]}`))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeWriteAccess: with no token given, serve makes one and prints it
// in the dashboard's address fragment; --token is used as given;
// --read-only refuses writes.
func TestServeWriteAccess(t *testing.T) {
	needPipeline(t)
	dash := regexp.MustCompile(`dashboard (http://127\.0\.0\.1:\d+)/(#token=([0-9a-f]{32}))?,`)
	out := serveWith(t)
	m := dash.FindStringSubmatch(out)
	if m == nil || m[3] == "" {
		t.Fatalf("no token in the dashboard address: %s", out)
	}
	if st := postSituation(t, m[1], ""); st != 401 {
		t.Errorf("made token, none sent: %d", st)
	}
	if st := postSituation(t, m[1], m[3]); st != 201 {
		t.Errorf("made token sent: %d", st)
	}

	out = serveWith(t, "--token", "given-token")
	if m = dash.FindStringSubmatch(out); m == nil || m[2] != "" || strings.Contains(out, "given-token") {
		t.Fatalf("a given token is not printed: %s", out)
	}
	if st := postSituation(t, m[1], "given-token"); st != 201 {
		t.Errorf("given token: %d", st)
	}

	out = serveWith(t, "--read-only")
	if m = dash.FindStringSubmatch(out); m == nil || m[2] != "" || !strings.Contains(out, "read-only") {
		t.Fatalf("read-only: %s", out)
	}
	if st := postSituation(t, m[1], "anything"); st != 403 {
		t.Errorf("read-only: %d", st)
	}

	env, _, _ := testEnv("")
	if err := run(context.Background(), env, []string{"serve", "--read-only", "--token", "x", "--db", filepath.Join(t.TempDir(), "x.db")}); err == nil {
		t.Error("--read-only with --token: no error")
	}
}

// TestWatchAlerts: a situation's new_event rule fires to its webhook after
// `dyad watch --once` ingests a feed, not again on the next run, and not
// at all with --alerts=false.
func TestWatchAlerts(t *testing.T) {
	needPipeline(t)
	ctx := context.Background()
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
	received := func() []dyad.Alert {
		mu.Lock()
		defer mu.Unlock()
		return append([]dyad.Alert(nil), got...)
	}
	srv := feedServer(t)
	for _, tt := range []struct {
		flag string
		want int
	}{{"--alerts=false", 0}, {"--alerts=true", 1}} {
		mu.Lock()
		got = nil
		mu.Unlock()
		dir := t.TempDir()
		sources := writeFile(t, dir, "sources.yaml", []byte(fmt.Sprintf("feeds:\n  - name: Test Wire\n    url: %s/feed.xml\n", srv.URL)))
		dbPath := filepath.Join(dir, "dyad.db")
		db, err := sqlite.Open(ctx, dbPath)
		if err != nil {
			t.Fatal(err)
		}
		sit := &dyad.Situation{Name: "East Africa", Actors: []string{"KEN", "UGA", "GHA", "TGO"}}
		if err := db.CreateSituation(ctx, sit); err != nil {
			t.Fatal(err)
		}
		rule := &dyad.AlertRule{SituationID: sit.ID, Kind: dyad.RuleNewEvent, Webhook: hook.URL + "/hook"}
		if err := db.CreateRule(ctx, rule); err != nil {
			t.Fatal(err)
		}
		db.Close()
		for range 2 {
			env, _, errb := testEnv("")
			if err := run(ctx, env, []string{"watch", "--once", "--db", dbPath, "--sources", sources, tt.flag}); err != nil {
				t.Fatalf("watch %s: %v\n%s", tt.flag, err, errb)
			}
		}
		a := received()
		if len(a) != tt.want {
			t.Fatalf("%s: webhook received %+v", tt.flag, a)
		}
		if tt.want > 0 && (a[0].SituationName != "East Africa" || a[0].Count == 0 || len(a[0].EventIDs) != a[0].Count) {
			t.Errorf("%s: webhook received %+v", tt.flag, a)
		}
	}
}
