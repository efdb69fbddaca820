package coder

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// untestedRules are the rules that no line of testdata/rules.tsv covers
// yet, with why. TestEveryRuleTested fails for a rule in neither, and for
// one listed here that has a line: the list only shrinks.
var untestedRules = map[string]string{
	"repair.clause-subject":         "no test sentence found yet",
	"complement.stopping":           "no test sentence found yet",
	"mood.infinitive":               "no test sentence found yet",
	"mood.denied-gerund":            "no test sentence found yet: \"denied attacking\" is taken by complement.said",
	"mood.linear-hedge":             "no test sentence found yet",
	"mood.negated-future":           "no test sentence found yet: negated futures end in mood.refusal",
	"argument.mislabelled-passive":  "no test sentence found yet",
	"argument.agentless-passive":    "no test sentence found yet",
	"argument.linear-subject":       "no test sentence found yet",
	"argument.object-control":       "no test sentence found yet",
	"argument.finite-adverbial":     "no test sentence found yet",
	"argument.predicate-participle": "no test sentence found yet",
	"argument.source-slot":          "no test sentence found yet",
	"argument.between":              "no test sentence found yet",
	"argument.passive-subject":      "no test sentence found yet: the target slot finds the passive subject first",
	"argument.own-territory":        "no test sentence found yet",
	"argument.embedded-against":     "no test sentence found yet",
	"argument.refused-call":         "no test sentence found yet",
	"actor.pronoun-said":            "no test sentence found yet: pronouns after \"said\" resolve by actor.pronoun-in-sentence",
	"actor.pronoun-before":          "no test sentence found yet",
	"actor.word-before":             "no test sentence found yet",
	"actor.title-apposition":        "no test sentence found yet",
	"actor.title":                   "no test sentence found yet",
	"actor.force-victims":           "no test sentence found yet",
	"actor.title-place":             "no test sentence found yet",
	"convention.reciprocal":         "no test sentence found yet: compound subjects go by convention.compound-pairs",
	"convention.one-actor":          "no test sentence found yet",
	"convention.call-precedence":    "no test sentence found yet",
	"convention.duplicate":          "no test sentence found yet",
}

// ruleSentence is a line of testdata/rules.tsv.
type ruleSentence struct {
	rule, text string
	date       time.Time
	line       int
}

// readRuleSentences reads testdata/rules.tsv.
func readRuleSentences(t *testing.T) []ruleSentence {
	t.Helper()
	data, err := os.ReadFile("testdata/rules.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []ruleSentence
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.SplitN(l, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("rules.tsv:%d: want rule<TAB>date<TAB>text", n)
		}
		d, err := time.Parse("2006-01-02", f[1])
		if err != nil {
			t.Fatalf("rules.tsv:%d: %v", n, err)
		}
		out = append(out, ruleSentence{rule: f[0], date: d, text: f[2], line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// decidedRules codes text and returns every rule ID its decisions name:
// the deciding rule, the rules of the steps, the argument, actor and
// convention rules of the events; and the memory rules, which decide on no
// candidate, from the --explain trace.
func decidedRules(t *testing.T, c *Coder, text string, date time.Time) map[string]bool {
	t.Helper()
	a := &dyad.Article{ID: "rules", Text: text, Published: date}
	_, decs, err := c.Decide(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range decs {
		seen[d.Rule] = true
		for _, s := range d.Steps {
			r, _, _ := strings.Cut(s, ":")
			seen[r] = true
		}
		for _, e := range d.Events {
			for _, r := range []string{e.SourceRule, e.SourceActor, e.TargetRule, e.TargetActor, e.Convention, e.Dropped} {
				seen[r] = true
			}
		}
	}
	var trace bytes.Buffer
	if _, err := c.Explain(context.Background(), a, &trace); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(trace.String(), "\n") {
		if _, r, ok := strings.Cut(l, "<- "+stageMemory+"."); ok && strings.HasPrefix(strings.TrimSpace(l), "memory:") {
			seen[stageMemory+"."+strings.TrimSpace(r)] = true
		}
	}
	delete(seen, "")
	return seen
}

// TestRuleSentences codes each line of testdata/rules.tsv and checks that
// a decision names its rule.
func TestRuleSentences(t *testing.T) {
	c := testRealCoder(t)
	known := c.Rules()
	for _, rs := range readRuleSentences(t) {
		t.Run(rs.rule, func(t *testing.T) {
			if !slices.Contains(known, rs.rule) {
				t.Fatalf("rules.tsv:%d: %s is no rule of the coder", rs.line, rs.rule)
			}
			seen := decidedRules(t, c, rs.text, rs.date)
			if !seen[rs.rule] {
				ids := make([]string, 0, len(seen))
				for r := range seen {
					ids = append(ids, r)
				}
				slices.Sort(ids)
				t.Errorf("rules.tsv:%d: no decision names %s for %q; they name %s", rs.line, rs.rule, rs.text, strings.Join(ids, " "))
			}
		})
	}
}

// TestEveryRuleTested fails for a rule of the coder that no line of
// testdata/rules.tsv covers and untestedRules does not list.
func TestEveryRuleTested(t *testing.T) {
	c := testRealCoder(t)
	tested := map[string]bool{}
	for _, rs := range readRuleSentences(t) {
		tested[rs.rule] = true
	}
	ids := c.Rules()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("rule ID %s is used twice", id)
		}
		seen[id] = true
		if stageOf(id) == id || strings.Count(id, ".") != 1 {
			t.Errorf("rule ID %q is not stage.name", id)
		}
		_, listed := untestedRules[id]
		switch {
		case !tested[id] && !listed:
			t.Errorf("rule %s has no sentence in testdata/rules.tsv", id)
		case tested[id] && listed:
			t.Errorf("rule %s has a sentence in testdata/rules.tsv: take it off untestedRules", id)
		}
	}
	for id := range untestedRules {
		if !seen[id] {
			t.Errorf("untestedRules lists %s, no rule of the coder", id)
		}
	}
	t.Logf("%d rules, %d with a sentence, %d not yet", len(ids), len(ids)-len(untestedRules), len(untestedRules))
}
