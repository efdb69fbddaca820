// Package store opens the store a DSN names, so that every command takes
// --db (or $DYAD_DB) as a file path or a database URL and works the same on
// either: a path or a sqlite: DSN opens the embedded SQLite store (package
// sqlite), a postgres:// or postgresql:// URL the shared PostgreSQL store
// (package postgres).
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/postgres"
	"github.com/dyad-events/dyad/sqlite"
)

// Kind is the backend a DSN names.
type Kind string

// The backends.
const (
	SQLite   Kind = "sqlite"
	Postgres Kind = "postgres"
)

// KindOf returns the backend dsn names and what to open it with: the path
// for SQLite, the URL for PostgreSQL.
func KindOf(dsn string) (Kind, string, error) {
	switch {
	case dsn == "":
		return "", "", errors.New("store: empty --db (want a file path or a postgres:// URL)")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	case strings.HasPrefix(dsn, "sqlite://"):
		return SQLite, strings.TrimPrefix(dsn, "sqlite://"), nil
	case strings.HasPrefix(dsn, "sqlite:"):
		return SQLite, strings.TrimPrefix(dsn, "sqlite:"), nil
	case strings.HasPrefix(dsn, "nats://"):
		return "", "", fmt.Errorf("store: %s is a queue, not a store (give it to --queue)", dsn)
	case strings.Contains(dsn, "://"):
		return "", "", fmt.Errorf("store: %q: unknown kind of store (want a file path, sqlite:PATH or postgres://...)", dsn)
	}
	return SQLite, dsn, nil
}

// Open opens (creating if needed) the store dsn names and brings its
// schema up to date.
func Open(ctx context.Context, dsn string) (dyad.Store, error) {
	kind, target, err := KindOf(dsn)
	if err != nil {
		return nil, err
	}
	if kind == Postgres {
		return postgres.Open(ctx, target)
	}
	if target == "" {
		return nil, errors.New("store: sqlite: empty path")
	}
	return sqlite.Open(ctx, target)
}
