package dict

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/cameo"
	"go.yaml.in/yaml/v3"
)

// Pattern is one way an event of a CAMEO code is expressed in text, matched
// by the coder against a sentence's lemmas and dependency tree.
//
// In a dictionary file patterns come in groups that share a code and
// options, each group listing its match strings:
//
//	patterns:
//	  - code: "041"
//	    mutual: true
//	    match:
//	      - speak|talk by=phone|telephone with=T
//	      - hold+call|conversation with=T
//
// A match string is a trigger followed by constraints, separated by
// spaces. The trigger is a lemma ("condemn"), alternatives joined by "|"
// (each becomes its own Pattern), an optional particle after "~"
// ("call~off"), and, for a noun that names the event, the light verbs it
// is the object of before "+" ("hold|have+talk"). Constraints are
// key=value: the key is a dependency relation (obj, iobj, xcomp, ccomp,
// nsubj, advmod, amod, compound, nmod, obl, mark) or a preposition (with,
// to, against, on...) that marks an obl or nmod dependent; the value is
// T (the target is found there), S (the source is found there), * (any
// word) or lemmas joined by "|" (the dependent must have one of them).
// "!key" forbids a dependent; "!key=a|b" forbids one with those lemmas
// ("release obj=* !obj=video": releasing a video frees no one).
//
// Where a list of lemmas is allowed (the light verbs before "+", the
// lemmas of a constraint) an item "@class" names a word class of the
// lexicon instead ("@imposing_verbs+sanction", "xcomp=@condemnation_words"):
// the pattern then takes every word of the class, so a new light verb or
// word of condemnation is taught once, in the lexicon, for every pattern
// that names its class.
type Pattern struct {
	// ID identifies the pattern in provenance ("041.speak.1").
	ID string
	// Code is the CAMEO code the pattern codes.
	Code string
	// Trigger is the lemma of the word that names the event: a verb, or a
	// noun when Light is set or the pattern is Nominal.
	Trigger string
	// Light lists the light verbs whose object (or passive subject) the
	// noun trigger must be ("hold" talks, "impose" sanctions).
	Light []string
	// LightParticles lists the particles a light verb may carry
	// ("carry~out+attack"); a light verb with any other particle does
	// not match ("called off the strike" is not "call+strike").
	LightParticles []string
	// Particle is the verb particle required (compound:prt): "off" in
	// "call off".
	Particle string
	// Require lists dependents that must be present.
	Require []Dep
	// Forbid lists dependents (relation or preposition keys) that must be
	// absent ("strike" as a labour strike has no object).
	Forbid []string
	// ForbidWords lists dependents that must not have one of some words
	// ("!obj=video|statement": a release of a video frees no one).
	ForbidWords []Dep
	// Source lists where the source is found besides the subject (or the
	// passive agent), in order of preference.
	Source []Slot
	// Target lists where the target is found, in order of preference. An
	// empty list means the direct object.
	Target []Slot
	// Mutual says whether the event is coded in both directions.
	Mutual Mutuality
	// Linked is the code of the linked event coded from target to source
	// ("043" host a visit, for a "042" visit); empty for none.
	Linked string
	// TargetMode says whether the event needs a target.
	TargetMode TargetMode
	// Refine lists more specific codes chosen by words among the
	// trigger's dependents ("military" aid -> 072).
	Refine []Refinement
	// Embed says how the pattern treats an event in its complement (an
	// appeal, demand, threat, refusal or commitment to do it); empty for
	// a plain event pattern.
	Embed EmbedKind
	// Nominal marks a noun pattern without light verb: it never codes an
	// event by itself (nominalised events are background) but names the
	// event requested, demanded, threatened or refused ("demanded the
	// release of ...").
	Nominal bool
	// Context upgrades the code when earlier sentences of the article
	// hold one of the lemmas ("spoke" after "phone call" -> 041).
	Context *ContextUpgrade
	// File and Line say where the pattern was defined.
	File string
	Line int

	// rawLight and rawRequire are Light and Require as written, with
	// their "@class" references, when the pattern has any: the
	// dictionary expands them against its lexicon (expandClasses).
	rawLight   []string
	rawRequire []Dep
}

