package http

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
)

// ParamError is a query parameter the API cannot read; it becomes a 400
// problem naming the parameter.
type ParamError struct {
	// Param is the parameter's name.
	Param string
	// Reason says what is wrong and what is expected.
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %q: %s", e.Param, e.Reason) }

// Parameters of the event filter, shared by /events, /series, /dyads,
// /export and the CLI's `dyad query` and `dyad series`.
var filterParams = []string{"from", "to", "actor", "source", "target", "dyad", "code", "root", "quad", "plover", "plover_mode",
	"goldstein_min", "goldstein_max", "country", "admin1", "near", "q", "article"}

// Limits on what a request may ask for.
const (
	// DefaultLimit and MaxLimit bound the events of one page.
	DefaultLimit = 50
	MaxLimit     = 1000
	// maxListValues caps the values of one list parameter.
	maxListValues = 50
	// maxTextParam caps a free-text parameter, in bytes.
	maxTextParam = 500
)

var (
	reCode   = regexp.MustCompile(`^[A-Z]{3}$`)
	reCAMEO  = regexp.MustCompile(`^[0-9]{2,4}$`)
	reRoot   = regexp.MustCompile(`^(0[1-9]|1[0-9]|20)$`)
	rePlover = regexp.MustCompile(`^[A-Z_]{2,20}$`)
	reMode   = regexp.MustCompile(`^[a-z_-]{2,30}$`)
)

// checkParams refuses parameters that are not in allowed (a misspelt
// filter would otherwise select everything) and parameters given twice.
func checkParams(v url.Values, allowed ...[]string) error {
	for name, vals := range v {
		ok := false
		for _, a := range allowed {
			if slices.Contains(a, name) {
				ok = true
				break
			}
		}
		if !ok {
			var all []string
			for _, a := range allowed {
				all = append(all, a...)
			}
			return &ParamError{Param: truncate(name, 40), Reason: "unknown parameter (known: " + strings.Join(all, ", ") + ")"}
		}
		if len(vals) > 1 {
			return &ParamError{Param: name, Reason: "given more than once (use one value; lists are comma-separated)"}
		}
	}
	return nil
}

// truncate cuts s to at most n bytes of valid UTF-8, for echoing input in
// an error.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// list splits a comma-separated parameter, refusing empty items and
// overlong lists.
func list(v url.Values, name string) ([]string, error) {
	s := v.Get(name)
	if s == "" {
		return nil, nil
	}
	items := strings.Split(s, ",")
	if len(items) > maxListValues {
		return nil, &ParamError{Param: name, Reason: fmt.Sprintf("at most %d values", maxListValues)}
	}
	for i, it := range items {
		items[i] = strings.TrimSpace(it)
		if items[i] == "" {
			return nil, &ParamError{Param: name, Reason: "empty item in the comma-separated list"}
		}
	}
	return items, nil
}

// ParseDate reads a YYYY-MM-DD date parameter.
func parseDate(v url.Values, name string) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, &ParamError{Param: name, Reason: fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", truncate(s, 40))}
	}
	return t, nil
}

// parseActor reads "RUS", "RUSGOV", "RUS:GOV" or ":GOV" (a role on any
// actor) into a code and a role.
func parseActor(name, s string) (code, role string, err error) {
	u := strings.ToUpper(s)
	bad := &ParamError{Param: name, Reason: fmt.Sprintf("%q is not an actor (want a code like RUS, optionally with a role: RUSGOV, RUS:GOV, or :GOV for a role alone)", truncate(s, 40))}
	switch {
	case len(u) == 3:
		code = u
	case len(u) == 6:
		code, role = u[:3], u[3:]
	case len(u) == 7 && u[3] == ':':
		code, role = u[:3], u[4:]
	case len(u) == 4 && u[0] == ':':
		role = u[1:]
	default:
		return "", "", bad
	}
	if (code != "" && !reCode.MatchString(code)) || (role != "" && !reCode.MatchString(role)) {
		return "", "", bad
	}
	if _, ok := cameo.Default().Agent(role); role != "" && !ok {
		return "", "", &ParamError{Param: name, Reason: fmt.Sprintf("%q: %s is not a CAMEO role (GOV, MIL, REB, OPP, COP...)", truncate(s, 40), role)}
	}
	return code, role, nil
}

