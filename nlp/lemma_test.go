package nlp

import (
	"bytes"
	"testing"
)

// toyLemmaTrain teaches a lemmatizer a few regular patterns, with enough
// word types per suffix for the rules to be used.
func toyLemmaTrain() []TreebankSentence {
	rows := [][4]string{
		{"parties", "party", "NOUN", "NNS"}, {"cities", "city", "NOUN", "NNS"},
		{"armies", "army", "NOUN", "NNS"}, {"bodies", "body", "NOUN", "NNS"},
		{"tanks", "tank", "NOUN", "NNS"}, {"troops", "troop", "NOUN", "NNS"},
		{"talks", "talk", "NOUN", "NNS"}, {"boxes", "box", "NOUN", "NNS"},
		{"taxes", "tax", "NOUN", "NNS"}, {"churches", "church", "NOUN", "NNS"},
		{"marches", "march", "NOUN", "NNS"},
		{"carries", "carry", "VERB", "VBZ"}, {"denies", "deny", "VERB", "VBZ"},
		{"worries", "worry", "VERB", "VBZ"}, {"attacks", "attack", "VERB", "VBZ"},
		{"stopped", "stop", "VERB", "VBD"}, {"planned", "plan", "VERB", "VBD"},
		{"dropped", "drop", "VERB", "VBD"}, {"shipped", "ship", "VERB", "VBD"},
		{"banned", "ban", "VERB", "VBD"}, {"grabbed", "grab", "VERB", "VBD"},
		{"robbed", "rob", "VERB", "VBD"}, {"hoped", "hope", "VERB", "VBD"},
		{"scoped", "scope", "VERB", "VBD"}, {"attacked", "attack", "VERB", "VBD"},
		{"killed", "kill", "VERB", "VBD"}, {"wanted", "want", "VERB", "VBD"},
		{"arrested", "arrest", "VERB", "VBN"}, {"accused", "accuse", "VERB", "VBN"},
		{"used", "use", "VERB", "VBN"}, {"killed", "kill", "VERB", "VBN"},
		{"tried", "try", "VERB", "VBD"}, {"denied", "deny", "VERB", "VBD"},
		{"making", "make", "VERB", "VBG"}, {"taking", "take", "VERB", "VBG"},
		{"talking", "talk", "VERB", "VBG"}, {"killing", "kill", "VERB", "VBG"},
		{"running", "run", "VERB", "VBG"}, {"stopping", "stop", "VERB", "VBG"},
		{"bigger", "big", "ADJ", "JJR"}, {"larger", "large", "ADJ", "JJR"},
		{"older", "old", "ADJ", "JJR"}, {"higher", "high", "ADJ", "JJR"},
		{"The", "the", "DET", "DT"}, {"I", "I", "PRON", "PRP"}, {"him", "he", "PRON", "PRP"},
		{"Paris", "Paris", "PROPN", "NNP"}, {"Americans", "American", "PROPN", "NNPS"},
		{"Iraqis", "Iraqi", "PROPN", "NNPS"}, {"Democrats", "Democrat", "PROPN", "NNPS"},
		{"n't", "not", "PART", "RB"},
	}
	var s TreebankSentence
	for _, r := range rows {
		s.Words = append(s.Words, TreebankWord{Form: r[0], Lemma: r[1], UPOS: r[2], XPOS: r[3]})
	}
	return []TreebankSentence{s}
}

func TestLemmaIrregularAndRules(t *testing.T) {
	l := TrainLemmatizer(toyLemmaTrain())
	tests := []struct {
		form, upos, xpos, want string
	}{
		// Irregular verbs and plurals from the built-in tables.
		{"spoke", "VERB", "VBD", "speak"},
		{"spoken", "VERB", "VBN", "speak"},
		{"struck", "VERB", "VBD", "strike"},
		{"fled", "VERB", "VBD", "flee"},
		{"sought", "VERB", "VBD", "seek"},
		{"met", "VERB", "VBD", "meet"},
		{"held", "VERB", "VBN", "hold"},
		{"withdrew", "VERB", "VBD", "withdraw"},
		{"overran", "VERB", "VBD", "overrun"},
		{"Fled", "VERB", "VBD", "flee"},
		{"women", "NOUN", "NNS", "woman"},
		{"gunmen", "NOUN", "NNS", "gunman"},
		{"crises", "NOUN", "NNS", "crisis"},
		// Learned suffix rules, on words the toy data lacks.
		{"allies", "NOUN", "NNS", "ally"},
		{"militias", "NOUN", "NNS", "militia"},
		{"rallies", "VERB", "VBZ", "rally"},
		{"carried", "VERB", "VBD", "carry"},
		{"chopped", "VERB", "VBD", "chop"},
		{"Americans", "PROPN", "NNPS", "American"},
		// Seen forms come from the lookup.
		{"him", "PRON", "PRP", "he"},
		{"The", "DET", "DT", "the"},
		{"n't", "PART", "RB", "not"},
		// Proper nouns and numbers keep their form.
		{"Kabul", "PROPN", "NNP", "Kabul"},
		{"Taliban", "PROPN", "NNP", "Taliban"},
		{"1984", "NUM", "CD", "1984"},
		{"1,200", "NUM", "CD", "1200"},
		{"", "X", "", ""},
	}
	for _, tc := range tests {
		if got := l.Lemma(tc.form, tc.upos, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", tc.form, tc.upos, tc.xpos, got, tc.want)
		}
	}
}

