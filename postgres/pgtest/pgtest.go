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
	"net/url"
	"os"
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
const HowTo = "PostgreSQL tests skipped: set " + Env + "=postgres://USER@HOST:PORT/DB (a user that may create schemas); " +
	"`bash .ci/postgres start` starts a throw-away cluster on 127.0.0.1:55432 and prints the value"

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
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if os.Getenv(Require) != "1" {
			tb.Skipf("%s: %v (%s)", Env, err, HowTo)
		}
		tb.Fatalf("%s: %v", Env, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "dyad_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			tb.Logf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Logf("drop schema %s: %v", schema, err)
		}
	})
	return WithSchema(base, schema)
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
