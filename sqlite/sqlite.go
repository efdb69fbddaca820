// Package sqlite is dyad's embedded store: articles (deduplicated, with
// full-text search), the events coded from them with their provenance,
// situations and alerts, feed state and failures, in one SQLite file
// (modernc.org/sqlite, pure Go, in WAL mode). It implements dyad.Store.
//
// Every write is one transaction: an article is stored with all its events
// or not at all, so a process killed at any point leaves a consistent store.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is an open store. It is safe for concurrent use: writes go through one
// connection, reads through a small pool.
type DB struct {
	path  string
	write *sql.DB
	read  *sql.DB
	now   func() time.Time

	// readStmts are read statements prepared once (on the read pool) for
	// the lookups ingestion makes for every article.
	stmtMu    sync.Mutex
	readStmts stmtCache
}

// readStmt returns query prepared on the read pool, preparing it once.
func (db *DB) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	return db.readStmts.get(ctx, db.read, query)
}

// stmtCache holds statements prepared once each, so that SQLite does not
// parse the same SQL again for every article. It is not safe for
// concurrent use by itself.
type stmtCache map[string]*sql.Stmt

// preparer is a *sql.DB or a *sql.Tx.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// get returns query's statement, preparing it with p the first time.
func (c *stmtCache) get(ctx context.Context, p preparer, query string) (*sql.Stmt, error) {
	if st, ok := (*c)[query]; ok {
		return st, nil
	}
	st, err := p.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if *c == nil {
		*c = stmtCache{}
	}
	(*c)[query] = st
	return st, nil
}

// close closes every statement.
func (c *stmtCache) close() {
	for _, st := range *c {
		st.Close()
	}
	*c = nil
}

// Compile-time checks that DB is what the rest of dyad expects.
var (
	_ dyad.ArticleStore = (*DB)(nil)
	_ dyad.EventStore   = (*DB)(nil)
	_ dyad.Store        = (*DB)(nil)
)

// Open opens (creating if needed) the store at path and brings its schema
// up to date. The directory is created if missing.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty store path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	dsn := func(txlock string) string {
		q := url.Values{}
		for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-65536)", "temp_store(MEMORY)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", txlock)
		return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn("immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn("deferred"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db := &DB{path: path, write: w, read: r, now: func() time.Time { return time.Now().UTC() }}
	if err := db.migrate(ctx, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return db, nil
}

// Close closes the store.
func (db *DB) Close() error {
	db.stmtMu.Lock()
	db.readStmts.close()
	db.stmtMu.Unlock()
	return errors.Join(db.read.Close(), db.write.Close())
}

// Path is the store's file.
func (db *DB) Path() string { return db.path }

// Location implements dyad.Store: the store's file.
func (db *DB) Location() string { return db.path }

// Ping implements dyad.Store: it reads from the store.
func (db *DB) Ping(ctx context.Context) error {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: %s: %w", db.path, err)
	}
	return nil
}

// SchemaVersion is the number of schema migrations this build knows.
func SchemaVersion() int { return len(migrations) }

// migrate applies the migrations the store has not seen, each in its own
// transaction.
func (db *DB) migrate(ctx context.Context, migrations []string) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	var have int
	if err := db.write.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if have > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this dyad knows (%d): upgrade dyad", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, v, db.stamp())
			return err
		})
		if err != nil {
			return fmt.Errorf("schema migration %d: %w", v, err)
		}
	}
	return nil
}

// inTx runs fn in a write transaction, committing if it returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (db *DB) stamp() string { return db.now().Format(time.RFC3339Nano) }

// ArticleState implements dyad.ArticleStore.
func (db *DB) ArticleState(ctx context.Context, id, hash string) (dyad.ArticleState, error) {
	var h string
	st, err := db.readStmt(ctx, `SELECT hash FROM articles WHERE id = ?`)
	if err == nil {
		err = st.QueryRowContext(ctx, id).Scan(&h)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return dyad.ArticleNew, nil
	case err != nil:
		return "", fmt.Errorf("sqlite: article %q: %w", id, err)
	case h == hash:
		return dyad.ArticleUnchanged, nil
	default:
		return dyad.ArticleUpdated, nil
	}
}

