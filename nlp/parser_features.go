package nlp

// This file holds the parser's configuration (the arc-eager state) and its
// feature templates, in the style of Zhang & Nivre (2011): words and tags of
// the stack and buffer, pairs and triples of them, distance, valency, the
// label sets of children and second- and third-order context (heads of
// heads, second leftmost and rightmost children).

// Transitions of the arc-eager system.
const (
	trShift = iota
	trLeft
	trRight
	trReduce
	numTransitions
)

// pNoTok stands for a position that does not exist (empty stack, no child).
const pNoTok = -1

// Hashes for missing positions and the artificial root token.
var (
	pHashNone     = featKey(mixString(fnvOffset, "\x00<none>"))
	pHashRootWord = featKey(mixString(fnvOffset, "\x00<root>"))
	pHashRootTag  = featKey(mixString(fnvOffset, "\x00ROOT"))
	pHashAltNone  = featKey(mixString(fnvOffset, "\x00<sure>"))
)

// parserMaxFeatures bounds the number of features one configuration produces.
const parserMaxFeatures = 128

// parseState is the arc-eager configuration for one sentence of n words.
// The artificial root is token n, at the end of the buffer (Ballesteros &
// Nivre 2013), so every word is guaranteed a head when the parse ends.
type parseState struct {
	n     int
	stack []int
	b     int // front of the buffer; the buffer is b..n

	head  []int // assigned head, -1 when none; n for the root
	label []int // assigned label index, -1 when none
	lc1   []int // leftmost child
	lc2   []int // second leftmost child
	rc1   []int // rightmost child
	rc2   []int // second rightmost child
	nl    []int // number of left children
	nr    []int // number of right children
	lset  []uint64
	rset  []uint64

	// Per-token hashes; index n is the root.
	w []uint64 // normalised word form
	p []uint64 // XPOS
	u []uint64 // UPOS
	x []uint64 // last three bytes of the word, lower-cased
	h []uint64 // shape of the word: capitalisation, digits
	a []uint64 // the tagger's runner-up UPOS (altNone where none)

	// altOn adds the features of the runner-up tags (a model trained
	// with TagAlternatives).
	altOn bool

	feats []uint64
	hits  []int32  // label-cell headers of the features of feats the fast table has
	acc   labelAcc // label scores being added up
	roots []int    // words attached to the artificial root
	// For scoring this configuration alone with fastTable.scoreMany: the
	// transition scores, the end of its features, itself.
	sc   [1][numTransitions]int32
	end  [1]int32
	self [1]*parseState
	alt  []int // per word: best non-root label, for the single-root repair
	// memo is greedy decoding's lookup memo (nil in a beam's items: the
	// beam has its own).
	memo *lookupMemo
}

// reset sizes the state for a sentence of n words and clears it.
func (s *parseState) reset(n int) {
	m := n + 1
	// Each array is sized on its own: a configuration copied in a beam
	// shares the token arrays of another (copyConfig), so their
	// capacities need not agree with its own arc arrays'.
	s.head, s.label = resetSlice(s.head, m), resetSlice(s.label, m)
	s.lc1, s.lc2, s.rc1, s.rc2 = resetSlice(s.lc1, m), resetSlice(s.lc2, m), resetSlice(s.rc1, m), resetSlice(s.rc2, m)
	s.nl, s.nr = resetSlice(s.nl, m), resetSlice(s.nr, m)
	s.lset, s.rset = resetSlice(s.lset, m), resetSlice(s.rset, m)
	s.w, s.p, s.u, s.x, s.h = resetSlice(s.w, m), resetSlice(s.p, m), resetSlice(s.u, m), resetSlice(s.x, m), resetSlice(s.h, m)
	s.alt, s.a = resetSlice(s.alt, m), resetSlice(s.a, m)
	for i := 0; i < m; i++ {
		s.head[i], s.label[i] = -1, -1
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = pNoTok, pNoTok, pNoTok, pNoTok
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
		s.alt[i] = -1
	}
	s.n = n
	s.b = 0
	s.stack = s.stack[:0]
	s.roots = s.roots[:0]
	if cap(s.feats) < parserMaxFeatures {
		s.feats = make([]uint64, 0, parserMaxFeatures)
	}
	s.w[n], s.p[n], s.u[n], s.x[n], s.h[n] = pHashRootWord, pHashRootTag, pHashRootTag, pHashRootWord, 99
	s.a[n] = pHashRootTag
}

