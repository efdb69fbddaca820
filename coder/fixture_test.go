package coder

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// fixture is a hand-parsed sentence: tokens as "form UPOS lemma head rel"
// (head 1-based, 0 for the root), separated by " ; ".
type fixture struct {
	text  string
	parse string
}

// fakeAnalyzer returns hand-made parses of known sentences.
type fakeAnalyzer struct {
	sents []fixture
}

func (f *fakeAnalyzer) Process(text string) *nlp.Document {
	doc := &nlp.Document{Text: text}
	pos := 0
	for _, fx := range f.sents {
		i := strings.Index(text[pos:], fx.text)
		if i < 0 {
			continue
		}
		start := pos + i
		s := nlp.Sentence{Start: start, End: start + len(fx.text)}
		off := start
		for _, tk := range strings.Split(fx.parse, " ; ") {
			fs := strings.Fields(tk)
			if len(fs) != 5 {
				panic("bad fixture token " + tk)
			}
			head, _ := strconv.Atoi(fs[3])
			j := strings.Index(text[off:s.End], fs[0])
			if j < 0 {
				panic("token " + fs[0] + " not in " + fx.text)
			}
			t := nlp.Token{Text: fs[0], Start: off + j, End: off + j + len(fs[0]), UPOS: fs[1], Lemma: fs[2], Head: head - 1, DepRel: fs[4]}
			t.XPOS = xposFor(fs[1], fs[0], fs[2])
			off = t.End
			s.Tokens = append(s.Tokens, t)
		}
		doc.Sentences = append(doc.Sentences, s)
		pos = s.End
	}
	return doc
}

func xposFor(upos, form, lemma string) string {
	switch upos {
	case "VERB":
		switch {
		case strings.HasSuffix(form, "ing"):
			return "VBG"
		case form != lemma && (strings.HasSuffix(form, "ed") || strings.HasSuffix(form, "en")):
			return "VBD"
		}
		return "VB"
	case "NOUN":
		if form != lemma {
			return "NNS"
		}
		return "NN"
	case "PROPN":
		return "NNP"
	}
	return upos
}

func testDict(t testing.TB) *dict.Dictionary {
	t.Helper()
	d, err := dict.Default()
	if err != nil {
		t.Fatalf("dict.Default: %v", err)
	}
	return d
}

// evString renders events as sorted "SRC>TGT:CODE" strings.
func evStrings(evs []dyad.Event) []string {
	var out []string
	for _, e := range evs {
		tgt := e.Target.Code
		if tgt == "" {
			tgt = "-"
		}
		out = append(out, fmt.Sprintf("%s>%s:%s", e.Source.Code, tgt, e.Code))
	}
	sort.Strings(out)
	return out
}

