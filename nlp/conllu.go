package nlp

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// TreebankWord is one syntactic word of a CoNLL-U sentence.
type TreebankWord struct {
	Form, Lemma, UPOS, XPOS string
	// Head is the 0-based index of the head word, -1 for the root.
	Head   int
	DepRel string
	// SpaceAfter is false when the MISC column says SpaceAfter=No (for a
	// word inside a multi-word token, the token's value).
	SpaceAfter bool
	// AltUPOS is not read from CoNLL-U: where UPOS was predicted by a
	// tagger (JackknifeTags), it is the runner-up universal tag when the
	// tagger was unsure (Tagger.TagAlternatives), for training and
	// evaluating the parser on what it will see.
	AltUPOS string
}

// TreebankToken is a multi-word token range of a CoNLL-U sentence: the
// surface form Form covers words First..Last (0-based, inclusive).
type TreebankToken struct {
	First, Last int
	Form        string
	SpaceAfter  bool
}

// TreebankSentence is one sentence of a CoNLL-U file, as needed to train and
// evaluate the pipeline.
type TreebankSentence struct {
	// ID is the sent_id comment, Text the text comment.
	ID, Text string
	// NewDoc and NewPar are true when the sentence opens a document or a
	// paragraph.
	NewDoc, NewPar bool
	Words          []TreebankWord
	// MultiWord lists the multi-word tokens (such as "don't" = do + n't).
	MultiWord []TreebankToken
	// Line is the line number of the sentence's first line in its file.
	Line int
}

// Forms returns the word forms of the sentence.
func (s *TreebankSentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// ReadCoNLLUFile reads a CoNLL-U treebank file.
func ReadCoNLLUFile(path string) ([]TreebankSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ReadCoNLLU reads sentences in CoNLL-U format. Empty nodes (enhanced
// dependencies, IDs such as 8.1) are skipped. Errors name the line.
func ReadCoNLLU(r io.Reader) ([]TreebankSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []TreebankSentence
	var cur TreebankSentence
	started := false
	lineNo := 0
	flush := func() error {
		if !started {
			return nil
		}
		for i, w := range cur.Words {
			if w.Head < -1 || w.Head >= len(cur.Words) {
				return fmt.Errorf("line %d: word %d has head %d outside the sentence", cur.Line, i+1, w.Head+1)
			}
		}
		for _, m := range cur.MultiWord {
			for i := m.First; i <= m.Last && i < len(cur.Words); i++ {
				cur.Words[i].SpaceAfter = i < m.Last || m.SpaceAfter
			}
		}
		out = append(out, cur)
		cur = TreebankSentence{}
		started = false
		return nil
	}
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if line == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if !started {
			started = true
			cur.Line = lineNo
		}
		if line[0] == '#' {
			key, val, _ := strings.Cut(strings.TrimSpace(line[1:]), "=")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			switch {
			case key == "sent_id":
				cur.ID = val
			case key == "text":
				cur.Text = val
			case strings.HasPrefix(key, "newdoc"):
				cur.NewDoc = true
			case strings.HasPrefix(key, "newpar"):
				cur.NewPar = true
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("line %d: want 10 tab-separated columns, got %d", lineNo, len(cols))
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue
		}
		space := !strings.Contains(cols[9], "SpaceAfter=No")
		if a, b, ok := strings.Cut(id, "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || first < 1 || first > last {
				return nil, fmt.Errorf("line %d: bad token range %q", lineNo, id)
			}
			cur.MultiWord = append(cur.MultiWord, TreebankToken{First: first - 1, Last: last - 1, Form: cols[1], SpaceAfter: space})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("line %d: bad word id %q", lineNo, id)
		}
		head := -1
		if cols[6] != "_" {
			h, err := strconv.Atoi(cols[6])
			if err != nil {
				return nil, fmt.Errorf("line %d: bad head %q", lineNo, cols[6])
			}
			head = h - 1
		}
		cur.Words = append(cur.Words, TreebankWord{
			Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Head: head, DepRel: cols[7], SpaceAfter: space,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", lineNo, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteCoNLLU writes an analysed document in CoNLL-U format, one block per
// sentence, with the sentence text and each token's byte span (in the MISC
// column as Start=..|End=..) so that output can be checked against the
// input.
func WriteCoNLLU(w io.Writer, doc *Document) error {
	bw := bufio.NewWriter(w)
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		fmt.Fprintf(bw, "# sent_id = %d\n# text = %s\n", si+1, strings.ReplaceAll(doc.SentenceText(si), "\n", " "))
		for i, t := range s.Tokens {
			lemma, upos, xpos, rel := orUnderscore(t.Lemma), orUnderscore(t.UPOS), orUnderscore(t.XPOS), orUnderscore(t.DepRel)
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\tStart=%d|End=%d\n",
				i+1, t.Text, lemma, upos, xpos, t.Head+1, rel, t.Start, t.End)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
