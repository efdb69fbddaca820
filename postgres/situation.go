package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
)

// Compile-time check that DB keeps situations.
var _ dyad.SituationStore = (*DB)(nil)

// parseID reads an ID the store assigned (a decimal identity); any other
// text is an ID nothing is stored under.
func parseID(id string) (int64, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil && n > 0 && strconv.FormatInt(n, 10) == id
}

func formatID(n int64) string { return strconv.FormatInt(n, 10) }

// jsonList is a list as the store keeps it: JSON, never null.
func jsonList(v any) (string, error) {
	b, err := json.Marshal(v)
	if string(b) == "null" {
		return "[]", err
	}
	return string(b), err
}

// CreateSituation implements dyad.SituationStore.
func (db *DB) CreateSituation(ctx context.Context, s *dyad.Situation) error {
	if s.Name == "" {
		return fmt.Errorf("postgres: create situation: %w", &dyad.FieldError{Field: "name", Reason: "a situation needs a name"})
	}
	var cols [4]string
	for i, v := range []any{s.Actors, s.Dyads, s.Codes, s.Plover} {
		t, err := jsonList(v)
		if err != nil {
			return fmt.Errorf("postgres: create situation: %w", err)
		}
		cols[i] = t
	}
	created := db.now()
	var id int64
	if err := db.pool.QueryRow(ctx, `INSERT INTO situations(name, description, actors, dyads, codes, plover, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, s.Name, s.Description, cols[0], cols[1], cols[2], cols[3], created).Scan(&id); err != nil {
		return fmt.Errorf("postgres: create situation %q: %w", s.Name, err)
	}
	s.ID, s.Created = formatID(id), created.Truncate(time.Microsecond)
	return nil
}

const situationSelect = `SELECT id, name, description, actors, dyads, codes, plover, created_at FROM situations`

func scanSituation(row pgx.Row) (*dyad.Situation, error) {
	var s dyad.Situation
	var id int64
	var actors, dyads, codes, plover string
	var created time.Time
	if err := row.Scan(&id, &s.Name, &s.Description, &actors, &dyads, &codes, &plover, &created); err != nil {
		return nil, err
	}
	s.ID, s.Created = formatID(id), created.UTC()
	for _, c := range []struct {
		text string
		dst  any
	}{{actors, &s.Actors}, {dyads, &s.Dyads}, {codes, &s.Codes}, {plover, &s.Plover}} {
		if err := json.Unmarshal([]byte(c.text), c.dst); err != nil {
			return nil, fmt.Errorf("situation %s: stored list: %w", s.ID, err)
		}
	}
	return &s, nil
}

// Situations implements dyad.SituationStore.
func (db *DB) Situations(ctx context.Context) ([]dyad.Situation, error) {
	rows, err := db.pool.Query(ctx, situationSelect+` ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("postgres: situations: %w", err)
	}
	defer rows.Close()
	out := []dyad.Situation{}
	for rows.Next() {
		s, err := scanSituation(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: situations: %w", err)
		}
		out = append(out, *s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: situations: %w", err)
	}
	return out, nil
}

// Situation implements dyad.SituationStore.
func (db *DB) Situation(ctx context.Context, id string) (*dyad.Situation, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, fmt.Errorf("postgres: situation %q: %w", id, dyad.ErrNotFound)
	}
	s, err := scanSituation(db.pool.QueryRow(ctx, situationSelect+` WHERE id = $1`, n))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: situation %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: situation %q: %w", id, err)
	}
	return s, nil
}

// DeleteSituation implements dyad.SituationStore.
func (db *DB) DeleteSituation(ctx context.Context, id string) error {
	n, ok := parseID(id)
	if !ok {
		return fmt.Errorf("postgres: delete situation %q: %w", id, dyad.ErrNotFound)
	}
	tag, err := db.pool.Exec(ctx, `DELETE FROM situations WHERE id = $1`, n)
	if err != nil {
		return fmt.Errorf("postgres: delete situation %q: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: delete situation %q: %w", id, dyad.ErrNotFound)
	}
	return nil
}

// CreateRule implements dyad.SituationStore.
func (db *DB) CreateRule(ctx context.Context, r *dyad.AlertRule) error {
	sit, ok := parseID(r.SituationID)
	if !ok {
		return fmt.Errorf("postgres: create rule: situation %q: %w", r.SituationID, dyad.ErrNotFound)
	}
	codes, err := jsonList(r.Codes)
	if err != nil {
		return fmt.Errorf("postgres: create rule: %w", err)
	}
	created := db.now()
	var id, hw int64
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM situations WHERE id = $1 FOR SHARE`, sit).Scan(&one); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM event_arrivals`).Scan(&hw); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO alert_rules(situation, kind, codes, threshold, window_days, baseline_days, factor, webhook, created_at, high_water)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			sit, string(r.Kind), codes, r.Threshold, r.WindowDays, r.BaselineDays, r.Factor, r.Webhook, created, hw).Scan(&id)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("postgres: create rule: situation %q: %w", r.SituationID, dyad.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: create rule: %w", err)
	}
	r.ID, r.Created, r.State = formatID(id), created.Truncate(time.Microsecond), dyad.RuleState{HighWater: hw}
	return nil
}

