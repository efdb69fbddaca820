package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	dyadnats "github.com/dyad-events/dyad/nats"
	"github.com/dyad-events/dyad/nats/natstest"
	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/store"
)

// testStoreDSN returns a store for a command test: a PostgreSQL schema of
// its own when $DYAD_TEST_POSTGRES is set (or required), else a SQLite file.
func testStoreDSN(t *testing.T) string {
	if os.Getenv(pgtest.Env) != "" || os.Getenv(pgtest.Require) == "1" {
		return pgtest.DSN(t)
	}
	t.Log("on SQLite: " + pgtest.HowTo)
	return filepath.Join(t.TempDir(), "queue.db")
}

// exported runs dyad export --format csv on dsn and returns its rows
// sorted, without the coding time: the events, their IDs and report counts.
func exported(t *testing.T, dsn string) []string {
	t.Helper()
	env, out, errb := testEnv("")
	if err := run(context.Background(), env, []string{"export", "--db", dsn, "--format", "csv"}); err != nil {
		t.Fatalf("export: %v\n%s", err, errb)
	}
	rows := strings.Split(strings.TrimSpace(out.String()), "\n")
	for i, r := range rows {
		if j := strings.LastIndex(r, ","); j >= 0 {
			rows[i] = r[:j] // coded_at differs between runs
		}
	}
	slices.Sort(rows)
	return rows
}

// TestIngestThroughQueue is the README's "Scaling out" run: dyad ingest
// --queue publishes the sample corpus to NATS, two dyad worker processes'
// worth of workers (in process) code and store it into PostgreSQL (SQLite
// without $DYAD_TEST_POSTGRES), and the store then holds the same
// articles, events (IDs) and counts as dyad ingest into SQLite.
func TestIngestThroughQueue(t *testing.T) {
	needPipeline(t)
	ctx := context.Background()
	ref := filepath.Join(t.TempDir(), "ref.db")
	env, _, errb := testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", ref, corpusPath}); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb)
	}
	url := natstest.Server(t)
	dsn := testStoreDSN(t)

	env, _, errb = testEnv("")
	if err := run(ctx, env, []string{"ingest", "--queue", url, corpusPath}); err != nil {
		t.Fatalf("ingest --queue: %v\n%s", err, errb)
	}
	if !strings.Contains(errb.String(), "93 articles published") {
		t.Errorf("ingest --queue says: %s", errb)
	}

	// A situation whose new_event rule the workers evaluate after their
	// batches: each event must be alerted once, whichever worker looks.
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sit := &dyad.Situation{Name: "Talks", Dyads: [][2]string{{"RUS", "UKR"}}}
	rule := &dyad.AlertRule{Kind: dyad.RuleNewEvent}
	if err := sit.Normalize(); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSituation(ctx, sit); err != nil {
		t.Fatal(err)
	}
	rule.SituationID = sit.ID
	if err := rule.Normalize(sit); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRule(ctx, rule); err != nil {
		t.Fatal(err)
	}

	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]string, 2)
	for i := range 2 {
		env, _, errb := testEnv("")
		wg.Go(func() {
			errs[i] = run(wctx, env, []string{"worker", "--queue", url, "--db", dsn, "--workers", "1"})
			outs[i] = errb.String()
		})
	}
	q, err := dyadnats.Connect(ctx, url, dyadnats.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	deadline := time.Now().Add(5 * time.Minute)
	for {
		st, err := s.Stats(ctx)
		n, _ := q.Pending(ctx)
		if err == nil && st.Articles == 93 && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 5 minutes: %+v %v, %d pending", st, err, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil || !strings.Contains(outs[i], "dyad worker: ") {
			t.Errorf("worker %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	want, got := exported(t, ref), exported(t, dsn)
	if !slices.Equal(got, want) {
		t.Errorf("the queue's store holds %d event rows, dyad ingest's %d; they differ", len(got), len(want))
		for _, r := range want {
			if !slices.Contains(got, r) {
				t.Logf("missing: %s", r)
				break
			}
		}
	}
	alerts, err := s.Alerts(ctx, dyad.AlertFilter{SituationID: sit.ID})
	if err != nil {
		t.Fatal(err)
	}
	alerted := 0
	for _, a := range alerts {
		alerted += a.Count
	}
	if n, err := s.CountEvents(ctx, sit.Filter()); err != nil || n == 0 || alerted != n {
		t.Errorf("the workers' %d alerts count %d new events; the situation has %d (%v): each must be alerted once", len(alerts), alerted, n, err)
	} else {
		t.Logf("%d alerts from the workers' batches, %d events alerted once each", len(alerts), alerted)
	}

	env, out, _ := testEnv("")
	if err := run(ctx, env, []string{"stats", "--db", dsn}); err != nil || !strings.Contains(out.String(), "93 (87 originals, 6 duplicates)") {
		t.Errorf("stats: %v\n%s", err, out)
	}

	// dyad serve over that store: the dashboard and the API's views.
	base, _ := startServe(t, "--db", dsn, "--read-only")
	for path, want := range map[string]string{
		"/":                             "<html",
		"/api/v1/events?limit=5":        `"next_cursor"`,
		"/api/v1/dyads?limit=5":         `"source":"RUS"`,
		"/api/v1/series?interval=month": `"points"`,
		"/api/v1/events?q=ceasefire":    `"events":[{`,
		"/api/v1/situations/" + sit.ID:  `"Talks"`,
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("serve --db %s: GET %s: %d, want 200 with %s:\n%.300s", s.Location(), path, resp.StatusCode, want, body)
		}
	}
}
