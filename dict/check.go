package dict

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/cameo"
	"go.yaml.in/yaml/v3"
)

// ProblemClass says what sort of fault a Problem is.
type ProblemClass string

// The classes of problem `dyad dict check` reports.
const (
	// ProblemLoad: the file cannot be read as a dictionary (YAML syntax,
	// unknown keys, missing fields, bad dates or code shapes).
	ProblemLoad ProblemClass = "load"
	// ProblemDuplicate: an entry defined twice in one set of files (a
	// state code; the first name of an institution, organisation, group,
	// party or person; an agent phrase), or a name listed twice in one
	// entry.
	ProblemDuplicate ProblemClass = "duplicate"
	// ProblemConflict: a name that resolves to two different codes (or an
	// agent phrase to two roles) within one set of files.
	ProblemConflict ProblemClass = "conflict"
	// ProblemDates: a person's or party's role that ends before it
	// starts, or two roles of one person or party whose date ranges
	// overlap.
	ProblemDates ProblemClass = "dates"
	// ProblemCode: an unknown CAMEO event code in a pattern (its code,
	// linked, refine or context code).
	ProblemCode ProblemClass = "code"
	// ProblemRole: an unknown CAMEO agent (role) code.
	ProblemRole ProblemClass = "role"
	// ProblemCountry: an institution, group, party, person or role whose
	// country is not a state of the dictionary (nor IGO or NGO, for
	// people's roles), or a party's role held in another country than the
	// party's.
	ProblemCountry ProblemClass = "country"
	// ProblemUnreachable: a pattern, or part of one, that can never match;
	// see Check for the precise rules.
	ProblemUnreachable ProblemClass = "unreachable"
	// ProblemCapital: a state without a capital or seat of government.
	ProblemCapital ProblemClass = "capital"
	// ProblemLexicon: a word class of the coder's lexicon that no file
	// defines.
	ProblemLexicon ProblemClass = "lexicon"
)

// Problem is one fault found by Check, at File:Line.
type Problem struct {
	File  string
	Line  int
	Class ProblemClass
	Msg   string
}

// String returns "file:line: class: message".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Class, p.Msg)
}

// CheckReport is the result of Check.
type CheckReport struct {
	// Entries is the number of entries checked: states, institutions,
	// organisations, groups, parties, people, agent phrases, ignored
	// phrases and patterns.
	Entries int
	// Problems are the faults found, sorted by file and line.
	Problems []Problem
	// Notes are redundancies that change nothing: a name listed again in
	// one entry in a form the matcher does not tell apart from an earlier
	// one (a multi-word name differing only in case; a state's name also
	// listed as its adjective or city). They do not fail the check.
	Notes []Problem
}

