package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/eval"
)

// TestPageContext checks which records make one page (consecutive records
// with the same non-empty url, nothing else) and what each is coded after.
func TestPageContext(t *testing.T) {
	rec := func(text, url string) goldRecord { return goldRecord{Text: text, URL: url} }
	recs := []goldRecord{rec("a", "u1"), rec("b", "u1"), rec("c", ""), rec("d", ""), rec("e", "u2"), rec("f", "u1"), rec("g", "u1"), rec("h", "u1")}
	tests := []struct {
		alone bool
		want  []string
	}{
		{false, []string{"", "a", "", "", "", "", "f", "f\n\ng"}},
		{true, []string{"", "", "", "", "", "", "", ""}},
	}
	for _, tt := range tests {
		p := pageContext{alone: tt.alone}
		for i, r := range recs {
			if got := p.next(r); got != tt.want[i] {
				t.Errorf("alone=%v: record %d (%s) coded after %q, want %q", tt.alone, i, r.Text, got, tt.want[i])
			}
		}
	}
}

// TestEvalCodesPagesAsArticles checks that a record leans on the records
// of its page before it (a pronoun naming the person of the record before),
// that each record keeps only the events of its own text, and that
// --sentences-alone codes every record alone.
func TestEvalCodesPagesAsArticles(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	data := `{"id":"p1","text":"Russian President Vladimir Putin was in a cheerful mood on Monday.","date":"2024-03-04","url":"https://example.org/a","events":[]}
{"id":"p2","text":"He condemned Ukraine for the attack on the bridge.","date":"2024-03-04","url":"https://example.org/a","events":[{"source":"RUS","target":"UKR","code":"111","root":"11","quad":3}]}
{"id":"p3","text":"He condemned Ukraine for the attack on the bridge.","date":"2024-03-04","url":"https://example.org/b","events":[]}
`
	if err := os.WriteFile(gold, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		flags []string
		want  map[string]string // record ID -> its events as source>target:root
	}{
		{nil, map[string]string{"p1": "", "p2": "RUS>UKR:11", "p3": ""}},
		{[]string{"--sentences-alone"}, map[string]string{"p1": "", "p2": "", "p3": ""}},
	} {
		pred := filepath.Join(dir, "pred.jsonl")
		env, _, errb := testEnv("")
		args := append([]string{"eval", gold, "--predictions", pred}, tt.flags...)
		if err := run(context.Background(), env, args); err != nil {
			t.Fatalf("%v: %v\n%s", tt.flags, err, errb)
		}
		raw, err := os.ReadFile(pred)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		if len(lines) != 3 {
			t.Fatalf("%v: %d predicted records, want 3", tt.flags, len(lines))
		}
		for _, l := range lines {
			var r eval.Record
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			var evs []string
			for _, e := range r.Events {
				evs = append(evs, deref(e.Source)+">"+deref(e.Target)+":"+deref(e.Root))
			}
			if got := strings.Join(evs, " "); got != tt.want[r.ID] {
				t.Errorf("%v: record %s events %q, want %q", tt.flags, r.ID, got, tt.want[r.ID])
			}
		}
	}
}
