package nlp

import "sort"

// denseSlot is a feature of a denseTrainer: its key and current weights
// together, so scoring a feature costs one memory access.
type denseSlot struct {
	key uint64 // 0: empty
	w   [numTransitions]float32
}

// denseAvg is what averaging a feature's weights needs, read only when the
// feature is updated or the model frozen.
type denseAvg struct {
	acc   [numTransitions]float64 // sum of w over all steps up to stamp
	stamp [numTransitions]int32   // step when w last changed
	set   uint8                   // classes ever updated (bit c)
}

// denseTrainer is an averaged perceptron for the parser's transition
// model (numTransitions classes) with every feature's weights in one slot
// of an open-addressing table. It trains exactly as averagedPerceptron
// does (the same sums in the same order, the same averages), several
// times faster: nearly all of training is scoring, and a map lookup plus
// a row read cost three cache misses where a slot costs one.
type denseTrainer struct {
	slots []denseSlot
	avg   []denseAvg
	mask  uint64
	n     int // features
	step  int32
}

func newDenseTrainer() *denseTrainer {
	const size = 1 << 16
	return &denseTrainer{slots: make([]denseSlot, size), avg: make([]denseAvg, size), mask: size - 1}
}

// keyedSlot is a slot of an open-addressing table of a trainer.
type keyedSlot interface{ slotKey() uint64 }

func (s *denseSlot) slotKey() uint64  { return s.key }
func (s *sparseSlot) slotKey() uint64 { return s.key }

// probe returns the slot of key k in slots (linear probing from k&mask),
// or of the empty slot where it would go.
func probe[S any, PS interface {
	*S
	keyedSlot
}](slots []S, mask, k uint64) int {
	i := k & mask
	for {
		sk := PS(&slots[i]).slotKey()
		if sk == k || sk == 0 {
			return int(i)
		}
		i = (i + 1) & mask
	}
}

// find returns the slot of key k, or of the empty slot where it would go.
func (p *denseTrainer) find(k uint64) int { return probe(p.slots, p.mask, k) }

// score adds the current weights of feats to scores (len numTransitions).
// The home slots of a batch of features are loaded first, loads that do
// not depend on one another, so that their cache misses overlap.
func (p *denseTrainer) score(feats []uint64, scores []float32) {
	sc := (*[numTransitions]float32)(scores)
	var home [tableBatch]uint64
	for len(feats) > 0 {
		batch := feats[:min(len(feats), tableBatch)]
		feats = feats[len(batch):]
		for j, f := range batch {
			home[j] = p.slots[f&p.mask].key
		}
		for j, f := range batch {
			if home[j] == 0 {
				continue
			}
			sl := &p.slots[p.find(f)]
			if sl.key == 0 {
				continue
			}
			for c := range sl.w {
				sc[c] += sl.w[c]
			}
		}
	}
}

// tick counts one training example; call it once per example, before update.
func (p *denseTrainer) tick() { p.step++ }

// update adds delta to the weight of every feature in feats for class c.
func (p *denseTrainer) update(feats []uint64, c int, delta float32) {
	for _, f := range feats {
		i := p.find(f)
		if p.slots[i].key == 0 {
			if 2*(p.n+1) > len(p.slots) {
				p.grow()
				i = p.find(f)
			}
			p.slots[i].key = f
			p.n++
		}
		sl, a := &p.slots[i], &p.avg[i]
		a.acc[c] += float64(p.step-a.stamp[c]) * float64(sl.w[c])
		a.stamp[c] = p.step
		a.set |= 1 << c
		sl.w[c] += delta
	}
}

// grow doubles the table.
func (p *denseTrainer) grow() {
	old, oldAvg := p.slots, p.avg
	p.slots = make([]denseSlot, 2*len(old))
	p.avg = make([]denseAvg, 2*len(old))
	p.mask = uint64(len(p.slots) - 1)
	for i := range old {
		if old[i].key != 0 {
			j := p.find(old[i].key)
			p.slots[j], p.avg[j] = old[i], oldAvg[i]
		}
	}
}

// features returns how many features have weights.
func (p *denseTrainer) features() int { return p.n }

// freeze averages the weights, drops those whose magnitude is below minAbs
// (and the classes a feature was never updated for), and returns the
// compact table used for prediction, as averagedPerceptron.freeze does.
func (p *denseTrainer) freeze(minAbs float32) *weightTable {
	var rows []frozenRow
	for i := range p.slots {
		sl, a := &p.slots[i], &p.avg[i]
		if sl.key == 0 {
			continue
		}
		r := frozenRow{key: sl.key}
		for c := range numTransitions {
			if a.set&(1<<c) != 0 {
				r.add(c, averaged(a.acc[c], a.stamp[c], sl.w[c], p.step), minAbs)
			}
		}
		rows = append(rows, r)
	}
	return frozenTable(numTransitions, rows)
}

// sparseCell is one class's current weight in a sparseTrainer row.
type sparseCell struct {
	class int32
	w     float32
}

