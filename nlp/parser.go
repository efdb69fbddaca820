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
	"sync"
	"time"
)

// Parser is a greedy arc-eager dependency parser that assigns every word a
// head and a Universal Dependencies relation. Transitions are scored by an
// averaged perceptron over four classes (shift, left-arc, right-arc, reduce);
// the relation of an arc is chosen by a second perceptron that is only
// consulted when an arc is made. A Parser is safe for concurrent use once
// trained or loaded.
type Parser struct {
	labels []string
	root   int          // index of "root" in labels
	alt    bool         // the model reads the tagger's runner-up tags
	trans  *weightTable // the models as written by WriteTo
	lab    *weightTable
	// fast holds both models laid out for fast lookup.
	fast *fastTable
	// beam is how many partial parses decoding keeps (1: greedy).
	beam     int
	pool     sync.Pool // *parseState, greedy decoding
	beamPool sync.Pool // *beamScratch
}

// ParserOptions controls TrainParser.
type ParserOptions struct {
	// Iterations is the number of passes over the training data; 0 means
	// DefaultParserIterations. With dev sentences, the model of the pass
	// with the best dev LAS is kept.
	Iterations int
	// MinWeight drops averaged weights whose magnitude is below it when
	// the model is frozen, which keeps the model small; 0 means
	// DefaultParserMinWeight, a negative value keeps every weight.
	MinWeight float32
	// TransitionMinWeight, when positive, replaces MinWeight for the
	// transition model only (the label model keeps MinWeight); a
	// negative value keeps every transition weight. It trades accuracy
	// for size and speed: on EWT dev (predicted tags), pruning the
	// transition weights of one model below 2.0 instead of 1.5 removed
	// about 40% of its transition features and parsed about 6% faster for
	// under 0.1 point of UAS and LAS, but cost 0.7 UAS on a model with
	// other features, so measure it on dev before using it. Pruning the
	// label model as hard cost 0.2 LAS, hence the separate setting.
	TransitionMinWeight float32
	// Seed seeds the shuffling and the exploration of the dynamic oracle.
	Seed int64
	// TagAlternatives trains a parser that also reads the tagger's
	// runner-up universal tag of each word where the tagger was unsure
	// (TreebankWord.AltUPOS in training, ParseAlternatives when parsing),
	// so that a tagging error need not decide the parse. Retraining the
	// embedded model's parser with it (10-fold jackknifed tags, 20
	// passes) raised EWT dev UAS from 85.07 to 85.20 and LAS from 82.02 to
	// 82.30, and PUD UAS from 82.04 to 82.40, for four more features a
	// configuration and about 6% of the pipeline's speed (README). Without
	// it the parser reads only UPOS and XPOS, as the embedded model does.
	TagAlternatives bool
	// Beam, when above 1, trains a parser that decodes with a beam of that
	// many partial parses, trained globally: after GreedyIterations passes
	// of the greedy training with the dynamic oracle, every pass searches
	// each sentence with the beam and, where the beam's best parse
	// outscores the best sequence that still reaches the gold tree, moves
	// the weights at the step of the largest violation (max-violation
	// updates). 0 or 1 trains the greedy parser.
	Beam int
	// GreedyIterations is how many of the Iterations passes of a beam
	// parser are greedy training first (0: every pass is a beam pass).
	GreedyIterations int
	// Log receives progress; nil means no logging.
	Log *slog.Logger
}

// Defaults of ParserOptions, chosen on EWT dev: more passes stop helping
// after about twelve, and pruning weights below 1.5 makes the model less
// than half its size (about 8 MB gzip-compressed when trained on
// jackknifed tags) at a cost of under 0.1 point of accuracy.
const (
	DefaultParserIterations = 12
	DefaultParserMinWeight  = 1.5
)

// maxParserLabels is the most dependency relations a parser supports
// (label classes, two per relation, must fit a byte).
const maxParserLabels = 127

// parserTrainSent is a training sentence prepared for the oracle.
type parserTrainSent struct {
	words, upos, xpos []string
	alt               []string // runner-up UPOS, "" where none
	gold              []int    // projectivised heads; n for the root
	glab              []int    // label indices
}