// Check checks the embedded default dictionary and, when dir is not
// empty, the *.yaml files of dir laid over it (as Load does), and reports
// every problem it finds rather than stopping at the first, as loading
// does. Besides every error that Default or Load would return, it reports:
//
//   - duplicates: a state code, or the first name of an institution,
//     organisation, group, party or person, or an agent phrase with the
//     same role, defined twice
//     in one set of files (the defaults, or dir); a name listed twice in
//     one entry; a person's, party's or institution's name that another
//     entry of the same code also has (only the first is ever found by
//     it, and people and parties resolve by date);
//   - conflicts: a name given two different codes, or an agent phrase two
//     roles, in one set of files (a name of dir overriding a default is
//     not a conflict);
//   - dates: a role that ends on or before its start; two roles of one
//     person or party that overlap (every overlapping pair, not only the
//     first);
//   - codes: unknown CAMEO event codes in patterns; unknown CAMEO agent
//     codes in roles, seats, institutions, organisations, groups, parties,
//     people and agents; countries of institutions, groups, parties,
//     people and roles that are not states of the dictionary (people's
//     roles may also be held in IGO or NGO), and parties' roles held in
//     another country;
//   - unreachable patterns (below);
//   - states with neither a capital nor a seat of government. A city-state
//     lists its capital under its own name (capitals: [Monaco]); that is
//     not a duplicate.
//   - the lexicon: a word class defined twice in one set of files, a word
//     listed twice in one class, a tag that is not a CAMEO agent code or
//     root, and a word class of WordClasses that no file defines.
//
// A pattern is unreachable when no sentence can make the coder choose it:
//
//  1. its trigger, a light verb, or a lemma it requires is not a single
//     lemma: it is empty ("|", "+talk", "obj=|"; loading rejects these
//     too) or holds a space or an upper-case letter (lemmas are single
//     lower-case words);
//  2. it requires and forbids the same dependent (key=... with !key);
//  3. an earlier pattern has the same match signature: the same trigger,
//     light verbs, particle, required and forbidden dependents, source and
//     target slots, target mode, embedding and nominal flag. The coder
//     tries a trigger's patterns from the most specific down, in file
//     order among equals, and replaces its choice only by a strictly
//     better match, so the earlier pattern always wins; the later one is
//     dead whether it has the same code (a duplicate) or another (a
//     conflict).
//
// A refine or context lemma that holds a space or an upper-case letter
// can never match either and is reported as unreachable too.
func Check(dir string) CheckReport {
	c := &checker{cb: cameo.Default()}
	c.readFS(defaultFS, "data", "dict/data/", 0)
	if dir != "" {
		c.readFS(os.DirFS(dir), ".", dir+string(filepath.Separator), 1)
	}
	c.semantic()
	// Safety net: whatever loading rejects is a problem.
	if len(c.problems) == 0 {
		base, err := Default()
		if err == nil && dir != "" {
			_, err = Load(base, dir)
		}
		if err != nil {
			c.addErr(err)
		}
	}
	sortProblems(c.problems)
	sortProblems(c.notes)
	n := len(c.src.states) + len(c.src.insts) + len(c.src.orgs) + len(c.src.groups) + len(c.src.parties) +
		len(c.src.people) + len(c.src.agents) + len(c.src.ignore) + len(c.src.lexicon) + len(c.pats)
	return CheckReport{Entries: n, Problems: c.problems, Notes: c.notes}
}

// sortProblems sorts ps by file and line, stably.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}

// checker collects entries and problems.
type checker struct {
	cb       *cameo.Codebook
	src      entries
	pats     []Pattern
	problems []Problem
	notes    []Problem
}

var errPos = regexp.MustCompile(`^(.*?):(\d+): (.*)$`)

// addErr records a load error, which carries file:line.
func (c *checker) addErr(err error) {
	msg := strings.TrimPrefix(err.Error(), "dict: ")
	p := Problem{Class: ProblemLoad, Msg: msg}
	if m := errPos.FindStringSubmatch(msg); m != nil {
		p.File, p.Msg = m[1], m[3]
		p.Line, _ = strconv.Atoi(m[2])
	}
	switch {
	case strings.Contains(p.Msg, "unknown CAMEO code"), strings.Contains(p.Msg, "is a root; use"):
		p.Class = ProblemCode
	case strings.Contains(p.Msg, "before it starts"), strings.Contains(p.Msg, "overlaps the role"):
		p.Class = ProblemDates
	case strings.Contains(p.Msg, "empty trigger"), strings.Contains(p.Msg, "empty light verb"), strings.Contains(p.Msg, ": no lemmas"):
		p.Class = ProblemUnreachable
	case strings.Contains(p.Msg, "bad role"), strings.Contains(p.Msg, "bad agent role"):
		p.Class = ProblemRole
	case strings.Contains(p.Msg, "a party's roles are in its own country"):
		p.Class = ProblemCountry
	}
	c.problems = append(c.problems, p)
}

func (c *checker) add(at pos, class ProblemClass, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: at.file, Line: at.line, Class: class, Msg: fmt.Sprintf(format, args...)})
}