// Dep is a dependent that a Pattern requires.
type Dep struct {
	// Rel is the dependency relation ("obj", "xcomp"), or "" for an obl
	// or nmod dependent marked by Prep.
	Rel string
	// Prep is the preposition (case marker) for obl/nmod dependents.
	Prep string
	// Lemmas are the lemmas the dependent may have; empty means any.
	Lemmas []string
}

// Slot says where an actor is found: a dependent by relation, or an obl
// or nmod dependent by preposition.
type Slot struct {
	// Rel is the dependency relation, or "" when Prep is set.
	Rel string
	// Prep is the preposition of an obl or nmod dependent.
	Prep string
}

// String returns the slot as written in a match string ("obj", "with").
func (s Slot) String() string {
	if s.Prep != "" {
		return s.Prep
	}
	return s.Rel
}

// Mutuality says when a pattern's event is coded in both directions.
type Mutuality string

// The kinds of mutuality.
const (
	// MutualNone: the grammatical direction only.
	MutualNone Mutuality = ""
	// MutualAlways: reciprocal codes (041, 044, 046, 057, 062...): both
	// directions whenever source and target are known, and all pairs of
	// a compound subject.
	MutualAlways Mutuality = "always"
	// MutualCompound: mutual verbs ("clash", "exchange fire"): both
	// directions only for a compound or plural subject without target.
	MutualCompound Mutuality = "compound"
)

// TargetMode says whether a pattern codes an event without a target.
type TargetMode string

// The target modes.
const (
	// TargetOptional: a missing target is coded as null.
	TargetOptional TargetMode = ""
	// TargetRequired: no event without a target actor.
	TargetRequired TargetMode = "required"
	// TargetNone: the event has no target even if the text names one.
	TargetNone TargetMode = "none"
)

// EmbedKind says what a pattern does with the event in its complement.
type EmbedKind string

// The embedding kinds.
const (
	EmbedNone    EmbedKind = ""
	EmbedIntent  EmbedKind = "intent"  // pledge, promise, agree to: root 03
	EmbedAppeal  EmbedKind = "appeal"  // urge, call on, ask: root 02
	EmbedDemand  EmbedKind = "demand"  // demand, insist: root 10
	EmbedThreat  EmbedKind = "threat"  // threaten, warn: root 13
	EmbedRefuse  EmbedKind = "refuse"  // refuse, reject: root 12
	EmbedCarrier EmbedKind = "carrier" // willingness, readiness: takes the embedded event's intent code
)

// Refinement picks a more specific code when a word with one of Lemmas is
// among the trigger's dependents.
type Refinement struct {
	Lemmas []string
	Code   string
}

// ContextUpgrade replaces a pattern's code when an earlier sentence of the
// article holds one of Lemmas.
type ContextUpgrade struct {
	Lemmas []string
	Code   string
}

// isRelKey reports whether a key of a match string names a dependency
// relation; any other key is a preposition.
func isRelKey(k string) bool {
	switch k {
	case "obj", "iobj", "xcomp", "ccomp", "nsubj", "advmod", "amod", "compound",
		"nmod", "obl", "mark", "advcl", "nummod", "det", "prt":
		return true
	}
	return false
}

// isGroupKey reports whether k is a key a pattern group may have.
func isGroupKey(k string) bool {
	switch k {
	case "code", "match", "mutual", "linked", "target", "refine", "embed",
		"nominal", "context", "id", "note":
		return true
	}
	return false
}

// parsePatterns reads the value of a `patterns:` key of a dictionary file.
// file names the file for error messages, which carry file:line.
func parsePatterns(node *yaml.Node, file string) ([]Pattern, error) {
	return ParsePatterns(node, file, cameo.Default())
}

