package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// errorsGold is a gold file of sentence records, one for each kind of
// cause --errors gives; the sentences are written for this test.
const errorsGold = `{"id":"ok","text":"France condemned Germany on Monday.","date":"2024-03-04","events":[{"source":"FRA","target":"DEU","code":"111","root":"11"}]}
{"id":"nopattern","text":"Italy admired the gardens of Spain.","date":"2024-03-04","events":[{"source":"ITA","target":"ESP","code":"051","root":"05"}]}
{"id":"negated","text":"Russia did not attack Ukraine on Tuesday.","date":"2024-03-04","events":[{"source":"RUS","target":"UKR","code":"190","root":"19"}]}
{"id":"actors","text":"Japan criticized China over the dispute.","date":"2024-03-04","events":[{"source":"JPN","target":"KOR","code":"111","root":"11"}]}
{"id":"noevent","text":"Brazil's president met Argentina's president in Brasilia.","date":"2024-03-04","events":[]}
{"id":"root","text":"Canada praised Mexico for the agreement.","date":"2024-03-04","events":[{"source":"CAN","target":"MEX","code":"111","root":"11"}]}
{"id":"modal","text":"Kenya may impose sanctions on Uganda next year.","date":"2024-03-04","events":[{"source":"KEN","target":"UGA","code":"163","root":"16"}]}
`

// errorsArticle is a gold article record whose events carry their
// sentence; its dateline is a piece of its own for the coder, not for the
// gold's count.
const errorsArticle = `{"id":"art","text":"OSLO (Wire) -\nNorway condemned Sweden on Friday.\n\nDenmark did not attack Finland. Norway praised Iceland.","date":"2024-03-04","events":[{"source":"NOR","target":"SWE","code":"111","root":"11","sentence":0},{"source":"DNK","target":"FIN","code":"190","root":"19","sentence":1},{"source":"NOR","target":"ISL","code":"111","root":"11","sentence":2}]}
`

// runEvalErrors runs `dyad eval --json --errors` with args and returns the
// figures' gold count and the errors report.
func runEvalErrors(t *testing.T, args ...string) (int, errorReport) {
	t.Helper()
	env, out, errb := testEnv("")
	if err := run(context.Background(), env, append([]string{"eval", "--json", "--errors"}, args...)); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	var res struct {
		Sentences int `json:"sentences"`
	}
	var rep errorReport
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("figures: %v\n%s", err, out.String())
	}
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("errors: %v\n%s", err, out.String())
	}
	return res.Sentences, rep
}

// errorKey is what the tests assert of one error.
type errorKey struct{ kind, where, event, cause, stage string }

// keysOf lists the errors of a report as errorKeys, sorted, and checks the
// groups' counts.
func keysOf(t *testing.T, rep errorReport) []errorKey {
	t.Helper()
	var ks []errorKey
	missed, falses := 0, 0
	for i, g := range rep.Groups {
		if i > 0 && len(g.Errors) > len(rep.Groups[i-1].Errors) {
			t.Errorf("group %q (%d) after a smaller one (%d)", g.Cause, len(g.Errors), len(rep.Groups[i-1].Errors))
		}
		m, f := 0, 0
		for _, e := range g.Errors {
			if e.Cause != g.Cause {
				t.Errorf("error of cause %q in group %q", e.Cause, g.Cause)
			}
			if e.Text == "" {
				t.Errorf("%s %s: no sentence", e.ID, e.Event)
			}
			where := e.ID
			if e.Sentence >= 0 {
				where += "#" + strconv.Itoa(e.Sentence)
			}
			ks = append(ks, errorKey{e.Kind, where, e.Event, e.Cause, e.Stage})
			if e.Kind == "missed" {
				m++
			} else {
				f++
			}
		}
		if m != g.Missed || f != g.False {
			t.Errorf("group %q counts %d missed %d false, holds %d and %d", g.Cause, g.Missed, g.False, m, f)
		}
		missed += m
		falses += f
	}
	if missed != rep.Missed || falses != rep.False {
		t.Errorf("report counts %d missed %d false, holds %d and %d", rep.Missed, rep.False, missed, falses)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].where+ks[i].kind+ks[i].event < ks[j].where+ks[j].kind+ks[j].event })
	return ks
}

