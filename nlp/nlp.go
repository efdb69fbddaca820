// Package nlp is dyad's English language pipeline: it splits raw news text
// into sentences and tokens (with byte offsets into the original text), tags
// each token with its part of speech, finds its lemma and builds a labelled
// dependency tree over each sentence.
//
// The models are trained on Universal Dependencies English EWT (CC BY-SA 4.0)
// with `dyad nlp train` and embedded in the binary, so a Pipeline needs no
// files at run time.
package nlp

// Token is one syntactic word of a sentence, in the Universal Dependencies
// sense: "don't" is two tokens, "do" and "n't".
type Token struct {
	// Text is the word as it appears in the input. Invalid UTF-8 is
	// replaced by U+FFFD, so Text may differ from Document.Text[Start:End].
	Text string
	// Start and End are byte offsets of the word in Document.Text.
	Start, End int
	// UPOS is the universal part-of-speech tag (NOUN, VERB, PROPN...).
	UPOS string
	// XPOS is the Penn Treebank tag (NN, VBD, NNP...).
	XPOS string
	// Lemma is the dictionary form ("spoke" -> "speak").
	Lemma string
	// Head is the index in Sentence.Tokens of this token's syntactic head,
	// or -1 for the root of the sentence.
	Head int
	// DepRel is the Universal Dependencies relation to the head (nsubj,
	// obj, obl, nsubj:pass...); "root" for the root.
	DepRel string
}

// Sentence is one sentence of a Document with its analysed tokens.
type Sentence struct {
	// Start and End are the byte offsets of the sentence in Document.Text.
	Start, End int
	// Tokens are the sentence's words in order.
	Tokens []Token
}

// Document is a text split into analysed sentences.
type Document struct {
	// Text is the input, unchanged.
	Text string
	// Sentences are the sentences of Text in order.
	Sentences []Sentence
}

// SentenceText returns the text of sentence i as it appears in the input.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// Root returns the index of the sentence's root token, or -1 for an empty
// sentence.
func (s *Sentence) Root() int {
	for i := range s.Tokens {
		if s.Tokens[i].Head < 0 {
			return i
		}
	}
	return -1
}

// Children returns the indices of the dependents of token i, in sentence
// order.
func (s *Sentence) Children(i int) []int {
	var out []int
	for j := range s.Tokens {
		if s.Tokens[j].Head == i {
			out = append(out, j)
		}
	}
	return out
}

// ChildrenWith returns the dependents of token i whose relation is rel or a
// subtype of it ("nsubj" also matches "nsubj:pass").
func (s *Sentence) ChildrenWith(i int, rel string) []int {
	var out []int
	for j := range s.Tokens {
		if s.Tokens[j].Head == i && RelIs(s.Tokens[j].DepRel, rel) {
			out = append(out, j)
		}
	}
	return out
}

// RelIs reports whether the dependency relation rel is base or one of its
// subtypes: RelIs("obl:tmod", "obl") is true.
func RelIs(rel, base string) bool {
	if len(rel) < len(base) || rel[:len(base)] != base {
		return false
	}
	return len(rel) == len(base) || rel[len(base)] == ':'
}

// Subtree returns the first and last token index (inclusive) of the subtree
// headed by token i.
func (s *Sentence) Subtree(i int) (first, last int) {
	first, last = i, i
	for j := range s.Tokens {
		if j < first || j > last {
			if s.Dominates(i, j) {
				if j < first {
					first = j
				}
				if j > last {
					last = j
				}
			}
		}
	}
	return first, last
}

// SubtreeSpan returns the byte span in the document of the subtree headed by
// token i.
func (s *Sentence) SubtreeSpan(i int) (start, end int) {
	f, l := s.Subtree(i)
	return s.Tokens[f].Start, s.Tokens[l].End
}

// Dominates reports whether token a is an ancestor of token b (or b itself).
func (s *Sentence) Dominates(a, b int) bool {
	for steps := 0; b >= 0 && steps <= len(s.Tokens); steps++ {
		if b == a {
			return true
		}
		b = s.Tokens[b].Head
	}
	return false
}

// clauseRels are the relations that open a new clause below their head.
var clauseRels = [...]string{"root", "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj", "conj"}

// Clause returns the index of the head of the clause that token i belongs
// to: the nearest ancestor (or i itself) that is a predicate attached by a
// clausal relation (root, ccomp, xcomp, advcl, acl, parataxis, csubj, or
// conj of a predicate).
func (s *Sentence) Clause(i int) int {
	for steps := 0; i >= 0 && steps <= len(s.Tokens); steps++ {
		t := &s.Tokens[i]
		for _, r := range clauseRels {
			if RelIs(t.DepRel, r) {
				if r != "conj" || isPredicate(t.UPOS) {
					return i
				}
			}
		}
		if t.Head < 0 {
			return i
		}
		i = t.Head
	}
	return i
}

func isPredicate(upos string) bool {
	return upos == "VERB" || upos == "AUX"
}