// Rules implements dyad.SituationStore.
func (db *DB) Rules(ctx context.Context, situationID string) ([]dyad.AlertRule, error) {
	q := `SELECT id, situation, kind, codes, threshold, window_days, baseline_days, factor, webhook, created_at,
		high_water, firing, checked_at, version FROM alert_rules`
	var args []any
	if situationID != "" {
		n, ok := parseID(situationID)
		if !ok {
			return []dyad.AlertRule{}, nil
		}
		q += ` WHERE situation = $1`
		args = append(args, n)
	}
	rows, err := db.pool.Query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: rules: %w", err)
	}
	defer rows.Close()
	out := []dyad.AlertRule{}
	for rows.Next() {
		var r dyad.AlertRule
		var id, sit int64
		var kind, codes string
		var created time.Time
		var checked *time.Time
		if err := rows.Scan(&id, &sit, &kind, &codes, &r.Threshold, &r.WindowDays, &r.BaselineDays, &r.Factor, &r.Webhook, &created,
			&r.State.HighWater, &r.State.Firing, &checked, &r.State.Version); err != nil {
			return nil, fmt.Errorf("postgres: rules: %w", err)
		}
		r.ID, r.SituationID, r.Kind = formatID(id), formatID(sit), dyad.RuleKind(kind)
		r.Created, r.State.Checked = created.UTC(), utc(checked)
		if err := json.Unmarshal([]byte(codes), &r.Codes); err != nil {
			return nil, fmt.Errorf("postgres: rule %d: stored codes: %w", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: rules: %w", err)
	}
	return out, nil
}

// DeleteRule implements dyad.SituationStore.
func (db *DB) DeleteRule(ctx context.Context, situationID, ruleID string) error {
	sit, ok1 := parseID(situationID)
	rule, ok2 := parseID(ruleID)
	if !ok1 || !ok2 {
		return fmt.Errorf("postgres: delete rule %q: %w", ruleID, dyad.ErrNotFound)
	}
	tag, err := db.pool.Exec(ctx, `DELETE FROM alert_rules WHERE id = $1 AND situation = $2`, rule, sit)
	if err != nil {
		return fmt.Errorf("postgres: delete rule %q: %w", ruleID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: delete rule %q of situation %q: %w", ruleID, situationID, dyad.ErrNotFound)
	}
	return nil
}

// RecordAlert implements dyad.SituationStore: the rule's row lock makes
// the version check and the update one step, so that of two evaluators
// holding the same state only the first records its alert.
func (db *DB) RecordAlert(ctx context.Context, ruleID string, a *dyad.Alert, st dyad.RuleState) error {
	rule, ok := parseID(ruleID)
	if !ok {
		return fmt.Errorf("postgres: record alert: rule %q: %w", ruleID, dyad.ErrNotFound)
	}
	var alertID, sit int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var version int64
		err := tx.QueryRow(ctx, `SELECT version, situation FROM alert_rules WHERE id = $1 FOR UPDATE`, rule).Scan(&version, &sit)
		if errors.Is(err, pgx.ErrNoRows) {
			return dyad.ErrNotFound
		}
		if err != nil {
			return err
		}
		if version != st.Version {
			return dyad.ErrConflict
		}
		if _, err := tx.Exec(ctx, `UPDATE alert_rules SET high_water = $1, firing = $2, checked_at = $3, version = version + 1 WHERE id = $4`,
			st.HighWater, st.Firing, nullTime(st.Checked), rule); err != nil {
			return err
		}
		if a == nil {
			return nil
		}
		ids := a.EventIDs
		if ids == nil {
			ids = []string{}
		}
		evs, err := jsonList(ids)
		if err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO alerts(rule, situation, kind, fired_at, reason, count, event_ids, delivered, attempts, last_error)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			rule, sit, string(a.Kind), a.Fired.UTC(), a.Reason, a.Count, evs, a.Delivered, a.Attempts, a.LastError).Scan(&alertID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO alert_events(rule, event) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, rule, ids)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: record alert of rule %q: %w", ruleID, err)
	}
	if a != nil {
		a.ID, a.RuleID, a.SituationID = formatID(alertID), ruleID, formatID(sit)
	}
	return nil
}

