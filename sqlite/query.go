package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// Compile-time check that DB answers the API's queries.
var _ dyad.EventQuerier = (*DB)(nil)

// cursor is the position after the last event of a page: the sort keys of
// that event. Every order ends in (date DESC, article DESC, sentence, id),
// a total order, so a page continues exactly after its predecessor.
type cursor struct {
	sort     dyad.EventSort
	reports  int
	date     string
	article  int64
	sentence int
	id       string
}

func (c cursor) encode() string {
	s := strings.Join([]string{"1", string(c.sort), strconv.Itoa(c.reports), c.date,
		strconv.FormatInt(c.article, 10), strconv.Itoa(c.sentence), c.id}, "\x1f")
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(s string, want dyad.EventSort) (cursor, error) {
	bad := fmt.Errorf("%w: malformed cursor (use the next_cursor of a page as it is)", dyad.ErrInvalid)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.Split(string(b), "\x1f")
	if len(parts) != 7 || parts[0] != "1" {
		return cursor{}, bad
	}
	c := cursor{sort: dyad.EventSort(parts[1]), date: parts[3], id: parts[6]}
	var e1, e2, e3 error
	c.reports, e1 = strconv.Atoi(parts[2])
	c.article, e2 = strconv.ParseInt(parts[4], 10, 64)
	c.sentence, e3 = strconv.Atoi(parts[5])
	if e1 != nil || e2 != nil || e3 != nil {
		return cursor{}, bad
	}
	if c.sort != want {
		return cursor{}, fmt.Errorf("%w: the cursor belongs to sort %q, not %q", dyad.ErrInvalid, c.sort, want)
	}
	return c, nil
}

// pageQuery is the ordered query of EventPage for f, without its limit:
// the events after f's cursor in sort order srt.
func pageQuery(f dyad.EventFilter, srt dyad.EventSort) (string, []any, error) {
	where, args := eventWhere(f)
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, srt)
		if err != nil {
			return "", nil, fmt.Errorf("sqlite: events: %w", err)
		}
		// date <= ? lets the date index bound the scan.
		k := `e.date <= ? AND (e.date < ? OR (e.date = ? AND (e.article < ? OR (e.article = ? AND (e.sentence > ? OR (e.sentence = ? AND e.id > ?))))))`
		kargs := []any{c.date, c.date, c.date, c.article, c.article, c.sentence, c.sentence, c.id}
		if srt == dyad.SortArticles {
			k = `a.num_reports <= ? AND (a.num_reports < ? OR (a.num_reports = ? AND (e.date < ? OR (e.date = ? AND (e.article < ? OR (e.article = ? AND (e.sentence > ? OR (e.sentence = ? AND e.id > ?))))))))`
			kargs = []any{c.reports, c.reports, c.reports, c.date, c.date, c.article, c.article, c.sentence, c.sentence, c.id}
		}
		if where == "" {
			where = " WHERE " + k
		} else {
			where += " AND " + k
		}
		args = append(args, kargs...)
	}
	order := ` ORDER BY e.date DESC, e.article DESC, e.sentence, e.id`
	if srt == dyad.SortArticles {
		order = ` ORDER BY a.num_reports DESC, e.date DESC, e.article DESC, e.sentence, e.id`
	}
	return `SELECT ` + storedEventCols + `, e.date, e.article, e.sentence, e.id AS eid
		FROM events e JOIN articles a ON a.rowid = e.article` + where + order, args, nil
}

