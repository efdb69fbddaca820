package nlp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"strings"
)

// Lemmatizer finds the dictionary form of a word given its part of speech.
// It is learned from the lemma column of a treebank: forms seen in training
// are looked up (by exact form and XPOS, then by lower-cased form and UPOS);
// unseen forms go through a built-in table of English irregular verbs and
// plurals and then through suffix-rewrite rules learned per XPOS, such as
// "-ies" -> "-y" or "-pped" -> "-p". Proper nouns and numbers keep their
// form. A Lemmatizer is safe for concurrent use.
type Lemmatizer struct {
	// seen maps form+"\x01"+XPOS and lower(form)+"\x02"+UPOS to a lemma.
	seen map[string]string
	// rules maps XPOS+"\x01"+lower-case suffix (and "\x02"+UPOS+"\x01"+
	// suffix) to the rewrite learned for words that end so.
	// Each key has up to maxRuleAlts rewrites, most frequent first.
	rules map[string][]lemmaRule
	// lowerCase maps XPOS+"\x01"+capitalisation class to whether unseen
	// words of that kind are lower-cased.
	lowerCase map[string]bool
	// known holds the lower-cased lemmas of the training data; among the
	// rewrites of an unseen word, one that gives a known word wins
	// ("bombed" -> "bomb", not "bombe"). Derived from seen.
	known map[string]bool
}

// lemmaRule rewrites a word: strip bytes from its end, then append add.
type lemmaRule struct {
	strip int
	add   string
}

// maxRuleSuffix is the longest suffix the rules look at; maxLemmaKey is the
// longest lookup key built on the stack.
const (
	maxRuleSuffix = 6
	maxLemmaKey   = 96
	// minRuleCount is how many training word types must support a rule's
	// suffix before the rule is used.
	minRuleCount = 2
	// maxRuleAlts is how many rewrites a suffix keeps.
	maxRuleAlts = 4
)

// TrainLemmatizer learns a lemmatizer from the forms, tags and lemmas of
// train. Words whose lemma is missing ("_" or empty) are skipped.
func TrainLemmatizer(train []TreebankSentence) *Lemmatizer {
	l := &Lemmatizer{seen: map[string]string{}, rules: map[string][]lemmaRule{}, lowerCase: map[string]bool{}}
	counts := map[string]map[string]int{}
	add := func(key, lemma string) {
		m := counts[key]
		if m == nil {
			m = map[string]int{}
			counts[key] = m
		}
		m[lemma]++
	}
	type wordType struct{ form, upos, xpos, lemma string }
	types := map[wordType]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" && w.Form != "_" {
				continue
			}
			add(w.Form+"\x01"+w.XPOS, w.Lemma)
			add(strings.ToLower(w.Form)+"\x02"+w.UPOS, w.Lemma)
			types[wordType{w.Form, w.UPOS, w.XPOS, w.Lemma}] = true
		}
	}
	for key, m := range counts {
		l.seen[key] = majority(m)
	}
	// Rules and case decisions are learned from word types, so that a
	// few frequent irregular words do not dominate.
	ruleCounts := map[string]map[lemmaRule]int{}
	caseCounts := map[string][2]int{}
	for wt := range types {
		lf, ll := strings.ToLower(wt.form), strings.ToLower(wt.lemma)
		r := learnRule(lf, ll)
		for _, key := range []string{wt.xpos + "\x01", "\x02" + wt.upos + "\x01"} {
			// A rule is learned for suffixes that cover the bytes it
			// strips and one more, so that "planned" -> "plan" is a rule
			// of "-nned", not of "-ned" ("returned"); the suffix of just
			// the stripped bytes goes to a second table (key "\x03...")
			// used when the first has nothing known.
			for k := r.strip; k <= maxRuleSuffix && k <= len(lf); k++ {
				rk := key + lf[len(lf)-k:]
				if k == r.strip && k < len(lf) {
					rk = "\x03" + rk
				}
				m := ruleCounts[rk]
				if m == nil {
					m = map[lemmaRule]int{}
					ruleCounts[rk] = m
				}
				m[r]++
			}
		}
		if wt.lemma != ll || wt.form != lf {
			ck := wt.xpos + "\x01" + capClass(wt.form)
			c := caseCounts[ck]
			if wt.lemma == ll {
				c[1]++
			} else {
				c[0]++
			}
			caseCounts[ck] = c
		}
	}
	for key, m := range ruleCounts {
		n := 0
		alts := make([]lemmaRule, 0, len(m))
		for r, k := range m {
			n += k
			alts = append(alts, r)
		}
		if n < minRuleCount {
			continue
		}
		sort.Slice(alts, func(i, j int) bool {
			if ki, kj := m[alts[i]], m[alts[j]]; ki != kj {
				return ki > kj
			}
			return ruleLess(alts[i], alts[j])
		})
		l.rules[key] = alts[:min(len(alts), maxRuleAlts)]
	}
	for key, c := range caseCounts {
		l.lowerCase[key] = c[1] > c[0]
	}
	l.index()
	return l
}

