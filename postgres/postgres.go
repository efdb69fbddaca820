// Package postgres is dyad's shared store: the same articles, events,
// roll-ups, situations, alerts, feed state and failures as package sqlite,
// in a PostgreSQL database (through pgx), so that several analysts, `dyad
// serve` processes and ingesting workers on several machines can use one
// store at once. It implements dyad.Store and passes the conformance suite
// (package storetest) that SQLite passes, so both give the same answers for
// the same data.
//
// Every Save is one transaction: an article is stored with all its events
// or not at all. Concurrent writers neither lose updates nor count twice:
// report counts are recounted under the original's row lock, the roll-up
// is updated by each transaction's net change in one sorted upsert, and a
// transaction that the server aborts for a deadlock or a serialization
// failure is run again.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad"
)

// Compile-time check that DB is a whole store.
var _ dyad.Store = (*DB)(nil)

// DB is an open store, safe for concurrent use by many goroutines and,
// through the database, by many processes.
type DB struct {
	pool     *pgxpool.Pool
	location string
	now      func() time.Time
}

// Open connects to the database that dsn names (a postgres:// or
// postgresql:// URL, or key=value pairs; a search_path parameter picks the
// schema) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	db := &DB{pool: pool, location: redact(dsn), now: func() time.Time { return time.Now().UTC() }}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", db.location, err)
	}
	return db, nil
}

// redact returns dsn without its password, for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return "postgres database"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Close closes the store's connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Location implements dyad.Store: the database URL without its password.
func (db *DB) Location() string { return db.location }

// Ping implements dyad.Store.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("postgres: %s: %w", db.location, err)
	}
	return nil
}

// SchemaVersion is the number of schema migrations this build knows.
func SchemaVersion() int { return len(migrations) }

// migrate applies the migrations the store has not seen, in one
// transaction that holds an advisory lock of the schema.
func (db *DB) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var schema *string
		if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if schema == nil {
			return errors.New("schema: no schema of the search_path exists (create it, or fix search_path)")
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('dyad.migrate.' || current_schema()))`); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)`); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		var have int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if have > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this dyad knows (%d): upgrade dyad", have, len(migrations))
		}
		for v := have + 1; v <= len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
				return fmt.Errorf("schema migration %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)`, v, db.now()); err != nil {
				return fmt.Errorf("schema migration %d: %w", v, err)
			}
		}
		return nil
	})
}

// maxTries bounds the runs of one write transaction that the server
// aborts for a deadlock or a serialization failure.
const maxTries = 8

// inTx runs fn in a transaction and commits it, running it again when the
// server aborted it to break a deadlock or a serialization conflict with
// another writer (fn must not keep state between runs).
func (db *DB) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for try := range maxTries {
		err = pgx.BeginFunc(ctx, db.pool, fn)
		if !retryable(err) {
			return err
		}
		wait := time.Duration(5<<try)*time.Millisecond + time.Duration(rand.IntN(10))*time.Millisecond
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	return err
}

// retryable reports whether err is a deadlock or a serialization failure,
// after which the whole transaction may simply run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// dateText is an event date as the events table keeps it: YYYY-MM-DD, or
// -infinity for an undated event.
func dateText(t time.Time) string {
	if t.IsZero() {
		return "-infinity"
	}
	return t.UTC().Format(time.DateOnly)
}

// nullTime is t, or NULL for the zero time.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// utc is *t in UTC, or the zero time for NULL.
func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
