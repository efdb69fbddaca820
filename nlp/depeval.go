package nlp

import "strings"

// DepScores are attachment scores (in percent) of a dependency parse against gold trees,
// computed as in the CoNLL 2018 shared task over gold tokenisation: every
// word counts, punctuation included (NoPunct leaves it out).
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
	// NoPunct holds UAS, LAS and UniversalLAS over the words that are not
	// punctuation (gold UPOS other than PUNCT), the convention of
	// CoNLL-X and of much of the parsing literature; treebanks attach
	// punctuation by different conventions, so this figure compares
	// parsers across them more fairly.
	NoPunct struct {
		UAS, LAS, UniversalLAS float64
		Words                  int
	}
	// Relations scores each full relation (subtype included) that occurs
	// in the gold trees or in the parse, so that a change to the parser
	// can be judged on the relations a consumer reads (the event coder
	// reads nsubj, obj, obl, conj and others).
	Relations map[string]RelationScore
}

// RelationScore is the labelled attachment score of one relation: a word
// counts as correct when both its head and its full relation are right.
type RelationScore struct {
	// Gold is how many words carry the relation in the gold trees, Pred
	// how many the parse gave it, Correct how many of those have the
	// right head too.
	Gold, Pred, Correct int
	// Precision is Correct/Pred, Recall Correct/Gold and F1 their
	// harmonic mean, in percent (0 when undefined).
	Precision, Recall, F1 float64
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
	sc := DepScores{Relations: map[string]RelationScore{}}
	var uas, las, ulas, lab, exact int
	var npWords, npUAS, npLAS, npULAS int
	rel := func(r string) RelationScore { return sc.Relations[r] }
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
			r := ""
			if j < len(rs) {
				r = rs[j]
			}
			labOK := r == w.DepRel
			ulabOK := universalDepRel(r) == universalDepRel(w.DepRel)
			if headOK {
				uas++
			}
			if labOK {
				lab++
				if headOK {
					las++
				}
			} else {
				ok = false
			}
			if headOK && ulabOK {
				ulas++
			}
			if w.UPOS != "PUNCT" {
				npWords++
				npUAS += b2i(headOK)
				npLAS += b2i(headOK && labOK)
				npULAS += b2i(headOK && ulabOK)
			}
			g := rel(w.DepRel)
			g.Gold++
			if headOK && labOK {
				g.Correct++
			}
			sc.Relations[w.DepRel] = g
			if r != "" {
				pr := rel(r)
				pr.Pred++
				sc.Relations[r] = pr
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
	if npWords > 0 {
		w := float64(npWords)
		sc.NoPunct.UAS, sc.NoPunct.LAS, sc.NoPunct.UniversalLAS = 100*float64(npUAS)/w, 100*float64(npLAS)/w, 100*float64(npULAS)/w
	}
	sc.NoPunct.Words = npWords
	for r, rs := range sc.Relations {
		sc.Relations[r] = rs.withRates()
	}
	return sc
}

// withRates fills Precision, Recall and F1 from the counts.
func (r RelationScore) withRates() RelationScore {
	r.Precision, r.Recall, r.F1 = 0, 0, 0
	if r.Pred > 0 {
		r.Precision = 100 * float64(r.Correct) / float64(r.Pred)
	}
	if r.Gold > 0 {
		r.Recall = 100 * float64(r.Correct) / float64(r.Gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