// readFS reads every *.yaml file of dir of fsys, as readFS of load.go does,
// but records errors and goes on.
func (c *checker) readFS(fsys fs.FS, dir, prefix string, layer int) {
	names, err := yamlFiles(fsys, dir)
	if err != nil {
		c.problems = append(c.problems, Problem{File: strings.TrimSuffix(prefix, string(filepath.Separator)), Class: ProblemLoad, Msg: err.Error()})
		return
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, path.Join(dir, n))
		if err != nil {
			c.problems = append(c.problems, Problem{File: prefix + n, Class: ProblemLoad, Msg: err.Error()})
			continue
		}
		c.file(prefix+n, data, layer)
	}
}

// file parses one file item by item, recording each item's error.
func (c *checker) file(file string, data []byte, layer int) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var src entries
		var pats []Pattern
		c.addErr(parseFile(file, data, layer, &src, &pats))
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	if isNull(root) {
		return
	}
	p := &parser{file: file, layer: layer}
	each := func(v *yaml.Node, fn func(*yaml.Node) error) {
		if err := p.seq(v, func(n *yaml.Node) error {
			if err := fn(n); err != nil {
				c.addErr(err)
			}
			return nil
		}); err != nil {
			c.addErr(err)
		}
	}
	err := p.mapping(root, func(k string, key, v *yaml.Node) error {
		switch k {
		case "states":
			each(v, func(n *yaml.Node) error {
				s, err := p.state(n)
				if err == nil {
					c.src.states = append(c.src.states, s)
				}
				return err
			})
		case "organisations", "organizations":
			each(v, func(n *yaml.Node) error {
				o, err := p.org(n)
				if err == nil {
					c.src.orgs = append(c.src.orgs, o)
				}
				return err
			})
		case "institutions":
			each(v, func(n *yaml.Node) error {
				x, err := p.institution(n)
				if err == nil {
					c.src.insts = append(c.src.insts, x)
				}
				return err
			})
		case "groups":
			each(v, func(n *yaml.Node) error {
				g, err := p.group(n)
				if err == nil {
					c.src.groups = append(c.src.groups, g)
				}
				return err
			})
		case "parties":
			each(v, func(n *yaml.Node) error {
				x, err := p.party(n, func(err error) error { c.addErr(err); return nil })
				if err != nil {
					c.addErr(err)
					return nil
				}
				c.overlaps(x.roles, "party "+x.names[0].text)
				c.src.parties = append(c.src.parties, x)
				return nil
			})
		case "people":
			each(v, func(n *yaml.Node) error {
				if x := c.person(p, n); x != nil {
					c.src.people = append(c.src.people, x)
				}
				return nil
			})
		case "agents":
			if err := p.mapping(v, func(k string, key, v *yaml.Node) error {
				if !isCode(k) {
					c.addErr(p.errf(key, "bad agent role %q: want a CAMEO agent code (three upper-case letters)", k))
					return nil
				}
				items, err := p.names(v, "agent", false)
				if err != nil {
					c.addErr(err)
				}
				for _, it := range items {
					c.src.agents = append(c.src.agents, &agentEntry{phrase: strings.ToLower(it.text), role: k, pos: it.pos})
				}
				return nil
			}); err != nil {
				c.addErr(err)
			}
		case "ignore":
			items, err := p.names(v, "ignored phrase", false)
			if err != nil {
				c.addErr(err)
			}
			c.src.ignore = append(c.src.ignore, items...)
		case "lexicon":
			if err := p.mapping(v, func(k string, key, v *yaml.Node) error {
				lc, err := p.lexClass(k, key, v)
				if err != nil {
					c.addErr(err)
				}
				if lc != nil {
					c.src.lexicon = append(c.src.lexicon, lc)
				}
				return nil
			}); err != nil {
				c.addErr(err)
			}
		case "patterns":
			if isNull(v) {
				return nil
			}
			if v.Kind != yaml.SequenceNode {
				c.addErr(p.errf(v, "patterns: want a list of pattern groups"))
				return nil
			}
			for _, g := range v.Content {
				ps, err := parseGroup(g, file, c.cb)
				if err != nil {
					c.addErr(err)
					continue
				}
				c.pats = append(c.pats, ps...)
			}
		default:
			c.addErr(p.errf(key, "unknown key %q (want %s)", k, topKeys))
		}
		return nil
	})
	if err != nil {
		c.addErr(err)
	}
}

