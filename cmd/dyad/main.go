// Command dyad codes political events in news text and serves them.
//
// Usage:
//
//	dyad <command> [flags] [args]
//
// Run `dyad help` for the list of commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand of the CLI.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what commands read and write, so that tests can run them in
// process.
type cliEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"code", "code the events in news text (files, stdin or JSONL articles)", runCode},
		{"dict", "check, look up and count the dictionaries (dyad dict check|lookup|stats)", runDict},
		{"ingest", "code articles from files, directories and URLs into the store, deduplicated", runIngest},
		{"watch", "poll feeds, code and store new articles until stopped; metrics and health over HTTP", runWatch},
		{"worker", "take articles from a NATS queue (dyad ingest/watch --queue), code and store them; any number, on any machines", runWorker},
		{"recode", "re-code stored articles with the current dictionaries and model", runRecode},
		{"stats", "summarise the store: articles, duplicates, events, failures", runStats},
		{"serve", "serve the dashboard and the JSON API over the store (fills an empty default store with the sample corpus)", runServe},
		{"query", "print the stored events a filter selects, as a table or JSON", runQuery},
		{"series", "print event counts per day, week or month for a filter", runSeries},
		{"export", "export stored events as GDELT TSV, CSV, JSONL or Parquet", runExport},
		{"eval", "score the coder against a gold JSONL file", runEval},
		{"geo", "look up places in the gazetteer (dyad geo lookup NAME [--country ISO3])", runGeo},
		{"nlp", "train or evaluate the language pipeline (dyad nlp train|eval|parse)", runNLP},
		{"version", "print the versions of dyad, its language model, its dictionaries and Go", runVersion},
		{"help", "print this list, or a command's flags (dyad help COMMAND)", nil},
	}
}

// The exit statuses of dyad, so that scripts and cron jobs can tell a
// complete run from a partial one: 0 when every input was read, 1 when
// something failed (some inputs, after the rest were stored; or the whole
// run), 2 when the command line was wrong. Help asked for is not an error.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// errUsage marks a wrong command line whose usage help is printed already.
var errUsage = errors.New("usage")

// usageError is a wrong command line (a bad flag value, a missing or
// unexpected argument): exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError with a message made as by fmt.Sprintf.
func usagef(format string, a ...any) error { return &usageError{msg: fmt.Sprintf(format, a...)} }

// reportedError is a failure the command has already told the user about
// (the inputs that failed, "no match"): exit status 1, and nothing more is
// printed.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

// flagParseError marks an error of flag.Parse, which has printed it and
// the command's flags already.
type flagParseError struct{ err error }

func (e *flagParseError) Error() string { return e.err.Error() }
func (e *flagParseError) Unwrap() error { return e.err }

// parseFlags parses a command's flags: -h gives flag.ErrHelp (help was
// printed; not an error), anything else wrong a usage error (printed by
// the flag package).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &flagParseError{err}
}

// exitStatus is the exit status for run's error, and whether the error
// still has to be printed.
func exitStatus(err error) (int, bool) {
	var ue *usageError
	var fe *flagParseError
	var re *reportedError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case errors.Is(err, errUsage), errors.As(err, &fe):
		return exitUsage, false
	case errors.As(err, &ue):
		return exitUsage, true
	case errors.As(err, &re):
		return exitFailure, false
	}
	return exitFailure, true
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	err := run(ctx, env, os.Args[1:])
	stop()
	code, show := exitStatus(err)
	if show {
		fmt.Fprintln(os.Stderr, "dyad:", err)
	}
	os.Exit(code)
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// wantsHelp reports whether a command's arguments ask for its help (before
// a "--" that ends the flags).
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelp(a) {
			return true
		}
	}
	return false
}

func run(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		usage(env.stderr)
		return errUsage
	}
	if isHelp(args[0]) || args[0] == "help" {
		if args[0] == "help" && len(args) > 1 {
			// dyad help CMD [SUB]: the command's own help, on stdout.
			return run(ctx, env, append(append([]string(nil), args[1:]...), "-h"))
		}
		usage(env.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name != args[0] || c.run == nil {
			continue
		}
		if wantsHelp(args[1:]) {
			// Help asked for is the command's output: stdout, status 0.
			h := *env
			h.stderr = env.stdout
			env = &h
		}
		err := c.run(ctx, env, args[1:])
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	usage(env.stderr)
	return usagef("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad codes political events (who did what to whom, when) in news text.")
	fmt.Fprintln(w, "\nUsage: dyad <command> [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `dyad help COMMAND` (or `dyad COMMAND -h`) for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 when every input was read, 1 when something failed, 2 for a wrong command line.")
	fmt.Fprintln(w, "\nEnvironment:\n  "+envNLPModel+"=FILE  language model file (from `dyad nlp train`) used instead of the embedded one")
}
