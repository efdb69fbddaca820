package nlp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"
)

// Tagger is a part-of-speech tagger: two greedy averaged perceptrons over
// hashed word and context features, one tagging right to left and one left
// to right, whose scores are added, predict the universal tag (UPOS) and
// the Penn Treebank tag (XPOS) of every word at once, as one class per
// UPOS|XPOS pair seen in training. Training uses leave-one-out ambiguity
// classes, and words too rare to have one lose their identity features, so
// that the model learns how unseen words look. Frequent words
// that always carry the same tag are tagged by a lookup. A Tagger is safe
// for concurrent use once trained or loaded.
type Tagger struct {
	upos, xpos []string          // tags of each class
	dict       map[string]int32  // frequent unambiguous form -> class
	amb        map[string]uint64 // normalised form -> ambiguity class
	ambX       map[string]uint64 // exact form -> ambiguity class
	w          *weightTable      // left-to-right model
	wr         *weightTable      // right-to-left model, nil if none
	v1         bool              // a version 1 model: its own features, no rare-word folding
	pool       sync.Pool         // *tagScratch
}

// TaggerOptions controls TrainTagger and JackknifeTags.
type TaggerOptions struct {
	// Iterations is the number of passes over the training data; 0 means
	// DefaultTaggerIterations. With dev sentences, training keeps the
	// weights of the best pass on dev and stops after three passes without
	// improvement.
	Iterations int
	// MinWeight drops averaged weights whose magnitude is below it when
	// the model is frozen, which keeps the model small; 0 means
	// DefaultTaggerMinWeight, a negative value keeps every weight.
	MinWeight float32
	// Log receives progress messages; nil discards them.
	Log *slog.Logger
}

// DefaultTaggerIterations and DefaultTaggerMinWeight are the training
// settings used when TaggerOptions leaves them zero.
const (
	DefaultTaggerIterations         = 10
	DefaultTaggerMinWeight  float32 = 1.0
)

// Tag dictionary thresholds: a form is tagged by lookup when it was seen at
// least dictMinCount times with one class at least dictMinShare of the time.
const (
	dictMinCount = 10
	dictMinShare = 0.98
	// ambMinCount is how often a form must be seen for its ambiguity class
	// (the set of classes it takes) to be a feature; a class counts when it
	// has at least ambMinShare of the form's occurrences.
	ambMinCount = 2
	ambMinShare = 0.05
	// maxAmbKey is the longest form looked up in the ambiguity table.
	maxAmbKey = 48
)

// Feature template IDs. Never renumber: saved models depend on them.
const (
	ftBias = iota
	ftWord
	ftExact
	ftSuf1
	ftSuf2
	ftSuf3
	ftSuf4
	ftPre1
	ftPre2
	ftPre3
	ftShape
	ftFlags
	ftP1
	ftP2
	ftP1P2
	ftP1Word
	ftPrevWord
	ftPrevSuf3
	ftPrev2Word
	ftNextWord
	ftNextSuf3
	ftNext2Word
	ftPrevWordWord
	ftWordNextWord
	ftPrevShape
	ftNextShape
	ftP1NextWord
	ftAmb
	ftNextAmb
	ftNext2Amb
	ftPrevAmb
	ftP1Amb
	ftFirstFlags
	ftP1Shape
	ftP1Suf3
	ftAmbNextAmb
	ftNextSuf2
	ftPrevSuf2
	ftAmbX
	ftNextAmbX
	ftPrevAmbX
	ftSuf3Flags
	ftPrevExact
	ftNextExact
	ftPrevNextWord
	ftWordNextAmb
	ftWordP1P2
	ftWordNext2Amb
	ftAmbP1P2
	ftSuf5
	ftHyphLast
	ftHyphSuf3
	ftSentCap
	ftSentCapAmb
	ftSentCapWord
	ftCapAmbNoX
)

// tokInfo holds the word-level hashes of one token of a sentence.
type tokInfo struct {
	w, x  uint64    // normalised word; exact word (0 when equal to normalised)
	suf   [4]uint64 // suffixes of 1..4 bytes (0 when the word is shorter)
	suf5  uint64    // suffix of 5 bytes
	hyph  uint64    // part after the last hyphen, 0 without one
	hyphS uint64    // the suffix of 3 bytes of that part
	pre   [3]uint64 // prefixes of 1..3 bytes
	shape uint64
	amb   uint64 // ambiguity class, 0 when unknown
	ambX  uint64 // ambiguity class of the exact form, 0 when unknown
	flags int
	dict  int32 // class from the tag dictionary, -1 if none
}

