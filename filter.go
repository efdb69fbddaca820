package dyad

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FilterError is a filter parameter that cannot be read: the API answers
// it with a 400 naming the parameter, the CLI with an error naming the
// flag of the same name.
type FilterError struct {
	// Param is the parameter's (and the flag's) name.
	Param string
	// Reason says what is wrong and what is expected.
	Reason string
}

func (e *FilterError) Error() string { return fmt.Sprintf("parameter %q: %s", e.Param, e.Reason) }

// Limits on what one filter may hold, so that a request cannot ask the
// store for unbounded work.
const (
	// MaxFilterList caps the values of one comma-separated parameter.
	MaxFilterList = 50
	// MaxFilterText caps a free-text parameter, in bytes.
	MaxFilterText = 500
	// MaxNearKM caps the radius of a near circle.
	MaxNearKM = 2000
)

// FilterParams returns the names of the parameters ParseFilter reads, in
// the order the API documents them, so that the API can refuse unknown
// parameters and the CLI can offer each as a flag.
func FilterParams() []string {
	return []string{"from", "to", "undated", "actor", "source", "target", "dyad", "code", "root", "quad", "plover", "plover_mode",
		"goldstein_min", "goldstein_max", "country", "admin1", "near", "q", "article"}
}

// ParseActor reads an actor as analysts write it: a three-letter code
// ("RUS", "IGO"), optionally with a CAMEO role ("RUSGOV", "RUS:GOV"), or a
// role alone (":GOV", any actor in that role). Case is ignored. Whether the
// role exists is the codebook's business (cameo), not the syntax's.
func ParseActor(s string) (Actor, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	var a Actor
	switch {
	case len(u) == 3:
		a.Code = u
	case len(u) == 6:
		a.Code, a.Role = u[:3], u[3:]
	case len(u) == 7 && u[3] == ':':
		a.Code, a.Role = u[:3], u[4:]
	case len(u) == 4 && u[0] == ':':
		a.Role = u[1:]
	default:
		return Actor{}, fmt.Errorf("%q is not an actor (want a code like RUS, optionally with a role: RUSGOV, RUS:GOV, or :GOV for a role alone)", clip(s))
	}
	if (a.Code != "" && !isActorCode(a.Code)) || (a.Role != "" && !isActorCode(a.Role)) {
		return Actor{}, fmt.Errorf("%q is not an actor (want a code like RUS, optionally with a role: RUSGOV, RUS:GOV, or :GOV for a role alone)", clip(s))
	}
	return a, nil
}

// parseCode reads an actor code without a role ("RUS", "igo").
func parseCode(s string) (string, error) {
	a, err := ParseActor(s)
	if err != nil || a.Role != "" || a.Code == "" {
		return "", fmt.Errorf("%q is not an actor code (want three letters: RUS, IGO)", clip(s))
	}
	return a.Code, nil
}

// ParseDyad reads two actor codes joined by "-" ("RUS-UKR"), the pair whose
// events, in either direction, a filter selects.
func ParseDyad(s string) ([2]string, error) {
	bad := fmt.Errorf("%q is not a dyad (want two actor codes: RUS-UKR; either direction is selected)", clip(s))
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ',' || r == '_' })
	if len(parts) != 2 {
		return [2]string{}, bad
	}
	var d [2]string
	for i, p := range parts {
		c, err := parseCode(p)
		if err != nil {
			return [2]string{}, bad
		}
		d[i] = c
	}
	return d, nil
}

// parseCodePrefix reads a CAMEO code prefix: 2 to 4 digits ("04",
// "0356"); a prefix selects the codes below it.
func parseCodePrefix(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !isCodePrefix(s) {
		return "", fmt.Errorf("%q is not a CAMEO code (want 2 to 4 digits; a code selects the codes below it)", clip(s))
	}
	return s, nil
}

// ParseDate reads a filter date, YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", clip(s))
	}
	return t, nil
}

