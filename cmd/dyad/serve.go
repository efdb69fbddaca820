package main

import (
	"bytes"
	"context"
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
	"github.com/dyad-events/dyad/sqlite"
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
func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on")
	sample := fs.Bool("sample", true, "fill an empty store with the embedded sample corpus first (only with the default store unless given)")
	token := fs.String("token", os.Getenv("DYAD_TOKEN"), "bearer `TOKEN` that POST endpoints require (default $DYAD_TOKEN; none: open)")
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	timeout := fs.Duration("timeout", 10*time.Second, "longest a query may run")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad serve [flags]

Serves the JSON API over the store: /api/v1/events, /events/{id}, /series,
/dyads, /actors, /articles/{id}, /export, POST /code; the OpenAPI document
is at /api/openapi.json. The store is only read. An empty default store is
first filled with the embedded sample corpus, so that a fresh install has
something to show.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	fillSample := *sample && (!explicit["db"] || explicit["sample"])

	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer db.Close()
	c, coding, err := newVersionedCoder(env, *dictDir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if fillSample {
		if err := fillWithSample(ctx, env, db, c, coding); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	d, err := loadDict(*dictDir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &dyadhttp.Server{Store: db, Coder: c, Directory: dictDirectory{d}, Token: *token, Logger: env.log, Timeout: *timeout, UI: web.Handler(),
		Export: dyadhttp.Exporter{Write: export.Write, Check: export.CheckFormat, ContentType: export.ContentType, Extension: export.Extension}}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	mode := "read-only"
	if *token != "" {
		mode = "POST endpoints need the bearer token"
	}
	fmt.Fprintf(env.stderr, "dyad serve: dashboard http://%s/, API http://%s/api/v1/events (store %s, %s)\n", l.Addr(), l.Addr(), db.Path(), mode)
	if err := srv.Serve(ctx, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(env.stderr, "dyad serve: stopped")
	return nil
}

// fillWithSample ingests the embedded sample corpus when the store holds
// no events.
func fillWithSample(ctx context.Context, env *cliEnv, db *sqlite.DB, c dyad.EventCoder, coding dyad.Coding) error {
	n, err := db.CountEvents(ctx, dyad.EventFilter{})
	if err != nil || n > 0 {
		return err
	}
	fmt.Fprintf(env.stderr, "dyad serve: the store is empty; ingesting the sample corpus (%d KB) into %s\n", len(examples.Corpus)>>10, db.Path())
	in := &ingest.Ingester{Coder: c, Store: db, Coding: coding}
	r := &feed.Reader{Format: feed.FormatJSONL, Stdin: bytes.NewReader(examples.Corpus)}
	sum, err := in.Ingest(ctx, func(emit func(*dyad.Article) error) error { return r.Read(ctx, "-", emit) }, func(ingest.Result) {})
	if err != nil {
		return fmt.Errorf("sample corpus: %w", err)
	}
	fmt.Fprintf(env.stderr, "dyad serve: sample corpus: %s\n", sum)
	return nil
}