// unkWord is the word hash of a rare word: one too rare to have an
// ambiguity class has no identity features of its own, so that training on
// rare words teaches the model what unseen words look like.
const unkWord = 0x554e4b

// sentinels stand for the positions before and after the sentence.
var sentinels = [2]tokInfo{
	{w: 0x5354415254, x: 0, shape: 0x5354415254, amb: 0x5354415254, flags: -1, dict: -1},
	{w: 0x454e44, x: 0, shape: 0x454e44, amb: 0x454e44, flags: -2, dict: -1},
}

// tagScratch is per-call working memory, pooled so tagging allocates nothing.
type tagScratch struct {
	info   []tokInfo // padded by two sentinels on each side
	cls    []int32
	feats  []uint64
	scores []float32
	rscore []float32 // right-to-left scores, len(upos) per word
}

func (t *Tagger) scratch() *tagScratch {
	if s, ok := t.pool.Get().(*tagScratch); ok {
		return s
	}
	return &tagScratch{feats: make([]uint64, 0, 64), scores: make([]float32, len(t.upos))}
}

// fillInfo computes the token hashes of words into s.info.
func (t *Tagger) fillInfo(s *tagScratch, words []string) {
	n := len(words)
	if cap(s.info) < n+4 {
		s.info = make([]tokInfo, n+4, n+4+n/2)
	}
	s.info = s.info[:n+4]
	s.info[0], s.info[1] = sentinels[0], sentinels[0]
	s.info[n+2], s.info[n+3] = sentinels[1], sentinels[1]
	var buf [maxAmbKey]byte
	for i, w := range words {
		in := &s.info[i+2]
		in.w = mixNorm(featSeed(1), w)
		in.x = 0
		in.flags = wordFlags(w)
		if in.flags&(flagUpperFirst|flagHasUpper) != 0 {
			in.x = mixString(featSeed(2), w)
		}
		for k := range in.suf {
			in.suf[k] = 0
			if len(w) > k+1 {
				in.suf[k] = mixNorm(featSeed(10+k), w[len(w)-k-1:])
			}
		}
		in.pre[0] = 0 // the one-byte prefix is a feature of version 1 only
		for k := 1; k < len(in.pre); k++ {
			in.pre[k] = 0
			if len(w) > k+1 {
				in.pre[k] = mixNorm(featSeed(20+k), w[:k+1])
			}
		}
		in.suf5, in.hyph, in.hyphS = 0, 0, 0
		if len(w) > 5 {
			in.suf5 = mixNorm(featSeed(14), w[len(w)-5:])
		}
		if in.flags&flagHasHyphen != 0 {
			if k := strings.LastIndexByte(w, '-'); k > 0 && k < len(w)-1 {
				last := w[k+1:]
				in.hyph = mixNorm(featSeed(5), last)
				if len(last) > 3 {
					in.hyphS = mixNorm(featSeed(6), last[len(last)-3:])
				}
			}
		}
		in.shape = mixShape(featSeed(3), w)
		in.amb = 0
		if len(w) <= maxAmbKey {
			in.amb = t.amb[string(appendNorm(buf[:0], w))]
		}
		in.ambX = t.ambX[w]
		if t.v1 {
			if len(w) > 1 {
				in.pre[0] = mixNorm(featSeed(20), w[:1])
			}
		} else if in.amb == 0 {
			in.w, in.x = unkWord, 0
		}
		in.dict = -1
		if c, ok := t.dict[w]; ok {
			in.dict = c
		}
	}
}

func f1(t int, a uint64) uint64 { return featKey(mixInt(featSeed(t), int(a))) }

func f2(t int, a, b uint64) uint64 {
	return featKey(mixInt(mixInt(featSeed(t), int(a)), int(b)))
}

