package postgres_test

import (
	"context"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/postgres"
	"github.com/dyad-events/dyad/postgres/pgtest"
	"github.com/dyad-events/dyad/storetest"
)

// open opens a store in a schema of the test's own.
func open(t *testing.T) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestConformance runs the store conformance suite on PostgreSQL.
func TestConformance(t *testing.T) {
	pgtest.URL(t)
	storetest.Run(t, func(t *testing.T) dyad.Store { return open(t) })
}
