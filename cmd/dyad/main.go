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
		{"recode", "re-code stored articles with the current dictionaries and model", runRecode},
		{"stats", "summarise the store: articles, duplicates, events, failures", runStats},
		{"serve", "serve the dashboard and the JSON API over the store (fills an empty default store with the sample corpus)", runServe},
		{"query", "print the stored events a filter selects, as a table or JSON", runQuery},
		{"series", "print event counts per day, week or month for a filter", runSeries},
		{"export", "export stored events as GDELT TSV, CSV, JSONL or Parquet", runExport},
		{"eval", "score the coder against a gold JSONL file", runEval},
		{"geo", "look up places in the gazetteer (dyad geo lookup NAME [--country ISO3])", runGeo},
		{"nlp", "train or evaluate the language pipeline (dyad nlp train|eval|parse)", runNLP},
	}
}

// errUsage marks an error whose message is usage help already printed.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	err := run(ctx, env, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "dyad:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	usage(env.stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad codes political events (who did what to whom, when) in news text.")
	fmt.Fprintln(w, "\nUsage: dyad <command> [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-6s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `dyad <command> -h` for a command's flags.")
	fmt.Fprintln(w, "\nEnvironment:\n  "+envNLPModel+"=FILE  language model file (from `dyad nlp train`) used instead of the embedded one")
}