// index builds the derived known-lemma set.
func (l *Lemmatizer) index() {
	l.known = make(map[string]bool, len(l.seen)/2)
	for _, lem := range l.seen {
		l.known[strings.ToLower(lem)] = true
	}
}

func ruleLess(a, b lemmaRule) bool {
	if a.strip != b.strip {
		return a.strip < b.strip
	}
	return a.add < b.add
}

func majority(m map[string]int) string {
	best, bn := "", -1
	for s, k := range m {
		if k > bn || k == bn && s < best {
			best, bn = s, k
		}
	}
	return best
}

// learnRule returns the rewrite from form to lemma.
func learnRule(form, lemma string) lemmaRule {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	return lemmaRule{strip: len(form) - p, add: lemma[p:]}
}

// capClass names the capitalisation of w: "a" lower case, "A" first letter
// upper, "AA" all upper, "aA" other mixes, "0" no letters.
func capClass(w string) string {
	f := wordFlags(w)
	letters := false
	for i := 0; i < len(w); i++ {
		if c := lowerByte(w[i]); 'a' <= c && c <= 'z' {
			letters = true
			break
		}
	}
	switch {
	case !letters:
		return "0"
	case f&flagAllUpper != 0:
		return "AA"
	case f&flagHasUpper != 0:
		return "aA"
	case f&flagUpperFirst != 0:
		return "A"
	}
	return "a"
}

// Lemma returns the lemma of form as the part of speech upos/xpos. It does
// not allocate for forms seen in training, proper nouns and numbers.
func (l *Lemmatizer) Lemma(form, upos, xpos string) string {
	if l == nil || form == "" {
		return form
	}
	var buf [maxLemmaKey]byte
	if len(form)+len(xpos)+1 <= maxLemmaKey {
		k := append(append(append(buf[:0], form...), 1), xpos...)
		if lem, ok := l.seen[string(k)]; ok {
			return lem
		}
	}
	switch {
	case upos == "PROPN" && xpos != "NNPS", xpos == "NNP":
		// A proper noun keeps its form; looking it up lower-cased
		// would turn "Mobile" (the city) into "mobile".
		return form
	case upos == "NUM" || xpos == "CD":
		return numberLemma(form)
	case upos == "PUNCT" || upos == "SYM":
		return form
	}
	if upos != "PROPN" && len(form)+len(upos)+1 <= maxLemmaKey {
		k := append(append(appendLower(buf[:0], form), 2), upos...)
		if lem, ok := l.seen[string(k)]; ok {
			return lem
		}
	}
	cc := capClass(form)
	lower, known := l.lowerCase[xpos+"\x01"+cc]
	if !known {
		lower = cc == "A"
	}
	lw := strings.ToLower(form)
	w := form
	if lower {
		w = lw
	}
	if lem, ok := irregularLemma(lw, upos, xpos); ok {
		if !lower && w != lw && len(lem) > 0 && len(w) > 0 && w[0] != lw[0] {
			return strings.ToUpper(lem[:1]) + lem[1:]
		}
		return lem
	}
	return l.applyRules(w, lw, xpos, upos)
}

