package coder

import (
	"strings"
	"unicode"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// The repair stage mends parse and tagging errors that the patterns trip
// on, before anything is matched. A rule changes the sentence's copy of
// the parse (never the document) and returns the tokens it repaired; the
// tree is rebuilt after each rule that changed it. A new parse repair goes
// in repairRules, with a test sentence whose parse shows the error (the
// parser is retrained from time to time: a repair that no longer fires is
// dead weight).

// repairRule mends one kind of parse error.
type repairRule struct {
	id string
	fn func(sc *sentCtx) []int
}

// repairRules are the repairs, in the order they run.
func repairRules() []repairRule {
	return []repairRule{
		{"repair.verb-lemma", (*sentCtx).repairVerbLemmas},
		{"repair.hyphen-word", (*sentCtx).repairHyphenWords},
		{"repair.adjective-name", (*sentCtx).repairAdjectiveNames},
		{"repair.verb-modifier", (*sentCtx).repairVerbModifiers},
		{"repair.have-verb", (*sentCtx).repairHaveVerbs},
		{"repair.progressive-modifier", (*sentCtx).repairProgressiveModifiers},
		{"repair.comma-participle", (*sentCtx).repairCommaParticiples},
		{"repair.coordinated-verb", (*sentCtx).repairCoordinatedVerbs},
		{"repair.verb-compound-subject", (*sentCtx).repairVerbCompoundSubjects},
		{"repair.subject-verb-modifier", (*sentCtx).repairSubjectVerbModifiers},
		{"repair.reduced-relative", (*sentCtx).repairReducedRelatives},
		{"repair.object-predicate", (*sentCtx).repairObjectPredicates},
		{"repair.plural-noun", (*sentCtx).repairPluralNouns},
		{"repair.clause-subject", (*sentCtx).repairClauseSubjects},
		{"repair.temporal-subject", (*sentCtx).repairTemporalSubjects},
		{"repair.schedule-infinitive", (*sentCtx).repairScheduleInfinitives},
		{"repair.speech-participle", (*sentCtx).repairSpeechParticiples},
		{"repair.quoted-content", (*sentCtx).repairQuotedContents},
		{"repair.trailing-attribution", (*sentCtx).repairTrailingAttributions},
		{"repair.modal-verb", (*sentCtx).repairModalVerbs},
		{"repair.attribution-root", (*sentCtx).repairAttributionRoots},
		{"repair.onset-subject", (*sentCtx).repairOnsetSubjects},
		{"repair.opening-participle", (*sentCtx).repairOpeningParticiples},
		{"repair.object-oblique", (*sentCtx).repairObjectObliques},
		{"repair.tensed-conjunct", (*sentCtx).repairTensedConjuncts},
		{"repair.subject-participle", (*sentCtx).repairSubjectParticiples},
		{"repair.object-conjunct", (*sentCtx).repairObjectConjuncts},
		{"repair.subordinate-subject", (*sentCtx).repairSubordinateSubjects},
	}
}

// repair runs the repair rules, recording what they mended.
func (sc *sentCtx) repair() {
	for _, r := range sc.c.rules.repairs {
		toks := r.fn(sc)
		if len(toks) == 0 {
			continue
		}
		if r.id != "repair.verb-lemma" && r.id != "repair.hyphen-word" {
			sc.tree = nlp.NewTree(sc.s)
		}
		if sc.rec != nil {
			for _, t := range toks {
				sc.rec.add(dyad.Decision{ArticleID: sc.art.a.ID, Sentence: sc.idx, Trigger: sc.span(t, t), Word: sc.words[t],
					Rule: r.id, Verdict: dyad.VerdictRepaired, Why: "lemma " + sc.lemmas[t] + ", " + sc.upos(t) + " " + sc.rel(t)})
				sc.rec.printf("  repaired %q  <- %s\n", sc.words[t], r.id)
			}
		}
	}
}

// repairVerbLemmas mends verb lemmas the lemmatizer got wrong ("shelled"
// -> "shel") when a form derived from the word is a pattern trigger.
func (sc *sentCtx) repairVerbLemmas() []int {
	var out []int
	for i := range sc.s.Tokens {
		t := &sc.s.Tokens[i]
		if t.UPOS == "VERB" && len(sc.c.idx[sc.lemmas[i]]) == 0 {
			if l := sc.c.verbLemma(sc.lemmas[i], t.Text); l != sc.lemmas[i] {
				sc.lemmas[i] = l
				out = append(out, i)
			}
		}
	}
	return out
}

// repairHyphenWords mends a tokenisation error: a hyphenated word split
// in three ("cease - fire") whose whole is a pattern trigger. The last
// part takes the whole word's lemma ("cease-fire"), so that it is matched
// as the word it is (match.hyphen-modifier lets it through).
func (sc *sentCtx) repairHyphenWords() []int {
	var out []int
	toks := sc.s.Tokens
	for i := 2; i < len(toks); i++ {
		if sc.words[i-1] != "-" || toks[i-2].End != toks[i-1].Start || toks[i-1].End != toks[i].Start {
			continue
		}
		w := strings.ToLower(sc.words[i-2] + "-" + sc.words[i])
		if len(sc.c.idx[w]) == 0 {
			continue
		}
		sc.lemmas[i] = w
		out = append(out, i)
	}
	return out
}

// repairAdjectiveNames mends a tagging error: a name taken for an
// adjective and coordinated with the modifier of the phrase after it
// ("Blinken and Brazilian Foreign Minister Mauro Vieira held talks" read
// as "[Blinken and Brazilian] ... Mauro Vieira"). An adjective with a
// conjunct before the noun it modifies that the dictionaries name as an
// actor (a person, state, organisation; no demonym or agent) is a name:
// it takes the noun's place, the noun becomes its conjunct and the
// adjective's conjunct a modifier of the noun again. The dictionaries are
// looked up only when the shape is there.
func (sc *sentCtx) repairAdjectiveNames() []int {
	toks := sc.s.Tokens
	var men []dict.Mention
	looked := false
	var out []int
	for a := range toks {
		t := &toks[a]
		h := t.Head
		if t.UPOS != "ADJ" || t.DepRel != "amod" || h <= a || !isNominal(toks[h].UPOS) || t.Text == "" || !unicode.IsUpper([]rune(t.Text)[0]) {
			continue
		}
		b := sc.tree.ChildWith(a, "conj")
		if b < a || b > h {
			continue
		}
		if !looked {
			looked = true
			if sc.c.actors != nil {
				men = sc.c.actors.FindActors(sc.words, sc.lemmas, sc.art.date)
			}
		}
		named := false
		for _, m := range men {
			if m.Start <= a && a < m.End && m.End <= b && m.Kind != dict.KindDemonym && m.Kind != dict.KindAgent && m.Actor.Code != "" {
				named = true
			}
		}
		if !named {
			continue
		}
		// the head of the phrase the modified word is in ("Minister"
		// of "Mauro Vieira")
		p := h
		for {
			g := toks[p].Head
			if r := toks[p].DepRel; g <= p || !(r == "compound" || r == "nmod:desc" || r == "flat" || r == "amod") {
				break
			}
			p = g
		}
		t.UPOS, t.XPOS = "PROPN", "NNP"
		t.Head, t.DepRel = toks[p].Head, toks[p].DepRel
		toks[p].Head, toks[p].DepRel = a, "conj"
		toks[b].Head, toks[b].DepRel = h, "amod"
		if c := sc.tree.ChildWith(b, "cc"); c >= 0 {
			toks[c].Head = p
		}
		out = append(out, a)
	}
	return out
}

// hyphenWord reports whether token i is the last part of a hyphenated word
// whose whole is its lemma (repair.hyphen-word).
func (sc *sentCtx) hyphenWord(i int) bool {
	return i >= 2 && sc.lemmas[i] == strings.ToLower(sc.words[i-2]+"-"+sc.words[i])
}

// verbLemma repairs a verb lemma the lemmatizer got wrong ("shelled" ->
// "shel") when a form derived from the word is a pattern trigger.
func (c *Coder) verbLemma(lemma, form string) string {
	w := strings.ToLower(form)
	var cands []string
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			stem := w[:len(w)-len(suf)]
			cands = append(cands, stem, stem+"e")
			if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
				cands = append(cands, stem[:n-1])
			}
			if strings.HasSuffix(stem, "i") {
				cands = append(cands, stem[:len(stem)-1]+"y")
			}
		}
	}
	cands = append(cands, w)
	for _, k := range cands {
		if len(c.idx[k]) > 0 || c.lightVerbs[k] {
			return k
		}
	}
	return lemma
}

// repairVerbModifiers mends a common tagging error: a past-tense verb
// between two nouns taken for an adjective ("police fired tear gas",
// "the rebels resumed talks" parsed as "fired gas", "resumed talks"
// noun phrases; a present tense after a plural agent noun, "prosecutors
// allege irregularities", taken for an adjective too) in a sentence whose
// clause has no verb. The verb becomes
// the predicate, the noun before it its subject and the noun after it its
// object. Only event-pattern verbs are repaired.
func (sc *sentCtx) repairVerbModifiers() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for v := 1; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || !(t.UPOS == "VERB" || (t.UPOS == "ADJ" && (strings.HasSuffix(strings.ToLower(t.Text), "ed") || sc.agentAgrees(v)))) {
			continue
		}
		lemma := sc.lemmas[v]
		if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
			lemma = sc.c.verbLemma(lemma, t.Text)
			if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
				continue
			}
		}
		h := t.Head
		prev := v - 1
		if h <= v || h > v+4 || h >= n || (toks[prev].UPOS != "NOUN" && toks[prev].UPOS != "PROPN") {
			continue
		}
		// the clause must have no verb of its own (a speech verb aside)
		verbal := false
		for a, steps := toks[h].Head, 0; a >= 0 && a < n && steps < n; a, steps = toks[a].Head, steps+1 {
			if (toks[a].UPOS == "VERB" || toks[a].UPOS == "AUX") && !sc.c.lex.speech[sc.lemmas[a]] {
				verbal = true
				break
			}
		}
		if verbal {
			continue
		}
		subj := prev
		for steps := 0; steps < 4; steps++ {
			r, hd := toks[subj].DepRel, toks[subj].Head
			if hd < 0 || hd >= v || !(r == "flat" || r == "compound" || nlp.RelIs(r, "nmod") || r == "conj") {
				break
			}
			subj = hd
		}
		if x := toks[h].Head; toks[h].DepRel == "conj" && x >= 0 && x < v && subj != x {
			// "Colombia's government and the rebels resumed talks" parsed
			// as "government and [rebels resumed talks]": the first
			// conjunct is part of the subject
			t.Head, t.DepRel = toks[x].Head, toks[x].DepRel
			toks[x].Head, toks[x].DepRel = v, "nsubj"
			toks[subj].Head, toks[subj].DepRel = x, "conj"
			for j := subj + 1; j < v; j++ {
				if toks[j].DepRel == "cc" {
					toks[j].Head = subj
				}
			}
			for j := x + 1; j < subj; j++ {
				if toks[j].DepRel == "cc" && toks[j].Head == h {
					toks[j].Head = subj
				}
			}
			subj = v // done with the subject
		} else {
			t.Head, t.DepRel = toks[h].Head, toks[h].DepRel
			if t.Head == subj && subj != h {
				// the subject noun headed the verbless clause
				// ("Opposition supporters [blocked roads] against the
				// amendment", with "supporters" the root): what hung on
				// it after the object hangs on the verb
				for _, k := range sc.tree.Children(subj) {
					if k > h {
						toks[k].Head = v
						if nlp.RelIs(toks[k].DepRel, "nmod") {
							toks[k].DepRel = "obl"
						}
					}
				}
			}
		}
		if t.Head == v {
			t.Head = -1
		}
		t.UPOS = "VERB"
		if !strings.HasPrefix(t.XPOS, "VB") {
			t.XPOS = "VBD"
		}
		sc.lemmas[v] = lemma
		toks[h].Head, toks[h].DepRel = v, "obj"
		if subj != v && subj != h {
			toks[subj].Head, toks[subj].DepRel = v, "nsubj"
		}
		// what hung on the object before the verb now hangs on the verb
		for j := 0; j < v; j++ {
			if j != subj && toks[j].Head == h && (toks[j].DepRel == "punct" || toks[j].DepRel == "cc" || nlp.RelIs(toks[j].DepRel, "nsubj")) {
				toks[j].Head = v
			}
		}
		// a root must remain
		root := false
		for j := range toks {
			if toks[j].Head < 0 {
				root = true
			}
		}
		if !root {
			t.Head, t.DepRel = -1, "root"
		}
		out = append(out, v)
	}
	return out
}