// parserWordHash hashes a word form, lower-cased and with digits folded to 9,
// without allocating.
func parserWordHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '9'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return featKey(h)
}

// parserTagHash hashes a part-of-speech tag.
func parserTagHash(s string) uint64 {
	return featKey(mixString(fnvOffset^0x5a, s))
}

// setWords fills the per-token hashes from the input columns; missing
// columns count as empty strings. altOn says whether the model reads alt,
// the runner-up tags.
func (s *parseState) setWords(words, upos, xpos, alt []string, altOn bool) {
	s.altOn = altOn
	for i := 0; i < s.n; i++ {
		if altOn {
			s.a[i] = pHashAltNone
			if i < len(alt) && alt[i] != "" {
				s.a[i] = parserTagHash(alt[i])
			}
		}
		var w, u, x string
		if i < len(words) {
			w = words[i]
		}
		if i < len(upos) {
			u = upos[i]
		}
		if i < len(xpos) {
			x = xpos[i]
		}
		s.w[i], s.p[i], s.u[i] = parserWordHash(w), parserTagHash(u), parserTagHash(x)
		s.x[i] = parserWordHash(w[max(0, len(w)-3):]) ^ 0x3c
		s.h[i] = parserShape(w)
	}
}

func (s *parseState) top() int {
	if len(s.stack) == 0 {
		return pNoTok
	}
	return s.stack[len(s.stack)-1]
}

func (s *parseState) terminal() bool { return len(s.stack) == 0 && s.b >= s.n }

// legal reports whether transition t may be applied.
func (s *parseState) legal(t int) bool {
	switch t {
	case trShift:
		return s.b < s.n
	case trLeft:
		return len(s.stack) > 0 && s.head[s.top()] < 0
	case trRight:
		return len(s.stack) > 0 && s.b < s.n
	case trReduce:
		return len(s.stack) > 0 && s.head[s.top()] >= 0
	}
	return false
}

// addArc records the arc h -> d with label l.
func (s *parseState) addArc(h, d, l int) {
	s.head[d], s.label[d] = h, l
	if d < h {
		s.nl[h]++
		s.lset[h] |= 1 << uint(l&63)
		switch {
		case s.lc1[h] == pNoTok || d < s.lc1[h]:
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		case s.lc2[h] == pNoTok || d < s.lc2[h]:
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= 1 << uint(l&63)
		switch {
		case s.rc1[h] == pNoTok || d > s.rc1[h]:
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		case s.rc2[h] == pNoTok || d > s.rc2[h]:
			s.rc2[h] = d
		}
	}
}

// apply performs transition t; arcs get label l.
func (s *parseState) apply(t, l int) {
	switch t {
	case trShift:
		s.stack = append(s.stack, s.b)
		s.b++
	case trLeft:
		d := s.top()
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s.b, d, l)
		if s.b == s.n {
			s.roots = append(s.roots, d)
		}
	case trRight:
		s.addArc(s.top(), s.b, l)
		s.stack = append(s.stack, s.b)
		s.b++
	case trReduce:
		s.stack = s.stack[:len(s.stack)-1]
	}
}

func (s *parseState) wordAt(i int) uint64 {
	if i < 0 {
		return pHashNone
	}
	return s.w[i]
}

func (s *parseState) tagAt(i int) uint64 {
	if i < 0 {
		return pHashNone
	}
	return s.p[i]
}

func (s *parseState) sfxAt(i int) uint64 {
	if i < 0 {
		return pHashNone
	}
	return s.x[i]
}

func (s *parseState) shapeAt(i int) uint64 {
	if i < 0 {
		return 98
	}
	return s.h[i]
}

// parserShape classes a word's spelling: bit 0 first letter upper case,
// bit 1 all letters upper case, bit 2 has a digit, bit 3 has a hyphen,
// bit 4 has no letter.
func parserShape(w string) uint64 {
	var sh uint64
	upper, letters := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			if i == 0 {
				sh |= 1
			}
			upper++
			letters++
		case c >= 'a' && c <= 'z' || c >= 0x80:
			letters++
		case c >= '0' && c <= '9':
			sh |= 4
		case c == '-':
			sh |= 8
		}
	}
	if letters > 1 && upper == letters {
		sh |= 2
	}
	if letters == 0 {
		sh |= 16
	}
	return sh
}