// features appends the features of token i (0-based) to s.feats, given the
// classes p1 and p2 of the two tokens before it (-1, -2 for the sentence
// start); for the right-to-left model the sentence is reversed, so they
// are the classes of the tokens after it. The template set was chosen on
// EWT dev: the retired templates (bias, words two away, neighbours' exact
// forms, shape and word conjunctions, sentence capitalisation) made the
// model slower without making it more accurate.
func (t *Tagger) features(s *tagScratch, i int, p1, p2 int32) []uint64 {
	in := s.info
	j := i + 2
	c, pv, nx, nx2 := &in[j], &in[j-1], &in[j+1], &in[j+2]
	t1, t2 := uint64(int64(p1)+3), uint64(int64(p2)+3)
	f := append(s.feats[:0],
		f1(ftWord, c.w),
		f1(ftShape, c.shape),
		f1(ftFlags, uint64(c.flags)),
		f1(ftP1, t1),
		f1(ftP2, t2),
		f2(ftP1P2, t1, t2),
		f2(ftP1Word, t1, c.w),
		f1(ftPrevWord, pv.w),
		f1(ftPrevSuf3, pv.suf[2]),
		f1(ftNextWord, nx.w),
		f1(ftNextSuf3, nx.suf[2]),
		f2(ftPrevWordWord, pv.w, c.w),
		f2(ftWordNextWord, c.w, nx.w),
		f1(ftAmb, c.amb),
		f1(ftNextAmb, nx.amb),
		f1(ftNext2Amb, nx2.amb),
		f1(ftPrevAmb, pv.amb),
		f2(ftP1Amb, t1, c.amb),
		f2(ftAmbNextAmb, c.amb, nx.amb),
		f1(ftAmbX, c.ambX),
	)
	if c.x != 0 {
		f = append(f, f1(ftExact, c.x))
	}
	if i == 0 {
		f = append(f, f1(ftFirstFlags, uint64(c.flags)))
	}
	if c.ambX == 0 && c.amb != 0 && c.flags&flagUpperFirst != 0 {
		f = append(f, f2(ftCapAmbNoX, uint64(min(i, 1)), c.amb))
	}
	for k, h := range c.suf {
		if h != 0 {
			f = append(f, f1(ftSuf1+k, h))
		}
	}
	if c.suf[2] != 0 {
		f = append(f, f2(ftP1Suf3, t1, c.suf[2]))
	}
	if c.suf5 != 0 {
		f = append(f, f1(ftSuf5, c.suf5))
	}
	if c.hyph != 0 {
		f = append(f, f1(ftHyphLast, c.hyph))
		if c.hyphS != 0 {
			f = append(f, f1(ftHyphSuf3, c.hyphS))
		}
	}
	for k := 1; k < len(c.pre); k++ {
		if h := c.pre[k]; h != 0 {
			f = append(f, f1(ftPre1+k, h))
		}
	}
	s.feats = f
	return f
}

// featuresV1 is features for version 1 models, which were trained on
// more templates.
func (t *Tagger) featuresV1(s *tagScratch, i int, p1, p2 int32) []uint64 {
	in := s.info
	j := i + 2
	c, pv, pv2, nx, nx2 := &in[j], &in[j-1], &in[j-2], &in[j+1], &in[j+2]
	t1, t2 := uint64(int64(p1)+3), uint64(int64(p2)+3)
	f := s.feats[:0]
	f = append(f,
		f1(ftBias, 0),
		f1(ftWord, c.w),
		f1(ftShape, c.shape),
		f1(ftFlags, uint64(c.flags)),
		f1(ftP1, t1),
		f1(ftP2, t2),
		f2(ftP1P2, t1, t2),
		f2(ftP1Word, t1, c.w),
		f1(ftPrevWord, pv.w),
		f1(ftPrevSuf3, pv.suf[2]),
		f1(ftPrev2Word, pv2.w),
		f1(ftNextWord, nx.w),
		f1(ftNextSuf3, nx.suf[2]),
		f1(ftNext2Word, nx2.w),
		f2(ftPrevWordWord, pv.w, c.w),
		f2(ftWordNextWord, c.w, nx.w),
		f1(ftPrevShape, pv.shape),
		f1(ftNextShape, nx.shape),
		f2(ftP1NextWord, t1, nx.w),
		f1(ftAmb, c.amb),
		f1(ftNextAmb, nx.amb),
		f1(ftNext2Amb, nx2.amb),
		f1(ftPrevAmb, pv.amb),
		f2(ftP1Amb, t1, c.amb),
		f2(ftP1Shape, t1, c.shape),
		f2(ftAmbNextAmb, c.amb, nx.amb),
		f1(ftNextSuf2, nx.suf[1]),
		f1(ftPrevSuf2, pv.suf[1]),
	)
	if c.x != 0 {
		f = append(f, f1(ftExact, c.x))
	}
	if pv.x != 0 {
		f = append(f, f1(ftPrevExact, pv.x))
	}
	if nx.x != 0 {
		f = append(f, f1(ftNextExact, nx.x))
	}
	f = append(f, f1(ftAmbX, c.ambX), f1(ftNextAmbX, nx.ambX), f1(ftPrevAmbX, pv.ambX),
		f2(ftSuf3Flags, c.suf[2], uint64(c.flags)), f2(ftPrevNextWord, pv.w, nx.w))
	if i == 0 {
		f = append(f, f1(ftFirstFlags, uint64(c.flags)))
	}
	for k, h := range c.suf {
		if h != 0 {
			f = append(f, f1(ftSuf1+k, h))
		}
	}
	if c.suf[2] != 0 {
		f = append(f, f2(ftP1Suf3, t1, c.suf[2]))
	}
	for k, h := range c.pre {
		if h != 0 {
			f = append(f, f1(ftPre1+k, h))
		}
	}
	f = append(f, f2(ftWordNextAmb, c.w, nx.amb), f2(ftWordP1P2, c.w, t1*131+t2),
		f2(ftWordNext2Amb, c.w, nx2.amb), f2(ftAmbP1P2, c.amb, t1*131+t2))
	s.feats = f
	return f
}