// agentAgrees reports whether the adjective at v has a present tense
// verb's form after a plural agent noun ("prosecutors allege
// irregularities", with "allege" an adjective): the form is its lemma, the
// lemma a verb pattern's trigger, and the noun before it a plural noun of
// an agent (one with a role: prosecutors, police, rebels).
func (sc *sentCtx) agentAgrees(v int) bool {
	x := sc.s.Tokens[v-1].XPOS
	if x != "NNS" || strings.ToLower(sc.words[v]) != sc.lemmas[v] || !sc.verbTrigger(sc.lemmas[v]) {
		return false
	}
	r, _ := sc.role(sc.lemmas[v-1])
	return r != ""
}

// repairHaveVerbs mends a tagging error of a main verb taken for an
// auxiliary. A verb tagged as one and hung as the auxiliary of a
// participle with an object ("imposed targeted sanctions") is the
// predicate, the participle a modifier of the object (mainVerbAux). And
// "have" as a main verb: before
// a noun phrase whose adjective is quoted or stressed ("they had "useful"
// talks", "had productive talks") the parse takes "have" for an auxiliary
// of the adjective or of the noun. An auxiliary "have" precedes a
// participle, never a noun: "have" becomes the predicate and the noun its
// object, so that light-verb patterns ("have+talk") find it. An -ed or
// -en adjective heading an object is left alone (it is the participle of
// a perfect: "had closed the border").
func (sc *sentCtx) repairHaveVerbs() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for a := 0; a+1 < n; a++ {
		if sc.mainVerbAux(a) {
			// "Australia imposed targeted sanctions" parsed as a passive
			// "imposed targeted": a verb tagged as a verb is no
			// auxiliary; the participle modifies its object
			h, o := toks[a].Head, sc.tree.ChildWith(toks[a].Head, "obj")
			toks[a].Head, toks[a].DepRel = toks[h].Head, toks[h].DepRel
			for _, k := range sc.tree.Children(h) {
				switch {
				case k == a || k == o:
				case nlp.RelIs(toks[k].DepRel, "nsubj"):
					toks[k].Head, toks[k].DepRel = a, "nsubj"
				default:
					toks[k].Head = a
				}
			}
			toks[o].Head, toks[o].DepRel = a, "obj"
			toks[h].Head, toks[h].DepRel = o, "amod"
			out = append(out, a)
			continue
		}
		if sc.lemmas[a] != "have" || toks[a].UPOS != "AUX" || toks[a].DepRel != "aux" {
			continue
		}
		h := toks[a].Head
		if h <= a || h > a+5 {
			continue
		}
		// "has been a supporter", "had become wary": a verb between them
		// is the participle "have" goes with
		verb := false
		for j := a + 1; j < h; j++ {
			if toks[j].UPOS == "VERB" || toks[j].UPOS == "AUX" {
				verb = true
			}
		}
		if verb {
			continue
		}
		obj := -1
		switch toks[h].UPOS {
		case "NOUN":
			obj = h
		case "ADJ":
			w := strings.ToLower(toks[h].Text)
			if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
				continue
			}
			for j := h + 1; j < n && j <= h+3; j++ {
				if toks[j].Head == h && toks[j].UPOS == "NOUN" {
					r := toks[j].DepRel
					if nlp.RelIs(r, "obj") || nlp.RelIs(r, "csubj") || r == "appos" || nlp.RelIs(r, "nsubj") {
						obj = j
					}
					break
				}
			}
		}
		if obj < 0 || !sc.c.lightVerbs["have"] {
			continue
		}
		toks[a].Head, toks[a].DepRel = toks[h].Head, toks[h].DepRel
		toks[a].UPOS = "VERB"
		if toks[a].XPOS == "" || toks[a].XPOS == "MD" {
			toks[a].XPOS = "VBD"
		}
		if obj != h {
			// the adjective modifies the noun; what it held after the
			// noun ("with Somalia") and before the verb (the subject)
			// hangs on the verb
			toks[h].Head, toks[h].DepRel = obj, "amod"
			for j := range toks {
				if j != obj && toks[j].Head == h && (j < a || j > obj) {
					toks[j].Head = a
				}
			}
		}
		toks[obj].Head, toks[obj].DepRel = a, "obj"
		for j := 0; j < a; j++ {
			if toks[j].Head == obj {
				toks[j].Head = a
			}
		}
		out = append(out, a)
	}
	return out
}

// mainVerbAux reports whether token a, tagged a verb (not an auxiliary)
// and no form of be, have, do or get, is hung as the auxiliary of a
// participle right after it that has an object of its own ("imposed
// targeted sanctions" parsed as "imposed" aux:pass of "targeted").
func (sc *sentCtx) mainVerbAux(a int) bool {
	t := sc.s.Tokens[a]
	if t.UPOS != "VERB" || (t.DepRel != "aux" && t.DepRel != "aux:pass") || t.Head != a+1 {
		return false
	}
	switch sc.lemmas[a] {
	case "be", "have", "do", "get":
		return false
	}
	h := t.Head
	if x := sc.s.Tokens[h].XPOS; x != "VBN" && x != "VBD" {
		return false
	}
	o := sc.tree.ChildWith(h, "obj")
	return o > h && isNominal(sc.upos(o))
}

// repairProgressiveModifiers mends a tagging error of progressive verbs:
// an -ing verb that is also an adjective or noun ("lifting", "imposing",
// "pressing"), after a form of "be", taken for a modifier of its own object
// and the "be" for a copula ("Britain is lifting its curbs on Venezuela"
// parsed as "is [lifting curbs]"). The verb becomes the
// predicate, "be" its auxiliary and the noun its object. Only event-pattern
// and light verbs are repaired.
func (sc *sentCtx) repairProgressiveModifiers() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for v := 1; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || (t.UPOS != "ADJ" && t.UPOS != "VERB" && t.UPOS != "NOUN") {
			continue
		}
		h, aux := t.Head, v-1
		if h <= v || h > v+4 || (toks[h].UPOS != "NOUN" && toks[h].UPOS != "PROPN") ||
			sc.lemmas[aux] != "be" || toks[aux].Head != h || (toks[aux].DepRel != "cop" && toks[aux].DepRel != "aux") {
			continue
		}
		w := strings.ToLower(t.Text)
		if !strings.HasSuffix(w, "ing") {
			continue
		}
		lemma := sc.c.verbLemma(sc.lemmas[v], t.Text)
		if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
			continue
		}
		t.Head, t.DepRel = toks[h].Head, toks[h].DepRel
		t.UPOS, t.XPOS = "VERB", "VBG"
		sc.lemmas[v] = lemma
		toks[h].Head, toks[h].DepRel = v, "obj"
		toks[aux].Head, toks[aux].DepRel = v, "aux"
		// the subject and what stood before the verb hang on the verb
		for j := 0; j < v; j++ {
			if toks[j].Head == h {
				toks[j].Head = v
			}
		}
		out = append(out, v)
	}
	return out
}

// repairCommaParticiples mends a tagging error of participle clauses: an
// -ing verb right after a comma taken for a modifier of its own object
// (", rebuffing protests by Serbia", ", imposing curbs on imports" parsed
// as the noun phrase "[rebuffing protests]" hung on the clause). The verb
// becomes an adverbial clause of what the noun hung on, and the noun its
// object. Only event-pattern and light verbs are repaired. The same
// clause hung as a modifier (acl) on the object or oblique before the
// comma ('recognised X as "a sovereign state," rebuffing protests by
// Serbia', with "rebuffing" a modifier of "state") is an adverbial clause
// of that noun's verb too.
func (sc *sentCtx) repairCommaParticiples() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for v := 2; v < n; v++ {
		t := &toks[v]
		h := t.Head
		if t.DepRel != "acl" || t.XPOS != "VBG" || h < 0 || h >= v || sc.tree.ChildWith(v, "nsubj") >= 0 || sc.tree.ChildWith(v, "aux") >= 0 {
			continue
		}
		comma := v - 1
		if toks[comma].UPOS == "PUNCT" && toks[comma].Text != "," && toks[comma-1].Text == "," {
			comma--
		}
		if toks[comma].Text != "," || !(toks[h].DepRel == "obj" || nlp.RelIs(toks[h].DepRel, "obl")) {
			continue
		}
		g := toks[h].Head
		if g < 0 || toks[g].UPOS != "VERB" || (len(sc.c.idx[sc.lemmas[v]]) == 0 && !sc.c.lightVerbs[sc.lemmas[v]]) {
			continue
		}
		t.Head, t.DepRel = g, "advcl"
		out = append(out, v)
	}
	for v := 1; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || (t.UPOS != "VERB" && t.UPOS != "ADJ") {
			continue
		}
		// the comma, or a closing quote after it ('state," rebuffing')
		comma := v - 1
		if toks[comma].UPOS == "PUNCT" && toks[comma].Text != "," && comma > 0 && toks[comma-1].Text == "," {
			comma--
		}
		if toks[comma].Text != "," {
			continue
		}
		h := t.Head
		if h <= v || h > v+3 || (toks[h].UPOS != "NOUN" && toks[h].UPOS != "PROPN") || toks[h].Head < 0 || toks[h].Head >= v {
			continue
		}
		if w := strings.ToLower(t.Text); !strings.HasSuffix(w, "ing") {
			continue
		}
		lemma := sc.c.verbLemma(sc.lemmas[v], t.Text)
		if len(sc.c.idx[lemma]) == 0 && !sc.c.lightVerbs[lemma] {
			continue
		}
		// nothing between the verb and the noun but modifiers of the noun
		ok := true
		for j := v + 1; j < h; j++ {
			if toks[j].Head != h {
				ok = false
			}
		}
		if !ok {
			continue
		}
		t.Head, t.DepRel = toks[h].Head, "advcl"
		t.UPOS, t.XPOS = "VERB", "VBG"
		sc.lemmas[v] = lemma
		toks[h].Head, toks[h].DepRel = v, "obj"
		toks[comma].Head = v
		out = append(out, v)
	}
	return out
}