// parserProjectivise returns heads (root = n) lifted until the tree is
// projective: the shortest non-projective arc has its dependent reattached
// to its head's head, repeatedly. The second result counts lifted arcs.
func parserProjectivise(heads []int) ([]int, int) {
	n := len(heads)
	h := append([]int(nil), heads...)
	dominated := func(anc, k int) bool {
		for steps := 0; k >= 0 && k < n && steps <= n; steps++ {
			if k == anc {
				return true
			}
			k = h[k]
		}
		return k == anc
	}
	lifted := 0
	for iter := 0; iter < n*n+1; iter++ {
		best, bestLen := -1, 1<<30
		for d := 0; d < n; d++ {
			hd := h[d]
			if hd < 0 || hd > n {
				continue
			}
			lo, hi := min(d, hd), max(d, hd)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominated(hd, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 || h[best] == n {
			break
		}
		h[best] = h[h[best]]
		lifted++
	}
	return h, lifted
}

// goldCost returns the number of gold arcs that transition t makes
// unreachable (Goldberg & Nivre's dynamic oracle for arc-eager, exact for
// projective gold trees).
func (s *parseState) goldCost(t int, gold []int, inStack []bool) int {
	n := s.n
	c := 0
	switch t {
	case trShift:
		b := s.b
		for _, k := range s.stack {
			if gold[b] == k {
				c++
			}
			if gold[k] == b && s.head[k] < 0 {
				c++
			}
		}
	case trReduce:
		st := s.top()
		for k := s.b; k < n; k++ {
			if gold[k] == st {
				c++
			}
		}
	case trLeft:
		st := s.top()
		if gold[st] > s.b {
			c++
		}
		for k := s.b; k < n; k++ {
			if gold[k] == st {
				c++
			}
		}
	case trRight:
		b, st := s.b, s.top()
		if g := gold[b]; g != st && (g > b || (g >= 0 && g < n && inStack[g])) {
			c++
		}
		for _, k := range s.stack {
			if gold[k] == b && s.head[k] < 0 {
				c++
			}
		}
	}
	return c
}

// TrainParser trains a parser on train, using the UPOS and XPOS columns of
// the sentences as input tags (pass jackknifed, predicted tags for the best
// results on predicted input). When dev is not empty it is parsed after
// every iteration and the model with the best labelled attachment score is
// kept.
func TrainParser(train, dev []TreebankSentence, opt ParserOptions) (*Parser, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = DefaultParserIterations
	}
	switch {
	case opt.MinWeight == 0:
		opt.MinWeight = DefaultParserMinWeight
	case opt.MinWeight < 0:
		opt.MinWeight = 0
	}
	transMin := opt.MinWeight
	switch {
	case opt.TransitionMinWeight > 0:
		transMin = opt.TransitionMinWeight
	case opt.TransitionMinWeight < 0:
		transMin = 0
	}
	if opt.Beam > maxParserBeam {
		return nil, fmt.Errorf("parser: beam of %d, at most %d supported", opt.Beam, maxParserBeam)
	}
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	labelSet := map[string]bool{"root": true}
	for _, s := range train {
		for _, w := range s.Words {
			if w.DepRel != "" && w.DepRel != "_" {
				labelSet[w.DepRel] = true
			}
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	if len(labels) > maxParserLabels {
		return nil, fmt.Errorf("parser: %d dependency relations, at most %d supported", len(labels), maxParserLabels)
	}
	labIndex := make(map[string]int, len(labels))
	for i, l := range labels {
		labIndex[l] = i
	}
	p := &Parser{labels: labels, root: labIndex["root"], alt: opt.TagAlternatives}
	nl := len(labels)

	var sents []parserTrainSent
	lifted, nonProj, skipped := 0, 0, 0
	for _, s := range train {
		n := len(s.Words)
		if n == 0 {
			continue
		}
		heads := make([]int, n)
		ok := true
		roots := 0
		for i, w := range s.Words {
			heads[i] = w.Head
			if w.Head < 0 {
				heads[i] = n
				roots++
			}
			if w.Head >= n || w.Head == i {
				ok = false
			}
		}
		if !ok || roots != 1 || !parserIsTree(heads) {
			skipped++
			continue
		}
		ph, k := parserProjectivise(heads)
		if k > 0 {
			nonProj++
			lifted += k
		}
		ts := parserTrainSent{words: s.Forms(), gold: ph, glab: make([]int, n)}
		ts.upos = make([]string, n)
		ts.xpos = make([]string, n)
		ts.alt = make([]string, n)
		for i, w := range s.Words {
			ts.upos[i], ts.xpos[i], ts.alt[i] = w.UPOS, w.XPOS, w.AltUPOS
			l, ok := labIndex[w.DepRel]
			if !ok {
				l = labIndex["root"]
			}
			ts.glab[i] = l
		}
		sents = append(sents, ts)
	}
	if len(sents) == 0 {
		return nil, errors.New("parser: no usable training sentences")
	}
	log.Info("parser training data", "sentences", len(sents), "labels", nl,
		"nonprojective", nonProj, "lifted_arcs", lifted, "skipped", skipped)

	trans := newDenseTrainer()
	labm := newSparseTrainer(2 * nl)
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x9e3779b97f4a7c15))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var bt *beamTrainer
	if opt.Beam > 1 {
		p.beam = opt.Beam
		bt = &beamTrainer{p: p, trans: trans, labm: labm, k: opt.Beam}
	}
	st := &parseState{}
	var inStack []bool
	lscores := make([]float32, 2*nl)
	bestLAS := -1.0
	var bestTrans, bestLab *weightTable
	for it := 1; it <= opt.Iterations; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		steps, errs, arcs, labErrs := 0, 0, 0, 0
		beamPass := bt != nil && it > opt.GreedyIterations
		if beamPass {
			bt.updates, bt.sentences, bt.arcs, bt.labErrs, bt.goldLost = 0, 0, 0, 0, 0
			for _, si := range order {
				bt.sentence(&sents[si])
			}
			arcs, labErrs = bt.arcs, bt.labErrs
		}
		for _, si := range order {
			if beamPass {
				break
			}
			ts := &sents[si]
			n := len(ts.words)
			st.reset(n)
			st.setWords(ts.words, ts.upos, ts.xpos, ts.alt, p.alt)
			if cap(inStack) < n+1 {
				inStack = make([]bool, n+1)
			}
			inStack = inStack[:n+1]
			clear(inStack)
			for !st.terminal() {
				feats := st.extract()
				var sc [numTransitions]float32
				trans.score(feats, sc[:])
				pred, gold := -1, -1
				var cost [numTransitions]int
				for t := 0; t < numTransitions; t++ {
					if !st.legal(t) {
						continue
					}
					cost[t] = st.goldCost(t, ts.gold, inStack)
					if pred < 0 || sc[t] > sc[pred] {
						pred = t
					}
					if cost[t] == 0 && (gold < 0 || sc[t] > sc[gold]) {
						gold = t
					}
				}
				if pred < 0 {
					break
				}
				trans.tick()
				steps++
				next := pred
				if gold >= 0 && cost[pred] > 0 {
					errs++
					trans.update(feats, gold, 1)
					trans.update(feats, pred, -1)
					if it == 1 || rng.Float64() >= 0.9 {
						next = gold
					}
				}
				l := -1
				if next == trLeft || next == trRight {
					h, d := st.b, st.top()
					dir := 0
					if next == trRight {
						h, d = d, h
						dir = 1
					}
					if h == n {
						l = p.root
					} else {
						lf := feats
						clear(lscores)
						labm.score(lf, lscores)
						l = p.bestLabel(lscores, dir)
						if ts.gold[d] == h {
							labm.tick()
							arcs++
							if g := ts.glab[d]; g != l {
								labErrs++
								labm.update(lf, dir*nl+g, 1)
								labm.update(lf, dir*nl+l, -1)
							}
						}
					}
				}
				switch next {
				case trShift:
					inStack[st.b] = true
				case trRight:
					inStack[st.b] = true
				case trLeft, trReduce:
					inStack[st.top()] = false
				}
				st.apply(next, l)
			}
		}
		p.setTables(trans.freeze(transMin), labm.freeze(opt.MinWeight))
		attrs := []any{"iteration", it, "seconds", time.Since(start).Seconds()}
		if beamPass {
			attrs = append(attrs, "beam", opt.Beam, "updated_sentences", float64(bt.updates)/float64(max(bt.sentences, 1)),
				"gold_lost", float64(bt.goldLost)/float64(max(bt.sentences, 1)))
		} else {
			attrs = append(attrs, "transition_error", float64(errs)/float64(max(steps, 1)))
		}
		attrs = append(attrs, "label_error", float64(labErrs)/float64(max(arcs, 1)),
			"features", trans.features(), "label_features", labm.features())
		if len(dev) > 0 {
			sc := p.Evaluate(dev)
			attrs = append(attrs, "dev_uas", sc.UAS, "dev_las", sc.LAS)
			if sc.LAS > bestLAS {
				bestLAS, bestTrans, bestLab = sc.LAS, p.trans, p.lab
			}
		}
		log.Info("parser iteration", attrs...)
	}
	if bestTrans != nil {
		p.setTables(bestTrans, bestLab)
	}
	return p, nil
}

