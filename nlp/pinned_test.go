package nlp

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// pinnedOutputsFile holds a short hash of the analysis of every sentence
// of EWT dev (gold tokenization) and of PUD read as raw articles.
var pinnedOutputsFile = filepath.Join("testdata", "pinned-outputs.txt")

// pinnedSentence is the analysis of one sentence as text, one line per
// token: offsets, form, lemma, tags, head and relation.
func pinnedSentence(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		fmt.Fprintf(&b, "%d\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%s\n",
			i+1, t.Start, t.End, t.Text, t.Lemma, t.UPOS, t.XPOS, t.Head+1, t.DepRel)
	}
	return b.String()
}

// pinnedOutputs analyses EWT dev with gold tokens and PUD as articles of
// ten raw sentences (segmenter and tokenizer included), and returns each
// sentence's key and analysis, in order.
func pinnedOutputs(t *testing.T) (keys, analyses []string) {
	p := testPipeline(t)
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	pud := loadTreebank(t, "ud-pud", "en_pud-ud-test.conllu")
	for _, s := range dev {
		toks := make([]Token, len(s.Words))
		for j, w := range s.Words {
			toks[j].Text = w.Form
		}
		p.AnalyzeTokens(toks)
		keys = append(keys, "ewt-dev "+s.ID)
		analyses = append(analyses, pinnedSentence(toks))
	}
	for i := 0; i < len(pud); i += 10 {
		var texts []string
		for _, s := range pud[i:min(i+10, len(pud))] {
			texts = append(texts, s.Text)
		}
		doc := p.Process(strings.Join(texts, " "))
		for k, s := range doc.Sentences {
			keys = append(keys, fmt.Sprintf("pud-article %d.%d", i/10+1, k+1))
			analyses = append(analyses, pinnedSentence(s.Tokens))
		}
	}
	return keys, analyses
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// TestOutputsPinned checks that the embedded model's analyses (tokens,
// tags, lemmas, heads, relations) of about 3,000 sentences are exactly
// those recorded in testdata/pinned-outputs.txt, so that a change meant
// only to make the pipeline faster cannot change what it outputs. After
// an intended change of the outputs (a new model, a tokenizer fix), rerun
// with -update and say why in the commit.
func TestOutputsPinned(t *testing.T) {
	keys, analyses := pinnedOutputs(t)
	if *update {
		var b strings.Builder
		b.WriteString("# sentence key, then the first 8 bytes of the SHA-256 of its analysis (see pinned_test.go)\n")
		all := sha256.New()
		for i := range keys {
			fmt.Fprintf(&b, "%s\t%s\n", keys[i], shortHash(analyses[i]))
			all.Write([]byte(analyses[i]))
		}
		fmt.Fprintf(&b, "all\t%s\n", hex.EncodeToString(all.Sum(nil)))
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pinnedOutputsFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(pinnedOutputsFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	want := map[string]string{}
	var order []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		k, h, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("%s:%d: want key<TAB>hash", pinnedOutputsFile, line)
		}
		want[k] = h
		order = append(order, k)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	all := sha256.New()
	got := map[string]bool{}
	bad := 0
	for i, k := range keys {
		got[k] = true
		all.Write([]byte(analyses[i]))
		if h := shortHash(analyses[i]); h != want[k] {
			bad++
			if bad <= 5 {
				t.Errorf("%s: analysis changed (hash %s, pinned %q):\n%s", k, h, want[k], analyses[i])
			}
		}
	}
	for _, k := range order {
		if k != "all" && !got[k] {
			bad++
			if bad <= 5 {
				t.Errorf("%s: pinned sentence not produced", k)
			}
		}
	}
	if h := hex.EncodeToString(all.Sum(nil)); h != want["all"] {
		t.Errorf("checksum of all analyses %s, pinned %s", h, want["all"])
	}
	if bad > 0 {
		t.Errorf("%d of %d sentences differ from %s", bad, len(keys), pinnedOutputsFile)
	}
}