// person reads a person as the loader does, but records every bad role and
// every overlapping pair of roles; it returns nil when the person cannot be
// used.
func (c *checker) person(p *parser, n *yaml.Node) *personEntry {
	x, err := p.person(n, func(err error) error { c.addErr(err); return nil })
	if err != nil {
		c.addErr(err)
		return nil
	}
	c.overlaps(x.roles, x.names[0].text)
	return x
}

// overlaps records every pair of roles (sorted by start) whose date ranges
// overlap; who names their holder.
func (c *checker) overlaps(roles []roleSpan, who string) {
	for i := range roles {
		r := &roles[i]
		for j := 0; j < i; j++ {
			q := roles[j]
			if q.to.IsZero() || r.from.Before(q.to) {
				c.add(r.pos, ProblemDates, "role %s (%s) of %s overlaps the role %s (%s) at line %d",
					roleLabel(r), span(r), who, roleLabel(&q), span(&q), q.line)
			}
		}
	}
}

// span writes a role's date range as in the files.
func span(r *roleSpan) string {
	s := r.from.Format(time.DateOnly) + ".."
	if !r.to.IsZero() {
		s += r.to.Format(time.DateOnly)
	}
	return s
}

// named is a name as the builder indexes it, for conflict checks.
type named struct {
	text, code, role, entry string
	list                    string // which list of the entry
	agent                   bool
	owner                   any // the entry it belongs to
	pos
}

