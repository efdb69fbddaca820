package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits raw news text into sentences and tokens. Every sentence
// and token carries byte offsets into text, which is never modified.
//
// Tokens follow the Universal Dependencies English EWT conventions that the
// tagger and parser are trained on: they are syntactic words, so
// contractions and clitics are split ("don't" -> "do" + "n't", "I'm" ->
// "I" + "'m", "cannot" -> "can" + "not", "gonna" -> "gon" + "na", "Bush's"
// -> "Bush" + "'s"), each part getting the sub-span of its characters;
// punctuation is separate; hyphenated compounds are split at the hyphen
// except after common prefixes (non-, anti-, co-, e-...) and inside numbers
// and codes (713-555-0100, F-16); abbreviations, initials, decimals, URLs
// and e-mail addresses stay whole.
//
// Sentences end at terminal punctuation (. ! ? ... and any closing quotes
// or brackets after it) when the next word does not continue the sentence,
// and always at a line break. A news dateline opening a paragraph
// ("KYIV, Nov 26 (Reuters) -", "WASHINGTON —") is returned as a sentence of
// its own.
//
// Invalid UTF-8 never causes a panic: each bad byte is kept inside its token
// and shows as U+FFFD in Token.Text, while Start and End still index the
// original bytes. Token.Head is -1 and the analysis fields are empty.
func Tokenize(text string) []Sentence {
	t := tokenizer{text: text, toks: make([]Token, 0, len(text)/5+4)}
	t.scan()
	return t.sentences()
}

// tokenizer holds the state of one Tokenize call.
type tokenizer struct {
	text string
	toks []Token
}

// Character classes for the ASCII fast path.
const (
	cSpace = 1 << iota
	cLetter
	cDigit
	cUpper
	cLower
	cNewline
)

var asciiClass = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace | cNewline
		case c == ' ' || c == '\t':
			t[c] = cSpace
		case c >= 'a' && c <= 'z':
			t[c] = cLetter | cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cLetter | cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		}
	}
	return t
}()

// decode returns the rune at byte offset i and its size. An invalid byte
// is returned as utf8.RuneError with size 1.
func (t *tokenizer) decode(i int) (rune, int) {
	c := t.text[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(t.text[i:])
}

// isSpaceRune reports whether r separates tokens.
func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&cSpace != 0
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// isNewlineRune reports whether r ends a line.
func isNewlineRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&cNewline != 0
	}
	return r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// isWordRune reports whether r belongs inside a word: letters, digits,
// combining marks, and invalid bytes (U+FFFD), which are kept inside their
// token.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&(cLetter|cDigit) != 0
	}
	return r == utf8.RuneError || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordAt reports whether a word rune starts at byte offset i.
func (t *tokenizer) wordAt(i int) bool {
	if i >= len(t.text) {
		return false
	}
	r, _ := t.decode(i)
	return isWordRune(r)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isLetterByte(c byte) bool { return c < utf8.RuneSelf && asciiClass[c]&cLetter != 0 }

// emit appends the token text[a:b] and returns b.
func (t *tokenizer) emit(a, b int) int {
	if a < b {
		t.toks = append(t.toks, Token{Text: tokenText(t.text[a:b]), Start: a, End: b, Head: -1})
	}
	return b
}

// tokenText returns s, or a copy with every invalid byte replaced by U+FFFD.
func tokenText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if utf8.ValidString(s[i:]) {
				return s
			}
			var b strings.Builder
			b.Grow(len(s) + 8)
			for j := 0; j < len(s); {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r == utf8.RuneError && size == 1 {
					b.WriteRune(utf8.RuneError)
				} else {
					b.WriteString(s[j : j+size])
				}
				j += size
			}
			return b.String()
		}
	}
	return s
}

// scan splits the text into whitespace-separated chunks and tokenizes each.
func (t *tokenizer) scan() {
	n := len(t.text)
	for i := 0; i < n; {
		r, size := t.decode(i)
		if isSpaceRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < n {
			r, size = t.decode(j)
			if isSpaceRune(r) {
				break
			}
			j += size
		}
		t.chunk(i, j)
		i = j
	}
}

