package nlp

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// lookupAll is the reference the decoders' scoring must agree with: every
// feature of a configuration looked up in the table one by one (no memo, no
// static groups), its transition weights summed and its label weights
// added to a row of both directions by class.
func lookupAll(t *fastTable, feats []uint64, nl2 int) ([numTransitions]int32, []int32) {
	var w [numTransitions]int32
	row := make([]int32, nl2)
	for _, k := range feats {
		i, fp := k&t.mask, fingerprint(k)
		for t.slots[i].fp != 0 && t.slots[i].fp != fp {
			i = (i + 1) & t.mask
		}
		sl := &t.slots[i]
		if sl.fp == 0 {
			continue
		}
		for c := range w {
			w[c] += int32(sl.w[c])
		}
		if sl.off > 0 {
			h := t.cells[sl.off]
			for _, c := range t.cells[sl.off+1 : sl.off+1+uint32(uint16(h.w()))] {
				row[c.class()] += int32(c.w())
			}
		}
	}
	return w, row
}

// checkStaticScores walks the greedy parse of each sentence and checks at
// every step that the static groups plus the arc features, memo and all,
// give the transition and label (both directions) scores of lookupAll.
func checkStaticScores(t *testing.T, p *Parser, sents [][3][]string) {
	t.Helper()
	ss := newSentenceScores(p)
	nl := len(p.labels)
	steps := 0
	for si, sent := range sents {
		words, upos, xpos := sent[0], sent[1], sent[2]
		n := len(words)
		s := &parseState{}
		s.reset(n)
		s.setWords(words, upos, xpos, nil, p.alt)
		s.self[0] = s
		ss.start(p.fast, s)
		for !s.terminal() {
			want, wantLab := lookupAll(p.fast, s.extract(), 2*nl)
			var refs [1]groupRefs
			ss.scoreStep(p.fast, s, s.self[:], s.sc[:], refs[:])
			if s.sc[0] != want {
				t.Fatalf("sentence %d step %d: transition scores %v, every feature looked up %v", si, steps, s.sc[0], want)
			}
			ss.labelRows(p.fast, refs[:])
			for dir := 0; dir < 2; dir++ {
				s.acc.clearLabels(2 * nl)
				p.fast.scoreLabels(s.hits, dir, &s.acc)
				var ref labelAcc
				copy(ref[0][:], wantLab)
				for l := 0; l < nl; l++ {
					c := dir*nl + l
					got := s.acc[0][c] + s.acc[1][c]
					for g, at := range refs[0] {
						if gs := ss.group(g, at); gs.lab >= 0 {
							got += ss.lab[gs.lab][c]
						}
					}
					if got != wantLab[c] {
						t.Fatalf("sentence %d step %d: label %s direction %d scores %d, every feature looked up %d", si, steps, p.labels[l], dir, got, wantLab[c])
					}
				}
				if got, want := ss.bestLabel(&s.acc, refs[0], dir, p.root), p.bestLabelSum(&ref, dir); got != want {
					t.Fatalf("sentence %d step %d: direction %d: best label %s, every feature looked up %s", si, steps, dir, p.labels[got], p.labels[want])
				}
			}
			// the parser's own choice, to walk on
			best := -1
			for tr := 0; tr < numTransitions; tr++ {
				if s.legal(tr) && (best < 0 || want[tr] > want[best]) {
					best = tr
				}
			}
			l := -1
			if best == trLeft || best == trRight {
				l = 0
			}
			s.apply(best, l)
			steps++
		}
	}
	if steps == 0 {
		t.Fatal("no configurations checked")
	}
}

// TestStaticScoresMatchLookup checks that decoding's shortcuts — the memo
// of lookups and the static template groups summed once per sentence —
// score every configuration of real parses exactly as looking up each of
// its features does, for the embedded model on EWT dev sentences (with
// repeated words, long sentences and the root) and for a model with the
// runner-up tag templates.
func TestStaticScoresMatchLookup(t *testing.T) {
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	var sents [][3][]string
	for i, s := range dev {
		if i%5 != 0 {
			continue
		}
		n := len(s.Words)
		upos, xpos := make([]string, n), make([]string, n)
		for j, w := range s.Words {
			upos[j], xpos[j] = w.UPOS, w.XPOS
		}
		sents = append(sents, [3][]string{s.Forms(), upos, xpos})
	}
	checkStaticScores(t, testPipeline(t).parser, sents)

	train := dev[:200]
	alt, err := TrainParser(train, nil, ParserOptions{Iterations: 2, TagAlternatives: true})
	if err != nil {
		t.Fatal(err)
	}
	if !alt.alt {
		t.Fatal("the parser trained with TagAlternatives does not read them")
	}
	checkStaticScores(t, alt, sents[:50])
}

