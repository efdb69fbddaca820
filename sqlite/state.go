package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/dyad-events/dyad"
)

// FeedState returns the stored state of a feed; a feed never seen has the
// zero state with its URL set.
func (db *DB) FeedState(ctx context.Context, url string) (dyad.FeedState, error) {
	s := dyad.FeedState{URL: url}
	var polled, success string
	err := db.read.QueryRowContext(ctx, `SELECT name, etag, last_modified, last_polled, last_success, failures, last_error FROM feeds WHERE url = ?`, url).
		Scan(&s.Name, &s.ETag, &s.LastModified, &polled, &success, &s.Failures, &s.LastError)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("sqlite: feed %s: %w", url, err)
	}
	s.LastAttempt, _ = time.Parse(time.RFC3339Nano, polled)
	s.LastSuccess, _ = time.Parse(time.RFC3339Nano, success)
	return s, nil
}

// SaveFeedState implements dyad.FeedStateStore.
func (db *DB) SaveFeedState(ctx context.Context, s dyad.FeedState) error {
	if s.URL == "" {
		return errors.New("sqlite: feed state without URL")
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO feeds(url, name, etag, last_modified, last_polled, last_success, failures, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(url) DO UPDATE SET name = excluded.name, etag = excluded.etag, last_modified = excluded.last_modified,
			last_polled = excluded.last_polled, last_success = excluded.last_success, failures = excluded.failures, last_error = excluded.last_error`,
			s.URL, s.Name, s.ETag, s.LastModified, timeText(s.LastAttempt), timeText(s.LastSuccess), s.Failures, s.LastError)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save feed %s: %w", s.URL, err)
	}
	return nil
}

// RecordFailure implements dyad.FailureLog.
func (db *DB) RecordFailure(ctx context.Context, location string, failure error) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO failures(at, location, error) VALUES (?, ?, ?)`, db.stamp(), location, failure.Error())
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: record failure at %s: %w", location, err)
	}
	return nil
}

// Failures implements dyad.FailureLog.
func (db *DB) Failures(ctx context.Context, limit int) ([]dyad.Failure, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT at, location, error FROM failures ORDER BY rowid DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: failures: %w", err)
	}
	defer rows.Close()
	out := []dyad.Failure{}
	for rows.Next() {
		var f dyad.Failure
		var at string
		if err := rows.Scan(&at, &f.Location, &f.Error); err != nil {
			return nil, fmt.Errorf("sqlite: failures: %w", err)
		}
		f.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// Stats implements dyad.Store.
func (db *DB) Stats(ctx context.Context) (*dyad.StoreStats, error) {
	s := &dyad.StoreStats{ByRoot: map[string]int{}}
	var first, last sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(DISTINCT source) FROM articles),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM events WHERE date = ''),
		(SELECT min(date) FROM events WHERE date != ''),
		(SELECT max(date) FROM events),
		(SELECT count(*) FROM feeds),
		(SELECT count(*) FROM failures),
		(SELECT max(version) FROM schema_migrations)`).
		Scan(&s.Articles, &s.Duplicates, &s.Sources, &s.Events, &s.Undated, &first, &last, &s.Feeds, &s.Failures, &s.Schema)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	s.FirstEvent, _ = time.Parse(time.DateOnly, first.String)
	s.LastEvent, _ = time.Parse(time.DateOnly, last.String)
	rows, err := db.read.QueryContext(ctx, `SELECT root, count(*) FROM events GROUP BY root`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	for rows.Next() {
		var root string
		var n int
		if err := rows.Scan(&root, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: stats: %w", err)
		}
		s.ByRoot[root] = n
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT dict_version, model_version, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY 1, 2 ORDER BY 3 DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	for rows.Next() {
		var c dyad.CodingCount
		if err := rows.Scan(&c.Dictionary, &c.Model, &c.Articles); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: stats: %w", err)
		}
		s.Codings = append(s.Codings, c)
	}
	rows.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(db.path + suffix); err == nil {
			s.Bytes += fi.Size()
		}
	}
	return s, nil
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
