package coder

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp"
)

// TestCodesTreebankDocuments codes the development documents of the UD
// treebanks (EWT's web text and GUM's news, interviews and how-tos: text
// the rules were not written for) as articles, one per document, and
// fails on an error or a panic. Rules that call one another — a pronoun
// resolved as a speaker whose pronoun is resolved again — have recursed
// without end on such text before. Skips when ../shared is absent.
func TestCodesTreebankDocuments(t *testing.T) {
	c := testRealCoder(t)
	files := []string{
		filepath.Join("..", "..", "shared", "ud-ewt", "en_ewt-ud-dev.conllu"),
		filepath.Join("..", "..", "shared", "ud-gum", "en_gum-ccby-dev.conllu"),
	}
	pub := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, path := range files {
		if _, err := os.Stat(path); err != nil {
			t.Logf("skipping %s: %v (the treebanks live in ../shared beside the project)", path, err)
			continue
		}
		sents, err := nlp.ReadCoNLLUFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		var b strings.Builder
		flush := func() {
			if b.Len() > 0 {
				docs = append(docs, b.String())
				b.Reset()
			}
		}
		for _, s := range sents {
			if s.NewDoc {
				flush()
			} else if s.NewPar && b.Len() > 0 {
				b.WriteString("\n\n")
			}
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte(' ')
			}
			b.WriteString(s.Text)
		}
		flush()
		for i, text := range docs {
			a := &dyad.Article{ID: filepath.Base(path), Text: text, Published: pub}
			if _, _, err := c.Decide(context.Background(), a); err != nil {
				t.Errorf("%s document %d: %v", path, i, err)
			}
		}
		t.Logf("%s: %d documents coded", filepath.Base(path), len(docs))
	}
}
