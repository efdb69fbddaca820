package postgres

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Full-text search splits text into words the way SQLite's FTS5 unicode61
// tokenizer does (runs of letters and digits, case folded, diacritics of
// Latin letters removed), so that a query selects the same articles from
// either store. The words are stored as a tsvector with their positions
// and queried with a tsquery, both built here rather than by PostgreSQL's
// parser, whose words differ ("U.S." is one word to it, two to FTS5).

// maxPosition is the highest position a tsvector keeps; later words share
// it.
const maxPosition = 16383

// maxLexeme is the longest word, in bytes, that a tsvector takes; longer
// runs of letters are not indexed.
const maxLexeme = 2046

// maxPositionsPerWord is how many positions a tsvector keeps of one word.
const maxPositionsPerWord = 256

// words returns the words of s in order.
func words(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, fold(s[start:end]))
			start = -1
		}
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r) && start >= 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// fold lower-cases a word and removes the diacritics of its Latin letters
// (those of other scripts stay, as with FTS5's remove_diacritics=1).
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	latin := false
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			if latin {
				continue
			}
		} else {
			latin = unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// tsvector returns the tsvector literal of an article's title and text:
// every word with its positions, the text's after the title's with a gap,
// so that no phrase spans the two.
func tsvector(title, text string) string {
	pos := map[string][]int{}
	var order []string
	n := 0
	add := func(ws []string) {
		for _, w := range ws {
			n++
			if len(w) > maxLexeme {
				continue
			}
			p, ok := pos[w]
			if !ok {
				order = append(order, w)
			}
			if len(p) < maxPositionsPerWord {
				pos[w] = append(p, min(n, maxPosition))
			}
		}
	}
	add(words(title))
	n++ // the gap
	add(words(text))
	var b strings.Builder
	for i, w := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(w))
		b.WriteByte(':')
		last := -1
		first := true
		for _, p := range pos[w] {
			if p == last {
				continue // clamped positions collapse
			}
			if !first {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
			last, first = p, false
		}
	}
	return b.String()
}

// quoteLexeme quotes a word for a tsvector or tsquery literal.
func quoteLexeme(w string) string {
	w = strings.ReplaceAll(w, `\`, `\\`)
	return "'" + strings.ReplaceAll(w, "'", "''") + "'"
}

// tsquery turns a user's query into a tsquery literal: each
// whitespace-separated word of q must appear, its words (as words splits
// them) one after the other; nothing in q is query syntax. ok is false
// when q holds no word at all.
func tsquery(q string) (string, bool) {
	var parts []string
	for _, f := range strings.Fields(q) {
		ws := words(f)
		if len(ws) == 0 {
			continue
		}
		for i, w := range ws {
			ws[i] = quoteLexeme(w)
		}
		parts = append(parts, "("+strings.Join(ws, " <-> ")+")")
	}
	if len(parts) == 0 {
		return "", false
	}
	return strings.Join(parts, " & "), true
}