// parserIsTree reports whether heads (root = len(heads)) form a tree: every
// word reaches the root without a cycle.
func parserIsTree(heads []int) bool {
	n := len(heads)
	for i := range heads {
		k := i
		for steps := 0; k != n; steps++ {
			if k < 0 || k > n || steps > n {
				return false
			}
			k = heads[k]
		}
	}
	return true
}

// bestLabel returns the highest scoring label of direction dir (0: the
// dependent is left of its head), never the root label.
func (p *Parser) bestLabel(scores []float32, dir int) int {
	nl := len(p.labels)
	best := -1
	for l := 0; l < nl; l++ {
		if l == p.root {
			continue
		}
		if best < 0 || scores[dir*nl+l] > scores[dir*nl+best] {
			best = l
		}
	}
	if best < 0 {
		best = p.root
	}
	return best
}

// bestLabelSum is bestLabel for the integer sums of scoreLabels. It picks
// the same label as bestLabel of the sums as float32, which are exact (a
// sum of at most parserMaxFeatures int16 weights is far below 2^24).
func (p *Parser) bestLabelSum(acc *labelAcc, dir int) int {
	nl := len(p.labels)
	row, row2 := acc[0][dir*nl:dir*nl+nl], acc[1][dir*nl:dir*nl+nl]
	best, bestV := -1, int32(0)
	for l, v := range row {
		if l == p.root {
			continue
		}
		if v += row2[l]; best < 0 || v > bestV {
			best, bestV = l, v
		}
	}
	if best < 0 {
		best = p.root
	}
	return best
}