// ParseFilter reads the event filter parameters of a request (see the
// OpenAPI document for each): the API's endpoints and the CLI share it so
// that a filter means the same everywhere. Every parameter is validated
// against a strict form; the values reach the store only as bound
// arguments.
func ParseFilter(v url.Values) (dyad.EventFilter, error) {
	var f dyad.EventFilter
	var err error
	if f.Since, err = parseDate(v, "from"); err != nil {
		return f, err
	}
	if f.Until, err = parseDate(v, "to"); err != nil {
		return f, err
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // "to" is inclusive
		if !f.Since.IsZero() && !f.Until.After(f.Since) {
			return f, &ParamError{Param: "to", Reason: "is before from"}
		}
	}
	if s := v.Get("actor"); s != "" {
		if f.Actor = strings.ToUpper(s); !reCode.MatchString(f.Actor) {
			return f, &ParamError{Param: "actor", Reason: fmt.Sprintf("%q is not an actor code (want three letters: RUS, IGO)", truncate(s, 40))}
		}
	}
	if s := v.Get("source"); s != "" {
		if f.Source, f.SourceRole, err = parseActor("source", s); err != nil {
			return f, err
		}
	}
	if s := v.Get("target"); s != "" {
		if f.Target, f.TargetRole, err = parseActor("target", s); err != nil {
			return f, err
		}
	}
	if s := v.Get("dyad"); s != "" {
		parts := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == '-' || r == ',' || r == '_' })
		if len(parts) != 2 || !reCode.MatchString(parts[0]) || !reCode.MatchString(parts[1]) {
			return f, &ParamError{Param: "dyad", Reason: fmt.Sprintf("%q is not a dyad (want two actor codes: RUS-UKR; either direction is selected)", truncate(s, 40))}
		}
		f.Dyad = [2]string{parts[0], parts[1]}
	}
	codes, err := list(v, "code")
	if err != nil {
		return f, err
	}
	for _, c := range codes {
		if !reCAMEO.MatchString(c) {
			return f, &ParamError{Param: "code", Reason: fmt.Sprintf("%q is not a CAMEO code (want 2 to 4 digits; a code selects the codes below it)", truncate(c, 40))}
		}
	}
	f.Codes = codes
	roots, err := list(v, "root")
	if err != nil {
		return f, err
	}
	for _, r := range roots {
		if !reRoot.MatchString(r) {
			return f, &ParamError{Param: "root", Reason: fmt.Sprintf("%q is not a CAMEO root (want 01 to 20)", truncate(r, 40))}
		}
	}
	f.Roots = roots
	quads, err := list(v, "quad")
	if err != nil {
		return f, err
	}
	for _, q := range quads {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return f, &ParamError{Param: "quad", Reason: fmt.Sprintf("%q is not a QuadClass (want 1 to 4)", truncate(q, 40))}
		}
		f.QuadClasses = append(f.QuadClasses, n)
	}
	if f.PloverTypes, err = list(v, "plover"); err != nil {
		return f, err
	}
	for i, p := range f.PloverTypes {
		f.PloverTypes[i] = strings.ToUpper(p)
		if !rePlover.MatchString(f.PloverTypes[i]) {
			return f, &ParamError{Param: "plover", Reason: fmt.Sprintf("%q is not a PLOVER event type (want a name like AGREE, ASSAULT)", truncate(p, 40))}
		}
	}
	if f.PloverModes, err = list(v, "plover_mode"); err != nil {
		return f, err
	}
	for i, p := range f.PloverModes {
		f.PloverModes[i] = strings.ToLower(p)
		if !reMode.MatchString(f.PloverModes[i]) {
			return f, &ParamError{Param: "plover_mode", Reason: fmt.Sprintf("%q is not a PLOVER mode (want a name like phone, aerial)", truncate(p, 40))}
		}
	}
	for _, b := range []struct {
		name string
		dst  **float64
	}{{"goldstein_min", &f.GoldsteinMin}, {"goldstein_max", &f.GoldsteinMax}} {
		if s := v.Get(b.name); s != "" {
			g, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(g) || g < -10 || g > 10 {
				return f, &ParamError{Param: b.name, Reason: fmt.Sprintf("%q is not a Goldstein value (want a number from -10 to 10)", truncate(s, 40))}
			}
			*b.dst = &g
		}
	}
	if f.GoldsteinMin != nil && f.GoldsteinMax != nil && *f.GoldsteinMin > *f.GoldsteinMax {
		return f, &ParamError{Param: "goldstein_max", Reason: "is below goldstein_min"}
	}
	if s := v.Get("country"); s != "" {
		f.PlaceCountry = strings.ToUpper(s)
		if !reCode.MatchString(f.PlaceCountry) {
			return f, &ParamError{Param: "country", Reason: fmt.Sprintf("%q is not a country code (want ISO 3166-1 alpha-3: UKR)", truncate(s, 40))}
		}
	}
	if f.PlaceAdmin1, err = text(v, "admin1"); err != nil {
		return f, err
	}
	if s := v.Get("near"); s != "" {
		parts := strings.Split(s, ",")
		bad := &ParamError{Param: "near", Reason: fmt.Sprintf("%q is not a circle (want LAT,LON,KM: 50.45,30.52,100, with a radius up to 2000 km)", truncate(s, 60))}
		if len(parts) != 3 {
			return f, bad
		}
		var c dyad.Circle
		var e1, e2, e3 error
		c.Lat, e1 = strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		c.Lon, e2 = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		c.KM, e3 = strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
		if e1 != nil || e2 != nil || e3 != nil || c.Lat < -90 || c.Lat > 90 || c.Lon < -180 || c.Lon > 180 || !(c.KM > 0) || c.KM > 2000 {
			return f, bad
		}
		f.Near = &c
	}
	if f.Query, err = text(v, "q"); err != nil {
		return f, err
	}
	if f.ArticleID, err = text(v, "article"); err != nil {
		return f, err
	}
	return f, nil
}

