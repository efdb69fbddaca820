package nlp

// This file holds the global training of the beam parser: a structured
// perceptron over whole transition sequences with max-violation updates
// (Huang, Fayong & Guo 2012). The beam is searched with the current
// weights; beside it the trainer follows the best-scoring sequence that
// can still reach the gold tree (the arc-eager system reaches one tree by
// several sequences, so "gold" is the best of those the weights prefer, as
// with a dynamic oracle). At the step where the beam's best parse outscores
// that gold sequence by the most, the weights move toward the gold prefix
// and away from the beam's best prefix.

// histNode is one transition of a sequence in the training beam: its
// predecessor (-1 for the first), the transition and where the features it
// was chosen on are kept in the trainer's arena.
type histNode struct {
	parent int32
	t      int32
	off    int32
	nfeat  int32
}

// trainCand is a candidate extension of a sequence in training.
type trainCand struct {
	parent int     // index in the beam; -1 for the gold sequence off the beam
	t      int     // the transition
	score  float64 // the score of the extended sequence
	zero   bool    // the extended sequence can still reach the gold tree
	off    int32   // the parent's features in the arena
	nfeat  int32
	pnode  int32 // the parent's history node
	node   int32 // the extended sequence's history node, once made
	label  int   // the arc's label; for an arc from the root, the root label
	alt    int   // for an arc from the root, the label kept for the repair
}

// trainCandBefore orders training candidates as candBefore orders decoding
// ones; the gold sequence off the beam (parent -1) comes after a beam
// candidate of the same score.
func trainCandBefore(a, b trainCand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.parent != b.parent {
		return uint(a.parent) < uint(b.parent)
	}
	return a.t < b.t
}

// beamTrainer holds what global training reuses between sentences.
type beamTrainer struct {
	p     *Parser
	trans *denseTrainer
	labm  *sparseTrainer
	k     int

	words parseState // the sentence's token hashes, shared by the items
	arena []uint64
	nodes []histNode
	cands []trainCand
	keep  []trainCand

	cur, next     []*parseState
	score, nscore []float64
	node, nnode   []int32
	zero, nzero   []bool
	free          configPool
	goldSt        *parseState // the gold sequence's configuration when off the beam

	inStack []bool
	lscores []float32
	kids    []int
	taken   []bool

	// Counts for the log.
	updates, sentences, arcs, labErrs, goldLost int
}

// expand adds the candidates of extending the sequence in s (score, history
// node, whether it can still reach the gold tree) by each legal transition.
func (tr *beamTrainer) expand(s *parseState, parent int, score float64, node int32, zero bool, gold []int) {
	feats := s.extract()
	off := int32(len(tr.arena))
	tr.arena = append(tr.arena, feats...)
	var sc [numTransitions]float32
	tr.trans.score(feats, sc[:])
	var cost [numTransitions]int
	if zero {
		tr.inStack = resetSlice(tr.inStack, s.n+1)
		for _, k := range s.stack {
			tr.inStack[k] = true
		}
	}
	for t := 0; t < numTransitions; t++ {
		if !s.legal(t) {
			continue
		}
		if zero {
			cost[t] = s.goldCost(t, gold, tr.inStack)
		}
		if parent < 0 && cost[t] > 0 {
			continue // off the beam only the gold sequence is followed
		}
		tr.cands = append(tr.cands, trainCand{
			parent: parent, t: t, score: score + float64(sc[t]), zero: zero && cost[t] == 0,
			off: off, nfeat: int32(len(feats)), pnode: node, node: -1, label: -1, alt: -1,
		})
	}
}

// setLabel labels c's arc, if it makes one, with the current label model,
// from the configuration s it extends.
func (tr *beamTrainer) setLabel(c *trainCand, s *parseState) {
	if c.t != trLeft && c.t != trRight {
		return
	}
	h, dir := s.b, 0
	if c.t == trRight {
		h, dir = s.top(), 1
	}
	clear(tr.lscores)
	tr.labm.score(tr.arena[c.off:c.off+c.nfeat], tr.lscores)
	c.label = tr.p.bestLabel(tr.lscores, dir)
	if h == s.n {
		c.alt, c.label = c.label, tr.p.root
	}
}

// applyCand applies c to s.
func applyCand(s *parseState, c *trainCand) {
	if c.alt >= 0 {
		s.alt[s.top()] = c.alt
	}
	s.apply(c.t, c.label)
}