// FindDuplicate implements dyad.ArticleStore: an original with the same
// text hash, else the most similar original sharing a MinHash band with fp
// whose estimated similarity reaches minSimilarity (the earliest on ties).
func (db *DB) FindDuplicate(ctx context.Context, fp dyad.Fingerprint, minSimilarity float64) (*dyad.Duplicate, error) {
	var id string
	st, err := db.readStmt(ctx, `SELECT id FROM articles WHERE hash = ? AND duplicate_of IS NULL ORDER BY rowid LIMIT 1`)
	if err == nil {
		err = st.QueryRowContext(ctx, fp.Hash).Scan(&id)
	}
	if err == nil {
		return &dyad.Duplicate{ArticleID: id, Similarity: 1}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: find duplicate: %w", err)
	}
	if len(fp.Bands) == 0 {
		return nil, nil
	}
	// One indexed lookup per band, united: SQLite does not use the
	// primary key for a disjunction of (band, hash) pairs.
	var q strings.Builder
	args := make([]any, 0, 2*len(fp.Bands))
	q.WriteString(`SELECT a.id, a.minhash FROM articles a WHERE a.duplicate_of IS NULL AND a.rowid IN (`)
	for i, h := range fp.Bands {
		if i > 0 {
			q.WriteString(" UNION ")
		}
		q.WriteString("SELECT article FROM article_bands WHERE band = ? AND hash = ?")
		args = append(args, i, int64(h))
	}
	q.WriteString(`) ORDER BY a.rowid`)
	st, err = db.readStmt(ctx, q.String())
	if err != nil {
		return nil, fmt.Errorf("sqlite: find duplicate: %w", err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find duplicate: %w", err)
	}
	defer rows.Close()
	var best *dyad.Duplicate
	for rows.Next() {
		var cand string
		var blob []byte
		if err := rows.Scan(&cand, &blob); err != nil {
			return nil, fmt.Errorf("sqlite: find duplicate: %w", err)
		}
		s := dedup.Similarity(fp.MinHash, decodeMinHash(blob))
		if s >= minSimilarity && (best == nil || s > best.Similarity) {
			best = &dyad.Duplicate{ArticleID: cand, Similarity: s}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find duplicate: %w", err)
	}
	return best, nil
}

// SaveArticle stores one coded article with its events (see Save).
func (db *DB) SaveArticle(ctx context.Context, a *dyad.StoredArticle, events []dyad.Event) error {
	return db.Save(ctx, []dyad.ArticleWrite{{Article: a, Events: events}})
}

// SaveDuplicate stores one republication of a.DuplicateOf (see Save).
func (db *DB) SaveDuplicate(ctx context.Context, a *dyad.StoredArticle) error {
	if a.DuplicateOf == "" {
		return fmt.Errorf("sqlite: save duplicate %q: no original named", a.ID)
	}
	return db.Save(ctx, []dyad.ArticleWrite{{Article: a}})
}

// Save implements dyad.ArticleStore. An article stored before under the
// same ID has its text, fingerprint and events replaced; its links to
// republications are kept. Committing a batch at once is what keeps the
// store's share of an ingestion small.
func (db *DB) Save(ctx context.Context, batch []dyad.ArticleWrite) error {
	rows := make([][]eventRow, len(batch))
	for i, w := range batch {
		for j := range w.Events {
			r, err := newEventRow(&w.Events[j])
			if err != nil {
				return fmt.Errorf("sqlite: article %q: %w", w.Article.ID, err)
			}
			rows[i] = append(rows[i], r)
		}
	}
	var failed string
	err := db.inTx(ctx, func(sqltx *sql.Tx) error {
		tx := &wtx{Tx: sqltx}
		defer tx.close()
		for i, w := range batch {
			failed = w.Article.ID
			if w.Article.DuplicateOf != "" {
				if err := db.saveDuplicate(ctx, tx, w.Article); err != nil {
					return err
				}
				continue
			}
			rowid, err := db.upsertArticle(ctx, tx, w.Article, sql.NullInt64{}, sql.NullFloat64{})
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE article = ?`, rowid); err != nil {
				return err
			}
			if len(rows[i]) > 0 {
				ins, err := tx.stmt(ctx, insertEventSQL)
				if err != nil {
					return err
				}
				if err := insertEvents(ctx, ins, rowid, rows[i]); err != nil {
					return err
				}
			}
			if _, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO codings(dictionary, model, first_used) VALUES (?, ?, ?)`,
				w.Article.Coding.Dictionary, w.Article.Coding.Model, db.stamp()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: save article %q: %w", failed, err)
	}
	return nil
}

// saveDuplicate stores a as a republication inside tx.
func (db *DB) saveDuplicate(ctx context.Context, tx *wtx, a *dyad.StoredArticle) error {
	var orig int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(duplicate_of, rowid) FROM articles WHERE id = ?`, a.DuplicateOf).Scan(&orig)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("original %q is not stored", a.DuplicateOf)
	}
	if err != nil {
		return err
	}
	sim := sql.NullFloat64{Float64: a.Similarity, Valid: true}
	rowid, err := db.upsertArticle(ctx, tx, a, sql.NullInt64{Int64: orig, Valid: true}, sim)
	if err != nil {
		return err
	}
	// An article that was an original before (same ID, new text that
	// repeats another story) loses its own events.
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE article = ?`, rowid); err != nil {
		return err
	}
	return recount(ctx, tx, orig)
}

// wtx is a write transaction that prepares each statement once, so that a
// batch of articles does not have SQLite parse the same SQL for each.
type wtx struct {
	*sql.Tx
	stmts stmtCache
}

// stmt returns the transaction's prepared statement for query.
func (t *wtx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.stmts.get(ctx, t.Tx, query)
}

// ExecContext runs query's prepared statement.
func (t *wtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryRowContext runs query's prepared statement for one row.
func (t *wtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...) // reports the error
	}
	return st.QueryRowContext(ctx, args...)
}

func (t *wtx) close() { t.stmts.close() }

// recount refreshes an original's report counts from its republications.
func recount(ctx context.Context, tx *wtx, orig int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE articles SET
		num_reports = 1 + (SELECT count(*) FROM articles d WHERE d.duplicate_of = ?1),
		num_sources = (SELECT count(DISTINCT source) FROM articles d WHERE d.rowid = ?1 OR d.duplicate_of = ?1)
		WHERE rowid = ?1`, orig)
	return err
}

// upsertArticle stores a's row and bands, returning its rowid.
func (db *DB) upsertArticle(ctx context.Context, tx *wtx, a *dyad.StoredArticle, dupOf sql.NullInt64, sim sql.NullFloat64) (int64, error) {
	if a.ID == "" {
		return 0, errors.New("article has no ID")
	}
	published := ""
	if !a.Published.IsZero() {
		published = a.Published.UTC().Format(time.RFC3339)
	}
	codedAt := ""
	if !a.Coding.At.IsZero() {
		codedAt = a.Coding.At.UTC().Format(time.RFC3339Nano)
	}
	var prevDup sql.NullInt64
	var rowid int64
	err := tx.QueryRowContext(ctx, `SELECT rowid, duplicate_of FROM articles WHERE id = ?`, a.ID).Scan(&rowid, &prevDup)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO articles(id, url, source, published, title, text, hash, minhash, duplicate_of, similarity, ingested_at, dict_version, model_version, coded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.URL, a.Source, published, a.Title, a.Text, a.Fingerprint.Hash, encodeMinHash(a.Fingerprint.MinHash),
			dupOf, sim, db.stamp(), a.Coding.Dictionary, a.Coding.Model, codedAt)
		if err != nil {
			return 0, err
		}
		if rowid, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	default:
		if dupOf.Valid && dupOf.Int64 == rowid {
			return 0, errors.New("an article cannot repeat itself")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET url = ?, source = ?, published = ?, title = ?, text = ?, hash = ?, minhash = ?,
			duplicate_of = ?, similarity = ?, dict_version = ?, model_version = ?, coded_at = ? WHERE rowid = ?`,
			a.URL, a.Source, published, a.Title, a.Text, a.Fingerprint.Hash, encodeMinHash(a.Fingerprint.MinHash),
			dupOf, sim, a.Coding.Dictionary, a.Coding.Model, codedAt, rowid); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands WHERE article = ?`, rowid); err != nil {
			return 0, err
		}
		if prevDup.Valid && prevDup != dupOf {
			if err := recount(ctx, tx, prevDup.Int64); err != nil {
				return 0, err
			}
		}
	}
	// Only originals are candidates for later duplicates: a chain of
	// republications links to its first article.
	if !dupOf.Valid {
		for i, h := range a.Fingerprint.Bands {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_bands(band, hash, article) VALUES (?, ?, ?)`, i, int64(h), rowid); err != nil {
				return 0, err
			}
		}
	}
	return rowid, nil
}