// repairCoordinatedVerbs mends a parse error of coordinated predicates: a
// second verb after "and" taken for a modifier of its own object, and the
// object for a conjunct of the first verb's object or oblique ("fought
// with guards and seized the town hall" parsed as "guards and
// [seized hall]"). The verb becomes a conjunct of the first verb and
// the noun its object. The first conjunct may be a noun inside a phrase of
// the first verb's object ("committed atrocities in Tigray and imposed
// sanctions"), and a phrase after the object that the parse hung on the
// first verb or on the first object goes to the second ("and imposed
// sanctions on X", "on X" an oblique of the first verb in the EWT+GUM
// parse). Only event-pattern verbs are repaired.
func (sc *sentCtx) repairCoordinatedVerbs() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for v := 2; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || t.UPOS != "VERB" || toks[v-1].UPOS != "CCONJ" || len(sc.c.idx[sc.lemmas[v]]) == 0 {
			continue
		}
		h := t.Head
		if h <= v || h > v+4 || h >= n || toks[h].DepRel != "conj" || (toks[h].UPOS != "NOUN" && toks[h].UPOS != "PROPN") {
			continue
		}
		x := toks[h].Head
		if x < 0 || x >= v-1 {
			continue
		}
		// the first conjunct may sit in a phrase of the first verb's
		// object ("committed atrocities in Tigray and imposed sanctions")
		x0 := x
		for nlp.RelIs(toks[x].DepRel, "nmod") && toks[x].Head >= 0 && toks[x].Head < x {
			x = toks[x].Head
		}
		v0 := toks[x].Head
		if r := toks[x].DepRel; v0 < 0 || v0 >= x || toks[v0].UPOS != "VERB" || !(nlp.RelIs(r, "obj") || nlp.RelIs(r, "obl")) {
			continue
		}
		t.Head, t.DepRel = v0, "conj"
		if !strings.HasPrefix(t.XPOS, "VB") {
			t.XPOS = "VBD"
		}
		toks[v-1].Head, toks[v-1].DepRel = v, "cc"
		toks[h].Head, toks[h].DepRel = v, "obj"
		// a phrase after the new object hung on the first verb is the
		// second verb's ("... and imposed sanctions on two generals")
		for j := h + 1; j < n; j++ {
			if hj := toks[j].Head; hj == v0 && nlp.RelIs(toks[j].DepRel, "obl") || hj >= x && hj <= x0 && hj < v && nlp.RelIs(toks[j].DepRel, "nmod") && sc.tree.Dominates(x, hj) {
				toks[j].Head, toks[j].DepRel = v, "obl"
			}
		}
		out = append(out, v)
	}
	return out
}

// repairSubjectVerbModifiers mends the same tagging error in a clause of
// its own: a verb with a subject of its own taken for a modifier of its
// object ("when dozens of youths hurled rocks at the police" parsed as
// "[hurled rocks]" under the main clause). A verb with a subject is a
// predicate: it takes the noun's place in the tree, an adverbial clause
// under a verb, and the noun becomes its object. Only event-pattern verbs
// are repaired.
func (sc *sentCtx) repairSubjectVerbModifiers() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for v := 1; v+1 < n; v++ {
		t := &toks[v]
		if t.DepRel != "amod" || t.UPOS != "VERB" || len(sc.c.idx[sc.lemmas[v]]) == 0 || sc.tree.ChildWith(v, "nsubj") < 0 {
			continue
		}
		h := t.Head
		if h <= v || h > v+3 || h >= n || (toks[h].UPOS != "NOUN" && toks[h].UPOS != "PROPN") {
			continue
		}
		t.Head, t.DepRel = toks[h].Head, toks[h].DepRel
		if t.Head >= 0 && t.Head < n && toks[t.Head].UPOS == "VERB" {
			t.DepRel = "advcl"
		}
		if t.Head < 0 {
			t.DepRel = "root"
		}
		if !strings.HasPrefix(t.XPOS, "VB") {
			t.XPOS = "VBD"
		}
		toks[h].Head, toks[h].DepRel = v, "obj"
		// a prepositional phrase on the object after it is the verb's
		// ("hurled rocks at the police")
		for j := h + 1; j < n; j++ {
			if toks[j].Head == h && nlp.RelIs(toks[j].DepRel, "nmod") {
				toks[j].Head, toks[j].DepRel = v, "obl"
			}
		}
		out = append(out, v)
	}
	return out
}

// repairVerbCompoundSubjects mends the parse of absolute clauses ("with
// riot police firing tear gas", "without troops crossing the line"): the
// noun before the participle taken for a compound of it. A noun hung as a
// compound on an event-pattern -ing verb after it that "with" or
// "without" introduces, when the verb has no subject, is its subject. And
// a "with" that the verb before it asks for its target ("cut ties with
// Kenya accusing her", with "Kenya" taken for the subject of an absolute
// clause) opens no absolute clause: the noun is the object's complement
// (falseAbsolute). A ", with N V-ing" parsed as a "with" phrase whose noun the participle
// modifies (acl) is the same clause: the participle becomes an adverbial
// clause of the verb above, "with" its mark and the noun its subject.
func (sc *sentCtx) repairVerbCompoundSubjects() []int {
	var out []int
	toks := sc.s.Tokens
	n := len(toks)
	for c := 0; c+1 < n; c++ {
		t := &toks[c]
		if t.DepRel != "compound" || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
			continue
		}
		v := t.Head
		if v <= c || v >= n || toks[v].UPOS != "VERB" || toks[v].XPOS != "VBG" || len(sc.c.idx[sc.lemmas[v]]) == 0 || sc.tree.ChildWith(v, "nsubj") >= 0 {
			continue
		}
		if m := sc.tree.ChildWith(v, "mark"); m < 0 || m > c || (sc.lemmas[m] != "with" && sc.lemmas[m] != "without") {
			continue
		}
		t.DepRel = "nsubj"
		out = append(out, v)
	}
	for v := 0; v < n; v++ {
		// no absolute clause: "cut ties with Kenya accusing her of ...",
		// with "Kenya" taken for the subject of "accusing": the noun is
		// the target the verb's pattern asks for with "with"
		w, k, o := sc.falseAbsolute(v)
		if w < 0 {
			continue
		}
		toks[w].Head, toks[w].DepRel, toks[w].UPOS, toks[w].XPOS = k, "case", "ADP", "IN"
		toks[k].Head, toks[k].DepRel = o, "nmod"
		out = append(out, k)
	}
	// the EWT+GUM parse: ", with customs officers resuming patrols" as a
	// "with" phrase on the noun before it and the participle a modifier
	// (acl) of its noun; set off by a comma, it is the absolute clause
	for v := 2; v < n; v++ {
		t := &toks[v]
		c := t.Head
		if t.DepRel != "acl" || t.UPOS != "VERB" || t.XPOS != "VBG" || c < 2 || c >= v || len(sc.c.idx[sc.lemmas[v]]) == 0 || sc.tree.ChildWith(v, "nsubj") >= 0 || !isNominal(toks[c].UPOS) {
			continue
		}
		m := sc.tree.ChildWith(c, "case")
		if m < 1 || (sc.lemmas[m] != "with" && sc.lemmas[m] != "without") || toks[m-1].Text != "," || !(nlp.RelIs(toks[c].DepRel, "nmod") || nlp.RelIs(toks[c].DepRel, "obl")) {
			continue
		}
		h := toks[c].Head
		for h >= 0 && toks[h].UPOS != "VERB" {
			h = toks[h].Head
		}
		if h < 0 {
			continue
		}
		t.Head, t.DepRel = h, "advcl"
		toks[m].Head, toks[m].DepRel = v, "mark"
		toks[m-1].Head = v
		toks[c].Head, toks[c].DepRel = v, "nsubj"
		out = append(out, v)
	}
	return out
}

// falseAbsolute returns, for an -ing clause v that "with" and a noun
// subject open ("with Kenya accusing"), the "with", the noun and the
// object of v's head verb right before them, when a pattern of the head
// verb wants that object and its target after "with" ("cut ties with=T");
// else -1s.
func (sc *sentCtx) falseAbsolute(v int) (int, int, int) {
	toks := sc.s.Tokens
	if toks[v].XPOS != "VBG" || toks[v].DepRel != "advcl" {
		return -1, -1, -1
	}
	w := sc.tree.ChildWith(v, "mark")
	k := sc.tree.ChildWith(v, "nsubj")
	h := toks[v].Head
	if w < 0 || sc.lemmas[w] != "with" || k != w+1 || k > v || h < 0 || h > w || !isNominal(toks[k].UPOS) {
		return -1, -1, -1
	}
	o := sc.tree.ChildWith(h, "obj")
	if o < 0 || o > w {
		return -1, -1, -1
	}
	if _, l := sc.tree.Subtree(o); l+1 != w {
		return -1, -1, -1
	}
	for _, p := range sc.c.idx[sc.lemmas[h]] {
		with, obj := false, false
		for _, sl := range p.Target {
			with = with || sl.Prep == "with"
		}
		for _, d := range p.Require {
			obj = obj || (d.Rel == "obj" && contains(d.Lemmas, sc.lemmas[o]))
		}
		if with && obj {
			return w, k, o
		}
	}
	return -1, -1, -1
}

// repairReducedRelatives mends a parse error of reduced relative clauses:
// a past participle without an auxiliary taken for the clausal complement
// of a verb, with the noun it modifies as its subject ("welcomed the steps
// taken by Kyiv" parsed as "welcomed [the steps taken]"). The noun becomes
// the verb's object and the participle its modifier (acl). The shape on
// the subject is mended too (subjectRelatives).
func (sc *sentCtx) repairReducedRelatives() []int {
	var out []int
	toks := sc.s.Tokens
	for v := range toks {
		t := &toks[v]
		if t.DepRel != "ccomp" || t.Head < 0 || t.Head >= v || toks[t.Head].UPOS != "VERB" {
			continue
		}
		if t.XPOS != "VBN" && !(t.XPOS == "VBD" && sc.byPhrase(v)) {
			// a past tense with a "by" agent is a participle too ("the
			// attacks carried out by Russian forces")
			continue
		}
		n := sc.tree.ChildWith(v, "nsubj")
		if n < 0 || n > v || (toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN") || sc.tree.ChildWith(v, "aux") >= 0 || sc.tree.ChildWith(v, "aux:pass") >= 0 || sc.tree.ChildWith(v, "mark") >= 0 || sc.tree.ChildWith(v, "cop") >= 0 {
			continue
		}
		if sc.tree.ChildWith(t.Head, "obj") >= 0 {
			continue
		}
		h := t.Head
		toks[n].Head, toks[n].DepRel = h, "obj"
		t.Head, t.DepRel, t.XPOS = n, "acl", "VBN"
		for j := 0; j < n; j++ {
			if toks[j].Head == v && toks[j].DepRel == "punct" {
				toks[j].Head = n
			}
		}
		out = append(out, v)
	}
	out = append(out, sc.subjectRelatives()...)
	return append(out, sc.predicateRelatives()...)
}

