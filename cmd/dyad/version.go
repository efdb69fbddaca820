package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"text/tabwriter"
)

// buildVersion returns the module version of this binary ("(devel)" for a
// build from a checkout) and, when the build recorded it, the commit.
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (commit " + rev + modified + ")"
	}
	return v
}

// runVersion is `dyad version`: what a bug report or a stored event's
// coding versions need to be reproduced.
func runVersion(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones (their version is printed)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: dyad version [--dict DIR]

Prints the version of dyad (its Go module), of the embedded language model
and of the dictionaries (a digest of their files, as events are stamped
with), and the Go version that built it.

Flags:`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version: unexpected arguments %q", fs.Args())
	}
	_, coding, err := newVersionedCoder(env, *dictDir)
	if err != nil {
		return fmt.Errorf("version: %w", err)
	}
	w := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "dyad\t%s\n", buildVersion())
	fmt.Fprintf(w, "model\t%s\n", coding.Model)
	fmt.Fprintf(w, "dictionary\t%s\n", coding.Dictionary)
	fmt.Fprintf(w, "go\t%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return w.Flush()
}