// TestTemplateGroups checks that the groups share out the templates, each
// exactly once, and that each group's writer writes its templates and no
// others.
func TestTemplateGroups(t *testing.T) {
	for _, altOn := range []bool{false, true} {
		g := templateGroups(altOn)
		var all []int
		for _, ids := range g {
			all = append(all, ids...)
		}
		slices.Sort(all)
		want := parserAltTemplates
		if altOn {
			want = parserTemplates
		}
		if len(all) != want || all[0] != 0 || all[len(all)-1] != want-1 || len(slices.Compact(all)) != want {
			t.Fatalf("alt %v: the groups' templates are %v, want 0..%d once each", altOn, all, want-1)
		}
		s := &parseState{}
		s.reset(6)
		s.setWords([]string{"Rebels", "shelled", "the", "town", "on", "Monday"}, nil, nil, []string{"", "VBN", "", "", "", ""}, altOn)
		s.apply(trShift, -1)
		s.apply(trRight, 0)
		// Each writer and the groups it writes.
		writers := []struct {
			write  func(f []uint64)
			groups []int
		}{
			{func(f []uint64) { s.bufferFeatures(f, s.b) }, []int{groupBuffer}},
			{func(f []uint64) { s.stackFeatures(f, s.top()) }, []int{groupStack}},
			{func(f []uint64) { s.pairFeatures(f, s.top(), s.b) }, []int{groupPair}},
			{func(f []uint64) { c := s.arcContext(); s.topFeatures(f, &c) }, []int{groupTop}},
			{func(f []uint64) { c := s.arcContext(); s.frontFeatures(f, &c) }, []int{groupFront}},
			{func(f []uint64) { c := s.arcContext(); s.restFeatures(f, &c) }, []int{groupRest}},
			{s.arcFeatures, []int{groupTop, groupFront, groupRest}},
		}
		for _, w := range writers {
			f := make([]uint64, parserTemplates)
			w.write(f)
			var wrote, want []int
			for id, k := range f {
				if k != 0 {
					wrote = append(wrote, id)
				}
			}
			for _, gi := range w.groups {
				want = append(want, g[gi]...)
			}
			slices.Sort(want)
			if !slices.Equal(wrote, want) {
				t.Errorf("alt %v: the writer of groups %v writes templates %v, their lists %v", altOn, w.groups, wrote, want)
			}
		}
	}
}

// TestAddCells checks addCells against adding the cells one by one, for
// rows of every length up to a few rounds, each to one of three rows.
func TestAddCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var cells []labelCell
	var spans [][2]uint32
	var at []int32
	for n := range 20 {
		lo := uint32(len(cells))
		for range n {
			cells = append(cells, newLabelCell(uint16(rng.IntN(255)), int16(rng.IntN(65536)-32768)))
		}
		spans = append(spans, [2]uint32{lo, uint32(len(cells))})
		at = append(at, int32(rng.IntN(3)))
	}
	got, want := make([]labelRow, 3), make([]labelRow, 3)
	for r := range got {
		for i := range got[r] {
			got[r][i] = int32(i * r)
			want[r][i] = int32(i * r)
		}
	}
	addCells(got, at, cells, spans)
	for j, sp := range spans {
		for _, c := range cells[sp[0]:sp[1]] {
			want[at[j]][c.class()] += int32(c.w())
		}
	}
	for r := range got {
		if got[r] != want[r] {
			t.Fatalf("row %d: addCells differs from adding the cells one by one", r)
		}
	}
}

// TestMemoFollowsTables checks that a parser whose tables change (as they
// do after every training pass) parses with the new tables only: a memo
// filled from the old ones must not answer for the new, in greedy and in
// beam decoding alike.
func TestMemoFollowsTables(t *testing.T) {
	train := toyTreebank()
	for _, beam := range []int{1, 3} {
		old, err := TrainParser(train, nil, ParserOptions{Iterations: 2, Seed: 5, Beam: beam, MinWeight: -1})
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := TrainParser(train, nil, ParserOptions{Iterations: 6, Seed: 3, Beam: beam, MinWeight: -1})
		if err != nil {
			t.Fatal(err)
		}
		old.Evaluate(train) // fills the old tables' memos
		old.setTables(fresh.trans, fresh.lab)
		differ := 0
		for _, s := range train {
			n := len(s.Words)
			words, upos, xpos := make([]string, n), make([]string, n), make([]string, n)
			for i, w := range s.Words {
				words[i], upos[i], xpos[i] = w.Form, w.UPOS, w.XPOS
			}
			h1, r1 := make([]int, n), make([]string, n)
			h2, r2 := make([]int, n), make([]string, n)
			old.Parse(words, upos, xpos, h1, r1)
			fresh.Parse(words, upos, xpos, h2, r2)
			if !slices.Equal(h1, h2) || !slices.Equal(r1, r2) {
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("beam %d: after its tables changed, the parser parses %d of %d sentences unlike a parser built with the new tables", beam, differ, len(train))
		}
	}
}

// TestBestLabelMatchesBestLabelSum checks that bestLabel, adding the rows
// of a configuration's sums as it scans, picks the label bestLabelSum
// picks from the scores summed first — the root label never, ties to the
// first — on random scores with many ties, the root label often the best.
func TestBestLabelMatchesBestLabelSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const nl = 6
	none := []groupScore{{lab: -1}}
	ss := &sentenceScores{nl: nl, buffer: none, stack: none, pair: none, lab: make([]labelRow, 2)}
	ss.top.sums, ss.front.sums = none, none
	for trial := range 2000 {
		p := &Parser{labels: make([]string, nl), root: rng.IntN(nl)}
		dir := rng.IntN(2)
		var acc, sum labelAcc
		for c := range 2 * nl {
			acc[0][c], acc[1][c] = rng.Int32N(3), rng.Int32N(3)
			ss.lab[0][c], ss.lab[1][c] = rng.Int32N(3), rng.Int32N(3)
			sum[0][c] = acc[0][c] + acc[1][c] + ss.lab[0][c] + ss.lab[1][c]
		}
		if trial%3 == 0 { // the root label the best
			sum[0][dir*nl+p.root] += 100
			acc[0][dir*nl+p.root] += 100
		}
		ss.buffer = []groupScore{{lab: 0}}
		ss.pair = []groupScore{{lab: 1}}
		if got, want := ss.bestLabel(&acc, groupRefs{}, dir, p.root), p.bestLabelSum(&sum, dir); got != want {
			t.Fatalf("trial %d (root %d, direction %d): bestLabel %d, bestLabelSum %d", trial, p.root, dir, got, want)
		}
	}
}
