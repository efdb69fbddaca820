package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/sqlite"
)

var (
	reExportActor = regexp.MustCompile(`^[A-Z]{3}$`)
	reExportCode  = regexp.MustCompile(`^[0-9]{2,4}$`)
)

// runExport is `dyad export`.
func runExport(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	format := fs.String("format", export.FormatCSV, "output `FORMAT`: "+strings.Join(export.Formats(), ", "))
	out := fs.String("out", "", "write to `FILE` instead of standard output (written in full or not at all)")
	from := fs.String("from", "", "first event `DATE` (YYYY-MM-DD)")
	to := fs.String("to", "", "last event `DATE` (YYYY-MM-DD, inclusive)")
	actor := fs.String("actor", "", "events whose source or target is `CODE` (RUS, IGO)")
	source := fs.String("source", "", "events whose source is `CODE`")
	target := fs.String("target", "", "events whose target is `CODE`")
	codes := fs.String("code", "", "comma-separated CAMEO `CODES` or roots; a code selects the codes below it (04,0356)")
	quads := fs.String("quad", "", "comma-separated quad `CLASSES` (1 verbal cooperation .. 4 material conflict)")
	plover := fs.String("plover", "", "comma-separated PLOVER event `TYPES` (AGREE,ASSAULT)")
	query := fs.String("q", "", "events whose article text matches these `WORDS`")
	limit := fs.Int("limit", 0, "export at most `N` events (0: all)")
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, `Usage: dyad export [flags]

Writes the stored events the filters select, oldest first, as the GDELT 2.0
event table (tab-separated, 61 columns, no header), CSV with a header, JSON
Lines or Parquet. The export streams, so memory stays bounded whatever its
size. README "Exports" lists the columns and how GDELT's map to dyad's.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("export: unexpected arguments %q", fs.Args())
	}
	if err := export.CheckFormat(*format); err != nil {
		return err
	}
	f, err := exportFilter(*from, *to, *actor, *source, *target, *codes, *quads, *plover, *query, *limit)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("export: no store at %s (run dyad ingest first, or pass --db)", *dbPath)
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer db.Close()
	if *out == "" {
		return export.Write(ctx, env.stdout, *format, db, f)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return export.Write(ctx, w, *format, db, f) })
}

// exportFilter builds the event filter of dyad export's flags, checking
// each value; "to" is inclusive.
func exportFilter(from, to, actor, source, target, codes, quads, plover, query string, limit int) (dyad.EventFilter, error) {
	var f dyad.EventFilter
	var err error
	if from != "" {
		if f.Since, err = parseDate(from); err != nil {
			return f, fmt.Errorf("--from: %w", err)
		}
	}
	if to != "" {
		if f.Until, err = parseDate(to); err != nil {
			return f, fmt.Errorf("--to: %w", err)
		}
		f.Until = f.Until.AddDate(0, 0, 1)
		if !f.Since.IsZero() && !f.Until.After(f.Since) {
			return f, fmt.Errorf("--to %s is before --from %s", to, from)
		}
	}
	for _, a := range []struct {
		flag, val string
		dst       *string
	}{{"actor", actor, &f.Actor}, {"source", source, &f.Source}, {"target", target, &f.Target}} {
		if a.val == "" {
			continue
		}
		*a.dst = strings.ToUpper(a.val)
		if !reExportActor.MatchString(*a.dst) {
			return f, fmt.Errorf("--%s %q is not an actor code (want three letters: RUS, IGO)", a.flag, a.val)
		}
	}
	for _, c := range splitList(codes) {
		if !reExportCode.MatchString(c) {
			return f, fmt.Errorf("--code %q is not a CAMEO code or root (want 2 to 4 digits: 04, 0356)", c)
		}
		f.Codes = append(f.Codes, c)
	}
	for _, q := range splitList(quads) {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return f, fmt.Errorf("--quad %q is not a quad class (want 1 to 4)", q)
		}
		f.QuadClasses = append(f.QuadClasses, n)
	}
	for _, p := range splitList(plover) {
		f.PloverTypes = append(f.PloverTypes, strings.ToUpper(p))
	}
	f.Query = strings.TrimSpace(query)
	if limit < 0 {
		return f, fmt.Errorf("--limit %d is negative", limit)
	}
	f.Limit = limit
	return f, nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// writeFileAtomic writes path through a temporary file in its directory
// that is renamed into place only when write succeeds, so that a failed
// export leaves no half-written file (and an earlier file intact).
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