// predicateRelatives mends a third shape: the main verb of a sentence
// taken for a reduced relative on its subject, the subject the root and
// the sentence left without a predicate ("Argentine unions called off a
// general strike ...": "unions" the root, "called" its acl, "strike" an
// xcomp). A past participle with no auxiliary right after a root noun
// that has no other predicate, the participle with a particle or a noun
// complement after it (a reduced relative of a headline, "soldiers killed
// in an ambush", has none), is the root in the past tense, the noun its
// subject and the noun complement its object.
func (sc *sentCtx) predicateRelatives() []int {
	toks := sc.s.Tokens
	for v := 1; v < sc.n; v++ {
		t := &toks[v]
		n := t.Head
		if t.DepRel != "acl" || t.XPOS != "VBN" || n != v-1 || toks[n].DepRel != "root" || (toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN") {
			continue
		}
		if sc.tree.ChildWith(v, "aux") >= 0 || sc.tree.ChildWith(v, "aux:pass") >= 0 || sc.tree.ChildWith(v, "nsubj") >= 0 || sc.tree.ChildWith(v, "mark") >= 0 {
			continue
		}
		other := false
		for _, k := range sc.tree.Children(n) {
			if k != v && (isVerbal(toks[k].UPOS) || toks[k].DepRel == "cop" || nlp.RelIs(toks[k].DepRel, "nsubj")) {
				other = true
			}
		}
		if other {
			continue
		}
		comp := -1
		for _, k := range sc.tree.Children(v) {
			if k > v && (toks[k].DepRel == "xcomp" || nlp.RelIs(toks[k].DepRel, "obj")) && (toks[k].UPOS == "NOUN" || toks[k].UPOS == "PROPN") {
				comp = k
				break
			}
		}
		if comp < 0 || (sc.tree.ChildWith(v, "compound:prt") < 0 && !nlp.RelIs(toks[comp].DepRel, "obj")) {
			// (a particle, or a noun that is the object already)
			continue
		}
		for j := v + 1; j < sc.n; j++ {
			if toks[j].Head == n {
				toks[j].Head = v // the sentence's own dependents (the final stop)
			}
		}
		t.Head, t.DepRel, t.XPOS = -1, "root", "VBD"
		toks[n].Head, toks[n].DepRel = v, "nsubj"
		toks[comp].DepRel = "obj"
		return []int{v}
	}
	return nil
}

// subjectRelatives mends the other shape of a reduced relative clause: one
// set off by commas on the subject, the main verb taken for its conjunct
// and the subject for the root ("Ethiopian troops, backed by Eritrea,
// attacked Kenyan villages": "troops" the root, "backed" its acl,
// "attacked" a conjunct of "backed"). A finite verb after a comma, with no
// subject or coordinator of its own, conjunct of a past participle hung
// on a root noun, is the root and the noun its subject.
func (sc *sentCtx) subjectRelatives() []int {
	toks := sc.s.Tokens
	for v := 3; v < sc.n; v++ {
		t := &toks[v]
		switch t.XPOS {
		case "VBD", "VBZ", "VBP":
		default:
			continue
		}
		p := t.Head
		if t.DepRel != "conj" || p < 0 || toks[p].DepRel != "acl" || toks[p].XPOS != "VBN" || toks[v-1].Text != "," {
			continue
		}
		n := toks[p].Head
		if n < 0 || n >= p || toks[n].DepRel != "root" || (toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN") {
			continue
		}
		if sc.tree.ChildWith(v, "nsubj") >= 0 || sc.tree.ChildWith(v, "nsubj:pass") >= 0 || sc.tree.ChildWith(v, "cc") >= 0 {
			continue
		}
		for j := v + 1; j < sc.n; j++ {
			if toks[j].Head == n {
				toks[j].Head = v // the clause's own dependents (the final stop)
			}
		}
		t.Head, t.DepRel = -1, "root"
		toks[n].Head, toks[n].DepRel = v, "nsubj"
		return []int{v}
	}
	return nil
}

// repairObjectPredicates mends a parse error of labelling verbs whose
// object has an infinitive ("called the plan to shut the port
// reckless"): the parse makes the infinitive the verb's clausal
// complement (or adverbial) and hangs the predicative complement on the
// infinitive. When
// a pattern of the verb asks for that very word as its predicative
// complement (xcomp) with the target in the object (call, term, brand...
// obj=T xcomp=@condemnation_words), the word is the verb's complement and
// the infinitive the object's modifier (acl). The same word hung after the
// object as its modifier ("called Iran's move "regrettable"", amod) is the
// verb's complement too, and so is such a word that the parse hung on the
// object, or on a phrase after it, as nmod:unmarked ("called the exercise
// near the islands a provocation").
func (sc *sentCtx) repairObjectPredicates() []int {
	var out []int
	toks := sc.s.Tokens
	for x := range toks {
		t := &toks[x]
		h := t.Head
		if t.DepRel == "amod" && h >= 0 && h < x && toks[h].DepRel == "obj" && toks[h].Head >= 0 && toks[h].Head < h {
			if v := toks[h].Head; toks[v].UPOS == "VERB" && sc.wantsPredicate(v, sc.lemmas[x]) {
				t.Head, t.DepRel = v, "xcomp"
				out = append(out, x)
			}
			continue
		}
		if (t.DepRel != "xcomp" && t.DepRel != "advcl") || t.UPOS != "VERB" || h < 0 || h >= x || toks[h].UPOS != "VERB" {
			continue
		}
		o := sc.tree.ChildWith(h, "obj")
		if o < 0 || o > x || !isNominal(toks[o].UPOS) {
			continue
		}
		m := sc.tree.ChildWith(x, "mark")
		if m < 0 || sc.lemmas[m] != "to" || sc.tree.ChildWith(x, "nsubj") >= 0 {
			continue
		}
		var pred []int
		for _, k := range sc.tree.Children(x) {
			if k > x && toks[k].DepRel == "xcomp" && (toks[k].UPOS == "ADJ" || toks[k].UPOS == "NOUN") && sc.wantsPredicate(h, sc.lemmas[k]) {
				pred = append(pred, k)
			}
		}
		if len(pred) != 1 {
			continue
		}
		toks[pred[0]].Head = h
		t.Head, t.DepRel = o, "acl"
		out = append(out, pred[0])
	}
	// the EWT+GUM parse hangs a predicative noun without a preposition on
	// the object, or on a phrase after it, as nmod:unmarked
	// ("called the exercise near the islands a provocation")
	for x := range toks {
		t := &toks[x]
		h := t.Head
		if t.DepRel != "nmod:unmarked" || !isNominal(t.UPOS) || h < 0 || h >= x {
			continue
		}
		v := toks[h].Head
		if v < 0 || v >= h || toks[v].UPOS != "VERB" {
			continue
		}
		if r := toks[h].DepRel; r != "obj" {
			if o := sc.tree.ChildWith(v, "obj"); !nlp.RelIs(r, "obl") || o < 0 || o > h {
				continue
			}
		}
		if sc.wantsPredicate(v, sc.lemmas[x]) {
			t.Head, t.DepRel = v, "xcomp"
			out = append(out, x)
		}
	}
	return out
}

// wantsPredicate reports whether a pattern of verb v requires word w as
// its predicative complement (xcomp) and finds the target in the object.
func (sc *sentCtx) wantsPredicate(v int, w string) bool {
	for _, p := range sc.c.idx[sc.lemmas[v]] {
		if p.Light != nil || p.Particle != "" || (len(p.Target) > 0 && p.Target[0].Rel != "obj") {
			continue
		}
		for _, d := range p.Require {
			if d.Rel != "xcomp" {
				continue
			}
			for _, l := range d.Lemmas {
				if l == w {
					return true
				}
			}
		}
	}
	return false
}

// byPhrase reports whether verb v has an oblique with "by".
func (sc *sentCtx) byPhrase(v int) bool {
	for _, d := range sc.tree.Children(v) {
		if r := sc.rel(d); r == "obl:agent" || (nlp.RelIs(r, "obl") && sc.caseOf(d) == "by") {
			return true
		}
	}
	return false
}

// repairPluralNouns mends another tagging error: a plural noun right
// after a verb taken for a verb in -s and made its complement ("suspend
// talks with the IMF", "carried out missile strikes" with "talks",
// "strikes" as xcomp). A complement in -s without "to" or a subject of
// its own is the verb's object; a noun object before it ("missile")
// becomes its modifier.
func (sc *sentCtx) repairPluralNouns() []int {
	var out []int
	toks := sc.s.Tokens
	for v := 1; v < len(toks); v++ {
		t := &toks[v]
		if t.UPOS != "VERB" || t.DepRel != "xcomp" {
			continue
		}
		h := t.Head
		if h < 0 || h >= v || (toks[h].UPOS != "VERB" && toks[h].UPOS != "AUX") {
			continue
		}
		if t.XPOS != "VBZ" && !sc.lightNoun(sc.lemmas[v], sc.lemmas[h]) {
			// any other form only where the words make a light-verb
			// phrase of the dictionary ("issued an arrest warrant")
			continue
		}
		own := false
		for j := range toks {
			if toks[j].Head == v && (toks[j].DepRel == "mark" || toks[j].DepRel == "aux" || nlp.RelIs(toks[j].DepRel, "nsubj")) {
				own = true
			}
		}
		if own {
			continue
		}
		// only the verb, its particle and modifiers of the noun between them
		between := true
		for j := h + 1; j < v; j++ {
			if r := toks[j].DepRel; !(r == "compound:prt" || ((r == "obj" || r == "amod" || r == "compound" || r == "det" || r == "nummod") && toks[j].UPOS != "VERB")) {
				between = false
			}
		}
		if !between {
			continue
		}
		t.UPOS, t.XPOS, t.DepRel = "NOUN", "NNS", "obj"
		for j := h + 1; j < v; j++ {
			if toks[j].DepRel == "obj" && toks[j].Head == h {
				toks[j].Head, toks[j].DepRel = v, "compound"
			}
			if (toks[j].DepRel == "amod" || toks[j].DepRel == "det" || toks[j].DepRel == "nummod") && toks[j].Head == h {
				toks[j].Head = v
			}
		}
		out = append(out, v)
	}
	// the same noun taken for a verb in -s modifying the noun right before
	// it ("Australian wine exports", with "exports" an acl of "wine"):
	// with no subject, object, auxiliary or marker of its own it is the
	// head noun of the phrase, the noun before it its compound
	for v := 1; v < len(toks); v++ {
		t := &toks[v]
		h := v - 1
		if t.UPOS != "VERB" || t.XPOS != "VBZ" || t.DepRel != "acl" || t.Head != h || toks[h].UPOS != "NOUN" {
			continue
		}
		own := false
		for _, c := range sc.tree.Children(v) {
			if r := toks[c].DepRel; r == "mark" || r == "aux" || nlp.RelIs(r, "nsubj") || nlp.RelIs(r, "obj") || nlp.RelIs(r, "ccomp") || r == "xcomp" {
				own = true
			}
		}
		if own {
			continue
		}
		t.Head, t.DepRel = toks[h].Head, toks[h].DepRel
		t.UPOS, t.XPOS = "NOUN", "NNS"
		for _, c := range sc.tree.Children(h) {
			if c < h {
				toks[c].Head = v
			}
		}
		toks[h].Head, toks[h].DepRel = v, "compound"
		for _, c := range sc.tree.Children(v) {
			if nlp.RelIs(toks[c].DepRel, "obl") {
				toks[c].DepRel = "nmod"
			}
		}
		out = append(out, v)
	}
	return out
}

