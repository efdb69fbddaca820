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
