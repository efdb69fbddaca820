package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

// Compile-time check that DB keeps situations.
var _ dyad.SituationStore = (*DB)(nil)

// parseID reads an ID the store assigned (a decimal rowid); any other
// text is an ID nothing is stored under.
func parseID(id string) (int64, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil && n > 0 && strconv.FormatInt(n, 10) == id
}

func formatID(n int64) string { return strconv.FormatInt(n, 10) }

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// CreateSituation implements dyad.SituationStore.
func (db *DB) CreateSituation(ctx context.Context, s *dyad.Situation) error {
	if s.Name == "" {
		return fmt.Errorf("sqlite: create situation: %w", &dyad.FieldError{Field: "name", Reason: "a situation needs a name"})
	}
	var cols [4]string
	for i, v := range []any{s.Actors, s.Dyads, s.Codes, s.Plover} {
		t, err := jsonText(v)
		if err != nil {
			return fmt.Errorf("sqlite: create situation: %w", err)
		}
		if t == "null" {
			t = "[]"
		}
		cols[i] = t
	}
	created := db.now()
	res, err := db.write.ExecContext(ctx, `INSERT INTO situations(name, description, actors, dyads, codes, plover, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		s.Name, s.Description, cols[0], cols[1], cols[2], cols[3], created.Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("sqlite: create situation %q: %w", s.Name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("sqlite: create situation %q: %w", s.Name, err)
	}
	s.ID, s.Created = formatID(id), created
	return nil
}

const situationSelect = `SELECT id, name, description, actors, dyads, codes, plover, created_at FROM situations`

func scanSituation(sc scanner) (*dyad.Situation, error) {
	var s dyad.Situation
	var id int64
	var actors, dyads, codes, plover, created string
	if err := sc.Scan(&id, &s.Name, &s.Description, &actors, &dyads, &codes, &plover, &created); err != nil {
		return nil, err
	}
	s.ID = formatID(id)
	s.Created, _ = time.Parse(time.RFC3339Nano, created)
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
	rows, err := db.read.QueryContext(ctx, situationSelect+` ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: situations: %w", err)
	}
	defer rows.Close()
	out := []dyad.Situation{}
	for rows.Next() {
		s, err := scanSituation(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: situations: %w", err)
		}
		out = append(out, *s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: situations: %w", err)
	}
	return out, nil
}

// Situation implements dyad.SituationStore.
func (db *DB) Situation(ctx context.Context, id string) (*dyad.Situation, error) {
	n, ok := parseID(id)
	if !ok {
		return nil, fmt.Errorf("sqlite: situation %q: %w", id, dyad.ErrNotFound)
	}
	s, err := scanSituation(db.read.QueryRowContext(ctx, situationSelect+` WHERE id = ?`, n))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: situation %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: situation %q: %w", id, err)
	}
	return s, nil
}

// DeleteSituation implements dyad.SituationStore.
func (db *DB) DeleteSituation(ctx context.Context, id string) error {
	n, ok := parseID(id)
	if !ok {
		return fmt.Errorf("sqlite: delete situation %q: %w", id, dyad.ErrNotFound)
	}
	res, err := db.write.ExecContext(ctx, `DELETE FROM situations WHERE id = ?`, n)
	if err != nil {
		return fmt.Errorf("sqlite: delete situation %q: %w", id, err)
	}
	if k, err := res.RowsAffected(); err == nil && k == 0 {
		return fmt.Errorf("sqlite: delete situation %q: %w", id, dyad.ErrNotFound)
	}
	return nil
}