func TestCoderFixtures(t *testing.T) {
	tests := []struct {
		name string
		fx   fixture
		want []string
	}{
		{"attack with date", fixture{"Russian troops shelled Kharkiv on Monday.",
			"Russian ADJ Russian 2 amod ; troops NOUN troop 3 nsubj ; shelled VERB shell 0 root ; Kharkiv PROPN Kharkiv 3 obj ; on ADP on 6 case ; Monday PROPN Monday 3 obl ; . PUNCT . 3 punct"},
			[]string{"RUS>UKR:194"}},
		{"negated", fixture{"Russia did not attack Ukraine.",
			"Russia PROPN Russia 4 nsubj ; did AUX do 4 aux ; not PART not 4 advmod ; attack VERB attack 0 root ; Ukraine PROPN Ukraine 4 obj ; . PUNCT . 4 punct"},
			nil},
		{"speculative", fixture{"Russia may have attacked Ukraine.",
			"Russia PROPN Russia 4 nsubj ; may AUX may 4 aux ; have AUX have 4 aux ; attacked VERB attack 0 root ; Ukraine PROPN Ukraine 4 obj ; . PUNCT . 4 punct"},
			nil},
		{"phone call both ways", fixture{"Hungary's foreign minister spoke by telephone with his Romanian counterpart.",
			"Hungary PROPN Hungary 4 nmod:poss ; 's PART 's 1 case ; foreign ADJ foreign 4 amod ; minister NOUN minister 5 nsubj ; spoke VERB speak 0 root ; by ADP by 7 case ; telephone NOUN telephone 5 obl ; with ADP with 11 case ; his PRON he 11 nmod:poss ; Romanian ADJ Romanian 11 amod ; counterpart NOUN counterpart 5 obl ; . PUNCT . 5 punct"},
			[]string{"HUN>ROU:041", "ROU>HUN:041"}},
		{"visit and host", fixture{"Spain's prime minister arrived in Rabat on Monday.",
			"Spain PROPN Spain 4 nmod:poss ; 's PART 's 1 case ; prime ADJ prime 4 amod ; minister NOUN minister 5 nsubj ; arrived VERB arrive 0 root ; in ADP in 7 case ; Rabat PROPN Rabat 5 obl ; on ADP on 9 case ; Monday PROPN Monday 5 obl ; . PUNCT . 5 punct"},
			[]string{"ESP>MAR:042", "MAR>ESP:043"}},
		{"reported speech", fixture{"Colombian troops killed six guerrillas, the defence ministry said.",
			"Colombian ADJ Colombian 2 amod ; troops NOUN troop 3 nsubj ; killed VERB kill 0 root ; six NUM six 5 nummod ; guerrillas NOUN guerrilla 3 obj ; , PUNCT , 10 punct ; the DET the 9 det ; defence NOUN defence 9 compound ; ministry NOUN ministry 10 nsubj ; said VERB say 3 parataxis ; . PUNCT . 3 punct"},
			[]string{"COL>COL:190"}},
		{"commitment", fixture{"Finland will send medical supplies to Mozambique.",
			"Finland PROPN Finland 3 nsubj ; will AUX will 3 aux ; send VERB send 0 root ; medical ADJ medical 5 amod ; supplies NOUN supply 3 obj ; to ADP to 7 case ; Mozambique PROPN Mozambique 3 obl ; . PUNCT . 3 punct"},
			[]string{"FIN>MOZ:0333"}},
		{"negated future is a refusal", fixture{"Russia will not withdraw its troops from Ukraine.",
			"Russia PROPN Russia 4 nsubj ; will AUX will 4 aux ; not PART not 4 advmod ; withdraw VERB withdraw 0 root ; its PRON its 6 nmod:poss ; troops NOUN troop 4 obj ; from ADP from 8 case ; Ukraine PROPN Ukraine 4 obl ; . PUNCT . 4 punct"},
			[]string{"RUS>UKR:1246"}},
		{"accusation only", fixture{"Malaysia accused Thai crews of entering its waters.",
			"Malaysia PROPN Malaysia 2 nsubj ; accused VERB accuse 0 root ; Thai ADJ Thai 4 amod ; crews NOUN crew 2 obj ; of SCONJ of 6 mark ; entering VERB enter 2 advcl ; its PRON its 8 nmod:poss ; waters NOUN water 6 obj ; . PUNCT . 2 punct"},
			[]string{"MYS>THA:112"}},
		{"appeal fans out", fixture{"Somalia urged Saudi Arabia and Egypt to send food aid.",
			"Somalia PROPN Somalia 2 nsubj ; urged VERB urge 0 root ; Saudi PROPN Saudi 4 compound ; Arabia PROPN Arabia 2 obj ; and CCONJ and 6 cc ; Egypt PROPN Egypt 4 conj ; to PART to 8 mark ; send VERB send 2 xcomp ; food NOUN food 10 compound ; aid NOUN aid 8 obj ; . PUNCT . 2 punct"},
			[]string{"SOM>EGY:0233", "SOM>SAU:0233"}},
		{"hypothetical", fixture{"If Russia attacks Ukraine, Poland would respond.",
			"If SCONJ if 3 mark ; Russia PROPN Russia 3 nsubj ; attacks VERB attack 8 advcl ; Ukraine PROPN Ukraine 3 obj ; , PUNCT , 3 punct ; Poland PROPN Poland 8 nsubj ; would AUX would 8 aux ; respond VERB respond 0 root ; . PUNCT . 8 punct"},
			nil},
		{"mutual verb with compound subject", fixture{"Armenian and Azerbaijani forces clashed overnight.",
			"Armenian ADJ Armenian 4 amod ; and CCONJ and 3 cc ; Azerbaijani ADJ Azerbaijani 1 conj ; forces NOUN force 5 nsubj ; clashed VERB clash 0 root ; overnight ADV overnight 5 advmod ; . PUNCT . 5 punct"},
			[]string{"ARM>AZE:190", "AZE>ARM:190"}},
		{"belief is not an event", fixture{"Analysts believe Russia attacked Ukraine.",
			"Analysts NOUN analyst 2 nsubj ; believe VERB believe 0 root ; Russia PROPN Russia 4 nsubj ; attacked VERB attack 2 ccomp ; Ukraine PROPN Ukraine 4 obj ; . PUNCT . 2 punct"},
			nil},
		{"talks take precedence", fixture{"Kazakhstan's president hosted his Kyrgyz counterpart for talks.",
			"Kazakhstan PROPN Kazakhstan 4 nmod:poss ; 's PART 's 1 case ; president NOUN president 4 nsubj ; hosted VERB host 0 root ; his PRON he 7 nmod:poss ; Kyrgyz ADJ Kyrgyz 7 amod ; counterpart NOUN counterpart 4 obj ; for ADP for 9 case ; talks NOUN talk 4 obl ; . PUNCT . 4 punct"},
			[]string{"KAZ>KGZ:046", "KGZ>KAZ:046"}},
		{"nominalised event is background", fixture{"The army's siege of the town continued.",
			"The DET the 2 det ; army NOUN army 4 nmod:poss ; 's PART 's 2 case ; siege NOUN siege 7 nsubj ; of ADP of 6 case ; town NOUN town 4 nmod ; continued VERB continue 0 root ; . PUNCT . 7 punct"},
			nil},
	}
	d := testDict(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(&fakeAnalyzer{sents: []fixture{tt.fx}}, d, cameo.Default(), Options{})
			a := &dyad.Article{ID: "t", Text: tt.fx.text, Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)}
			evs, err := c.CodeArticle(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			got := evStrings(evs)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				var b strings.Builder
				_, _ = c.Explain(context.Background(), a, &b)
				t.Errorf("got %v, want %v\n%s", got, tt.want, b.String())
			}
			for _, e := range evs {
				p := e.Provenance
				if p.ArticleID != "t" || p.PatternID == "" || p.TriggerSpan.End <= p.TriggerSpan.Start || p.SourceSpan.End <= p.SourceSpan.Start {
					t.Errorf("incomplete provenance: %+v", p)
				}
				if e.ID == "" || e.QuadClass == 0 {
					t.Errorf("event without ID or quad class: %+v", e)
				}
			}
		})
	}
}