// ParseFilter reads the event filter parameters of v — the query of an API
// request, or the flags of a CLI command under the same names — so that a
// filter means the same everywhere:
//
//	from, to        event dates, YYYY-MM-DD, both inclusive; never an undated event
//	undated         true: only the events whose date is unknown
//	actor           either side: RUS, or with a role: RUS:GOV, RUSGOV, :GOV
//	source, target  one side, as actor
//	dyad            two codes, either direction: RUS-UKR
//	code            CAMEO code prefixes: 04,0356 (a code selects the codes below it)
//	root            CAMEO roots, 01 to 20
//	quad            QuadClasses, 1 to 4
//	plover          PLOVER event types (ASSAULT); plover_mode PLOVER modes (aerial)
//	goldstein_min, goldstein_max   bounds of the Goldstein value, -10 to 10
//	country, admin1 where the event is placed: ISO3 country, first-level division
//	near            within a circle: LAT,LON,KM
//	q               full text of the article
//	article         the events of one article
//
// Lists are comma-separated. Every value is checked against a strict form
// and a *FilterError names the first bad parameter; values reach a store
// only as bound arguments. Parameters ParseFilter does not know are left to
// the caller.
func ParseFilter(v url.Values) (EventFilter, error) {
	var f EventFilter
	var err error
	fail := func(param string, err error) (EventFilter, error) {
		return f, &FilterError{Param: param, Reason: err.Error()}
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.Since}, {"to", &f.Until}} {
		if s := v.Get(d.name); s != "" {
			if *d.dst, err = ParseDate(s); err != nil {
				return fail(d.name, err)
			}
		}
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // "to" is inclusive
		if !f.Since.IsZero() && !f.Until.After(f.Since) {
			return f, &FilterError{Param: "to", Reason: "is before from"}
		}
	}
	switch s := v.Get("undated"); s {
	case "", "false":
	case "true":
		if !f.Since.IsZero() || !f.Until.IsZero() {
			return f, &FilterError{Param: "undated", Reason: "undated events have no date: give undated or from/to, not both"}
		}
		f.Undated = true
	default:
		return f, &FilterError{Param: "undated", Reason: fmt.Sprintf("%q is not true or false", clip(s))}
	}
	for _, a := range []struct {
		name       string
		code, role *string
	}{{"actor", &f.Actor, &f.ActorRole}, {"source", &f.Source, &f.SourceRole}, {"target", &f.Target, &f.TargetRole}} {
		if s := v.Get(a.name); s != "" {
			act, err := ParseActor(s)
			if err != nil {
				return fail(a.name, err)
			}
			*a.code, *a.role = act.Code, act.Role
		}
	}
	if s := v.Get("dyad"); s != "" {
		if f.Dyad, err = ParseDyad(s); err != nil {
			return fail("dyad", err)
		}
	}
	codes, err := filterList(v, "code")
	if err != nil {
		return f, err
	}
	for _, c := range codes {
		if _, err := parseCodePrefix(c); err != nil {
			return fail("code", err)
		}
	}
	f.Codes = codes
	roots, err := filterList(v, "root")
	if err != nil {
		return f, err
	}
	for _, r := range roots {
		if n, err := strconv.Atoi(r); err != nil || len(r) != 2 || n < 1 || n > 20 {
			return f, &FilterError{Param: "root", Reason: fmt.Sprintf("%q is not a CAMEO root (want 01 to 20)", clip(r))}
		}
	}
	f.Roots = roots
	quads, err := filterList(v, "quad")
	if err != nil {
		return f, err
	}
	for _, q := range quads {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return f, &FilterError{Param: "quad", Reason: fmt.Sprintf("%q is not a QuadClass (want 1 to 4)", clip(q))}
		}
		f.QuadClasses = append(f.QuadClasses, n)
	}
	if f.PloverTypes, err = filterList(v, "plover"); err != nil {
		return f, err
	}
	for i, p := range f.PloverTypes {
		f.PloverTypes[i] = strings.ToUpper(p)
		if !isPloverType(f.PloverTypes[i]) {
			return f, &FilterError{Param: "plover", Reason: fmt.Sprintf("%q is not a PLOVER event type (want a name like AGREE, ASSAULT)", clip(p))}
		}
	}
	if f.PloverModes, err = filterList(v, "plover_mode"); err != nil {
		return f, err
	}
	for i, p := range f.PloverModes {
		f.PloverModes[i] = strings.ToLower(p)
		if m := f.PloverModes[i]; len(m) < 2 || len(m) > 30 || strings.Trim(m, "abcdefghijklmnopqrstuvwxyz_-") != "" {
			return f, &FilterError{Param: "plover_mode", Reason: fmt.Sprintf("%q is not a PLOVER mode (want a name like phone, aerial)", clip(p))}
		}
	}
	for _, b := range []struct {
		name string
		dst  **float64
	}{{"goldstein_min", &f.GoldsteinMin}, {"goldstein_max", &f.GoldsteinMax}} {
		if s := v.Get(b.name); s != "" {
			g, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(g) || g < -10 || g > 10 {
				return f, &FilterError{Param: b.name, Reason: fmt.Sprintf("%q is not a Goldstein value (want a number from -10 to 10)", clip(s))}
			}
			*b.dst = &g
		}
	}
	if f.GoldsteinMin != nil && f.GoldsteinMax != nil && *f.GoldsteinMin > *f.GoldsteinMax {
		return f, &FilterError{Param: "goldstein_max", Reason: "is below goldstein_min"}
	}
	if s := v.Get("country"); s != "" {
		if f.PlaceCountry, err = parseCode(s); err != nil {
			return f, &FilterError{Param: "country", Reason: fmt.Sprintf("%q is not a country code (want ISO 3166-1 alpha-3: UKR)", clip(s))}
		}
	}
	if f.PlaceAdmin1, err = FilterText(v, "admin1"); err != nil {
		return f, err
	}
	if s := v.Get("near"); s != "" {
		if f.Near, err = parseCircle(s); err != nil {
			return fail("near", err)
		}
	}
	if f.Query, err = FilterText(v, "q"); err != nil {
		return f, err
	}
	if f.ArticleID, err = FilterText(v, "article"); err != nil {
		return f, err
	}
	return f, nil
}