// text reads a free-text parameter: valid UTF-8, no control characters,
// at most maxTextParam bytes.
func text(v url.Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if !utf8.ValidString(s) || len(s) > maxTextParam || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", &ParamError{Param: name, Reason: fmt.Sprintf("want at most %d bytes of UTF-8 text without control characters", maxTextParam)}
	}
	return s, nil
}

// intParam reads an integer parameter in [lo, hi], def when absent.
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &ParamError{Param: name, Reason: fmt.Sprintf("%q is not a whole number from %d to %d", truncate(s, 40), lo, hi)}
	}
	return n, nil
}

// oneOf reads a parameter that must be one of values (the first when
// absent).
func oneOf(v url.Values, name string, values ...string) (string, error) {
	s := v.Get(name)
	if s == "" {
		return values[0], nil
	}
	if !slices.Contains(values, s) {
		return "", &ParamError{Param: name, Reason: fmt.Sprintf("%q is not one of %s", truncate(s, 40), strings.Join(values, ", "))}
	}
	return s, nil
}

// ParseEventsQuery reads the parameters of GET /events: the filter, sort,
// limit and cursor.
func ParseEventsQuery(v url.Values) (dyad.EventFilter, error) {
	if err := checkParams(v, filterParams, []string{"sort", "limit", "cursor", "count"}); err != nil {
		return dyad.EventFilter{}, err
	}
	f, err := ParseFilter(v)
	if err != nil {
		return f, err
	}
	srt, err := oneOf(v, "sort", string(dyad.SortDate), string(dyad.SortArticles))
	if err != nil {
		return f, err
	}
	f.Sort = dyad.EventSort(srt)
	if f.Limit, err = intParam(v, "limit", DefaultLimit, 1, MaxLimit); err != nil {
		return f, err
	}
	if c := v.Get("cursor"); c != "" {
		if len(c) > maxTextParam || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return f, &ParamError{Param: "cursor", Reason: "malformed cursor (use the next_cursor of a page as it is)"}
		}
		f.Cursor = c
	}
	if _, err := oneOf(v, "count", "false", "true"); err != nil {
		return f, err
	}
	return f, nil
}

// ParseSeriesQuery reads the parameters of GET /series.
func ParseSeriesQuery(v url.Values) (dyad.SeriesQuery, error) {
	var q dyad.SeriesQuery
	if err := checkParams(v, filterParams, []string{"interval", "by"}); err != nil {
		return q, err
	}
	f, err := ParseFilter(v)
	if err != nil {
		return q, err
	}
	q.Filter = f
	iv, err := oneOf(v, "interval", "day", "week", "month")
	if err != nil {
		return q, err
	}
	q.Interval = dyad.Interval(iv)
	by, err := oneOf(v, "by", "none", "quad", "root")
	if err != nil {
		return q, err
	}
	if by != "none" {
		q.By = dyad.SeriesBy(by)
	}
	return q, nil
}

// dyadParams are the filter parameters /dyads accepts: those the roll-up
// keeps.
var dyadParams = []string{"from", "to", "actor", "source", "target", "dyad", "root", "quad", "rank", "limit"}

// ParseDyadsQuery reads the parameters of GET /dyads.
func ParseDyadsQuery(v url.Values) (dyad.DyadQuery, error) {
	var q dyad.DyadQuery
	if err := checkParams(v, dyadParams); err != nil {
		return q, err
	}
	f, err := ParseFilter(v)
	if err != nil {
		return q, err
	}
	if f.SourceRole != "" || f.TargetRole != "" {
		return q, &ParamError{Param: "source", Reason: "dyads are ranked by country or organisation code; roles are not kept in the roll-up"}
	}
	q.Filter = f
	rank, err := oneOf(v, "rank", "volume", "conflict", "change")
	if err != nil {
		return q, err
	}
	q.Rank = dyad.DyadRank(rank)
	if q.Limit, err = intParam(v, "limit", 20, 1, 500); err != nil {
		return q, err
	}
	return q, nil
}
