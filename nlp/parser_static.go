package nlp

import "slices"

// This file holds what decoding remembers while it parses a sentence, so
// that it looks up each group of features once instead of at every step
// and for every item of the beam:
//
//   - the groups that read only words (templateGroups: the buffer's front,
//     the stack's top, the pair of them) are summed once per sentence for
//     each buffer front, stack top and pair decoding meets;
//   - the groups that read the arcs around the stack's top and around the
//     buffer's front are summed once for each state of them decoding meets
//     (topState, frontState: the positions and labels they read);
//   - only the rest of the features are looked up at every step.
//
// A sum holds the transition weights of its group and, once a label is
// chosen with it, a row of its label weights (both arc directions). A
// configuration's scores add the sums of its groups to its own lookups.
// The sums are of the same integer weights as a lookup of every feature, in
// another order, so the parse is the same (TestStaticScoresMatchLookup).

// groupScore is the summed weights of one group of templates: transition
// weights; the label cells of its features (sentenceScores.hits[hitLo:
// hitHi]); and the place of their sums by class (a labelRow) in
// sentenceScores.lab once a label was chosen with them (-1 before).
type groupScore struct {
	w            [numTransitions]int32
	hitLo, hitHi int32
	lab          int32
}

// groupRefs names the sums of a configuration's groups by their places:
// buffer, stack, pair, top, front.
type groupRefs [5]int32

// keyedGroups is the sums of one arc group (groupTop or groupFront) met in
// the sentence, found by the state of the configuration the group reads
// (topState, frontState): equal states give equal features.
type keyedGroups[K comparable] struct {
	index map[K]int32 // the sum's place
	sums  []groupScore
}

// reset forgets the sums of the sentence before.
func (k *keyedGroups[K]) reset() {
	clear(k.index)
	k.sums = k.sums[:0]
}

// find returns the place of the sum for state key and whether it is new: a
// new sum's group must be queued, and the sums queued take their places in
// the order they were.
func (k *keyedGroups[K]) find(key K, queued *int) (int32, bool) {
	if i, ok := k.index[key]; ok {
		return i, false
	}
	i := int32(len(k.sums) + *queued)
	*queued++
	k.index[key] = i
	return i, true
}

// sentenceScores is the memory decoding keeps from sentence to sentence:
// the lookup memo, and the sums of the sentence being parsed.
type sentenceScores struct {
	memo   lookupMemo
	groups [numGroups][]int // template ids per group, for the parser's model
	nl     int              // labels: the length of a label row

	buffer []groupScore // by buffer front, 0..n
	stack  []groupScore // by stack top + 1 (0: the stack is empty)
	pairs  map[uint64]int32
	pair   []groupScore
	top    keyedGroups[topState]
	front  keyedGroups[frontState]
	hits   []int32 // the label cells of the sums' features
	lab    []labelRow
	zero   labelRow               // the label row of a sum without label weights
	span   [lookupBatch][2]uint32 // scratch of addLabelRows

	feats []uint64 // scratch: one configuration's features by template
	// The groups queued for scoring: their features one after another,
	// where each ends; and the scratch of flush.
	keys   []uint64
	ends   []int32
	sc     [][numTransitions]int32
	probes []*parseState
	done   []groupScore
	sink   int16 // see addLabelRows
	// The features of the configurations of a step looked up one by one,
	// where each ends, and which sum of pair, top and front each takes.
	rest     []uint64
	restEnds []int32
	pairAt   []int32
	topAt    []int32
	frontAt  []int32
	ctx      []arcContext
	owners   []*parseState
	// Scratch of labelRows.
	rows, rowHits []int32
}

// newSentenceScores returns the decoding memory for parser p's model.
func newSentenceScores(p *Parser) *sentenceScores {
	g := templateGroups(p.alt)
	return &sentenceScores{
		groups: g,
		nl:     len(p.labels),
		pairs:  map[uint64]int32{},
		top:    keyedGroups[topState]{index: map[topState]int32{}},
		front:  keyedGroups[frontState]{index: map[frontState]int32{}},
		feats:  make([]uint64, parserTemplates),
	}
}

