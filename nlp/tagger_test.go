package nlp

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// testIterations is the number of training passes used by the accuracy
// tests; DYAD_TAGGER_ITERS overrides it.
func testIterations() int {
	if v, err := strconv.Atoi(os.Getenv("DYAD_TAGGER_ITERS")); err == nil && v > 0 {
		return v
	}
	return DefaultTaggerIterations
}

var (
	trainedOnce    sync.Once
	trainedTagger  *Tagger
	trainedLemma   *Lemmatizer
	trainedErr     error
	trainedSkipMsg string
)

// trainedModels trains the tagger and lemmatizer once on EWT train for all
// tests of the package.
func trainedModels(t testing.TB) (*Tagger, *Lemmatizer) {
	t.Helper()
	trainedOnce.Do(func() {
		p := filepath.Join("..", "..", "shared", "ud-ewt", "en_ewt-ud-train.conllu")
		if _, err := os.Stat(p); err != nil {
			trainedSkipMsg = "../../shared/ud-ewt not found: accuracy tests need the treebanks beside the repository"
			return
		}
		train, err := ReadCoNLLUFile(p)
		if err != nil {
			trainedErr = err
			return
		}
		var log *slog.Logger
		if testing.Verbose() {
			log = slog.New(slog.NewTextHandler(os.Stderr, nil))
		}
		trainedTagger, trainedErr = TrainTagger(train, nil, TaggerOptions{Iterations: testIterations(), Log: log})
		trainedLemma = TrainLemmatizer(train)
	})
	if trainedSkipMsg != "" {
		t.Skip(trainedSkipMsg)
	}
	if trainedErr != nil {
		t.Fatal(trainedErr)
	}
	return trainedTagger, trainedLemma
}

// tagScores tags sents with gold tokenization and returns UPOS, XPOS and
// lemma accuracy (lemmas from predicted tags).
func tagScores(tg *Tagger, lm *Lemmatizer, sents []TreebankSentence) (upos, xpos, lemma float64) {
	var ru, rx, rl, n int
	var words, up, xp []string
	for _, s := range sents {
		words, up, xp = words[:0], up[:0], xp[:0]
		for _, w := range s.Words {
			words = append(words, w.Form)
			up, xp = append(up, ""), append(xp, "")
		}
		tg.Tag(words, up, xp)
		for i, w := range s.Words {
			n++
			if up[i] == w.UPOS {
				ru++
			}
			if xp[i] == w.XPOS {
				rx++
			}
			if lm != nil && lm.Lemma(w.Form, up[i], xp[i]) == w.Lemma {
				rl++
			}
		}
	}
	d := float64(max(n, 1)) / 100
	return float64(ru) / d, float64(rx) / d, float64(rl) / d
}

func TestTaggerAccuracy(t *testing.T) {
	tg, lm := trainedModels(t)
	tests := []struct {
		name, dir, file string
		minUPOS         float64
		minXPOS         float64
		minLemma        float64
	}{
		{"EWT dev", "ud-ewt", "en_ewt-ud-dev.conllu", 95.0, 94.3, 96.9},
		{"EWT test", "ud-ewt", "en_ewt-ud-test.conllu", 95.3, 94.6, 97.0},
		{"PUD", "ud-pud", "en_pud-ud-test.conllu", 95.0, 94.5, 97.0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := loadTreebank(t, tc.dir, tc.file)
			u, x, l := tagScores(tg, lm, sents)
			t.Logf("%s: UPOS %.2f%%  XPOS %.2f%%  lemma %.2f%%", tc.name, u, x, l)
			if u < tc.minUPOS {
				t.Errorf("UPOS accuracy %.2f%% < %.1f%%", u, tc.minUPOS)
			}
			if x < tc.minXPOS {
				t.Errorf("XPOS accuracy %.2f%% < %.1f%%", x, tc.minXPOS)
			}
			if l < tc.minLemma {
				t.Errorf("lemma accuracy %.2f%% < %.1f%%", l, tc.minLemma)
			}
		})
	}
}

func TestTaggerSize(t *testing.T) {
	tg, _ := trainedModels(t)
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(buf.Bytes())
	zw.Close()
	t.Logf("tagger: %d classes, %d features, %d tag-dictionary words, %.2f MB raw, %.2f MB gzip",
		tg.Classes(), tg.Features(), len(tg.dict), float64(buf.Len())/1e6, float64(gz.Len())/1e6)
	if gz.Len() > 8<<20 {
		t.Errorf("compressed tagger is %d bytes, want under 8 MB", gz.Len())
	}
}