// semantic runs the checks on the parsed entries.
func (c *checker) semantic() {
	states := map[string]bool{}
	for _, s := range c.src.states {
		states[s.code] = true
	}
	roleOK := func(at pos, role, what string) {
		if role == "" {
			return
		}
		if _, ok := c.cb.Agent(role); !ok {
			c.add(at, ProblemRole, "unknown CAMEO agent code %q in %s", role, what)
		}
	}
	countryOK := func(at pos, code, what string, orgs bool) {
		if states[code] || (orgs && (code == "IGO" || code == "NGO")) {
			return
		}
		c.add(at, ProblemCountry, "%s: %q is not a state of the dictionary", what, code)
	}

	// Duplicate entries, by identity and layer.
	type idKey struct {
		kind, id string
		layer    int
	}
	ids := map[idKey]pos{}
	twice := map[any]bool{} // entries reported as defined twice
	dup := func(kind, id, label string, at pos, owner any) {
		k := idKey{kind, id, at.layer}
		if old, ok := ids[k]; ok {
			c.add(at, ProblemDuplicate, "%s %s defined twice (first at %s)", kind, label, old)
			twice[owner] = true
			return
		}
		ids[k] = at
	}

	var names []named
	addNames := func(list string, items []nameItem, code, role, entry string, owner any) {
		for _, it := range items {
			r := role
			if it.role != "" {
				r = it.role
			}
			names = append(names, named{text: it.text, list: list, code: code, role: r, entry: entry, owner: owner, pos: it.pos})
		}
	}
	for _, s := range c.src.states {
		dup("state", s.code, s.code, s.pos, s)
		if len(s.capitals) == 0 && len(s.seats) == 0 {
			c.add(s.pos, ProblemCapital, "state %s (%s) has no capital or seat of government", s.code, s.names[0].text)
		}
		own := map[string]bool{}
		for _, it := range s.names {
			own[nameKey(it.text, false)] = true
		}
		name := s.names[0].text
		addNames("names", s.names, s.code, "", name, s)
		addNames("adjectives", s.adjectives, s.code, "", name, s)
		var caps []nameItem
		for _, it := range s.capitals {
			if !own[nameKey(it.text, false)] { // a city-state's capital is its name
				caps = append(caps, it)
			}
		}
		addNames("capitals", caps, s.code, "GOV", name, s)
		addNames("seats", s.seats, s.code, "GOV", name, s)
		addNames("cities", s.cities, s.code, "", name, s)
		for _, it := range s.seats {
			roleOK(it.pos, it.role, "seat "+strconv.Quote(it.text))
		}
	}
	for _, x := range c.src.insts {
		what := "institution " + strconv.Quote(x.names[0].text)
		dup("institution", lowerString(x.names[0].text), strconv.Quote(x.names[0].text), x.pos, x)
		roleOK(x.pos, x.role, what)
		countryOK(x.pos, x.country, what, false)
		addNames("names", x.names, x.country, x.role, x.names[0].text, x)
	}
	for _, o := range c.src.orgs {
		dup("organisation", lowerString(o.names[0].text), strconv.Quote(o.names[0].text), o.pos, o)
		roleOK(o.pos, o.role, "organisation "+strconv.Quote(o.names[0].text))
		addNames("names", o.names, o.code, o.role, o.names[0].text, o)
	}
	for _, g := range c.src.groups {
		dup("group", lowerString(g.names[0].text), strconv.Quote(g.names[0].text), g.pos, g)
		roleOK(g.pos, g.role, "group "+strconv.Quote(g.names[0].text))
		countryOK(g.pos, g.country, "group "+strconv.Quote(g.names[0].text), false)
		addNames("names", g.names, g.country, g.role, g.names[0].text, g)
	}
	for _, x := range c.src.parties {
		what := "party " + strconv.Quote(x.names[0].text)
		dup("party", lowerString(x.names[0].text), strconv.Quote(x.names[0].text), x.pos, x)
		roleOK(x.pos, x.role, what)
		countryOK(x.pos, x.country, what, false)
		for i := range x.roles {
			roleOK(x.roles[i].pos, x.roles[i].role, "a role of "+what)
		}
		addNames("names", x.names, x.country, x.role, x.names[0].text, x)
	}
	for _, x := range c.src.people {
		who := strconv.Quote(x.names[0].text)
		dup("person", lowerString(x.names[0].text), who, x.pos, x)
		countryOK(x.pos, x.country, "person "+who, false)
		for i := range x.roles {
			r := &x.roles[i]
			roleOK(r.pos, r.role, "a role of "+who)
			countryOK(r.pos, r.country, "a role of "+who, true)
		}
		addNames("names", x.names, x.country, "", x.names[0].text, x)
	}
	for _, a := range c.src.agents {
		dup("agent", a.phrase+"\x00"+a.role, strconv.Quote(a.phrase)+" ("+a.role+")", a.pos, a)
		roleOK(a.pos, a.role, "agents")
		names = append(names, named{text: a.phrase, role: a.role, entry: a.phrase, agent: true, owner: a, pos: a.pos})
	}
	for _, it := range c.src.ignore {
		names = append(names, named{text: it.text, entry: it.text, owner: &it, pos: it.pos})
	}

	// Names: conflicts and repeats, within a layer, as the builder sees them.
	type nk struct {
		key   string
		layer int
	}
	seen := map[nk]named{}
	for _, n := range names {
		text := n.text
		k := nk{nameKey(text, n.agent), n.layer}
		old, ok := seen[k]
		if !ok {
			seen[k] = n
			continue
		}
		switch {
		case n.agent && old.role != n.role:
			c.add(n.pos, ProblemConflict, "agent %q is %s here but %s at %s", text, n.role, old.role, old.pos)
		case !n.agent && old.code != n.code:
			c.add(n.pos, ProblemConflict, "name %q is %s (%s) here but %s (%s) at %s", text, n.code, n.entry, old.code, old.entry, old.pos)
		case old.owner == n.owner && old.list == n.list && old.text == n.text:
			c.add(n.pos, ProblemDuplicate, "name %q listed twice in %s (first at %s)", text, n.entry, old.pos)
		case old.owner != n.owner && (ownName(old.owner) || ownName(n.owner)) && !twice[n.owner]:
			c.add(n.pos, ProblemDuplicate, "name %q of %s is also a name of %s at %s, which takes it: %s is never found by it", text, n.entry, old.entry, old.pos, n.entry)
		case old.owner == n.owner:
			c.notes = append(c.notes, Problem{File: n.file, Line: n.line, Class: ProblemDuplicate,
				Msg: fmt.Sprintf("name %q of %s (%s) is redundant: %q (%s) at %s is matched the same way and takes precedence", text, n.entry, n.list, old.text, old.list, old.pos)})
		}
	}
	c.patterns()
	c.lexicon()
}

