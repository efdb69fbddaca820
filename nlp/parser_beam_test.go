package nlp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// parseWithBeam decodes one sentence with parseBeam and a beam of k, the
// way ParseAlternatives does for a beam model.
func parseWithBeam(p *Parser, k int, words, upos, xpos []string) ([]int, []string) {
	n := len(words)
	b := &beamScratch{}
	b.words.reset(n)
	b.words.setWords(words, upos, xpos, nil, p.alt)
	heads, rels := make([]int, n), make([]string, n)
	p.finish(p.parseBeam(b, k), heads, rels)
	return heads, rels
}

// TestParserBeamOneIsGreedy checks that beam decoding with a beam of one
// makes the greedy parser's choices: the embedded model parses EWT dev
// (with gold tags) the same way both ways, sentence for sentence.
func TestParserBeamOneIsGreedy(t *testing.T) {
	p := testPipeline(t).parser.WithBeam(1)
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	for _, s := range dev {
		n := len(s.Words)
		words, upos, xpos := s.Forms(), make([]string, n), make([]string, n)
		for i, w := range s.Words {
			upos[i], xpos[i] = w.UPOS, w.XPOS
		}
		gh, gr := make([]int, n), make([]string, n)
		p.Parse(words, upos, xpos, gh, gr)
		bh, br := parseWithBeam(p, 1, words, upos, xpos)
		for i := range gh {
			if gh[i] != bh[i] || gr[i] != br[i] {
				t.Fatalf("%s: greedy %v %v, beam of one %v %v", s.ID, gh, gr, bh, br)
			}
		}
	}
}

// TestParserBeamAlwaysTree checks that beam decoding returns a tree with
// one root for any input, as greedy decoding does.
func TestParserBeamAlwaysTree(t *testing.T) {
	p := smallParser(t).WithBeam(4)
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"the", "police", "arrested", ".", "in", "Aleppo", "", "\xff\xfe", "talks", "were", "held"}
	tags := []string{"DET", "NOUN", "VERB", "PUNCT", "ADP", "PROPN", "", "X", "AUX"}
	for iter := 0; iter < 500; iter++ {
		n := rng.IntN(40)
		if iter%100 == 0 {
			n = 250
		}
		words, upos := make([]string, n), make([]string, n)
		for i := range words {
			words[i], upos[i] = vocab[rng.IntN(len(vocab))], tags[rng.IntN(len(tags))]
		}
		heads, rels := make([]int, n), make([]string, n)
		p.Parse(words, upos, upos, heads, rels)
		parserCheckTree(t, heads, rels)
	}
}

// toyTreebank is a handful of sentences written for the tests, with gold
// tags and trees (heads 0-based, -1 for the root).
func toyTreebank() []TreebankSentence {
	mk := func(spec ...any) TreebankSentence {
		var s TreebankSentence
		for i := 0; i+3 < len(spec); i += 4 {
			s.Words = append(s.Words, TreebankWord{Form: spec[i].(string), UPOS: spec[i+1].(string), XPOS: spec[i+1].(string),
				Head: spec[i+2].(int), DepRel: spec[i+3].(string)})
		}
		return s
	}
	return []TreebankSentence{
		mk("Police", "NOUN", 1, "nsubj", "arrested", "VERB", -1, "root", "protesters", "NOUN", 1, "obj", ".", "PUNCT", 1, "punct"),
		mk("The", "DET", 1, "det", "army", "NOUN", 2, "nsubj", "shelled", "VERB", -1, "root", "villages", "NOUN", 2, "obj",
			"near", "ADP", 5, "case", "Homs", "PROPN", 3, "nmod", "on", "ADP", 7, "case", "Sunday", "PROPN", 2, "obl", ".", "PUNCT", 2, "punct"),
		mk("Talks", "NOUN", 2, "nsubj:pass", "were", "AUX", 2, "aux:pass", "held", "VERB", -1, "root", "in", "ADP", 4, "case",
			"Geneva", "PROPN", 2, "obl", "and", "CCONJ", 6, "cc", "ended", "VERB", 2, "conj", "late", "ADV", 6, "advmod", ".", "PUNCT", 2, "punct"),
		mk("Kenya", "PROPN", 1, "nsubj", "said", "VERB", -1, "root", "troops", "NOUN", 4, "nsubj", "would", "AUX", 4, "aux",
			"leave", "VERB", 1, "ccomp", "Somalia", "PROPN", 4, "obj", ".", "PUNCT", 1, "punct"),
		mk("Ministers", "NOUN", 1, "nsubj", "met", "VERB", -1, "root", "their", "PRON", 3, "nmod:poss", "counterparts", "NOUN", 1, "obj",
			"from", "ADP", 6, "case", "five", "NUM", 6, "nummod", "states", "NOUN", 3, "nmod", ".", "PUNCT", 1, "punct"),
	}
}

