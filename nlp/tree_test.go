package nlp

import (
	"slices"
	"testing"
)

// sentenceOf builds a Sentence from a treebank sentence's words.
func sentenceOf(ts TreebankSentence) *Sentence {
	s := &Sentence{}
	for _, w := range ts.Words {
		s.Tokens = append(s.Tokens, Token{Text: w.Form, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS, Head: w.Head, DepRel: w.DepRel})
	}
	return s
}

// TestTreeAgreesWithSentence checks every Tree helper against the Sentence
// method of the same name on the trees of a treebank.
func TestTreeAgreesWithSentence(t *testing.T) {
	sents := loadTreebank(t, "ud-pud", "en_pud-ud-test.conllu")
	for _, ts := range sents[:300] {
		s := sentenceOf(ts)
		tr := NewTree(s)
		if tr.Len() != len(s.Tokens) || tr.Sentence() != s {
			t.Fatalf("%s: Len %d, want %d", ts.ID, tr.Len(), len(s.Tokens))
		}
		for i := range s.Tokens {
			if got, want := tr.Children(i), s.Children(i); !slices.Equal(got, want) {
				t.Errorf("%s: Children(%d) = %v, want %v", ts.ID, i, got, want)
			}
			for _, rel := range []string{"nsubj", "obl", "case", "conj"} {
				want := -1
				if cs := s.ChildrenWith(i, rel); len(cs) > 0 {
					want = cs[0]
				}
				if got := tr.ChildWith(i, rel); got != want {
					t.Errorf("%s: ChildWith(%d, %s) = %d, want %d", ts.ID, i, rel, got, want)
				}
			}
			f, l := tr.Subtree(i)
			if wf, wl := s.Subtree(i); f != wf || l != wl {
				t.Errorf("%s: Subtree(%d) = %d..%d, want %d..%d", ts.ID, i, f, l, wf, wl)
			}
			if got, want := tr.Head(i), s.Tokens[i].Head; got != want {
				t.Errorf("%s: Head(%d) = %d, want %d", ts.ID, i, got, want)
			}
			for j := range s.Tokens {
				if tr.Dominates(i, j) != s.Dominates(i, j) {
					t.Errorf("%s: Dominates(%d, %d) = %v", ts.ID, i, j, tr.Dominates(i, j))
				}
			}
		}
	}
}

func TestTreeCaseMarkers(t *testing.T) {
	// "according to the ministry , talks on behalf of Chad"
	s := &Sentence{Tokens: []Token{
		{Text: "according", DepRel: "case", Head: 3},
		{Text: "to", DepRel: "fixed", Head: 0},
		{Text: "the", DepRel: "det", Head: 3},
		{Text: "ministry", DepRel: "obl", Head: 5},
		{Text: ",", DepRel: "punct", Head: 5},
		{Text: "talks", DepRel: "root", Head: -1},
		{Text: "on", DepRel: "case", Head: 9},
		{Text: "behalf", DepRel: "fixed", Head: 6},
		{Text: "of", DepRel: "fixed", Head: 6},
		{Text: "Chad", DepRel: "nmod", Head: 5},
	}}
	tr := NewTree(s)
	tests := []struct {
		tok  int
		want []int
	}{
		{3, []int{0, 1}},
		{9, []int{6, 7, 8}},
		{5, nil},
	}
	for _, tt := range tests {
		if got := tr.CaseMarkers(tt.tok); !slices.Equal(got, tt.want) {
			t.Errorf("CaseMarkers(%d) = %v, want %v", tt.tok, got, tt.want)
		}
	}
}

// TestTreeMalformed: heads outside the sentence, self-heads and cycles
// neither panic nor loop.
func TestTreeMalformed(t *testing.T) {
	tests := []struct {
		name  string
		heads []int
	}{
		{"head outside", []int{5, -1, 1}},
		{"self head", []int{0, -1, 1}},
		{"cycle", []int{1, 2, 0, -1}},
		{"negative", []int{-7, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Sentence{}
			for _, h := range tt.heads {
				s.Tokens = append(s.Tokens, Token{Head: h, DepRel: "dep"})
			}
			tr := NewTree(s)
			n := len(tt.heads)
			for i := 0; i < n; i++ {
				if h := tr.Head(i); h < -1 || h >= n {
					t.Errorf("Head(%d) = %d outside the sentence", i, h)
				}
				if slices.Contains(tr.Children(i), i) {
					t.Errorf("token %d is its own dependent", i)
				}
				f, l := tr.Subtree(i)
				if f < 0 || l >= n || f > i || l < i {
					t.Errorf("Subtree(%d) = %d..%d", i, f, l)
				}
				for j := 0; j < n; j++ {
					tr.Dominates(i, j)
				}
				tr.ChildWith(i, "dep")
				tr.CaseMarkers(i)
			}
		})
	}
}

func BenchmarkTreeSubtree(b *testing.B) {
	sents := loadTreebank(b, "ud-pud", "en_pud-ud-test.conllu")
	var trees []*Tree
	for _, ts := range sents[:100] {
		trees = append(trees, NewTree(sentenceOf(ts)))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, tr := range trees {
			for i := 0; i < tr.Len(); i++ {
				tr.Subtree(i)
			}
		}
	}
}
