package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/nlp"
)

// TestNLPModelEnv checks that $DYAD_NLP_MODEL points the coder's analyzer
// at a model file: a file that is not there is an error naming it, and a
// model written to a file is the one loaded.
func TestNLPModelEnv(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.model.gz")
	t.Setenv(envNLPModel, missing)
	if _, err := loadAnalyzer(); err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing model file: err = %v, want one naming %s", err, missing)
	}

	p, err := nlp.Load()
	if err != nil {
		t.Skipf("embedded model: %v", err)
	}
	p.Info.Trained = "2000-01-02T03:04:05Z" // tells this copy from the embedded model
	path := filepath.Join(dir, "copy.model.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WriteModel(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envNLPModel, path)
	an, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	got, ok := an.(*nlp.Pipeline)
	if !ok || got.Info.Trained != p.Info.Trained {
		t.Fatalf("loaded %T %+v, want the model written to %s", an, got, path)
	}
	t.Setenv(envNLPModel, "")
	an, err = loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	if got := an.(*nlp.Pipeline); got.Info.Trained == p.Info.Trained {
		t.Error("with DYAD_NLP_MODEL empty, the file's model was loaded, not the embedded one")
	}
}