// chunk tokenizes the whitespace-free span text[s:e].
func (t *tokenizer) chunk(s, e int) {
	pos := s
	for pos < e {
		r, size := t.decode(pos)
		if isWordRune(r) {
			if end := t.matchLink(pos, e); end > pos {
				pos = t.emit(pos, end)
				continue
			}
			pos = t.word(pos, e)
			continue
		}
		pos = t.punct(pos, e, r, size, s)
	}
}

// hasPrefixFold reports whether s starts with the ASCII lower-case prefix p,
// ignoring case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// matchLink returns the end of a URL or e-mail address starting at pos, or
// pos when there is none. Trailing punctuation is left out of the link.
func (t *tokenizer) matchLink(pos, e int) int {
	s := t.text[pos:e]
	end := 0
	switch {
	case hasPrefixFold(s, "http://"), hasPrefixFold(s, "https://"), hasPrefixFold(s, "ftp://"),
		hasPrefixFold(s, "www.") && len(s) > 5, hasPrefixFold(s, "mailto:"):
		end = len(s)
	default:
		// The local part of an address: at most 64 characters, which
		// keeps the scan linear on long chunks without spaces.
		at := 0
		for at < len(s) && at <= 64 {
			c := s[at]
			if !(isLetterByte(c) || isDigitByte(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%') {
				break
			}
			at++
		}
		if at == 0 || at >= len(s) || s[at] != '@' {
			return pos
		}
		dot := false
		i := at + 1
		for ; i < len(s); i++ {
			c := s[i]
			if c == '.' {
				dot = true
			} else if !(isLetterByte(c) || isDigitByte(c) || c == '-') {
				break
			}
		}
		if !dot || i == at+1 {
			return pos
		}
		end = i
	}
	// Leave trailing punctuation out, but keep a ')' that closes a '('
	// inside the link.
	open := strings.Count(s[:end], "(") - strings.Count(s[:end], ")")
	for end > 0 {
		c := s[end-1]
		if c == ')' {
			if open >= 0 {
				break
			}
			open++
		}
		if strings.IndexByte(".,;:!?'\")]}>", c) >= 0 {
			end--
			continue
		}
		if r, size := utf8.DecodeLastRuneInString(s[:end]); r == '”' || r == '’' || r == '»' {
			end -= size
			continue
		}
		break
	}
	if end < 4 {
		return pos
	}
	return pos + end
}

// keepPrefixes are the word parts before a hyphen that EWT keeps attached
// ("non-violent", "e-mail", "co-founder").
var keepPrefixes = map[string]bool{
	"e": true, "non": true, "anti": true, "pre": true, "re": true, "mid": true, "co": true,
	"post": true, "pro": true, "multi": true, "ex": true, "semi": true, "counter": true,
	"sub": true, "vice": true, "neo": true, "cross": true, "un": true, "mis": true,
	"micro": true, "intra": true, "inter": true, "extra": true, "socio": true, "psycho": true,
	"arch": true, "wi": true, "over": true, "ultra": true, "trans": true, "bi": true, "tri": true,
	"geo": true, "macro": true, "mega": true, "mini": true, "quasi": true, "pseudo": true, "infra": true,
}

// word scans a word starting at pos (a word rune), emits it as one or more
// tokens and returns the position after it.
func (t *tokenizer) word(pos, e int) int {
	text := t.text
	start := pos    // start of the piece not yet emitted
	seg := pos      // start of the current hyphen- or slash-free segment
	hasDot := false // the piece has an inner period
	phone := false  // a hyphen between digits was kept
	for pos < e {
		r, size := t.decode(pos)
		if isWordRune(r) {
			pos += size
			continue
		}
		next := pos + size
		ok := false
		switch r {
		case '.':
			ok = t.wordAt(next)
			hasDot = hasDot || ok
		case ',':
			// 1,200 but not "11,2000"
			ok = pos > start && isDigitByte(text[pos-1]) && digitRun(text[next:e]) == 3
		case ':':
			ok = pos > start && isDigitByte(text[pos-1]) && next < e && isDigitByte(text[next])
		case '/':
			if next < e {
				if isDigitByte(text[next]) {
					ok = pos > start && isDigitByte(text[pos-1])
				} else {
					ok = pos-seg == 1 && t.wordAt(next) // b/c, w/o
				}
			}
		case '\'', '’':
			ok = next < e && t.wordAt(next) && !isDigitByte(text[next])
		case '&':
			ok = pos-seg <= 3 && next < e && isLetterByte(text[next]) && isLetterByte(text[pos-1])
		case '_', '@':
			ok = t.wordAt(next)
		case '-':
			if !t.wordAt(next) {
				break
			}
			left := text[seg:pos]
			switch {
			case isDigitByte(text[next]) && allDigits(left):
				// Phone numbers and postal codes stay whole
				// (555-0100, 713-555-0100, 77002-1234); ranges and
				// scores split (1990 - 1995, 4 - 0).
				r := digitRun(text[next:e])
				chain := next+r+1 < e && text[next+r] == '-' && isDigitByte(text[next+r+1])
				ok = chain || phone || r == 4 && (len(left) == 3 || len(left) == 5)
				phone = ok
			case inFoldSet(keepPrefixes, left):
				ok = true
			}
			if !ok {
				t.emitWord(start, pos, hasDot)
				t.emit(pos, next)
				start, seg, hasDot = next, next, false
				pos = next
				continue
			}
			seg = next
		}
		if !ok {
			break
		}
		if r == '/' {
			seg = next
		}
		pos = next
	}
	// A period after the word: part of an abbreviation, or punctuation.
	if pos < e && text[pos] == '.' && !(pos+1 < e && text[pos+1] == '.') {
		if t.abbrevPeriod(start, pos, e, hasDot) {
			t.emitWord(start, pos+1, true)
			return pos + 1
		}
	}
	t.emitWord(start, pos, hasDot)
	return pos
}

// digitRun returns the number of ASCII digits at the start of s.
func digitRun(s string) int {
	n := 0
	for n < len(s) && isDigitByte(s[n]) {
		n++
	}
	return n
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

func isUpperWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// inFoldSet reports whether s, lower-cased, is a key of set. Keys are at
// most 8 bytes, so the lookup does not allocate.
func inFoldSet(set map[string]bool, s string) bool {
	if len(s) > 8 {
		return false
	}
	var buf [8]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(s)])]
}

