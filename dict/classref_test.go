package dict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// patternByID returns the pattern of d with the ID, or fails.
func patternByID(t *testing.T, d *Dictionary, id string) *Pattern {
	t.Helper()
	for i := range d.Patterns {
		if d.Patterns[i].ID == id {
			return &d.Patterns[i]
		}
	}
	t.Fatalf("no pattern %s", id)
	return nil
}

// TestClassReferences: an "@class" in a pattern's light verbs or in a
// constraint's lemmas takes the words of the lexicon's class, and a class
// laid over the defaults replaces them.
func TestClassReferences(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id      string
		light   []string // words the light verbs must hold
		require []string // words the first constraint must hold
	}{
		{"163.imposing-sanction", []string{"impose", "issue", "slap"}, nil},
		{"046.holding-talk", []string{"hold", "have", "resume"}, nil},
		{"051.expressing-support", []string{"express", "reiterate"}, nil},
		{"111.call", nil, []string{"deplorable", "unacceptable"}},
		{"051.welcome", nil, []string{"decision", "signing"}},
	}
	for _, tt := range tests {
		p := patternByID(t, d, tt.id)
		for _, w := range tt.light {
			if !contains(p.Light, w) {
				t.Errorf("%s: light verbs %v lack %q", tt.id, p.Light, w)
			}
		}
		var req []string
		for _, dep := range p.Require {
			req = append(req, dep.Lemmas...)
		}
		for _, w := range tt.require {
			if !contains(req, w) {
				t.Errorf("%s: constraint lemmas lack %q", tt.id, w)
			}
		}
		for _, w := range append(append([]string(nil), p.Light...), req...) {
			if strings.HasPrefix(w, "@") {
				t.Errorf("%s: class reference %s left unexpanded", tt.id, w)
			}
		}
	}

	// a lexicon laid over the defaults redefines the class whole
	dir := t.TempDir()
	over := "lexicon:\n  imposing_verbs: [decree]\n"
	if err := os.WriteFile(filepath.Join(dir, "over.yaml"), []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Load(d, dir)
	if err != nil {
		t.Fatal(err)
	}
	if p := patternByID(t, o, "163.imposing-sanction"); len(p.Light) != 1 || p.Light[0] != "decree" {
		t.Errorf("overlaid imposing_verbs: light verbs %v, want [decree]", p.Light)
	}

	// a class that is not a word class is an error
	bad := t.TempDir()
	pat := "patterns:\n  - code: \"163\"\n    match:\n      - \"@no_such_verbs+sanction on=T\"\n"
	if err := os.WriteFile(filepath.Join(bad, "bad.yaml"), []byte(pat), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(d, bad); err == nil || !strings.Contains(err.Error(), "no_such_verbs") {
		t.Errorf("unknown class: err = %v, want one naming no_such_verbs", err)
	}
}
