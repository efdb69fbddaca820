package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
)

// defaultDBPath is the store used when --db is not given: $DYAD_DB, else
// dyad.db in the user's data directory ($XDG_DATA_HOME/dyad or
// ~/.local/share/dyad on Linux, ~/Library/Application Support/dyad on
// macOS, %LocalAppData%\dyad on Windows).
func defaultDBPath() string {
	if p := os.Getenv("DYAD_DB"); p != "" {
		return p
	}
	var dir string
	switch runtime.GOOS {
	case "darwin":
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	case "windows":
		dir = os.Getenv("LocalAppData")
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			if home, err := os.UserHomeDir(); err == nil {
				dir = filepath.Join(home, ".local", "share")
			}
		}
	}
	if dir == "" {
		return "dyad.db"
	}
	return filepath.Join(dir, "dyad", "dyad.db")
}

// dbFlag adds the --db flag to a command's flags.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDBPath(), "`DSN` of the store: a SQLite file or a postgres://USER@HOST/DB URL ($DYAD_DB, else dyad.db in the user's data directory)")
}

// isTerminal reports whether w is a terminal, where progress is drawn in
// place rather than logged.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws a one-line progress display on a terminal, at most ten
// times a second, and nothing elsewhere.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	last  time.Time
	mu    sync.Mutex
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), start: time.Now()}
}

func (p *progress) update(s ingest.Summary, force bool) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	rate := float64(s.Read) / max(now.Sub(p.start).Seconds(), 1e-9)
	fmt.Fprintf(p.w, "\r\x1b[K%d articles (%d new, %d duplicate, %d unchanged, %d failed), %d events, %.0f articles/s",
		s.Read, s.New+s.Updated, s.Duplicate, s.Unchanged, s.Failed, s.Events, rate)
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// isURL reports whether an input names an article or feed URL.
func isURL(input string) bool {
	return strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://")
}

// failureRecorder prints failures and warnings, counts the failures, and
// keeps both in the store's failure log (warnings marked as such), so
// that `dyad stats` lists what an unattended run could not read.
type failureRecorder struct {
	env    *cliEnv
	db     dyad.FailureLog
	ctx    context.Context
	mu     sync.Mutex
	failed int
}

func (r *failureRecorder) report(f *feed.Failure) {
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := f.Err
	if f.Warning {
		msg = fmt.Errorf("warning: %w", f.Err)
	} else {
		r.failed++
	}
	fmt.Fprintf(r.env.stderr, "dyad: %s: %v%s\n", f.Location, msg, limitFlag(f.Err))
	if r.db == nil {
		return
	}
	ingest.RecordFailure(r.ctx, r.db, r.env.log, f.Location, msg)
}

// result reports an article's failure or warning, if any.
func (r *failureRecorder) result(res ingest.Result) {
	switch {
	case res.Err != nil:
		r.report(&feed.Failure{Location: res.ArticleID, Err: res.Err})
	case res.Warning != nil:
		r.report(&feed.Failure{Location: res.ArticleID, Err: res.Warning, Warning: true})
	}
}

