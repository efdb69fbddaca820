package nlp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomWeightTable returns a table of nfeat features (keys 1..nfeat
// hashed) over nclass classes, each row a random set of distinct classes;
// with full, every weight is ±32767 or ±32766 (the largest).
func randomWeightTable(rng *rand.Rand, nclass, nfeat int, full bool) (*weightTable, []uint64) {
	t := newWeightTable(nclass, nfeat)
	keys := make([]uint64, nfeat)
	for f := range keys {
		keys[f] = featKey(uint64(f + 1))
		n := rng.IntN(min(nclass, 255) + 1)
		cls := make([]uint16, 0, n)
		ws := make([]float32, 0, n)
		for _, c := range rng.Perm(nclass)[:n] {
			cls = append(cls, uint16(c))
			w := float32(rng.NormFloat64())
			if full {
				w = float32(1 - 2*rng.IntN(2))
			}
			ws = append(ws, w)
		}
		t.add(keys[f], cls, ws)
	}
	t.quantise()
	if full {
		for i := range t.cells {
			t.cells[i].w -= int16(rng.IntN(2)) * t.cells[i].w / 32767
		}
	}
	return t, keys
}

// referenceScore adds the weights of feats to scores one feature and one
// cell after the other, in float32: what weightTable.score must give.
func referenceScore(t *weightTable, feats []uint64, scores []float32) {
	for _, k := range feats {
		i := t.slot(k)
		if t.slots[i].key != k {
			continue
		}
		for _, c := range t.row(i) {
			scores[c.cls] += float32(c.w)
		}
	}
}

// TestWeightTableScoreMatchesReference checks score against
// referenceScore, bit for bit, from zero and from scores that are not
// integers (as the tagger's right-to-left scores brought to scale), where
// the order of the additions shows.
func TestWeightTableScoreMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 60 {
		nclass := []int{3, 17, 60, 300}[round%4]
		full := round%3 == 2
		w, keys := randomWeightTable(rng, nclass, 200, full)
		nf := []int{0, 1, 5, 48, 49, 130, 700}[round%7]
		feats := make([]uint64, nf)
		for j := range feats {
			if rng.IntN(4) == 0 {
				feats[j] = featKey(uint64(1000 + rng.IntN(1000))) // absent
			} else {
				feats[j] = keys[rng.IntN(len(keys))]
			}
		}
		start := make([]float32, nclass)
		if round%2 == 0 {
			for k := range start {
				start[k] = float32(rng.NormFloat64() * 3e4)
			}
		}
		want := append([]float32(nil), start...)
		referenceScore(w, feats, want)
		got := append([]float32(nil), start...)
		w.score(feats, got)
		for k := range want {
			if math.Float32bits(got[k]) != math.Float32bits(want[k]) {
				t.Fatalf("round %d: score class %d = %v, reference %v", round, k, got[k], want[k])
			}
		}
	}
}