// Article implements dyad.ArticleStore.
func (db *DB) Article(ctx context.Context, id string) (*dyad.StoredArticle, error) {
	row := db.read.QueryRowContext(ctx, articleSelect+` WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %q: %w", id, err)
	}
	return a, nil
}

// EachOriginal implements dyad.ArticleStore. It pages through the articles
// so that fn may write to the store while it runs.
func (db *DB) EachOriginal(ctx context.Context, fn func(*dyad.StoredArticle) error) error {
	var after int64
	for {
		rows, err := db.read.QueryContext(ctx, articleSelect+` WHERE a.duplicate_of IS NULL AND a.rowid > ? ORDER BY a.rowid LIMIT 100`, after)
		if err != nil {
			return fmt.Errorf("sqlite: articles: %w", err)
		}
		var page []*dyad.StoredArticle
		var last int64
		for rows.Next() {
			a, err := scanArticle(rows, &last)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: articles: %w", err)
			}
			page = append(page, a)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("sqlite: articles: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		after = last
	}
}

const articleSelect = `SELECT a.rowid, a.id, a.url, a.source, a.published, a.title, a.text, a.hash, a.minhash,
	coalesce(o.id, ''), coalesce(a.similarity, 0), a.ingested_at, a.dict_version, a.model_version, a.coded_at
	FROM articles a LEFT JOIN articles o ON o.rowid = a.duplicate_of`

type scanner interface{ Scan(...any) error }

// scanArticle reads one row of articleSelect; rowid, if given, receives
// the row's rowid.
func scanArticle(s scanner, rowid ...*int64) (*dyad.StoredArticle, error) {
	var a dyad.StoredArticle
	var rid int64
	var published, ingested, codedAt string
	var blob []byte
	if err := s.Scan(&rid, &a.ID, &a.URL, &a.Source, &published, &a.Title, &a.Text, &a.Fingerprint.Hash, &blob,
		&a.DuplicateOf, &a.Similarity, &ingested, &a.Coding.Dictionary, &a.Coding.Model, &codedAt); err != nil {
		return nil, err
	}
	for _, p := range rowid {
		*p = rid
	}
	a.Published, _ = time.Parse(time.RFC3339, published)
	a.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
	a.Coding.At, _ = time.Parse(time.RFC3339Nano, codedAt)
	a.Fingerprint.MinHash = decodeMinHash(blob)
	a.Fingerprint.Bands = dedup.Bands(a.Fingerprint.MinHash)
	return &a, nil
}

func encodeMinHash(sig []uint32) []byte {
	if len(sig) == 0 {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func decodeMinHash(b []byte) []uint32 {
	if len(b) == 0 || len(b)%4 != 0 {
		return nil
	}
	sig := make([]uint32, len(b)/4)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// eventRow is an event flattened into the events table's columns.
type eventRow struct {
	e       *dyad.Event
	date    string
	country string
	admin1  string
	lat     sql.NullFloat64
	lon     sql.NullFloat64
	json    []byte
}

func newEventRow(e *dyad.Event) (eventRow, error) {
	if e.ID == "" || e.Code == "" {
		return eventRow{}, fmt.Errorf("event without ID or code: %+v", e)
	}
	b, err := json.Marshal(e)
	if err != nil {
		return eventRow{}, fmt.Errorf("event %s: %w", e.ID, err)
	}
	r := eventRow{e: e, json: b}
	if !e.Date.IsZero() {
		r.date = e.Date.UTC().Format(time.DateOnly)
	}
	if p := e.Place; p != nil {
		r.country = p.Country
		r.admin1 = p.Admin1
		r.lat = sql.NullFloat64{Float64: p.Lat, Valid: true}
		r.lon = sql.NullFloat64{Float64: p.Lon, Valid: true}
	}
	return r, nil
}

const insertEventSQL = `INSERT INTO events(id, article, sentence, date, date_precision, source_code, source_role,
	target_code, target_role, code, root, quad_class, goldstein, plover_type, plover_mode, place_country, place_admin1, lat, lon, pattern_id, json)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`

// insertEvents inserts an article's events with the prepared insertEventSQL.
func insertEvents(ctx context.Context, st *sql.Stmt, article int64, rows []eventRow) error {
	for _, r := range rows {
		e := r.e
		if _, err := st.ExecContext(ctx, e.ID, article, e.Provenance.Sentence, r.date, string(e.DatePrecision),
			e.Source.Code, e.Source.Role, e.Target.Code, e.Target.Role, e.Code, e.Root, e.QuadClass, e.Goldstein,
			e.PloverType, e.PloverMode, r.country, r.admin1, r.lat, r.lon, e.Provenance.PatternID, r.json); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
	}
	return nil
}

// storedEventCols are the columns scanStoredEvent reads, first in a query
// over events e joined with articles a.
const storedEventCols = `e.json, a.num_reports, a.num_sources, a.url, a.dict_version, a.model_version, a.coded_at`

// scanStoredEvent reads a row that starts with storedEventCols into se
// (which it resets), then the row's further columns into extra.
func scanStoredEvent(sc scanner, se *dyad.StoredEvent, extra ...any) error {
	var js []byte
	var codedAt string
	*se = dyad.StoredEvent{}
	dest := append([]any{&js, &se.NumArticles, &se.NumSources, &se.ArticleURL, &se.Coding.Dictionary, &se.Coding.Model, &codedAt}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	if err := json.Unmarshal(js, &se.Event); err != nil {
		return fmt.Errorf("stored event: %w", err)
	}
	se.Coding.At, _ = time.Parse(time.RFC3339Nano, codedAt)
	return nil
}

// Events implements dyad.EventStore.
func (db *DB) Events(ctx context.Context, f dyad.EventFilter) ([]dyad.StoredEvent, error) {
	var out []dyad.StoredEvent
	err := db.eachEvent(ctx, f, ` ORDER BY e.date DESC, e.article DESC, e.sentence, e.id`, func(se *dyad.StoredEvent) error {
		out = append(out, *se)
		return nil
	})
	return out, err
}

// EachEvent implements dyad.EventStore: one query whose rows are decoded
// and handed to fn one at a time, so memory stays bounded whatever the
// number of events; the events are those of one snapshot of the store.
// Limit and Offset apply.
func (db *DB) EachEvent(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
	return db.eachEvent(ctx, f, ` ORDER BY e.date, e.id`, fn)
}

// eachEvent streams the events f selects in the given order to fn.
func (db *DB) eachEvent(ctx context.Context, f dyad.EventFilter, order string, fn func(*dyad.StoredEvent) error) error {
	where, args := eventWhere(f)
	q := `SELECT ` + storedEventCols + ` FROM events e JOIN articles a ON a.rowid = e.article` + where + order
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	var se dyad.StoredEvent
	for rows.Next() {
		if err := scanStoredEvent(rows, &se); err != nil {
			return fmt.Errorf("sqlite: events: %w", err)
		}
		if err := fn(&se); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	return nil
}

// CountEvents implements dyad.EventStore.
func (db *DB) CountEvents(ctx context.Context, f dyad.EventFilter) (int, error) {
	where, args := eventWhere(f)
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM events e JOIN articles a ON a.rowid = e.article`+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count events: %w", err)
	}
	return n, nil
}