// runIngest is `dyad ingest`.
func runIngest(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	dateStr := fs.String("date", "", "`YYYY-MM-DD` date of articles that give none (plain text gives none: without it their events are undated)")
	asJSONL := fs.Bool("jsonl", false, "read every file as JSONL articles whatever its name")
	minSim := fs.Float64("similarity", 0, "estimated shingle `SHARE` (0-1) from which an article is a near-duplicate of an earlier one (default 0.6; above 1 turns near-duplicate detection off)")
	workers := fs.Int("workers", 0, "articles coded at once (default: the number of CPUs)")
	verbose := fs.Bool("v", false, "print one line per article")
	queue := queueFlag(fs, "to publish the articles to instead of coding them here (dyad worker codes and stores them)")
	limits := limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad ingest [flags] PATH|URL...

Reads articles from files, directories (recursively), stdin ("-"), article
URLs and feed URLs (RSS, Atom, RDF), codes them and stores articles and
events in the store (--db: a SQLite file, or PostgreSQL). Exact and near
duplicates are linked to the article they repeat instead of being coded
again; ingesting the same input twice adds nothing. Every article is stored
with its events in one transaction, so an interrupted run can simply be run
again.

With --queue nats://HOST:4222 the articles are published to NATS JetStream
instead, for any number of dyad worker processes to code and store; the
store is not opened here, and inputs that fail are reported only.

Inputs that cannot be read (a missing path, an empty, binary or malformed
file, a bad date, a feed that fails) are reported, recorded in the store
(dyad stats lists them) and counted as failed; the rest is stored.

Exit status: 0 when every input was read, 1 when some failed (the rest is
stored) or the run failed, 2 for a wrong command line.

Flags:`)
		fs.PrintDefaults()
	}
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkLimits(limits); err != nil {
		return err
	}
	date, err := parseDate(*dateStr)
	if err != nil {
		return usagef("ingest: --date: %v", err)
	}
	rec := &failureRecorder{env: env, ctx: ctx}
	// A local path that is not there fails before the store is opened:
	// a mistyped path neither creates a store nor passes for a run.
	var missing []*feed.Failure
	var present []string
	for _, p := range inputs {
		if p != "-" && !isURL(p) {
			if _, err := os.Stat(p); err != nil {
				var pe *iofs.PathError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				missing = append(missing, &feed.Failure{Location: p, Err: err})
				continue
			}
		}
		present = append(present, p)
	}
	if len(present) == 0 {
		for _, f := range missing {
			rec.report(f)
		}
		return &reportedError{fmt.Errorf("ingest: no input could be read; nothing was stored")}
	}
	reader := &feed.Reader{Date: date, Stdin: env.stdin, Report: rec.report}
	if *asJSONL {
		reader.Format = feed.FormatJSONL
	}
	client := feed.NewClient()
	undated := 0
	read := func(emit func(*dyad.Article) error) error {
		count := func(a *dyad.Article) error {
			if a.Published.IsZero() {
				undated++
			}
			return emit(a)
		}
		for _, p := range present {
			if err := readInput(ctx, reader, client, p, count, rec.report); err != nil {
				return err
			}
		}
		return nil
	}
	if *queue != "" {
		for _, f := range missing {
			rec.report(f)
		}
		return publishInputs(ctx, env, *queue, *minSim, read, rec)
	}

	m := &Main{env: env, DSN: *dbPath, DictDir: *dictDir, Limits: *limits}
	defer m.Close()
	in, err := m.Ingester(ctx, *workers, *minSim)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	db, _ := m.Store(ctx) // opened by Ingester
	rec.db = db
	for _, f := range missing {
		rec.report(f)
	}
	prog := newProgress(env.stderr)
	var sum ingest.Summary
	sum, err = in.Ingest(ctx, read, func(r ingest.Result) {
		if r.Err != nil || r.Warning != nil {
			prog.done()
			rec.result(r)
		}
		if r.Err == nil && *verbose {
			line := fmt.Sprintf("%s\t%s\t%d events", r.ArticleID, r.State, r.Events)
			if r.DuplicateOf != "" {
				line += fmt.Sprintf("\tof %s (%.2f)", r.DuplicateOf, r.Similarity)
			}
			fmt.Fprintln(env.stdout, line)
		}
		sum.Add(r)
		prog.update(sum, false)
	})
	prog.done()
	// Every failure counts: the articles that failed, and the inputs
	// (files, lines, dates, feeds) that failed before they became one.
	sum.Failed = rec.failed
	fmt.Fprintf(env.stderr, "dyad ingest: %s (store %s)\n", sum, db.Location())
	if undated > 0 {
		fmt.Fprintf(env.stderr, "dyad ingest: %d %s gave no date, so %s events are stored undated (no date filter selects them; dyad query --undated lists them): --date YYYY-MM-DD dates the articles that give none\n",
			undated, plural(undated, "article", "articles"), plural(undated, "its", "their"))
	}
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if rec.failed > 0 {
		return fmt.Errorf("ingest: %d %s failed (listed above; dyad stats shows the latest); the rest was stored", rec.failed, plural(rec.failed, "input", "inputs"))
	}
	return nil
}

// plural returns one for n == 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readInput hands the articles of one input to emit: a URL is fetched as a
// feed, or as an article page when it is not one; anything else is a local
// path read by r.
func readInput(ctx context.Context, r *feed.Reader, c *feed.Client, input string, emit func(*dyad.Article) error, fail func(*feed.Failure)) error {
	if !isURL(input) {
		return r.Read(ctx, input, emit)
	}
	res, err := c.FetchFeed(ctx, input, feed.State{})
	if err == nil {
		for i := range res.Articles {
			if err := emit(&res.Articles[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	a, aerr := c.FetchArticle(ctx, input)
	if aerr != nil {
		fail(&feed.Failure{Location: input, Err: errors.Join(err, aerr)})
		return nil
	}
	return emit(a)
}

// runRecode is `dyad recode`.
func runRecode(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("recode", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	all := fs.Bool("all", false, "re-code every article, even those coded with the current dictionary and model")
	workers := fs.Int("workers", 0, "articles coded at once (default: the number of CPUs)")
	limits := limitFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad recode [flags]

Codes the stored articles again with the current dictionaries and model and
replaces each article's events in one transaction, stamped with the
dictionary version. Articles already coded with the same versions are
skipped unless --all is given.

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usagef("recode: unexpected arguments %q", fs.Args())
	}
	if err := checkLimits(limits); err != nil {
		return err
	}
	m := &Main{env: env, DSN: *dbPath, DictDir: *dictDir, Limits: *limits}
	defer m.Close()
	db, err := m.ExistingStore(ctx)
	if err != nil {
		return fmt.Errorf("recode: %w", err)
	}
	in, err := m.Ingester(ctx, *workers, 0)
	if err != nil {
		return fmt.Errorf("recode: %w", err)
	}
	coding := in.Coding
	rec := &failureRecorder{env: env, ctx: ctx, db: db}
	prog := newProgress(env.stderr)
	var sum ingest.Summary
	sum, err = in.Recode(ctx, *all, func(r ingest.Result) {
		if r.Err != nil || r.Warning != nil {
			prog.done()
			rec.result(r)
		}
		sum.Add(r)
		prog.update(sum, false)
	})
	prog.done()
	fmt.Fprintf(env.stderr, "dyad recode: %d articles: %d re-coded, %d already current, %d failed; %d events stored (dictionary %s)\n",
		sum.Read, sum.Updated, sum.Unchanged, sum.Failed, sum.Events, coding.Dictionary)
	if err != nil {
		return fmt.Errorf("recode: %w", err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("recode: %d %s failed (listed above); their earlier events are kept", sum.Failed, plural(sum.Failed, "article", "articles"))
	}
	return nil
}

// runStats is `dyad stats`.
func runStats(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	failures := fs.Int("failures", 5, "show the latest `N` recorded failures")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: dyad stats [flags]\n\nSummarises the store: articles, duplicates, events per CAMEO root, date range, the dictionary and model versions that coded them, and recent failures.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openStoreForQuery(ctx, "stats", *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	w := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "store\t%s (%.1f MB, schema %d)\n", db.Location(), float64(st.Bytes)/1e6, st.Schema)
	fmt.Fprintf(w, "articles\t%d (%d originals, %d duplicates) from %d sources\n", st.Articles, st.Articles-st.Duplicates, st.Duplicates, st.Sources)
	span := ""
	if !st.FirstEvent.IsZero() {
		span = fmt.Sprintf(", dated %s .. %s", st.FirstEvent.Format(time.DateOnly), st.LastEvent.Format(time.DateOnly))
	}
	if st.Undated > 0 {
		span += fmt.Sprintf("; %d undated (their articles gave no date: dyad query --undated)", st.Undated)
	}
	fmt.Fprintf(w, "events\t%d%s\n", st.Events, span)
	fmt.Fprintf(w, "feeds\t%d\n", st.Feeds)
	fmt.Fprintf(w, "failures\t%d\n", st.Failures)
	for _, c := range st.Codings {
		fmt.Fprintf(w, "coded by\tdictionary %s, model %s: %d articles\n", c.Dictionary, c.Model, c.Articles)
	}
	w.Flush()
	if len(st.ByRoot) > 0 {
		fmt.Fprintln(env.stdout, "\nevents per CAMEO root:")
		roots := make([]string, 0, len(st.ByRoot))
		for r := range st.ByRoot {
			roots = append(roots, r)
		}
		sort.Strings(roots)
		cb := cameo.Default()
		for _, r := range roots {
			name := ""
			if c, ok := cb.Lookup(r); ok {
				name = c.Name
			}
			fmt.Fprintf(w, "  %s\t%s\t%d\n", r, name, st.ByRoot[r])
		}
		w.Flush()
	}
	if *failures > 0 && st.Failures > 0 {
		fs, err := db.Failures(ctx, *failures)
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		fmt.Fprintln(env.stdout, "\nlatest failures:")
		for _, f := range fs {
			fmt.Fprintf(env.stdout, "  %s  %s: %s\n", f.At.Format(time.RFC3339), f.Location, f.Error)
		}
	}
	return nil
}
