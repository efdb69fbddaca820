package nlp

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// testParserOptions are the settings the accuracy floors below were set
// with: few iterations to keep the test short.
func testParserOptions() ParserOptions {
	return ParserOptions{Iterations: 6, Seed: 1}
}

// trainedEWTParser trains a parser on EWT train with gold tags.
func trainedEWTParser(t testing.TB) *Parser {
	t.Helper()
	train := loadTreebank(t, "ud-ewt", "en_ewt-ud-train.conllu")
	start := time.Now()
	p, err := TrainParser(train, nil, testParserOptions())
	if err != nil {
		t.Fatal(err)
	}
	tf, lf := p.Features()
	var buf bytes.Buffer
	p.WriteTo(&buf)
	t.Logf("trained in %v: %d transition and %d label features, %d bytes", time.Since(start), tf, lf, buf.Len())
	return p
}

func TestParserAccuracyGoldTags(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on EWT; skipped in -short mode")
	}
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	test := loadTreebank(t, "ud-ewt", "en_ewt-ud-test.conllu")
	pud := loadTreebank(t, "ud-pud", "en_pud-ud-test.conllu")
	p := trainedEWTParser(t)
	// Floors a little below what testParserOptions give with gold tags.
	for _, c := range []struct {
		name     string
		sents    []TreebankSentence
		uas, las float64
	}{
		{"EWT dev", dev, 87.5, 85.8},
		{"EWT test", test, 87.6, 85.8},
		{"PUD", pud, 84.5, 82.3},
	} {
		sc := p.Evaluate(c.sents)
		t.Logf("%s (gold tags): UAS %.2f LAS %.2f universal LAS %.2f label acc %.2f, %d words",
			c.name, sc.UAS, sc.LAS, sc.UniversalLAS, sc.LabelAcc, sc.Words)
		if sc.UAS < c.uas || sc.LAS < c.las {
			t.Errorf("%s: UAS %.2f LAS %.2f, want at least %.1f / %.1f", c.name, sc.UAS, sc.LAS, c.uas, c.las)
		}
	}
}

// oracleParse follows zero-cost transitions (choosing among them with rng)
// and returns the heads it builds.
func oracleParse(gold []int, rng *rand.Rand) ([]int, error) {
	n := len(gold)
	st := &parseState{}
	st.reset(n)
	inStack := make([]bool, n+1)
	for !st.terminal() {
		var zero []int
		for tr := 0; tr < numTransitions; tr++ {
			if st.legal(tr) && st.goldCost(tr, gold, inStack) == 0 {
				zero = append(zero, tr)
			}
		}
		if len(zero) == 0 {
			return nil, fmt.Errorf("no zero-cost transition (stack %v, buffer %d)", st.stack, st.b)
		}
		tr := zero[rng.IntN(len(zero))]
		switch tr {
		case trShift, trRight:
			inStack[st.b] = true
		default:
			inStack[st.top()] = false
		}
		st.apply(tr, 0)
	}
	return append([]int(nil), st.head[:n]...), nil
}

func TestParserOracleReproducesProjectiveTrees(t *testing.T) {
	sents := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	rng := rand.New(rand.NewPCG(1, 2))
	proj, nonproj := 0, 0
	for _, s := range sents {
		n := len(s.Words)
		gold := make([]int, n)
		for i, w := range s.Words {
			gold[i] = w.Head
			if w.Head < 0 {
				gold[i] = n
			}
		}
		if _, k := parserProjectivise(gold); k > 0 {
			nonproj++
			continue
		}
		proj++
		for try := 0; try < 3; try++ {
			got, err := oracleParse(gold, rng)
			if err != nil {
				t.Fatalf("%s: %v", s.ID, err)
			}
			for i := range gold {
				if got[i] != gold[i] {
					t.Fatalf("%s: oracle gives head %d for word %d, gold %d", s.ID, got[i], i, gold[i])
				}
			}
		}
	}
	t.Logf("%d projective trees reproduced, %d non-projective skipped", proj, nonproj)
}