func (p *Parser) getBeam() *beamScratch {
	if b, ok := p.beamPool.Get().(*beamScratch); ok {
		return b
	}
	return &beamScratch{}
}

func (p *Parser) getState() *parseState {
	if s, ok := p.pool.Get().(*parseState); ok {
		return s
	}
	return &parseState{}
}

// Parse parses one sentence: words are the forms, upos and xpos their
// tags. It writes each word's head (0-based, -1 for the root) to heads and
// its relation to rels, which should be as long as words (extra words are
// parsed but not written). The result is always a tree with exactly one
// root, whatever the input.
func (p *Parser) Parse(words, upos, xpos []string, heads []int, rels []string) {
	p.ParseAlternatives(words, upos, xpos, nil, heads, rels)
}

// ParseAlternatives is Parse for tags from Tagger.TagAlternatives: alt
// holds each word's runner-up universal tag, "" where the tagger was sure
// (alt may be nil). A model trained without TagAlternatives ignores it.
func (p *Parser) ParseAlternatives(words, upos, xpos, alt []string, heads []int, rels []string) {
	n := len(words)
	if n == 0 || p == nil || p.fast == nil {
		for i := range heads {
			if i < n {
				heads[i] = -1
			}
		}
		return
	}
	if p.beam > 1 {
		b := p.getBeam()
		defer p.beamPool.Put(b)
		b.words.reset(n)
		b.words.setWords(words, upos, xpos, alt, p.alt)
		p.finish(p.parseBeam(b, p.beam), heads, rels)
		return
	}
	s := p.getState()
	defer p.pool.Put(s)
	s.reset(n)
	s.setWords(words, upos, xpos, alt, p.alt)
	s.self[0] = s
	// One configuration a step asks for few features twice: greedy
	// decoding looks every feature up, through the memo, and leaves the
	// sums by group (sentenceScores) to the beam.
	if s.memo == nil {
		s.memo = new(lookupMemo)
	}
	nl := len(p.labels)
	for !s.terminal() {
		feats := s.extract()
		sc := &s.sc[0]
		*sc = [numTransitions]int32{}
		s.end[0] = int32(len(feats))
		p.fast.scoreMany(s.memo, feats, s.end[:], s.sc[:], s.self[:])
		best := -1
		for t := 0; t < numTransitions; t++ {
			if s.legal(t) && (best < 0 || sc[t] > sc[best]) {
				best = t
			}
		}
		if best < 0 {
			break // cannot happen; the repair in finish still makes a tree
		}
		l := -1
		if best == trLeft || best == trRight {
			h, d, dir := s.b, s.top(), 0
			if best == trRight {
				h, d, dir = d, h, 1
			}
			s.acc.clearLabels(2 * nl)
			p.fast.scoreLabels(s.hits, dir, &s.acc)
			l = p.bestLabelSum(&s.acc, dir)
			if h == n {
				s.alt[d] = l
				l = p.root
			}
		}
		s.apply(best, l)
	}
	p.finish(s, heads, rels)
}

