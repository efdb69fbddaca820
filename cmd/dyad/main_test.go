package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs this test binary as the dyad command (see TestMain) and
// returns its exit status, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "DYAD_TEST_CLI="+strings.Join(args, "\x1f"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errb.String()
	}
	t.Fatalf("%v: %v", args, err)
	return 0, "", ""
}

// TestExitStatus runs the real binary: help is output (stdout, status 0),
// a wrong command line is status 2, a failure status 1, and each message
// is said once.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "never.db")
	for _, tt := range []struct {
		args   []string
		status int
		stdout string // a substring of stdout ("" for none expected)
		stderr string // a substring of stderr
	}{
		{[]string{"-h"}, 0, "Commands:", ""},
		{[]string{"--help"}, 0, "Commands:", ""},
		{[]string{"help"}, 0, "Commands:", ""},
		{[]string{"help", "ingest"}, 0, "Usage: dyad ingest", ""},
		{[]string{"help", "nlp", "train"}, 0, "dyad nlp train", ""},
		{[]string{"ingest", "-h"}, 0, "-max-sentences", ""},
		{[]string{"export", "--help"}, 0, "-undated", ""},
		{[]string{"nlp", "--help"}, 0, "train", ""},
		{[]string{"dict", "-h"}, 0, "lookup NAME", ""},
		{[]string{"geo", "lookup", "-h"}, 0, "-country", ""},
		{nil, 2, "", "Commands:"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"nlp", "frobnicate"}, 2, "", `unknown subcommand "frobnicate"`},
		{[]string{"ingest", "--db", store, "--no-such-flag", "x"}, 2, "", "flag provided but not defined: -no-such-flag"},
		{[]string{"query", "--db", store, "--quad", "9"}, 2, "", `--quad: "9" is not a QuadClass`},
		{[]string{"ingest", "--db", store, filepath.Join(dir, "missing.txt")}, 1, "", "missing.txt: no such file or directory"},
		{[]string{"dict", "lookup", "Qxqxq Zzzv"}, 1, "no match", ""},
		{[]string{"geo", "lookup", "Qxqxqzzv"}, 1, "no match", ""},
	} {
		status, out, errs := runCLI(t, tt.args...)
		if status != tt.status || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
			t.Errorf("dyad %q: status %d, want %d\nstdout: %s\nstderr: %s", tt.args, status, tt.status, out, errs)
			continue
		}
		// Said once: no line is printed twice, on either stream.
		lines := map[string]bool{}
		for _, l := range strings.Split(out+errs, "\n") {
			if l = strings.TrimSpace(l); l == "" {
				continue
			}
			if lines[l] && !strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "usage") {
				t.Errorf("dyad %q said %q twice:\n%s%s", tt.args, l, out, errs)
			}
			lines[l] = true
		}
		if strings.Contains(out+errs, "no match") && strings.Count(out+errs, "no match") != 1 {
			t.Errorf("dyad %q: 'no match' more than once:\n%s%s", tt.args, out, errs)
		}
	}
	if _, err := os.Stat(store); err == nil {
		t.Errorf("a failed or wrong command created the store %s", store)
	}
	// Every command, and every subcommand of those that have them, answers
	// -h and --help with its help on stdout and status 0.
	var all [][]string
	for _, c := range commands() {
		if c.name == "help" {
			continue
		}
		all = append(all, []string{c.name})
	}
	all = append(all, []string{"dict", "check"}, []string{"dict", "lookup"}, []string{"dict", "stats"},
		[]string{"nlp", "train"}, []string{"nlp", "eval"}, []string{"nlp", "parse"})
	for _, cmd := range all {
		for _, h := range []string{"-h", "--help"} {
			status, out, errs := runCLI(t, append(append([]string(nil), cmd...), h)...)
			if status != 0 || !strings.Contains(strings.ToLower(out), "usage") {
				t.Errorf("dyad %s %s: status %d\nstdout: %s\nstderr: %s", strings.Join(cmd, " "), h, status, out, errs)
			}
		}
	}
}

// TestVersion checks that dyad version names the versions a bug report
// needs.
func TestVersion(t *testing.T) {
	needPipeline(t)
	env, out, _ := testEnv("")
	if err := run(context.Background(), env, []string{"version"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dyad ", "model ", "en_ewt", "dictionary ", "go "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("version lacks %q:\n%s", want, out)
		}
	}
}

// TestIngestExitStatus ingests each kind of input that cannot be read on
// its own: every one is a failure (status 1, counted in the summary), and
// a good input beside it is still stored.
func TestIngestExitStatus(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte("Kenya and Uganda signed a trade agreement on Monday."))
	for _, tt := range []struct {
		name, file string
		data       []byte
	}{
		{"empty", "empty.txt", []byte("  \n")},
		{"binary", "blob.txt", []byte("\x00\x01\x02\x03binary")},
		{"malformed", "bad.jsonl", []byte("{\"id\": \"a\", \"text\": \n")},
		{"bad date", "date.jsonl", []byte(`{"id":"d1","date":"31/12/2025","text":"Ghana praised Togo."}` + "\n")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "dyad.db")
			p := writeFile(t, dir, tt.file, tt.data)
			env, _, errb := testEnv("")
			err := run(context.Background(), env, []string{"ingest", "--db", db, "--date", "2026-03-02", p, good})
			if code, _ := exitStatus(err); code != exitFailure {
				t.Errorf("exit %d (%v), want 1\n%s", code, err, errb)
			}
			if !strings.Contains(errb.String(), "1 failed") || !strings.Contains(errb.String(), tt.file) {
				t.Errorf("the summary does not count the failure:\n%s", errb)
			}
			if _, err := os.Stat(db); err != nil {
				t.Errorf("the good input was not stored: %v", err)
			}
		})
	}
	// All inputs read: status 0.
	env, _, errb := testEnv("")
	if err := run(context.Background(), env, []string{"ingest", "--db", filepath.Join(t.TempDir(), "dyad.db"), "--date", "2026-03-02", good}); err != nil {
		t.Errorf("good input: %v\n%s", err, errb)
	}
}

// TestIngestUndatedWarns ingests plain text without --date: the events are
// stored undated, and the run says so once, naming --date.
func TestIngestUndatedWarns(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt"} {
		writeFile(t, dir, n, []byte("Kenya and Uganda signed a trade agreement in "+n[:1]+"Kampala."))
	}
	db := filepath.Join(t.TempDir(), "dyad.db")
	env, _, errb := testEnv("")
	if err := run(context.Background(), env, []string{"ingest", "--db", db, dir}); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if n := strings.Count(errb.String(), "--date"); n != 1 || !strings.Contains(errb.String(), "2 articles gave no date") {
		t.Errorf("want one warning naming --date, got %d:\n%s", n, errb)
	}
	env, out, _ := testEnv("")
	if err := run(context.Background(), env, []string{"stats", "--db", db}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "undated") {
		t.Errorf("stats does not count the undated events:\n%s", out)
	}
	env, out, _ = testEnv("")
	if err := run(context.Background(), env, []string{"query", "--db", db, "--undated", "--format", "jsonl"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"date":null`) || !strings.Contains(out.String(), `"date_precision":"unknown"`) {
		t.Errorf("undated events as JSON:\n%s", out)
	}
	env, out, _ = testEnv("")
	if err := run(context.Background(), env, []string{"query", "--db", db, "--to", "2030-12-31", "--format", "jsonl"}); err != nil || out.Len() != 0 {
		t.Errorf("--to selects undated events: %v\n%s", err, out)
	}
}