// start sums the buffer and stack groups of every word of the sentence in
// words (a configuration holding its token hashes), and the pairs every
// parse meets, and forgets the sums of the sentence before.
func (ss *sentenceScores) start(t *fastTable, words *parseState) {
	n := words.n
	ss.lab, ss.hits = ss.lab[:0], ss.hits[:0]
	ss.pair = ss.pair[:0]
	clear(ss.pairs)
	ss.top.reset()
	ss.front.reset()
	for n0 := 0; n0 <= n; n0++ {
		words.bufferFeatures(ss.feats, n0)
		ss.queue(ss.feats, groupBuffer)
	}
	for s0 := pNoTok; s0 < n; s0++ {
		words.stackFeatures(ss.feats, s0)
		ss.queue(ss.feats, groupStack)
	}
	// Every parse starts with an empty stack and pushes each word onto
	// the stack with the next word at the buffer's front.
	for n0 := 0; n0 <= n; n0++ {
		words.pairFeatures(ss.feats, n0-1, n0)
		ss.queue(ss.feats, groupPair)
		ss.pairs[pairKey(n0-1, n0)] = int32(n0)
	}
	done := ss.flush(t)
	ss.buffer = append(ss.buffer[:0], done[:n+1]...)
	ss.stack = append(ss.stack[:0], done[n+1:2*n+2]...)
	ss.pair = append(ss.pair, done[2*n+2:]...)
}

// pairKey is the key of the pair of stack top s0 and buffer front n0.
func pairKey(s0, n0 int) uint64 { return uint64(s0+1)<<32 | uint64(n0) }

// queue adds the templates of group g written to f (by template id) to the
// groups the next flush sums.
func (ss *sentenceScores) queue(f []uint64, g int) {
	ss.keys = gather(ss.keys, f, ss.groups[g])
	ss.ends = append(ss.ends, int32(len(ss.keys)))
}

// gather appends f[id] for each id of ids to dst, growing dst once rather
// than checking its room at each id.
func gather(dst, f []uint64, ids []int) []uint64 {
	n := len(dst)
	dst = slices.Grow(dst, len(ids))[:n+len(ids)]
	out := dst[n:]
	for j, id := range ids[:len(out)] {
		out[j] = f[id]
	}
	return dst
}

// flush sums the queued groups together, so that the cache misses of their
// lookups overlap, and returns the sums in the order the groups were
// queued.
func (ss *sentenceScores) flush(t *fastTable) []groupScore {
	return ss.flushWith(t, nil, nil, nil)
}

// flushWith is flush, looking up in the same batch the features rest of
// the configurations states (states[i]'s ending at ends[i]): their weights
// go to ss.sc[m+i] (m: the groups queued) and their label cells to their
// hits.
func (ss *sentenceScores) flushWith(t *fastTable, states []*parseState, rest []uint64, ends []int32) []groupScore {
	m := len(ss.ends)
	for len(ss.probes) < m {
		ss.probes = append(ss.probes, &parseState{})
	}
	ss.owners = append(append(ss.owners[:0], ss.probes[:m]...), states...)
	if len(states) > 0 {
		base := int32(len(ss.keys))
		ss.keys = append(ss.keys, rest...)
		for _, e := range ends {
			ss.ends = append(ss.ends, base+e)
		}
	}
	ss.sc = resetSlice(ss.sc, len(ss.owners))
	if len(ss.owners) > 0 {
		t.scoreMany(&ss.memo, ss.keys, ss.ends, ss.sc, ss.owners)
	}
	ss.done = ss.done[:0]
	for i, pr := range ss.probes[:m] {
		lo := int32(len(ss.hits))
		ss.hits = append(ss.hits, pr.hits...)
		ss.done = append(ss.done, groupScore{w: ss.sc[i], hitLo: lo, hitHi: int32(len(ss.hits)), lab: -1})
	}
	ss.keys, ss.ends = ss.keys[:0], ss.ends[:0]
	return ss.done
}