// finish writes the parse in s to heads and rels after making it a tree
// with one root: the leftmost word attached to the root keeps it, and the
// others are attached to that word. Words left without a head (never, in
// a complete parse) are attached the same way.
func (p *Parser) finish(s *parseState, heads []int, rels []string) {
	n, nl := s.n, len(p.labels)
	root := -1
	for _, r := range s.roots {
		if root < 0 || r < root {
			root = r
		}
	}
	if root < 0 {
		for i := 0; i < n; i++ {
			if s.head[i] < 0 || s.head[i] == n {
				root = i
				break
			}
		}
	}
	if root < 0 {
		root = 0
	}
	for i := 0; i < n; i++ {
		switch {
		case i == root:
			s.head[i], s.label[i] = n, p.root
		case s.head[i] < 0 || s.head[i] == n:
			s.head[i] = root
			if s.alt[i] >= 0 {
				s.label[i] = s.alt[i]
			} else {
				s.label[i] = p.depLabel()
			}
		}
	}
	for i := 0; i < n && i < len(heads); i++ {
		h := s.head[i]
		if h == n {
			h = -1
		}
		heads[i] = h
	}
	for i := 0; i < n && i < len(rels); i++ {
		l := s.label[i]
		if l < 0 || l >= nl {
			l = p.depLabel()
		}
		rels[i] = p.labels[l]
	}
}

// depLabel is the label used for words the parser could not label.
func (p *Parser) depLabel() int {
	for i, l := range p.labels {
		if l == "dep" {
			return i
		}
	}
	return p.root
}

// Evaluate parses the sentences with their own UPOS, XPOS and AltUPOS
// columns as input tags and scores the result against their gold trees.
func (p *Parser) Evaluate(gold []TreebankSentence) DepScores {
	heads := make([][]int, len(gold))
	rels := make([][]string, len(gold))
	for i := range gold {
		s := &gold[i]
		n := len(s.Words)
		words, upos, xpos, alt := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		for j, w := range s.Words {
			words[j], upos[j], xpos[j], alt[j] = w.Form, w.UPOS, w.XPOS, w.AltUPOS
		}
		heads[i], rels[i] = make([]int, n), make([]string, n)
		p.ParseAlternatives(words, upos, xpos, alt, heads[i], rels[i])
	}
	return ScoreDeps(gold, heads, rels)
}

