package dict

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// kindIgnore marks phrases that hold a name but name no actor ("Latin
// America", "Indian Ocean").
const kindIgnore MentionKind = ""

// entry is one way of writing one dictionary name, as indexed for matching.
type entry struct {
	words  []string // the name's words, lower-cased, ’ folded to '
	exact  string   // single-word names: the word as written (’ folded to ')
	single bool     // a single-word name, matched with care for case
	the    bool     // a "the" just before belongs to the mention
	kind   MentionKind
	actor  dyad.Actor
	entry  string // the entry's primary name
	why    string
	person *personEntry
	party  *partyEntry
	pos
}

// foldRune lower-cases r and folds the typographic apostrophe.
func foldRune(r rune) rune {
	if r == '’' || r == '‘' {
		return '\''
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// lowerString returns s lower-cased with apostrophes folded, as index keys
// are written.
func lowerString(s string) string {
	return strings.Map(foldRune, s)
}

// exactString folds apostrophes only.
func exactString(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '’' || r == '‘' {
			return '\''
		}
		return r
	}, s)
}

// lowerInto writes the key of s into buf; ok is false when it does not fit.
func lowerInto(buf []byte, s string) (key []byte, ok bool) {
	b := buf[:0]
	for _, r := range s {
		r = foldRune(r)
		if len(b)+utf8.UTFMax > cap(b) {
			return nil, false
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b, true
}

// eqFold reports whether token tok equals the lower-cased word w, ignoring
// case and the kind of apostrophe.
func eqFold(tok, w string) bool {
	j := 0
	for _, r := range tok {
		r = foldRune(r)
		if j >= len(w) {
			return false
		}
		if w[j] < utf8.RuneSelf {
			if rune(w[j]) != r {
				return false
			}
			j++
			continue
		}
		wr, size := utf8.DecodeRuneInString(w[j:])
		if wr != r {
			return false
		}
		j += size
	}
	return j == len(w)
}

// eqExact reports whether tok equals w with apostrophes folded.
func eqExact(tok, w string) bool {
	j := 0
	for _, r := range tok {
		if r == '’' || r == '‘' {
			r = '\''
		}
		if j >= len(w) {
			return false
		}
		wr, size := utf8.DecodeRuneInString(w[j:])
		if wr != r {
			return false
		}
		j += size
	}
	return j == len(w)
}

// stripPoss removes a possessive ending: "Kenya's" -> "Kenya",
// "rebels'" -> "rebels".
func stripPoss(s string) string {
	for _, suf := range [...]string{"'s", "’s", "'S", "’S", "'", "’"} {
		if len(s) > len(suf) && strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// isAllUpper reports whether s has a letter and no lower-case letter.
func isAllUpper(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}

// isTitle reports whether s is an upper-case letter followed by lower-case
// letters only ("Nato").
func isTitle(s string) bool {
	for i, r := range s {
		if i == 0 {
			if !unicode.IsUpper(r) {
				return false
			}
		} else if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

func isThe(s string) bool { return s == "the" || s == "The" || s == "THE" }

// matchSingle reports whether token tok (possibly possessive) names the
// single-word entry e.
func (e *entry) matchSingle(tok string) bool {
	if eqExact(tok, e.exact) {
		return true
	}
	if t := stripPoss(tok); len(t) < len(tok) && eqExact(t, e.exact) {
		return true
	}
	t := stripPoss(tok)
	if utf8.RuneCountInString(e.exact) < 4 || !eqFold(t, e.words[0]) {
		return false
	}
	if isAllUpper(e.exact) {
		return isTitle(t) // "Nato" for NATO
	}
	return isAllUpper(t) // "UKRAINE" for Ukraine
}

// matchAt reports whether e matches the tokens starting at i.
func (e *entry) matchAt(words, lemmas []string, i int) bool {
	n := len(e.words)
	if i+n > len(words) {
		return false
	}
	if e.single {
		return e.matchSingle(words[i])
	}
	agent := e.kind == KindAgent
	for j, w := range e.words {
		tok := words[i+j]
		if eqFold(tok, w) {
			continue
		}
		if agent && i+j < len(lemmas) && eqFold(lemmas[i+j], w) {
			continue
		}
		if j == n-1 {
			if t := stripPoss(tok); len(t) < len(tok) && eqFold(t, w) {
				continue
			}
		}
		return false
	}
	return true
}

// best returns the longest entry of list matching at i that is longer than
// bestLen.
func best(list []*entry, words, lemmas []string, i int, cur *entry) *entry {
	for _, e := range list {
		if cur != nil && len(e.words) <= len(cur.words) {
			break // lists are sorted longest first
		}
		if e.matchAt(words, lemmas, i) {
			return e
		}
	}
	return cur
}

// matchAt returns the longest entry matching at token i and the index just
// after it.
func (d *Dictionary) matchAt(words, lemmas []string, i int) (*entry, int) {
	var buf [64]byte
	var e *entry
	w := words[i]
	if k, ok := lowerInto(buf[:], w); ok {
		e = best(d.index[string(k)], words, lemmas, i, e)
	}
	if t := stripPoss(w); len(t) < len(w) {
		if k, ok := lowerInto(buf[:], t); ok {
			e = best(d.index[string(k)], words, lemmas, i, e)
		}
	}
	if i < len(lemmas) && lemmas[i] != "" && !eqFold(w, lemmas[i]) {
		if k, ok := lowerInto(buf[:], lemmas[i]); ok {
			e = best(d.index[string(k)], words, lemmas, i, e)
		}
	}
	if e != nil {
		return e, i + len(e.words)
	}
	// "Saudi-led", "Houthi-held", "U.S.-brokered": a name before a hyphen.
	if h := strings.IndexByte(w, '-'); h > 0 && h < len(w)-1 {
		prefix := w[:h]
		if k, ok := lowerInto(buf[:], prefix); ok {
			for _, c := range d.index[string(k)] {
				if c.single && c.kind != KindAgent && c.matchSingle(prefix) {
					return c, i + 1
				}
			}
		}
	}
	return nil, i
}

func (d *Dictionary) findActors(words, lemmas []string, date time.Time) []Mention {
	var out []Mention
	for i := 0; i < len(words); {
		e, end := d.matchAt(words, lemmas, i)
		if e == nil {
			i++
			continue
		}
		if e.kind == kindIgnore {
			i = end
			continue
		}
		m := e.mention(i, end, date)
		if e.the && i > 0 && isThe(words[i-1]) && (len(out) == 0 || out[len(out)-1].End < i) {
			m.Start = i - 1
		}
		out = append(out, m)
		i = end
	}
	return out
}

// mention resolves e on date for the words [start, end).
func (e *entry) mention(start, end int, date time.Time) Mention {
	m := Mention{Start: start, End: end, Actor: e.actor, Kind: e.kind, Entry: e.entry, Why: e.why}
	if e.person != nil {
		m.Actor.Code, m.Actor.Role, m.Why = e.person.resolve(date)
	}
	if e.party != nil {
		m.Actor.Role, m.Why = e.party.resolve(date)
	}
	return m
}

// resolve returns the party's role on date, and why. The zero date means
// unknown, and gives the role the party holds now: its last dated role if
// that has no end, else its role outside every dated role.
func (p *partyEntry) resolve(date time.Time) (role, why string) {
	if date.IsZero() {
		if n := len(p.roles); n > 0 && p.roles[n-1].to.IsZero() {
			r := &p.roles[n-1]
			return r.role, r.why + " (no date: the role held now)"
		}
		return p.role, "party of " + p.country + ": " + p.role + " (no date: no dated role held now)"
	}
	for i := range p.roles {
		r := &p.roles[i]
		if !date.Before(r.from) && (r.to.IsZero() || date.Before(r.to)) {
			return r.role, r.why
		}
	}
	if len(p.roles) == 0 {
		return p.role, "party of " + p.country + ": " + p.role
	}
	return p.role, "party of " + p.country + ": " + p.role + " (no dated role on " + date.Format(time.DateOnly) + ")"
}

// resolve returns the person's country and role on date, and why.
func (p *personEntry) resolve(date time.Time) (code, role, why string) {
	if len(p.roles) > 0 && date.IsZero() {
		r := &p.roles[len(p.roles)-1]
		return r.country, r.role, r.why + " (no date: latest role)"
	}
	for i := range p.roles {
		r := &p.roles[i]
		if !date.Before(r.from) && (r.to.IsZero() || date.Before(r.to)) {
			return r.country, r.role, r.why
		}
	}
	if len(p.roles) == 0 {
		return p.country, "", p.country + ": no role in the dictionary"
	}
	return p.country, "", p.country + ": no role on " + date.Format(time.DateOnly)
}

// Lookup returns what name resolves to on date, and why, for `dyad dict
// lookup`. The name is split into words at spaces and matched as in a
// sentence; when nothing matches that way, it is matched as a whole
// regardless of case, and a state code ("UKR") gives the state.
func (d *Dictionary) Lookup(name string, date time.Time) []Mention {
	if d == nil {
		return nil
	}
	words := strings.Fields(name)
	ms := d.FindActors(words, nil, date)
	if len(ms) > 0 {
		return ms
	}
	for _, e := range d.byName[lowerString(strings.Join(words, " "))] {
		if e.kind != kindIgnore {
			ms = append(ms, e.mention(0, len(words), date))
		}
	}
	if len(ms) == 0 && isCode(name) {
		if n, ok := d.countries[name]; ok {
			ms = append(ms, Mention{Start: 0, End: 1, Actor: dyad.Actor{Code: name, Name: n}, Kind: KindState, Entry: n, Why: "state code " + name})
		}
	}
	return ms
}

// Counts returns the number of dictionary entries of each sort: states,
// institutions, organisations, groups, parties, people, agents, names
// (every indexed way of writing a name or agent) and patterns.
func (d *Dictionary) Counts() map[string]int {
	if d == nil {
		return nil
	}
	n := 0
	for _, l := range d.index {
		n += len(l)
	}
	return map[string]int{
		"states":        len(d.src.states),
		"institutions":  len(d.src.insts),
		"organisations": len(d.src.orgs),
		"groups":        len(d.src.groups),
		"parties":       len(d.src.parties),
		"people":        len(d.src.people),
		"agents":        len(d.src.agents),
		"names":         n,
		"patterns":      len(d.Patterns),
	}
}

// builder collects the names of a dictionary and checks them for conflicts.
type builder struct {
	named map[string]*entry // by name key: kind class + name
	order []string
}

// nameKey is how names are compared for conflicts: single words as
// written, longer names regardless of case.
func nameKey(text string, agent bool) string {
	if agent {
		return "agent\x00" + lowerString(text)
	}
	if len(strings.Fields(text)) == 1 {
		return "name\x00" + exactString(text)
	}
	return "name\x00" + lowerString(strings.Join(strings.Fields(text), " "))
}

func (b *builder) add(text string, e *entry) error {
	agent := e.kind == KindAgent
	k := nameKey(text, agent)
	e.words = strings.Fields(lowerString(text))
	e.exact = exactString(text)
	e.single = len(e.words) == 1 && !agent
	old, ok := b.named[k]
	if !ok {
		b.named[k] = e
		b.order = append(b.order, k)
		return nil
	}
	switch {
	case old.layer < e.layer:
		b.named[k] = e // a later layer overrides
	case old.layer > e.layer:
	case agent && old.actor.Role != e.actor.Role:
		return fmt.Errorf("%s: agent %q is %s here but %s at %s", e.pos, text, e.actor.Role, old.actor.Role, old.pos)
	case !agent && old.actor.Code != e.actor.Code:
		return fmt.Errorf("%s: name %q is %s (%s) here but %s (%s) at %s", e.pos, text, e.actor.Code, e.entry, old.actor.Code, old.entry, old.pos)
	}
	return nil
}

// plural returns the plural of an agent noun phrase's last word.
func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "man"):
		return s[:len(s)-3] + "men"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}

// variants returns other ways a name is tokenized: hyphens split off
// ("al-Shabaab" -> "al - Shabaab"), a final dot dropped ("U.S." -> "U.S").
func variants(text string) []string {
	var out []string
	if strings.Contains(text, "-") {
		var fs []string
		for _, w := range strings.Fields(text) {
			if w == "-" || !strings.Contains(w, "-") {
				fs = append(fs, w)
				continue
			}
			parts := strings.Split(w, "-")
			for i, p := range parts {
				if i > 0 {
					fs = append(fs, "-")
				}
				if p != "" {
					fs = append(fs, p)
				}
			}
		}
		out = append(out, strings.Join(fs, " "))
	}
	// "People's Republic" -> "People 's Republic", "Workers' Party" ->
	// "Workers ' Party", as tokenizers split possessives.
	if f := strings.Fields(text); len(f) > 1 {
		var fs []string
		split := false
		for i, w := range f {
			t := strings.ReplaceAll(w, "’", "'")
			switch {
			case i < len(f)-1 && len(t) > 2 && strings.HasSuffix(t, "'s"):
				fs = append(fs, t[:len(t)-2], "'s")
				split = true
			case i < len(f)-1 && len(t) > 1 && strings.HasSuffix(t, "'"):
				fs = append(fs, t[:len(t)-1], "'")
				split = true
			default:
				fs = append(fs, w)
			}
		}
		if split {
			out = append(out, strings.Join(fs, " "))
		}
	}
	if f := strings.Fields(text); len(f) == 1 && strings.Count(text, ".") > 1 && strings.HasSuffix(text, ".") {
		out = append(out, strings.TrimSuffix(text, "."))
	}
	return out
}

// build indexes the entries.
func build(src entries, pats []Pattern) (*Dictionary, error) {
	d := &Dictionary{
		Patterns:  pats,
		src:       src,
		index:     make(map[string][]*entry, 4096),
		byName:    make(map[string][]*entry, 4096),
		agents:    make(map[string]string, 512),
		countries: make(map[string]string, 256),
		lexicon:   buildLexicon(src.lexicon),
	}
	b := &builder{named: make(map[string]*entry, 4096)}
	type proto struct {
		kind              MentionKind
		code, role, entry string
		why               string
		person            *personEntry
		party             *partyEntry
		the               bool
	}
	add := func(items []nameItem, p proto) error {
		for _, it := range items {
			e := &entry{kind: p.kind, actor: dyad.Actor{Code: p.code, Role: p.role, Name: it.text}, entry: p.entry, why: p.why, person: p.person, party: p.party, the: p.the, pos: it.pos}
			if it.role != "" {
				e.actor.Role = it.role
				e.why = fmt.Sprintf("%s %s of %s", it.role, p.kind, p.code)
			}
			if err := b.add(it.text, e); err != nil {
				return err
			}
		}
		return nil
	}
	stateLayer := map[string]int{}
	for _, s := range src.states {
		if l, ok := stateLayer[s.code]; ok && l == s.layer {
			return nil, fmt.Errorf("%s: state %s defined twice", s.pos, s.code)
		}
		stateLayer[s.code] = s.layer
		name := s.names[0].text
		d.countries[s.code] = name
		for _, step := range []struct {
			items []nameItem
			p     proto
		}{
			{s.names, proto{kind: KindState, code: s.code, entry: name, why: "state " + s.code, the: true}},
			{s.adjectives, proto{kind: KindDemonym, code: s.code, entry: name, why: "demonym of " + s.code}},
			{s.capitals, proto{kind: KindCapital, code: s.code, role: "GOV", entry: name, why: "capital of " + s.code + ": its government", the: true}},
			{s.seats, proto{kind: KindCapital, code: s.code, role: "GOV", entry: name, why: "seat of government of " + s.code, the: true}},
			{s.cities, proto{kind: KindCity, code: s.code, entry: name, why: "place in " + s.code}},
		} {
			if err := add(step.items, step.p); err != nil {
				return nil, err
			}
		}
	}
	for _, x := range src.insts {
		name := x.names[0].text
		if err := add(x.names, proto{kind: KindCapital, code: x.country, role: x.role, entry: name, why: "institution of " + x.country + " (" + x.role + ")", the: true}); err != nil {
			return nil, err
		}
	}
	for _, o := range src.orgs {
		name := o.names[0].text
		if err := add(o.names, proto{kind: KindOrganisation, code: o.code, role: o.role, entry: name, why: o.code + " " + name, the: true}); err != nil {
			return nil, err
		}
	}
	for _, g := range src.groups {
		name := g.names[0].text
		if err := add(g.names, proto{kind: KindGroup, code: g.country, role: g.role, entry: name, why: "armed group in " + g.country + " (" + g.role + ")", the: true}); err != nil {
			return nil, err
		}
	}
	for _, p := range src.parties {
		name := p.names[0].text
		if err := add(p.names, proto{kind: KindParty, code: p.country, role: p.role, entry: name, why: "party of " + p.country, party: p, the: true}); err != nil {
			return nil, err
		}
	}
	for _, p := range src.people {
		name := p.names[0].text
		if err := add(p.names, proto{kind: KindPerson, code: p.country, entry: name, person: p}); err != nil {
			return nil, err
		}
	}
	for _, a := range src.agents {
		e := &entry{kind: KindAgent, actor: dyad.Actor{Role: a.role, Name: a.phrase}, entry: a.phrase, why: "agent " + a.role, pos: a.pos}
		if err := b.add(a.phrase, e); err != nil {
			return nil, err
		}
	}
	for _, it := range src.ignore {
		e := &entry{kind: kindIgnore, actor: dyad.Actor{Name: it.text}, entry: it.text, why: "ignored phrase", pos: it.pos}
		if err := b.add(it.text, e); err != nil {
			return nil, err
		}
	}
	// Index every surviving name and its variants; agents also by plural.
	for _, k := range b.order {
		e := b.named[k]
		text := e.actor.Name
		if e.kind == KindAgent {
			text = e.entry
		}
		d.byName[strings.Join(e.words, " ")] = append(d.byName[strings.Join(e.words, " ")], e)
		forms := append([]string{text}, variants(text)...)
		if e.kind == KindAgent {
			f := strings.Fields(text)
			f[len(f)-1] = plural(f[len(f)-1])
			pl := strings.Join(f, " ")
			if _, taken := b.named[nameKey(pl, true)]; !taken {
				forms = append(forms, pl)
			}
			if len(f) == 1 {
				d.agents[text] = e.actor.Role
				if _, ok := d.agents[pl]; !ok {
					d.agents[pl] = e.actor.Role
				}
			}
		}
		for i, form := range forms {
			v := e
			if i > 0 {
				c := *e
				v = &c
				v.words = strings.Fields(lowerString(form))
				v.exact = exactString(form)
				v.single = len(v.words) == 1 && e.kind != KindAgent
			}
			if len(v.words) == 0 {
				continue
			}
			d.index[v.words[0]] = append(d.index[v.words[0]], v)
		}
	}
	for _, l := range d.index {
		sort.SliceStable(l, func(i, j int) bool {
			if len(l[i].words) != len(l[j].words) {
				return len(l[i].words) > len(l[j].words)
			}
			// Names before agents of the same length.
			return l[i].kind != KindAgent && l[j].kind == KindAgent
		})
	}
	return d, nil
}