// Abbreviation classes.
const (
	abbrTitle  = 1 // precedes a name or number; never ends a sentence
	abbrMayEnd = 2 // may end a sentence (Inc., etc., Jr.)
	abbrNumber = 3 // an abbreviation only before a number (No. 5)
)

// abbreviations maps a word (case-sensitive) that takes a period to its
// class.
var abbreviations = map[string]uint8{
	"Mr": abbrTitle, "Mrs": abbrTitle, "Ms": abbrTitle, "Dr": abbrTitle, "Prof": abbrTitle,
	"Gen": abbrTitle, "Lt": abbrTitle, "Col": abbrTitle, "Capt": abbrTitle, "Sgt": abbrTitle,
	"Cpl": abbrTitle, "Maj": abbrTitle, "Adm": abbrTitle, "Cmdr": abbrTitle, "Gov": abbrTitle,
	"Sen": abbrTitle, "Sens": abbrTitle, "Rep": abbrTitle, "Reps": abbrTitle, "Rev": abbrTitle,
	"Hon": abbrTitle, "Pres": abbrTitle, "Supt": abbrTitle, "Det": abbrTitle, "Insp": abbrTitle,
	"Messrs": abbrTitle, "Mt": abbrTitle, "Ft": abbrTitle, "Pvt": abbrTitle, "Brig": abbrTitle,
	"Atty": abbrTitle, "Amb": abbrTitle, "Fr": abbrTitle, "Sr": abbrMayEnd, "Jr": abbrMayEnd,
	"vs": abbrTitle, "v": abbrTitle, "Vs": abbrTitle, "cf": abbrTitle, "ca": abbrTitle,
	"approx": abbrTitle, "Approx": abbrTitle, "viz": abbrTitle, "Ph": abbrTitle,
	"Jan": abbrMayEnd, "Feb": abbrMayEnd, "Mar": abbrMayEnd, "Apr": abbrMayEnd, "Jun": abbrMayEnd,
	"Jul": abbrMayEnd, "Aug": abbrMayEnd, "Sep": abbrMayEnd, "Sept": abbrMayEnd, "Oct": abbrMayEnd,
	"Nov": abbrMayEnd, "Dec": abbrMayEnd,
	"Mon": abbrMayEnd, "Tue": abbrMayEnd, "Tues": abbrMayEnd, "Wed": abbrMayEnd, "Thu": abbrMayEnd,
	"Thur": abbrMayEnd, "Thurs": abbrMayEnd, "Fri": abbrMayEnd, "Sat": abbrMayEnd, "Sun": abbrMayEnd,
	"Inc": abbrMayEnd, "Corp": abbrMayEnd, "Co": abbrMayEnd, "Ltd": abbrMayEnd, "Bros": abbrMayEnd,
	"Plc": abbrMayEnd, "St": abbrMayEnd, "Ave": abbrMayEnd, "Blvd": abbrMayEnd, "Rd": abbrMayEnd,
	"Dept": abbrMayEnd, "Univ": abbrMayEnd, "Assn": abbrMayEnd, "Intl": abbrMayEnd, "Govt": abbrMayEnd,
	"etc": abbrMayEnd, "al": abbrMayEnd, "ext": abbrMayEnd, "Ext": abbrMayEnd, "est": abbrMayEnd,
	"yrs": abbrMayEnd, "mins": abbrMayEnd, "hrs": abbrMayEnd, "lbs": abbrMayEnd, "oz": abbrMayEnd,
	"esp": abbrTitle, "Esp": abbrTitle, "Fig": abbrTitle, "fig": abbrTitle, "Vol": abbrTitle,
	"vol": abbrTitle, "pp": abbrTitle, "Art": abbrNumber, "Attn": abbrTitle, "Sec": abbrNumber,
	"Ala": abbrMayEnd, "Ariz": abbrMayEnd, "Ark": abbrMayEnd, "Calif": abbrMayEnd, "Colo": abbrMayEnd,
	"Conn": abbrMayEnd, "Fla": abbrMayEnd, "Ga": abbrMayEnd, "Ill": abbrMayEnd, "Kan": abbrMayEnd,
	"Ky": abbrMayEnd, "La": abbrMayEnd, "Md": abbrMayEnd, "Mass": abbrMayEnd, "Mich": abbrMayEnd,
	"Minn": abbrMayEnd, "Miss": abbrMayEnd, "Mo": abbrMayEnd, "Mont": abbrMayEnd, "Neb": abbrMayEnd,
	"Nev": abbrMayEnd, "Okla": abbrMayEnd, "Ore": abbrMayEnd, "Pa": abbrMayEnd, "Tenn": abbrMayEnd,
	"Tex": abbrMayEnd, "Va": abbrMayEnd, "Vt": abbrMayEnd, "Wash": abbrMayEnd, "Wis": abbrMayEnd,
	"Wyo": abbrMayEnd, "Ont": abbrMayEnd, "Que": abbrMayEnd,
	"pop": abbrNumber, "No": abbrNumber, "Nos": abbrNumber, "no": abbrNumber, "nos": abbrNumber,
}