// Labels returns the dependency relations the parser can assign.
func (p *Parser) Labels() []string { return append([]string(nil), p.labels...) }

// Features returns the number of features kept in the transition and the
// label model.
func (p *Parser) Features() (transition, label int) {
	if p == nil || p.trans == nil || p.lab == nil {
		return 0, 0
	}
	return p.trans.features(), p.lab.features()
}

// parserMagic opens a model that reads only UPOS and XPOS;
// parserMagicAlt one that also reads the tagger's runner-up tags;
// parserMagicBeam one that decodes with a beam, followed by a uvarint of
// flags (parserFlagAlt) and one of the beam's width.
const (
	parserMagic     = "DYADPARSER1\n"
	parserMagicAlt  = "DYADPARSER2\n"
	parserMagicBeam = "DYADPARSER3\n"
	parserFlagAlt   = 1
	maxParserBeam   = 64
)

// WriteTo writes the parser model to w in a binary format read by
// ReadParser, with a CRC-32 checksum at the end.
func (p *Parser) WriteTo(w io.Writer) (int64, error) {
	if p == nil || p.trans == nil || p.lab == nil {
		return 0, errors.New("parser: no model to write")
	}
	var buf bytes.Buffer
	var tmp [binary.MaxVarintLen64]byte
	switch {
	case p.beam > 1:
		buf.WriteString(parserMagicBeam)
		flags := uint64(0)
		if p.alt {
			flags |= parserFlagAlt
		}
		buf.Write(tmp[:binary.PutUvarint(tmp[:], flags)])
		buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(p.beam))])
	case p.alt:
		buf.WriteString(parserMagicAlt)
	default:
		buf.WriteString(parserMagic)
	}
	buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(p.labels)))])
	for _, l := range p.labels {
		buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(l)))])
		buf.WriteString(l)
	}
	if err := p.trans.writeTo(&buf); err != nil {
		return 0, err
	}
	if err := p.lab.writeTo(&buf); err != nil {
		return 0, err
	}
	sum := crc32.ChecksumIEEE(buf.Bytes())
	binary.Write(&buf, binary.LittleEndian, sum)
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// ReadParser reads a parser model written by WriteTo. Corrupt or truncated
// input gives an error.
func ReadParser(r io.Reader) (*Parser, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<31))
	if err != nil {
		return nil, fmt.Errorf("parser model: %w", err)
	}
	if len(data) < len(parserMagic)+4 {
		return nil, errors.New("parser model: not a dyad parser model")
	}
	alt, beam := false, uint64(1)
	magic := string(data[:len(parserMagic)])
	switch magic {
	case parserMagic, parserMagicBeam:
	case parserMagicAlt:
		alt = true
	default:
		return nil, errors.New("parser model: not a dyad parser model")
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, errors.New("parser model: checksum mismatch (corrupt file)")
	}
	br := bytes.NewReader(body[len(parserMagic):])
	if magic == parserMagicBeam {
		flags, err := binary.ReadUvarint(br)
		if err != nil || flags&^parserFlagAlt != 0 {
			return nil, errors.New("parser model: bad flags")
		}
		alt = flags&parserFlagAlt != 0
		if beam, err = binary.ReadUvarint(br); err != nil || beam < 2 || beam > maxParserBeam {
			return nil, errors.New("parser model: bad beam width")
		}
	}
	nl, err := binary.ReadUvarint(br)
	if err != nil || nl == 0 || nl > maxParserLabels {
		return nil, errors.New("parser model: bad label count")
	}
	p := &Parser{labels: make([]string, nl), root: -1, alt: alt, beam: int(beam)}
	for i := range p.labels {
		k, err := binary.ReadUvarint(br)
		if err != nil || k > 256 || int(k) > br.Len() {
			return nil, errors.New("parser model: bad label")
		}
		b := make([]byte, k)
		io.ReadFull(br, b)
		p.labels[i] = string(b)
		if p.labels[i] == "root" {
			p.root = i
		}
	}
	if p.root < 0 {
		return nil, errors.New("parser model: no root label")
	}
	rest := body[len(body)-br.Len():]
	if p.trans, rest, err = readParserTable(rest, numTransitions); err != nil {
		return nil, fmt.Errorf("parser model: transition table: %w", err)
	}
	if p.lab, rest, err = readParserTable(rest, 2*int(nl)); err != nil {
		return nil, fmt.Errorf("parser model: label table: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("parser model: trailing data")
	}
	p.setTables(p.trans, p.lab)
	return p, nil
}