// repairClauseSubjects mends a parse that coordinates the subject of a new
// clause with the noun before it ("suspended its partnership with Georgia,
// and the European Union warned of ...", with "the European Union" a
// conjunct of "Georgia"): a noun after ", and" or ", but" that a finite
// verb without a subject follows is that verb's subject. It reports
// whether it changed the parse.
func (sc *sentCtx) repairClauseSubjects() []int {
	toks := sc.s.Tokens
	var out []int
	for c := range toks {
		t := &toks[c]
		if t.DepRel != "conj" || (t.UPOS != "NOUN" && t.UPOS != "PROPN") || t.Head < 0 || t.Head >= c || !isNominal(toks[t.Head].UPOS) {
			continue
		}
		cc := -1
		for _, k := range sc.tree.Children(c) {
			if toks[k].DepRel == "cc" && k < c {
				cc = k
			}
		}
		if cc < 1 || toks[cc-1].Text != "," || (sc.lemmas[cc] != "and" && sc.lemmas[cc] != "but") {
			continue
		}
		_, l := sc.tree.Subtree(c)
		v := l + 1
		if v >= sc.n || toks[v].UPOS != "VERB" {
			continue
		}
		switch toks[v].XPOS {
		case "VBD", "VBZ", "VBP":
		default:
			continue
		}
		if sc.tree.ChildWith(v, "nsubj") >= 0 || sc.tree.ChildWith(v, "nsubj:pass") >= 0 || sc.tree.Dominates(c, v) {
			continue
		}
		t.Head, t.DepRel = v, "nsubj"
		out = append(out, c)
	}
	return out
}

// repairTemporalSubjects mends a parse that takes a date or time word for
// the subject of its verb ("President X today imposed sanctions", "the
// group tonight threatened", "officials said Thursday"): the date becomes
// a temporal modifier, and when the verb has no other subject the noun
// phrase right before the date (or before the verb, for a date after it)
// is its subject. A date the parse took for an apposition of the verb's
// object ("extended recognition Monday to Kosovo", with "Monday" an appos
// of "recognition") is a temporal modifier of the verb.
func (sc *sentCtx) repairTemporalSubjects() []int {
	var out []int
	toks := sc.s.Tokens
	for d := range toks {
		t := &toks[d]
		if o := t.Head; t.DepRel == "appos" && o >= 0 && o < d && toks[o].DepRel == "obj" && toks[o].Head >= 0 && toks[toks[o].Head].UPOS == "VERB" && isNominal(t.UPOS) && sc.tree.ChildWith(d, "case") < 0 && sc.inDate(d) {
			t.Head, t.DepRel = toks[o].Head, "obl:unmarked"
			out = append(out, d)
			continue
		}
		v := t.Head
		if !nlp.RelIs(t.DepRel, "nsubj") || v < 0 || toks[v].UPOS != "VERB" || !isNominal(t.UPOS) || sc.tree.ChildWith(d, "case") >= 0 || !sc.inDate(d) {
			continue
		}
		if p := d - 1; p >= 0 && toks[p].Head == v && toks[p].DepRel == "mark" && toks[p].UPOS == "ADP" {
			// "a statement on Sunday condemning X": the date's own
			// preposition, taken for the participle's mark, is the date's
			// case; the date is a modifier, no subject
			toks[p].Head, toks[p].DepRel = d, "case"
			t.DepRel = "obl"
			out = append(out, d)
			continue
		}
		rel := t.DepRel
		other := false
		for _, k := range sc.tree.Children(v) {
			if k != d && nlp.RelIs(toks[k].DepRel, "nsubj") {
				other = true
			}
		}
		subj := -1
		if !other {
			// "Last week, the chief of X warned": the apposition;
			// else the name or noun right before the date (or the verb)
			if a := sc.tree.ChildWith(d, "appos"); a > d && a < v {
				subj = a
			} else {
				e := d - 1
				if d > v {
					e = v - 1
				}
				if k := sc.phraseEndingAt(e); k >= 0 && sc.tree.ChildWith(k, "case") < 0 {
					if !sc.tree.Dominates(k, v) {
						subj = k
					} else if sc.bareRelative(k, v) && sc.reRoot(k, v) {
						// "President X today threatened Y": the parse hung
						// the verb on the name (appos, or a relative clause
						// with no relative word: "the group yesterday
						// claimed"); the verb takes the name's place and the
						// name is its subject
						subj = k
					}
				}
			}
			if subj < 0 {
				if f, _ := sc.tree.Subtree(d); sc.sentenceInitial(f) {
					// a date that is the subject ("Monday marked the
					// anniversary")
					continue
				}
			} else {
				toks[subj].Head, toks[subj].DepRel = v, rel
			}
		}
		t.DepRel = "obl:unmarked"
		out = append(out, d)
	}
	return out
}

// repairAttributionRoots mends a parse that makes the source of an
// attribution the sentence's root ("According to Mensah, Togo has
// interfered in ...", with "interfered" a relative clause or aside of
// the name): a verb with a subject of its own hung after the name becomes
// the root, and the name its "according to" oblique, as mood.according-to
// reads it (the lexicon's attribution_prepositions).
func (sc *sentCtx) repairAttributionRoots() []int {
	toks := sc.s.Tokens
	k := -1
	for i := range toks {
		if toks[i].Head < 0 {
			k = i
			break
		}
	}
	if k < 0 || !isNominal(toks[k].UPOS) || !sc.c.lex.attribution[sc.caseWords(k)] {
		return nil
	}
	for _, v := range sc.tree.Children(k) {
		if v < k || toks[v].UPOS != "VERB" || sc.tree.ChildWith(v, "nsubj") < 0 {
			continue
		}
		switch toks[v].DepRel {
		case "acl", "acl:relcl", "parataxis", "appos":
		default:
			continue
		}
		toks[v].DepRel = "acl"
		if !sc.reRoot(k, v) {
			continue
		}
		toks[k].Head, toks[k].DepRel = v, "obl"
		return []int{v}
	}
	return nil
}

// repairOnsetSubjects mends a parse that takes a sentence-initial noun of
// an act for the root verb and the verb by which it broke out for its
// complement ("Clashes erupted between ...", "Fighting broke out ...",
// with "Clashes" a verb and "erupted" its xcomp): the onset verb (the
// lexicon's onset_verbs) becomes the root and the first word, a noun, its
// subject (match.onset-noun then reads the act).
func (sc *sentCtx) repairOnsetSubjects() []int {
	toks := sc.s.Tokens
	t := 0
	for t < len(toks) && toks[t].UPOS == "PUNCT" {
		t++
	}
	if t+1 >= len(toks) || toks[t].UPOS != "VERB" || toks[t].Head >= 0 || len(sc.c.idx[sc.lemmas[t]]) == 0 {
		return nil
	}
	v := t + 1
	if toks[v].Head != t || toks[v].UPOS != "VERB" || !sc.c.lex.onset[sc.lemmas[v]] || sc.tree.ChildWith(v, "nsubj") >= 0 {
		return nil
	}
	switch toks[v].DepRel {
	case "xcomp", "acl", "conj", "parataxis", "ccomp":
	default:
		return nil
	}
	for _, c := range sc.tree.Children(t) {
		if c != v {
			toks[c].Head = v
		}
	}
	toks[v].Head, toks[v].DepRel = -1, "root"
	toks[t].Head, toks[t].DepRel, toks[t].UPOS = v, "nsubj", "NOUN"
	return []int{t}
}

// reRoot puts verb v, which the parse hung directly on the noun phrase k
// (as appos, acl or parataxis), in k's place, with the dependents of k
// after v moved onto v (a prepositional phrase becomes obl); k's new head
// and relation are left to the caller. It reports whether it did.
func (sc *sentCtx) reRoot(k, v int) bool {
	toks := sc.s.Tokens
	if toks[v].Head != k || k > v {
		return false
	}
	switch toks[v].DepRel {
	case "appos", "acl", "parataxis":
	default:
		return false
	}
	toks[v].Head, toks[v].DepRel = toks[k].Head, toks[k].DepRel
	for _, c := range sc.tree.Children(k) {
		if c <= v {
			continue
		}
		toks[c].Head = v
		if nlp.RelIs(toks[c].DepRel, "nmod") {
			toks[c].DepRel = "obl"
		}
	}
	return true
}

// bareRelative readies verb v for reRoot(k, v): a relative clause
// (acl:relcl) of k with no relative word of its own ("which", "who",
// "whose", "in which") is relabelled acl. It reports false for a relative
// clause that has one.
func (sc *sentCtx) bareRelative(k, v int) bool {
	toks := sc.s.Tokens
	if toks[v].DepRel != "acl:relcl" || toks[v].Head != k {
		return true
	}
	for _, c := range sc.tree.Children(v) {
		if x := toks[c].XPOS; x == "WDT" || x == "WP" || x == "WP$" || x == "WRB" || toks[c].DepRel == "mark" {
			return false
		}
		for _, g := range sc.tree.Children(c) {
			if x := toks[g].XPOS; x == "WDT" || x == "WP" || x == "WP$" {
				return false
			}
		}
	}
	toks[v].DepRel = "acl"
	return true
}

// repairScheduleInfinitives mends a parse that reads the "to" of an
// infinitive as a preposition ("are due to meet army leaders", with "meet"
// a modifier of "leaders"; "threatened to cut aid", with "to" the case of
// "aid" and "cut" its modifier; "threatened to occupy Kosovo", with
// "occupy" an oblique): after a head of schedule (the lexicon's
// schedule_heads: due, set) or a verb, "to" and a verb in its base form
// are an infinitive, the verb the head's complement (xcomp) and the noun
// it was hung on its object. After a verb, only a verb the parse hung as a
// noun's modifier or an oblique is mended (an infinitive of purpose parsed
// as a clause is left as it is).
func (sc *sentCtx) repairScheduleInfinitives() []int {
	var out []int
	toks := sc.s.Tokens
	for h := 0; h+2 < len(toks); h++ {
		to, v := h+1, h+2
		if sc.lemmas[to] != "to" || toks[v].UPOS != "VERB" || toks[v].XPOS != "VB" {
			continue
		}
		if toks[v].Head == h && toks[v].DepRel == "xcomp" {
			continue
		}
		if !sc.c.lex.schedule[sc.lemmas[h]] {
			if toks[h].UPOS != "VERB" {
				continue
			}
			switch toks[v].DepRel {
			case "amod", "compound", "obl", "nmod", "obj":
			default:
				continue
			}
		}
		n := toks[v].Head
		if sc.tree.Dominates(v, h) {
			continue
		}
		toks[to].Head, toks[to].DepRel = v, "mark"
		toks[v].Head, toks[v].DepRel = h, "xcomp"
		if n > v && isNominal(toks[n].UPOS) && (toks[n].Head == h || toks[n].Head == v) {
			// the noun the verb was taken to modify is its object
			toks[n].Head, toks[n].DepRel = v, "obj"
		}
		out = append(out, v)
	}
	return out
}

// sentenceInitial reports whether only punctuation comes before token i.
func (sc *sentCtx) sentenceInitial(i int) bool {
	for j := 0; j < i; j++ {
		if sc.upos(j) != "PUNCT" {
			return false
		}
	}
	return true
}