func TestParserProjectivise(t *testing.T) {
	// The arc 3 -> 0 spans words 1 and 2, which 3 does not dominate
	// (1 is the root, the root is index 4).
	heads := []int{3, 4, 1, 2}
	got, k := parserProjectivise(heads)
	if k == 0 {
		t.Fatalf("expected lifting for %v", heads)
	}
	if !parserIsTree(got) {
		t.Fatalf("lifted %v is not a tree", got)
	}
	if _, k2 := parserProjectivise(got); k2 != 0 {
		t.Fatalf("lifted %v is still non-projective", got)
	}
}

// smallParser trains a parser on a few hand-made sentences.
func smallParser(t testing.TB) *Parser {
	t.Helper()
	mk := func(spec ...string) TreebankSentence {
		var s TreebankSentence
		for i := 0; i+4 < len(spec)+1; i += 4 {
			var h int
			fmt.Sscan(spec[i+2], &h)
			s.Words = append(s.Words, TreebankWord{Form: spec[i], UPOS: spec[i+1], XPOS: spec[i+1], Head: h, DepRel: spec[i+3]})
		}
		return s
	}
	train := []TreebankSentence{
		mk("Police", "NOUN", "1", "nsubj", "arrested", "VERB", "-1", "root", "protesters", "NOUN", "1", "obj", ".", "PUNCT", "1", "punct"),
		mk("The", "DET", "1", "det", "army", "NOUN", "2", "nsubj", "attacked", "VERB", "-1", "root", "rebels", "NOUN", "2", "obj", "in", "ADP", "5", "case", "Aleppo", "PROPN", "2", "obl"),
		mk("Talks", "NOUN", "2", "nsubj:pass", "were", "AUX", "2", "aux:pass", "held", "VERB", "-1", "root"),
	}
	p, err := TrainParser(train, nil, ParserOptions{Iterations: 3, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// parserCheckTree fails unless heads is a tree with exactly one root.
func parserCheckTree(t *testing.T, heads []int, rels []string) {
	t.Helper()
	n := len(heads)
	roots := 0
	for i, h := range heads {
		if h < -1 || h >= n || h == i {
			t.Fatalf("word %d has head %d (heads %v)", i, h, heads)
		}
		if h == -1 {
			roots++
			if rels[i] != "root" {
				t.Fatalf("root word %d labelled %q", i, rels[i])
			}
		} else if rels[i] == "" || rels[i] == "root" {
			t.Fatalf("word %d labelled %q", i, rels[i])
		}
		k := i
		for steps := 0; k != -1; steps++ {
			if steps > n {
				t.Fatalf("cycle through word %d (heads %v)", i, heads)
			}
			k = heads[k]
		}
	}
	if n > 0 && roots != 1 {
		t.Fatalf("%d roots (heads %v)", roots, heads)
	}
}

func TestParserAlwaysTree(t *testing.T) {
	p := smallParser(t)
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"the", "police", "arrested", ".", "in", "Aleppo", "", "\xff\xfe", "talks", "were", "held", "12,000", "Ünïcode"}
	tags := []string{"DET", "NOUN", "VERB", "PUNCT", "ADP", "PROPN", "", "X", "AUX"}
	for iter := 0; iter < 2000; iter++ {
		n := rng.IntN(40)
		if iter%200 == 0 {
			n = 300 + rng.IntN(200)
		}
		words, upos, xpos := make([]string, n), make([]string, n), make([]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
			upos[i] = tags[rng.IntN(len(tags))]
			xpos[i] = tags[rng.IntN(len(tags))]
		}
		heads, rels := make([]int, n), make([]string, n)
		p.Parse(words, upos, xpos, heads, rels)
		parserCheckTree(t, heads, rels)
	}
	// Missing tag columns and short outputs must not panic.
	words := []string{"Police", "arrested", "protesters", "."}
	heads, rels := make([]int, 4), make([]string, 4)
	p.Parse(words, nil, []string{"NOUN"}, heads, rels)
	parserCheckTree(t, heads, rels)
	p.Parse(words, nil, nil, heads[:2], rels[:1])
	p.Parse(nil, nil, nil, nil, nil)
}

func TestParserRoundTrip(t *testing.T) {
	p := smallParser(t)
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := ReadParser(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var buf2 bytes.Buffer
	q.WriteTo(&buf2)
	// The hash table's slot order may differ, so compare sizes and parses.
	if buf.Len() != buf2.Len() {
		t.Fatalf("model size changed in a round trip: %d -> %d bytes", buf.Len(), buf2.Len())
	}
	words := []string{"The", "police", "attacked", "rebels", "in", "Aleppo", "."}
	tags := []string{"DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"}
	h1, r1 := make([]int, 7), make([]string, 7)
	h2, r2 := make([]int, 7), make([]string, 7)
	p.Parse(words, tags, tags, h1, r1)
	q.Parse(words, tags, tags, h2, r2)
	for i := range h1 {
		if h1[i] != h2[i] || r1[i] != r2[i] {
			t.Fatalf("parses differ after round trip: %v %v vs %v %v", h1, r1, h2, r2)
		}
	}
	if p.alt || q.alt {
		t.Errorf("a parser trained without TagAlternatives reads runner-up tags: before writing %v, after reading %v", p.alt, q.alt)
	}
}

// TestParserTagAlternatives checks that a parser trained without
// TagAlternatives is written in the first model layout and ignores
// runner-up tags, and that one trained with them is written in the
// second and reads back as one.
func TestParserTagAlternatives(t *testing.T) {
	train := []TreebankSentence{{Words: []TreebankWord{
		{Form: "Police", UPOS: "NOUN", XPOS: "NN", Head: 1, DepRel: "nsubj", AltUPOS: "PROPN"},
		{Form: "arrested", UPOS: "VERB", XPOS: "VBD", Head: -1, DepRel: "root"},
		{Form: "protesters", UPOS: "NOUN", XPOS: "NNS", Head: 1, DepRel: "obj"},
	}}}
	p, err := TrainParser(train, nil, ParserOptions{Iterations: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(parserMagic)) {
		t.Errorf("plain-tags model starts %q, want %q", buf.Bytes()[:len(parserMagic)], parserMagic)
	}
	q, err := ReadParser(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if p.alt || q.alt {
		t.Errorf("plain-tags parser reads runner-up tags: before writing %v, after reading %v", p.alt, q.alt)
	}
	words, tags := []string{"Police", "arrested", "protesters"}, []string{"NOUN", "VERB", "NOUN"}
	h1, r1 := make([]int, 3), make([]string, 3)
	h2, r2 := make([]int, 3), make([]string, 3)
	q.Parse(words, tags, tags, h1, r1)
	q.ParseAlternatives(words, tags, tags, []string{"PROPN", "NOUN", "VERB"}, h2, r2)
	for i := range h1 {
		if h1[i] != h2[i] || r1[i] != r2[i] {
			t.Fatalf("plain-tags parser changed its parse for runner-up tags: %v %v vs %v %v", h1, r1, h2, r2)
		}
	}

	a, err := TrainParser(train, nil, ParserOptions{Iterations: 2, TagAlternatives: true})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := a.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(parserMagicAlt)) {
		t.Errorf("model with runner-up tags starts %q, want %q", buf.Bytes()[:len(parserMagicAlt)], parserMagicAlt)
	}
	b, err := ReadParser(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !a.alt || !b.alt {
		t.Errorf("parser trained with TagAlternatives: reads runner-up tags %v before writing, %v after reading", a.alt, b.alt)
	}
	b.ParseAlternatives(words, tags, tags, []string{"PROPN", "", "VERB"}, h2, r2)
	parserCheckTree(t, h2, r2)
}

func TestReadParserCorrupt(t *testing.T) {
	p := smallParser(t)
	var buf bytes.Buffer
	p.WriteTo(&buf)
	good := buf.Bytes()
	cases := map[string][]byte{
		"empty":   nil,
		"garbage": []byte("this is not a model at all, not even close"),
		"magic":   []byte(parserMagic),
	}
	for _, cut := range []int{len(parserMagic) + 1, len(good) / 2, len(good) - 1} {
		cases[fmt.Sprintf("truncated at %d", cut)] = good[:cut]
	}
	for _, pos := range []int{len(parserMagic), len(parserMagic) + 5, len(good) / 3, len(good) - 2} {
		b := append([]byte(nil), good...)
		b[pos] ^= 0x41
		cases[fmt.Sprintf("flipped byte %d", pos)] = b
	}
	for name, data := range cases {
		if _, err := ReadParser(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzReadParser(f *testing.F) {
	f.Add([]byte(parserMagic))
	f.Add([]byte("DYADPARSER1\n\x01\x04root"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadParser(bytes.NewReader(data))
		if err == nil {
			p.Parse([]string{"a", "b"}, nil, nil, make([]int, 2), make([]string, 2))
		}
	})
}

// BenchmarkParse parses PUD sentences with their gold tags. It trains a
// parser as the accuracy test does, or loads the model file named by the
// environment variable DYAD_PARSER_MODEL.
func BenchmarkParse(b *testing.B) {
	pud := loadTreebank(b, "ud-pud", "en_pud-ud-test.conllu")
	var p *Parser
	if path := os.Getenv("DYAD_PARSER_MODEL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		p, err = ReadParser(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	} else {
		p = trainedEWTParser(b)
	}
	type in struct{ words, upos, xpos []string }
	ins := make([]in, len(pud))
	for i, s := range pud {
		ins[i].words = s.Forms()
		for _, w := range s.Words {
			ins[i].upos = append(ins[i].upos, w.UPOS)
			ins[i].xpos = append(ins[i].xpos, w.XPOS)
		}
	}
	b.Run("PUD", func(b *testing.B) {
		heads, rels := make([]int, 512), make([]string, 512)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			s := &ins[i%len(ins)]
			n := len(s.words)
			p.Parse(s.words, s.upos, s.xpos, heads[:n], rels[:n])
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
	})
}

func TestParserConcurrent(t *testing.T) {
	p := smallParser(t)
	words := []string{"The", "army", "attacked", "rebels", "in", "Aleppo", "."}
	tags := []string{"DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"}
	want, wantRels := make([]int, 7), make([]string, 7)
	p.Parse(words, tags, tags, want, wantRels)
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			heads, rels := make([]int, 7), make([]string, 7)
			for i := 0; i < 200; i++ {
				p.Parse(words, tags, tags, heads, rels)
				for j := range heads {
					if heads[j] != want[j] || rels[j] != wantRels[j] {
						done <- fmt.Errorf("concurrent parse differs: %v %v", heads, rels)
						return
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestParserTransitionMinWeight checks that TransitionMinWeight prunes the
// transition model only: training is the same, so the label model is
// unchanged.
func TestParserTransitionMinWeight(t *testing.T) {
	train := loadTreebank(t, "ud-ewt", "en_ewt-ud-train.conllu")
	train = train[:min(len(train), 800)]
	features := func(opt ParserOptions) (int, int) {
		opt.Iterations, opt.Seed = 2, 3
		p, err := TrainParser(train, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		return p.Features()
	}
	tf, lf := features(ParserOptions{MinWeight: 0.5})
	tf2, lf2 := features(ParserOptions{MinWeight: 0.5, TransitionMinWeight: 2})
	tf3, lf3 := features(ParserOptions{MinWeight: 0.5, TransitionMinWeight: -1})
	t.Logf("transition features %d (all %d, >= 2: %d), label features %d", tf, tf3, tf2, lf)
	if lf2 != lf || lf3 != lf {
		t.Errorf("label features %d, %d, %d: want them equal", lf, lf2, lf3)
	}
	if !(tf2 < tf && tf < tf3) {
		t.Errorf("transition features: %d with 2, %d with MinWeight, %d unpruned", tf2, tf, tf3)
	}
}
