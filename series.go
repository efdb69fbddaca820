package dyad

import (
	"fmt"
	"time"
)

// SeriesCell is one day's count of the events of one key (a quad class,
// a root, or "" for totals), as a store reads it, for BuildSeries.
type SeriesCell struct {
	// Day is the events' date.
	Day time.Time
	// Key is the split's value ("" when the series is not split).
	Key string
	// Events and GoldsteinSum are the day's count and Goldstein sum.
	Events       int
	GoldsteinSum float64
}

// seriesBuckets returns how many buckets of width iv cover [since, until),
// rounded up.
func seriesBuckets(iv Interval, since, until time.Time) int {
	days := int(until.Sub(since).Hours()/24) + 1
	switch iv {
	case Week:
		return days/7 + 2
	case Month:
		return days/28 + 2
	}
	return days
}

// CheckSeriesPeriod returns an error wrapping ErrInvalid when a series of
// width iv over [since, until) cannot be answered: it ends before it starts
// or has more than MaxSeriesPoints buckets. Either bound may be zero.
func CheckSeriesPeriod(iv Interval, since, until time.Time) error {
	if since.IsZero() || until.IsZero() {
		return nil
	}
	if !until.After(since) {
		return fmt.Errorf("%w: the period ends before it starts", ErrInvalid)
	}
	if n := seriesBuckets(iv, since, until); n > MaxSeriesPoints {
		return fmt.Errorf("%w: %d buckets of a %s; at most %d (use a wider interval or a shorter period)", ErrInvalid, n, iv, MaxSeriesPoints)
	}
	return nil
}

// BuildSeries assembles a series from a store's daily cells (in date
// order): every bucket of width iv from since to until, zero-filled, or,
// when a bound is zero, from the first or to the last cell's date. Every
// store builds its series with it, so that all give the same buckets.
func BuildSeries(iv Interval, by SeriesBy, since, until time.Time, cells []SeriesCell) (*Series, error) {
	s := &Series{Interval: iv, By: by, Since: since, Until: until, Points: []SeriesPoint{}}
	if s.Since.IsZero() && len(cells) > 0 {
		s.Since = cells[0].Day
	}
	if s.Until.IsZero() && len(cells) > 0 {
		s.Until = cells[len(cells)-1].Day.AddDate(0, 0, 1)
	}
	if s.Since.IsZero() || s.Until.IsZero() || !s.Until.After(s.Since) {
		return s, nil
	}
	if err := CheckSeriesPeriod(iv, s.Since, s.Until); err != nil {
		return nil, err
	}
	index := map[time.Time]int{}
	for t := iv.Start(s.Since); t.Before(s.Until); t = iv.Next(t) {
		index[t] = len(s.Points)
		s.Points = append(s.Points, SeriesPoint{Date: t})
	}
	for _, c := range cells {
		i, ok := index[iv.Start(c.Day)]
		if !ok {
			continue
		}
		p := &s.Points[i]
		p.Events += c.Events
		p.GoldsteinSum += c.GoldsteinSum
		if by != ByNone {
			if p.Counts == nil {
				p.Counts = map[string]int{}
			}
			p.Counts[c.Key] += c.Events
		}
	}
	for i := range s.Points {
		if p := &s.Points[i]; p.Events > 0 {
			p.GoldsteinMean = p.GoldsteinSum / float64(p.Events)
		}
	}
	return s, nil
}
