package nats_test

import (
	"testing"

	"github.com/dyad-events/dyad/postgres/pgtest"
)

// TestMain says in a plain go test run when the PostgreSQL tests skipped.
func TestMain(m *testing.M) { pgtest.Main(m) }
