package nlp

// Tree indexes a sentence's dependency tree for callers that walk it many
// times, as the event coder does for every candidate event: each token's
// dependents are listed once when the Tree is built, so Children and
// ChildWith are lookups and Subtree walks only the subtree. Its answers
// are those of the Sentence methods of the same names.
//
// A Tree reads the heads of its sentence's tokens when it is built: after
// changing heads, build a new one. It never panics on a malformed tree: a
// head outside the sentence counts as no head, a token that is its own
// head has no dependent, and every walk up or down stops after as many
// steps as the sentence has tokens, so a cycle ends it.
type Tree struct {
	s        *Sentence
	children [][]int
}

// NewTree indexes the tree of s.
func NewTree(s *Sentence) *Tree {
	n := len(s.Tokens)
	t := &Tree{s: s, children: make([][]int, n)}
	for i := range s.Tokens {
		if h := s.Tokens[i].Head; h >= 0 && h < n && h != i {
			t.children[h] = append(t.children[h], i)
		}
	}
	return t
}

// Sentence returns the sentence the tree indexes.
func (t *Tree) Sentence() *Sentence { return t.s }

// Len returns the number of tokens.
func (t *Tree) Len() int { return len(t.s.Tokens) }

// Head returns the head of token i, or -1 for the root (or a head outside
// the sentence).
func (t *Tree) Head(i int) int {
	h := t.s.Tokens[i].Head
	if h < 0 || h >= len(t.s.Tokens) {
		return -1
	}
	return h
}

// Children returns the dependents of token i in sentence order, as
// Sentence.Children does. The slice is the tree's own: callers must not
// change it.
func (t *Tree) Children(i int) []int { return t.children[i] }

// ChildWith returns the first dependent of token i whose relation is rel
// or a subtype of it (RelIs), or -1.
func (t *Tree) ChildWith(i int, rel string) int {
	for _, c := range t.children[i] {
		if RelIs(t.s.Tokens[c].DepRel, rel) {
			return c
		}
	}
	return -1
}

// Subtree returns the first and last token index (inclusive) of the
// subtree headed by token i, as Sentence.Subtree does.
func (t *Tree) Subtree(i int) (first, last int) {
	first, last = i, i
	stack := []int{i}
	for seen := 0; len(stack) > 0 && seen <= len(t.s.Tokens); seen++ {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		first, last = min(first, j), max(last, j)
		stack = append(stack, t.children[j]...)
	}
	return first, last
}

// Dominates reports whether token a is an ancestor of token b (or b
// itself), as Sentence.Dominates does.
func (t *Tree) Dominates(a, b int) bool {
	for steps := 0; b >= 0 && steps <= len(t.s.Tokens); steps++ {
		if b == a {
			return true
		}
		b = t.Head(b)
	}
	return false
}

// CaseMarkers returns the case markers of token i that stand before it
// (its "case" dependents, each followed by its "fixed" dependents: "in",
// "according" "to", "on" "behalf" "of"), in that order.
func (t *Tree) CaseMarkers(i int) []int {
	var out []int
	for _, c := range t.children[i] {
		if RelIs(t.s.Tokens[c].DepRel, "case") && c < i {
			out = append(out, c)
			for _, f := range t.children[c] {
				if RelIs(t.s.Tokens[f].DepRel, "fixed") {
					out = append(out, f)
				}
			}
		}
	}
	return out
}