// phraseEndingAt returns the head of the name or noun that ends at token
// e ("President Barack Obama" -> "Barack"), climbing only the relations
// inside a name or compound, or -1.
func (sc *sentCtx) phraseEndingAt(e int) int {
	if e < 0 || (sc.upos(e) != "NOUN" && sc.upos(e) != "PROPN") {
		return -1
	}
	k := e
	for steps := 0; steps < sc.n; steps++ {
		h := sc.tree.Head(k)
		if h < 0 || h > e {
			break
		}
		if r := sc.rel(k); r != "flat" && r != "flat:name" && r != "compound" && r != "fixed" {
			break
		}
		k = h
	}
	return k
}

// repairSpeechParticiples mends a participle of a speech act set off by a
// comma after a reported clause ("announced that the protests would
// resume, accusing the government of ..."): the parse hangs it on the
// reported clause, whose subject and mood it then takes; it is the
// speaker's act, hung on the verb of saying. Speech acts are the verbs
// with an appeal, accusation, demand, threat, rejection or denial
// pattern (cameo.Embedding), or one of praise or verbal defence (051,
// 052: "announced the sanctions would be lifted, hailing the ceasefire").
func (sc *sentCtx) repairSpeechParticiples() []int {
	var out []int
	for v := 1; v < sc.n; v++ {
		t := &sc.s.Tokens[v]
		if !(t.DepRel == "advcl" || (t.DepRel == "conj" && sc.tree.ChildWith(v, "cc") < 0)) || !strings.HasPrefix(t.XPOS, "VBG") || sc.words[v-1] != "," || sc.hasAnyMark(v) {
			// (a participle after a bare comma is parsed as an adverbial
			// or as a conjunct without a conjunction)
			continue
		}
		h := t.Head
		if h < 0 || h >= v || sc.s.Tokens[h].DepRel != "ccomp" {
			continue
		}
		p := sc.s.Tokens[h].Head
		if p < 0 || p >= h || !sc.c.lex.speech[sc.lemmas[p]] || !sc.speechAct(sc.lemmas[v]) {
			continue
		}
		t.Head, t.DepRel = p, "advcl"
		out = append(out, v)
	}
	return out
}

// speechAct reports whether a verb has a pattern of a speech act: an
// appeal, accusation, demand, threat, rejection or denial, praise or
// verbal defence.
func (sc *sentCtx) speechAct(lemma string) bool {
	for _, p := range sc.c.idx[lemma] {
		if cameo.Embedding.Has(p.Code) || cameo.Under(p.Code, "051") || cameo.Under(p.Code, "052") {
			return true
		}
	}
	return false
}

// repairQuotedContents mends a reported clause that opens the sentence
// ("\"Argentina should revise its tariffs,\" the minister said") hung on
// the verb of saying as an adverbial clause (advcl, the EWT+GUM parse)
// rather than as its content (ccomp, as the old parse and UD have it): a
// clause with a subject of its own and no subordinating word, before a
// comma, on a verb of saying whose subject comes after it, is the verb's
// content; so is one the parse hung inside the speaker's phrase ("'This
// is a sad day,' opposition leader X told reporters", with "day" a
// compound of "leader"), whose title, hung on the verb as a bare oblique,
// then describes the name.
func (sc *sentCtx) repairQuotedContents() []int {
	var out []int
	toks := sc.s.Tokens
	for c := range toks {
		t := &toks[c]
		v := t.Head
		if v > c && t.DepRel != "advcl" && t.DepRel != "ccomp" && toks[v].UPOS == "NOUN" {
			// the clause hung inside the speaker's phrase ("'This is a
			// sad day,' opposition leader X told reporters", with "day"
			// a compound of "leader"): the verb of saying that phrase
			// hangs on
			if w := toks[v].Head; w > v && w-v <= 4 && toks[w].UPOS == "VERB" {
				v = w
			}
		}
		if t.DepRel != "advcl" && v == t.Head || v <= c || t.UPOS != "VERB" && t.UPOS != "AUX" && t.UPOS != "ADJ" && t.UPOS != "NOUN" || !sc.c.lex.speech[sc.lemmas[v]] {
			continue
		}
		if sc.tree.ChildWith(c, "mark") >= 0 || sc.tree.ChildWith(c, "nsubj") < 0 && sc.tree.ChildWith(c, "nsubj:pass") < 0 {
			continue
		}
		first, last := sc.tree.Subtree(c)
		if !sc.sentenceInitial(first) {
			continue
		}
		// a comma that closes the clause, before or after its quote mark
		comma := false
		for j := c + 1; j < v && j <= last+1; j++ {
			if toks[j].Text != "," {
				continue
			}
			k := j + 1
			for k < v && toks[k].UPOS == "PUNCT" {
				k++
			}
			if k > last {
				comma = true
			}
		}
		s := sc.tree.ChildWith(v, "nsubj")
		if !comma || s < last {
			continue
		}
		t.Head, t.DepRel = v, "ccomp"
		// the speaker's title, a bare noun right before the name, hung
		// on the verb as an oblique ("opposition leader" of "opposition
		// leader X told"): it describes the name
		if k := s - 1; k > last && toks[s].UPOS == "PROPN" && toks[k].Head == v && isNominal(toks[k].UPOS) && nlp.RelIs(toks[k].DepRel, "obl") && sc.tree.ChildWith(k, "case") < 0 {
			toks[k].Head, toks[k].DepRel = s, "nmod:desc"
		}
		out = append(out, c)
	}
	return out
}

// repairTrailingAttributions mends an attribution set off by a comma at the
// end of a sentence ("Uganda should release the reporter, the Committee
// to Protect Journalists said today") that the parse hangs on the clause
// as an adverbial with no subject, the speaker's name taken for an
// apposition of the noun before the comma: the noun phrase between the
// comma and the verb of saying is its subject, and the verb an aside on
// the reported clause (mood.speech-aside then makes its subject the
// reporter). Only a finite verb of saying that ends the sentence and has
// no subject is repaired; an aside already (parataxis) whose speaker the
// parse hung on the clause beside it is repaired the same way, and so is
// a verb the parse hung inside the speaker's name (on "Protect" of "the
// Committee to Protect Journalists"): it goes on the clause the name hangs
// on; its subject may be the last word of that name, the rest hung on the
// clause before the comma. So is a verb of saying with its own subject
// that the parse hung on a noun of the quotation as a relative clause
// ('... stability," the news agency quoted a spokesperson as saying').
// So is a root verb of saying with no subject whose reported clause (ccomp)
// comes before it, the speaker's name hung on the clause's last noun
// ("..., the painter Luis Otero, Human Rights Watch said": only the
// subject is mended).
func (sc *sentCtx) repairTrailingAttributions() []int {
	toks := sc.s.Tokens
	for v := 2; v < sc.n; v++ {
		t := &toks[v]
		if !sc.c.lex.speech[sc.lemmas[v]] {
			continue
		}
		// a root verb of saying whose reported clause comes before it
		root := t.DepRel == "root"
		if root {
			if c := sc.tree.ChildWith(v, "ccomp"); c < 0 || c > v {
				continue
			}
		} else if t.Head < 0 || t.Head >= v {
			continue
		}
		switch t.XPOS {
		case "VBD", "VBZ", "VBP":
		default:
			continue
		}
		if sc.splitAttribution(v) {
			return []int{v, v - 1}
		}
		if sc.tree.ChildWith(v, "nsubj:pass") >= 0 {
			continue
		}
		tail := true
		for j := v + 1; j < sc.n; j++ {
			if toks[j].UPOS != "PUNCT" && !sc.tree.Dominates(v, j) {
				tail = false
			}
		}
		comma := -1
		for j := v - 1; j > 0 && v-j <= 8; j-- {
			if toks[j].Text == "," {
				comma = j
				break
			}
		}
		if !tail || comma < 0 || comma+1 >= v || !isNominal(toks[v-1].UPOS) {
			continue
		}
		if w := toks[comma+1].Text; comma+2 < v && (w == "\"" || w == "”" || w == "'" || w == "’") {
			// the closing quote after the comma
			comma++
		}
		if n := sc.tree.ChildWith(v, "nsubj"); n >= 0 && !(n > comma && (nlp.RelIs(t.DepRel, "acl") || t.DepRel == "advcl:relcl")) {
			// (a verb of saying with its subject hung on a noun of the
			// quotation as a relative clause: ', the agency quoted a
			// spokesman as saying' is an attribution still)
			// a subject of its own: only the last word of a name the
			// parse broke up, the rest hung on the clause before the
			// comma ("the Committee to Protect Journalists said", with
			// "Journalists" the subject)
			broken := false
			for j := comma + 1; j < v; j++ {
				if h := toks[j].Head; h >= 0 && h < comma {
					broken = true
				}
			}
			if n <= comma || !broken {
				continue
			}
		}
		subj, ok := -1, true
		for j := comma + 1; j < v; j++ {
			switch toks[j].XPOS {
			case "VBD", "VBZ", "VBP", "VBN", "MD":
				ok = false
			}
			if toks[j].UPOS == "PUNCT" || toks[j].UPOS == "PRON" && toks[j].DepRel != "nmod:poss" {
				ok = false
			}
			if h := toks[j].Head; (h <= comma || h >= v) && subj < 0 {
				subj = j
			}
		}
		if !ok || subj < 0 || (toks[subj].UPOS != "NOUN" && toks[subj].UPOS != "PROPN") {
			continue
		}
		// the verb's head inside the speaker's name ("said" hung on
		// "Protect" of "the Committee to Protect Journalists"): the
		// clause the name's phrase hangs on
		// (a root verb of saying stays the root: only its subject is
		// mended)
		if !root {
			for h := t.Head; h > comma && h < v; h = toks[h].Head {
				t.Head = toks[h].Head
			}
			if t.Head < 0 {
				continue
			}
			// an attribution at the end of the sentence reports all of
			// it: it goes on the top clause ("should drop the charges
			// and allow the station to reopen, the group said": on
			// "drop", not on "reopen")
			for toks[t.Head].Head >= 0 && toks[t.Head].Head != v {
				t.Head = toks[t.Head].Head
			}
		}
		out := []int{v, subj}
		for j := comma + 1; j < v; j++ {
			if h := toks[j].Head; j != subj && (h <= comma || h >= v) {
				toks[j].Head, toks[j].DepRel = subj, "dep"
				out = append(out, j)
			}
		}
		toks[subj].Head, toks[subj].DepRel = v, "nsubj"
		if !root {
			t.DepRel = "parataxis"
		}
		return out
	}
	return nil
}