func argmax(scores []float32) int32 {
	best := int32(0)
	for c := 1; c < len(scores); c++ {
		if scores[c] > scores[best] {
			best = int32(c)
		}
	}
	return best
}

// Tag fills upos[i] and xpos[i] with the tags of words[i]. It tags the
// first min(len(words), len(upos), len(xpos)) words. The strings come from
// the model's tag set; nothing is allocated once the tagger is warm.
func (t *Tagger) Tag(words []string, upos, xpos []string) {
	n := min(len(words), len(upos), len(xpos))
	if t == nil || t.w == nil || n == 0 {
		return
	}
	s := t.scratch()
	if cap(s.cls) < n {
		s.cls = make([]int32, n, n+n/2)
	}
	for i, c := range t.tagClasses(s, words[:n], t.w, s.cls[:n], nil) {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	t.pool.Put(s)
}

// TagAltMargin is the score margin, in weight units, below which
// TagAlternatives reports the runner-up universal tag of a word: about
// one word in ten of EWT dev falls below it, and those words hold about
// 70% of the tagger's UPOS errors.
const TagAltMargin = 36.0

// TagAlternatives is Tag that also fills alt[i] with the universal tag
// that scored best after the chosen one when the tagger was unsure of
// words[i] (a margin below TagAltMargin), and with "" otherwise. The
// parser reads these as features, so that a word the tagger nearly tagged
// otherwise is parsed with both readings in view. It tags the first
// min(len(words), len(upos), len(xpos), len(alt)) words.
func (t *Tagger) TagAlternatives(words, upos, xpos, alt []string) {
	n := min(len(words), len(upos), len(xpos), len(alt))
	if t == nil || t.w == nil || n == 0 {
		return
	}
	s := t.scratch()
	if cap(s.cls) < 2*n {
		s.cls = make([]int32, 2*n, 3*n)
	}
	cls, alts := s.cls[:n], s.cls[n:2*n]
	for i, c := range t.tagClasses(s, words[:n], t.w, cls, alts) {
		upos[i], xpos[i], alt[i] = t.upos[c], t.xpos[c], ""
		if a := alts[i]; a >= 0 {
			alt[i] = t.upos[a]
		}
	}
	t.pool.Put(s)
}

// tagClasses tags words with the weights w, writing the classes into out.
// With a right-to-left model, the words are first tagged greedily from
// right to left, and the scores of that pass are added to those of the
// greedy left-to-right pass. When alt is not nil (a right-to-left model
// is needed for it) it receives for each word the best class with
// another UPOS if that scored within TagAltMargin of the chosen one, or
// -1.
func (t *Tagger) tagClasses(s *tagScratch, words []string, w *weightTable, out, alt []int32) []int32 {
	t.fillInfo(s, words)
	n, nc := len(words), len(t.upos)
	wr := t.wr
	for i := range alt {
		alt[i] = -1
	}
	if wr == nil {
		t.decode(s, n, w, false, out, nil)
		return out
	}
	altMargin := float32(TagAltMargin / float64(w.scale))
	if cap(s.rscore) < n*nc {
		s.rscore = make([]float32, n*nc, (n+n/2)*nc)
	}
	rs := s.rscore[:n*nc]
	reverseInfo(s.info)
	t.decode(s, n, wr, true, out, rs)
	reverseInfo(s.info)
	// Both tables hold quantised weights; bring the right-to-left scores
	// to the scale of the left-to-right ones and add those to them.
	ratio := wr.scale / w.scale
	p1, p2 := int32(-1), int32(-2)
	for i := range n {
		c := s.info[i+2].dict
		if c < 0 {
			feats := t.features(s, i, p1, p2)
			sc := rs[i*nc : i*nc+nc]
			for k := range sc {
				sc[k] *= ratio
			}
			w.score(feats, sc)
			c = argmax(sc)
			if alt != nil {
				alt[i] = t.runnerUp(sc, c, altMargin)
			}
		}
		out[i] = c
		p1, p2 = c, p1
	}
	return out
}

// runnerUp returns the best class of scores sc whose UPOS is not that of
// class c, if it scored within margin of c, or -1. Most words have no
// class within the margin, which the first loop finds without comparing
// tags.
func (t *Tagger) runnerUp(sc []float32, c int32, margin float32) int32 {
	floor := sc[c] - margin
	near := false
	for k, v := range sc {
		if v > floor && int32(k) != c {
			near = true
			break
		}
	}
	if !near {
		return -1
	}
	a := int32(-1)
	for k, v := range sc {
		if v > floor && t.upos[k] != t.upos[c] && (a < 0 || v > sc[a]) {
			a = int32(k)
		}
	}
	return a
}

// decode tags the n words of s.info greedily in order with w, writing the
// classes into out and, if keep is not nil, the raw scores of each word
// (in the original word order when rev says s.info is reversed) into keep.
func (t *Tagger) decode(s *tagScratch, n int, w *weightTable, rev bool, out []int32, keep []float32) {
	nc := len(t.upos)
	p1, p2 := int32(-1), int32(-2)
	for i := range n {
		o := i
		if rev {
			o = n - 1 - i
		}
		c := s.info[i+2].dict
		if c < 0 {
			var feats []uint64
			if t.v1 {
				feats = t.featuresV1(s, i, p1, p2)
			} else {
				feats = t.features(s, i, p1, p2)
			}
			sc := s.scores[:nc]
			if keep != nil {
				sc = keep[o*nc : o*nc+nc]
			}
			clear(sc)
			w.score(feats, sc)
			c = argmax(sc)
		}
		out[o] = c
		p1, p2 = c, p1
	}
}

// reverseInfo reverses the order of the tokens of info, sentinels included,
// so that the right-to-left model can use the same feature code.
func reverseInfo(info []tokInfo) {
	for a, b := 0, len(info)-1; a < b; a, b = a+1, b-1 {
		info[a], info[b] = info[b], info[a]
	}
}

// Classes returns the number of UPOS|XPOS classes of the model.
func (t *Tagger) Classes() int { return len(t.upos) }

// Features returns the number of features with weights in the model (both
// directions).
func (t *Tagger) Features() int {
	if t == nil || t.w == nil {
		return 0
	}
	n := t.w.features()
	if t.wr != nil {
		n += t.wr.features()
	}
	return n
}

// TrainTagger trains a tagger on the gold UPOS and XPOS of train. When dev
// is not empty it is tagged after every pass and the weights of the best
// pass are kept (early stopping); dev may be nil.
func TrainTagger(train, dev []TreebankSentence, opt TaggerOptions) (*Tagger, error) {
	iters := opt.Iterations
	if iters <= 0 {
		iters = DefaultTaggerIterations
	}
	minW := opt.MinWeight
	if minW == 0 {
		minW = DefaultTaggerMinWeight
	} else if minW < 0 {
		minW = 0
	}
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t, gold, loo, err := newTaggerFromData(train)
	if err != nil {
		return nil, err
	}
	t.w = t.trainPass(train, gold, loo, dev, false, iters, minW, log)
	t.wr = t.trainPass(train, gold, loo, dev, true, iters, minW, log)
	log.Info("tagger trained", "classes", len(t.upos), "features", t.Features(), "dict", len(t.dict))
	return t, nil
}

func sentenceForms(words []string, s *TreebankSentence) []string {
	for _, w := range s.Words {
		words = append(words, w.Form)
	}
	return words
}

// trainPass trains the weights of t on train, whose gold classes are gold
// and whose leave-one-out ambiguity classes are loo: the left-to-right
// model, or with rev the right-to-left one. With dev it keeps the weights
// of the iteration that tags dev best (for rev, combined with t.w).
func (t *Tagger) trainPass(train []TreebankSentence, gold [][]int32, loo [][][2]uint64, dev []TreebankSentence, rev bool, iters int, minW float32, log *slog.Logger) *weightTable {
	nclass := len(t.upos)
	p := newAveragedPerceptron(nclass)
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(0x7a66e5, 0x1e55))
	s := &tagScratch{scores: make([]float32, nclass)}
	bestAcc, bad := -1.0, 0
	var bestTable *weightTable
	var words []string
	for it := 1; it <= iters; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		correct, total := 0, 0
		for _, si := range order {
			words = sentenceForms(words[:0], &train[si])
			t.fillInfo(s, words)
			for i, a := range loo[si] {
				in := &s.info[i+2]
				in.amb, in.ambX = a[0], a[1]
				if in.amb == 0 {
					in.w, in.x = unkWord, 0
				}
			}
			if rev {
				reverseInfo(s.info)
			}
			g := gold[si]
			n := len(words)
			p1, p2 := int32(-1), int32(-2)
			for i := range words {
				gi := g[i]
				if rev {
					gi = g[n-1-i]
				}
				c := s.info[i+2].dict
				if c < 0 {
					feats := t.features(s, i, p1, p2)
					sc := s.scores
					clear(sc)
					p.score(feats, sc)
					c = argmax(sc)
					p.tick()
					if c != gi {
						p.update(feats, int(gi), 1)
						p.update(feats, int(c), -1)
					}
				}
				if c == gi {
					correct++
				}
				total++
				p1, p2 = c, p1
			}
		}
		trainAcc := float64(correct) / float64(max(total, 1))
		if len(dev) == 0 {
			log.Info("tagger iteration", "rev", rev, "iteration", it, "train_acc", trainAcc, "features", len(p.rows), "took", time.Since(start).Round(time.Millisecond))
			continue
		}
		w := p.freeze(minW)
		cand := &Tagger{upos: t.upos, xpos: t.xpos, dict: t.dict, amb: t.amb, ambX: t.ambX, w: w}
		if rev {
			cand.w, cand.wr = t.w, w
		}
		acc := cand.accuracy(dev)
		log.Info("tagger iteration", "rev", rev, "iteration", it, "train_acc", trainAcc, "dev_acc", acc, "features", len(p.rows), "took", time.Since(start).Round(time.Millisecond))
		if acc > bestAcc {
			bestAcc, bad, bestTable = acc, 0, w
		} else if bad++; bad >= 3 {
			break
		}
	}
	if bestTable == nil {
		bestTable = p.freeze(minW)
	}
	return bestTable
}