// scoreStep scores the configurations states of a sentence start was given
// (words holds its token hashes): sc[i] gets the transition scores of
// states[i], refs[i] its sums' label rows, and states[i].hits the label
// cells of its features looked up one by one.
func (ss *sentenceScores) scoreStep(t *fastTable, words *parseState, states []*parseState, sc [][numTransitions]int32, refs []groupRefs) {
	// The groups not met before are queued: pairs, then the tops', then
	// the fronts' arcs; then all are summed and the rest of the features
	// looked up in one batch, so that their cache misses overlap.
	nPair := int32(len(ss.pair))
	next := nPair
	ss.pairAt = ss.pairAt[:0]
	for _, s := range states {
		key := pairKey(s.top(), s.b)
		pi, ok := ss.pairs[key]
		if !ok {
			words.pairFeatures(ss.feats, s.top(), s.b)
			ss.queue(ss.feats, groupPair)
			pi = next
			ss.pairs[key] = pi
			next++
		}
		ss.pairAt = append(ss.pairAt, pi)
	}
	ss.rest, ss.restEnds = ss.rest[:0], ss.restEnds[:0]
	ss.topAt, ss.frontAt = ss.topAt[:0], ss.frontAt[:0]
	ss.ctx = ss.ctx[:0]
	queuedTop, queuedFront := 0, 0
	for _, s := range states {
		c := s.arcContext()
		ss.ctx = append(ss.ctx, c)
		f := s.feats[:parserTemplates]
		i, isNew := ss.top.find(s.topState(&c), &queuedTop)
		if isNew {
			s.topFeatures(f, &c)
			ss.queue(f, groupTop)
		}
		ss.topAt = append(ss.topAt, i)
		s.restFeatures(f, &c)
		ss.rest = gather(ss.rest, f, ss.groups[groupRest])
		ss.restEnds = append(ss.restEnds, int32(len(ss.rest)))
	}
	for j, s := range states {
		c := &ss.ctx[j]
		i, isNew := ss.front.find(s.frontState(c), &queuedFront)
		if isNew {
			f := s.feats[:parserTemplates]
			s.frontFeatures(f, c)
			ss.queue(f, groupFront)
		}
		ss.frontAt = append(ss.frontAt, i)
	}
	m := len(ss.ends)
	done := ss.flushWith(t, states, ss.rest, ss.restEnds)
	np := int(next - nPair)
	ss.pair = append(ss.pair, done[:np]...)
	ss.top.sums = append(ss.top.sums, done[np:np+queuedTop]...)
	ss.front.sums = append(ss.front.sums, done[np+queuedTop:]...)
	for i, s := range states {
		s0, n0, pi := s.top(), s.b, ss.pairAt[i]
		b, st, p := &ss.buffer[n0], &ss.stack[s0+1], &ss.pair[pi]
		tp, fr := &ss.top.sums[ss.topAt[i]], &ss.front.sums[ss.frontAt[i]]
		own := &ss.sc[m+i]
		for c := range sc[i] {
			sc[i][c] = b.w[c] + st.w[c] + p.w[c] + tp.w[c] + fr.w[c] + own[c]
		}
		refs[i] = groupRefs{int32(n0), int32(s0 + 1), pi, ss.topAt[i], ss.frontAt[i]}
	}
}

// fill appends n copies of v to dst, growing dst once.
func fill(dst []int32, v int32, n int) []int32 {
	m := len(dst)
	dst = slices.Grow(dst, n)[:m+n]
	tail := dst[m:]
	for i := range tail {
		tail[i] = v
	}
	return dst
}

// group returns the sum of kind g (a place in groupRefs) at place at.
func (ss *sentenceScores) group(g int, at int32) *groupScore {
	switch g {
	case 0:
		return &ss.buffer[at]
	case 1:
		return &ss.stack[at]
	case 2:
		return &ss.pair[at]
	case 3:
		return &ss.top.sums[at]
	}
	return &ss.front.sums[at]
}

