package coder

import (
	"testing"

	"github.com/dyad-events/dyad/dict"
)

// TestLexiconClasses: the coder reads every word class of the dictionary's
// lexicon and no class the dictionary does not know, and each holds words.
func TestLexiconClasses(t *testing.T) {
	read := map[string]bool{"agent_roles": true, "event_anaphors": true}
	lx := newLexicon(testDict(t))
	for _, c := range lx.plainClasses() {
		if read[c.name] {
			t.Errorf("class %s read twice", c.name)
		}
		read[c.name] = true
		if len(*c.set) == 0 {
			t.Errorf("class %s is empty", c.name)
		}
	}
	for _, wc := range dict.WordClasses() {
		if !read[wc.Name] {
			t.Errorf("word class %s is not read by the coder", wc.Name)
		}
		delete(read, wc.Name)
	}
	for n := range read {
		t.Errorf("the coder reads word class %s, which dict does not define", n)
	}
	if len(lx.agentRoles) == 0 || len(lx.eventAnaphors) == 0 {
		t.Error("tagged classes empty")
	}
	if empty := newLexicon(nil); len(empty.speech) != 0 {
		t.Error("a lexicon without dictionary has words")
	}
}