// accuracy returns the share of words of sents whose UPOS|XPOS pair the
// tagger gets right.
func (t *Tagger) accuracy(sents []TreebankSentence) float64 {
	right, total := 0, 0
	var words, up, xp []string
	for i := range sents {
		words, up, xp = words[:0], up[:0], xp[:0]
		for _, w := range sents[i].Words {
			words = append(words, w.Form)
			up, xp = append(up, ""), append(xp, "")
		}
		t.Tag(words, up, xp)
		for j, w := range sents[i].Words {
			if up[j] == w.UPOS && xp[j] == w.XPOS {
				right++
			}
			total++
		}
	}
	return float64(right) / float64(max(total, 1))
}

// newTaggerFromData builds the class set, tag dictionary and ambiguity
// classes of train, and returns the gold class of every word and its
// leave-one-out ambiguity classes (normalised, exact): those of its form
// counted without this occurrence. Training on them, rather than on classes
// that contain the word's own gold tag, teaches the model how rare and
// unseen words look at tagging time.
func newTaggerFromData(train []TreebankSentence) (*Tagger, [][]int32, [][][2]uint64, error) {
	t := &Tagger{dict: map[string]int32{}, amb: map[string]uint64{}, ambX: map[string]uint64{}}
	classOf := map[[2]string]int32{}
	gold := make([][]int32, len(train))
	formCounts := map[string]map[int32]int{}
	normCounts := map[string]map[int32]int{}
	ntok := 0
	for si := range train {
		g := make([]int32, len(train[si].Words))
		for i, w := range train[si].Words {
			if w.UPOS == "" || w.UPOS == "_" {
				return nil, nil, nil, fmt.Errorf("tagger: sentence %q word %d (%q) has no UPOS", train[si].ID, i+1, w.Form)
			}
			key := [2]string{w.UPOS, w.XPOS}
			c, ok := classOf[key]
			if !ok {
				c = int32(len(t.upos))
				if c >= 1<<15 {
					return nil, nil, nil, errors.New("tagger: too many distinct UPOS|XPOS pairs")
				}
				classOf[key] = c
				t.upos = append(t.upos, w.UPOS)
				t.xpos = append(t.xpos, w.XPOS)
			}
			g[i] = c
			countClass(formCounts, w.Form, c)
			countClass(normCounts, string(appendNorm(nil, w.Form)), c)
			ntok++
		}
		gold[si] = g
	}
	if ntok == 0 {
		return nil, nil, nil, errors.New("tagger: no training words")
	}
	for form, cs := range formCounts {
		n, bc, bn := 0, int32(0), 0
		for c, k := range cs {
			n += k
			if k > bn || (k == bn && c < bc) {
				bc, bn = c, k
			}
		}
		if n >= dictMinCount && float64(bn)/float64(n) >= dictMinShare {
			t.dict[form] = bc
		}
	}
	for form, cs := range formCounts {
		if h, ok := ambClass(cs, -1); ok {
			t.ambX[form] = h
		}
	}
	for form, cs := range normCounts {
		if len(form) > maxAmbKey {
			continue
		}
		if h, ok := ambClass(cs, -1); ok {
			t.amb[form] = h
		}
	}
	loo := make([][][2]uint64, len(train))
	var buf []byte
	for si := range train {
		l := make([][2]uint64, len(train[si].Words))
		for i, w := range train[si].Words {
			c := gold[si][i]
			buf = appendNorm(buf[:0], w.Form)
			if len(buf) <= maxAmbKey {
				l[i][0], _ = ambClass(normCounts[string(buf)], c)
			}
			l[i][1], _ = ambClass(formCounts[w.Form], c)
		}
		loo[si] = l
	}
	return t, gold, loo, nil
}