// splitAttribution mends the other shape of a trailing attribution: the
// speaker's name split in two ("..., Human Rights Watch said today" with
// "Rights" hung on the clause and "said" a relative clause on it, or on
// the noun before the comma, whose subject is "Watch"). A finite verb of
// saying hung as a relative clause, its subject the word just before it
// and the words from a comma to it a name, and nothing after it but its own dependents: the last
// word is the head of the speaker's name and the subject, the other words
// of the name hang on it, and the verb is an aside on the clause the name
// was hung on.
func (sc *sentCtx) splitAttribution(v int) bool {
	toks := sc.s.Tokens
	t := &toks[v]
	h, s := t.Head, v-1
	if t.DepRel != "acl:relcl" || h < 0 || h >= s || toks[s].Head != v || toks[s].DepRel != "nsubj" {
		return false
	}
	comma := -1
	for j := s - 1; j > 0 && v-j <= 8; j-- {
		if toks[j].Text == "," {
			comma = j
			break
		}
	}
	if comma < 0 {
		return false
	}
	// the clause is the nearest verb above the word the verb hangs on
	clause := h
	if h > comma {
		clause = toks[h].Head
	}
	for steps := 0; clause >= 0 && steps < sc.n && toks[clause].UPOS != "VERB" && toks[clause].DepRel != "root"; steps++ {
		clause = toks[clause].Head
	}
	if clause < 0 || clause >= comma {
		return false
	}
	for j := comma + 1; j < v; j++ {
		switch toks[j].UPOS {
		case "NOUN", "PROPN", "ADJ", "DET":
		case "PRON":
			// a capitalised word of a name tagged as a pronoun
			if w := toks[j].Text; j != s || w == "I" || w[0] < 'A' || w[0] > 'Z' {
				return false
			}
		default:
			return false
		}
	}
	for j := v + 1; j < sc.n; j++ {
		if toks[j].UPOS != "PUNCT" && !sc.tree.Dominates(v, j) {
			return false
		}
	}
	for j := comma + 1; j < s; j++ {
		if hj := toks[j].Head; hj <= comma || hj >= v {
			toks[j].Head, toks[j].DepRel = s, "dep"
		}
	}
	if toks[s].UPOS == "PRON" {
		toks[s].UPOS, toks[s].XPOS = "PROPN", "NNP"
	}
	t.Head, t.DepRel = clause, "parataxis"
	return true
}

// repairModalVerbs mends a tagging error: an event verb after a modal or
// "to" taken for an adjective ("the court should free the journalist",
// "asked Manila to free the crew": "free" as ADJ, so no verb pattern
// triggers). A word tagged ADJ that has a modal auxiliary or the
// infinitive marker "to" and an object of its own, and whose lemma is the
// trigger of a verb pattern, becomes the verb it is. So does an event verb
// (tagged verb or adjective) taken for a modifier of its own object after
// a modal, after "to" ("threatened to halt palm-oil exports", with "to"
// a preposition of "exports") or, as a gerund, right after a verb of
// aspect ("began investigating reports").
func (sc *sentCtx) repairModalVerbs() []int {
	var out []int
	for v := 0; v < sc.n; v++ {
		t := &sc.s.Tokens[v]
		if (t.UPOS != "ADJ" && t.UPOS != "VERB") || !sc.verbTrigger(sc.lemmas[v]) {
			continue
		}
		if o := t.Head; t.DepRel == "amod" && o > v && (sc.modalBefore(o, v) || sc.toBefore(o, v) || sc.aspectBefore(o, v)) {
			// "Togo should free the traders" parsed as a noun phrase
			// "free the traders" with the modal and subject on the noun:
			// the verb takes the noun's place, the noun is its object
			ot := &sc.s.Tokens[o]
			for _, k := range sc.tree.Children(o) {
				if r := sc.rel(k); (r == "aux" || nlp.RelIs(r, "nsubj") || r == "mark" || r == "case") && k < v {
					sc.s.Tokens[k].Head = v
				}
			}
			if t.UPOS == "ADJ" {
				t.XPOS = "VB"
			}
			t.UPOS, t.Head, t.DepRel = "VERB", ot.Head, ot.DepRel
			if k := v - 1; sc.lemmas[k] == "to" {
				sc.s.Tokens[k].UPOS, sc.s.Tokens[k].XPOS, sc.s.Tokens[k].DepRel = "PART", "TO", "mark"
			}
			if r := t.DepRel; nlp.RelIs(r, "obl") || nlp.RelIs(r, "nmod") || nlp.RelIs(r, "obj") {
				t.DepRel = "xcomp"
			}
			ot.Head, ot.DepRel = v, "obj"
			out = append(out, v)
			continue
		}
		if t.UPOS != "ADJ" {
			continue
		}
		if sc.tree.ChildWith(v, "obj") < 0 {
			continue
		}
		modal, to := false, -1
		for _, k := range sc.tree.Children(v) {
			switch r := sc.rel(k); {
			case r == "aux" && sc.c.lex.modal[sc.lemmas[k]]:
				modal = true
			case (r == "mark" || r == "case") && sc.lemmas[k] == "to" && k == v-1:
				to = k
			}
		}
		if !modal && to < 0 {
			continue
		}
		t.UPOS, t.XPOS = "VERB", "VB"
		if to >= 0 {
			// "to free" taken for a prepositional phrase: an infinitive
			m := &sc.s.Tokens[to]
			m.UPOS, m.XPOS, m.DepRel = "PART", "TO", "mark"
			if nlp.RelIs(t.DepRel, "obl") || nlp.RelIs(t.DepRel, "nmod") {
				t.DepRel = "xcomp"
			}
		}
		out = append(out, v)
	}
	return out
}

// modalBefore reports whether noun o has a modal auxiliary right before
// token v (its modifier).
func (sc *sentCtx) modalBefore(o, v int) bool {
	k := v - 1
	return k >= 0 && sc.tree.Head(k) == o && sc.rel(k) == "aux" && sc.c.lex.modal[sc.lemmas[k]]
}

// toBefore reports whether the word before v is a "to" hung on noun o
// that v modifies ("to halt exports" parsed as "to [halt exports]").
func (sc *sentCtx) toBefore(o, v int) bool {
	k := v - 1
	return k >= 0 && sc.lemmas[k] == "to" && sc.tree.Head(k) == o && (sc.rel(k) == "case" || sc.rel(k) == "mark") && sc.upos(v) == "VERB"
}

// aspectBefore reports whether gerund v, a modifier of noun o, follows a
// verb of aspect whose object o is ("began [investigating reports]").
func (sc *sentCtx) aspectBefore(o, v int) bool {
	k := v - 1
	return k >= 0 && strings.HasPrefix(sc.s.Tokens[v].XPOS, "VBG") && sc.upos(k) == "VERB" && sc.c.lex.aspect[sc.lemmas[k]] && sc.tree.Head(o) == k && nlp.RelIs(sc.rel(o), "obj")
}

// verbTrigger reports whether lemma triggers a verb pattern.
func (sc *sentCtx) verbTrigger(lemma string) bool {
	for _, p := range sc.c.idx[lemma] {
		if p.Trigger == lemma && !p.Nominal && len(p.Light) == 0 {
			return true
		}
	}
	return false
}

// repairOpeningParticiples mends a parse that takes a participle clause
// opening the sentence for the main clause ("Expressing concern over the
// fighting, the president left the summit", with "Expressing" the root
// and "left" a relative clause of "fighting"): the first finite verb
// after a comma in the participle's phrase with a subject of its own and
// no conjunction, marker or relative word is the main verb. It becomes
// the root, the participle its adverbial clause, and what the parse hung
// on the participle after that verb goes on it.
func (sc *sentCtx) repairOpeningParticiples() []int {
	toks := sc.s.Tokens
	p := 0
	for p < sc.n && toks[p].UPOS == "PUNCT" {
		p++
	}
	if p >= sc.n || toks[p].Head >= 0 || toks[p].UPOS != "VERB" || toks[p].XPOS != "VBG" {
		return nil
	}
	for _, r := range []string{"nsubj", "nsubj:pass", "aux", "aux:pass", "cop", "mark"} {
		if sc.tree.ChildWith(p, r) >= 0 {
			return nil
		}
	}
	_, last := sc.tree.Subtree(p)
	for f := p + 1; f <= last; f++ {
		if x := toks[f].XPOS; toks[f].UPOS != "VERB" || (x != "VBD" && x != "VBZ" && x != "VBP") || sc.tree.ChildWith(f, "nsubj") < 0 {
			continue
		}
		switch toks[f].DepRel {
		case "acl", "acl:relcl", "parataxis", "conj", "ccomp", "dep":
		default:
			return nil
		}
		if first, _ := sc.tree.Subtree(f); first < 1 || toks[first-1].Text != "," && toks[first].Text != "," {
			return nil
		}
		if sc.tree.ChildWith(f, "cc") >= 0 || sc.tree.ChildWith(f, "mark") >= 0 {
			return nil
		}
		for _, c := range sc.tree.Children(f) {
			if x := toks[c].XPOS; x == "WDT" || x == "WP" || x == "WP$" || x == "WRB" {
				return nil
			}
		}
		for _, c := range sc.tree.Children(p) {
			if c > f {
				toks[c].Head = f
			}
		}
		toks[f].Head, toks[f].DepRel = -1, "root"
		toks[p].Head, toks[p].DepRel = f, "advcl"
		return []int{f}
	}
	return nil
}

// repairObjectObliques mends a parse that hangs the phrase of an event
// noun on the verb whose object the noun is: its doer ("rebuffing protests
// by Serbia and Russia", with "by Serbia" an oblique of "rebuffing") or
// its place ("would stop their offensive in Syria"). An active verb takes
// no agent, so a "by" phrase naming a name or an agent (a role noun) right
// after an event-noun object is the noun's; a place preposition with a
// name right after it is the noun's too, unless a pattern of the verb
// reads that preposition on the verb. The phrase becomes the noun's nmod,
// as the coder reads a doer or a place of an event noun.
func (sc *sentCtx) repairObjectObliques() []int {
	var out []int
	toks := sc.s.Tokens
	for c := range toks {
		t := &toks[c]
		v := t.Head
		if v < 0 || v > c || toks[v].UPOS != "VERB" || !(t.DepRel == "obl" || (t.DepRel == "obl:agent" && toks[v].XPOS == "VBG")) || toks[v].XPOS == "VBN" || sc.tree.ChildWith(v, "aux:pass") >= 0 {
			continue
		}
		cs := sc.caseOf(c)
		by := cs == "by"
		if !by && !sc.c.lex.placePreps[cs] {
			continue
		}
		if r, ok := sc.role(sc.lemmas[c]); t.UPOS != "PROPN" && !(by && ok && r != "") {
			continue
		}
		o := sc.tree.ChildWith(v, "obj")
		if o < 0 || o > c {
			continue
		}
		f, _ := sc.tree.Subtree(c)
		if _, l := sc.tree.Subtree(o); l+1 != f {
			continue
		}
		// an event noun among the object's conjuncts; the phrase goes on
		// the first, as a phrase shared by a coordination does
		event := false
		for _, k := range sc.conjuncts(o) {
			if sc.isEventNoun(k) || len(sc.c.lex.eventAnaphors[sc.lemmas[k]]) > 0 {
				event = true
			}
		}
		if !event || (!by && sc.verbReads(v, cs)) {
			continue
		}
		t.Head, t.DepRel = o, "nmod"
		out = append(out, c)
	}
	return out
}

// verbReads reports whether a pattern of verb v names preposition prep
// among its slots or required dependents.
func (sc *sentCtx) verbReads(v int, prep string) bool {
	for _, p := range sc.c.idx[sc.lemmas[v]] {
		for _, sl := range p.Target {
			if sl.Prep == prep {
				return true
			}
		}
		for _, sl := range p.Source {
			if sl.Prep == prep {
				return true
			}
		}
		for _, d := range p.Require {
			if d.Prep == prep {
				return true
			}
		}
	}
	return false
}