// eventWhere turns a filter into a WHERE clause over events e joined with
// articles a.
func eventWhere(f dyad.EventFilter) (string, []any) {
	var w where
	w.common("e", f)
	if f.ActorRole != "" {
		if f.Actor != "" {
			w.add(`((e.source_code = ? AND e.source_role = ?) OR (e.target_code = ? AND e.target_role = ?))`, f.Actor, f.ActorRole, f.Actor, f.ActorRole)
		} else {
			w.add(`(e.source_role = ? OR e.target_role = ?)`, f.ActorRole, f.ActorRole)
		}
	}
	if f.SourceRole != "" {
		w.add(`e.source_role = ?`, f.SourceRole)
	}
	if f.TargetRole != "" {
		w.add(`e.target_role = ?`, f.TargetRole)
	}
	inList(&w, `e.plover_type`, f.PloverTypes)
	inList(&w, `e.plover_mode`, f.PloverModes)
	if f.GoldsteinMin != nil {
		w.add(`e.goldstein >= ?`, *f.GoldsteinMin)
	}
	if f.GoldsteinMax != nil {
		w.add(`e.goldstein <= ?`, *f.GoldsteinMax)
	}
	if f.PlaceCountry != "" {
		w.add(`e.place_country = ?`, f.PlaceCountry)
	}
	if f.PlaceAdmin1 != "" {
		w.add(`e.place_admin1 = ? COLLATE NOCASE`, f.PlaceAdmin1)
	}
	if c := f.Near; c != nil {
		// A bounding box (served by the coordinates), then an
		// equirectangular distance, within 0.5% of the great-circle
		// distance for radii up to a few hundred kilometres.
		dLat := c.KM / kmPerDegree
		cos := math.Max(math.Cos(c.Lat*math.Pi/180), 0.01)
		dLon := math.Min(dLat/cos, 180)
		w.add(`(e.lat BETWEEN ? AND ? AND min(abs(e.lon - ?), 360 - abs(e.lon - ?)) <= ?
			AND (e.lat - ?) * (e.lat - ?) + (min(abs(e.lon - ?), 360 - abs(e.lon - ?)) * ?) * (min(abs(e.lon - ?), 360 - abs(e.lon - ?)) * ?) <= ?)`,
			c.Lat-dLat, c.Lat+dLat, c.Lon, c.Lon, dLon,
			c.Lat, c.Lat, c.Lon, c.Lon, cos, c.Lon, c.Lon, cos, dLat*dLat)
	}
	if f.ArticleID != "" {
		w.add(`a.id = ?`, f.ArticleID)
	}
	if f.Query != "" {
		w.add(`e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`, ftsQuery(f.Query))
	}
	return w.sql()
}