// sentence trains on one sentence.
func (tr *beamTrainer) sentence(ts *parserTrainSent) {
	n := len(ts.words)
	p, nl := tr.p, len(tr.p.labels)
	if cap(tr.lscores) < 2*nl {
		tr.lscores = make([]float32, 2*nl)
	}
	tr.lscores = tr.lscores[:2*nl]
	if tr.goldSt == nil {
		tr.goldSt = &parseState{}
	}
	tr.arena, tr.nodes = tr.arena[:0], tr.nodes[:0]
	tr.free = append(tr.free, tr.cur...)
	tr.words.reset(n)
	tr.words.setWords(ts.words, ts.upos, ts.xpos, ts.alt, p.alt)
	first := tr.free.state()
	first.copyConfig(&tr.words)
	tr.cur = append(tr.cur[:0], first)
	tr.score = append(tr.score[:0], 0)
	tr.node = append(tr.node[:0], -1)
	tr.zero = append(tr.zero[:0], true)
	goldIdx := 0 // the gold sequence's index in the beam; -1 when off it
	var goldScore float64
	goldNode := int32(-1)
	maxV, vPred, vGold := 0.0, int32(-1), int32(-1)
	lost := false
	for step := 0; step < 2*n; step++ {
		tr.trans.tick()
		tr.cands = tr.cands[:0]
		for i, s := range tr.cur {
			tr.expand(s, i, tr.score[i], tr.node[i], tr.zero[i], ts.gold)
		}
		if goldIdx < 0 {
			tr.expand(tr.goldSt, -1, goldScore, goldNode, true, ts.gold)
		}
		// The gold sequence goes on by its best extension that can still
		// reach the gold tree, or by any such extension of a beam item
		// that scores higher.
		gi := -1
		for j := range tr.cands {
			if c := &tr.cands[j]; c.zero && (gi < 0 || trainCandBefore(*c, tr.cands[gi])) {
				gi = j
			}
		}
		if gi < 0 {
			panic("parser: no transition keeps the gold tree reachable") // the oracle is exact for projective trees
		}
		gold := tr.cands[gi]
		// The beam: the best k extensions of its items.
		tr.keep = tr.keep[:0]
		for _, c := range tr.cands {
			if c.parent >= 0 {
				tr.keep = append(tr.keep, c)
			}
		}
		tr.keep = topK(tr.keep, tr.k, trainCandBefore)
		gk := -1
		for j := range tr.keep {
			if c := &tr.keep[j]; c.parent == gold.parent && c.t == gold.t {
				gk = j
			}
		}
		if gk < 0 && !lost {
			lost = true
			tr.goldLost++
		}
		// History nodes and labels, from the parents before any changes.
		for j := range tr.keep {
			c := &tr.keep[j]
			c.node = tr.node1(c)
			tr.setLabel(c, tr.cur[c.parent])
		}
		if gk >= 0 {
			gold = tr.keep[gk]
		} else {
			gold.node = tr.node1(&gold)
			if gold.parent >= 0 {
				tr.setLabel(&gold, tr.cur[gold.parent])
			} else {
				tr.setLabel(&gold, tr.goldSt)
			}
		}
		// A violation: the beam's best cannot reach the gold tree (the
		// gold sequence scores at most as much, since it is the best of
		// those that can).
		if best := &tr.keep[0]; !best.zero {
			if v := best.score - gold.score; vPred < 0 || v > maxV {
				maxV, vPred, vGold = v, best.node, gold.node
			}
		}
		// The label model learns from the gold sequence's arcs.
		if gold.t == trLeft || gold.t == trRight {
			var gs *parseState
			if gold.parent >= 0 {
				gs = tr.cur[gold.parent]
			} else {
				gs = tr.goldSt
			}
			h, d, dir := gs.b, gs.top(), 0
			if gold.t == trRight {
				h, d, dir = d, h, 1
			}
			l := gold.label
			if gold.alt >= 0 {
				l = gold.alt
			}
			if h != n && ts.gold[d] == h {
				tr.labm.tick()
				tr.arcs++
				if g := ts.glab[d]; g != l {
					tr.labErrs++
					feats := tr.arena[gold.off : gold.off+gold.nfeat]
					tr.labm.update(feats, dir*nl+g, 1)
					tr.labm.update(feats, dir*nl+l, -1)
				}
			}
		}
		// The gold sequence off the beam is copied from its parent
		// before the beam's configurations change.
		if gk < 0 && gold.parent >= 0 {
			tr.goldSt.copyConfig(tr.cur[gold.parent])
		}
		tr.kids = resetSlice(tr.kids, len(tr.cur))
		for _, c := range tr.keep {
			tr.kids[c.parent]++
		}
		for i, s := range tr.cur {
			if tr.kids[i] == 0 {
				tr.free = append(tr.free, s)
			}
		}
		tr.taken = resetSlice(tr.taken, len(tr.cur))
		tr.next = tr.next[:0]
		for _, c := range tr.keep {
			var s *parseState
			if tr.taken[c.parent] {
				s = tr.free.state()
				s.copyConfig(tr.cur[c.parent])
			} else {
				tr.taken[c.parent] = true
			}
			tr.next = append(tr.next, s)
		}
		tr.nscore, tr.nnode, tr.nzero = tr.nscore[:0], tr.nnode[:0], tr.nzero[:0]
		for j := range tr.keep {
			c := &tr.keep[j]
			if tr.next[j] == nil {
				tr.next[j] = tr.cur[c.parent]
			}
			applyCand(tr.next[j], c)
			tr.nscore = append(tr.nscore, c.score)
			tr.nnode = append(tr.nnode, c.node)
			tr.nzero = append(tr.nzero, c.zero)
		}
		if gk < 0 {
			applyCand(tr.goldSt, &gold)
			goldScore, goldNode = gold.score, gold.node
		}
		goldIdx = gk
		tr.cur, tr.next = tr.next, tr.cur
		tr.score, tr.nscore = tr.nscore, tr.score
		tr.node, tr.nnode = tr.nnode, tr.node
		tr.zero, tr.nzero = tr.nzero, tr.zero
	}
	tr.sentences++
	if vPred >= 0 {
		tr.updates++
		tr.update(vGold, vPred)
	}
}

// node1 records candidate c's transition in the history.
func (tr *beamTrainer) node1(c *trainCand) int32 {
	tr.nodes = append(tr.nodes, histNode{parent: c.pnode, t: int32(c.t), off: c.off, nfeat: c.nfeat})
	return int32(len(tr.nodes) - 1)
}

// update moves the transition weights toward the sequence ending in node
// gold and away from the one ending in pred, which are as long, back to
// where they part.
func (tr *beamTrainer) update(gold, pred int32) {
	for gold != pred && gold >= 0 && pred >= 0 {
		g, q := &tr.nodes[gold], &tr.nodes[pred]
		tr.trans.update(tr.arena[g.off:g.off+g.nfeat], int(g.t), 1)
		tr.trans.update(tr.arena[q.off:q.off+q.nfeat], int(q.t), -1)
		gold, pred = g.parent, q.parent
	}
}
