package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
)

// maxLine bounds one input file or JSONL line (one article).
const maxLine = 64 << 20

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newCoder builds the coder from the embedded model and dictionaries, with
// dictDir (if any) laid over them.
func newCoder(env *cliEnv, dictDir string) (*coder.Coder, error) {
	c, _, err := newVersionedCoder(env, dictDir)
	return c, err
}

// newVersionedCoder is newCoder that also says which dictionary and model
// versions the coder codes with, for stores to stamp events with.
func newVersionedCoder(env *cliEnv, dictDir string) (*coder.Coder, dyad.Coding, error) {
	return newLimitedCoder(env, dictDir, ingest.Limits{})
}

// limitFlags adds the flags of the per-article limits to fs; the limits
// they give are checked by checkLimits.
func limitFlags(fs *flag.FlagSet) *ingest.Limits {
	l := &ingest.Limits{}
	fs.IntVar(&l.MaxTextBytes, "max-article-bytes", ingest.DefaultMaxTextBytes, "longest article text in `BYTES`: a longer article is not coded and counts as failed")
	fs.IntVar(&l.MaxSentences, "max-sentences", ingest.DefaultMaxSentences, "most sentences `N` coded of one article; the rest is not coded (a warning)")
	fs.IntVar(&l.MaxEvents, "max-events", ingest.DefaultMaxEvents, "most events `N` kept of one article; the rest are dropped (a warning)")
	return l
}

// checkLimits refuses limits that are not positive.
func checkLimits(l *ingest.Limits) error {
	for _, x := range []struct {
		flag string
		n    int
	}{{"max-article-bytes", l.MaxTextBytes}, {"max-sentences", l.MaxSentences}, {"max-events", l.MaxEvents}} {
		if x.n <= 0 {
			return usagef("--%s %d: want a positive number", x.flag, x.n)
		}
	}
	return nil
}

// limitFlag names the flag that raises the limit of a *dyad.LimitError,
// for telling the user how to lift it.
func limitFlag(err error) string {
	var le *dyad.LimitError
	if !errors.As(err, &le) {
		return ""
	}
	switch le.What {
	case "text bytes":
		return " (--max-article-bytes raises the limit)"
	case "sentences":
		return " (--max-sentences raises the limit)"
	case "events":
		return " (--max-events raises the limit)"
	}
	return ""
}

// newLimitedCoder is newVersionedCoder whose coder stops after
// lim.MaxSentences sentences of an article (the default when 0).
func newLimitedCoder(env *cliEnv, dictDir string, lim ingest.Limits) (*coder.Coder, dyad.Coding, error) {
	return (&Main{env: env, DictDir: dictDir, Limits: lim}).Coder()
}

// parseDate reads YYYY-MM-DD or an RFC 3339 time; "" is the zero time.
func parseDate(s string) (time.Time, error) { return feed.ParseDate(s) }

// articleSink receives articles to code; it returns an error only for a
// failure that must stop the run (a write error, a cancelled context).
type articleSink func(a *dyad.Article) error

// readArticles reads the inputs (files, directories, or stdin for "-" or
// none) with feed.Reader and hands each article to sink. Bad records are
// reported on stderr with file:line and counted; the rest are still read.
// asJSONL reads every file as JSONL whatever its name.
func readArticles(ctx context.Context, env *cliEnv, files []string, asJSONL bool, date time.Time, sink articleSink) (bad int, err error) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	r := &feed.Reader{Date: date, Stdin: env.stdin, MaxBytes: maxLine, Report: func(f *feed.Failure) {
		fmt.Fprintf(env.stderr, "dyad: %v\n", f)
		if !f.Warning {
			bad++
		}
	}}
	if asJSONL {
		r.Format = feed.FormatJSONL
	}
	for _, f := range files {
		if err := r.Read(ctx, f, sink); err != nil {
			return bad, err
		}
	}
	return bad, nil
}

// runCode is `dyad code`.
func runCode(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSONL := fs.Bool("jsonl", false, "read JSONL articles ({id,date,title,text,url,source}) whatever the file name")
	dateStr := fs.String("date", "", "article date `YYYY-MM-DD` (relative dates and people's roles resolve against it)")
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	format := fs.String("format", "jsonl", "output format: jsonl, or table for people (a date marked * is the article's date)")
	explain := fs.Bool("explain", false, "print, per sentence, the parse, actors, candidate patterns and filters")
	limits := limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: dyad code [flags] [FILE...]\n\nCodes the events in articles: plain text (.txt, any other named file, or stdin), HTML (.html), JSON (.json), JSONL (.jsonl) or feed files (.xml, .rss, .atom); a directory is read recursively.\n\nFlags:")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *format != "jsonl" && *format != "table" {
		return usagef("code: --format %q: want jsonl or table", *format)
	}
	date, err := parseDate(*dateStr)
	if err != nil {
		return usagef("code: --date: %v", err)
	}
	if err := checkLimits(limits); err != nil {
		return err
	}
	c, _, err := newLimitedCoder(env, *dictDir, *limits)
	if err != nil {
		return fmt.Errorf("code: %w", err)
	}
	// The events are what ingestion would store: the same limits, and the
	// identical events of repeated sentences collapsed.
	guard := &ingest.Guard{Coder: c, Limits: *limits}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	var tw *tabwriter.Writer
	if *format == "table" {
		tw = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tEVENT\tPATTERN\tSENTENCE")
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	nEvents, failed := 0, 0
	bad, err := readArticles(ctx, env, files, *asJSONL, date, func(a *dyad.Article) error {
		var evs []dyad.Event
		var err error
		if *explain {
			fmt.Fprintf(out, "== article %s\n", a.ID)
			evs, err = c.Explain(ctx, a, out)
			evs = ingest.Collapse(evs)
			fmt.Fprintln(out)
		} else {
			evs, err = guard.CodeArticle(ctx, a)
		}
		var le *dyad.LimitError
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.As(err, &le) && le.Partial:
			fmt.Fprintf(env.stderr, "dyad: article %s: warning: %v%s\n", a.ID, err, limitFlag(err))
		default:
			fmt.Fprintf(env.stderr, "dyad: article %s: %v%s\n", a.ID, err, limitFlag(err))
			failed++
			return nil
		}
		for i := range evs {
			nEvents++
			e := &evs[i]
			switch {
			case tw != nil:
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dateCell(e), actorCell(e.Source), actorCell(e.Target),
					e.Code, codeName(e.Code), e.Provenance.PatternID, snippet(e.Provenance.SentenceText, 60))
			case *explain:
				fmt.Fprintf(out, "event %s %s -> %s %s\n", e.Code, actorCell(e.Source), actorCell(e.Target), dateCell(e))
			default:
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if tw != nil {
		tw.Flush()
	}
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	env.log.Debug("coded", "events", nEvents, "bad_inputs", bad, "failed_articles", failed)
	if bad+failed > 0 {
		return fmt.Errorf("code: %d input(s), line(s) or article(s) could not be read or coded (see above); the rest were coded", bad+failed)
	}
	return nil
}

func dateCell(e *dyad.Event) string {
	if e.Date.IsZero() {
		return "-"
	}
	s := e.Date.Format("2006-01-02")
	if e.DatePrecision == dyad.PrecisionArticle {
		s += "*"
	}
	return s
}

func actorCell(a dyad.Actor) string {
	if a.Code == "" {
		return "-"
	}
	if a.Role != "" {
		return a.Code + " " + a.Role
	}
	return a.Code
}

func codeName(code string) string {
	if c, ok := cameo.Default().Lookup(code); ok {
		return snippet(c.Name, 32)
	}
	return ""
}

func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