// ambClass returns the hash of the set of classes that cs counts, if there
// are enough counts for it to be a useful feature. When without is a class,
// one occurrence of it is left out of the counts.
func ambClass(cs map[int32]int, without int32) (uint64, bool) {
	n := 0
	for _, k := range cs {
		n += k
	}
	if without >= 0 && cs[without] > 0 {
		n--
	}
	if n < ambMinCount {
		return 0, false
	}
	var set []int32
	for c, k := range cs {
		if c == without {
			k--
		}
		if k > 0 && float64(k)/float64(n) >= ambMinShare {
			set = append(set, c)
		}
	}
	sort.Slice(set, func(a, b int) bool { return set[a] < set[b] })
	h := featSeed(4)
	for _, c := range set {
		h = mixInt(h, int(c))
	}
	return featKey(h), true
}

func countClass(m map[string]map[int32]int, form string, c int32) {
	cs := m[form]
	if cs == nil {
		cs = map[int32]int{}
		m[form] = cs
	}
	cs[c]++
}

// JackknifeTags returns a copy of train whose UPOS and XPOS columns (and
// AltUPOS) are predicted by taggers trained on the other folds: sentence i is in fold
// i%folds. A parser trained on such tags learns to cope with tagging
// errors. folds must be at least 2.
func JackknifeTags(train []TreebankSentence, folds int, opt TaggerOptions) ([]TreebankSentence, error) {
	if folds < 2 {
		return nil, fmt.Errorf("jackknife: need at least 2 folds, got %d", folds)
	}
	if len(train) < folds {
		return nil, fmt.Errorf("jackknife: %d sentences cannot make %d folds", len(train), folds)
	}
	out := make([]TreebankSentence, len(train))
	for i := range train {
		out[i] = train[i]
		out[i].Words = append([]TreebankWord(nil), train[i].Words...)
		out[i].MultiWord = append([]TreebankToken(nil), train[i].MultiWord...)
	}
	for k := 0; k < folds; k++ {
		var rest []TreebankSentence
		for i := range train {
			if i%folds != k {
				rest = append(rest, train[i])
			}
		}
		t, err := TrainTagger(rest, nil, opt)
		if err != nil {
			return nil, fmt.Errorf("jackknife fold %d: %w", k, err)
		}
		var words, up, xp, alt []string
		for i := k; i < len(out); i += folds {
			ws := out[i].Words
			words, up, xp, alt = words[:0], up[:0], xp[:0], alt[:0]
			for _, w := range ws {
				words = append(words, w.Form)
				up, xp, alt = append(up, ""), append(xp, ""), append(alt, "")
			}
			t.TagAlternatives(words, up, xp, alt)
			for j := range ws {
				ws[j].UPOS, ws[j].XPOS, ws[j].AltUPOS = up[j], xp[j], alt[j]
			}
		}
	}
	return out, nil
}