// labelRows sums the label weights, both directions, of the sums in refs
// that have none summed yet, together (so that the cache misses of their
// label cells overlap), so that bestLabel finds them.
func (ss *sentenceScores) labelRows(t *fastTable, refs []groupRefs) {
	ss.rows, ss.rowHits = ss.rows[:0], ss.rowHits[:0]
	for _, r := range refs {
		for g, at := range r {
			gs := ss.group(g, at)
			if gs.lab >= 0 || gs.hitLo == gs.hitHi {
				continue
			}
			gs.lab = int32(len(ss.lab))
			// a new row: only the classes of the labels are read
			ss.lab = slices.Grow(ss.lab, 1)[:gs.lab+1]
			clear(ss.lab[gs.lab][:2*ss.nl])
			ss.rowHits = append(ss.rowHits, ss.hits[gs.hitLo:gs.hitHi]...)
			ss.rows = fill(ss.rows, gs.lab, len(ss.rowHits)-len(ss.rows))
		}
	}
	ss.sink |= t.addLabelRows(ss.rowHits, ss.rows, ss.lab, &ss.span)
}

// bestLabel is bestLabelSum (with root, the root label) for a
// configuration whose sums are refs, whose own label weights of direction
// dir scoreLabels added to acc: it adds the label rows of the sums
// (labelRows must have summed them) as it scans for the best label, in
// one pass instead of a pass adding them to acc and one scanning acc.
func (ss *sentenceScores) bestLabel(acc *labelAcc, refs groupRefs, dir, root int) int {
	nl := ss.nl
	lo := dir * nl
	var r [len(refs)][]int32
	for g, at := range refs {
		row := &ss.zero // a sum without label weights
		if gs := ss.group(g, at); gs.lab >= 0 {
			row = &ss.lab[gs.lab]
		}
		r[g] = row[lo : lo+nl]
	}
	a0 := acc[0][lo : lo+nl]
	a1, r0, r1, r2, r3, r4 := acc[1][lo:lo+len(a0)], r[0][:len(a0)], r[1][:len(a0)], r[2][:len(a0)], r[3][:len(a0)], r[4][:len(a0)]
	if len(a0) == 0 {
		return root
	}
	// The first best label of all; unless it is the root label, it is
	// also the first best of the others, the label bestLabelSum picks.
	best, bestV := 0, a0[0]+a1[0]+r0[0]+r1[0]+r2[0]+r3[0]+r4[0]
	for l := 1; l < len(a0); l++ {
		if v := a0[l] + a1[l] + r0[l] + r1[l] + r2[l] + r3[l] + r4[l]; v > bestV {
			best, bestV = l, v
		}
	}
	if best != root {
		return best
	}
	best = -1
	for l, v := range a0 {
		if l == root {
			continue
		}
		if v += a1[l] + r0[l] + r1[l] + r2[l] + r3[l] + r4[l]; best < 0 || v > bestV {
			best, bestV = l, v
		}
	}
	if best < 0 {
		best = root
	}
	return best
}

// labelRow is the summed label weights of a group, by class (left-arc
// labels, then right-arc ones), indexed as labelAcc is.
type labelRow [256]int32

// addLabelRows adds the label weights, both directions, of the label cells
// whose headers are in hits to the rows of lab at rows (one per hit), by
// class; span is its scratch. The loads of a batch come first, as in
// scoreLabels; what it returns only keeps them from being optimised away.
func (t *fastTable) addLabelRows(hits, rows []int32, lab []labelRow, span *[lookupBatch][2]uint32) int16 {
	var touch int16
	for len(hits) > 0 {
		batch := hits[:min(len(hits), lookupBatch)]
		at := rows[:len(batch)]
		hits, rows = hits[len(batch):], rows[len(batch):]
		for j, o := range batch {
			h := t.cells[o]
			span[j] = [2]uint32{uint32(o) + 1, uint32(o) + 1 + uint32(uint16(h.w()))}
		}
		for _, sp := range span[:len(batch)] {
			if sp[0] < sp[1] {
				touch |= t.cells[sp[1]-1].w()
			}
		}
		addCells(lab, at, t.cells, span[:len(batch)])
	}
	return touch
}
