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
		{"verb tagged as adjective is repaired", fixture{"Police in Nairobi fired tear gas at protesters.",
			"Police NOUN police 6 nsubj ; in ADP in 3 case ; Nairobi PROPN Nairobi 1 nmod ; fired VERB fire 6 amod ; tear NOUN tear 6 compound ; gas NOUN gas 0 root ; at ADP at 8 case ; protesters NOUN protester 6 nmod ; . PUNCT . 6 punct"},
			[]string{"KEN>KEN:175"}},
		{"weapon named by the subject", fixture{"Israeli warplanes struck targets in Lebanon.",
			"Israeli ADJ Israeli 2 amod ; warplanes NOUN warplane 3 nsubj ; struck VERB strike 0 root ; targets NOUN target 3 obj ; in ADP in 6 case ; Lebanon PROPN Lebanon 4 nmod ; . PUNCT . 3 punct"},
			[]string{"ISR>LBN:195"}},
		{"question", fixture{"Will Russia attack Ukraine?",
			"Will AUX will 3 aux ; Russia PROPN Russia 3 nsubj ; attack VERB attack 0 root ; Ukraine PROPN Ukraine 3 obj ; ? PUNCT ? 3 punct"},
			nil},
		{"hedging adverb", fixture{"Russian troops allegedly shelled Kharkiv.",
			"Russian ADJ Russian 2 amod ; troops NOUN troop 4 nsubj ; allegedly ADV allegedly 4 advmod ; shelled VERB shell 0 root ; Kharkiv PROPN Kharkiv 4 obj ; . PUNCT . 4 punct"},
			nil},
		{"no object", fixture{"Russia sent no troops to Belarus.",
			"Russia PROPN Russia 2 nsubj ; sent VERB send 0 root ; no DET no 4 det ; troops NOUN troop 2 obj ; to ADP to 6 case ; Belarus PROPN Belarus 2 obl ; . PUNCT . 2 punct"},
			nil},
		{"compound source fans out", fixture{"Kenya, Uganda and Tanzania sent food aid to Somalia.",
			"Kenya PROPN Kenya 6 nsubj ; , PUNCT , 3 punct ; Uganda PROPN Uganda 1 conj ; and CCONJ and 5 cc ; Tanzania PROPN Tanzania 1 conj ; sent VERB send 0 root ; food NOUN food 8 compound ; aid NOUN aid 6 obj ; to ADP to 10 case ; Somalia PROPN Somalia 6 obl ; . PUNCT . 6 punct"},
			[]string{"KEN>SOM:073", "TZA>SOM:073", "UGA>SOM:073"}},
		{"same government collapses", fixture{"Russia's defence ministry and foreign ministry condemned Ukraine.",
			"Russia PROPN Russia 4 nmod:poss ; 's PART 's 1 case ; defence NOUN defence 4 compound ; ministry NOUN ministry 8 nsubj ; and CCONJ and 7 cc ; foreign ADJ foreign 7 amod ; ministry NOUN ministry 4 conj ; condemned VERB condemn 0 root ; Ukraine PROPN Ukraine 8 obj ; . PUNCT . 8 punct"},
			[]string{"RUS>UKR:111"}},
		{"scheduled visit is a mutual commitment", fixture{"Ethiopia's prime minister is scheduled to travel to Nairobi.",
			"Ethiopia PROPN Ethiopia 4 nmod:poss ; 's PART 's 1 case ; prime ADJ prime 4 amod ; minister NOUN minister 6 nsubj:pass ; is AUX be 6 aux:pass ; scheduled VERB schedule 0 root ; to PART to 8 mark ; travel VERB travel 6 xcomp ; to ADP to 10 case ; Nairobi PROPN Nairobi 8 obl ; . PUNCT . 6 punct"},
			[]string{"ETH>KEN:036", "KEN>ETH:036"}},
		{"joint commitment", fixture{"South Korea and Mongolia agreed to expand cooperation.",
			"South PROPN South 2 compound ; Korea PROPN Korea 5 nsubj ; and CCONJ and 4 cc ; Mongolia PROPN Mongolia 2 conj ; agreed VERB agree 0 root ; to PART to 7 mark ; expand VERB expand 5 xcomp ; cooperation NOUN cooperation 7 obj ; . PUNCT . 5 punct"},
			[]string{"KOR>MNG:0311", "MNG>KOR:0311"}},
		{"denial is 016 whatever the verb", fixture{"Iran rejected the accusation as baseless.",
			"Iran PROPN Iran 2 nsubj ; rejected VERB reject 0 root ; the DET the 4 det ; accusation NOUN accusation 2 obj ; as ADP as 6 case ; baseless ADJ baseless 2 obl ; . PUNCT . 2 punct"},
			[]string{"IRN>-:016"}},
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

