package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
)

// FeedState implements dyad.FeedStateStore. Seen is not kept.
func (db *DB) FeedState(ctx context.Context, url string) (dyad.FeedState, error) {
	s := dyad.FeedState{URL: url}
	var polled, success *time.Time
	err := db.pool.QueryRow(ctx, `SELECT name, etag, last_modified, last_polled, last_success, failures, last_error FROM feeds WHERE url = $1`, url).
		Scan(&s.Name, &s.ETag, &s.LastModified, &polled, &success, &s.Failures, &s.LastError)
	if errors.Is(err, pgx.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("postgres: feed %s: %w", url, err)
	}
	s.LastAttempt, s.LastSuccess = utc(polled), utc(success)
	return s, nil
}

// SaveFeedState implements dyad.FeedStateStore.
func (db *DB) SaveFeedState(ctx context.Context, s dyad.FeedState) error {
	if s.URL == "" {
		return errors.New("postgres: feed state without URL")
	}
	_, err := db.pool.Exec(ctx, `INSERT INTO feeds(url, name, etag, last_modified, last_polled, last_success, failures, last_error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (url) DO UPDATE SET name = excluded.name, etag = excluded.etag, last_modified = excluded.last_modified,
		last_polled = excluded.last_polled, last_success = excluded.last_success, failures = excluded.failures, last_error = excluded.last_error`,
		s.URL, s.Name, s.ETag, s.LastModified, nullTime(s.LastAttempt), nullTime(s.LastSuccess), s.Failures, s.LastError)
	if err != nil {
		return fmt.Errorf("postgres: save feed %s: %w", s.URL, err)
	}
	return nil
}

// RecordFailure implements dyad.FailureLog.
func (db *DB) RecordFailure(ctx context.Context, location string, failure error) error {
	if _, err := db.pool.Exec(ctx, `INSERT INTO failures(at, location, error) VALUES ($1, $2, $3)`, db.now(), location, failure.Error()); err != nil {
		return fmt.Errorf("postgres: record failure at %s: %w", location, err)
	}
	return nil
}

// Failures implements dyad.FailureLog.
func (db *DB) Failures(ctx context.Context, limit int) ([]dyad.Failure, error) {
	rows, err := db.pool.Query(ctx, `SELECT at, location, error FROM failures ORDER BY seq DESC LIMIT $1`, max(limit, 0))
	if err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	defer rows.Close()
	out := []dyad.Failure{}
	for rows.Next() {
		var f dyad.Failure
		if err := rows.Scan(&f.At, &f.Location, &f.Error); err != nil {
			return nil, fmt.Errorf("postgres: failures: %w", err)
		}
		f.At = f.At.UTC()
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	return out, nil
}

// Stats implements dyad.Store. Bytes is the space of the store's tables
// and their indexes in the database.
func (db *DB) Stats(ctx context.Context) (*dyad.StoreStats, error) {
	s := &dyad.StoreStats{ByRoot: map[string]int{}}
	var first, last *string
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(DISTINCT source) FROM articles),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM events WHERE date = '-infinity'),
		(SELECT min(date)::text FROM events WHERE date > '-infinity'),
		(SELECT max(date)::text FROM events WHERE date > '-infinity'),
		(SELECT count(*) FROM feeds),
		(SELECT count(*) FROM failures),
		(SELECT max(version) FROM schema_migrations),
		(SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
			WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r')`).
		Scan(&s.Articles, &s.Duplicates, &s.Sources, &s.Events, &s.Undated, &first, &last, &s.Feeds, &s.Failures, &s.Schema, &s.Bytes)
	if err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	if first != nil {
		s.FirstEvent, _ = time.Parse(time.DateOnly, *first)
	}
	if last != nil {
		s.LastEvent, _ = time.Parse(time.DateOnly, *last)
	}
	rows, err := db.pool.Query(ctx, `SELECT root, count(*) FROM events GROUP BY root`)
	if err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	for rows.Next() {
		var root string
		var n int
		if err := rows.Scan(&root, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: stats: %w", err)
		}
		s.ByRoot[root] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	rows, err = db.pool.Query(ctx, `SELECT dict_version, model_version, count(*) FROM articles WHERE duplicate_of IS NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	for rows.Next() {
		var c dyad.CodingCount
		if err := rows.Scan(&c.Dictionary, &c.Model, &c.Articles); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: stats: %w", err)
		}
		s.Codings = append(s.Codings, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	return s, nil
}
