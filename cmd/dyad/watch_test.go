package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testFeed is an RSS feed written for this test.
const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://example.org/</link>
<item><title>Kenya and Uganda sign pipeline deal</title><link>https://example.org/a1</link><guid>a1</guid>
<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<description>Kenya and Uganda signed an agreement on Monday to build a fuel pipeline between Eldoret and Kampala.</description></item>
<item><title>Ghana recalls envoy</title><link>https://example.org/a2</link><guid>a2</guid>
<pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>
<description>Ghana recalled its ambassador to Togo on Wednesday after a dispute over fishing rights.</description></item>
</channel></rss>`

// feedServer serves testFeed with an ETag, and 404 for any other path.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, testFeed)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWatchOnce(t *testing.T) {
	needPipeline(t)
	ctx := context.Background()
	srv := feedServer(t)
	dir := t.TempDir()
	sources := writeFile(t, dir, "sources.yaml", []byte(fmt.Sprintf("feeds:\n  - name: Test Wire\n    url: %s/feed.xml\n  - name: Gone\n    url: %s/missing.xml\n", srv.URL, srv.URL)))
	db := filepath.Join(dir, "dyad.db")
	// A feed answering 404 is a failure: exit status 1 for cron, with
	// what the other feed gave stored.
	env, _, errb := testEnv("")
	err := run(ctx, env, []string{"watch", "--once", "--db", db, "--sources", sources})
	if code, _ := exitStatus(err); code != exitFailure {
		t.Fatalf("watch with a feed answering 404: %v (exit %d), want exit 1\n%s", err, code, errb)
	}
	if !strings.Contains(errb.String(), "2 sources polled: 2 new items, 1 failures") {
		t.Errorf("first poll: %s", errb)
	}
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"watch", "--once", "--db", db, "--sources", sources}); err == nil {
		t.Error("second poll: the 404 is no failure")
	}
	if !strings.Contains(errb.String(), "0 new items") {
		t.Errorf("second poll (304): %s", errb)
	}
	// Only the feed that works: exit 0.
	good := writeFile(t, dir, "good.yaml", []byte(fmt.Sprintf("feeds:\n  - name: Test Wire\n    url: %s/feed.xml\n", srv.URL)))
	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"watch", "--once", "--db", db, "--sources", good}); err != nil {
		t.Errorf("watch of a feed that works: %v\n%s", err, errb)
	}
	env, out, _ := testEnv("")
	if err := run(ctx, env, []string{"stats", "--db", db}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"articles  2 ", "feeds     2", "missing.xml"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	env, _, _ = testEnv("")
	if err := run(ctx, env, []string{"watch", "--db", db}); err == nil {
		t.Error("watch without --sources: no error")
	}
	bad := writeFile(t, dir, "bad.yaml", []byte("feeds:\n  - url: ftp://example.org/x\n"))
	if err := run(ctx, env, []string{"watch", "--once", "--db", db, "--sources", bad}); err == nil || !strings.Contains(err.Error(), "bad.yaml:2") {
		t.Errorf("bad sources file: %v", err)
	}
}

// TestWatchServesAndStops runs the watcher until its first poll has been
// ingested, reads its metrics and health check, then cancels it as
// SIGINT would and checks that it stops cleanly.
func TestWatchServesAndStops(t *testing.T) {
	needPipeline(t)
	srv := feedServer(t)
	dir := t.TempDir()
	sources := writeFile(t, dir, "sources.yaml", []byte(fmt.Sprintf("feeds:\n  - url: %s/feed.xml\n    interval: 1m\n", srv.URL)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env, _, _ := testEnv("")
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, env, []string{"watch", "--db", filepath.Join(dir, "dyad.db"), "--sources", sources, "--addr", addr})
	}()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// The first poll comes within a tenth of the interval (6 s).
	deadline := time.Now().Add(60 * time.Second)
	var health string
	for time.Now().Before(deadline) {
		code, body := get("/healthz")
		health = body
		if code == http.StatusOK && strings.Contains(body, `"items":2`) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !strings.Contains(health, `"status":"ok"`) || !strings.Contains(health, `"items":2`) {
		t.Fatalf("health: %s", health)
	}
	code, metrics := get("/metrics")
	for _, want := range []string{`dyad_articles_total{state="new"} 2`, "dyad_feed_polls_total 1", "dyad_events_total"} {
		if code != http.StatusOK || !strings.Contains(metrics, want) {
			t.Errorf("metrics (%d) lack %q", code, want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop after cancel")
	}
}