// lexicon checks the word classes: a class defined twice in one set of
// files, a word listed twice in one class, tags that are not CAMEO agent
// codes or roots, and classes that no file defines.
func (c *checker) lexicon() {
	type classKey struct {
		name  string
		layer int
	}
	first := map[classKey]pos{}
	have := map[string]bool{}
	for _, lc := range c.src.lexicon {
		have[lc.name] = true
		k := classKey{lc.name, lc.layer}
		if old, ok := first[k]; ok {
			c.add(lc.pos, ProblemDuplicate, "word class %s defined twice (first at %s)", lc.name, old)
		} else {
			first[k] = lc.pos
		}
		wc, _ := wordClass(lc.name)
		seen := map[string]pos{}
		for _, w := range lc.words {
			if old, ok := seen[w.text]; ok {
				c.add(w.pos, ProblemDuplicate, "word %q listed twice in word class %s (first at %s)", w.text, lc.name, old)
			}
			seen[w.text] = w.pos
			for _, t := range w.tags {
				switch wc.Tags {
				case TagRole:
					if _, ok := c.cb.Agent(t); !ok {
						c.add(w.pos, ProblemRole, "unknown CAMEO agent code %q in word class %s", t, lc.name)
					}
				case TagRoots:
					if !c.cb.Valid(t) {
						c.add(w.pos, ProblemCode, "unknown CAMEO root %q in word class %s", t, lc.name)
					}
				}
			}
		}
	}
	at := pos{file: "lexicon"}
	if len(c.src.lexicon) > 0 {
		at = c.src.lexicon[0].pos
	}
	for _, wc := range WordClasses() {
		if !have[wc.Name] {
			c.add(at, ProblemLexicon, "word class %s is missing: the coder codes without %s", wc.Name, wc.Doc)
		}
	}
}

// ownName reports whether an entry's names must be its own: a person's,
// party's or institution's name that another entry of the same code also
// has is only ever found as the first one.
func ownName(owner any) bool {
	switch owner.(type) {
	case *personEntry, *partyEntry, *instEntry:
		return true
	}
	return false
}

// badLemma says why s cannot be a single lemma, or "".
func badLemma(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case strings.ContainsAny(s, " \t"):
		return "holds a space"
	case strings.ToLower(s) != s:
		return "holds an upper-case letter"
	}
	return ""
}

// signature is what decides whether and how a pattern matches.
func signature(p *Pattern) string {
	deps := make([]string, 0, len(p.Require))
	for _, d := range p.Require {
		ls := append([]string(nil), d.Lemmas...)
		sort.Strings(ls)
		deps = append(deps, d.Rel+"/"+d.Prep+"="+strings.Join(ls, "|"))
	}
	sort.Strings(deps)
	light := append([]string(nil), p.Light...)
	sort.Strings(light)
	forbid := append([]string(nil), p.Forbid...)
	for _, d := range p.ForbidWords {
		forbid = append(forbid, "!"+d.Rel+"/"+d.Prep+"="+strings.Join(d.Lemmas, "|"))
	}
	sort.Strings(forbid)
	slots := func(ss []Slot) string {
		var b strings.Builder
		for _, s := range ss {
			b.WriteString(s.Rel + "/" + s.Prep + ",")
		}
		return b.String()
	}
	return strings.Join([]string{p.Trigger, strings.Join(light, "|"), p.Particle,
		strings.Join(deps, " "), strings.Join(forbid, " "), slots(p.Source), slots(p.Target),
		string(p.TargetMode), string(p.Embed), strconv.FormatBool(p.Nominal)}, "\x00")
}

