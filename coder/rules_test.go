package coder

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
)

// The rule sentences: testdata/rules.tsv, coded by the real coder, and
// the sentences of the rules that only a dictionary can reach (a pattern
// syntax the embedded patterns do not use), in ruleDictDir/rules.tsv,
// coded with the dictionaries of ruleDictDir laid over the embedded ones.
// Every rule of the coder has a sentence in one of them.
const (
	ruleFile    = "testdata/rules.tsv"
	ruleDictDir = "testdata/rules-dict"
)

// ruleDictCoder is the real coder with the dictionaries of ruleDictDir.
var ruleDictCoder = sync.OnceValues(func() (*Coder, error) {
	rc, err := realCoder()
	if err != nil {
		return nil, err
	}
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	if d, err = dict.Load(d, ruleDictDir); err != nil {
		return nil, err
	}
	return New(rc.an, d, cameo.Default(), Options{}), nil
})

// ruleSets returns each rule sentence file with the coder that codes it.
func ruleSets(t *testing.T) map[string]*Coder {
	t.Helper()
	dc, err := ruleDictCoder()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Coder{ruleFile: testRealCoder(t), ruleDictDir + "/rules.tsv": dc}
}

// ruleSentence is a line of a rule sentence file.
type ruleSentence struct {
	rule, text string
	date       time.Time
	line       int
}

// readRuleSentences reads a rule sentence file.
func readRuleSentences(t *testing.T, file string) []ruleSentence {
	t.Helper()
	data, err := os.ReadFile(file)
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
			t.Fatalf("%s:%d: want rule<TAB>date<TAB>text", file, n)
		}
		d, err := time.Parse("2006-01-02", f[1])
		if err != nil {
			t.Fatalf("%s:%d: %v", file, n, err)
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

// TestRuleSentences codes each line of the rule sentence files and checks
// that a decision names its rule.
func TestRuleSentences(t *testing.T) {
	for file, c := range ruleSets(t) {
		known := c.Rules()
		for _, rs := range readRuleSentences(t, file) {
			t.Run(rs.rule, func(t *testing.T) {
				if !slices.Contains(known, rs.rule) {
					t.Fatalf("%s:%d: %s is no rule of the coder", file, rs.line, rs.rule)
				}
				seen := decidedRules(t, c, rs.text, rs.date)
				if !seen[rs.rule] {
					ids := make([]string, 0, len(seen))
					for r := range seen {
						ids = append(ids, r)
					}
					slices.Sort(ids)
					t.Errorf("%s:%d: no decision names %s for %q; they name %s", file, rs.line, rs.rule, rs.text, strings.Join(ids, " "))
				}
			})
		}
	}
}

// TestEveryRuleTested fails for a rule of the coder that no rule sentence
// file covers.
func TestEveryRuleTested(t *testing.T) {
	c := testRealCoder(t)
	tested := map[string]bool{}
	for file := range ruleSets(t) {
		for _, rs := range readRuleSentences(t, file) {
			tested[rs.rule] = true
		}
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
		if !tested[id] {
			t.Errorf("rule %s has no sentence in %s", id, ruleFile)
		}
	}
	t.Logf("%d rules, every one with a sentence", len(ids))
}