// TestParserGlobalTrainingLearnsToy checks that beam training alone (no
// greedy passes) learns a few sentences exactly, and that the model
// decodes with the beam it was trained with.
func TestParserGlobalTrainingLearnsToy(t *testing.T) {
	train := toyTreebank()
	p, err := TrainParser(train, nil, ParserOptions{Iterations: 12, Seed: 3, Beam: 4, MinWeight: -1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Beam() != 4 {
		t.Fatalf("trained with a beam of 4, decodes with %d", p.Beam())
	}
	sc := p.Evaluate(train)
	if sc.UAS != 100 || sc.LAS != 100 {
		t.Fatalf("after beam training on %d sentences, UAS %.1f LAS %.1f on them, want 100", len(train), sc.UAS, sc.LAS)
	}
}

// TestParserBeamRoundTrip checks the beam model layout: a beam model reads
// back with its beam and parses the same, and a bad beam width or flag in
// the header is rejected.
func TestParserBeamRoundTrip(t *testing.T) {
	p, err := TrainParser(toyTreebank(), nil, ParserOptions{Iterations: 4, Seed: 3, Beam: 3, GreedyIterations: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(parserMagicBeam)) {
		t.Fatalf("a beam model is written as %q", buf.Bytes()[:len(parserMagicBeam)])
	}
	q, err := ReadParser(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if q.Beam() != 3 || q.alt {
		t.Fatalf("read back: beam %d, runner-up tags %v; want 3, false", q.Beam(), q.alt)
	}
	for _, s := range toyTreebank() {
		n := len(s.Words)
		tags := make([]string, n)
		for i, w := range s.Words {
			tags[i] = w.UPOS
		}
		h1, r1, h2, r2 := make([]int, n), make([]string, n), make([]int, n), make([]string, n)
		p.Parse(s.Forms(), tags, tags, h1, r1)
		q.Parse(s.Forms(), tags, tags, h2, r2)
		if fmt.Sprint(h1, r1) != fmt.Sprint(h2, r2) {
			t.Fatalf("parses differ after a round trip: %v %v vs %v %v", h1, r1, h2, r2)
		}
	}
	// Header fields changed (with the checksum made right again) must be
	// refused: a beam of 1 or 65, an unknown flag.
	for _, c := range []struct {
		name         string
		flags, width byte
	}{{"beam 1", 0, 1}, {"beam 65", 0, 65}, {"unknown flag", 2, 3}} {
		b := append([]byte(nil), buf.Bytes()...)
		b[len(parserMagicBeam)], b[len(parserMagicBeam)+1] = c.flags, c.width
		binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
		if _, err := ReadParser(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: read without error", c.name)
		}
	}
}

// BenchmarkEmbeddedBeam measures decoding the PUD sentences (tagged by the
// embedded tagger) with the embedded parser's model and beams of several
// widths: what each width costs, whatever the model was trained for.
func BenchmarkEmbeddedBeam(b *testing.B) {
	p := testPipeline(b)
	ins := taggedPUD(b, p)
	for _, k := range []int{1, 2, 4, 8} {
		q := p.parser.WithBeam(k)
		b.Run(fmt.Sprint(k), func(b *testing.B) { benchParse(b, q, ins) })
	}
}

// TestParseStateResetAfterCopy checks that a configuration reused for a
// new sentence grows every array it needs: a copy in a beam shares the
// token arrays of the configuration it was copied from, which may be
// shorter than its own arc arrays (beam training once panicked here on a
// sentence a little longer than one before it).
func TestParseStateResetAfterCopy(t *testing.T) {
	words := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = "towns"
		}
		return w
	}
	var src, x parseState
	src.reset(73)
	src.setWords(words(73), words(73), words(73), nil, false)
	x.reset(100)
	x.copyConfig(&src) // x's arc arrays hold 101, its token arrays 74
	x.reset(91)
	x.setWords(words(91), words(91), words(91), nil, false)
	if x.n != 91 || len(x.head) != 92 || len(x.w) != 92 || len(x.a) != 92 {
		t.Fatalf("after reset(91): n %d, %d heads, %d word hashes, %d tag hashes; want 91, 92, 92, 92", x.n, len(x.head), len(x.w), len(x.a))
	}
}