// readParserTable reads a weight table from the start of b after checking
// that its header is consistent with the bytes there, so a bad header
// cannot cause a huge allocation; it returns the bytes after the table.
func readParserTable(b []byte, nclass int) (*weightTable, []byte, error) {
	if len(b) < 24 {
		return nil, nil, errors.New("truncated header")
	}
	if int(binary.LittleEndian.Uint64(b[:8])) != nclass {
		return nil, nil, fmt.Errorf("want %d classes", nclass)
	}
	nfeat := binary.LittleEndian.Uint64(b[8:16])
	if nfeat > uint64(len(b)-24)/11 {
		return nil, nil, errors.New("feature count larger than the data")
	}
	return decodeWeightTable(b)
}

// fastTable holds the frozen transition and label models in one open
// addressing table: a feature's 16-byte slot has a fingerprint of its key,
// its four transition weights and the place of its label weights, so
// scoring a transition costs one memory access per feature, and labelling
// the arc then reuses the slots found.
type fastTable struct {
	mask  uint64
	slots []fastSlot
	// cells holds, per feature with label weights, a header cell (class =
	// number of left-arc cells, w = number of cells) then the cells,
	// left-arc labels first.
	cells []labelCell
}

type fastSlot struct {
	fp  uint32 // fingerprint of the key (never 0); 0 marks an empty slot
	w   [numTransitions]int16
	off uint32 // header of the label cells in cells; 0 when none
}

// labelCell is a class and its weight. addCells reads the two fields
// straight from memory (a load each, no shifting or masking).
type labelCell struct {
	cls uint16
	wt  int16
}

// newLabelCell packs class c and weight w.
func newLabelCell(c uint16, w int16) labelCell { return labelCell{c, w} }

// class is the cell's class.
func (c labelCell) class() uint16 { return c.cls }

// w is the cell's weight.
func (c labelCell) w() int16 { return c.wt }

// addCells adds the weights of the label cells cells[sp[0]:sp[1]] of
// each span sp = spans[j] to the row rows[at[j]], by class (below 255, as
// in labelAcc). It is out of line so that its loops keep everything in
// registers, and takes the cells four at a time through an array pointer,
// which needs no bounds checks; the loop runs while more than four are
// left, so that the slice after a round is never empty and moving past
// the four costs one add: about four instructions a cell.
//
//go:noinline
func addCells(rows []labelRow, at []int32, cells []labelCell, spans [][2]uint32) {
	at = at[:len(spans)]
	for j, sp := range spans {
		row := &rows[at[j]]
		cs := cells[sp[0]:sp[1]]
		for len(cs) > 4 {
			c := (*[4]labelCell)(cs)
			row[uint8(c[0].cls)] += int32(c[0].wt)
			row[uint8(c[1].cls)] += int32(c[1].wt)
			row[uint8(c[2].cls)] += int32(c[2].wt)
			row[uint8(c[3].cls)] += int32(c[3].wt)
			cs = cs[4:]
		}
		switch len(cs) {
		case 4:
			row[uint8(cs[3].cls)] += int32(cs[3].wt)
			fallthrough
		case 3:
			row[uint8(cs[2].cls)] += int32(cs[2].wt)
			fallthrough
		case 2:
			row[uint8(cs[1].cls)] += int32(cs[1].wt)
			fallthrough
		case 1:
			row[uint8(cs[0].cls)] += int32(cs[0].wt)
		}
	}
}

// fingerprint is the part of key k kept in a slot; the slot index comes
// from the low bits, the fingerprint from the high ones.
func fingerprint(k uint64) uint32 {
	fp := uint32(k >> 32)
	if fp == 0 {
		fp = 1
	}
	return fp
}