// sentenceStarters are capitalized words that, after an abbreviation that
// may end a sentence ("Inc.", "U.S."), show that a new sentence begins.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "But": true, "And": true, "In": true, "On": true,
	"At": true, "This": true, "That": true, "These": true, "Those": true, "There": true,
	"His": true, "Her": true, "Its": true, "Their": true, "Our": true, "My": true, "As": true,
	"For": true, "If": true, "When": true, "While": true, "After": true, "Before": true,
	"Meanwhile": true, "However": true, "So": true, "Yet": true, "Some": true, "Many": true,
	"Most": true, "Both": true, "Such": true, "What": true, "Why": true, "How": true,
	"Who": true, "Where": true, "Although": true, "Still": true, "Then": true, "Now": true,
	"Also": true, "Last": true, "Earlier": true, "Later": true, "Officials": true, "Thanks": true,
	"Please": true, "Is": true, "Are": true, "Was": true, "Do": true, "Did": true, "Can": true,
	"Since": true, "According": true, "Under": true, "By": true, "With": true, "From": true,
}

// abbrevPeriod decides whether the period at text[dot] belongs to the word
// text[start:dot] (an abbreviation) and does not end the sentence.
func (t *tokenizer) abbrevPeriod(start, dot, e int, hasDot bool) bool {
	w := t.text[start:dot]
	class, known := abbreviations[w]
	if !known {
		switch {
		case hasDot && dottedAbbrev(w):
			class = abbrMayEnd // U.S., D.C., p.m., e.g.
			if w == "e.g" || w == "i.e" || w == "E.g" || w == "I.e" {
				class = abbrTitle
			}
		case len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z':
			class = abbrTitle // an initial: George W. Bush
		default:
			return false
		}
	}
	after := dot + 1
	if class == abbrNumber {
		// "No. 5": only when a number follows.
		i := t.skipSpace(after)
		return after == e && i < len(t.text) && isDigitByte(t.text[i]) && !t.newlineBetween(after, i)
	}
	// Something other than closing quotes or brackets follows in the chunk:
	// the period is the abbreviation's ("U.S.-led", "Inc.,").
	j := after
	for j < e {
		r, size := t.decode(j)
		if !isCloser(r) {
			return true
		}
		j += size
	}
	if class == abbrTitle {
		return true
	}
	// At the end of a chunk: the period ends the sentence at the end of the
	// text or line, or before a word that starts a sentence.
	i := t.skipSpace(e)
	if i >= len(t.text) || t.newlineBetween(e, i) {
		return false
	}
	if j > after {
		// 'in the U.S." Then': a closing quote after the period.
		return !t.startsUpper(i)
	}
	r, size := t.decode(i)
	if r == '(' || r == '[' {
		return true // "Apple Inc. (AAPL)"
	}
	if isOpener(r) {
		return !t.startsUpper(i + size)
	}
	k := i
	for k < len(t.text) && isLetterByte(t.text[k]) {
		k++
	}
	return !sentenceStarters[t.text[i:k]]
}