// TestLemmaUnseenWords checks the learned suffix rules on words that do not
// occur in EWT train.
func TestLemmaUnseenWords(t *testing.T) {
	_, lm := trainedModels(t)
	tests := []struct {
		form, upos, xpos, want string
	}{
		{"militias", "NOUN", "NNS", "militia"},
		{"skirmishes", "NOUN", "NNS", "skirmish"},
		{"insurgencies", "NOUN", "NNS", "insurgency"},
		{"airstrikes", "NOUN", "NNS", "airstrike"},
		{"rallies", "VERB", "VBZ", "rally"},
		{"threatens", "VERB", "VBZ", "threaten"},
		{"condemned", "VERB", "VBD", "condemn"},
		{"bombed", "VERB", "VBD", "bomb"},
		{"shelled", "VERB", "VBD", "shell"},
		{"chopped", "VERB", "VBN", "chop"},
		{"lobbied", "VERB", "VBD", "lobby"},
		{"mobilized", "VERB", "VBN", "mobilize"},
		{"Mobilized", "VERB", "VBN", "mobilize"},
		{"shelling", "VERB", "VBG", "shell"},
		{"sanctioning", "VERB", "VBG", "sanction"},
		{"bolder", "ADJ", "JJR", "bold"},
		{"Kandahar", "PROPN", "NNP", "Kandahar"},
		{"Pashtuns", "PROPN", "NNPS", "Pashtun"},
		// Irregular forms from the built-in tables.
		{"overran", "VERB", "VBD", "overrun"},
		{"smote", "VERB", "VBD", "smite"},
		{"tribesmen", "NOUN", "NNS", "tribesman"},
	}
	for _, tc := range tests {
		if got := lm.Lemma(tc.form, tc.upos, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", tc.form, tc.upos, tc.xpos, got, tc.want)
		}
	}
}

func TestLemmaAccuracy(t *testing.T) {
	// Gold tags isolate the lemmatizer; TestTaggerAccuracy measures it on
	// predicted tags.
	_, lm := trainedModels(t)
	for _, tc := range []struct{ name, dir, file string }{
		{"EWT dev", "ud-ewt", "en_ewt-ud-dev.conllu"},
		{"PUD", "ud-pud", "en_pud-ud-test.conllu"},
	} {
		sents := loadTreebank(t, tc.dir, tc.file)
		right, n := 0, 0
		for _, s := range sents {
			for _, w := range s.Words {
				n++
				if lm.Lemma(w.Form, w.UPOS, w.XPOS) == w.Lemma {
					right++
				}
			}
		}
		t.Logf("%s: lemma accuracy with gold tags %.2f%%", tc.name, 100*float64(right)/float64(n))
	}
}

func TestLemmaAllocs(t *testing.T) {
	l := TrainLemmatizer(toyLemmaTrain())
	allocs := testing.AllocsPerRun(100, func() {
		l.Lemma("parties", "NOUN", "NNS")
		l.Lemma("The", "DET", "DT")
		l.Lemma("Kabul", "PROPN", "NNP")
		l.Lemma("1984", "NUM", "CD")
	})
	if allocs != 0 {
		t.Errorf("Lemma of seen forms allocates %.1f times", allocs)
	}
}

func TestLemmaRoundTrip(t *testing.T) {
	l := TrainLemmatizer(toyLemmaTrain())
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	l2, err := ReadLemmatizer(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range [][3]string{
		{"parties", "NOUN", "NNS"}, {"militias", "NOUN", "NNS"}, {"stopped", "VERB", "VBD"},
		{"fled", "VERB", "VBD"}, {"Americans", "PROPN", "NNPS"}, {"Him", "PRON", "PRP"},
	} {
		if a, b := l.Lemma(w[0], w[1], w[2]), l2.Lemma(w[0], w[1], w[2]); a != b {
			t.Errorf("%v: %q before writing, %q after reading", w, a, b)
		}
	}
	good := buf.Bytes()
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/3] ^= 0x01
	for name, data := range map[string][]byte{
		"empty": nil, "truncated": good[:len(good)-3], "flipped": flipped,
		"tagger magic": []byte(taggerMagic + "abcd"),
	} {
		if _, err := ReadLemmatizer(bytes.NewReader(data)); err == nil {
			t.Errorf("%s model: want an error", name)
		}
	}
}

func TestLemmaNil(t *testing.T) {
	var l *Lemmatizer
	if got := l.Lemma("ran", "VERB", "VBD"); got != "ran" {
		t.Errorf("nil lemmatizer: %q", got)
	}
	l = TrainLemmatizer(nil)
	if got := l.Lemma("ran", "VERB", "VBD"); got != "run" {
		t.Errorf("empty lemmatizer: %q", got)
	}
	long := string(bytes.Repeat([]byte("ab"), 200))
	if got := l.Lemma(long, "NOUN", "NN"); got != long {
		t.Errorf("long word changed")
	}
}