// where collects the conditions of a WHERE clause and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// inList adds "col IN (...)" for a non-empty list.
func inList[T any](w *where, col string, vals []T) {
	if len(vals) == 0 {
		return
	}
	w.conds = append(w.conds, col+` IN (`+placeholders(len(vals))+`)`)
	for _, v := range vals {
		w.args = append(w.args, v)
	}
}

// common adds the conditions on the columns that the events table (alias
// t = "e") and the dyad_daily roll-up (t = "d") share: dates, actors
// (without roles), dyads, codes, roots and quad classes. An undated event
// is stored with an empty date, below every date, so that a bound never
// selects it.
func (w *where) common(t string, f dyad.EventFilter) {
	if f.Undated {
		w.add(t + `.date = ''`)
	}
	switch {
	case !f.Since.IsZero():
		w.add(t+`.date >= ?`, f.Since.UTC().Format(time.DateOnly))
	case !f.Until.IsZero():
		w.add(t + `.date > ''`)
	}
	if !f.Until.IsZero() {
		w.add(t+`.date < ?`, f.Until.UTC().Format(time.DateOnly))
	}
	if f.Actor != "" && f.ActorRole == "" {
		w.add(`(`+t+`.source_code = ? OR `+t+`.target_code = ?)`, f.Actor, f.Actor)
	}
	if f.Source != "" {
		w.add(t+`.source_code = ?`, f.Source)
	}
	if f.Target != "" {
		w.add(t+`.target_code = ?`, f.Target)
	}
	if f.Dyad[0] != "" || f.Dyad[1] != "" {
		w.add(`((`+t+`.source_code = ? AND `+t+`.target_code = ?) OR (`+t+`.source_code = ? AND `+t+`.target_code = ?))`,
			f.Dyad[0], f.Dyad[1], f.Dyad[1], f.Dyad[0])
	}
	if cond, a := partiesWhere(t, f); cond != "" {
		w.add(cond, a...)
	}
	if len(f.Codes) > 0 {
		// A code selects itself and the codes below it; the root
		// condition lets the root index serve longer prefixes too.
		var or []string
		for _, c := range f.Codes {
			if len(c) <= 2 {
				or = append(or, t+`.root = ?`)
				w.args = append(w.args, c)
			} else {
				or = append(or, `(`+t+`.root = ? AND substr(`+t+`.code, 1, ?) = ?)`)
				w.args = append(w.args, c[:2], len(c), c)
			}
		}
		w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
	}
	inList(w, t+`.root`, f.Roots)
	if f.QuadClass != 0 {
		w.add(t+`.quad_class = ?`, f.QuadClass)
	}
	inList(w, t+`.quad_class`, f.QuadClasses)
}

