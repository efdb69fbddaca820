package nlp

// This file holds beam-search decoding for the arc-eager parser: instead of
// committing to the best transition at every step, the parser keeps the
// Beam highest-scoring partial parses (a parse scores the sum of its
// transitions' scores) and returns the best complete one. Every parse of
// n words takes exactly 2n transitions (each word is pushed once, by shift
// or right-arc, and popped once, by left-arc or reduce), so all parses in
// the beam are always the same length and their scores compare directly.
// With a beam of one the result is the greedy parse, transition for
// transition.

// beamCand is one way to extend a parse in the beam: its parent item, the
// transition, the label of the arc it makes, and the score of the whole
// extended parse.
type beamCand struct {
	parent int
	t      int
	label  int
	score  int64
}

// beamScratch is the reusable memory of one beam decoding.
type beamScratch struct {
	words parseState    // the sentence's token hashes, shared by the items
	cur   []*parseState // the beam
	next  []*parseState
	free  configPool
	score []int64 // score of cur[i]
	nsc   []int64
	cand  []beamCand
	kids  []int // per item of cur: how many candidates kept it as parent
	taken []bool
	sc    [][numTransitions]int32
	refs  []groupRefs // per item of cur: its sums' label rows
	// labelled is the refs of the items whose arcs are labelled this step.
	labelled []groupRefs
	ss       *sentenceScores
}

// configPool is a free list of configurations, so that a beam reuses
// their memory from step to step and sentence to sentence.
type configPool []*parseState

// state returns a configuration from the free list, or a new one.
func (f *configPool) state() *parseState {
	if k := len(*f); k > 0 {
		s := (*f)[k-1]
		*f = (*f)[:k-1]
		return s
	}
	return &parseState{}
}

// copyConfig makes s the configuration o (stack, buffer, arcs) over the same
// sentence: the per-token hashes are shared, not copied.
func (s *parseState) copyConfig(o *parseState) {
	m := o.n + 1
	s.n, s.b, s.altOn = o.n, o.b, o.altOn
	s.w, s.p, s.u, s.x, s.h, s.a = o.w, o.p, o.u, o.x, o.h, o.a
	s.head = append(s.head[:0], o.head[:m]...)
	s.label = append(s.label[:0], o.label[:m]...)
	s.lc1 = append(s.lc1[:0], o.lc1[:m]...)
	s.lc2 = append(s.lc2[:0], o.lc2[:m]...)
	s.rc1 = append(s.rc1[:0], o.rc1[:m]...)
	s.rc2 = append(s.rc2[:0], o.rc2[:m]...)
	s.nl = append(s.nl[:0], o.nl[:m]...)
	s.nr = append(s.nr[:0], o.nr[:m]...)
	s.lset = append(s.lset[:0], o.lset[:m]...)
	s.rset = append(s.rset[:0], o.rset[:m]...)
	s.alt = append(s.alt[:0], o.alt[:m]...)
	s.stack = append(s.stack[:0], o.stack...)
	s.roots = append(s.roots[:0], o.roots...)
	if cap(s.feats) < parserMaxFeatures {
		s.feats = make([]uint64, 0, parserMaxFeatures)
	}
}

// candBefore orders candidates: higher score first, then the earlier
// parent, then the lower transition, so that decoding is deterministic and
// a beam of one picks what the greedy parser picks.
func candBefore(a, b beamCand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.parent != b.parent {
		return a.parent < b.parent
	}
	return a.t < b.t
}

