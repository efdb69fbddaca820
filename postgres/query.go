package postgres

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
)

// Compile-time check that DB answers the API's queries.
var _ dyad.EventQuerier = (*DB)(nil)

// rebind numbers the ? placeholders of a query ($1, $2, ...), so that
// conditions can be assembled without counting. dyad's queries hold no ?
// of their own.
func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
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

// sql returns the WHERE clause ("" when there is no condition) and its
// arguments.
func (w *where) sql() (string, []any) {
	if len(w.conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(w.conds, " AND "), w.args
}

// common adds the conditions on the columns that the events table (alias
// t = "e") and the dyad_daily roll-up (t = "d") share: dates, actors
// (without roles), dyads, codes, roots and quad classes. An undated event
// is stored with the date -infinity, below every date, so that a bound
// never selects it.
func (w *where) common(t string, f dyad.EventFilter) {
	if f.Undated {
		w.add(t + `.date = '-infinity'`)
	}
	switch {
	case !f.Since.IsZero():
		w.add(t+`.date >= ?::date`, dateText(f.Since))
	case !f.Until.IsZero():
		w.add(t + `.date > '-infinity'`)
	}
	if !f.Until.IsZero() {
		w.add(t+`.date < ?::date`, dateText(f.Until))
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
	if len(f.Actors) > 0 || len(f.Dyads) > 0 {
		var or []string
		if len(f.Actors) > 0 {
			or = append(or, t+`.source_code = ANY(?) OR `+t+`.target_code = ANY(?)`)
			w.args = append(w.args, f.Actors, f.Actors)
		}
		for _, d := range f.Dyads {
			or = append(or, `(`+t+`.source_code = ? AND `+t+`.target_code = ?) OR (`+t+`.source_code = ? AND `+t+`.target_code = ?)`)
			w.args = append(w.args, d[0], d[1], d[1], d[0])
		}
		w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
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
				or = append(or, `(`+t+`.root = ? AND left(`+t+`.code, ?) = ?)`)
				w.args = append(w.args, c[:2], len(c), c)
			}
		}
		w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
	}
	if len(f.Roots) > 0 {
		w.add(t+`.root = ANY(?)`, f.Roots)
	}
	if f.QuadClass != 0 {
		w.add(t+`.quad_class = ?`, f.QuadClass)
	}
	if len(f.QuadClasses) > 0 {
		q := make([]int16, len(f.QuadClasses))
		for i, c := range f.QuadClasses {
			q[i] = int16(c)
		}
		w.add(t+`.quad_class = ANY(?)`, q)
	}
}

// kmPerDegree is the length of a degree of latitude.
const kmPerDegree = 111.195

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
	if len(f.PloverTypes) > 0 {
		w.add(`e.plover_type = ANY(?)`, f.PloverTypes)
	}
	if len(f.PloverModes) > 0 {
		w.add(`e.plover_mode = ANY(?)`, f.PloverModes)
	}
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
		w.add(`lower(e.place_admin1) = lower(?)`, f.PlaceAdmin1)
	}
	if c := f.Near; c != nil {
		// A bounding box, then an equirectangular distance, as SQLite
		// computes it.
		dLat := c.KM / kmPerDegree
		cos := math.Max(math.Cos(c.Lat*math.Pi/180), 0.01)
		dLon := math.Min(dLat/cos, 180)
		w.add(`(e.lat BETWEEN ? AND ? AND least(abs(e.lon - ?), 360 - abs(e.lon - ?)) <= ?
			AND (e.lat - ?) * (e.lat - ?) + (least(abs(e.lon - ?), 360 - abs(e.lon - ?)) * ?) * (least(abs(e.lon - ?), 360 - abs(e.lon - ?)) * ?) <= ?)`,
			c.Lat-dLat, c.Lat+dLat, c.Lon, c.Lon, dLon,
			c.Lat, c.Lat, c.Lon, c.Lon, cos, c.Lon, c.Lon, cos, dLat*dLat)
	}
	if f.ArticleID != "" {
		w.add(`a.id = ?`, f.ArticleID)
	}
	if f.Query != "" {
		if q, ok := tsquery(f.Query); ok {
			w.add(`a.words @@ ?::tsquery`, q)
		} else {
			w.add(`false`)
		}
	}
	return w.sql()
}