// Model file layout: magic, then a body of uvarint-prefixed sections, then
// the CRC-32 (IEEE) of everything before it. Version 2 adds the
// right-to-left weight table (empty when there is none) after the
// left-to-right one; version 1 models are still read.
const (
	taggerMagic   = "dyad-tagger-2\n"
	taggerMagicV1 = "dyad-tagger-1\n"
)

// WriteTo writes the model in dyad's binary tagger format.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	if t == nil || t.w == nil {
		return 0, errors.New("tagger: no model to write")
	}
	var body bytes.Buffer
	body.WriteString(taggerMagic)
	putUvarint(&body, uint64(len(t.upos)))
	for i := range t.upos {
		putString(&body, t.upos[i])
		putString(&body, t.xpos[i])
	}
	forms := sortedKeys(t.dict)
	putUvarint(&body, uint64(len(forms)))
	for _, f := range forms {
		putString(&body, f)
		putUvarint(&body, uint64(t.dict[f]))
	}
	for _, m := range []map[string]uint64{t.amb, t.ambX} {
		forms = sortedKeys(m)
		putUvarint(&body, uint64(len(forms)))
		for _, f := range forms {
			putString(&body, f)
			binary.Write(&body, binary.LittleEndian, m[f])
		}
	}
	var tab bytes.Buffer
	if err := t.w.writeTo(&tab); err != nil {
		return 0, err
	}
	putUvarint(&body, uint64(tab.Len()))
	body.Write(tab.Bytes())
	tab.Reset()
	if t.wr != nil {
		if err := t.wr.writeTo(&tab); err != nil {
			return 0, err
		}
	}
	putUvarint(&body, uint64(tab.Len()))
	body.Write(tab.Bytes())
	binary.Write(&body, binary.LittleEndian, crc32.ChecksumIEEE(body.Bytes()))
	n, err := w.Write(body.Bytes())
	return int64(n), err
}