// patterns checks the patterns for unreachability.
func (c *checker) patterns() {
	first := map[string]*Pattern{}
	for i := range c.pats {
		p := &c.pats[i]
		at := pos{file: p.File, line: p.Line}
		if why := badLemma(p.Trigger); why != "" {
			c.add(at, ProblemUnreachable, "pattern %s: trigger %q %s; a trigger is a single lemma", p.ID, p.Trigger, why)
		}
		for _, l := range p.Light {
			if why := badLemma(l); why != "" {
				c.add(at, ProblemUnreachable, "pattern %s: light verb %q %s", p.ID, l, why)
			}
		}
		for _, d := range p.Require {
			for _, l := range d.Lemmas {
				if why := badLemma(l); why != "" {
					c.add(at, ProblemUnreachable, "pattern %s: required lemma %q %s", p.ID, l, why)
				}
			}
			key := d.Rel
			if key == "" {
				key = d.Prep
			}
			if contains(p.Forbid, key) {
				c.add(at, ProblemUnreachable, "pattern %s: requires and forbids %q", p.ID, key)
			}
		}
		for _, rf := range p.Refine {
			for _, l := range rf.Lemmas {
				if why := badLemma(l); why != "" {
					c.add(at, ProblemUnreachable, "pattern %s: refine lemma %q (-> %s) %s", p.ID, l, rf.Code, why)
				}
			}
		}
		if p.Context != nil {
			for _, l := range p.Context.Lemmas {
				if why := badLemma(l); why != "" {
					c.add(at, ProblemUnreachable, "pattern %s: context lemma %q %s", p.ID, l, why)
				}
			}
		}
		sig := signature(p)
		if q, ok := first[sig]; ok {
			what := "a duplicate of"
			if q.Code != p.Code {
				what = fmt.Sprintf("shadowed (code %s) by", p.Code)
			}
			c.add(at, ProblemUnreachable, "pattern %s is %s pattern %s (code %s) at %s:%d, which has the same match signature", p.ID, what, q.ID, q.Code, q.File, q.Line)
			continue
		}
		first[sig] = p
	}
}

// Stats are the coverage counts of a dictionary, for `dyad dict stats`.
type Stats struct {
	// States, Institutions, IGOs, NGOs, Groups, Parties, People and
	// Agents count entries; Roles counts the date-bounded roles of all
	// people, PartyRoles those of all parties; Names counts every indexed
	// way of writing a name or agent; Ignored the ignored phrases.
	States, Institutions, IGOs, NGOs, Groups, Parties, People, Roles, PartyRoles, Agents, Names, Ignored int
	// Patterns counts patterns (one per trigger alternative).
	Patterns int
	// PerRoot and PerCode count patterns by their CAMEO root ("04") and
	// code ("041").
	PerRoot, PerCode map[string]int
	// Leaves is the number of CAMEO leaf codes; LeavesWithPatterns how
	// many of them are the code of at least one pattern, and
	// LeavesReachable how many a pattern can give, counting refine and
	// context codes too.
	Leaves, LeavesWithPatterns, LeavesReachable int
}

// Stats returns the coverage counts of d against the codebook cb.
func (d *Dictionary) Stats(cb *cameo.Codebook) Stats {
	s := Stats{PerRoot: map[string]int{}, PerCode: map[string]int{}}
	if d == nil {
		return s
	}
	s.States = len(d.src.states)
	for _, o := range d.src.orgs {
		if o.code == "NGO" {
			s.NGOs++
		} else {
			s.IGOs++
		}
	}
	s.Groups = len(d.src.groups)
	s.Institutions = len(d.src.insts)
	s.Parties = len(d.src.parties)
	for _, p := range d.src.parties {
		s.PartyRoles += len(p.roles)
	}
	s.People = len(d.src.people)
	for _, p := range d.src.people {
		s.Roles += len(p.roles)
	}
	s.Agents = len(d.src.agents)
	s.Ignored = len(d.src.ignore)
	s.Names = d.Counts()["names"]
	s.Patterns = len(d.Patterns)
	reach := map[string]bool{}
	for i := range d.Patterns {
		p := &d.Patterns[i]
		s.PerCode[p.Code]++
		if len(p.Code) >= 2 {
			s.PerRoot[p.Code[:2]]++
		}
		reach[p.Code] = true
		for _, rf := range p.Refine {
			reach[rf.Code] = true
		}
		if p.Context != nil {
			reach[p.Context.Code] = true
		}
	}
	for _, l := range cb.Leaves() {
		s.Leaves++
		if s.PerCode[l.Code] > 0 {
			s.LeavesWithPatterns++
		}
		if reach[l.Code] {
			s.LeavesReachable++
		}
	}
	return s
}

