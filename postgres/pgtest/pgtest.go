// Package pgtest gives tests a PostgreSQL schema of their own on the
// server that $DYAD_TEST_POSTGRES names, so that the conformance suite and
// the API, ingest and queue tests can run on PostgreSQL as they run on
// SQLite. Without the variable those tests skip, saying how to run them;
// with DYAD_REQUIRE_POSTGRES=1 (as CI sets) they fail instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env is the variable that names the test server's database: a
// postgres:// URL of a user that may create schemas in it.
const Env = "DYAD_TEST_POSTGRES"

// Require is the variable that turns a missing server into a failure.
const Require = "DYAD_REQUIRE_POSTGRES"

// HowTo says how to run the PostgreSQL tests.
const HowTo = "PostgreSQL tests skipped: set " + Env + "=postgres://USER@HOST:PORT/DB (a user that may create schemas), " +
	"or run `eval \"$(bash .ci/postgres start)\"` first for a throw-away cluster on 127.0.0.1:55432"

// URL returns the test server's URL, or skips the test (fails it when
// DYAD_REQUIRE_POSTGRES=1) when there is none.
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(Env)
	if u == "" {
		if os.Getenv(Require) == "1" {
			tb.Fatal(Require + "=1 but " + Env + " is not set: " + HowTo)
		}
		tb.Skip(HowTo)
	}
	return u
}

// DSN creates an empty schema for the test, drops it when the test ends,
// and returns a DSN whose search_path is that schema.
func DSN(tb testing.TB) string {
	tb.Helper()
	base := URL(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn, drop, err := Schema(ctx, base)
	if err != nil {
		if os.Getenv(Require) != "1" && errors.Is(err, errConnect) {
			tb.Skipf("%v (%s)", err, HowTo)
		}
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Log(err)
		}
	})
	return dsn
}

// errConnect marks a server that could not be reached.
var errConnect = errors.New("cannot connect")

// Schema creates an empty schema with a random name on the server base
// names, for a store that outlives one test (a package's shared store),
// and returns a DSN whose search_path is that schema and a function that
// drops it.
func Schema(ctx context.Context, base string) (dsn string, drop func() error, err error) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w: %v", Env, errConnect, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "dyad_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		return "", nil, fmt.Errorf("%s: create schema: %w", Env, err)
	}
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("drop schema %s: %w", schema, err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			return fmt.Errorf("drop schema %s: %w", schema, err)
		}
		return nil
	}
	return WithSchema(base, schema), drop, nil
}

// Main runs a package's tests (call it from TestMain) and exits with their
// status; see Run.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run runs a package's tests, for a TestMain with more to do, and when
// they passed without a PostgreSQL server, says so where a plain `go test
// ./...` shows it. go test prints nothing of a passing package but its
// "ok" line, so a skip message alone is seen only with -v; Run writes the
// message to the go command's standard error (the parent process's, on
// Linux), falling back to the test binary's own. With -v the skips speak
// for themselves.
func Run(m *testing.M) int {
	code := m.Run()
	if code == 0 && os.Getenv(Env) == "" && !testing.Verbose() {
		announce(HowTo)
	}
	return code
}

// announce writes msg, prefixed with the test binary's package, to the
// standard error of the process that ran the test binary (see
// parentStderr), else to the binary's own.
func announce(msg string) {
	line := "--- " + strings.TrimSuffix(filepath.Base(os.Args[0]), ".test") + ": " + msg + "\n"
	if f := parentStderr(); f != nil {
		defer f.Close()
		if _, err := f.WriteString(line); err == nil {
			return
		}
	}
	os.Stderr.WriteString(line)
}

// WithSchema returns dsn with its search_path set to schema.
func WithSchema(dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		return dsn + " search_path=" + schema
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