// repairTensedConjuncts mends a parse that coordinates a finite verb with
// the bare infinitive of the clause before it ("Tehran said it could close
// the strait and warned it would retaliate", with "warned" a conjunct of
// "close"): a past or present-tense verb cannot share a modal or "to", so
// a conjunct in that tense, joined by a conjunction, with no auxiliary or
// subject of its own, of a bare verb under a modal or "to" is a conjunct of
// the verb that governs that clause.
func (sc *sentCtx) repairTensedConjuncts() []int {
	var out []int
	toks := sc.s.Tokens
	for c := range toks {
		t := &toks[c]
		h := t.Head
		if t.DepRel != "conj" || t.UPOS != "VERB" || (t.XPOS != "VBD" && t.XPOS != "VBZ") || h < 0 || h > c || toks[h].UPOS != "VERB" || toks[h].XPOS != "VB" {
			continue
		}
		if r := toks[h].DepRel; r != "ccomp" && r != "xcomp" {
			continue
		}
		g := toks[h].Head
		if g < 0 || toks[g].UPOS != "VERB" || sc.tree.ChildWith(c, "cc") < 0 || sc.tree.ChildWith(c, "nsubj") >= 0 || sc.tree.ChildWith(c, "nsubj:pass") >= 0 || sc.tree.ChildWith(c, "aux") >= 0 {
			continue
		}
		bound := false
		for _, k := range sc.tree.Children(h) {
			if k < h && ((toks[k].DepRel == "aux" && toks[k].XPOS == "MD") || (toks[k].DepRel == "mark" && sc.lemmas[k] == "to")) {
				bound = true
			}
		}
		if !bound {
			continue
		}
		t.Head = g
		out = append(out, c)
	}
	return out
}

// repairSubjectParticiples mends a parse that hangs the clause's verb
// inside a participle on its subject ("A bomber pretending to wait in
// line detonated her explosives, police said", with "detonated" an
// adverbial of "wait"), the participle either taken for the clause's verb
// with the noun its subject, or kept on the noun while the noun is made
// the subject of the verb of saying after it. An -ing verb with no
// auxiliary, copula or marker is no finite clause, so the first past or
// present-tense verb inside it with no subject, auxiliary, marker or
// conjunction of its own is the clause's verb: it takes the participle's
// place (or, for the noun of a verb of saying after it, becomes that
// verb's complement) and the noun for its subject; the participle is the
// noun's modifier (acl), and what the parse hung after that verb on the
// participle's words goes on the verb.
func (sc *sentCtx) repairSubjectParticiples() []int {
	var out []int
	toks := sc.s.Tokens
	for p := range toks {
		t := &toks[p]
		if t.UPOS != "VERB" || t.XPOS != "VBG" {
			continue
		}
		if sc.tree.ChildWith(p, "aux") >= 0 || sc.tree.ChildWith(p, "aux:pass") >= 0 || sc.tree.ChildWith(p, "cop") >= 0 || sc.tree.ChildWith(p, "mark") >= 0 {
			continue
		}
		n := sc.tree.ChildWith(p, "nsubj")
		onNoun := false
		if n < 0 && t.DepRel == "acl" && t.Head >= 0 && t.Head < p {
			// the participle on its noun, the noun the subject of a verb
			// of saying after the participle's phrase
			n, onNoun = t.Head, true
			if g := toks[n].Head; toks[n].DepRel != "nsubj" || g < p || !sc.c.lex.speech[sc.lemmas[g]] {
				continue
			}
		}
		if n < 0 || n > p || (toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN") {
			continue
		}
		_, last := sc.tree.Subtree(p)
		f := -1
		for j := p + 1; j <= last; j++ {
			if x := toks[j].XPOS; toks[j].UPOS != "VERB" || (x != "VBD" && x != "VBZ") {
				continue
			}
			if r := toks[j].DepRel; r != "advcl" && r != "conj" && r != "parataxis" && r != "ccomp" && r != "dep" {
				break
			}
			if sc.tree.ChildWith(j, "nsubj") < 0 && sc.tree.ChildWith(j, "nsubj:pass") < 0 && sc.tree.ChildWith(j, "aux") < 0 && sc.tree.ChildWith(j, "mark") < 0 && sc.tree.ChildWith(j, "cc") < 0 {
				f = j
			}
			break
		}
		if f < 0 {
			continue
		}
		for j := f + 1; j <= last; j++ {
			if h := toks[j].Head; h >= p && h < f {
				toks[j].Head = f
			}
		}
		if onNoun {
			toks[f].Head, toks[f].DepRel = toks[n].Head, "ccomp"
		} else {
			toks[f].Head, toks[f].DepRel = t.Head, t.DepRel
			t.Head, t.DepRel = n, "acl"
		}
		toks[n].Head, toks[n].DepRel = f, "nsubj"
		out = append(out, f)
	}
	return out
}

// repairObjectConjuncts mends a parse that hangs a later item of a list of
// objects on the verb as a conjunct ("would send helicopters, medical
// teams and two tonnes of medicine", with "teams" a conjunct of "send"): a
// noun conjunct of a verb, or a bare oblique after a comma, after the
// verb's object, with no case marker, is a conjunct of the object. A
// contrasting conjunction ("but", "yet") opens a clause, not a list item
// ("opposed the plan, yet Peru, which ..., ranks first": no target). A
// noun conjunct that sums up the clause with another party's answer in a
// relative clause (", a charge New Delhi rejected") is no list item
// either: clauseSummary.
func (sc *sentCtx) repairObjectConjuncts() []int {
	var out []int
	toks := sc.s.Tokens
	for c := range toks {
		t := &toks[c]
		v := t.Head
		if (t.UPOS != "NOUN" && t.UPOS != "PROPN") || v < 0 || v > c || toks[v].UPOS != "VERB" || sc.tree.ChildWith(c, "case") >= 0 {
			continue
		}
		if r := sc.clauseSummary(c, v); r >= 0 {
			out = append(out, r)
			continue
		}
		if f, _ := sc.tree.Subtree(c); !(t.DepRel == "conj" || (t.DepRel == "obl" && f > 0 && (toks[f].Text == "," || toks[f-1].Text == ",") && !sc.inDate(c))) {
			// (or a bare oblique after a comma: "send trucks, medical
			// teams and fuel", with "teams" an oblique)
			continue
		}
		if cc := sc.tree.ChildWith(c, "cc"); cc >= 0 && sc.lemmas[cc] != "and" && sc.lemmas[cc] != "or" {
			continue
		}
		o := sc.tree.ChildWith(v, "obj")
		if o < 0 || o > c {
			continue
		}
		// nothing of the verb's between the object and the conjunct
		ok := true
		for j := o + 1; j < c; j++ {
			if toks[j].Head == v && toks[j].DepRel != "punct" {
				ok = false
			}
		}
		if !ok {
			continue
		}
		t.Head, t.DepRel = o, "conj"
		out = append(out, c)
	}
	return out
}

// repairSubordinateSubjects mends a parse that reads a subordinating
// "after", "before", "since" or "until" as a preposition on the subject
// of its clause ("the attack came after US and Iraqi officials held
// talks", with "after US" an oblique of "came" and "officials" and "held"
// conjuncts of "came"; "resumed after Armenia and Azerbaijan signed a
// truce", with "signed" a complement of "resumed"; "come a day before
// the president visits Russia", with "before the president" on "day" and
// "visits" an acl of "day"): a finite verb without
// a subject or marker, coordinated with (or a complement of) the verb the
// phrase hangs on, that follows the phrase and the nouns coordinated with
// it, is the clause's verb; the noun its subject, the
// nouns its conjuncts, the word its marker, the clause an adverbial.
func (sc *sentCtx) repairSubordinateSubjects() []int {
	var out []int
	toks := sc.s.Tokens
	for a := range toks {
		switch sc.lemmas[a] {
		case "after", "before", "since", "until":
		default:
			continue
		}
		n := toks[a].Head
		if toks[a].DepRel != "case" || n <= a || (toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN" && toks[n].UPOS != "PRON") {
			continue
		}
		// h: the word the phrase hangs on, a verb (obl) or, for a phrase
		// on a noun of measure ("a day before the president visits", with
		// "visits" an acl of "day"), that noun, itself on a verb (nmod)
		h := toks[n].Head
		nominal := nlp.RelIs(toks[n].DepRel, "nmod")
		if h < 0 || !nominal && !nlp.RelIs(toks[n].DepRel, "obl") {
			continue
		}
		if nominal && (toks[h].UPOS != "NOUN" || toks[h].Head < 0 || toks[toks[h].Head].UPOS != "VERB") || !nominal && toks[h].UPOS != "VERB" {
			continue
		}
		_, e := sc.tree.Subtree(n)
		// the nouns coordinated with the phrase, then the verb
		var nouns []int
		v := -1
		for j := e + 1; j < len(toks); j++ {
			if toks[j].Head != h {
				continue
			}
			if toks[j].DepRel == "conj" && (toks[j].UPOS == "NOUN" || toks[j].UPOS == "PROPN") {
				nouns = append(nouns, j)
				continue
			}
			r := toks[j].DepRel
			if nominal {
				r = strings.Replace(r, "acl", "conj", 1)
			}
			if x := toks[j].XPOS; (r == "conj" || r == "xcomp" || r == "ccomp" || r == "parataxis" || r == "dep") && toks[j].UPOS == "VERB" && (x == "VBD" || x == "VBZ" || x == "VBP") && sc.tree.ChildWith(j, "nsubj") < 0 && sc.tree.ChildWith(j, "cc") < 0 && sc.tree.ChildWith(j, "mark") < 0 {
				v = j
			}
			break
		}
		if v < 0 {
			continue
		}
		if nominal {
			h = toks[h].Head
		}
		toks[v].Head, toks[v].DepRel = h, "advcl"
		toks[a].Head, toks[a].DepRel, toks[a].UPOS = v, "mark", "SCONJ"
		toks[n].Head, toks[n].DepRel = v, "nsubj"
		for _, k := range nouns {
			toks[k].Head = n
		}
		out = append(out, v)
	}
	return out
}

// clauseSummary mends a noun conjunct of verb v that sums up the clause
// before it and another party's answer to it (", a charge New Delhi
// rejected as baseless", ", a claim the ministry denied"), the answer a
// relative clause of the noun: no list item but the object of the
// relative verb (with a subject of its own and no object), which goes on
// the verb whose clause the noun sums up (the top of the chain of
// complements and conjuncts v hangs in), as the relative clause of that
// clause (as complement.answer and argument.accuser read the answer). It
// reports the relative verb, or -1.
func (sc *sentCtx) clauseSummary(n, v int) int {
	toks := sc.s.Tokens
	if toks[n].DepRel != "conj" || sc.tree.ChildWith(n, "cc") >= 0 {
		return -1
	}
	f, _ := sc.tree.Subtree(n)
	for f < n && toks[f].UPOS == "PUNCT" {
		f++
	}
	if f < 1 || toks[f-1].Text != "," {
		return -1
	}
	r := -1
	for _, k := range sc.tree.Children(n) {
		if k > n && toks[k].DepRel == "acl:relcl" && toks[k].UPOS == "VERB" {
			r = k
		}
	}
	if r < 0 || sc.tree.ChildWith(r, "obj") >= 0 {
		return -1
	}
	if s := sc.tree.ChildWith(r, "nsubj"); s < n || toks[s].UPOS == "PRON" {
		return -1
	}
	top := v
	for steps := 0; steps < sc.n; steps++ {
		h := toks[top].Head
		if h < 0 || toks[h].UPOS != "VERB" {
			break
		}
		if r := toks[top].DepRel; r != "advcl" && r != "xcomp" && r != "ccomp" && r != "conj" {
			break
		}
		top = h
	}
	toks[r].Head = top
	toks[n].Head, toks[n].DepRel = r, "obj"
	return r
}