// RoleInfo is one date-bounded role of a person or party.
type RoleInfo struct {
	// Country is where (or in which IGO or NGO) the role is held; Role its
	// CAMEO agent code; Title the office ("prime minister").
	Country, Role, Title string
	// From is the first day in office; To the first day out of it (zero
	// for a role still held).
	From, To time.Time
	// File and Line say where the role is defined.
	File string
	Line int
}

// Resolution is what a name resolves to on a date, and why, as `dyad dict
// lookup` shows it.
type Resolution struct {
	// Mention is the match, resolved on the date.
	Mention
	// File and Line say where the matched entry is defined.
	File string
	Line int
	// Outside is what a person or party resolves to outside every role (a
	// country code); empty for other kinds. OutsideRole is a party's role
	// there (OPP unless the data says otherwise); empty for a person.
	Outside, OutsideRole string
	// Roles are a person's or party's roles in date order; Current is the
	// index in Roles of the role held on the date, or -1.
	Roles   []RoleInfo
	Current int
}

// Resolve returns what name resolves to on date, with the entry's
// definition and, for people, every role: Lookup's matches, followed by any
// other entries written the same way regardless of case. The zero date
// means unknown: the most recent role.
func (d *Dictionary) Resolve(name string, date time.Time) []Resolution {
	if d == nil {
		return nil
	}
	var out []Resolution
	got := map[*entry]bool{}
	byName := func(m Mention) *entry {
		words := strings.Fields(name)
		if m.Start < m.End && m.End <= len(words) {
			w := words[m.Start:m.End]
			if len(w) > 1 && isThe(w[0]) {
				w = w[1:]
			}
			for _, e := range d.byName[lowerString(stripPoss(strings.Join(w, " ")))] {
				if e.entry == m.Entry && e.kind == m.Kind {
					return e
				}
			}
		}
		for _, list := range d.byName {
			for _, e := range list {
				if e.entry == m.Entry && e.kind == m.Kind {
					return e
				}
			}
		}
		return nil
	}
	add := func(m Mention, e *entry) {
		r := Resolution{Mention: m, Current: -1}
		if e != nil {
			got[e] = true
			r.File, r.Line = e.file, e.line
			var roles []roleSpan
			if p := e.person; p != nil {
				r.File, r.Line = p.file, p.line
				r.Outside, roles = p.country, p.roles
			}
			if p := e.party; p != nil {
				r.File, r.Line = p.file, p.line
				r.Outside, r.OutsideRole, roles = p.country, p.role, p.roles
			}
			for i, x := range roles {
				r.Roles = append(r.Roles, RoleInfo{Country: x.country, Role: x.role, Title: x.title, From: x.from, To: x.to, File: x.file, Line: x.line})
				if !date.IsZero() && !date.Before(x.from) && (x.to.IsZero() || date.Before(x.to)) {
					r.Current = i
				}
			}
			// No date: a person's latest role; a party's role held now.
			if n := len(roles); date.IsZero() && n > 0 && (e.person != nil || roles[n-1].to.IsZero()) {
				r.Current = n - 1
			}
		}
		out = append(out, r)
	}
	for _, m := range d.Lookup(name, date) {
		add(m, byName(m))
	}
	for _, e := range d.byName[lowerString(strings.Join(strings.Fields(name), " "))] {
		if !got[e] && e.kind != kindIgnore {
			add(e.mention(0, len(strings.Fields(name)), date), e)
		}
	}
	return out
}