// ParsePatterns reads a `patterns:` sequence of groups (see Pattern),
// validating every code against cb. Errors carry file:line.
func ParsePatterns(node *yaml.Node, file string, cb *cameo.Codebook) ([]Pattern, error) {
	if node == nil {
		return nil, nil
	}
	if node.Kind == yaml.DocumentNode && len(node.Content) == 1 {
		node = node.Content[0]
	}
	if node.Kind == yaml.ScalarNode && (node.Tag == "!!null" || node.Value == "") {
		return nil, nil
	}
	if node.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: patterns: want a list of pattern groups", file, node.Line)
	}
	var out []Pattern
	ids := map[string]int{}
	for _, g := range node.Content {
		ps, err := parseGroup(g, file, cb)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			ids[p.ID]++
			if n := ids[p.ID]; n > 1 {
				p.ID = fmt.Sprintf("%s.%d", p.ID, n)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", file, n.Line, fmt.Sprintf(format, args...))
}

func checkCode(file string, n *yaml.Node, cb *cameo.Codebook, code string) error {
	if len(code) < 2 || !cb.Valid(code) {
		return errAt(file, n, "unknown CAMEO code %q", code)
	}
	if len(code) == 2 {
		return errAt(file, n, "code %q is a root; use its 0 code (%s0)", code, code)
	}
	return nil
}

// parseGroup reads one pattern group.
func parseGroup(g *yaml.Node, file string, cb *cameo.Codebook) ([]Pattern, error) {
	if g.Kind != yaml.MappingNode {
		return nil, errAt(file, g, "pattern group: want a mapping with code and match")
	}
	var base Pattern
	base.File = file
	base.Line = g.Line
	var matches *yaml.Node
	var idPrefix string
	for i := 0; i+1 < len(g.Content); i += 2 {
		k, v := g.Content[i], g.Content[i+1]
		if !isGroupKey(k.Value) {
			return nil, errAt(file, k, "unknown key %q in pattern group", k.Value)
		}
		switch k.Value {
		case "code":
			if v.Kind != yaml.ScalarNode {
				return nil, errAt(file, v, "code: want a string")
			}
			base.Code = strings.TrimSpace(v.Value)
			if err := checkCode(file, v, cb, base.Code); err != nil {
				return nil, err
			}
		case "match":
			matches = v
		case "id":
			idPrefix = strings.TrimSpace(v.Value)
		case "note":
		case "mutual":
			switch strings.TrimSpace(v.Value) {
			case "true", "yes", "always":
				base.Mutual = MutualAlways
			case "compound":
				base.Mutual = MutualCompound
			case "false", "no", "":
				base.Mutual = MutualNone
			default:
				return nil, errAt(file, v, "mutual: want true, false or compound, got %q", v.Value)
			}
		case "linked":
			base.Linked = strings.TrimSpace(v.Value)
			if err := checkCode(file, v, cb, base.Linked); err != nil {
				return nil, err
			}
		case "target":
			switch TargetMode(strings.TrimSpace(v.Value)) {
			case TargetOptional, "optional":
				base.TargetMode = TargetOptional
			case TargetRequired:
				base.TargetMode = TargetRequired
			case TargetNone:
				base.TargetMode = TargetNone
			default:
				return nil, errAt(file, v, "target: want optional, required or none, got %q", v.Value)
			}
		case "embed":
			switch e := EmbedKind(strings.TrimSpace(v.Value)); e {
			case EmbedIntent, EmbedAppeal, EmbedDemand, EmbedThreat, EmbedRefuse, EmbedCarrier:
				base.Embed = e
			default:
				return nil, errAt(file, v, "embed: unknown kind %q (intent, appeal, demand, threat, refuse, carrier)", v.Value)
			}
		case "nominal":
			switch strings.TrimSpace(v.Value) {
			case "true", "yes":
				base.Nominal = true
			case "false", "no":
			default:
				return nil, errAt(file, v, "nominal: want true or false, got %q", v.Value)
			}
		case "refine":
			if v.Kind != yaml.MappingNode {
				return nil, errAt(file, v, "refine: want a mapping of lemmas to codes")
			}
			byCode := map[string][]string{}
			var order []string
			for j := 0; j+1 < len(v.Content); j += 2 {
				lk, lv := v.Content[j], v.Content[j+1]
				code := strings.TrimSpace(lv.Value)
				if err := checkCode(file, lv, cb, code); err != nil {
					return nil, err
				}
				if _, ok := byCode[code]; !ok {
					order = append(order, code)
				}
				for _, l := range strings.Split(lk.Value, "|") {
					if l = strings.TrimSpace(l); l != "" {
						byCode[code] = append(byCode[code], strings.ToLower(l))
					}
				}
			}
			for _, c := range order {
				base.Refine = append(base.Refine, Refinement{Lemmas: byCode[c], Code: c})
			}
		case "context":
			if v.Kind != yaml.MappingNode {
				return nil, errAt(file, v, "context: want {lemmas: [...], code: ...}")
			}
			cu := &ContextUpgrade{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				switch ck.Value {
				case "code":
					cu.Code = strings.TrimSpace(cv.Value)
					if err := checkCode(file, cv, cb, cu.Code); err != nil {
						return nil, err
					}
				case "lemmas":
					var ls []string
					if err := cv.Decode(&ls); err != nil {
						return nil, errAt(file, cv, "context lemmas: %v", err)
					}
					cu.Lemmas = ls
				default:
					return nil, errAt(file, ck, "unknown key %q in context", ck.Value)
				}
			}
			if cu.Code == "" || len(cu.Lemmas) == 0 {
				return nil, errAt(file, v, "context: needs code and lemmas")
			}
			base.Context = cu
		}
	}
	if base.Code == "" {
		return nil, errAt(file, g, "pattern group without code")
	}
	if matches == nil || matches.Kind != yaml.SequenceNode || len(matches.Content) == 0 {
		return nil, errAt(file, g, "pattern group %s: want a non-empty match list", base.Code)
	}
	var out []Pattern
	for _, m := range matches.Content {
		if m.Kind != yaml.ScalarNode {
			return nil, errAt(file, m, "match: want a string")
		}
		ps, err := parseMatch(base, m.Value)
		if err != nil {
			return nil, errAt(file, m, "%v", err)
		}
		for i := range ps {
			ps[i].Line = m.Line
			prefix := idPrefix
			if prefix == "" {
				prefix = base.Code
			}
			id := prefix + "." + ps[i].Trigger
			if len(ps[i].Light) > 0 {
				id = prefix + "." + lightName(ps[i].Light[0]) + "-" + ps[i].Trigger
			}
			if ps[i].Particle != "" {
				id += "-" + ps[i].Particle
			}
			ps[i].ID = id
		}
		out = append(out, ps...)
	}
	return out, nil
}

// ParseMatch reads one match string into patterns with the options of
// base, one per trigger alternative. It is exported for tests and tools.
func ParseMatch(base Pattern, s string) ([]Pattern, error) { return parseMatch(base, s) }

func splitLemmas(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "|") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, strings.ToLower(l))
		}
	}
	return out
}