// storedEventCols are the columns scanStoredEvent reads, first in a query
// over events e joined with articles a.
const storedEventCols = `e.doc, a.num_reports, a.num_sources, a.url, a.dict_version, a.model_version, a.coded_at`

// scanStoredEvent reads a row that starts with storedEventCols into se
// (which it resets), then the row's further columns into extra.
func scanStoredEvent(row pgx.Row, se *dyad.StoredEvent, extra ...any) error {
	var doc string
	var codedAt *time.Time
	*se = dyad.StoredEvent{}
	dest := append([]any{&doc, &se.NumArticles, &se.NumSources, &se.ArticleURL, &se.Coding.Dictionary, &se.Coding.Model, &codedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(doc), &se.Event); err != nil {
		return fmt.Errorf("stored event: %w", err)
	}
	se.Coding.At = utc(codedAt)
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
// number of events. Limit and Offset apply.
func (db *DB) EachEvent(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
	return db.eachEvent(ctx, f, ` ORDER BY e.date, e.id`, fn)
}

// eachEvent streams the events f selects in the given order to fn.
func (db *DB) eachEvent(ctx context.Context, f dyad.EventFilter, order string, fn func(*dyad.StoredEvent) error) error {
	where, args := eventWhere(f)
	q := `SELECT ` + storedEventCols + ` FROM events e JOIN articles a ON a.seq = e.article` + where + order
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	if f.Offset > 0 {
		q += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	rows, err := db.pool.Query(ctx, rebind(q), args...)
	if err != nil {
		return fmt.Errorf("postgres: events: %w", err)
	}
	defer rows.Close()
	var se dyad.StoredEvent
	for rows.Next() {
		if err := scanStoredEvent(rows, &se); err != nil {
			return fmt.Errorf("postgres: events: %w", err)
		}
		if err := fn(&se); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: events: %w", err)
	}
	return nil
}

// CountEvents implements dyad.EventStore.
func (db *DB) CountEvents(ctx context.Context, f dyad.EventFilter) (int, error) {
	where, args := eventWhere(f)
	var n int
	if err := db.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM events e JOIN articles a ON a.seq = e.article`+where), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count events: %w", err)
	}
	return n, nil
}

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
	s := strings.Join([]string{"p1", string(c.sort), strconv.Itoa(c.reports), c.date,
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
	if len(parts) != 7 || parts[0] != "p1" {
		return cursor{}, bad
	}
	c := cursor{sort: dyad.EventSort(parts[1]), date: parts[3], id: parts[6]}
	var e1, e2, e3 error
	c.reports, e1 = strconv.Atoi(parts[2])
	c.article, e2 = strconv.ParseInt(parts[4], 10, 64)
	c.sentence, e3 = strconv.Atoi(parts[5])
	if _, e4 := time.Parse(time.DateOnly, c.date); e4 != nil && c.date != "-infinity" {
		return cursor{}, bad
	}
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
			return "", nil, fmt.Errorf("postgres: events: %w", err)
		}
		// A row comparison in the index's order: (date, article) descend,
		// (sentence, id) ascend.
		k := `e.date <= ?::date AND (e.date < ?::date OR (e.date = ?::date AND (e.article < ? OR (e.article = ? AND (e.sentence, e.id) > (?, ?)))))`
		kargs := []any{c.date, c.date, c.date, c.article, c.article, c.sentence, c.id}
		if srt == dyad.SortArticles {
			k = `a.num_reports <= ? AND (a.num_reports < ? OR (a.num_reports = ? AND ` + k + `))`
			kargs = append([]any{c.reports, c.reports, c.reports}, kargs...)
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
	return `SELECT ` + storedEventCols + `, e.date::text AS date, e.article, e.sentence, e.id AS eid, a.num_reports AS nr
		FROM events e JOIN articles a ON a.seq = e.article` + where + order, args, nil
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
		return nil, fmt.Errorf("postgres: events: %w: unknown sort %q", dyad.ErrInvalid, f.Sort)
	}
	q, args, err := pageQuery(f, srt)
	if err != nil {
		return nil, err
	}
	if a, b := f.Dyad[0], f.Dyad[1]; a != "" && b != "" && a != b && f.Source == "" && f.Target == "" && f.Limit > 0 {
		// Either direction of a dyad: one ordered scan per direction,
		// each stopping after a page, merged.
		f1, f2 := f, f
		f1.Dyad, f2.Dyad = [2]string{}, [2]string{}
		f1.Source, f1.Target = a, b
		f2.Source, f2.Target = b, a
		q1, args1, _ := pageQuery(f1, srt)
		q2, args2, _ := pageQuery(f2, srt)
		order := ` ORDER BY date DESC, article DESC, sentence, eid`
		if srt == dyad.SortArticles {
			order = ` ORDER BY nr DESC, date DESC, article DESC, sentence, eid`
		}
		// The merged rows' date is text: '-infinity' sorts after digits,
		// so undated rows are put last explicitly.
		order = strings.Replace(order, "date DESC", "(date = '-infinity'), date DESC", 1)
		q = `SELECT * FROM ((` + q1 + ` LIMIT ?) UNION ALL (` + q2 + ` LIMIT ?)) u` + order
		args = append(append(append(args1, f.Limit+1), args2...), f.Limit+1)
	}
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit+1)
	}
	rows, err := db.pool.Query(ctx, rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
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
		var nr int
		if err := scanStoredEvent(rows, &se, &last.date, &last.article, &last.sentence, &eid, &nr); err != nil {
			return nil, fmt.Errorf("postgres: events: %w", err)
		}
		last.reports, last.id = se.NumArticles, se.ID
		page.Events = append(page.Events, se)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	return page, nil
}

// EventDetail implements dyad.EventQuerier.
func (db *DB) EventDetail(ctx context.Context, id string) (*dyad.EventDetail, error) {
	var d dyad.EventDetail
	var text string
	var article int64
	row := db.pool.QueryRow(ctx, `SELECT `+storedEventCols+`, e.article, a.text
		FROM events e JOIN articles a ON a.seq = e.article WHERE e.id = $1`, id)
	err := scanStoredEvent(row, &d.StoredEvent, &article, &text)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: event %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: event %q: %w", id, err)
	}
	d.Highlights = dyad.Highlights(&d.Event, text)
	rows, err := db.pool.Query(ctx, `SELECT id, url, source, title, published, duplicate_of IS NULL FROM articles
		WHERE seq = $1 OR duplicate_of = $1 ORDER BY duplicate_of IS NOT NULL, seq`, article)
	if err != nil {
		return nil, fmt.Errorf("postgres: event %q: reports: %w", id, err)
	}
	defer rows.Close()
	d.Reports = []dyad.Report{}
	for rows.Next() {
		var r dyad.Report
		var published *time.Time
		if err := rows.Scan(&r.ArticleID, &r.URL, &r.Source, &r.Title, &published, &r.Original); err != nil {
			return nil, fmt.Errorf("postgres: event %q: reports: %w", id, err)
		}
		r.Published = utc(published)
		d.Reports = append(d.Reports, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: event %q: reports: %w", id, err)
	}
	return &d, nil
}

// rollupWhere turns a filter into a WHERE clause over dyad_daily d, or
// reports false when the filter uses fields the roll-up does not keep.
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
// counted from dyad_daily; the others from the events themselves.
func (db *DB) Series(ctx context.Context, q dyad.SeriesQuery) (*dyad.Series, error) {
	iv := q.Interval
	if iv == "" {
		iv = dyad.Day
	}
	if !iv.Valid() {
		return nil, fmt.Errorf("postgres: series: %w: unknown interval %q", dyad.ErrInvalid, q.Interval)
	}
	var key, rkey string
	switch q.By {
	case dyad.ByNone:
		key, rkey = `''`, `''`
	case dyad.ByQuad:
		key, rkey = `e.quad_class::text`, `d.quad_class::text`
	case dyad.ByRoot:
		key, rkey = `e.root`, `d.root`
	default:
		return nil, fmt.Errorf("postgres: series: %w: unknown split %q", dyad.ErrInvalid, q.By)
	}
	f := q.Filter
	if err := dyad.CheckSeriesPeriod(iv, f.Since, f.Until); err != nil {
		return nil, fmt.Errorf("postgres: series: %w", err)
	}
	var query string
	var args []any
	if where, a, ok := rollupWhere(f); ok {
		query = `SELECT d.date::text, ` + rkey + `, sum(d.events)::bigint, sum(d.goldstein_sum) FROM dyad_daily d` + where + ` GROUP BY 1, 2 ORDER BY 1`
		args = a
	} else {
		where, a := eventWhere(f)
		query = `SELECT e.date::text, ` + key + `, count(*), sum(e.goldstein) FROM events e JOIN articles a ON a.seq = e.article` + where + ` GROUP BY 1, 2 ORDER BY 1`
		args = a
	}
	rows, err := db.pool.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: series: %w", err)
	}
	defer rows.Close()
	var cells []dyad.SeriesCell
	for rows.Next() {
		var c dyad.SeriesCell
		var date string
		if err := rows.Scan(&date, &c.Key, &c.Events, &c.GoldsteinSum); err != nil {
			return nil, fmt.Errorf("postgres: series: %w", err)
		}
		if c.Day, err = time.Parse(time.DateOnly, date); err != nil || c.Events == 0 {
			continue // an event without a date has no place in a series
		}
		cells = append(cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: series: %w", err)
	}
	s, err := dyad.BuildSeries(iv, q.By, f.Since, f.Until, cells)
	if err != nil {
		return nil, fmt.Errorf("postgres: series: %w", err)
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
		return nil, fmt.Errorf("postgres: dyads: %w: dyads can be filtered by dates, actors, roots and quad classes only", dyad.ErrInvalid)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	rank := q.Rank
	if rank == "" {
		rank = dyad.RankVolume
	}
	order := map[dyad.DyadRank]string{
		dyad.RankVolume:   `n DESC, conflict DESC`,
		dyad.RankConflict: `conflict DESC, gsum ASC`,
		dyad.RankChange:   `abs(n - prev) DESC, n DESC`,
	}[rank]
	if order == "" {
		return nil, fmt.Errorf("postgres: dyads: %w: unknown rank %q", dyad.ErrInvalid, q.Rank)
	}
	since, until := f.Since, f.Until
	var prevSince time.Time
	if rank == dyad.RankChange {
		if until.IsZero() {
			var last *string
			if err := db.pool.QueryRow(ctx, `SELECT max(date)::text FROM dyad_daily`).Scan(&last); err != nil {
				return nil, fmt.Errorf("postgres: dyads: %w", err)
			}
			if last == nil {
				return []dyad.DyadStat{}, nil // nothing stored
			}
			t, err := time.Parse(time.DateOnly, *last)
			if err != nil {
				return []dyad.DyadStat{}, nil // only undated events
			}
			until = t.AddDate(0, 0, 1)
		}
		if since.IsZero() {
			since = until.AddDate(0, 0, -30)
		}
		if !until.After(since) {
			return nil, fmt.Errorf("postgres: dyads: %w: the period ends before it starts", dyad.ErrInvalid)
		}
		prevSince = since.Add(-until.Sub(since))
	}
	var conds []string
	from := since
	if !prevSince.IsZero() {
		from = prevSince
	}
	if !from.IsZero() {
		conds = append(conds, `d.date >= ?::date`)
		args = append(args, dateText(from))
	} else if !until.IsZero() {
		conds = append(conds, `d.date > '-infinity'`) // never an undated event
	}
	if !until.IsZero() {
		conds = append(conds, `d.date < ?::date`)
		args = append(args, dateText(until))
	}
	conds = append(conds, `d.target_code <> ''`)
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	where += strings.Join(conds, " AND ")
	cur := `true`
	var curArgs []any
	if !prevSince.IsZero() {
		cur = `d.date >= ?::date`
		curArgs = []any{dateText(since)}
	}
	// The five sums each hold cur's placeholder; their arguments come
	// before the WHERE clause's.
	var sel []any
	for range 5 {
		sel = append(sel, curArgs...)
	}
	query := `SELECT * FROM (SELECT d.source_code AS s, d.target_code AS t,
		sum(CASE WHEN ` + cur + ` THEN d.events ELSE 0 END)::bigint AS n,
		sum(CASE WHEN ` + cur + ` AND d.quad_class <= 2 THEN d.events ELSE 0 END)::bigint,
		sum(CASE WHEN ` + cur + ` AND d.quad_class >= 3 THEN d.events ELSE 0 END)::bigint AS conflict,
		sum(CASE WHEN ` + cur + ` THEN d.goldstein_sum ELSE 0 END) AS gsum,
		sum(CASE WHEN ` + cur + ` THEN 0 ELSE d.events END)::bigint AS prev
		FROM dyad_daily d` + where + ` GROUP BY 1, 2) x ORDER BY ` + order + `, s, t LIMIT ?`
	args = append(append(sel, args...), limit)
	rows, err := db.pool.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: dyads: %w", err)
	}
	defer rows.Close()
	out := []dyad.DyadStat{}
	for rows.Next() {
		var s dyad.DyadStat
		if err := rows.Scan(&s.Source, &s.Target, &s.Events, &s.Cooperation, &s.Conflict, &s.GoldsteinSum, &s.Previous); err != nil {
			return nil, fmt.Errorf("postgres: dyads: %w", err)
		}
		if s.Events > 0 {
			s.GoldsteinMean = s.GoldsteinSum / float64(s.Events)
		}
		s.Change = s.Events - s.Previous
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: dyads: %w", err)
	}
	return out, nil
}

// ActorEvents implements dyad.EventQuerier from dyad_daily. An event
// whose source and target are the same actor counts once.
func (db *DB) ActorEvents(ctx context.Context, codes []string, prefix string, limit int) (map[string]int, error) {
	out := map[string]int{}
	for _, c := range codes {
		var n int
		if err := db.pool.QueryRow(ctx, `SELECT (coalesce((SELECT sum(events) FROM dyad_daily WHERE source_code = $1), 0)
			+ coalesce((SELECT sum(events) FROM dyad_daily WHERE target_code = $1 AND source_code <> $1), 0))::bigint`, c).Scan(&n); err != nil {
			return nil, fmt.Errorf("postgres: actor %q: %w", c, err)
		}
		out[c] = n
	}
	if prefix == "" || limit <= 0 {
		return out, nil
	}
	lo := strings.ToUpper(prefix)
	hi := lo + "\U0010FFFF"
	rows, err := db.pool.Query(ctx, `SELECT code, sum(n)::bigint FROM (
			SELECT source_code AS code, sum(events) AS n FROM dyad_daily WHERE source_code >= $1 AND source_code < $2 GROUP BY 1
			UNION ALL
			SELECT target_code, sum(events) FROM dyad_daily WHERE target_code >= $1 AND target_code < $2 AND source_code <> target_code GROUP BY 1) c
		GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $3`, lo, hi, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: actors %q: %w", prefix, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, fmt.Errorf("postgres: actors %q: %w", prefix, err)
		}
		out[c] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: actors %q: %w", prefix, err)
	}
	return out, nil
}