// dottedAbbrev reports whether w is letters separated by periods in groups
// of at most two letters: "U.S", "a.m", "Ph.D", "a.k.a".
func dottedAbbrev(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		case isLetterByte(c):
			n++
			if n > 2 {
				return false
			}
		default:
			return false
		}
	}
	return n > 0
}

// skipSpace returns the offset of the first non-space rune at or after i.
func (t *tokenizer) skipSpace(i int) int {
	for i < len(t.text) {
		r, size := t.decode(i)
		if !isSpaceRune(r) {
			break
		}
		i += size
	}
	return i
}

// newlineBetween reports whether text[a:b] holds a line break.
func (t *tokenizer) newlineBetween(a, b int) bool {
	for i := a; i < b; {
		r, size := t.decode(i)
		if isNewlineRune(r) {
			return true
		}
		i += size
	}
	return false
}

// startsUpper reports whether an upper-case letter or a digit starts at i.
func (t *tokenizer) startsUpper(i int) bool {
	if i >= len(t.text) {
		return false
	}
	r, _ := t.decode(i)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹':
		return true
	}
	return false
}

// splitWords lists whole words (lower case) that EWT splits without an
// apostrophe, with the byte length of the first part.
var splitWords = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3,
	"dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2, "wasnt": 3, "arent": 3, "werent": 4,
	"cant": 2, "couldnt": 5, "wouldnt": 5, "shouldnt": 6, "havent": 4, "hasnt": 3,
	"wont": 2, "im": 1, "ive": 1, "thats": 4,
}