func parseMatch(base Pattern, s string) ([]Pattern, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty match string")
	}
	trig := fields[0]
	if strings.ContainsAny(trig, "=!") {
		return nil, fmt.Errorf("match %q: must start with a trigger lemma", s)
	}
	p := base
	p.Require, p.Forbid, p.Source, p.Target = nil, nil, nil, nil
	p.ForbidWords = nil
	p.Light, p.LightParticles = nil, nil
	if i := strings.Index(trig, "+"); i >= 0 {
		// a light verb's particle ("carry~out+attack") is allowed, any
		// other particle on the light verb is not
		for _, l := range splitLemmas(trig[:i]) {
			if j := strings.Index(l, "~"); j >= 0 {
				if prt := l[j+1:]; prt != "" && !contains(p.LightParticles, prt) {
					p.LightParticles = append(p.LightParticles, prt)
				}
				l = l[:j]
			}
			if l != "" && !contains(p.Light, l) {
				p.Light = append(p.Light, l)
			}
		}
		trig = trig[i+1:]
		if len(p.Light) == 0 {
			return nil, fmt.Errorf("match %q: empty light verb before +", s)
		}
		if strings.Contains(trig, "+") {
			return nil, fmt.Errorf("match %q: more than one +", s)
		}
	}
	// each alternative may have its own particle: "suspend|break~off"
	var triggers, particles []string
	for _, alt := range splitLemmas(trig) {
		prt := ""
		if i := strings.Index(alt, "~"); i >= 0 {
			alt, prt = alt[:i], alt[i+1:]
			if prt == "" || strings.Contains(prt, "~") {
				return nil, fmt.Errorf("match %q: bad particle in %q", s, alt+"~"+prt)
			}
		}
		if alt == "" {
			return nil, fmt.Errorf("match %q: empty trigger", s)
		}
		triggers = append(triggers, alt)
		particles = append(particles, prt)
	}
	if len(triggers) == 0 {
		return nil, fmt.Errorf("match %q: empty trigger", s)
	}
	for _, f := range fields[1:] {
		if strings.HasPrefix(f, "!") {
			k := strings.ToLower(f[1:])
			if k == "" {
				return nil, fmt.Errorf("match %q: empty key after !", s)
			}
			if k, v, ok := strings.Cut(k, "="); ok {
				ls := splitLemmas(v)
				if k == "" || len(ls) == 0 || hasClassRef(nil, []Dep{{Lemmas: ls}}) {
					return nil, fmt.Errorf("match %q: constraint %q: want !key=lemmas (no word class)", s, f)
				}
				d := Dep{Lemmas: ls}
				if isRelKey(k) {
					d.Rel = k
				} else {
					d.Prep = strings.ReplaceAll(k, "_", " ")
				}
				p.ForbidWords = append(p.ForbidWords, d)
				continue
			}
			p.Forbid = append(p.Forbid, k)
			continue
		}
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("match %q: constraint %q: want key=value or !key", s, f)
		}
		k = strings.ToLower(k)
		var slot Slot
		if isRelKey(k) {
			slot.Rel = k
		} else {
			slot.Prep = strings.ReplaceAll(k, "_", " ")
		}
		switch v {
		case "T":
			p.Target = append(p.Target, slot)
		case "S":
			p.Source = append(p.Source, slot)
		case "*":
			p.Require = append(p.Require, Dep{Rel: slot.Rel, Prep: slot.Prep})
		default:
			ls := splitLemmas(v)
			if len(ls) == 0 {
				return nil, fmt.Errorf("match %q: constraint %q: no lemmas", s, f)
			}
			p.Require = append(p.Require, Dep{Rel: slot.Rel, Prep: slot.Prep, Lemmas: ls})
		}
	}
	if p.Nominal && len(p.Light) > 0 {
		return nil, fmt.Errorf("match %q: a nominal pattern has no light verb", s)
	}
	if hasClassRef(p.Light, p.Require) {
		p.rawLight = append([]string(nil), p.Light...)
		p.rawRequire = append([]Dep(nil), p.Require...)
	}
	out := make([]Pattern, 0, len(triggers))
	for i, t := range triggers {
		q := p
		q.Trigger, q.Particle = t, particles[i]
		out = append(out, q)
	}
	return out, nil
}

