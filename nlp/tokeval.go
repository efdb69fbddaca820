package nlp

import (
	"strings"
	"unicode"
)

// SegmentationScores measures how well Tokenize reproduces a treebank's
// words and sentences, in the style of the CoNLL 2018 shared task: a
// predicted word or sentence is correct when its character span in the raw
// text is exactly a gold one.
type SegmentationScores struct {
	// GoldWords is the number of syntactic words in the treebank.
	GoldWords int
	// SystemWords is the number of tokens Tokenize produced.
	SystemWords int
	// CorrectWords is the number of tokens whose span equals a gold word's.
	CorrectWords int
	// WordPrecision is CorrectWords / SystemWords.
	WordPrecision float64
	// WordRecall is CorrectWords / GoldWords.
	WordRecall float64
	// WordF1 is the harmonic mean of WordPrecision and WordRecall.
	WordF1 float64

	// GoldSentences is the number of sentences in the treebank.
	GoldSentences int
	// SystemSentences is the number of sentences Tokenize produced.
	SystemSentences int
	// CorrectSentences is the number of predicted sentences whose span
	// equals a gold sentence's (surrounding whitespace ignored).
	CorrectSentences int
	// SentencePrecision is CorrectSentences / SystemSentences.
	SentencePrecision float64
	// SentenceRecall is CorrectSentences / GoldSentences.
	SentenceRecall float64
	// SentenceF1 is the harmonic mean of SentencePrecision and
	// SentenceRecall.
	SentenceF1 float64
}

// span is a half-open byte range.
type span struct{ start, end int }

// EvaluateSegmentation rebuilds the raw documents of a treebank from its
// sentences' text (joined by a space within a paragraph and by a newline
// between paragraphs; a document starts at each NewDoc sentence), runs
// Tokenize on each document and scores the result against the gold words
// and sentences.
//
// A gold word inside a multi-word token gets the sub-span of its characters
// when the words' forms concatenate to the token's form (ignoring case),
// as "do" and "n't" in "don't"; otherwise every word of the token gets the
// whole token's span.
func EvaluateSegmentation(sents []TreebankSentence) SegmentationScores {
	var sc SegmentationScores
	var doc strings.Builder
	var gold, goldSent []span
	flush := func() {
		if doc.Len() == 0 {
			return
		}
		text := doc.String()
		var sys, sysSent []span
		for _, s := range Tokenize(text) {
			sysSent = append(sysSent, span{s.Start, s.End})
			for _, tok := range s.Tokens {
				sys = append(sys, span{tok.Start, tok.End})
			}
		}
		sc.SystemWords += len(sys)
		sc.SystemSentences += len(sysSent)
		sc.CorrectWords += countMatches(gold, sys)
		sc.CorrectSentences += countMatches(goldSent, sysSent)
		doc.Reset()
		gold, goldSent = gold[:0], goldSent[:0]
	}
	for i := range sents {
		s := &sents[i]
		if s.NewDoc {
			flush()
		}
		if doc.Len() > 0 {
			if s.NewPar {
				doc.WriteByte('\n')
			} else {
				doc.WriteByte(' ')
			}
		}
		base := doc.Len()
		doc.WriteString(s.Text)
		trimmed := strings.TrimLeftFunc(s.Text, unicode.IsSpace)
		lead := len(s.Text) - len(trimmed)
		trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
		if trimmed != "" {
			goldSent = append(goldSent, span{base + lead, base + lead + len(trimmed)})
		}
		gold = appendGoldWords(gold, s, base)
		sc.GoldWords += len(s.Words)
		sc.GoldSentences++
	}
	flush()
	sc.WordPrecision, sc.WordRecall, sc.WordF1 = prf(sc.CorrectWords, sc.SystemWords, sc.GoldWords)
	sc.SentencePrecision, sc.SentenceRecall, sc.SentenceF1 = prf(sc.CorrectSentences, sc.SystemSentences, sc.GoldSentences)
	return sc
}

// appendGoldWords appends the spans of the words of s, whose text starts at
// offset base of the document. Words whose form cannot be found in the text
// get no span (they count as missed).
func appendGoldWords(out []span, s *TreebankSentence, base int) []span {
	text := s.Text
	pos := 0
	// locate finds form in text from pos, skipping whitespace first.
	locate := func(form string) (int, bool) {
		p := pos
		for p < len(text) && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n') {
			p++
		}
		if strings.HasPrefix(text[p:], form) {
			return p, true
		}
		if k := strings.Index(text[pos:], form); k >= 0 {
			return pos + k, true
		}
		return 0, false
	}
	mw := 0
	for w := 0; w < len(s.Words); {
		if mw < len(s.MultiWord) && s.MultiWord[mw].First == w {
			m := s.MultiWord[mw]
			mw++
			last := m.Last
			if last >= len(s.Words) {
				last = len(s.Words) - 1
			}
			p, ok := locate(m.Form)
			if !ok {
				w = last + 1
				continue
			}
			end := p + len(m.Form)
			var cat strings.Builder
			for k := w; k <= last; k++ {
				cat.WriteString(s.Words[k].Form)
			}
			if strings.EqualFold(cat.String(), m.Form) && cat.Len() == len(m.Form) {
				q := p
				for k := w; k <= last; k++ {
					l := len(s.Words[k].Form)
					out = append(out, span{base + q, base + q + l})
					q += l
				}
			} else {
				for k := w; k <= last; k++ {
					out = append(out, span{base + p, base + end})
				}
			}
			pos = end
			w = last + 1
			continue
		}
		form := s.Words[w].Form
		if p, ok := locate(form); ok {
			out = append(out, span{base + p, base + p + len(form)})
			pos = p + len(form)
		}
		w++
	}
	return out
}

// countMatches counts the spans common to two lists sorted by start and
// end, each span matched at most once.
func countMatches(gold, sys []span) int {
	i, j, n := 0, 0, 0
	for i < len(gold) && j < len(sys) {
		g, s := gold[i], sys[j]
		switch {
		case g == s:
			n++
			i++
			j++
		case g.start < s.start || g.start == s.start && g.end < s.end:
			i++
		default:
			j++
		}
	}
	return n
}

// prf returns precision, recall and F1 from counts.
func prf(correct, system, gold int) (p, r, f float64) {
	if system > 0 {
		p = float64(correct) / float64(system)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