// parseBeam decodes the sentence set up in b.words with a beam of width k
// and returns the configuration of the best complete parse.
func (p *Parser) parseBeam(b *beamScratch, k int) *parseState {
	n := b.words.n
	nl := len(p.labels)
	b.free = append(b.free, b.cur...)
	b.cur = b.cur[:0]
	first := b.free.state()
	first.copyConfig(&b.words)
	b.cur = append(b.cur, first)
	b.score = append(b.score[:0], 0)
	if b.ss == nil {
		b.ss = newSentenceScores(p)
	}
	ss := b.ss
	ss.start(p.fast, &b.words)
	for step := 0; step < 2*n; step++ {
		b.cand = b.cand[:0]
		b.sc = resetSlice(b.sc, len(b.cur))
		b.refs = resetSlice(b.refs, len(b.cur))
		ss.scoreStep(p.fast, &b.words, b.cur, b.sc, b.refs)
		for i, s := range b.cur {
			for t := 0; t < numTransitions; t++ {
				if s.legal(t) {
					b.cand = append(b.cand, beamCand{parent: i, t: t, label: -1, score: b.score[i] + int64(b.sc[i][t])})
				}
			}
		}
		keep := topK(b.cand, k, candBefore)
		// Labels first, from the parents' feature lookups, before any
		// parent changes.
		b.kids = resetSlice(b.kids, len(b.cur))
		b.labelled = b.labelled[:0]
		for j := range keep {
			if c := &keep[j]; c.t == trLeft || c.t == trRight {
				b.labelled = append(b.labelled, b.refs[c.parent])
			}
		}
		ss.labelRows(p.fast, b.labelled)
		for j := range keep {
			c := &keep[j]
			b.kids[c.parent]++
			if c.t != trLeft && c.t != trRight {
				continue
			}
			s := b.cur[c.parent]
			h, dir := s.b, 0
			if c.t == trRight {
				h, dir = s.top(), 1
			}
			s.acc.clearLabels(2 * nl)
			p.fast.scoreLabels(s.hits, dir, &s.acc)
			c.label = ss.bestLabel(&s.acc, b.refs[c.parent], dir, p.root)
			if h == n {
				c.label = -2 - c.label // an arc from the root: remembered for the repair
			}
		}
		// Parents no candidate kept are free; a parent kept by several
		// candidates is copied for all but the first, which takes it.
		for i, s := range b.cur {
			if b.kids[i] == 0 {
				b.free = append(b.free, s)
			}
		}
		b.next = b.next[:0]
		b.nsc = b.nsc[:0]
		b.taken = resetSlice(b.taken, len(b.cur))
		for j := range keep {
			c := &keep[j]
			var s *parseState
			if !b.taken[c.parent] {
				b.taken[c.parent] = true
				s = nil // filled below, after every copy of the parent is made
			} else {
				s = b.free.state()
				s.copyConfig(b.cur[c.parent])
			}
			b.next = append(b.next, s)
			b.nsc = append(b.nsc, c.score)
		}
		for j := range keep {
			c := &keep[j]
			s := b.next[j]
			if s == nil {
				s = b.cur[c.parent]
				b.next[j] = s
			}
			l := c.label
			if l <= -2 {
				d := s.top()
				s.alt[d] = -2 - l
				l = p.root
			}
			s.apply(c.t, l)
		}
		b.cur, b.next = b.next, b.cur
		b.score, b.nsc = b.nsc, b.score
	}
	return b.cur[0]
}

// topK sorts the best k items of c to its front (before orders them) and
// returns them. Beams are small, so insertion does.
func topK[T any](c []T, k int, before func(a, b T) bool) []T {
	m := 0 // c[:m] holds the best so far, in order
	for i := range c {
		x := c[i]
		if m == k && !before(x, c[m-1]) {
			continue
		}
		j := min(m, k-1)
		for j > 0 && before(x, c[j-1]) {
			c[j] = c[j-1]
			j--
		}
		c[j] = x
		if m < k {
			m++
		}
	}
	return c[:m]
}

// resetSlice returns a of length n, zeroed, reusing its memory.
func resetSlice[T any](a []T, n int) []T {
	if cap(a) < n {
		a = make([]T, n)
	}
	a = a[:n]
	clear(a)
	return a
}

// Beam returns how many partial parses the parser keeps while decoding (1:
// greedy).
func (p *Parser) Beam() int { return max(p.beam, 1) }

// WithBeam returns a parser with the same model that decodes with a beam
// of k partial parses (k <= 1: greedy), for measuring what a wider or
// narrower beam buys. A model trained with a beam decodes best with the
// beam it was trained with, which is what ReadParser gives.
func (p *Parser) WithBeam(k int) *Parser {
	return &Parser{labels: p.labels, root: p.root, alt: p.alt, trans: p.trans, lab: p.lab, fast: p.fast, beam: min(max(k, 1), maxParserBeam)}
}