// classRef returns the word class an item of a lemma list names
// ("@imposing_verbs" -> "imposing_verbs"), or "" for a plain lemma.
func classRef(item string) string {
	if strings.HasPrefix(item, "@") {
		return item[1:]
	}
	return ""
}

// lightName is how a light verb, or a class of them, is named in a
// pattern's ID ("@imposing_verbs" -> "imposing").
func lightName(l string) string {
	if c := classRef(l); c != "" {
		return strings.TrimSuffix(c, "_verbs")
	}
	return l
}

// hasClassRef reports whether a light-verb list or a constraint names a
// word class.
func hasClassRef(light []string, req []Dep) bool {
	for _, l := range light {
		if classRef(l) != "" {
			return true
		}
	}
	for _, d := range req {
		for _, l := range d.Lemmas {
			if classRef(l) != "" {
				return true
			}
		}
	}
	return false
}

// expandClasses replaces the "@class" references of the patterns' light
// verbs and constraints by the words of those classes in lexicon (class
// -> word -> tags), from the patterns as written, so a lexicon laid over
// the defaults re-expands them. A reference to a class that is not one of
// WordClasses is an error; a class the lexicon lacks expands to nothing.
func expandClasses(ps []Pattern, lexicon map[string]map[string][]string) error {
	expand := func(p *Pattern, items []string) ([]string, error) {
		var out []string
		for _, it := range items {
			c := classRef(it)
			if c == "" {
				if !contains(out, it) {
					out = append(out, it)
				}
				continue
			}
			if _, ok := wordClass(c); !ok {
				return nil, fmt.Errorf("%s:%d: pattern %s: unknown word class %q (see dict.WordClasses)", p.File, p.Line, p.ID, c)
			}
			ws := make([]string, 0, len(lexicon[c]))
			for w := range lexicon[c] {
				ws = append(ws, w)
			}
			sort.Strings(ws)
			for _, w := range ws {
				if !contains(out, w) {
					out = append(out, w)
				}
			}
		}
		return out, nil
	}
	for i := range ps {
		p := &ps[i]
		if p.rawLight == nil && p.rawRequire == nil {
			continue
		}
		light, err := expand(p, p.rawLight)
		if err != nil {
			return err
		}
		var lps []string
		p.Light = p.Light[:0:0]
		for _, l := range light {
			// a class word may carry the particle its light verb allows
			// ("carry~out")
			if j := strings.Index(l, "~"); j >= 0 {
				if prt := l[j+1:]; prt != "" && !contains(lps, prt) {
					lps = append(lps, prt)
				}
				l = l[:j]
			}
			if l != "" && !contains(p.Light, l) {
				p.Light = append(p.Light, l)
			}
		}
		for _, prt := range lps {
			if !contains(p.LightParticles, prt) {
				p.LightParticles = append(p.LightParticles, prt)
			}
		}
		p.Require = make([]Dep, len(p.rawRequire))
		for j, d := range p.rawRequire {
			ls, err := expand(p, d.Lemmas)
			if err != nil {
				return err
			}
			d.Lemmas = ls
			p.Require[j] = d
		}
	}
	return nil
}

// Specificity is how many constraints a pattern has; the coder prefers
// the most specific pattern that matches.
func (p *Pattern) Specificity() int {
	n := len(p.Forbid) + len(p.ForbidWords)
	for _, d := range p.Require {
		if len(d.Lemmas) > 0 {
			n += 3 // a word required
		} else {
			n++ // a dependent of any word
		}
	}
	if p.Particle != "" {
		n += 2
	}
	if len(p.Light) > 0 {
		n++
	}
	return n
}

// PatternIndex maps trigger lemmas to the patterns they start, for the
// coder's look-ups.
type PatternIndex map[string][]*Pattern

// IndexPatterns indexes ps by trigger lemma, most specific first.
func IndexPatterns(ps []Pattern) PatternIndex {
	idx := PatternIndex{}
	for i := range ps {
		idx[ps[i].Trigger] = append(idx[ps[i].Trigger], &ps[i])
	}
	for _, l := range idx {
		sort.SliceStable(l, func(a, b int) bool { return l[a].Specificity() > l[b].Specificity() })
	}
	return idx
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