// parseCircle reads LAT,LON,KM.
func parseCircle(s string) (*Circle, error) {
	bad := fmt.Errorf("%q is not a circle (want LAT,LON,KM: 50.45,30.52,100, with a radius up to %d km)", clip(s), MaxNearKM)
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return nil, bad
	}
	var c Circle
	var e1, e2, e3 error
	c.Lat, e1 = strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	c.Lon, e2 = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	c.KM, e3 = strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
	if e1 != nil || e2 != nil || e3 != nil || !(c.Lat >= -90 && c.Lat <= 90) || !(c.Lon >= -180 && c.Lon <= 180) || !(c.KM > 0) || c.KM > MaxNearKM {
		return nil, bad
	}
	return &c, nil
}

// filterList splits a comma-separated parameter, refusing empty items and
// overlong lists.
func filterList(v url.Values, name string) ([]string, error) {
	s := v.Get(name)
	if s == "" {
		return nil, nil
	}
	items := strings.Split(s, ",")
	if len(items) > MaxFilterList {
		return nil, &FilterError{Param: name, Reason: fmt.Sprintf("at most %d values", MaxFilterList)}
	}
	for i, it := range items {
		items[i] = strings.TrimSpace(it)
		if items[i] == "" {
			return nil, &FilterError{Param: name, Reason: "empty item in the comma-separated list"}
		}
	}
	return items, nil
}

// FilterText reads a free-text parameter: valid UTF-8 without control
// characters, at most MaxFilterText bytes, trimmed.
func FilterText(v url.Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if !utf8.ValidString(s) || len(s) > MaxFilterText || strings.ContainsFunc(s, isControl) {
		return "", &FilterError{Param: name, Reason: fmt.Sprintf("want at most %d bytes of UTF-8 text without control characters", MaxFilterText)}
	}
	return s, nil
}

// isPloverType reports whether s has the form of a PLOVER event type:
// 2 to 20 upper-case letters and underscores.
func isPloverType(s string) bool {
	return len(s) >= 2 && len(s) <= 20 && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == ""
}
