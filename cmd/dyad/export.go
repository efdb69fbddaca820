package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyad-events/dyad/export"
)

// runExport is `dyad export`.
func runExport(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dbPath := dbFlag(fs)
	format := fs.String("format", export.FormatCSV, "output `FORMAT`: "+strings.Join(export.Formats(), ", "))
	out := fs.String("out", "", "write to `FILE` instead of standard output (written in full or not at all)")
	params := addFilterFlags(fs)
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
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usagef("export: unexpected arguments %q", fs.Args())
	}
	if err := export.CheckFormat(*format); err != nil {
		return usagef("%v", err)
	}
	f, err := parseFilterFlags(params())
	if err != nil {
		return usagef("export: %s", flagError(err))
	}
	if *limit < 0 {
		return usagef("export: --limit %d is negative", *limit)
	}
	f.Limit = *limit
	db, err := openStoreForQuery(ctx, "export", *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "" {
		return export.Write(ctx, env.stdout, *format, db, f)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return export.Write(ctx, w, *format, db, f) })
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
