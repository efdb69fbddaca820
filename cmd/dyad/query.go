package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	dyadhttp "github.com/dyad-events/dyad/http"
)

// filterFlags are the filter parameters of dyad.ParseFilter as flags, with
// the same names and meanings, for every command that selects events
// (query, series, export): the values are read by that one parser.
var filterFlags = []struct{ name, usage string }{
	{"from", "first event `DATE` (YYYY-MM-DD), inclusive; undated events are never selected by a date"},
	{"to", "last event `DATE`, inclusive"},
	{"undated", "only the events whose date is unknown"},
	{"actor", "`ACTOR` on either side: RUS, RUS:GOV, RUSGOV or :GOV"},
	{"source", "source `ACTOR`: RUS, RUSGOV, RUS:GOV or :MIL"},
	{"target", "target `ACTOR`, as --source"},
	{"dyad", "two codes, either direction (`A-B`: RUS-UKR)"},
	{"code", "CAMEO code `PREFIXES`, comma-separated (04,0356)"},
	{"root", "CAMEO `ROOTS`, comma-separated (18,19)"},
	{"quad", "`QUADCLASSES`, comma-separated (3,4)"},
	{"plover", "PLOVER event `TYPES`, comma-separated (ASSAULT)"},
	{"plover_mode", "PLOVER `MODES`, comma-separated (aerial)"},
	{"goldstein_min", "lowest Goldstein `VALUE`"},
	{"goldstein_max", "highest Goldstein `VALUE`"},
	{"country", "placed in `ISO3` country"},
	{"admin1", "placed in first-level `DIVISION` (name)"},
	{"near", "placed within `LAT,LON,KM`"},
	{"q", "full-text `QUERY` over the article"},
	{"article", "events of article `ID`"},
}

// addFilterFlags adds the filter flags to fs and returns a function that
// gives the flags that were set as API parameters.
func addFilterFlags(fs *flag.FlagSet, extra ...string) func() url.Values {
	for _, f := range filterFlags {
		if f.name == "undated" {
			fs.Bool(f.name, false, f.usage)
			continue
		}
		fs.String(f.name, "", f.usage)
	}
	return func() url.Values {
		v := url.Values{}
		fs.Visit(func(f *flag.Flag) {
			if slices.ContainsFunc(filterFlags, func(x struct{ name, usage string }) bool { return x.name == f.Name }) || slices.Contains(extra, f.Name) {
				v.Set(f.Name, f.Value.String())
			}
		})
		return v
	}
}

// openStoreForQuery opens the existing store dsn names (a SQLite file or a
// postgres:// URL) for command cmd: a SQLite file that is not there is an
// error, not a new empty store.
func openStoreForQuery(ctx context.Context, cmd, dsn string) (dyad.Store, error) {
	db, err := (&Main{DSN: dsn}).ExistingStore(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return db, nil
}

// runQuery is `dyad query`: GET /api/v1/events from the command line.
func runQuery(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	params := addFilterFlags(fs, "sort", "limit", "cursor")
	fs.String("sort", "date", "order: `date` (newest first) or articles (most reported first)")
	fs.String("limit", "50", "events to print (`N`, 1-1000)")
	fs.String("cursor", "", "continue after the page that printed this `CURSOR`")
	format := fs.String("format", "table", "output: `table`, json (as the API answers) or jsonl (one event a line)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad query [flags]

Prints the stored events a filter selects, newest first, with the same
filters as GET /api/v1/events. A table ends with the cursor of the next
page, if any.

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if *format != "table" && *format != "json" && *format != "jsonl" {
		return usagef("query: --format %q: want table, json or jsonl", *format)
	}
	f, err := dyadhttp.ParseEventsQuery(params())
	if err != nil {
		return usagef("query: %s", flagError(err))
	}
	db, err := openStoreForQuery(ctx, "query", *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	page, err := db.EventPage(ctx, f)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(dyadhttp.EventsResponse{Events: page.Events, NextCursor: page.Next})
	case "jsonl":
		enc := json.NewEncoder(env.stdout)
		for i := range page.Events {
			if err := enc.Encode(&page.Events[i]); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tEVENT\tPLOVER\tPLACE\tARTICLES\tSENTENCE")
	for i := range page.Events {
		e := &page.Events[i]
		place := "-"
		if e.Place != nil {
			place = e.Place.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", dateCell(&e.Event), actorCell(e.Source), actorCell(e.Target), e.Code,
			codeName(e.Code), strings.Trim(e.PloverType+" "+e.PloverMode, " "), snippet(place, 20), e.NumArticles, snippet(e.Provenance.SentenceText, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if page.Next != "" {
		fmt.Fprintf(env.stdout, "next page: --cursor %s\n", page.Next)
	}
	return nil
}

// parseFilterFlags reads the filter flags that were set (as addFilterFlags
// gives them) with the API's parser, dyad.ParseFilter, and refuses roles
// the CAMEO codebook does not know, as the API does.
func parseFilterFlags(v url.Values) (dyad.EventFilter, error) {
	f, err := dyad.ParseFilter(v)
	if err != nil {
		return f, err
	}
	return f, cameo.Default().CheckFilter(&f)
}

// flagError words a parameter error for the command line.
func flagError(err error) string {
	var fe *dyad.FilterError
	if errors.As(err, &fe) {
		return "--" + fe.Param + ": " + fe.Reason
	}
	return err.Error()
}

// runSeries is `dyad series`: GET /api/v1/series from the command line.
func runSeries(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("series", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	params := addFilterFlags(fs, "interval", "by")
	fs.String("interval", "day", "bucket: `day`, week (from Monday) or month")
	fs.String("by", "none", "split counts by `quad` or root (none: totals)")
	format := fs.String("format", "table", "output: `table` or json (as the API answers)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad series [flags]

Prints event counts per day, week or month, zero-filled, with the Goldstein
sum and mean, for the events a filter selects (an actor, a dyad, any
filter of dyad query), as GET /api/v1/series does.

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if *format != "table" && *format != "json" {
		return usagef("series: --format %q: want table or json", *format)
	}
	q, err := dyadhttp.ParseSeriesQuery(params())
	if err != nil {
		return usagef("series: %s", flagError(err))
	}
	db, err := openStoreForQuery(ctx, "series", *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Series(ctx, q)
	if err != nil {
		return fmt.Errorf("series: %w", err)
	}
	if !s.Until.IsZero() {
		s.Until = s.Until.AddDate(0, 0, -1)
	}
	if *format == "json" {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	var keys []string
	seen := map[string]bool{}
	for _, p := range s.Points {
		for k := range p.Counts {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	head := "DATE\tEVENTS\tGOLDSTEIN MEAN\tGOLDSTEIN SUM\t"
	for _, k := range keys {
		if q.By == dyad.ByQuad {
			head += "Q" + k + "\t"
		} else {
			head += k + "\t"
		}
	}
	fmt.Fprintln(tw, head)
	for _, p := range s.Points {
		line := fmt.Sprintf("%s\t%d\t%.2f\t%.1f\t", p.Date.Format(time.DateOnly), p.Events, p.GoldsteinMean, p.GoldsteinSum)
		for _, k := range keys {
			line += fmt.Sprintf("%d\t", p.Counts[k])
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}