// applyRules rewrites the unseen word w (lower-cased lw) by the rules of
// the longest known suffix, preferring, among the rewrites of the matching
// suffixes, the first that gives a known lemma. Keys and candidates are
// built in buffers on the stack, so only the lemma returned is allocated.
func (l *Lemmatizer) applyRules(w, lw, xpos, upos string) string {
	var first lemmaRule
	haveFirst := false
	var kb, cb [maxLemmaKey]byte
	for _, pre := range [4][3]string{{"", xpos, "\x01"}, {"\x03", xpos, "\x01"}, {"\x02", upos, "\x01"}, {"\x03\x02", upos, "\x01"}} {
		key := append(append(append(kb[:0], pre[0]...), pre[1]...), pre[2]...)
		for k := min(maxRuleSuffix, len(lw)); k >= 0; k-- {
			var rules []lemmaRule
			if len(key)+k <= len(kb) {
				rules = l.rules[string(append(key, lw[len(lw)-k:]...))]
			} else {
				rules = l.rules[string(key)+lw[len(lw)-k:]]
			}
			for _, r := range rules {
				if r.strip > len(w) {
					continue
				}
				stem := w[:len(w)-r.strip]
				if l.knownLemma(cb[:0], stem, r.add) {
					return stem + r.add
				}
				if !haveFirst && len(stem)+len(r.add) > 0 {
					first, haveFirst = r, true
				}
			}
		}
		if haveFirst && key[0] == '\x03' {
			return w[:len(w)-first.strip] + first.add
		}
	}
	if haveFirst {
		return w[:len(w)-first.strip] + first.add
	}
	return w
}