// emitWord emits the word text[a:b], split into its syntactic words:
// clitics ("n't", "'s", "'re"...), "cannot", "gonna", and a time's "am"/"pm".
func (t *tokenizer) emitWord(a, b int, dotted bool) {
	if b-a < 2 {
		t.emit(a, b)
		return
	}
	w := t.text[a:b]
	if !dotted && len(w) <= 8 {
		var buf [8]byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if n, ok := splitWords[string(buf[:len(w)])]; ok {
			t.emit(a, a+n)
			t.emit(a+n, b)
			return
		}
	}
	// Clitics, right to left: "shouldn't've" -> should + n't + 've.
	var cuts [3]int
	nc := 0
	end := b
	for nc < 2 {
		c := cliticCut(t.text[a:end])
		if c <= 0 {
			break
		}
		end = a + c
		cuts[nc] = end
		nc++
	}
	if nc > 0 {
		t.emit(a, cuts[nc-1])
		for i := nc - 1; i > 0; i-- {
			t.emit(cuts[i], cuts[i-1])
		}
		t.emit(cuts[0], b)
		return
	}
	// A number and its unit: "5pm" -> 5 + pm, "$2bn" -> 2 + bn.
	if isDigitByte(w[0]) {
		k := 0
		for k < len(w) && (isDigitByte(w[k]) || (w[k] == ':' || w[k] == '.' || w[k] == ',') && k+1 < len(w) && isDigitByte(w[k+1])) {
			k++
		}
		if k < len(w) && len(w)-k <= 4 && inFoldSet(numberUnits, w[k:]) {
			t.emit(a, a+k)
			t.emit(a+k, b)
			return
		}
	}
	t.emit(a, b)
}

// numberUnits are the units split off a number written against them.
var numberUnits = map[string]bool{
	"am": true, "pm": true, "bn": true, "m": true, "k": true, "km": true, "kg": true, "mm": true,
	"cm": true, "mph": true, "ft": true, "lbs": true, "lb": true, "gb": true, "mb": true,
	"hrs": true, "min": true, "mins": true, "mn": true, "tn": true, "kph": true, "ml": true,
}

