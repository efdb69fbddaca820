package nlp

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Features are hashed to uint64 keys. A feature template starts a hash with
// its own seed (featSeed(templateID)) and mixes in its parts with
// mixString/mixInt; finish with featKey. Nothing allocates.

const fnvOffset = 14695981039346656037
const fnvPrime = 1099511628211

// featSeed starts the key of feature template t.
func featSeed(t int) uint64 {
	return (fnvOffset ^ uint64(t)) * fnvPrime
}

// mixString mixes the bytes of s, and a separator, into h.
func mixString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff
	h *= fnvPrime
	return h
}

// mixInt mixes v into h.
func mixInt(h uint64, v int) uint64 {
	h ^= uint64(v) + 0x9e3779b97f4a7c15
	h *= fnvPrime
	h ^= h >> 29
	return h
}

// featKey finalises a feature hash; the result is never 0 (0 marks an empty
// slot of the weight table).
func featKey(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	if h == 0 {
		h = 1
	}
	return h
}

// trainEntry is one (class, weight) cell of a feature while training, with
// what the averaged perceptron needs to average it lazily.
type trainEntry struct {
	class int32
	stamp int32   // update count when w last changed
	w     float32 // current weight
	acc   float64 // sum of w over all updates up to stamp
}

// averagedPerceptron is a multiclass averaged perceptron over hashed
// features, used for training. Rows are sparse: a feature keeps only the
// classes it was ever updated for. Freeze turns it into a compact
// weightTable for prediction.
type averagedPerceptron struct {
	nclass int
	rows   map[uint64][]trainEntry
	step   int32
}

func newAveragedPerceptron(nclass int) *averagedPerceptron {
	return &averagedPerceptron{nclass: nclass, rows: make(map[uint64][]trainEntry)}
}

// score adds the current weights of feats to scores (len nclass).
func (p *averagedPerceptron) score(feats []uint64, scores []float32) {
	for _, f := range feats {
		for _, e := range p.rows[f] {
			scores[e.class] += e.w
		}
	}
}

// tick counts one training example; call it once per example, before update.
func (p *averagedPerceptron) tick() { p.step++ }

// update adds delta to the weight of every feature in feats for class c.
func (p *averagedPerceptron) update(feats []uint64, c int, delta float32) {
	for _, f := range feats {
		row := p.rows[f]
		found := false
		for i := range row {
			e := &row[i]
			if int(e.class) == c {
				e.acc += float64(p.step-e.stamp) * float64(e.w)
				e.stamp = p.step
				e.w += delta
				found = true
				break
			}
		}
		if !found {
			p.rows[f] = append(row, trainEntry{class: int32(c), stamp: p.step, w: delta})
		}
	}
}

// freeze averages the weights, drops those whose magnitude is below minAbs,
// and returns the compact table used for prediction.
func (p *averagedPerceptron) freeze(minAbs float32) *weightTable {
	rows := make([]frozenRow, 0, len(p.rows))
	for k, row := range p.rows {
		r := frozenRow{key: k}
		for _, e := range row {
			r.add(int(e.class), averaged(e.acc, e.stamp, e.w, p.step), minAbs)
		}
		rows = append(rows, r)
	}
	return frozenTable(p.nclass, rows)
}

// weightTable is the frozen form of a perceptron: an open-addressing hash
// table from feature key to a row of (class, weight) cells, with weights
// quantised to int16. A slot keeps the key and the place of its row
// together, so finding a row costs one cache miss and reading it another.
// Safe for concurrent reads.
type weightTable struct {
	nclass int
	scale  float32 // weight = int16 * scale
	mask   uint64
	slots  []weightSlot
	cells  []weightCell
	fw     []float32 // float weights before quantise, one per cell; nil afterwards
}

// weightSlot is a slot of a weightTable: a feature key (0 = empty) and its
// row, cells[start:start+count].
type weightSlot struct {
	key   uint64
	start uint32
	count uint32
}

// weightCell is one class's weight in a row.
type weightCell struct {
	cls uint16
	w   int16
}

func newWeightTable(nclass, nfeat int) *weightTable {
	size := 1
	for size < nfeat*2 {
		size <<= 1
	}
	return &weightTable{
		nclass: nclass,
		mask:   uint64(size - 1),
		slots:  hugeSlice[weightSlot](size),
	}
}

func (t *weightTable) slot(k uint64) int {
	i := k & t.mask
	for {
		if t.slots[i].key == k || t.slots[i].key == 0 {
			return int(i)
		}
		i = (i + 1) & t.mask
	}
}

// row returns the cells of slot i.
func (t *weightTable) row(i int) []weightCell {
	s := &t.slots[i]
	return t.cells[s.start : s.start+s.count]
}

func (t *weightTable) add(k uint64, cls []uint16, ws []float32) {
	if len(cls) > 255 {
		cls, ws = cls[:255], ws[:255]
	}
	s := t.slot(k)
	t.slots[s] = weightSlot{key: k, start: uint32(len(t.cells)), count: uint32(len(cls))}
	for _, c := range cls {
		t.cells = append(t.cells, weightCell{cls: c})
	}
	t.fw = append(t.fw, ws...)
}

func (t *weightTable) quantise() {
	var maxAbs float32
	for _, w := range t.fw {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
	}
	t.scale = maxAbs / 32767
	if t.scale == 0 {
		t.scale = 1
	}
	for i, w := range t.fw {
		t.cells[i].w = int16(math.Round(float64(w / t.scale)))
	}
	t.fw = nil
}

