package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestMigrationUndated opens a schema-5 store whose undated event was
// stored with precision "article" and the zero time in its JSON: the
// migration gives it precision unknown and a null date.
func TestMigrationUndated(t *testing.T) {
	ctx := context.Background()
	path, old := oldStore(t, 5)
	for _, e := range []struct{ id, date, prec, js string }{
		{"u", "", "article", `{"id":"u","code":"057","date":"0001-01-01T00:00:00Z","date_precision":"article"}`},
		{"d", "2026-03-03", "article", `{"id":"d","code":"057","date":"2026-03-03T00:00:00Z","date_precision":"article"}`},
	} {
		if _, err := old.write.Exec(`INSERT INTO events(id, article, sentence, date, date_precision, source_code, source_role, target_code, target_role,
			code, root, quad_class, goldstein, plover_type, place_country, pattern_id, json) VALUES (?, 1, 0, ?, ?, 'KEN', '', 'TZA', '', '057', '05', 1, 8, '', '', 'p', ?)`,
			e.id, e.date, e.prec, e.js); err != nil {
			t.Fatal(err)
		}
	}
	old.write.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer os.Remove(path)
	for id, want := range map[string]dyad.DatePrecision{"u": dyad.PrecisionUnknown, "d": dyad.PrecisionArticle} {
		d, err := db.EventDetail(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.DatePrecision != want || d.Date.IsZero() != (id == "u") {
			t.Errorf("%s after migration: %s %v, want %s", id, d.DatePrecision, d.Date, want)
		}
	}
	var prec string
	if err := db.read.QueryRow(`SELECT date_precision FROM events WHERE id = 'u'`).Scan(&prec); err != nil || prec != "unknown" {
		t.Errorf("column after migration: %q %v", prec, err)
	}
}

// oldStore makes a store at schema version n (the first n migrations)
// holding article a1, with its write connection open for the test to add
// rows as an older dyad stored them; the test closes it and opens the
// store with Open to migrate it.
func oldStore(t *testing.T, n int) (string, *DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	old := &DB{path: path, now: time.Now}
	var err error
	if old.write, err = sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)"); err != nil {
		t.Fatal(err)
	}
	if err := old.migrate(context.Background(), migrations[:n]); err != nil {
		t.Fatal(err)
	}
	if _, err := old.write.Exec(`INSERT INTO articles(id, text, hash, ingested_at) VALUES ('a1', 'x', 'h', 'now')`); err != nil {
		t.Fatal(err)
	}
	return path, old
}