// cliticCut returns the offset in w where a final clitic starts, or 0.
func cliticCut(w string) int {
	n := len(w)
	// The apostrophe: ' (1 byte) or ’ (3 bytes).
	apos := func(i int) int {
		if i >= 0 && w[i] == '\'' {
			return 1
		}
		if i >= 2 && w[i-2:i+1] == "’" {
			return 3
		}
		return 0
	}
	lower := func(c byte) byte {
		if c >= 'A' && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	// n't
	if n >= 4 && lower(w[n-1]) == 't' {
		if k := apos(n - 2); k > 0 && n-1-k >= 2 && lower(w[n-1-k-1]) == 'n' {
			return n - 1 - k - 1
		}
	}
	// 's 'm 'd
	if n >= 3 {
		switch lower(w[n-1]) {
		case 's', 'm', 'd':
			if k := apos(n - 2); k > 0 && n-1-k > 0 && !isDigitByte(w[n-2-k]) {
				return n - 1 - k
			}
		}
	}
	// 're 've 'll
	if n >= 4 {
		l1, l2 := lower(w[n-2]), lower(w[n-1])
		if l1 == 'r' && l2 == 'e' || l1 == 'v' && l2 == 'e' || l1 == 'l' && l2 == 'l' {
			if k := apos(n - 3); k > 0 && n-2-k > 0 {
				return n - 2 - k
			}
		}
	}
	return 0
}

// punct emits the punctuation or symbol token starting at pos and returns
// the position after it. chunkStart is where the chunk began.
func (t *tokenizer) punct(pos, e int, r rune, size int, chunkStart int) int {
	text := t.text
	switch r {
	case '.', '-', '!', '?', '*', '=', '~', '_', '#', '+', '/', '>', '<', '`', '^', '|':
		// Runs: "...", "--", "!!!", "?!", "***".
		j := pos + 1
		for j < e {
			c := text[j]
			if c == text[pos] || (r == '!' || r == '?' || r == '.') && (c == '!' || c == '?' || c == '.') {
				j++
				continue
			}
			break
		}
		return t.emit(pos, j)
	case ':', ';':
		// Emoticons standing alone: ":)", ":-)", ";)", ":(".
		if pos == chunkStart {
			j := pos + 1
			if j < e && text[j] == '-' {
				j++
			}
			if j < e && (text[j] == ')' || text[j] == '(' || text[j] == 'D' || text[j] == 'P') && j+1 == e {
				return t.emit(pos, j+1)
			}
		}
	case '\'', '’':
		// "'90s", "'em"
		j := pos + size
		if j+1 < e && isDigitByte(text[j]) && isDigitByte(text[j+1]) && (j+2 == e || text[j+2] == 's') {
			k := j + 2
			if k < e && text[k] == 's' {
				k++
			}
			if k == e || !t.wordAt(k) {
				return t.emit(pos, k)
			}
		}
	}
	return t.emit(pos, pos+size)
}

// sentences groups the tokens into sentences.
func (t *tokenizer) sentences() []Sentence {
	toks := t.toks
	if len(toks) == 0 {
		return nil
	}
	n := 0
	for i := 0; i < len(toks); i = t.nextBoundary(i) {
		n++
	}
	out := make([]Sentence, 0, n)
	for i := 0; i < len(toks); {
		j := t.nextBoundary(i)
		out = append(out, Sentence{Start: toks[i].Start, End: toks[j-1].End, Tokens: toks[i:j:j]})
		i = j
	}
	return out
}

// isTerminal reports whether a token ends a sentence by itself.
func isTerminal(s string) bool {
	switch s[0] {
	case '.', '!', '?':
		for i := 1; i < len(s); i++ {
			if c := s[i]; c != '.' && c != '!' && c != '?' {
				return false
			}
		}
		return true
	}
	return s == "…" || s == "……" || s == "。" || s == "？" || s == "！"
}

// nextBoundary returns the index one past the last token of the sentence
// that starts at token i.
func (t *tokenizer) nextBoundary(i int) int {
	toks := t.toks
	n := len(toks)
	if t.paragraphStart(i) {
		if j := t.dateline(i); j > i {
			return j
		}
	}
	for k := i; k < n; k++ {
		if k+1 == n {
			return n
		}
		if t.newlineBetween(toks[k].End, toks[k+1].Start) {
			return k + 1
		}
		if !isTerminal(toks[k].Text) {
			continue
		}
		// Absorb closing quotes and brackets attached to the terminal.
		j := k
		for j+1 < n && toks[j+1].Start == toks[j].End {
			r, _ := utf8.DecodeRuneInString(toks[j+1].Text)
			if !isCloser(r) && !isTerminal(toks[j+1].Text) {
				break
			}
			j++
		}
		if j+1 == n {
			return n
		}
		if toks[j+1].Start == toks[j].End {
			k = j
			continue
		}
		if t.newlineBetween(toks[j].End, toks[j+1].Start) || t.startsSentence(k, j+1) {
			return j + 1
		}
		k = j
	}
	return n
}

// startsSentence reports whether token k can begin a sentence after
// terminal punctuation.
func (t *tokenizer) startsSentence(term, k int) bool {
	s := t.toks[k].Text
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		// Web text often starts sentences in lower case; after a plain
		// period, question or exclamation mark (abbreviations keep their
		// period) a lower-case word starts a sentence, but not after an
		// ellipsis, which often marks a pause.
		// After a closing quote, a lower-case word continues the
		// sentence ('"Stop!" he said').
		if term != k-1 {
			return false
		}
		tt := t.toks[term].Text
		return tt == "." || tt[0] == '!' || tt[0] == '?'
	}
	switch r {
	case ',', ';', ':', '%', ')', ']', '}', '”', '’', '»':
		return false
	}
	return true
}

// paragraphStart reports whether token i opens the text or a line.
func (t *tokenizer) paragraphStart(i int) bool {
	return i == 0 || t.newlineBetween(t.toks[i-1].End, t.toks[i].Start)
}