// score adds the weights of feats to scores (len nclass), in units of
// t.scale (callers compare scores, so the scale does not matter). The
// weights are added in the order of feats and of each row's cells, so float
// scores come out the same whatever the layout. Features are looked up in
// batches: first every home slot (loads that do not depend on one another,
// so their cache misses overlap), then the probing, then the rows, which
// addWeights adds.
func (t *weightTable) score(feats []uint64, scores []float32) {
	var home [tableBatch]uint64
	var span [tableBatch][2]uint32
	mask := t.mask
	for len(feats) > 0 {
		batch := feats[:min(len(feats), tableBatch)]
		feats = feats[len(batch):]
		for j, k := range batch {
			home[j] = t.slots[k&mask].key
		}
		m := 0
		for j, k := range batch {
			if home[j] == 0 {
				continue
			}
			i := k & mask
			for {
				sl := &t.slots[i]
				if sl.key == k {
					span[m] = [2]uint32{sl.start, sl.start + sl.count}
					m++
					break
				}
				if sl.key == 0 {
					break
				}
				i = (i + 1) & mask
			}
		}
		var touch int16
		for _, sp := range span[:m] {
			if sp[0] < sp[1] {
				touch |= t.cells[sp[0]].w
			}
		}
		addWeights(scores, t.cells, span[:m])
		if touch == math.MinInt16 && len(scores) == 0 {
			return // never: uses touch, so its loads stay
		}
	}
}

// addWeights adds the weights of the rows cells[sp[0]:sp[1]] of spans
// to scores by class, in the order of the rows and of their cells (float
// sums depend on it). Out of line, so that its loops keep everything in
// registers, and four cells a round through an array pointer, which needs
// no bounds checks for the cells.
//
//go:noinline
func addWeights(scores []float32, cells []weightCell, spans [][2]uint32) {
	for _, sp := range spans {
		cs := cells[sp[0]:sp[1]]
		for len(cs) > 4 {
			c := (*[4]weightCell)(cs)
			scores[c[0].cls] += float32(c[0].w)
			scores[c[1].cls] += float32(c[1].w)
			scores[c[2].cls] += float32(c[2].w)
			scores[c[3].cls] += float32(c[3].w)
			cs = cs[4:]
		}
		for _, c := range cs {
			scores[c.cls] += float32(c.w)
		}
	}
}

// tableBatch is how many features weightTable.score looks up at a time:
// enough for the features of a token of the tagger.
const tableBatch = 48

// features returns how many features the table holds.
func (t *weightTable) features() int {
	n := 0
	for _, s := range t.slots {
		if s.key != 0 {
			n++
		}
	}
	return n
}

// writeTo serialises the table.
func (t *weightTable) writeTo(w io.Writer) error {
	bw := bufio.NewWriter(w)
	nfeat := t.features()
	hdr := []uint64{uint64(t.nclass), uint64(nfeat), uint64(math.Float32bits(t.scale))}
	if err := binary.Write(bw, binary.LittleEndian, hdr); err != nil {
		return err
	}
	var cls [255]uint16
	var wts [255]int16
	for i, sl := range t.slots {
		if sl.key == 0 {
			continue
		}
		row := t.row(i)
		for j, c := range row {
			cls[j], wts[j] = c.cls, c.w
		}
		if err := binary.Write(bw, binary.LittleEndian, sl.key); err != nil {
			return err
		}
		if err := bw.WriteByte(byte(len(row))); err != nil {
			return err
		}
		if err := binary.Write(bw, binary.LittleEndian, cls[:len(row)]); err != nil {
			return err
		}
		if err := binary.Write(bw, binary.LittleEndian, wts[:len(row)]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// decodeWeightTable reads a table written by writeTo from the start of b
// and returns it with the bytes after it. It reads the bytes directly
// (no reflection, no allocation per feature), which makes loading a model
// several times faster than decoding through a reader.
func decodeWeightTable(b []byte) (*weightTable, []byte, error) {
	if len(b) < 24 {
		return nil, nil, fmt.Errorf("weight table header: %w", io.ErrUnexpectedEOF)
	}
	le := binary.LittleEndian
	nclass, nfeat := le.Uint64(b[0:]), le.Uint64(b[8:])
	if nclass == 0 || nclass > 1<<16 || nfeat > 1<<28 || nfeat > uint64(len(b)-24)/9 {
		// A feature takes at least 9 bytes: a bad count cannot make
		// the table allocate more than the data could fill.
		return nil, nil, fmt.Errorf("weight table: implausible header (%d classes, %d features in %d bytes)", nclass, nfeat, len(b))
	}
	t := newWeightTable(int(nclass), int(nfeat))
	t.scale = math.Float32frombits(uint32(le.Uint64(b[16:])))
	t.cells = make([]weightCell, 0, nfeat*2)
	b = b[24:]
	for f := range int(nfeat) {
		if len(b) < 9 {
			return nil, nil, fmt.Errorf("weight table feature %d: %w", f, io.ErrUnexpectedEOF)
		}
		k, n := le.Uint64(b), int(b[8])
		b = b[9:]
		if len(b) < 4*n {
			return nil, nil, fmt.Errorf("weight table feature %d: %w", f, io.ErrUnexpectedEOF)
		}
		cls, wts := b[:2*n], b[2*n:4*n]
		b = b[4*n:]
		if k == 0 {
			return nil, nil, fmt.Errorf("weight table feature %d: zero key", f)
		}
		s := t.slot(k)
		t.slots[s] = weightSlot{key: k, start: uint32(len(t.cells)), count: uint32(n)}
		for j := range n {
			c := le.Uint16(cls[2*j:])
			if uint64(c) >= nclass {
				return nil, nil, fmt.Errorf("weight table feature %d: class %d out of range", f, c)
			}
			t.cells = append(t.cells, weightCell{c, int16(le.Uint16(wts[2*j:]))})
		}
	}
	return t, b, nil
}