func TestCoderArticleContext(t *testing.T) {
	sents := []fixture{
		{"Kenya's president arrived in Accra on Monday.",
			"Kenya PROPN Kenya 3 nmod:poss ; 's PART 's 1 case ; president NOUN president 4 nsubj ; arrived VERB arrive 0 root ; in ADP in 6 case ; Accra PROPN Accra 4 obl ; on ADP on 8 case ; Monday PROPN Monday 4 obl ; . PUNCT . 4 punct"},
		{"The president praised Ghana.",
			"The DET the 2 det ; president NOUN president 3 nsubj ; praised VERB praise 0 root ; Ghana PROPN Ghana 3 obj ; . PUNCT . 3 punct"},
		{"He later met Nigerian officials.",
			"He PRON he 3 nsubj ; later ADV later 3 advmod ; met VERB meet 0 root ; Nigerian ADJ Nigerian 5 amod ; officials NOUN official 3 obj ; . PUNCT . 3 punct"},
		{"Nairobi condemned Kampala.",
			"Nairobi PROPN Nairobi 2 nsubj ; condemned VERB condemn 0 root ; Kampala PROPN Kampala 2 obj ; . PUNCT . 2 punct"},
		{"Police in Lusaka arrested an opposition leader, the ministry said.",
			"Police NOUN police 4 nsubj ; in ADP in 3 case ; Lusaka PROPN Lusaka 1 nmod ; arrested VERB arrest 0 root ; an DET a 7 det ; opposition NOUN opposition 7 compound ; leader NOUN leader 4 obj ; , PUNCT , 11 punct ; the DET the 10 det ; ministry NOUN ministry 11 nsubj ; said VERB say 4 parataxis ; . PUNCT . 4 punct"},
	}
	var text []string
	for _, s := range sents {
		text = append(text, s.text)
	}
	c := New(&fakeAnalyzer{sents: sents}, testDict(t), nil, Options{})
	a := &dyad.Article{ID: "ctx", Text: strings.Join(text, " "), Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)}
	evs, err := c.CodeArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]dyad.Event{}
	for _, e := range evs {
		got[fmt.Sprintf("%d %s>%s:%s", e.Provenance.Sentence, e.Source.Code, orNull(e.Target.Code), e.Code)] = e
	}
	for _, want := range []string{
		"0 KEN>GHA:042", "0 GHA>KEN:043", // visit and host; capital as host
		"1 KEN>GHA:051", // a title alone resolves to the article's president
		"2 KEN>NGA:040", // a pronoun
		"3 KEN>UGA:111", // capitals for their governments
		"4 ZMB>ZMB:173", // police in Lusaka
	} {
		if _, ok := got[want]; !ok {
			var b strings.Builder
			_, _ = c.Explain(context.Background(), a, &b)
			t.Errorf("missing %s; got %v\n%s", want, evStrings(evs), b.String())
			break
		}
	}
	if e, ok := got["0 KEN>GHA:042"]; ok {
		if e.Date.Format("2006-01-02") != "2025-05-19" || e.DatePrecision != dyad.PrecisionDay {
			t.Errorf("visit dated %v %s, want 2025-05-19 day", e.Date, e.DatePrecision)
		}
		if e.Target.Role != "GOV" {
			t.Errorf("host %+v, want GOV", e.Target)
		}
	}
	if e, ok := got["0 GHA>KEN:043"]; ok && !e.Provenance.HasFlag(dyad.FlagMirror) {
		t.Errorf("043 without mirror flag: %+v", e.Provenance)
	}
	if e, ok := got["4 ZMB>ZMB:173"]; ok {
		if !e.Provenance.HasFlag(dyad.FlagReported) || e.Provenance.ReportedBy == nil {
			t.Errorf("reported event without reporter: %+v", e.Provenance)
		}
		if e.Source.Role != "COP" {
			t.Errorf("source %+v, want COP", e.Source)
		}
		if sp := e.Provenance.SourceSpan; a.Text[sp.Start:sp.End] != "Police in Lusaka" {
			t.Errorf("source span %q", a.Text[sp.Start:sp.End])
		}
	}
	for _, e := range evs {
		if e.Provenance.SentenceText != text[e.Provenance.Sentence] {
			t.Errorf("sentence text %q", e.Provenance.SentenceText)
		}
	}
}