// setTables installs frozen models and builds their fast layout.
func (p *Parser) setTables(trans, lab *weightTable) {
	p.trans, p.lab = trans, lab
	ft := &fastTable{}
	size := 1
	for size < (trans.features()+lab.features())*3/2 {
		size <<= 1
	}
	ft.mask, ft.slots = uint64(size-1), hugeSlice[fastSlot](size)
	ft.cells = hugeSlice[labelCell](len(lab.cells) + lab.features() + 1)[:1]
	nlab := lab.nclass / 2
	find := func(k uint64) *fastSlot {
		fp := fingerprint(k)
		j := k & ft.mask
		for ft.slots[j].fp != 0 && ft.slots[j].fp != fp {
			j = (j + 1) & ft.mask
		}
		ft.slots[j].fp = fp
		return &ft.slots[j]
	}
	for i, ts := range trans.slots {
		if ts.key == 0 {
			continue
		}
		sl := find(ts.key)
		for _, c := range trans.row(i) {
			if int(c.cls) < numTransitions {
				sl.w[c.cls] = c.w
			}
		}
	}
	for i, ls := range lab.slots {
		if ls.key == 0 {
			continue
		}
		sl := find(ls.key)
		hdr := len(ft.cells)
		sl.off = uint32(hdr)
		ft.cells = append(ft.cells, labelCell{})
		nl := 0
		for dir := 0; dir < 2; dir++ {
			for _, c := range lab.row(i) {
				if (int(c.cls) >= nlab) == (dir == 1) {
					ft.cells = append(ft.cells, newLabelCell(c.cls, c.w))
					if dir == 0 {
						nl++
					}
				}
			}
		}
		ft.cells[hdr] = newLabelCell(uint16(nl), int16(len(ft.cells)-hdr-1))
	}
	p.fast = ft
}

// lookupBatch is how many features score and scoreLabels look up at a
// time: each phase of a lookup first issues the batch's loads, which do not
// depend on one another, so the processor waits for the cache misses of a
// batch together instead of one after the other.
const lookupBatch = 128

// labelAcc holds the label scores of scoreLabels, indexed by class (fewer
// than 255 classes; class 255 is never one): two partial sums, of the
// features in even and in odd places, whose sum is the score. Adding a
// feature's row to the other half than the row before lets the processor
// overlap the updates of a class that many features weigh, instead of
// waiting for each one to be stored before the next; integer sums come
// out the same in any order.
type labelAcc [2]labelRow

// clearLabels zeroes the first n classes of both halves of a.
func (a *labelAcc) clearLabels(n int) {
	clear(a[0][:n])
	clear(a[1][:n])
}

// scoreLabels adds the label weights of direction dir (0: left arc) of
// the label cells whose headers are in hits to acc.
func (t *fastTable) scoreLabels(hits []int32, dir int, acc *labelAcc) {
	var span [lookupBatch][2]uint32
	var half [lookupBatch]int32 // the half of acc each feature goes to
	for len(hits) > 0 {
		batch := hits[:min(len(hits), lookupBatch)]
		hits = hits[len(batch):]
		// First the header cell of every feature (independent loads),
		// then the cells.
		for j, o := range batch {
			off := uint32(o)
			h := t.cells[off]
			lo, hi := off+1, off+1+uint32(h.class())
			if dir == 1 {
				lo, hi = hi, off+1+uint32(uint16(h.w()))
			}
			span[j] = [2]uint32{lo, hi}
			half[j] = int32(j & 1)
		}
		// The first and last cell of each range may lie in other cache
		// lines than the header: load them all before adding up.
		var touch int16
		for _, sp := range span[:len(batch)] {
			if sp[0] < sp[1] {
				touch |= t.cells[sp[0]].w() | t.cells[sp[1]-1].w()
			}
		}
		acc[0][255] += int32(touch) // never a class; keeps the loads
		addCells(acc[:], half[:len(batch)], t.cells, span[:len(batch)])
	}
}
