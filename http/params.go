package http

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
)

// ParamError is a query parameter the API cannot read; it becomes a 400
// problem naming the parameter. It is the root package's FilterError, so
// that the filter parser's errors and the API's own are one kind.
type ParamError = dyad.FilterError

// Limits on what a request may ask for.
const (
	// DefaultLimit and MaxLimit bound the events of one page.
	DefaultLimit = 50
	MaxLimit     = 1000
	// maxTextParam caps a free-text parameter, in bytes.
	maxTextParam = dyad.MaxFilterText
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

// ParseFilter reads the event filter parameters of a request with
// dyad.ParseFilter, the parser the CLI uses too, and refuses roles the
// CAMEO codebook does not know.
func ParseFilter(v url.Values) (dyad.EventFilter, error) {
	f, err := dyad.ParseFilter(v)
	if err != nil {
		return f, err
	}
	return f, cameo.Default().CheckFilter(&f)
}

// text reads a free-text parameter: valid UTF-8, no control characters,
// at most maxTextParam bytes.
func text(v url.Values, name string) (string, error) { return dyad.FilterText(v, name) }

// parseDate reads a YYYY-MM-DD date parameter; "" is the zero time.
func parseDate(v url.Values, name string) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := dyad.ParseDate(s)
	if err != nil {
		return t, &ParamError{Param: name, Reason: err.Error()}
	}
	return t, nil
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
	if err := checkParams(v, dyad.FilterParams(), []string{"sort", "limit", "cursor", "count"}); err != nil {
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
	if err := checkParams(v, dyad.FilterParams(), []string{"interval", "by"}); err != nil {
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
var dyadParams = []string{"from", "to", "undated", "actor", "source", "target", "dyad", "root", "quad", "rank", "limit"}

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
	if f.SourceRole != "" || f.TargetRole != "" || f.ActorRole != "" {
		param := "source"
		switch {
		case f.ActorRole != "":
			param = "actor"
		case f.SourceRole == "":
			param = "target"
		}
		return q, &ParamError{Param: param, Reason: "dyads are ranked by country or organisation code; roles are not kept in the roll-up"}
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
