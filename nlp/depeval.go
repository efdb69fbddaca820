package nlp

import "strings"

// DepScores are attachment scores (in percent) of a dependency parse against gold trees,
// computed as in the CoNLL 2018 shared task over gold tokenisation: every
// word counts, punctuation included.
type DepScores struct {
	// UAS is the share of words with the correct head.
	UAS float64
	// LAS is the share of words with the correct head and the correct full
	// relation, subtype included (nsubj:pass is not nsubj). This is the
	// stricter figure, and the one that matters to dyad's event coder,
	// which tells active from passive subjects by the subtype.
	LAS float64
	// UniversalLAS is the CoNLL 2018 official LAS: the correct head and the
	// correct universal part of the relation (the part before any colon,
	// so nsubj:pass matches nsubj).
	UniversalLAS float64
	// LabelAcc is the share of words with the correct full relation,
	// whatever their head.
	LabelAcc float64
	// Words is the number of words scored; Sentences the number of
	// sentences.
	Words, Sentences int
	// ExactTrees is the share of sentences whose labelled tree (full
	// relations) is entirely correct.
	ExactTrees float64
}

// universalDepRel returns the universal part of a relation ("nsubj:pass" ->
// "nsubj").
func universalDepRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// ScoreDeps scores predicted heads (0-based, -1 for the root) and
// relations against the gold sentences; heads[i] and rels[i] belong to
// gold[i]. Missing predictions (short or absent slices) count as errors.
func ScoreDeps(gold []TreebankSentence, heads [][]int, rels [][]string) DepScores {
	var sc DepScores
	var uas, las, ulas, lab, exact int
	for i := range gold {
		var hs []int
		var rs []string
		if i < len(heads) {
			hs = heads[i]
		}
		if i < len(rels) {
			rs = rels[i]
		}
		ok := true
		for j, w := range gold[i].Words {
			sc.Words++
			headOK := j < len(hs) && hs[j] == w.Head
			rel := ""
			if j < len(rs) {
				rel = rs[j]
			}
			if headOK {
				uas++
			}
			if rel == w.DepRel {
				lab++
				if headOK {
					las++
				}
			} else {
				ok = false
			}
			if headOK && universalDepRel(rel) == universalDepRel(w.DepRel) {
				ulas++
			}
			if !headOK {
				ok = false
			}
		}
		sc.Sentences++
		if ok {
			exact++
		}
	}
	if sc.Words > 0 {
		w := float64(sc.Words)
		sc.UAS, sc.LAS, sc.UniversalLAS, sc.LabelAcc = 100*float64(uas)/w, 100*float64(las)/w, 100*float64(ulas)/w, 100*float64(lab)/w
	}
	if sc.Sentences > 0 {
		sc.ExactTrees = 100 * float64(exact) / float64(sc.Sentences)
	}
	return sc
}