// tinyTrain is a toy treebank for tests that need no shared files.
func tinyTrain() []TreebankSentence {
	mk := func(rows ...[4]string) TreebankSentence {
		var s TreebankSentence
		for _, r := range rows {
			s.Words = append(s.Words, TreebankWord{Form: r[0], Lemma: r[1], UPOS: r[2], XPOS: r[3]})
		}
		return s
	}
	var out []TreebankSentence
	for i := 0; i < 30; i++ {
		out = append(out,
			mk([4]string{"The", "the", "DET", "DT"}, [4]string{"rebels", "rebel", "NOUN", "NNS"},
				[4]string{"attacked", "attack", "VERB", "VBD"}, [4]string{"the", "the", "DET", "DT"},
				[4]string{"town", "town", "NOUN", "NN"}, [4]string{".", ".", "PUNCT", "."}),
			mk([4]string{"Police", "police", "NOUN", "NN"}, [4]string{"arrested", "arrest", "VERB", "VBD"},
				[4]string{"two", "two", "NUM", "CD"}, [4]string{"men", "man", "NOUN", "NNS"},
				[4]string{"in", "in", "ADP", "IN"}, [4]string{"Paris", "Paris", "PROPN", "NNP"},
				[4]string{".", ".", "PUNCT", "."}),
		)
	}
	return out
}

func TestTaggerRoundTrip(t *testing.T) {
	train := tinyTrain()
	tg, err := TrainTagger(train, train[:2], TaggerOptions{Iterations: 3})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tg2, err := ReadTagger(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"Police", "attacked", "the", "rebels", "in", "Paris", "."}
	u1, x1 := make([]string, len(words)), make([]string, len(words))
	u2, x2 := make([]string, len(words)), make([]string, len(words))
	tg.Tag(words, u1, x1)
	tg2.Tag(words, u2, x2)
	for i := range words {
		if u1[i] != u2[i] || x1[i] != x2[i] {
			t.Errorf("word %q: %s/%s before writing, %s/%s after reading", words[i], u1[i], x1[i], u2[i], x2[i])
		}
	}
	if u1[1] != "VERB" || x1[1] != "VBD" || u1[5] != "PROPN" {
		t.Errorf("toy tagging: %v %v", u1, x1)
	}
}

// TestTaggerReadsVersion1 checks that a model in the version 1 layout
// (one weight table, trained on the version 1 templates) is still read,
// and is tagged with the version 1 features.
func TestTaggerReadsVersion1(t *testing.T) {
	tg, err := TrainTagger(tinyTrain(), nil, TaggerOptions{Iterations: 3})
	if err != nil {
		t.Fatal(err)
	}
	if tg.wr == nil {
		t.Fatal("no right-to-left model trained")
	}
	tg.wr = nil
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	// Version 2 with an empty right-to-left section ends in a zero length
	// before the checksum; version 1 has neither that nor the new magic.
	b := buf.Bytes()
	body := b[len(taggerMagic) : len(b)-5]
	v1 := append([]byte(taggerMagicV1), body...)
	v1 = binary.LittleEndian.AppendUint32(v1, crc32.ChecksumIEEE(v1))
	tg1, err := ReadTagger(bytes.NewReader(v1))
	if err != nil {
		t.Fatal(err)
	}
	if !tg1.v1 || tg1.wr != nil {
		t.Fatalf("version 1 model read as v1=%v with a right-to-left table %v", tg1.v1, tg1.wr != nil)
	}
	words := []string{"Police", "attacked", "the", "rebels", "in", "Paris", "."}
	u, x := make([]string, len(words)), make([]string, len(words))
	tg1.Tag(words, u, x)
	for i := range words {
		if u[i] == "" || x[i] == "" {
			t.Errorf("word %q left untagged", words[i])
		}
	}
	if u[2] != "DET" || u[6] != "PUNCT" {
		t.Errorf("dictionary words mistagged: %v", u)
	}
}