func TestExplainSaysWhy(t *testing.T) {
	fx := fixture{"Russia did not attack Ukraine.",
		"Russia PROPN Russia 4 nsubj ; did AUX do 4 aux ; not PART not 4 advmod ; attack VERB attack 0 root ; Ukraine PROPN Ukraine 4 obj ; . PUNCT . 4 punct"}
	c := New(&fakeAnalyzer{sents: []fixture{fx}}, testDict(t), nil, Options{})
	var b strings.Builder
	evs, err := c.Explain(context.Background(), &dyad.Article{ID: "x", Text: fx.text}, &b)
	if err != nil || len(evs) != 0 {
		t.Fatalf("%v %v", evs, err)
	}
	for _, want := range []string{"parse:", "actors:", "\"Russia\" -> RUS", "patterns:", "suppressed (negated: negation)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain lacks %q:\n%s", want, b.String())
		}
	}
}

func TestEventIDStable(t *testing.T) {
	fx := fixture{"Ghana praised Togo.", "Ghana PROPN Ghana 2 nsubj ; praised VERB praise 0 root ; Togo PROPN Togo 2 obj ; . PUNCT . 2 punct"}
	c := New(&fakeAnalyzer{sents: []fixture{fx}}, testDict(t), nil, Options{})
	a := &dyad.Article{ID: "x", Text: fx.text}
	e1, _ := c.CodeArticle(context.Background(), a)
	e2, _ := c.CodeArticle(context.Background(), a)
	if len(e1) != 1 || len(e2) != 1 || e1[0].ID != e2[0].ID || e1[0].ID == "" {
		t.Fatalf("ids %v %v", e1, e2)
	}
	b := &dyad.Article{ID: "y", Text: fx.text}
	e3, _ := c.CodeArticle(context.Background(), b)
	if e3[0].ID == e1[0].ID {
		t.Errorf("same ID for another article")
	}
}

func TestCoderBadInput(t *testing.T) {
	c := New(&fakeAnalyzer{}, testDict(t), nil, Options{})
	for _, text := range []string{"", "   \n", "\xff\xfe\x00garbage", strings.Repeat("x", 200000)} {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "bad", Text: text})
		if err != nil || len(evs) != 0 {
			t.Errorf("%q...: %v %v", text[:min(len(text), 10)], evs, err)
		}
	}
	if _, err := c.CodeArticle(context.Background(), nil); err == nil {
		t.Error("nil article: no error")
	}
	// an analyzer that returns nonsense trees must not crash the coder
	bad := &nlp.Document{Text: "Russia attacked Ukraine", Sentences: []nlp.Sentence{{Start: 0, End: 23, Tokens: []nlp.Token{
		{Text: "Russia", Start: 0, End: 6, UPOS: "PROPN", Lemma: "Russia", Head: 1, DepRel: "nsubj"},
		{Text: "attacked", Start: 7, End: 15, UPOS: "VERB", Lemma: "attack", Head: 2, DepRel: "conj"},
		{Text: "Ukraine", Start: 16, End: 23, UPOS: "PROPN", Lemma: "Ukraine", Head: 1, DepRel: "obj"},
	}}}}
	c2 := New(docAnalyzer{bad}, testDict(t), nil, Options{})
	if _, err := c2.CodeArticle(context.Background(), &dyad.Article{ID: "cyc", Text: bad.Text}); err != nil {
		t.Error(err)
	}
}