// EventPage implements dyad.EventQuerier with keyset pagination: a page
// starts strictly after its cursor's sort keys, so events stored between
// two pages never shift the pages that follow.
func (db *DB) EventPage(ctx context.Context, f dyad.EventFilter) (*dyad.EventPage, error) {
	srt := f.Sort
	if srt == "" {
		srt = dyad.SortDate
	}
	if srt != dyad.SortDate && srt != dyad.SortArticles {
		return nil, fmt.Errorf("sqlite: events: %w: unknown sort %q", dyad.ErrInvalid, f.Sort)
	}
	q, args, err := pageQuery(f, srt)
	if err != nil {
		return nil, err
	}
	if a, b := f.Dyad[0], f.Dyad[1]; a != "" && b != "" && a != b && f.Source == "" && f.Target == "" && f.Limit > 0 {
		// Either direction of a dyad: one ordered scan of the dyad index
		// per direction, each stopping after a page, merged; a single
		// query with an OR would sort every event of the pair.
		f1, f2 := f, f
		f1.Dyad, f2.Dyad = [2]string{}, [2]string{}
		f1.Source, f1.Target = a, b
		f2.Source, f2.Target = b, a
		q1, args1, _ := pageQuery(f1, srt)
		q2, args2, _ := pageQuery(f2, srt)
		order := ` ORDER BY date DESC, article DESC, sentence, eid`
		if srt == dyad.SortArticles {
			order = ` ORDER BY num_reports DESC, date DESC, article DESC, sentence, eid`
		}
		q = `SELECT * FROM (` + q1 + ` LIMIT ?) UNION ALL SELECT * FROM (` + q2 + ` LIMIT ?)` + order
		args = append(append(append(args1, f.Limit+1), args2...), f.Limit+1)
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit+1)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	page := &dyad.EventPage{Events: []dyad.StoredEvent{}}
	var last cursor
	for rows.Next() {
		if f.Limit > 0 && len(page.Events) == f.Limit {
			page.Next = last.encode()
			break
		}
		var se dyad.StoredEvent
		last = cursor{sort: srt}
		var eid string
		if err := scanStoredEvent(rows, &se, &last.date, &last.article, &last.sentence, &eid); err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		last.reports, last.id = se.NumArticles, se.ID
		page.Events = append(page.Events, se)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return page, nil
}

// EventDetail implements dyad.EventQuerier.
func (db *DB) EventDetail(ctx context.Context, id string) (*dyad.EventDetail, error) {
	var d dyad.EventDetail
	var text string
	var article int64
	row := db.read.QueryRowContext(ctx, `SELECT `+storedEventCols+`, e.article, a.text
		FROM events e JOIN articles a ON a.rowid = e.article WHERE e.id = ?`, id)
	err := scanStoredEvent(row, &d.StoredEvent, &article, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	d.Highlights = dyad.Highlights(&d.Event, text)
	rows, err := db.read.QueryContext(ctx, `SELECT id, url, source, title, published, duplicate_of IS NULL FROM articles
		WHERE rowid = ?1 OR duplicate_of = ?1 ORDER BY duplicate_of IS NOT NULL, rowid`, article)
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %q: reports: %w", id, err)
	}
	defer rows.Close()
	d.Reports = []dyad.Report{}
	for rows.Next() {
		var r dyad.Report
		var published string
		if err := rows.Scan(&r.ArticleID, &r.URL, &r.Source, &r.Title, &published, &r.Original); err != nil {
			return nil, fmt.Errorf("sqlite: event %q: reports: %w", id, err)
		}
		r.Published, _ = time.Parse(time.RFC3339, published)
		d.Reports = append(d.Reports, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: event %q: reports: %w", id, err)
	}
	return &d, nil
}

// rollupWhere turns a filter into a WHERE clause over dyad_daily d, or
// reports false when the filter uses fields the roll-up does not keep
// (roles, PLOVER, Goldstein, place, article, text, codes below a root).
func rollupWhere(f dyad.EventFilter) (string, []any, bool) {
	if f.SourceRole != "" || f.TargetRole != "" || f.ActorRole != "" || len(f.PloverTypes) > 0 || len(f.PloverModes) > 0 ||
		f.GoldsteinMin != nil || f.GoldsteinMax != nil || f.PlaceCountry != "" || f.PlaceAdmin1 != "" || f.Near != nil ||
		f.ArticleID != "" || f.Query != "" {
		return "", nil, false
	}
	for _, c := range f.Codes {
		if len(c) > 2 {
			return "", nil, false
		}
	}
	var w where
	w.common("d", f)
	clause, args := w.sql()
	return clause, args, true
}

// Series implements dyad.EventQuerier. Filters the roll-up keeps are
// counted from dyad_daily (a few hundred rows for a dyad over a year);
// the others from the events themselves.
func (db *DB) Series(ctx context.Context, q dyad.SeriesQuery) (*dyad.Series, error) {
	iv := q.Interval
	if iv == "" {
		iv = dyad.Day
	}
	if !iv.Valid() {
		return nil, fmt.Errorf("sqlite: series: %w: unknown interval %q", dyad.ErrInvalid, q.Interval)
	}
	var key, rkey string
	switch q.By {
	case dyad.ByNone:
		key, rkey = `''`, `''`
	case dyad.ByQuad:
		key, rkey = `e.quad_class`, `d.quad_class`
	case dyad.ByRoot:
		key, rkey = `e.root`, `d.root`
	default:
		return nil, fmt.Errorf("sqlite: series: %w: unknown split %q", dyad.ErrInvalid, q.By)
	}
	f := q.Filter
	if err := dyad.CheckSeriesPeriod(iv, f.Since, f.Until); err != nil {
		return nil, fmt.Errorf("sqlite: series: %w", err)
	}
	var query string
	var args []any
	if where, a, ok := rollupWhere(f); ok {
		query = `SELECT d.date, ` + rkey + `, sum(d.events), sum(d.goldstein_sum) FROM dyad_daily d` + where + ` GROUP BY 1, 2 ORDER BY 1`
		args = a
	} else {
		where, a := eventWhere(f)
		query = `SELECT e.date, ` + key + `, count(*), sum(e.goldstein) FROM events e JOIN articles a ON a.rowid = e.article` + where + ` GROUP BY 1, 2 ORDER BY 1`
		args = a
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: series: %w", err)
	}
	defer rows.Close()
	var cells []dyad.SeriesCell
	for rows.Next() {
		var c dyad.SeriesCell
		var date string
		if err := rows.Scan(&date, &c.Key, &c.Events, &c.GoldsteinSum); err != nil {
			return nil, fmt.Errorf("sqlite: series: %w", err)
		}
		if c.Day, err = time.Parse(time.DateOnly, date); err != nil || c.Events == 0 {
			continue // an event without a date has no place in a series
		}
		cells = append(cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: series: %w", err)
	}
	s, err := dyad.BuildSeries(iv, q.By, f.Since, f.Until, cells)
	if err != nil {
		return nil, fmt.Errorf("sqlite: series: %w", err)
	}
	return s, nil
}

// Dyads implements dyad.EventQuerier from dyad_daily: events without a
// target are not a dyad and are left out.
func (db *DB) Dyads(ctx context.Context, q dyad.DyadQuery) ([]dyad.DyadStat, error) {
	f := q.Filter
	nodates := f
	nodates.Since, nodates.Until = time.Time{}, time.Time{}
	where, args, ok := rollupWhere(nodates)
	if !ok {
		return nil, fmt.Errorf("sqlite: dyads: %w: dyads can be filtered by dates, actors, roots and quad classes only", dyad.ErrInvalid)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	rank := q.Rank
	if rank == "" {
		rank = dyad.RankVolume
	}
	since, until := f.Since, f.Until
	var prevSince time.Time
	if rank == dyad.RankChange {
		if until.IsZero() {
			var last sql.NullString
			if err := db.read.QueryRowContext(ctx, `SELECT max(date) FROM dyad_daily`).Scan(&last); err != nil {
				return nil, fmt.Errorf("sqlite: dyads: %w", err)
			}
			t, err := time.Parse(time.DateOnly, last.String)
			if err != nil {
				return []dyad.DyadStat{}, nil // nothing stored
			}
			until = t.AddDate(0, 0, 1)
		}
		if since.IsZero() {
			since = until.AddDate(0, 0, -30)
		}
		if !until.After(since) {
			return nil, fmt.Errorf("sqlite: dyads: %w: the period ends before it starts", dyad.ErrInvalid)
		}
		prevSince = since.Add(-until.Sub(since))
	}
	var conds []string
	var dargs []any
	from := since
	if !prevSince.IsZero() {
		from = prevSince
	}
	if !from.IsZero() {
		conds = append(conds, `d.date >= ?`)
		dargs = append(dargs, from.UTC().Format(time.DateOnly))
	} else if !until.IsZero() {
		conds = append(conds, `d.date > ''`) // never an undated event
	}
	if !until.IsZero() {
		conds = append(conds, `d.date < ?`)
		dargs = append(dargs, until.UTC().Format(time.DateOnly))
	}
	conds = append(conds, `d.target_code <> ''`)
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	where += strings.Join(conds, " AND ")
	args = append(args, dargs...)
	cur := `1`
	if !prevSince.IsZero() {
		cur = `d.date >= '` + since.UTC().Format(time.DateOnly) + `'` // a formatted date, not input text
	}
	order := map[dyad.DyadRank]string{
		dyad.RankVolume:   `n DESC, conflict DESC`,
		dyad.RankConflict: `conflict DESC, gsum ASC`,
		dyad.RankChange:   `abs(n - prev) DESC, n DESC`,
	}[rank]
	if order == "" {
		return nil, fmt.Errorf("sqlite: dyads: %w: unknown rank %q", dyad.ErrInvalid, q.Rank)
	}
	query := `SELECT d.source_code, d.target_code,
		sum(CASE WHEN ` + cur + ` THEN d.events ELSE 0 END) AS n,
		sum(CASE WHEN ` + cur + ` AND d.quad_class <= 2 THEN d.events ELSE 0 END),
		sum(CASE WHEN ` + cur + ` AND d.quad_class >= 3 THEN d.events ELSE 0 END) AS conflict,
		sum(CASE WHEN ` + cur + ` THEN d.goldstein_sum ELSE 0 END) AS gsum,
		sum(CASE WHEN ` + cur + ` THEN 0 ELSE d.events END) AS prev
		FROM dyad_daily d` + where + ` GROUP BY 1, 2 ORDER BY ` + order + `, 1, 2 LIMIT ?`
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	defer rows.Close()
	out := []dyad.DyadStat{}
	for rows.Next() {
		var s dyad.DyadStat
		if err := rows.Scan(&s.Source, &s.Target, &s.Events, &s.Cooperation, &s.Conflict, &s.GoldsteinSum, &s.Previous); err != nil {
			return nil, fmt.Errorf("sqlite: dyads: %w", err)
		}
		if s.Events > 0 {
			s.GoldsteinMean = s.GoldsteinSum / float64(s.Events)
		}
		s.Change = s.Events - s.Previous
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: dyads: %w", err)
	}
	return out, nil
}

// ActorEvents implements dyad.EventQuerier from dyad_daily. An event
// whose source and target are the same actor counts once.
func (db *DB) ActorEvents(ctx context.Context, codes []string, prefix string, limit int) (map[string]int, error) {
	out := map[string]int{}
	for _, c := range codes {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT coalesce((SELECT sum(events) FROM dyad_daily WHERE source_code = ?1), 0)
			+ coalesce((SELECT sum(events) FROM dyad_daily WHERE target_code = ?1 AND source_code <> ?1), 0)`, c).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: actor %q: %w", c, err)
		}
		out[c] = n
	}
	if prefix == "" || limit <= 0 {
		return out, nil
	}
	lo := strings.ToUpper(prefix)
	hi := lo + "\U0010FFFF"
	rows, err := db.read.QueryContext(ctx, `SELECT code, sum(n) FROM (
			SELECT source_code AS code, sum(events) AS n FROM dyad_daily WHERE source_code >= ?1 AND source_code < ?2 GROUP BY 1
			UNION ALL
			SELECT target_code, sum(events) FROM dyad_daily WHERE target_code >= ?1 AND target_code < ?2 AND source_code <> target_code GROUP BY 1)
		GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?3`, lo, hi, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actors %q: %w", prefix, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, fmt.Errorf("sqlite: actors %q: %w", prefix, err)
		}
		out[c] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: actors %q: %w", prefix, err)
	}
	return out, nil
}
