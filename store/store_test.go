package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/store"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		dsn    string
		kind   store.Kind
		target string
		err    string
	}{
		{"dyad.db", store.SQLite, "dyad.db", ""},
		{"/var/lib/dyad/dyad.db", store.SQLite, "/var/lib/dyad/dyad.db", ""},
		{"sqlite:demo.db", store.SQLite, "demo.db", ""},
		{"sqlite:///tmp/demo.db", store.SQLite, "/tmp/demo.db", ""},
		{"postgres://dyad@db:5432/dyad", store.Postgres, "postgres://dyad@db:5432/dyad", ""},
		{"postgresql://dyad@db/dyad?sslmode=disable", store.Postgres, "postgresql://dyad@db/dyad?sslmode=disable", ""},
		{"nats://127.0.0.1:4222", "", "", "a queue, not a store"},
		{"mysql://x", "", "", "unknown kind of store"},
		{"", "", "", "empty --db"},
	}
	for _, tt := range tests {
		kind, target, err := store.KindOf(tt.dsn)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: %v, want an error saying %q", tt.dsn, err, tt.err)
			}
			continue
		}
		if err != nil || kind != tt.kind || target != tt.target {
			t.Errorf("%q: %s %q %v, want %s %q", tt.dsn, kind, target, err, tt.kind, tt.target)
		}
	}
}

func TestOpenSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dyad.db")
	for _, dsn := range []string{path, "sqlite:" + path} {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		if s.Location() != path || s.Ping(ctx) != nil {
			t.Errorf("%s: location %q", dsn, s.Location())
		}
		s.Close()
	}
	if _, err := store.Open(ctx, "sqlite:"); err == nil {
		t.Error("sqlite: without a path opened")
	}
}

func TestOpenPostgres(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Location(), "postgres") {
		t.Errorf("location %q", s.Location())
	}
	// A password never shows in the location.
	if _, err := store.Open(ctx, "postgres://dyad:s3cret@127.0.0.1:1/dyad?connect_timeout=1"); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("an unreachable server: %v (must fail without the password)", err)
	}
}
