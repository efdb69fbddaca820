package nlp

import (
	"math/rand/v2"
	"testing"
)

// frozenWeights lists a frozen table's weights by feature and class.
func frozenWeights(t *weightTable) map[[2]uint64]int16 {
	m := map[[2]uint64]int16{}
	for i, sl := range t.slots {
		if sl.key == 0 {
			continue
		}
		for _, c := range t.row(i) {
			m[[2]uint64{sl.key, uint64(c.cls)}] = c.w
		}
	}
	return m
}

// TestDenseSparseTrainersMatch checks that the parser's fast trainers
// score, learn and freeze exactly as averagedPerceptron does, through a
// random run of updates (enough features to make their tables grow).
func TestDenseSparseTrainersMatch(t *testing.T) {
	for _, nclass := range []int{numTransitions, 40} {
		rng := rand.New(rand.NewPCG(11, uint64(nclass)))
		ref := newAveragedPerceptron(nclass)
		var fast interface {
			score([]uint64, []float32)
			tick()
			update([]uint64, int, float32)
			freeze(float32) *weightTable
			features() int
		}
		if nclass == numTransitions {
			fast = newDenseTrainer()
		} else {
			fast = newSparseTrainer(nclass)
		}
		feats := make([]uint64, 60)
		for step := 0; step < 3000; step++ {
			for i := range feats {
				feats[i] = featKey(uint64(rng.IntN(100000)))
			}
			s1, s2 := make([]float32, nclass), make([]float32, nclass)
			ref.score(feats, s1)
			fast.score(feats, s2)
			for c := range s1 {
				if s1[c] != s2[c] {
					t.Fatalf("%d classes, step %d: class %d scores %v, want %v", nclass, step, c, s2[c], s1[c])
				}
			}
			ref.tick()
			fast.tick()
			good, bad := rng.IntN(nclass), rng.IntN(nclass)
			ref.update(feats, good, 1)
			ref.update(feats, bad, -1)
			fast.update(feats, good, 1)
			fast.update(feats, bad, -1)
		}
		if fast.features() != len(ref.rows) {
			t.Fatalf("%d classes: %d features, want %d", nclass, fast.features(), len(ref.rows))
		}
		for _, minW := range []float32{0, 0.5} {
			want, got := frozenWeights(ref.freeze(minW)), frozenWeights(fast.freeze(minW))
			if len(got) != len(want) {
				t.Fatalf("%d classes, min weight %v: %d frozen weights, want %d", nclass, minW, len(got), len(want))
			}
			for k, w := range want {
				if got[k] != w {
					t.Fatalf("%d classes, min weight %v: weight %v = %d, want %d", nclass, minW, k, got[k], w)
				}
			}
		}
	}
}
