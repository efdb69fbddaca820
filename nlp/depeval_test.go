package nlp

import (
	"math"
	"testing"
)

func TestScoreDeps(t *testing.T) {
	gold := []TreebankSentence{{Words: []TreebankWord{
		{Form: "Talks", Head: 2, DepRel: "nsubj:pass"},
		{Form: "were", Head: 2, DepRel: "aux:pass"},
		{Form: "held", Head: -1, DepRel: "root"},
		{Form: ".", Head: 2, DepRel: "punct"},
	}}}
	cases := []struct {
		name           string
		heads          [][]int
		rels           [][]string
		uas, las, ulas float64
	}{
		{"perfect", [][]int{{2, 2, -1, 2}}, [][]string{{"nsubj:pass", "aux:pass", "root", "punct"}}, 100, 100, 100},
		// Subtype wrong: counts for the universal LAS only.
		{"subtype", [][]int{{2, 2, -1, 2}}, [][]string{{"nsubj", "aux:pass", "root", "punct"}}, 100, 75, 100},
		// Punctuation is scored like any word.
		{"punct head", [][]int{{2, 2, -1, 1}}, [][]string{{"nsubj:pass", "aux:pass", "root", "punct"}}, 75, 75, 75},
		{"missing", nil, nil, 0, 0, 0},
		{"short", [][]int{{2}}, [][]string{{"nsubj:pass"}}, 25, 25, 25},
	}
	for _, c := range cases {
		sc := ScoreDeps(gold, c.heads, c.rels)
		if sc.Words != 4 || sc.Sentences != 1 {
			t.Errorf("%s: counted %d words, %d sentences", c.name, sc.Words, sc.Sentences)
		}
		if math.Abs(sc.UAS-c.uas) > 1e-9 || math.Abs(sc.LAS-c.las) > 1e-9 || math.Abs(sc.UniversalLAS-c.ulas) > 1e-9 {
			t.Errorf("%s: UAS %.2f LAS %.2f universal LAS %.2f, want %.2f %.2f %.2f",
				c.name, sc.UAS, sc.LAS, sc.UniversalLAS, c.uas, c.las, c.ulas)
		}
	}
	if sc := ScoreDeps(nil, nil, nil); sc.Words != 0 || sc.UAS != 0 {
		t.Errorf("empty input: %+v", sc)
	}
}

// TestScoreDepsRelations scores a parse of a small fixture written for this
// test (testdata/releval-*.conllu: two sentences, a parse with a wrong
// prepositional head, two wrong labels and two misattached punctuation
// marks) against figures worked out by hand.
func TestScoreDepsRelations(t *testing.T) {
	gold, err := ReadCoNLLUFile("testdata/releval-gold.conllu")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := ReadCoNLLUFile("testdata/releval-pred.conllu")
	if err != nil {
		t.Fatal(err)
	}
	heads := make([][]int, len(pred))
	rels := make([][]string, len(pred))
	for i, s := range pred {
		for _, w := range s.Words {
			heads[i] = append(heads[i], w.Head)
			rels[i] = append(rels[i], w.DepRel)
		}
	}
	sc := ScoreDeps(gold, heads, rels)
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.005 }
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"UAS", sc.UAS, 100 * 18.0 / 21},
		{"LAS", sc.LAS, 100 * 16.0 / 21},
		{"universal LAS", sc.UniversalLAS, 100 * 17.0 / 21},
		{"UAS without punctuation", sc.NoPunct.UAS, 100 * 17.0 / 18},
		{"LAS without punctuation", sc.NoPunct.LAS, 100 * 15.0 / 18},
		{"universal LAS without punctuation", sc.NoPunct.UniversalLAS, 100 * 16.0 / 18},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %.2f, want %.2f", c.what, c.got, c.want)
		}
	}
	if sc.Words != 21 || sc.NoPunct.Words != 18 {
		t.Errorf("words %d, without punctuation %d; want 21, 18", sc.Words, sc.NoPunct.Words)
	}
	for _, c := range []struct {
		rel                 string
		gold, pred, correct int
		p, r, f1            float64
	}{
		{"nsubj", 2, 3, 2, 100 * 2.0 / 3, 100, 80},
		{"nsubj:pass", 1, 0, 0, 0, 0, 0},
		{"obj", 1, 2, 1, 50, 100, 100 * 2.0 / 3},
		{"obl", 2, 0, 0, 0, 0, 0},
		{"obl:agent", 1, 1, 1, 100, 100, 100},
		{"nmod", 0, 1, 0, 0, 0, 0},
		{"conj", 1, 1, 1, 100, 100, 100},
		{"punct", 3, 3, 1, 100.0 / 3, 100.0 / 3, 100.0 / 3},
		{"det", 3, 3, 3, 100, 100, 100},
	} {
		got, ok := sc.Relations[c.rel]
		if !ok {
			t.Errorf("%s: not scored", c.rel)
			continue
		}
		if got.Gold != c.gold || got.Pred != c.pred || got.Correct != c.correct ||
			!near(got.Precision, c.p) || !near(got.Recall, c.r) || !near(got.F1, c.f1) {
			t.Errorf("%s = %+v, want gold %d pred %d correct %d P %.2f R %.2f F1 %.2f",
				c.rel, got, c.gold, c.pred, c.correct, c.p, c.r, c.f1)
		}
	}
	if _, ok := sc.Relations["iobj"]; ok {
		t.Error("iobj scored though neither tree has one")
	}
}