// CreateRule implements dyad.SituationStore.
func (db *DB) CreateRule(ctx context.Context, r *dyad.AlertRule) error {
	sit, ok := parseID(r.SituationID)
	if !ok {
		return fmt.Errorf("sqlite: create rule: situation %q: %w", r.SituationID, dyad.ErrNotFound)
	}
	codes, err := jsonText(r.Codes)
	if err != nil {
		return fmt.Errorf("sqlite: create rule: %w", err)
	}
	if codes == "null" {
		codes = "[]"
	}
	created := db.now()
	var id int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM situations WHERE id = ?`, sit).Scan(&one); err != nil {
			return err
		}
		var hw int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM event_arrivals`).Scan(&hw); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO alert_rules(situation, kind, codes, threshold, window_days, baseline_days, factor, webhook, created_at, high_water)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sit, string(r.Kind), codes, r.Threshold, r.WindowDays, r.BaselineDays, r.Factor, r.Webhook, created.Format(time.RFC3339Nano), hw)
		if err != nil {
			return err
		}
		r.State = dyad.RuleState{HighWater: hw}
		id, err = res.LastInsertId()
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlite: create rule: situation %q: %w", r.SituationID, dyad.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("sqlite: create rule: %w", err)
	}
	r.ID, r.Created = formatID(id), created
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
		q += ` WHERE situation = ?`
		args = append(args, n)
	}
	rows, err := db.read.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: rules: %w", err)
	}
	defer rows.Close()
	out := []dyad.AlertRule{}
	for rows.Next() {
		var r dyad.AlertRule
		var id, sit int64
		var kind, codes, created, checked string
		if err := rows.Scan(&id, &sit, &kind, &codes, &r.Threshold, &r.WindowDays, &r.BaselineDays, &r.Factor, &r.Webhook, &created,
			&r.State.HighWater, &r.State.Firing, &checked, &r.State.Version); err != nil {
			return nil, fmt.Errorf("sqlite: rules: %w", err)
		}
		r.ID, r.SituationID, r.Kind = formatID(id), formatID(sit), dyad.RuleKind(kind)
		r.Created, _ = time.Parse(time.RFC3339Nano, created)
		r.State.Checked, _ = time.Parse(time.RFC3339Nano, checked)
		if err := json.Unmarshal([]byte(codes), &r.Codes); err != nil {
			return nil, fmt.Errorf("sqlite: rule %d: stored codes: %w", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: rules: %w", err)
	}
	return out, nil
}

// DeleteRule implements dyad.SituationStore.
func (db *DB) DeleteRule(ctx context.Context, situationID, ruleID string) error {
	sit, ok1 := parseID(situationID)
	rule, ok2 := parseID(ruleID)
	if !ok1 || !ok2 {
		return fmt.Errorf("sqlite: delete rule %q: %w", ruleID, dyad.ErrNotFound)
	}
	res, err := db.write.ExecContext(ctx, `DELETE FROM alert_rules WHERE id = ? AND situation = ?`, rule, sit)
	if err != nil {
		return fmt.Errorf("sqlite: delete rule %q: %w", ruleID, err)
	}
	if k, err := res.RowsAffected(); err == nil && k == 0 {
		return fmt.Errorf("sqlite: delete rule %q of situation %q: %w", ruleID, situationID, dyad.ErrNotFound)
	}
	return nil
}

// RecordAlert implements dyad.SituationStore.
func (db *DB) RecordAlert(ctx context.Context, ruleID string, a *dyad.Alert, st dyad.RuleState) error {
	rule, ok := parseID(ruleID)
	if !ok {
		return fmt.Errorf("sqlite: record alert: rule %q: %w", ruleID, dyad.ErrNotFound)
	}
	checked := ""
	if !st.Checked.IsZero() {
		checked = st.Checked.UTC().Format(time.RFC3339Nano)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var version, sit int64
		err := tx.QueryRowContext(ctx, `SELECT version, situation FROM alert_rules WHERE id = ?`, rule).Scan(&version, &sit)
		if errors.Is(err, sql.ErrNoRows) {
			return dyad.ErrNotFound
		}
		if err != nil {
			return err
		}
		if version != st.Version {
			return dyad.ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `UPDATE alert_rules SET high_water = ?, firing = ?, checked_at = ?, version = version + 1 WHERE id = ?`,
			st.HighWater, st.Firing, checked, rule); err != nil {
			return err
		}
		if a == nil {
			return nil
		}
		ids := a.EventIDs
		if ids == nil {
			ids = []string{}
		}
		evs, err := jsonText(ids)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO alerts(rule, situation, kind, fired_at, reason, count, event_ids, delivered, attempts, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			rule, sit, string(a.Kind), a.Fired.UTC().Format(time.RFC3339Nano), a.Reason, a.Count, evs, a.Delivered, a.Attempts, a.LastError)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, e := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO alert_events(rule, event) VALUES (?, ?)`, rule, e); err != nil {
				return err
			}
		}
		a.ID, a.RuleID, a.SituationID = formatID(id), ruleID, formatID(sit)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: record alert of rule %q: %w", ruleID, err)
	}
	return nil
}

// Alerts implements dyad.SituationStore.
func (db *DB) Alerts(ctx context.Context, f dyad.AlertFilter) ([]dyad.Alert, error) {
	var conds []string
	var args []any
	for _, c := range []struct{ col, id string }{{"al.situation", f.SituationID}, {"al.rule", f.RuleID}} {
		if c.id == "" {
			continue
		}
		n, ok := parseID(c.id)
		if !ok {
			return []dyad.Alert{}, nil
		}
		conds = append(conds, c.col+` = ?`)
		args = append(args, n)
	}
	if f.Undelivered {
		conds = append(conds, `al.delivered = 0`)
		if f.MaxAttempts > 0 {
			conds = append(conds, `al.attempts < ?`)
			args = append(args, f.MaxAttempts)
		}
	}
	q := `SELECT al.id, al.rule, al.situation, s.name, al.kind, al.fired_at, al.reason, al.count, al.event_ids, al.delivered, al.attempts, al.last_error
		FROM alerts al JOIN situations s ON s.id = al.situation`
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q += ` ORDER BY al.id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: alerts: %w", err)
	}
	defer rows.Close()
	out := []dyad.Alert{}
	for rows.Next() {
		var a dyad.Alert
		var id, rule, sit int64
		var kind, fired, evs string
		if err := rows.Scan(&id, &rule, &sit, &a.SituationName, &kind, &fired, &a.Reason, &a.Count, &evs, &a.Delivered, &a.Attempts, &a.LastError); err != nil {
			return nil, fmt.Errorf("sqlite: alerts: %w", err)
		}
		a.ID, a.RuleID, a.SituationID, a.Kind = formatID(id), formatID(rule), formatID(sit), dyad.RuleKind(kind)
		a.Fired, _ = time.Parse(time.RFC3339Nano, fired)
		if err := json.Unmarshal([]byte(evs), &a.EventIDs); err != nil {
			return nil, fmt.Errorf("sqlite: alert %d: stored events: %w", id, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: alerts: %w", err)
	}
	return out, nil
}

// MarkDelivery implements dyad.SituationStore.
func (db *DB) MarkDelivery(ctx context.Context, alertID string, delivered bool, errText string) error {
	n, ok := parseID(alertID)
	if !ok {
		return fmt.Errorf("sqlite: alert %q: %w", alertID, dyad.ErrNotFound)
	}
	if delivered {
		errText = ""
	}
	res, err := db.write.ExecContext(ctx, `UPDATE alerts SET attempts = attempts + 1, delivered = ?, last_error = ? WHERE id = ?`, delivered, errText, n)
	if err != nil {
		return fmt.Errorf("sqlite: alert %q: %w", alertID, err)
	}
	if k, err := res.RowsAffected(); err == nil && k == 0 {
		return fmt.Errorf("sqlite: alert %q: %w", alertID, dyad.ErrNotFound)
	}
	return nil
}

// EventsArrived implements dyad.SituationStore. It reads in one
// transaction, so that the mark it returns covers exactly the events it
// looked at.
func (db *DB) EventsArrived(ctx context.Context, q dyad.ArrivalQuery) ([]dyad.StoredEvent, int64, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 10 * dyad.MaxAlertEvents
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: events arrived: %w", err)
	}
	defer tx.Rollback()
	var newest int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM event_arrivals`).Scan(&newest); err != nil {
		return nil, 0, fmt.Errorf("sqlite: events arrived: %w", err)
	}
	if newest <= q.After {
		return []dyad.StoredEvent{}, q.After, nil
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
	args = append(args, cargs...)
	args = append(args, limit)
	rows, err := tx.QueryContext(ctx, `SELECT `+storedEventCols+`, r.seq
		FROM event_arrivals r JOIN events e ON e.id = r.event JOIN articles a ON a.rowid = e.article`+where+` ORDER BY r.seq LIMIT ?`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: events arrived: %w", err)
	}
	defer rows.Close()
	out := []dyad.StoredEvent{}
	var last int64
	for rows.Next() {
		var se dyad.StoredEvent
		if err := scanStoredEvent(rows, &se, &last); err != nil {
			return nil, 0, fmt.Errorf("sqlite: events arrived: %w", err)
		}
		out = append(out, se)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: events arrived: %w", err)
	}
	if len(out) < limit {
		last = newest
	}
	return out, last, nil
}