func (s *parseState) altAt(i int) uint64 {
	if i < 0 {
		return pHashNone
	}
	return s.a[i]
}

func (s *parseState) uposAt(i int) uint64 {
	if i < 0 {
		return pHashNone
	}
	return s.u[i]
}

func (s *parseState) labelAt(i int) int {
	if i < 0 {
		return -2
	}
	return s.label[i]
}

func parserChild(a []int, i int) int {
	if i < 0 {
		return pNoTok
	}
	return a[i]
}

func parserDistBin(d int) int {
	switch {
	case d <= 4:
		return d
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func pf1(t int, a uint64) uint64 { return featKey(mixInt(featSeed(t), int(a))) }
func pf2(t int, a, b uint64) uint64 {
	return featKey(mixInt(mixInt(featSeed(t), int(a)), int(b)))
}
func pf3(t int, a, b, c uint64) uint64 {
	return featKey(mixInt(mixInt(mixInt(featSeed(t), int(a)), int(b)), int(c)))
}
func pf4(t int, a, b, c, d uint64) uint64 {
	return featKey(mixInt(mixInt(mixInt(mixInt(featSeed(t), int(a)), int(b)), int(c)), int(d)))
}

// parserTemplates is the number of feature templates, those of the
// runner-up tags included. A template's id is its place in the features of
// a configuration (extract), the order training sums their weights in.
const parserTemplates = 99

// parserAltTemplates is where the templates of the runner-up tags begin;
// a model trained without them has only the templates before.
const parserAltTemplates = 95

// The templates fall into groups by what they read. Decoding scores the
// first three once per sentence for every buffer front, stack top and pair
// of the two it meets, and the next two once for every state of the
// stack's top and of the buffer's front it meets (sentenceScores); only
// the rest are looked up at every step. Training reads them all.
const (
	groupBuffer = iota // the buffer's front and the words after it
	groupStack         // the stack's top word
	groupPair          // the stack's top and the buffer's front together
	groupTop           // the stack's top with its head and children
	groupFront         // the buffer's front with its left children
	groupRest          // the stack below its top, and arcs read with the front
	numGroups
)

// templateGroups returns the template ids of each group, in order, for a
// model with (altOn) or without the runner-up tags' templates.
func templateGroups(altOn bool) [numGroups][]int {
	g := [numGroups][]int{
		groupBuffer: {0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 21, 84, 85, 89, 92},
		groupStack:  {1, 2, 3, 90, 93},
		groupPair:   {13, 14, 15, 16, 17, 18, 19, 22, 27, 28, 29, 30, 31, 32, 75, 76, 83, 86, 87, 91, 94},
		groupTop: {33, 34, 35, 36, 39, 40, 41, 42, 43, 44, 45, 46, 47, 51, 52, 53, 54, 55, 56, 57, 58, 59,
			63, 64, 65, 67, 68, 69, 70},
		groupFront: {37, 38, 48, 49, 50, 60, 61, 62, 66, 71, 72},
		groupRest:  {23, 24, 25, 26, 73, 74, 77, 78, 79, 80, 81, 82, 88},
	}
	if altOn {
		g[groupBuffer] = append(g[groupBuffer], 97)
		g[groupPair] = append(g[groupPair], 95, 96, 98)
	}
	return g
}

// extract fills s.feats with the features of the current configuration,
// template by template.
func (s *parseState) extract() []uint64 {
	f := s.feats[:parserTemplates]
	s0 := s.top()
	s.bufferFeatures(f, s.b)
	s.stackFeatures(f, s0)
	s.pairFeatures(f, s0, s.b)
	s.arcFeatures(f)
	if !s.altOn {
		f = f[:parserAltTemplates]
	}
	s.feats = f
	return f
}

// lookahead returns the two words after the buffer's front n0 (pNoTok
// where none) and the tag of the third.
func (s *parseState) lookahead(n0 int) (n1, n2 int, n3p uint64) {
	n1, n2, n3p = pNoTok, pNoTok, pHashNone
	if n0+1 <= s.n {
		n1 = n0 + 1
	}
	if n0+2 <= s.n {
		n2 = n0 + 2
	}
	if n0+3 <= s.n {
		n3p = s.p[n0+3]
	}
	return n1, n2, n3p
}

// stackDistance is the binned distance between the stack's top s0 and the
// buffer's front n0 (0 with an empty stack).
func stackDistance(s0, n0 int) uint64 {
	if s0 < 0 {
		return 0
	}
	return uint64(parserDistBin(n0 - s0))
}

// bufferFeatures writes the templates of groupBuffer for the buffer's
// front n0 to f.
func (s *parseState) bufferFeatures(f []uint64, n0 int) {
	n1, n2, n3p := s.lookahead(n0)
	n0w, n0p := s.wordAt(n0), s.tagAt(n0)
	n1w, n1p := s.wordAt(n1), s.tagAt(n1)
	n2w, n2p := s.wordAt(n2), s.tagAt(n2)
	f[0] = pf1(0, 0)
	f[4], f[5], f[6] = pf2(4, n0w, n0p), pf1(5, n0w), pf1(6, n0p)
	f[7], f[8], f[9] = pf2(7, n1w, n1p), pf1(8, n1w), pf1(9, n1p)
	f[10], f[11], f[12] = pf2(10, n2w, n2p), pf1(11, n2w), pf1(12, n2p)
	f[20], f[21] = pf2(20, n0p, n1p), pf3(21, n0p, n1p, n2p)
	f[84], f[85] = pf3(84, n0w, n1w, n1p), pf3(85, n0p, n1p, n3p)
	f[89], f[92] = pf2(89, s.sfxAt(n0), n0p), pf2(92, s.shapeAt(n0), n0w)
	if s.altOn {
		f[97] = pf2(97, n1p, s.altAt(n1))
	}
}

// stackFeatures writes the templates of groupStack for the stack's top s0
// (pNoTok: an empty stack) to f.
func (s *parseState) stackFeatures(f []uint64, s0 int) {
	s0w, s0p := s.wordAt(s0), s.tagAt(s0)
	f[1], f[2], f[3] = pf2(1, s0w, s0p), pf1(2, s0w), pf1(3, s0p)
	f[90], f[93] = pf2(90, s.sfxAt(s0), s0p), pf2(93, s.shapeAt(s0), s0w)
}

// pairFeatures writes the templates of groupPair for the stack's top s0
// and the buffer's front n0 to f.
func (s *parseState) pairFeatures(f []uint64, s0, n0 int) {
	n1, _, _ := s.lookahead(n0)
	s0w, s0p := s.wordAt(s0), s.tagAt(s0)
	n0w, n0p := s.wordAt(n0), s.tagAt(n0)
	n1w, n1p := s.wordAt(n1), s.tagAt(n1)
	d := stackDistance(s0, n0)
	f[13], f[14], f[15] = pf4(13, s0w, s0p, n0w, n0p), pf3(14, s0w, s0p, n0w), pf3(15, s0w, n0w, n0p)
	f[16], f[17], f[18] = pf3(16, s0w, s0p, n0p), pf3(17, s0p, n0w, n0p), pf2(18, s0w, n0w)
	f[19], f[22] = pf2(19, s0p, n0p), pf3(22, s0p, n0p, n1p)
	f[27], f[28], f[29], f[30] = pf2(27, s0w, d), pf2(28, s0p, d), pf2(29, n0w, d), pf2(30, n0p, d)
	f[31], f[32] = pf3(31, s0w, n0w, d), pf3(32, s0p, n0p, d)
	f[75] = pf2(75, s.uposAt(s0), s.uposAt(n0))
	f[76] = pf3(76, s.uposAt(s0), s.uposAt(n0), s.uposAt(n1))
	f[83], f[86], f[87] = pf3(83, s0p, n0p, n1w), pf3(86, s0w, n0p, n1p), pf3(87, s0p, n0w, n1p)
	f[91] = pf3(91, s.shapeAt(s0), s.shapeAt(n0), s0p)
	f[94] = pf3(94, s.sfxAt(n0), s.sfxAt(s0), d)
	if s.altOn {
		f[95], f[96] = pf3(95, s0p, s.altAt(s0), n0p), pf3(96, s0p, n0p, s.altAt(n0))
		f[98] = pf3(98, s0w, n0p, s.altAt(n0))
	}
}

// arcContext is where a configuration's arc templates look: the stack's
// top three, the top's head and head's head (the root counts as none), the
// outermost two children on each side of the top and on the left of the
// buffer's front.
type arcContext struct {
	s0, s1, s2, n0       int
	s0h, s0h2            int
	s0l, s0l2, s0r, s0r2 int
	n0l, n0l2            int
}

// arcContext returns the configuration's arcContext.
func (s *parseState) arcContext() arcContext {
	c := arcContext{s0: s.top(), s1: pNoTok, s2: pNoTok, n0: s.b}
	if len(s.stack) > 1 {
		c.s1 = s.stack[len(s.stack)-2]
	}
	if len(s.stack) > 2 {
		c.s2 = s.stack[len(s.stack)-3]
	}
	c.s0h = parserChild(s.head, c.s0)
	if c.s0h == s.n {
		c.s0h = pNoTok
	}
	c.s0h2 = parserChild(s.head, c.s0h)
	if c.s0h2 == s.n {
		c.s0h2 = pNoTok
	}
	c.s0l, c.s0l2 = parserChild(s.lc1, c.s0), parserChild(s.lc2, c.s0)
	c.s0r, c.s0r2 = parserChild(s.rc1, c.s0), parserChild(s.rc2, c.s0)
	c.n0l, c.n0l2 = parserChild(s.lc1, c.n0), parserChild(s.lc2, c.n0)
	return c
}

// topState is everything the templates of groupTop read that is not
// fixed for the sentence: equal topStates give equal features.
type topState struct {
	s0, s0h, s0h2, s0l, s0l2, s0r, s0r2 int32
	lab, labH, labL, labL2, labR, labR2 int32
	nl, nr                              int32
	lset, rset                          uint64
}

// topState returns the configuration's topState.
func (s *parseState) topState(c *arcContext) topState {
	t := topState{
		s0: int32(c.s0), s0h: int32(c.s0h), s0h2: int32(c.s0h2),
		s0l: int32(c.s0l), s0l2: int32(c.s0l2), s0r: int32(c.s0r), s0r2: int32(c.s0r2),
		lab: int32(s.labelAt(c.s0)), labH: int32(s.labelAt(c.s0h)),
		labL: int32(s.labelAt(c.s0l)), labL2: int32(s.labelAt(c.s0l2)),
		labR: int32(s.labelAt(c.s0r)), labR2: int32(s.labelAt(c.s0r2)),
		nl: 99, nr: 99,
	}
	if c.s0 >= 0 {
		t.nl, t.nr = int32(min(s.nl[c.s0], 6)), int32(min(s.nr[c.s0], 6))
		t.lset, t.rset = s.lset[c.s0], s.rset[c.s0]
	}
	return t
}

// frontState is everything the templates of groupFront read that is not
// fixed for the sentence.
type frontState struct {
	n0, n0l, n0l2 int32
	labL, labL2   int32
	nl            int32
	lset          uint64
}

// frontState returns the configuration's frontState.
func (s *parseState) frontState(c *arcContext) frontState {
	return frontState{
		n0: int32(c.n0), n0l: int32(c.n0l), n0l2: int32(c.n0l2),
		labL: int32(s.labelAt(c.n0l)), labL2: int32(s.labelAt(c.n0l2)),
		nl: int32(min(s.nl[c.n0], 6)), lset: s.lset[c.n0],
	}
}

// arcFeatures writes the templates of groupTop, groupFront and groupRest to
// f: what the stack's top and the buffer's front have been given (heads,
// children, labels, valency) and the stack below the top.
func (s *parseState) arcFeatures(f []uint64) {
	c := s.arcContext()
	s.topFeatures(f, &c)
	s.frontFeatures(f, &c)
	s.restFeatures(f, &c)
}

// lab is the value label templates read for token i.
func (s *parseState) lab(i int) uint64 { return uint64(s.labelAt(i) + 3) }

// topFeatures writes the templates of groupTop to f.
func (s *parseState) topFeatures(f []uint64, c *arcContext) {
	s0 := c.s0
	s0w, s0p := s.wordAt(s0), s.tagAt(s0)
	s0hw, s0hp := s.wordAt(c.s0h), s.tagAt(c.s0h)
	s0lp, s0rp := s.tagAt(c.s0l), s.tagAt(c.s0r)
	var vl0, vr0 uint64 = 99, 99
	var sl0, sr0 uint64
	if s0 >= 0 {
		vl0, vr0 = uint64(min(s.nl[s0], 6)), uint64(min(s.nr[s0], 6))
		sl0, sr0 = s.lset[s0], s.rset[s0]
	}
	// valency
	f[33], f[34], f[35], f[36] = pf2(33, s0w, vr0), pf2(34, s0p, vr0), pf2(35, s0w, vl0), pf2(36, s0p, vl0)
	// second order
	f[39], f[40], f[41] = pf1(39, s0hw), pf1(40, s0hp), pf1(41, s.lab(s0))
	f[42], f[43], f[44] = pf1(42, s.wordAt(c.s0l)), pf1(43, s0lp), pf1(44, s.lab(c.s0l))
	f[45], f[46], f[47] = pf1(45, s.wordAt(c.s0r)), pf1(46, s0rp), pf1(47, s.lab(c.s0r))
	// third order
	f[51], f[52], f[53] = pf1(51, s.wordAt(c.s0h2)), pf1(52, s.tagAt(c.s0h2)), pf1(53, s.lab(c.s0h))
	f[54], f[55], f[56] = pf1(54, s.wordAt(c.s0l2)), pf1(55, s.tagAt(c.s0l2)), pf1(56, s.lab(c.s0l2))
	f[57], f[58], f[59] = pf1(57, s.wordAt(c.s0r2)), pf1(58, s.tagAt(c.s0r2)), pf1(59, s.lab(c.s0r2))
	f[63], f[64] = pf3(63, s0p, s0lp, s.tagAt(c.s0l2)), pf3(64, s0p, s0rp, s.tagAt(c.s0r2))
	f[65] = pf3(65, s0p, s0hp, s.tagAt(c.s0h2))
	// label sets
	f[67], f[68], f[69], f[70] = pf2(67, s0w, sr0), pf2(68, s0p, sr0), pf2(69, s0w, sl0), pf2(70, s0p, sl0)
}

// frontFeatures writes the templates of groupFront to f.
func (s *parseState) frontFeatures(f []uint64, c *arcContext) {
	n0 := c.n0
	n0w, n0p := s.wordAt(n0), s.tagAt(n0)
	n0lp := s.tagAt(c.n0l)
	vln := uint64(min(s.nl[n0], 6))
	sln := s.lset[n0]
	f[37], f[38] = pf2(37, n0w, vln), pf2(38, n0p, vln)
	f[48], f[49], f[50] = pf1(48, s.wordAt(c.n0l)), pf1(49, n0lp), pf1(50, s.lab(c.n0l))
	f[60], f[61], f[62] = pf1(60, s.wordAt(c.n0l2)), pf1(61, s.tagAt(c.n0l2)), pf1(62, s.lab(c.n0l2))
	f[66] = pf3(66, n0p, n0lp, s.tagAt(c.n0l2))
	f[71], f[72] = pf2(71, n0w, sln), pf2(72, n0p, sln)
}

// restFeatures writes the templates of groupRest to f.
func (s *parseState) restFeatures(f []uint64, c *arcContext) {
	s0, s1 := c.s0, c.s1
	s0w, s0p := s.wordAt(s0), s.tagAt(s0)
	n0p := s.tagAt(c.n0)
	s0hp := s.tagAt(c.s0h)
	// children and head
	f[23], f[24] = pf3(23, s0hp, s0p, n0p), pf3(24, s0p, s.tagAt(c.s0l), n0p)
	f[25], f[26] = pf3(25, s0p, s.tagAt(c.s0r), n0p), pf3(26, s0p, n0p, s.tagAt(c.n0l))
	// the second stack item; the top's label and head
	f[73], f[74] = pf3(73, s.tagAt(s1), s0p, n0p), pf2(74, s.wordAt(s1), s.tagAt(s1))
	f[77], f[78], f[79] = pf3(77, s.lab(s0), s0p, n0p), pf4(78, s0p, n0p, s0hp, s.lab(s0)), pf3(79, s0w, n0p, s.lab(s0))
	// more stack context
	f[80], f[81] = pf2(80, s.tagAt(s1), s0p), pf2(81, s.wordAt(s1), s0w)
	f[82] = pf3(82, s.tagAt(c.s2), s.tagAt(s1), s0p)
	f[88] = pf3(88, s.tagAt(s1), s.lab(s1), s0p)
}