func TestTaggerCorruptModel(t *testing.T) {
	tg, err := TrainTagger(tinyTrain(), nil, TaggerOptions{Iterations: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 0x40
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"magic only", []byte(taggerMagic)},
		{"truncated", good[:len(good)-7]},
		{"half", good[:len(good)/2]},
		{"flipped byte", flipped},
		{"wrong kind", []byte("dyad-lemma-1\nxxxxxxxx")},
		{"version 1 magic on a version 2 body", append([]byte(taggerMagicV1), good[len(taggerMagic):]...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReadTagger(bytes.NewReader(tc.data)); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestTaggerBadInput(t *testing.T) {
	tg, err := TrainTagger(tinyTrain(), nil, TaggerOptions{Iterations: 1})
	if err != nil {
		t.Fatal(err)
	}
	tg.Tag(nil, nil, nil)
	tg.Tag([]string{"a", "b"}, make([]string, 1), make([]string, 2)) // short output: tags what fits
	long := string(bytes.Repeat([]byte("x\xff-9Z"), 200))
	u, x := make([]string, 3), make([]string, 3)
	tg.Tag([]string{"", long, "\x00"}, u, x)
	for i := range u {
		if u[i] == "" || x[i] == "" {
			t.Errorf("word %d left untagged", i)
		}
	}
	var nilTagger *Tagger
	nilTagger.Tag([]string{"a"}, u, x)
	if _, err := TrainTagger(nil, nil, TaggerOptions{}); err == nil {
		t.Error("training on nothing: want an error")
	}
	if _, err := JackknifeTags(tinyTrain(), 1, TaggerOptions{}); err == nil {
		t.Error("one fold: want an error")
	}
}

func TestJackknifeTags(t *testing.T) {
	train := tinyTrain()
	out, err := JackknifeTags(train, 3, TaggerOptions{Iterations: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(train) {
		t.Fatalf("got %d sentences, want %d", len(out), len(train))
	}
	for i := range out {
		if &out[i].Words[0] == &train[i].Words[0] {
			t.Fatal("jackknife shares word slices with its input")
		}
		for j, w := range out[i].Words {
			if w.UPOS == "" || w.Form != train[i].Words[j].Form || w.Lemma != train[i].Words[j].Lemma {
				t.Fatalf("sentence %d word %d: %+v", i, j, w)
			}
		}
	}
}

func BenchmarkTag(b *testing.B) {
	tg, _ := trainedModels(b)
	sents := loadTreebank(b, "ud-ewt", "en_ewt-ud-dev.conllu")
	var words [][]string
	ntok := 0
	for _, s := range sents {
		words = append(words, s.Forms())
		ntok += len(s.Words)
	}
	up, xp := make([]string, 512), make([]string, 512)
	b.ReportAllocs()
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		w := words[i%len(words)]
		tg.Tag(w, up, xp)
		tokens += len(w)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// TestTagAlternatives checks, with the embedded tagger on EWT dev, that
// TagAlternatives tags as Tag does, that a runner-up is always another
// universal tag, and that it marks the words the tagger gets wrong: a
// minority of words, holding most of the errors.
func TestTagAlternatives(t *testing.T) {
	tg := testPipeline(t).tagger
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	words, withAlt, errs, errsWithAlt := 0, 0, 0, 0
	for _, s := range dev {
		forms := s.Forms()
		n := len(forms)
		u1, x1 := make([]string, n), make([]string, n)
		u2, x2, alt := make([]string, n), make([]string, n), make([]string, n)
		tg.Tag(forms, u1, x1)
		tg.TagAlternatives(forms, u2, x2, alt)
		for i, w := range s.Words {
			if u1[i] != u2[i] || x1[i] != x2[i] {
				t.Fatalf("%s word %d %q: Tag gives %s/%s, TagAlternatives %s/%s", s.ID, i+1, forms[i], u1[i], x1[i], u2[i], x2[i])
			}
			if alt[i] == u2[i] {
				t.Fatalf("%s word %d %q: runner-up %s is the chosen tag", s.ID, i+1, forms[i], alt[i])
			}
			words++
			if alt[i] != "" {
				withAlt++
			}
			if u2[i] != w.UPOS {
				errs++
				if alt[i] != "" {
					errsWithAlt++
				}
			}
		}
	}
	share, caught := float64(withAlt)/float64(words), float64(errsWithAlt)/float64(errs)
	t.Logf("runner-up tags on %.1f%% of words, %.1f%% of UPOS errors", 100*share, 100*caught)
	if share < 0.03 || share > 0.2 || caught < 0.5 {
		t.Errorf("runner-up tags on %.1f%% of words (want 3-20%%), %.1f%% of UPOS errors (want >= 50%%)", 100*share, 100*caught)
	}
}