// ReadTagger reads a model written by Tagger.WriteTo. A truncated or
// corrupt model gives an error.
func ReadTagger(r io.Reader) (*Tagger, error) {
	all, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	v1 := bytes.HasPrefix(all, []byte(taggerMagicV1))
	magic := taggerMagic
	if v1 {
		magic = taggerMagicV1
	}
	data, err := readChecked(bytes.NewReader(all), magic)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	d := &decoder{b: data}
	t := &Tagger{dict: map[string]int32{}, amb: map[string]uint64{}, ambX: map[string]uint64{}}
	nclass := d.count(2)
	for i := 0; i < nclass && d.err == nil; i++ {
		t.upos = append(t.upos, d.str())
		t.xpos = append(t.xpos, d.str())
	}
	if nclass == 0 && d.err == nil {
		d.err = errors.New("no classes")
	}
	ndict := d.count(2)
	for i := 0; i < ndict && d.err == nil; i++ {
		f, c := d.str(), d.uvarint()
		if c >= uint64(nclass) && d.err == nil {
			d.err = fmt.Errorf("dictionary class %d out of range", c)
		}
		t.dict[f] = int32(c)
	}
	for _, m := range []map[string]uint64{t.amb, t.ambX} {
		n := d.count(9)
		for i := 0; i < n && d.err == nil; i++ {
			f := d.str()
			m[f] = d.u64()
		}
	}
	tab := d.bytes()
	var tabR []byte
	if !v1 {
		tabR = d.bytes()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return nil, fmt.Errorf("tagger model: %w", d.err)
	}
	wt, err := readTableChecked(tab)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	if wt.nclass != nclass {
		return nil, fmt.Errorf("tagger model: weight table has %d classes, tag set %d", wt.nclass, nclass)
	}
	t.w, t.v1 = wt, v1
	if len(tabR) > 0 {
		wr, err := readTableChecked(tabR)
		if err != nil {
			return nil, fmt.Errorf("tagger model: right-to-left table: %w", err)
		}
		if wr.nclass != nclass {
			return nil, fmt.Errorf("tagger model: right-to-left table has %d classes, tag set %d", wr.nclass, nclass)
		}
		t.wr = wr
	}
	return t, nil
}

// readTableChecked reads a weight table from b, first checking that its
// header fits the number of bytes, so a corrupt header cannot make it
// allocate a huge table.
func readTableChecked(b []byte) (*weightTable, error) {
	if len(b) < 24 {
		return nil, errors.New("weight table truncated")
	}
	nclass := binary.LittleEndian.Uint64(b[0:])
	nfeat := binary.LittleEndian.Uint64(b[8:])
	if nclass == 0 || nclass > 1<<15 || nfeat > uint64(len(b)-24)/9 {
		return nil, fmt.Errorf("weight table header does not fit its %d bytes", len(b))
	}
	wt, rest, err := decodeWeightTable(b)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, errors.New("weight table: trailing bytes")
	}
	return wt, nil
}

// readChecked reads all of r, checks the magic prefix and the CRC-32
// trailer, and returns the body between them.
func readChecked(r io.Reader, magic string) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, errors.New("not a dyad model of this kind (bad magic)")
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("checksum mismatch (truncated or corrupt)")
	}
	return body[len(magic):], nil
}

func putUvarint(b *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

func putString(b *bytes.Buffer, s string) {
	putUvarint(b, uint64(len(s)))
	b.WriteString(s)
}

// decoder reads the sections of a model body; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errors.New("truncated or bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads an item count and checks that the rest of the body could
// hold that many items of at least minSize bytes.
func (d *decoder) count(minSize int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)/minSize) {
		d.err = fmt.Errorf("count %d does not fit the model", v)
		return 0
	}
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errors.New("truncated section")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) str() string { return string(d.bytes()) }

func (d *decoder) u64() uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.err = errors.New("truncated")
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}