type docAnalyzer struct{ d *nlp.Document }

func (a docAnalyzer) Process(string) *nlp.Document { return a.d }

func TestChunks(t *testing.T) {
	run := strings.Repeat("lorem ", 2000)
	text := "Ghana praised Togo. " + run + "\n\nTogo thanked Ghana.\n"
	cs := chunks(text, 1000)
	var got []string
	for _, c := range cs {
		got = append(got, text[c[0]:c[1]])
	}
	joined := strings.Join(got, "|")
	if !strings.Contains(joined, "Ghana praised Togo.") || !strings.Contains(joined, "Togo thanked Ghana.") || strings.Contains(joined, "lorem lorem") {
		t.Errorf("chunks: %q", joined)
	}
	for _, c := range chunks(strings.Repeat("A b. ", 10000), 1000) {
		if c[1]-c[0] > 1000 {
			t.Errorf("chunk of %d bytes", c[1]-c[0])
		}
	}
}

// FuzzCoderTrees feeds the coder arbitrary (often cyclic or inconsistent)
// dependency trees over words that name actors and events.
func FuzzCoderTrees(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{3, 3, 3, 250, 7, 1, 0, 9, 44, 17, 2, 8})
	words := []string{"Russia", "attacked", "Ukraine", "the", "two", "leaders", "spoke", "by", "phone", "with",
		"he", "said", "will", "not", "may", "if", "troops", "Kenyan", "police", "urged", "to", "send", "aid", "talks", "held", "Kremlin"}
	upos := []string{"PROPN", "VERB", "PROPN", "DET", "NUM", "NOUN", "VERB", "ADP", "NOUN", "ADP",
		"PRON", "VERB", "AUX", "PART", "AUX", "SCONJ", "NOUN", "ADJ", "NOUN", "VERB", "PART", "VERB", "NOUN", "NOUN", "VERB", "PROPN"}
	rels := []string{"root", "nsubj", "obj", "obl", "nmod", "conj", "xcomp", "ccomp", "advcl", "acl", "acl:relcl", "aux", "advmod", "case", "mark", "det", "amod", "compound", "parataxis", "nsubj:pass", "obl:agent", "nmod:poss", "flat", "cc"}
	d := testDict(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 3 || len(b) > 120 {
			return
		}
		var toks []nlp.Token
		var text strings.Builder
		for i := 0; i+2 < len(b); i += 3 {
			w := int(b[i]) % len(words)
			start := text.Len()
			text.WriteString(words[w])
			toks = append(toks, nlp.Token{Text: words[w], Start: start, End: text.Len(), UPOS: upos[w], XPOS: "VBD",
				Lemma: strings.ToLower(words[w]), Head: int(b[i+1])%(len(b)/3+1) - 1, DepRel: rels[int(b[i+2])%len(rels)]})
			text.WriteByte(' ')
		}
		doc := &nlp.Document{Text: text.String(), Sentences: []nlp.Sentence{{Start: 0, End: text.Len(), Tokens: toks}}}
		c := New(docAnalyzer{doc}, d, nil, Options{})
		a := &dyad.Article{ID: "f", Text: doc.Text, Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)}
		if _, err := c.CodeArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		if _, err := c.Explain(context.Background(), a, &sb); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCoderConcurrent(t *testing.T) {
	fx := fixture{"Ghana praised Togo.", "Ghana PROPN Ghana 2 nsubj ; praised VERB praise 0 root ; Togo PROPN Togo 2 obj ; . PUNCT . 2 punct"}
	c := New(&fakeAnalyzer{sents: []fixture{fx}}, testDict(t), nil, Options{})
	done := make(chan []dyad.Event, 8)
	for i := 0; i < 8; i++ {
		go func() {
			evs, _ := c.CodeArticle(context.Background(), &dyad.Article{ID: "x", Text: fx.text})
			done <- evs
		}()
	}
	for i := 0; i < 8; i++ {
		if evs := <-done; len(evs) != 1 || evs[0].Code != "051" {
			t.Errorf("concurrent coding: %v", evs)
		}
	}
}
