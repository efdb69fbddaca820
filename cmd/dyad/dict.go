package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
)

// runDict runs `dyad dict check|lookup|stats`.
func runDict(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" {
		dictUsage(env.stderr)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "check":
		return runDictCheck(env, args[1:])
	case "lookup":
		return runDictLookup(env, args[1:])
	case "stats":
		return runDictStats(env, args[1:])
	}
	dictUsage(env.stderr)
	return usagef("dict: unknown subcommand %q (want check, lookup or stats)", args[0])
}

func dictUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: dyad dict <subcommand> [flags]

  check  [--dict DIR] [--notes]        check the dictionaries; exit non-zero on problems
  lookup NAME [--date D] [--dict DIR]  what a name resolves to on a date, and why
  stats  [--codes] [--dict DIR]        counts per kind, patterns per CAMEO root (and code)
`)
}

// loadDict returns the default dictionary with dir (if any) laid over it.
func loadDict(dir string) (*dict.Dictionary, error) {
	d, err := dict.Default()
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	if dir != "" {
		if d, err = dict.Load(d, dir); err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
	}
	return d, nil
}

// errProblems is returned by `dyad dict check` when it finds problems;
// they are printed already.
var errProblems = errors.New("dictionary problems")

func runDictCheck(env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dict check", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dir := fs.String("dict", "", "directory of *.yaml dictionaries laid over the defaults")
	notes := fs.Bool("notes", false, "also print notes: redundant names that change nothing")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("dict check: unexpected argument %q", pos[0])
	}
	r := dict.Check(*dir)
	if *notes {
		for _, n := range r.Notes {
			fmt.Fprintf(env.stdout, "note: %s\n", n)
		}
	}
	for _, p := range r.Problems {
		fmt.Fprintln(env.stdout, p)
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(env.stderr, "dyad dict check: %d problems in %d entries\n", len(r.Problems), r.Entries)
		return fmt.Errorf("dict check: %d %w", len(r.Problems), errProblems)
	}
	fmt.Fprintf(env.stdout, "ok: %d entries checked\n", r.Entries)
	return nil
}

func runDictLookup(env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dict lookup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dir := fs.String("dict", "", "directory of *.yaml dictionaries laid over the defaults")
	dateS := fs.String("date", "", "the date (YYYY-MM-DD) to resolve on; empty: the most recent role")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("dict lookup: want a NAME")
	}
	name := strings.Join(pos, " ")
	date, err := parseDate(*dateS)
	if err != nil {
		return usagef("dict lookup: --date: %v", err)
	}
	d, err := loadDict(*dir)
	if err != nil {
		return err
	}
	rs := d.Resolve(name, date)
	on := "with no date (the most recent role)"
	if !date.IsZero() {
		on = "on " + date.Format(time.DateOnly)
	}
	if len(rs) == 0 {
		fmt.Fprintf(env.stdout, "%q %s: no match\n", name, on)
		return &reportedError{fmt.Errorf("dict lookup: %q: no match", name)}
	}
	fmt.Fprintf(env.stdout, "%q %s: %d match(es)\n", name, on, len(rs))
	for _, r := range rs {
		writeResolution(env.stdout, r)
	}
	return nil
}

// actorString writes an actor as CODE ROLE, or ROLE for an agent.
func actorString(code, role string) string {
	switch {
	case code == "" && role == "":
		return "(nothing)"
	case code == "":
		return role
	case role == "":
		return code + " (no role)"
	}
	return code + " " + role
}

func writeResolution(w io.Writer, r dict.Resolution) {
	fmt.Fprintf(w, "\n%s (%s)", r.Entry, r.Kind)
	if r.File != "" {
		fmt.Fprintf(w, " at %s:%d", r.File, r.Line)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  resolves to: %s\n", actorString(r.Actor.Code, r.Actor.Role))
	fmt.Fprintf(w, "  why:         %s\n", r.Why)
	if r.Kind != dict.KindPerson && r.Kind != dict.KindParty {
		return
	}
	if r.Current >= 0 {
		ro := r.Roles[r.Current]
		fmt.Fprintf(w, "  role:        %s (%s of %s), %s\n", title(ro.Title), ro.Role, ro.Country, dateRange(ro.From, ro.To))
	} else {
		fmt.Fprintln(w, "  role:        none on this date")
	}
	fmt.Fprintf(w, "  outside its roles: %s\n", actorString(r.Outside, r.OutsideRole))
	if len(r.Roles) > 0 {
		fmt.Fprintln(w, "  roles:")
		for i, ro := range r.Roles {
			mark := " "
			if i == r.Current {
				mark = "*"
			}
			fmt.Fprintf(w, "   %s %s %s: %s, %s (%s:%d)\n", mark, ro.Country, ro.Role, title(ro.Title), dateRange(ro.From, ro.To), ro.File, ro.Line)
		}
	}
}

func title(s string) string {
	if s == "" {
		return "(no title)"
	}
	return s
}

// dateRange writes [from, to) as "from 2012-05-07 to 2018-05-07 (exclusive)".
func dateRange(from, to time.Time) string {
	if to.IsZero() {
		return "from " + from.Format(time.DateOnly) + ", still held"
	}
	return "from " + from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly) + " (exclusive)"
}

func runDictStats(env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dict stats", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	dir := fs.String("dict", "", "directory of *.yaml dictionaries laid over the defaults")
	codes := fs.Bool("codes", false, "also print the patterns of every CAMEO code")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("dict stats: unexpected argument %q", pos[0])
	}
	d, err := loadDict(*dir)
	if err != nil {
		return err
	}
	cb := cameo.Default()
	s := d.Stats(cb)
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\tcount")
	for _, row := range []struct {
		k string
		n int
	}{
		{"states", s.States}, {"institutions", s.Institutions}, {"organisations IGO", s.IGOs}, {"organisations NGO", s.NGOs},
		{"groups", s.Groups}, {"parties", s.Parties}, {"party roles", s.PartyRoles},
		{"people", s.People}, {"roles", s.Roles}, {"agents", s.Agents},
		{"names", s.Names}, {"ignored", s.Ignored}, {"patterns", s.Patterns},
	} {
		fmt.Fprintf(tw, "%s\t%d\n", row.k, row.n)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Per root: patterns, and codes with patterns of all codes.
	all := cb.All()
	type rootRow struct {
		name                 string
		withPat, codes, pats int
	}
	roots := map[string]*rootRow{}
	var order []string
	for _, c := range all {
		rr, ok := roots[c.Root]
		if !ok {
			rr = &rootRow{}
			roots[c.Root] = rr
			order = append(order, c.Root)
		}
		if c.Level == 1 {
			rr.name = c.Name
			continue
		}
		rr.codes++
		if s.PerCode[c.Code] > 0 {
			rr.withPat++
		}
	}
	fmt.Fprintln(env.stdout)
	tw = tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "root\tpatterns\tcodes with patterns\tname")
	for _, r := range order {
		rr := roots[r]
		fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%s\n", r, s.PerRoot[r], rr.withPat, rr.codes, rr.name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "\nleaf codes with a pattern: %d/%d (reachable, counting refine and context codes: %d/%d)\n",
		s.LeavesWithPatterns, s.Leaves, s.LeavesReachable, s.Leaves)
	if *codes {
		leaf := map[string]bool{}
		for _, l := range cb.Leaves() {
			leaf[l.Code] = true
		}
		fmt.Fprintln(env.stdout)
		tw = tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "code\tpatterns\tleaf\tname")
		for _, c := range all {
			if c.Level == 1 {
				continue
			}
			l := ""
			if leaf[c.Code] {
				l = "leaf"
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", c.Code, s.PerCode[c.Code], l, c.Name)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