// Alerts implements dyad.SituationStore.
func (db *DB) Alerts(ctx context.Context, f dyad.AlertFilter) ([]dyad.Alert, error) {
	var w where
	for _, c := range []struct{ col, id string }{{"al.situation", f.SituationID}, {"al.rule", f.RuleID}} {
		if c.id == "" {
			continue
		}
		n, ok := parseID(c.id)
		if !ok {
			return []dyad.Alert{}, nil
		}
		w.add(c.col+` = ?`, n)
	}
	if f.Undelivered {
		w.add(`NOT al.delivered`)
		if f.MaxAttempts > 0 {
			w.add(`al.attempts < ?`, f.MaxAttempts)
		}
	}
	clause, args := w.sql()
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT al.id, al.rule, al.situation, s.name, al.kind, al.fired_at, al.reason, al.count, al.event_ids, al.delivered, al.attempts, al.last_error
		FROM alerts al JOIN situations s ON s.id = al.situation` + clause + ` ORDER BY al.id DESC LIMIT ?`
	rows, err := db.pool.Query(ctx, rebind(q), append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("postgres: alerts: %w", err)
	}
	defer rows.Close()
	out := []dyad.Alert{}
	for rows.Next() {
		var a dyad.Alert
		var id, rule, sit int64
		var kind, evs string
		var fired time.Time
		if err := rows.Scan(&id, &rule, &sit, &a.SituationName, &kind, &fired, &a.Reason, &a.Count, &evs, &a.Delivered, &a.Attempts, &a.LastError); err != nil {
			return nil, fmt.Errorf("postgres: alerts: %w", err)
		}
		a.ID, a.RuleID, a.SituationID, a.Kind, a.Fired = formatID(id), formatID(rule), formatID(sit), dyad.RuleKind(kind), fired.UTC()
		if err := json.Unmarshal([]byte(evs), &a.EventIDs); err != nil {
			return nil, fmt.Errorf("postgres: alert %d: stored events: %w", id, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: alerts: %w", err)
	}
	return out, nil
}

// MarkDelivery implements dyad.SituationStore.
func (db *DB) MarkDelivery(ctx context.Context, alertID string, delivered bool, errText string) error {
	n, ok := parseID(alertID)
	if !ok {
		return fmt.Errorf("postgres: alert %q: %w", alertID, dyad.ErrNotFound)
	}
	if delivered {
		errText = ""
	}
	tag, err := db.pool.Exec(ctx, `UPDATE alerts SET attempts = attempts + 1, delivered = $1, last_error = $2 WHERE id = $3`, delivered, errText, n)
	if err != nil {
		return fmt.Errorf("postgres: alert %q: %w", alertID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: alert %q: %w", alertID, dyad.ErrNotFound)
	}
	return nil
}

// EventsArrived implements dyad.SituationStore. It reads in one
// repeatable-read transaction, so that the mark it returns covers exactly
// the events it looked at; writers number events in commit order, so no
// event committed later can get a mark at or below it.
func (db *DB) EventsArrived(ctx context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 10 * dyad.MaxAlertEvents
	}
	out := []dyad.StoredEvent{}
	var last int64
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		out, last = out[:0], 0
		var newest int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM event_arrivals`).Scan(&newest); err != nil {
			return err
		}
		if newest <= q.After {
			last = q.After
			return nil
		}
		f := q.Filter
		f.Since, f.Until, f.Limit, f.Offset, f.Cursor = time.Time{}, time.Time{}, 0, 0, ""
		where, args := eventWhere(f)
		cond := `r.seq > ? AND r.seq <= ?`
		cargs := []any{q.After, newest}
		if q.NotAlertedBy != "" {
			if rule, ok := parseID(q.NotAlertedBy); ok {
				cond += ` AND e.id NOT IN (SELECT event FROM alert_events WHERE rule = ?)`
				cargs = append(cargs, rule)
			}
		}
		if where == "" {
			where = " WHERE " + cond
		} else {
			where += " AND " + cond
		}
		args = append(append(args, cargs...), limit)
		rows, err := tx.Query(ctx, rebind(`SELECT `+storedEventCols+`, r.seq
			FROM event_arrivals r JOIN events e ON e.id = r.event JOIN articles a ON a.seq = e.article`+where+` ORDER BY r.seq LIMIT ?`), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var se dyad.StoredEvent
			if err := scanStoredEvent(rows, &se, &last); err != nil {
				return err
			}
			out = append(out, se)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) < limit {
			last = newest
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: events arrived: %w", err)
	}
	return out, last, nil
}
