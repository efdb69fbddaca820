package nlp

import (
	"os"
	"path/filepath"
	"testing"
)

// Tests that measure accuracy read the treebanks in the project's shared
// folder beside the repository (../../shared from this package). A fresh
// clone without it skips those tests with a message; CI always has it.

// treebankPath returns the path of a shared treebank file, or skips the test
// when the treebanks are not beside the repository.
func treebankPath(t testing.TB, dir, file string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", dir, file)
	if _, err := os.Stat(p); err != nil {
		t.Skip("../../shared/" + dir + " not found: accuracy tests need the treebanks beside the repository")
	}
	return p
}

// loadTreebank reads a shared treebank file, skipping as treebankPath does.
func loadTreebank(t testing.TB, dir, file string) []TreebankSentence {
	t.Helper()
	s, err := ReadCoNLLUFile(treebankPath(t, dir, file))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