// sql returns the WHERE clause ("" when there is no condition) and its
// arguments.
func (w *where) sql() (string, []any) {
	if len(w.conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(w.conds, " AND "), w.args
}

// partiesWhere is the condition of f.Actors and f.Dyads over the table
// alias t (events or dyad_daily), empty when both are.
func partiesWhere(t string, f dyad.EventFilter) (string, []any) {
	if len(f.Actors) == 0 && len(f.Dyads) == 0 {
		return "", nil
	}
	var or []string
	var args []any
	if len(f.Actors) > 0 {
		ph := placeholders(len(f.Actors))
		or = append(or, t+`.source_code IN (`+ph+`) OR `+t+`.target_code IN (`+ph+`)`)
		for range 2 {
			for _, a := range f.Actors {
				args = append(args, a)
			}
		}
	}
	for _, d := range f.Dyads {
		or = append(or, `(`+t+`.source_code = ? AND `+t+`.target_code = ?) OR (`+t+`.source_code = ? AND `+t+`.target_code = ?)`)
		args = append(args, d[0], d[1], d[1], d[0])
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// kmPerDegree is the length of a degree of latitude.
const kmPerDegree = 111.195

// placeholders returns n comma-separated "?".
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// ftsQuery quotes each word of a user's query so that FTS5 reads it as
// words to find, never as query syntax that could fail ("U.S.", "-").
func ftsQuery(q string) string {
	var terms []string
	for _, w := range strings.Fields(q) {
		w = strings.ReplaceAll(w, `"`, `""`)
		terms = append(terms, `"`+w+`"`)
	}
	return strings.Join(terms, " ")
}
