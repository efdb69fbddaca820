package nlp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvaluateSegmentationTreebanks(t *testing.T) {
	cases := []struct {
		name              string
		path              []string
		minWordF1, minSF1 float64
	}{
		{"EWT test", []string{"ud-ewt", "en_ewt-ud-test.conllu"}, 0.990, 0.850},
		{"PUD", []string{"ud-pud", "en_pud-ud-test.conllu"}, 0.999, 0.990},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sents, err := ReadCoNLLUFile(treebankPath(t, c.path[0], c.path[1]))
			if err != nil {
				t.Fatal(err)
			}
			sc := EvaluateSegmentation(sents)
			t.Logf("%s: words P=%.4f R=%.4f F1=%.4f (gold %d, system %d, correct %d); sentences P=%.4f R=%.4f F1=%.4f (gold %d, system %d, correct %d)",
				c.name, sc.WordPrecision, sc.WordRecall, sc.WordF1, sc.GoldWords, sc.SystemWords, sc.CorrectWords,
				sc.SentencePrecision, sc.SentenceRecall, sc.SentenceF1, sc.GoldSentences, sc.SystemSentences, sc.CorrectSentences)
			if sc.WordF1 < c.minWordF1 {
				t.Errorf("word F1 %.4f below floor %.4f", sc.WordF1, c.minWordF1)
			}
			if sc.SentenceF1 < c.minSF1 {
				t.Errorf("sentence F1 %.4f below floor %.4f", sc.SentenceF1, c.minSF1)
			}
			if os.Getenv("DYAD_SEGDIFF") != "" {
				printSegDiff(t, sents, strings.ReplaceAll(c.name, " ", "_"))
				logMissedBoundaries(sents, strings.ReplaceAll(c.name, " ", "_"))
			}
		})
	}
}

// printSegDiff logs, per treebank sentence, the gold and predicted
// tokenization where they differ. Enable with DYAD_SEGDIFF=1.
func printSegDiff(t *testing.T, sents []TreebankSentence, name string) {
	var b strings.Builder
	for i := range sents {
		s := &sents[i]
		got := Tokenize(s.Text)
		var sys []string
		for _, g := range got {
			for _, tok := range g.Tokens {
				sys = append(sys, tok.Text)
			}
		}
		if strings.Join(sys, " ") != strings.Join(s.Forms(), " ") {
			fmt.Fprintf(&b, "W gold: %s\n  sys:  %s\n", strings.Join(s.Forms(), " "), strings.Join(sys, " "))
		}
		if len(got) > 1 {
			fmt.Fprintf(&b, "S split %d: %q\n", len(got), s.Text)
		}
	}
	os.WriteFile(filepath.Join(os.TempDir(), "segdiff-"+name+".txt"), []byte(b.String()), 0o644)
}

func TestEvaluateSegmentationSmall(t *testing.T) {
	sents := []TreebankSentence{
		{Text: "They don't agree.", NewDoc: true, NewPar: true,
			Words:     []TreebankWord{{Form: "They"}, {Form: "do"}, {Form: "n't"}, {Form: "agree"}, {Form: "."}},
			MultiWord: []TreebankToken{{First: 1, Last: 2, Form: "don't"}}},
		{Text: "Talks resume.",
			Words: []TreebankWord{{Form: "Talks"}, {Form: "resume"}, {Form: "."}}},
	}
	sc := EvaluateSegmentation(sents)
	if sc.GoldWords != 8 || sc.SystemWords != 8 || sc.CorrectWords != 8 || sc.WordF1 != 1 {
		t.Errorf("words: %+v", sc)
	}
	if sc.GoldSentences != 2 || sc.CorrectSentences != 2 || sc.SentenceF1 != 1 {
		t.Errorf("sentences: %+v", sc)
	}
	// A whole-token span when the words do not spell the token.
	sents[0].Words[1].Form = "does"
	sc = EvaluateSegmentation(sents)
	if sc.CorrectWords != 6 {
		t.Errorf("mismatched multi-word token: correct %d, want 6", sc.CorrectWords)
	}
}

// logMissedBoundaries writes the gold sentence ends that Tokenize misses.
func logMissedBoundaries(sents []TreebankSentence, name string) {
	var b strings.Builder
	for i := 0; i+1 < len(sents); i++ {
		if sents[i+1].NewPar || sents[i+1].NewDoc {
			continue
		}
		text := sents[i].Text + " " + sents[i+1].Text
		if len(Tokenize(text)) < 2 {
			a := sents[i].Text
			if len(a) > 40 {
				a = a[len(a)-40:]
			}
			n := sents[i+1].Text
			if len(n) > 30 {
				n = n[:30]
			}
			fmt.Fprintf(&b, "%q || %q\n", a, n)
		}
	}
	os.WriteFile(filepath.Join(os.TempDir(), "segmiss-"+name+".txt"), []byte(b.String()), 0o644)
}