// dateline returns the index after a news dateline that starts at token i,
// or i when there is none. A dateline is a place, an optional ", Place" or
// ", Nov 26" and an optional "(Reuters)", closed by a dash or a colon
// ("KYIV, Nov 26 (Reuters) -", "WASHINGTON —", "LONDON (AP) --", "YANGON,
// Nov 11:"). The place is in capitals, or in title case ("Quito, March 3:",
// "Manila –") when a colon or a spaced dash closes it ("Hamas-led" is no
// dateline) and the dash is not the first of a pair around an aside ("The
// Group – the union – led ...").
// A place in capitals with its agency in brackets needs no dash before a
// capitalized word ("BRUSSELS (Sputnik) On Monday, ...").
func (t *tokenizer) dateline(i int) int {
	toks := t.toks
	n := len(toks)
	k := i
	caps := true
	// One or more place words in capitals, a hyphen inside a name joining
	// two of them ("PORT-AU-PRINCE"); else up to four in title case.
	for k < n && k-i < 9 {
		if isCapsWord(toks[k].Text) {
			k++
			continue
		}
		if k > i && toks[k].Text == "-" && k+1 < n && toks[k].Start == toks[k-1].End && toks[k+1].Start == toks[k].End && isCapsWord(toks[k+1].Text) {
			k++
			continue
		}
		break
	}
	if k == i {
		caps = false
		for k < n && k-i < 4 && isTitleWord(toks[k].Text) {
			k++
		}
	}
	if k == i {
		return i
	}
	// An optional ", Place" or ", Nov 26".
	if k < n && toks[k].Text == "," {
		k++
		m := k
		for k < n && k-m < 5 && isDatelineWord(toks[k].Text) {
			k++
		}
		if k == m {
			return i
		}
	}
	// An optional "(Reuters)".
	agency := false
	if k < n && toks[k].Text == "(" {
		k++
		m := k
		for k < n && k-m < 4 && isDatelineWord(toks[k].Text) {
			k++
		}
		if k == m || k >= n || toks[k].Text != ")" {
			return i
		}
		k++
		agency = true
	}
	if k+1 >= n || t.newlineBetween(toks[k-1].End, toks[k].Start) {
		return i
	}
	if isDash(toks[k].Text) || toks[k].Text == ":" {
		if t.newlineBetween(toks[k].End, toks[k+1].Start) || !caps && isDash(toks[k].Text) && (toks[k].Start == toks[k-1].End || t.pairedDash(k)) {
			return i
		}
		return k + 1
	}
	if agency && caps {
		if r, _ := utf8.DecodeRuneInString(toks[k].Text); unicode.IsUpper(r) {
			return k
		}
	}
	return i
}

// pairedDash reports whether the same dash as token k comes again before
// the end of its line or sentence: the two enclose an aside.
func (t *tokenizer) pairedDash(k int) bool {
	toks := t.toks
	for j := k + 1; j < len(toks); j++ {
		if t.newlineBetween(toks[j-1].End, toks[j].Start) || isTerminal(toks[j].Text) {
			return false
		}
		if toks[j].Text == toks[k].Text {
			return true
		}
	}
	return false
}

// isTitleWord reports whether s is a word in title case such as "Quito" or
// "Delhi": a capital, then lower-case letters.
func isTitleWord(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || len(s) == size {
		return false
	}
	for _, c := range s[size:] {
		if !unicode.IsLower(c) && c != '-' && c != '\'' {
			return false
		}
	}
	return true
}

func isDash(s string) bool {
	return s == "-" || s == "--" || s == "—" || s == "–" || s == "---"
}

// isCapsWord reports whether s is a word in capitals such as "KYIV", "U.S."
// or "SAN".
func isCapsWord(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.' || c == '\'' || c == '-':
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
			i += size - 1
		default:
			return false
		}
	}
	return letters >= 2 || letters == 1 && len(s) > 1
}

// isDatelineWord reports whether s can be part of a dateline's place, date
// or agency: a capitalized word, a number, or a period or comma.
func isDatelineWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || s == "," || s == "."
}
