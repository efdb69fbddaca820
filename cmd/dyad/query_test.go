package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	dyadhttp "github.com/dyad-events/dyad/http"
)

// syncBuffer is a buffer safe to write from a command and read from the
// test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeQuerySeries starts `dyad serve` on an empty store (which it
// fills with the embedded sample corpus), asks it for events, stops it
// by cancelling its context, then asks `dyad query` and `dyad series` the
// same questions.
func TestServeQuerySeries(t *testing.T) {
	needPipeline(t)
	db := filepath.Join(t.TempDir(), "dyad.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var serr syncBuffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &serr, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() { done <- run(ctx, env, []string{"serve", "--db", db, "--sample", "--addr", "127.0.0.1:0"}) }()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(2 * time.Minute); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(serr.String()); m != nil {
			base = "http://" + m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, serr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve did not start:\n%s", serr.String())
	}
	resp, err := http.Get(base + "/api/v1/events?dyad=RUS-UKR&limit=1000")
	if err != nil {
		t.Fatal(err)
	}
	var page dyadhttp.EventsResponse
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(page.Events) == 0 {
		t.Fatalf("events: %d %v (%d events)", resp.StatusCode, err, len(page.Events))
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(serr.String(), "sample corpus") || !strings.Contains(serr.String(), "stopped") {
		t.Errorf("serve said: %s", serr.String())
	}

	env2, out, errb := testEnv("")
	if err := run(context.Background(), env2, []string{"query", "--db", db, "--dyad", "rus-ukr", "--limit", "1000", "--format", "json"}); err != nil {
		t.Fatalf("query: %v %s", err, errb)
	}
	var qpage dyadhttp.EventsResponse
	if err := json.Unmarshal(out.Bytes(), &qpage); err != nil || len(qpage.Events) != len(page.Events) || qpage.Events[0].ID != page.Events[0].ID {
		t.Errorf("query --format json: %v, %d events, the API gave %d", err, len(qpage.Events), len(page.Events))
	}
	env2, out, _ = testEnv("")
	if err := run(context.Background(), env2, []string{"query", "--db", db, "--dyad", "RUS-UKR", "--limit", "2"}); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "DATE") || !strings.HasPrefix(lines[3], "next page: --cursor ") {
		t.Errorf("query table:\n%s", out)
	}
	env2, out, _ = testEnv("")
	if err := run(context.Background(), env2, []string{"series", "--db", db, "--dyad", "RUS-UKR", "--interval", "month", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "quad"}); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 13 || !strings.Contains(lines[0], "Q1") || !strings.Contains(out.String(), "2025-12-01") {
		t.Errorf("series table:\n%s", out)
	}
	env2, _, errb = testEnv("")
	if err := run(context.Background(), env2, []string{"query", "--db", db, "--quad", "7"}); err == nil || !strings.Contains(err.Error(), "--quad") {
		t.Errorf("bad flag: %v", err)
	}
}

// TestFilterFlags checks that every command that selects events offers
// every parameter of the one filter parser as a flag of the same name, and
// that query reads --undated and roles as export and the API do.
func TestFilterFlags(t *testing.T) {
	for _, cmd := range []string{"query", "series", "export"} {
		env, _, errb := testEnv("")
		if err := run(context.Background(), env, []string{"help", cmd}); err != nil {
			t.Fatalf("help %s: %v", cmd, err)
		}
		help := env.stdout.(*bytes.Buffer).String() + errb.String()
		for _, p := range dyad.FilterParams() {
			if !strings.Contains(help, "-"+p+" ") && !strings.Contains(help, "-"+p+"\n") {
				t.Errorf("dyad %s has no flag --%s:\n%s", cmd, p, help)
			}
		}
	}
	db := exportStore(t)
	for _, tt := range []struct {
		args []string
		want int // events
	}{
		{[]string{"--undated"}, 1},
		{[]string{"--to", "2026-12-31"}, 3},
		{[]string{"--source", "rus:gov"}, 1},
		{[]string{"--actor", ":GOV", "--quad", "4"}, 1},
	} {
		env, out, errb := testEnv("")
		if err := run(context.Background(), env, append([]string{"query", "--db", db, "--format", "jsonl"}, tt.args...)); err != nil {
			t.Fatalf("query %v: %v\n%s", tt.args, err, errb)
		}
		if n := strings.Count(out.String(), "\n"); n != tt.want {
			t.Errorf("query %v: %d events, want %d:\n%s", tt.args, n, tt.want, out)
		}
	}
}