// knownLemma reports whether stem+add, lower-cased as strings.ToLower does,
// is a known lemma; buf is scratch space. ASCII words are lower-cased in
// buf, without allocating.
func (l *Lemmatizer) knownLemma(buf []byte, stem, add string) bool {
	if len(stem)+len(add) > cap(buf) || !isASCII(stem) || !isASCII(add) {
		return l.known[strings.ToLower(stem+add)]
	}
	buf = appendLower(appendLower(buf, stem), add)
	return l.known[string(buf)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// numberLemma follows EWT: digits keep their form, without thousands
// separators ("1,200" -> "1200").
func numberLemma(form string) string {
	if strings.IndexByte(form, ',') < 0 {
		return form
	}
	for i := 0; i < len(form); i++ {
		if c := form[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return form
		}
	}
	return strings.ReplaceAll(form, ",", "")
}

// irregularLemma looks lw up in the built-in tables of irregular verb forms
// and plurals, also behind a verb prefix ("overran" -> "overrun").
func irregularLemma(lw, upos, xpos string) (string, bool) {
	var tab map[string]string
	switch {
	case strings.HasPrefix(xpos, "VB") || upos == "VERB" || upos == "AUX":
		tab = irregularVerbs
	case xpos == "NNS" || xpos == "NNPS" || upos == "NOUN":
		tab = irregularNouns
	default:
		return "", false
	}
	if lem, ok := tab[lw]; ok {
		return lem, true
	}
	for _, p := range verbPrefixes {
		if len(lw) > len(p)+2 && strings.HasPrefix(lw, p) {
			if lem, ok := tab[lw[len(p):]]; ok {
				return p + lem, true
			}
		}
	}
	return "", false
}

var verbPrefixes = [...]string{"re", "over", "under", "out", "mis", "with", "fore", "up", "un", "be", "co", "pre"}

// irregularVerbList lists English irregular verbs as "base past participle"
// with alternatives separated by '/'; "-" means the form is the base.
const irregularVerbList = `
arise arose arisen; awake awoke awoken; be was/were been; bear bore borne/born;
beat - beaten; become became -; begin began begun; bend bent bent; bet - -;
bid - -; bind bound bound; bite bit bitten; bleed bled bled; blow blew blown;
break broke broken; breed bred bred; bring brought brought; broadcast - -;
build built built; burn burnt burnt; burst - -; buy bought bought; cast - -;
catch caught caught; choose chose chosen; cling clung clung; come came -;
cost - -; creep crept crept; cut - -; deal dealt dealt; dig dug dug;
do did done; draw drew drawn; dream dreamt dreamt; drink drank drunk;
drive drove driven; dwell dwelt dwelt; eat ate eaten; fall fell fallen;
feed fed fed; feel felt felt; fight fought fought; find found found;
flee fled fled; fling flung flung; fly flew flown; forbid forbade forbidden;
forecast - -; foresee foresaw foreseen; forget forgot forgotten;
forgive forgave forgiven; forsake forsook forsaken; freeze froze frozen;
get got gotten/got; give gave given; go went gone; grind ground ground;
grow grew grown; hang hung hung; have had had; hear heard heard;
hide hid hidden; hit - -; hold held held; hurt - -; keep kept kept;
kneel knelt knelt; know knew known; lay laid laid; lead led led;
lean leant leant; leap leapt leapt; learn learnt learnt; leave left left;
lend lent lent; let - -; lie lay lain; light lit lit; lose lost lost;
make made made; mean meant meant; meet met met; mistake mistook mistaken;
overcome overcame -; pay paid paid; plead pled pled; prove proved proven;
put - -; quit - -; read - -; rid - -; ride rode ridden; ring rang rung;
rise rose risen; run ran -; saw sawed sawn; say said said; see saw seen;
seek sought sought; sell sold sold; send sent sent; set - -; sew sewed sewn;
shake shook shaken; shear sheared shorn; shed - -; shine shone shone;
shoot shot shot; show showed shown; shrink shrank shrunk; shut - -;
sing sang sung; sink sank sunk; sit sat sat; slay slew slain; sleep slept slept;
slide slid slid; sling slung slung; slit - -; smite smote smitten;
speak spoke spoken; speed sped sped; spend spent spent; spill spilt spilt;
spin spun spun; spit spat spat; split - -; spread - -; spring sprang sprung;
stand stood stood; steal stole stolen; stick stuck stuck; sting stung stung;
stink stank stunk; stride strode stridden; strike struck struck/stricken;
string strung strung; strive strove striven; swear swore sworn;
sweep swept swept; swell swelled swollen; swim swam swum; swing swung swung;
take took taken; teach taught taught; tear tore torn; tell told told;
think thought thought; throw threw thrown; thrust - -; tread trod trodden;
wake woke woken; wear wore worn; weave wove woven; wed - -; weep wept wept;
win won won; wind wound wound; wring wrung wrung; write wrote written;
shall should -; will would -; can could -; may might -;
is - -; am - -; are - -; has - -; does - -; goes - -; dies - -; lies - -;
ties - -; dying - -; lying - -; tying - -; vying - -
`

// irregularInflected maps inflected forms that the verb list cannot say in
// its base/past/participle columns to their lemma.
var irregularInflected = map[string]string{
	"is": "be", "am": "be", "are": "be", "'s": "be", "'re": "be", "'m": "be",
	"has": "have", "does": "do", "goes": "go", "dies": "die", "lies": "lie",
	"ties": "tie", "dying": "die", "lying": "lie", "tying": "tie", "vying": "vie",
	"being": "be", "having": "have", "doing": "do", "going": "go",
}

// irregularVerbs maps irregular past tenses and participles (and a few
// other forms) to the base verb; read-only after package initialisation.
var irregularVerbs = buildIrregularVerbs()

func buildIrregularVerbs() map[string]string {
	m := map[string]string{}
	for _, entry := range strings.Split(irregularVerbList, ";") {
		f := strings.Fields(entry)
		if len(f) != 3 {
			continue
		}
		base := f[0]
		for _, col := range f[1:] {
			if col == "-" {
				continue
			}
			for _, form := range strings.Split(col, "/") {
				if _, dup := m[form]; !dup && form != base {
					m[form] = base
				}
			}
		}
	}
	for k, v := range irregularInflected {
		m[k] = v
	}
	return m
}

// irregularNouns maps irregular plurals to their singular; read-only.
var irregularNouns = map[string]string{
	"men": "man", "women": "woman", "children": "child", "feet": "foot",
	"teeth": "tooth", "mice": "mouse", "geese": "goose", "oxen": "ox",
	"lives": "life", "wives": "wife", "knives": "knife", "wolves": "wolf",
	"halves": "half", "thieves": "thief", "shelves": "shelf", "loaves": "loaf",
	"calves": "calf", "selves": "self", "leaves": "leaf", "crises": "crisis",
	"analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis",
	"diagnoses": "diagnosis", "criteria": "criterion", "phenomena": "phenomenon",
	"indices": "index", "matrices": "matrix", "appendices": "appendix",
	"vertices": "vertex", "cacti": "cactus", "fungi": "fungus", "nuclei": "nucleus",
	"stimuli": "stimulus", "alumni": "alumnus", "bacteria": "bacterium",
	"curricula": "curriculum", "memoranda": "memorandum", "strata": "stratum",
	"lice": "louse", "dice": "die", "chiefs": "chief", "passersby": "passerby",
	"spokesmen": "spokesman", "spokeswomen": "spokeswoman", "policemen": "policeman",
	"congressmen": "congressman", "gunmen": "gunman", "businessmen": "businessman",
	"fishermen": "fisherman", "servicemen": "serviceman", "militiamen": "militiaman",
	"tribesmen": "tribesman", "countrymen": "countryman", "firemen": "fireman",
	"chairmen": "chairman", "kinsmen": "kinsman", "clergymen": "clergyman",
	"heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "vetoes": "veto",
	"echoes": "echo", "torpedoes": "torpedo", "embargoes": "embargo",
}

// Model file layout: magic, uvarint-prefixed tables, CRC-32 trailer.
const lemmaMagic = "dyad-lemma-1\n"

// WriteTo writes the lemmatizer in dyad's binary lemmatizer format.
func (l *Lemmatizer) WriteTo(w io.Writer) (int64, error) {
	if l == nil {
		return 0, errors.New("lemmatizer: nothing to write")
	}
	var b bytes.Buffer
	b.WriteString(lemmaMagic)
	keys := sortedKeys(l.seen)
	putUvarint(&b, uint64(len(keys)))
	for _, k := range keys {
		putString(&b, k)
		putString(&b, l.seen[k])
	}
	keys = sortedKeys(l.rules)
	putUvarint(&b, uint64(len(keys)))
	for _, k := range keys {
		putString(&b, k)
		putUvarint(&b, uint64(len(l.rules[k])))
		for _, r := range l.rules[k] {
			putUvarint(&b, uint64(r.strip))
			putString(&b, r.add)
		}
	}
	keys = sortedKeys(l.lowerCase)
	putUvarint(&b, uint64(len(keys)))
	for _, k := range keys {
		putString(&b, k)
		v := uint64(0)
		if l.lowerCase[k] {
			v = 1
		}
		putUvarint(&b, v)
	}
	binary.Write(&b, binary.LittleEndian, crc32.ChecksumIEEE(b.Bytes()))
	n, err := w.Write(b.Bytes())
	return int64(n), err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ReadLemmatizer reads a lemmatizer written by Lemmatizer.WriteTo. A
// truncated or corrupt model gives an error.
func ReadLemmatizer(r io.Reader) (*Lemmatizer, error) {
	data, err := readChecked(r, lemmaMagic)
	if err != nil {
		return nil, fmt.Errorf("lemmatizer model: %w", err)
	}
	d := &decoder{b: data}
	l := &Lemmatizer{seen: map[string]string{}, rules: map[string][]lemmaRule{}, lowerCase: map[string]bool{}}
	n := d.count(2)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		l.seen[k] = d.str()
	}
	n = d.count(3)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		na := d.count(2)
		if na > maxRuleAlts && d.err == nil {
			d.err = fmt.Errorf("rule %q has %d rewrites", k, na)
		}
		for j := 0; j < na && d.err == nil; j++ {
			strip := d.uvarint()
			add := d.str()
			if strip > 255 && d.err == nil {
				d.err = fmt.Errorf("rule %q strips %d bytes", k, strip)
			}
			l.rules[k] = append(l.rules[k], lemmaRule{strip: int(strip), add: add})
		}
	}
	n = d.count(2)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		l.lowerCase[k] = d.uvarint() == 1
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return nil, fmt.Errorf("lemmatizer model: %w", d.err)
	}
	l.index()
	return l, nil
}
