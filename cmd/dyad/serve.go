package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/examples"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/feed"
	dyadhttp "github.com/dyad-events/dyad/http"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/web"
)

// dictDirectory resolves names for the API's actor search with the
// dictionary.
type dictDirectory struct{ d *dict.Dictionary }

func (x dictDirectory) FindActors(name string, date time.Time) []dyad.ActorMatch {
	var out []dyad.ActorMatch
	for _, m := range x.d.Lookup(name, date) {
		if m.Actor.Code == "" {
			continue
		}
		n := m.Entry
		if n == "" {
			n, _ = x.d.Country(m.Actor.Code)
		}
		out = append(out, dyad.ActorMatch{Code: m.Actor.Code, Role: m.Actor.Role, Name: n, Kind: string(m.Kind)})
	}
	return out
}

// runServe is `dyad serve`.
//
// Write access: situations, alert rules and alerts are stored through the
// API only by a client holding the server's token. With --token (or
// $DYAD_TOKEN) the endpoints that change the store need
// "Authorization: Bearer TOKEN"; with --read-only they answer 403; with
// neither, a random token is made at start and the dashboard's address is
// printed with it in the fragment, http://ADDR/#token=TOKEN, so that it
// never reaches a server log: the dashboard reads it from location.hash,
// keeps it and sends it as the bearer token. POST /code stores nothing and
// needs the token only when one is set.
//
// Alert rules are evaluated every --alert-interval (0: only on POST
// /api/v1/alerts/evaluate) and their alerts delivered to their webhooks.
func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on")
	sample := fs.Bool("sample", true, "fill an empty store with the embedded sample corpus first (only with the default store unless given)")
	token := fs.String("token", os.Getenv("DYAD_TOKEN"), "bearer `TOKEN` that POST and DELETE endpoints require (default $DYAD_TOKEN; none: a random one, printed in the dashboard's address)")
	readOnly := fs.Bool("read-only", false, "make no token: nothing can be stored through the API (situations, rules)")
	alertEvery := fs.Duration("alert-interval", time.Minute, "evaluate alert rules this often (0: only when asked through the API)")
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	timeout := fs.Duration("timeout", 10*time.Second, "longest a query may run")
	cors := fs.String("cors", "", "the one web `ORIGIN` (https://host[:port]) whose pages may read the API from a browser; default none but the dashboard's own")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad serve [flags]

Serves the JSON API over the store: /api/v1/events, /events/{id}, /series,
/dyads, /actors, /articles/{id}, /export, POST /code; the OpenAPI document
is at /api/openapi.json. Situations, alert rules and alerts
(/api/v1/situations, /api/v1/alerts) are stored only by a client with the
token: given with --token, or made at start and printed in the dashboard's
address (http://ADDR/#token=TOKEN); --read-only makes none. A reader
without the token sees the rules' webhooks without their query (where
their secrets are). No other web origin may read the API from a browser
unless --cors names it. Alert rules are evaluated every --alert-interval. An empty default store is first filled
with the embedded sample corpus, so that a fresh install has something to
show.

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *alertEvery < 0 {
		fs.Usage()
		return errUsage
	}
	if *cors != "" {
		if err := dyadhttp.CheckOrigin(*cors); err != nil {
			return usagef("serve: --cors: %v", err)
		}
	}
	if *readOnly && *token != "" {
		return usagef("serve: --read-only and a token (--token or $DYAD_TOKEN) exclude each other")
	}
	made := false
	if !*readOnly && *token == "" {
		b := make([]byte, 16)
		rand.Read(b)
		*token, made = hex.EncodeToString(b), true
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	fillSample := *sample && (!explicit["db"] || explicit["sample"])

	m := &Main{env: env, DSN: *dbPath, DictDir: *dictDir}
	defer m.Close()
	db, err := m.Store(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	c, _, err := m.Coder()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if fillSample {
		if err := fillWithSample(ctx, env, m); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	d, err := m.Dict() // the coder's: loaded once
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ev, err := m.Evaluator(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// POST /code answers what ingestion would store: the same per-article
	// limits, identical events of repeated sentences collapsed.
	srv := &dyadhttp.Server{Store: db, Coder: &ingest.Guard{Coder: c}, Directory: dictDirectory{d}, Token: *token, Logger: env.log, Timeout: *timeout, UI: web.Handler(),
		Export:     dyadhttp.Exporter{Write: export.Write, Check: export.CheckFormat, ContentType: export.ContentType, Extension: export.Extension},
		Situations: db, Evaluator: ev, CORSOrigin: *cors}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	mode, dash := "read-only", fmt.Sprintf("http://%s/", l.Addr())
	switch {
	case made:
		mode, dash = "writes need the token in the dashboard's address", dash+"#token="+*token
	case *token != "":
		mode = "writes need the bearer token"
	}
	fmt.Fprintf(env.stderr, "dyad serve: dashboard %s, API http://%s/api/v1/events (store %s, %s)\n", dash, l.Addr(), db.Location(), mode)
	if *alertEvery > 0 {
		go ev.Every(ctx, *alertEvery)
	}
	if err := srv.Serve(ctx, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(env.stderr, "dyad serve: stopped")
	return nil
}

// fillWithSample ingests the embedded sample corpus when the store holds
// no events.
func fillWithSample(ctx context.Context, env *cliEnv, m *Main) error {
	in, err := m.Ingester(ctx, 0, 0)
	if err != nil {
		return err
	}
	db, _ := m.Store(ctx) // opened by Ingester
	n, err := db.CountEvents(ctx, dyad.EventFilter{})
	if err != nil || n > 0 {
		return err
	}
	fmt.Fprintf(env.stderr, "dyad serve: the store is empty; ingesting the sample corpus (%d KB) into %s\n", len(examples.Corpus)>>10, db.Location())
	r := &feed.Reader{Format: feed.FormatJSONL, Stdin: bytes.NewReader(examples.Corpus)}
	sum, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error { return r.Read(ctx, "-", emit) }, func(ingest.Result) {})
	if err != nil {
		return fmt.Errorf("sample corpus: %w", err)
	}
	fmt.Fprintf(env.stderr, "dyad serve: sample corpus: %s\n", sum)
	return nil
}