func TestEvalErrors(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	sentences := writeFile(t, dir, "sentences.jsonl", []byte(errorsGold))
	articles := writeFile(t, dir, "articles.jsonl", []byte(errorsArticle))
	tests := []struct {
		name string
		args []string
		want []errorKey
	}{
		{"sentence records", []string{sentences}, []errorKey{
			{"false", "actors", "JPN -> CHN 11 (111)", "target: argument.target-slot / actor.dictionary", stageActors},
			{"missed", "actors", "JPN -> KOR 11 (111)", "target: argument.target-slot / actor.dictionary", stageActors},
			{"missed", "modal", "KEN -> UGA 16 (163)", "mood.modal", "mood"},
			{"missed", "negated", "RUS -> UKR 19 (190)", "mood.negation", "mood"},
			{"false", "noevent", "ARG -> BRA 04 (040)", "convention.mutual", "convention"},
			{"false", "noevent", "BRA -> ARG 04 (040)", "mood.asserted", "mood"},
			{"missed", "nopattern", "ITA -> ESP 05 (051)", causeNoPattern, stageMatch},
			{"false", "root", "CAN -> MEX 05 (051)", causeAnotherRoot, stageMatch},
			{"missed", "root", "CAN -> MEX 11 (111)", causeAnotherRoot, stageMatch},
		}},
		{"ids", []string{sentences, "--ids", writeFile(t, dir, "ids.txt", []byte("# two of them\nnegated\n\nroot\n"))}, []errorKey{
			{"missed", "negated", "RUS -> UKR 19 (190)", "mood.negation", "mood"},
			{"false", "root", "CAN -> MEX 05 (051)", causeAnotherRoot, stageMatch},
			{"missed", "root", "CAN -> MEX 11 (111)", causeAnotherRoot, stageMatch},
		}},
		{"article record", []string{articles}, []errorKey{
			{"missed", "art#1", "DNK -> FIN 19 (190)", "mood.negation", "mood"},
			{"false", "art#2", "NOR -> ISL 05 (051)", causeAnotherRoot, stageMatch},
			{"missed", "art#2", "NOR -> ISL 11 (111)", causeAnotherRoot, stageMatch},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rep := runEvalErrors(t, tt.args...)
			if got := keysOf(t, rep); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
	t.Run("details", func(t *testing.T) {
		_, rep := runEvalErrors(t, sentences)
		details := map[string]string{}
		for _, g := range rep.Groups {
			for _, e := range g.Errors {
				details[e.ID+" "+e.Kind] = e.Detail + " | " + e.Text
			}
		}
		for k, want := range map[string]string{
			"nopattern missed": "predicate admire | Italy admired the gardens of Spain.",
			"negated missed":   "suppressed 190 of 190.attack at \"attack\"",
			"actors missed":    "target CHN, gold KOR",
		} {
			if !strings.Contains(details[k], want) {
				t.Errorf("%s: %q lacks %q", k, details[k], want)
			}
		}
	})
	t.Run("article sentence", func(t *testing.T) {
		_, rep := runEvalErrors(t, articles)
		for _, g := range rep.Groups {
			for _, e := range g.Errors {
				if e.Sentence == 1 && e.Text != "Denmark did not attack Finland." {
					t.Errorf("sentence 1 is %q", e.Text)
				}
			}
		}
	})
	t.Run("text", func(t *testing.T) {
		env, out, errb := testEnv("")
		if err := run(context.Background(), env, []string{"eval", sentences, "--errors"}); err != nil {
			t.Fatalf("%v\n%s", err, errb.String())
		}
		s := out.String()
		for _, want := range []string{"errors: 5 missed, 4 false", "   1  mood.negation  (stage mood; 1 missed, 0 false)", "Russia did not attack Ukraine on Tuesday."} {
			if !strings.Contains(s, want) {
				t.Errorf("text report lacks %q:\n%s", want, s)
			}
		}
		if i, j := strings.Index(s, "another root"), strings.Index(s, "mood.negation"); i < 0 || j < i {
			t.Errorf("the cause of two errors is not before the causes of one:\n%s", s)
		}
	})
}

func TestEvalSplit(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	gold := writeFile(t, dir, "sentences.jsonl", []byte(errorsGold))
	writeFile(t, dir, "splits.json", []byte(`{"sentences.jsonl": {"a": ["ok", "negated"], "b": ["actors", "noevent", "root", "gone"]}}`))
	for _, tt := range []struct {
		split      string
		sentences  int
		errorCount int
	}{
		{"a", 2, 1},
		{"b", 3, 6},
	} {
		t.Run(tt.split, func(t *testing.T) {
			n, rep := runEvalErrors(t, gold, "--split", tt.split)
			if n != tt.sentences || rep.Missed+rep.False != tt.errorCount {
				t.Errorf("--split %s: %d sentences, %d errors; want %d, %d", tt.split, n, rep.Missed+rep.False, tt.sentences, tt.errorCount)
			}
		})
	}
}

func TestSelectIDs(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "real.jsonl")
	writeFile(t, dir, "splits.json", []byte(`{"real.jsonl": {"a": ["r1", "r2"], "b": ["r3"]}}`))
	other := writeFile(t, dir, "other.json", []byte(`{"x.jsonl": {"a": ["r9"]}}`))
	ids := writeFile(t, dir, "ids.txt", []byte("r2\n# r3\n r3 \n"))
	bad := writeFile(t, dir, "bad.json", []byte(`["r1"]`))
	tests := []struct {
		name                string
		split, splits, idsf string
		want                []string // nil: all records
		err                 string
	}{
		{name: "neither"},
		{name: "half a", split: "a", want: []string{"r1", "r2"}},
		{name: "half b", split: "b", want: []string{"r3"}},
		{name: "ids", idsf: ids, want: []string{"r2", "r3"}},
		{name: "both", split: "a", idsf: ids, want: []string{"r2"}},
		{name: "no half c", split: "c", err: `not "c"`},
		{name: "no split of the file", split: "a", splits: other, err: "has no split of real.jsonl"},
		{name: "not a splits file", split: "a", splits: bad, err: "want {file: {half: [ids]}}"},
		{name: "no ids file", idsf: filepath.Join(dir, "none.txt"), err: "--ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep, err := selectIDs(gold, tt.split, tt.splits, tt.idsf)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if keep != nil {
					t.Errorf("chose %v, want all", keep)
				}
				return
			}
			if got := slices.Sorted(maps.Keys(keep)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("chose %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEvalSplitErrors(t *testing.T) {
	dir := t.TempDir()
	gold := writeFile(t, dir, "g.jsonl", []byte(errorsGold))
	ids := writeFile(t, dir, "ids.txt", []byte("nothing-here\n"))
	env, _, _ := testEnv("")
	err := run(context.Background(), env, []string{"eval", gold, "--ids", ids})
	if err == nil || !strings.Contains(err.Error(), "no record of") {
		t.Errorf("eval with no chosen record: %v", err)
	}
}