// sparseAvg is what averaging a sparseCell needs.
type sparseAvg struct {
	stamp int32   // step when w last changed
	acc   float64 // sum of w over all steps up to stamp
}

// sparseSlot is a feature of a sparseTrainer: its key, the classes it has
// weights for and their averaging data.
type sparseSlot struct {
	key  uint64 // 0: empty
	row  []sparseCell
	avgs []sparseAvg
}

// sparseTrainer is an averaged perceptron for many classes (the parser's
// label model) whose features keep only the classes they were updated for,
// in an open-addressing table. It trains exactly as averagedPerceptron
// does (the same sums in the same order), faster: the slot holds the key
// and the row's place, and the row holds only what scoring reads.
type sparseTrainer struct {
	nclass int
	slots  []sparseSlot
	mask   uint64
	n      int
	step   int32
}

func newSparseTrainer(nclass int) *sparseTrainer {
	const size = 1 << 16
	return &sparseTrainer{nclass: nclass, slots: make([]sparseSlot, size), mask: size - 1}
}

func (p *sparseTrainer) find(k uint64) int { return probe(p.slots, p.mask, k) }

// score adds the current weights of feats to scores (len nclass), loading
// the home slots of a batch first as denseTrainer.score does.
func (p *sparseTrainer) score(feats []uint64, scores []float32) {
	var home [tableBatch]uint64
	for len(feats) > 0 {
		batch := feats[:min(len(feats), tableBatch)]
		feats = feats[len(batch):]
		for j, f := range batch {
			home[j] = p.slots[f&p.mask].key
		}
		for j, f := range batch {
			if home[j] == 0 {
				continue
			}
			for _, e := range p.slots[p.find(f)].row {
				scores[e.class] += e.w
			}
		}
	}
}

// tick counts one training example; call it once per example, before update.
func (p *sparseTrainer) tick() { p.step++ }

// update adds delta to the weight of every feature in feats for class c.
func (p *sparseTrainer) update(feats []uint64, c int, delta float32) {
	for _, f := range feats {
		i := p.find(f)
		if p.slots[i].key == 0 {
			if 2*(p.n+1) > len(p.slots) {
				p.grow()
				i = p.find(f)
			}
			p.slots[i].key = f
			p.n++
		}
		sl := &p.slots[i]
		found := false
		for j := range sl.row {
			if int(sl.row[j].class) == c {
				a := &sl.avgs[j]
				a.acc += float64(p.step-a.stamp) * float64(sl.row[j].w)
				a.stamp = p.step
				sl.row[j].w += delta
				found = true
				break
			}
		}
		if !found {
			sl.row = append(sl.row, sparseCell{class: int32(c), w: delta})
			sl.avgs = append(sl.avgs, sparseAvg{stamp: p.step})
		}
	}
}

func (p *sparseTrainer) grow() {
	old := p.slots
	p.slots = make([]sparseSlot, 2*len(old))
	p.mask = uint64(len(p.slots) - 1)
	for i := range old {
		if old[i].key != 0 {
			p.slots[p.find(old[i].key)] = old[i]
		}
	}
}

// features returns how many features have weights.
func (p *sparseTrainer) features() int { return p.n }

// freeze averages the weights, drops those whose magnitude is below
// minAbs, and returns the compact table used for prediction.
func (p *sparseTrainer) freeze(minAbs float32) *weightTable {
	var rows []frozenRow
	for i := range p.slots {
		sl := &p.slots[i]
		if sl.key == 0 {
			continue
		}
		r := frozenRow{key: sl.key}
		for j, e := range sl.row {
			r.add(int(e.class), averaged(sl.avgs[j].acc, sl.avgs[j].stamp, e.w, p.step), minAbs)
		}
		rows = append(rows, r)
	}
	return frozenTable(p.nclass, rows)
}

// averaged is the average over steps updates of a weight now w, whose
// running sum was acc when it last changed, at update stamp.
func averaged(acc float64, stamp int32, w float32, steps int32) float32 {
	total := acc + float64(steps-stamp)*float64(w)
	return float32(total / float64(max(steps, 1)))
}

// frozenRow is a feature's averaged weights while a model is frozen.
type frozenRow struct {
	key uint64
	cls []uint16
	ws  []float32
}

// add keeps weight w of class c unless its magnitude is below minAbs.
func (r *frozenRow) add(c int, w, minAbs float32) {
	if w >= minAbs || w <= -minAbs {
		r.cls = append(r.cls, uint16(c))
		r.ws = append(r.ws, w)
	}
}

// frozenTable builds the prediction table of the rows that kept a weight,
// in key order (so the table is the same whatever order rows come in).
func frozenTable(nclass int, rows []frozenRow) *weightTable {
	kept := rows[:0]
	for _, r := range rows {
		if len(r.cls) > 0 {
			kept = append(kept, r)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	t := newWeightTable(nclass, len(kept))
	for _, r := range kept {
		t.add(r.key, r.cls, r.ws)
	}
	t.quantise()
	return t
}
