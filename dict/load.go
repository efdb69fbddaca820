package dict

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The dictionary file format.
//
// A dictionary file is a YAML mapping with any of the top-level keys below;
// every key is optional and unknown keys are errors.
//
//	states:                      # sovereign states (and XKX, TWN, PSE, VAT, HKG)
//	  - code: UKR                # ISO 3166-1 alpha-3
//	    names: [Ukraine]         # first name is the state's name
//	    adjectives: [Ukrainian, Ukrainians]
//	    capitals: [Kyiv, Kiev]   # metonyms for the government: role GOV
//	    seats: [Bankova, {name: General Staff, role: MIL}]  # other metonyms, GOV unless a role is given
//	    cities: [Kharkiv, Odesa, Donbas]  # places in the state: code, no role
//	institutions:                # national institutions by name: seats of their state
//	  - {country: IND, role: JUD, names: [Supreme Court of India]}   # role GOV unless given
//	organisations:
//	  - {code: IGO, names: [United Nations, UN, U.N.]}
//	  - {code: NGO, names: [Human Rights Watch, HRW], role: NGO}
//	groups:                      # non-state armed groups: the country where they operate
//	  - {country: YEM, names: [Houthis, Houthi, Ansar Allah]}   # role REB unless given
//	parties:                     # political parties and electoral coalitions
//	  - country: IND
//	    names: [Bharatiya Janata Party, BJP]
//	    role: OPP                # outside every dated role: OPP unless given
//	    roles: [GOV 1998-03-19..2004-05-22, GOV 2014-05-26..]  # ROLE [title] FROM..TO, as people's
//	people:
//	  - names: [Vladimir Putin, Putin]   # full name first; the surname alone when unambiguous
//	    country: RUS                     # what the person is outside every role
//	    roles:                           # [COUNTRY] ROLE title FROM..TO (TO exclusive, empty: still in office)
//	      - GOV president 2000-05-07..2008-05-07
//	      - GOV prime minister 2008-05-08..2012-05-07
//	      - {role: GOV, title: president, from: 2012-05-07}
//	      - IGO GOV UN secretary-general 2017-01-01..   # a role for another country or an IGO
//	agents:                      # CAMEO role -> lemmas and multi-word phrases
//	  MIL: [troops, soldier, army]
//	  COP: [police, riot police]
//	ignore: [Latin America, Indian Ocean]  # phrases that name no actor, though they hold a name
//	lexicon:                     # the word classes the coder's rules name, see lexicon.go
//	  speech_verbs: [say, tell]
//	patterns: ...                # event patterns, see patterns.go
//
// Dates are YYYY-MM-DD, YYYY-MM or YYYY. A role covers [from, to): the to
// date is the first day the role is no longer held.

//go:embed data/*.yaml
var defaultFS embed.FS

// Default returns the embedded default dictionary. It parses the embedded
// files on every call; callers keep the result.
func Default() (*Dictionary, error) {
	var src entries
	var pats []Pattern
	h := sha256.New()
	if err := readFS(defaultFS, "data", "dict/data/", 0, &src, &pats, h); err != nil {
		return nil, err
	}
	return buildVersioned(src, pats, h)
}

// buildVersioned builds the dictionary and stamps it with the digest h has
// accumulated.
func buildVersioned(src entries, pats []Pattern, h hash.Hash) (*Dictionary, error) {
	d, err := build(src, pats)
	if err != nil {
		return nil, err
	}
	d.version = hex.EncodeToString(h.Sum(nil))[:16]
	return d, nil
}

// Load returns base with every *.yaml file of dir laid over it: new entries
// are added, and an entry with the same identity as one of base (a state's
// code; the first name of an organisation, group or person; an agent's
// phrase) replaces it. A name defined in dir takes precedence over the same
// name in base. Patterns in dir are appended to base's. base may be nil.
func Load(base *Dictionary, dir string) (*Dictionary, error) {
	var src entries
	var pats []Pattern
	layer := 0
	h := sha256.New()
	if base != nil {
		h.Write([]byte(base.version))
		src = base.src.clone()
		pats = append(pats, base.Patterns...)
		layer = src.maxLayer() + 1
	}
	var over entries
	if err := readFS(os.DirFS(dir), ".", dir+string(filepath.Separator), layer, &over, &pats, h); err != nil {
		return nil, err
	}
	src.overlay(over)
	return buildVersioned(src, pats, h)
}

// readFS parses every *.yaml file of directory dir of fsys in name order
// into src and pats; prefix is put before file names in errors. Each file's
// name and bytes are written to h, which versions the result.
func readFS(fsys fs.FS, dir, prefix string, layer int, src *entries, pats *[]Pattern, h hash.Hash) error {
	names, err := yamlFiles(fsys, dir)
	if err != nil {
		return fmt.Errorf("dict: %w", err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, path.Join(dir, n))
		if err != nil {
			return fmt.Errorf("dict: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(data))
		h.Write(data)
		if err := parseFile(prefix+n, data, layer, src, pats); err != nil {
			return err
		}
	}
	return nil
}

// yamlFiles lists the *.yaml files of directory dir of fsys, in name order:
// the order dictionaries are read in, by the loader and the checker alike.
func yamlFiles(fsys fs.FS, dir string) ([]string, error) {
	des, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, de := range des {
		if !de.IsDir() && strings.HasSuffix(de.Name(), ".yaml") {
			names = append(names, de.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// pos is where an entry or name was defined.
type pos struct {
	file  string
	line  int
	layer int // 0 for the first files loaded, higher for later overlays
}

func (p pos) String() string { return p.file + ":" + strconv.Itoa(p.line) }

// nameItem is one name of an entry, with an optional role (seats).
type nameItem struct {
	text string
	role string
	pos
}

type stateEntry struct {
	code                                       string
	names, adjectives, capitals, seats, cities []nameItem
	pos
}

type orgEntry struct {
	code, role string
	names      []nameItem
	pos
}

type groupEntry struct {
	country, role string
	names         []nameItem
	pos
}

// instEntry is a national institution: a seat of its state's government
// with a role of its own (a court JUD, a police service COP).
type instEntry struct {
	country, role string
	names         []nameItem
	pos
}

// partyEntry is a political party or electoral coalition: its country,
// the role it has outside every dated role (OPP unless given) and its
// dated roles (GOV while it led the government), sorted by start.
type partyEntry struct {
	country, role string
	names         []nameItem
	roles         []roleSpan
	pos
}

type roleSpan struct {
	country, role, title string
	from, to             time.Time // to is zero for a role still held
	why                  string
	pos
}

type personEntry struct {
	country string
	names   []nameItem
	roles   []roleSpan // sorted by from
	pos
}

type agentEntry struct {
	phrase, role string
	pos
}

// entries are the parsed contents of one or more dictionary files.
type entries struct {
	states  []*stateEntry
	insts   []*instEntry
	orgs    []*orgEntry
	groups  []*groupEntry
	parties []*partyEntry
	people  []*personEntry
	agents  []*agentEntry
	ignore  []nameItem
	// lexicon holds the word classes, in file order.
	lexicon []*lexClass
}

func (e entries) clone() entries {
	return entries{
		states:  append([]*stateEntry(nil), e.states...),
		insts:   append([]*instEntry(nil), e.insts...),
		orgs:    append([]*orgEntry(nil), e.orgs...),
		groups:  append([]*groupEntry(nil), e.groups...),
		parties: append([]*partyEntry(nil), e.parties...),
		people:  append([]*personEntry(nil), e.people...),
		agents:  append([]*agentEntry(nil), e.agents...),
		ignore:  append([]nameItem(nil), e.ignore...),
		lexicon: append([]*lexClass(nil), e.lexicon...),
	}
}

func (e entries) maxLayer() int {
	m := 0
	up := func(p pos) {
		if p.layer > m {
			m = p.layer
		}
	}
	for _, x := range e.states {
		up(x.pos)
	}
	for _, x := range e.insts {
		up(x.pos)
	}
	for _, x := range e.orgs {
		up(x.pos)
	}
	for _, x := range e.groups {
		up(x.pos)
	}
	for _, x := range e.parties {
		up(x.pos)
	}
	for _, x := range e.people {
		up(x.pos)
	}
	for _, x := range e.agents {
		up(x.pos)
	}
	return m
}

// overlay lays o over e: entries with the same identity are replaced in
// place, others appended.
func (e *entries) overlay(o entries) {
	e.states = overlayList(e.states, o.states, func(x *stateEntry) string { return x.code })
	e.insts = overlayList(e.insts, o.insts, func(x *instEntry) string { return strings.ToLower(x.names[0].text) })
	e.orgs = overlayList(e.orgs, o.orgs, func(x *orgEntry) string { return strings.ToLower(x.names[0].text) })
	e.groups = overlayList(e.groups, o.groups, func(x *groupEntry) string { return strings.ToLower(x.names[0].text) })
	e.parties = overlayList(e.parties, o.parties, func(x *partyEntry) string { return strings.ToLower(x.names[0].text) })
	e.people = overlayList(e.people, o.people, func(x *personEntry) string { return strings.ToLower(x.names[0].text) })
	e.agents = overlayList(e.agents, o.agents, func(x *agentEntry) string { return x.phrase })
	e.ignore = append(e.ignore, o.ignore...)
	e.lexicon = overlayList(e.lexicon, o.lexicon, func(x *lexClass) string { return x.name })
}

func overlayList[T any](base, over []T, id func(T) string) []T {
	at := make(map[string]int, len(base))
	for i, x := range base {
		at[id(x)] = i
	}
	for _, x := range over {
		if i, ok := at[id(x)]; ok {
			base[i] = x
			continue
		}
		at[id(x)] = len(base)
		base = append(base, x)
	}
	return base
}

// parser reads one file.
type parser struct {
	file  string
	layer int
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return fmt.Errorf("%s:%d: %s", p.file, line, fmt.Sprintf(format, args...))
}

func (p *parser) pos(n *yaml.Node) pos { return pos{file: p.file, line: n.Line, layer: p.layer} }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseFile parses one dictionary file into src and pats.
func parseFile(file string, data []byte, layer int, src *entries, pats *[]Pattern) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s:%s: %s", file, m[1], msg[len(m[0]):])
		}
		return fmt.Errorf("%s:1: %s", file, strings.TrimPrefix(msg, "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // empty file
	}
	p := &parser{file: file, layer: layer}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	return p.mapping(root, func(k string, key, v *yaml.Node) error {
		switch k {
		case "states":
			return p.seq(v, func(n *yaml.Node) error {
				s, err := p.state(n)
				if err == nil {
					src.states = append(src.states, s)
				}
				return err
			})
		case "organisations", "organizations":
			return p.seq(v, func(n *yaml.Node) error {
				o, err := p.org(n)
				if err == nil {
					src.orgs = append(src.orgs, o)
				}
				return err
			})
		case "institutions":
			return p.seq(v, func(n *yaml.Node) error {
				x, err := p.institution(n)
				if err == nil {
					src.insts = append(src.insts, x)
				}
				return err
			})
		case "groups":
			return p.seq(v, func(n *yaml.Node) error {
				g, err := p.group(n)
				if err == nil {
					src.groups = append(src.groups, g)
				}
				return err
			})
		case "parties":
			return p.seq(v, func(n *yaml.Node) error {
				x, err := p.party(n, func(err error) error { return err })
				if err == nil {
					err = firstOverlap(x.roles, "party "+x.names[0].text)
				}
				if err == nil {
					src.parties = append(src.parties, x)
				}
				return err
			})
		case "people":
			return p.seq(v, func(n *yaml.Node) error {
				x, err := p.person(n, func(err error) error { return err })
				if err == nil {
					err = firstOverlap(x.roles, x.names[0].text)
				}
				if err == nil {
					src.people = append(src.people, x)
				}
				return err
			})
		case "agents":
			return p.agents(v, src)
		case "ignore":
			items, err := p.names(v, "ignored phrase", false)
			src.ignore = append(src.ignore, items...)
			return err
		case "lexicon":
			return p.lexicon(v, src)
		case "patterns":
			ps, err := parsePatterns(v, file)
			if err != nil {
				return err
			}
			*pats = append(*pats, ps...)
			return nil
		}
		return p.errf(key, "unknown key %q (want %s)", k, topKeys)
	})
}

// topKeys are the keys a dictionary file may have, for error messages.
const topKeys = "states, institutions, organisations, groups, parties, people, agents, ignore, lexicon or patterns"

// mapping calls fn for every key of a mapping node, rejecting duplicate keys.
func (p *parser) mapping(n *yaml.Node, fn func(k string, key, v *yaml.Node) error) error {
	if err := p.noAlias(n); err != nil {
		return err
	}
	if n.Kind != yaml.MappingNode {
		return p.errf(n, "want a mapping, got %s", kindName(n))
	}
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := n.Content[i], n.Content[i+1]
		if err := p.noAlias(key); err != nil {
			return err
		}
		if err := p.noAlias(v); err != nil {
			return err
		}
		if key.Kind != yaml.ScalarNode {
			return p.errf(key, "want a key, got %s", kindName(key))
		}
		if seen[key.Value] {
			return p.errf(key, "duplicate key %q", key.Value)
		}
		seen[key.Value] = true
		if err := fn(key.Value, key, v); err != nil {
			return err
		}
	}
	return nil
}

// seq calls fn for every item of a sequence node; null is an empty list.
func (p *parser) seq(n *yaml.Node, fn func(*yaml.Node) error) error {
	if err := p.noAlias(n); err != nil {
		return err
	}
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errf(n, "want a list, got %s", kindName(n))
	}
	for _, c := range n.Content {
		if err := p.noAlias(c); err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) noAlias(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode {
		return p.errf(n, "YAML aliases are not supported")
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// scalar returns the trimmed text of a scalar node.
func (p *parser) scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return "", p.errf(n, "%s: want a value, got %s", what, kindName(n))
	}
	s := strings.Join(strings.Fields(n.Value), " ")
	if s == "" {
		return "", p.errf(n, "%s is empty", what)
	}
	return s, nil
}

// names reads a name or a list of names; with seats, items may be
// {name: ..., role: ...} mappings.
func (p *parser) names(n *yaml.Node, what string, withRole bool) ([]nameItem, error) {
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		s, err := p.name(n, what)
		if err != nil {
			return nil, err
		}
		return []nameItem{{text: s, pos: p.pos(n)}}, nil
	}
	var out []nameItem
	err := p.seq(n, func(c *yaml.Node) error {
		if c.Kind == yaml.MappingNode && withRole {
			it := nameItem{pos: p.pos(c)}
			err := p.mapping(c, func(k string, key, v *yaml.Node) error {
				var err error
				switch k {
				case "name":
					it.text, err = p.name(v, what)
				case "role":
					it.role, err = p.role(v)
				default:
					err = p.errf(key, "unknown key %q in %s (want name, role)", k, what)
				}
				return err
			})
			if err != nil {
				return err
			}
			if it.text == "" {
				return p.errf(c, "%s without a name", what)
			}
			out = append(out, it)
			return nil
		}
		s, err := p.name(c, what)
		if err != nil {
			return err
		}
		out = append(out, nameItem{text: s, pos: p.pos(c)})
		return nil
	})
	return out, err
}

func (p *parser) name(n *yaml.Node, what string) (string, error) {
	s, err := p.scalar(n, what)
	if err != nil {
		return "", err
	}
	if len(s) > 200 {
		return "", p.errf(n, "%s %.20q... is too long", what, s)
	}
	low := strings.ToLower(s)
	if low == "the" || strings.Trim(s, ".-'’ ") == "" {
		return "", p.errf(n, "%s %q is not a name", what, s)
	}
	return s, nil
}

// stateCode checks an ISO-like code: three upper-case ASCII letters.
func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func (p *parser) code(n *yaml.Node, orgs bool) (string, error) {
	s, err := p.scalar(n, "code")
	if err != nil {
		return "", err
	}
	isOrg := s == "IGO" || s == "NGO"
	switch {
	case orgs && !isOrg:
		return "", p.errf(n, "bad organisation code %q: want IGO or NGO", s)
	case !orgs && (isOrg || !isCode(s)):
		return "", p.errf(n, "bad country code %q: want an ISO 3166-1 alpha-3 code (three upper-case letters)", s)
	}
	return s, nil
}

func (p *parser) role(n *yaml.Node) (string, error) {
	s, err := p.scalar(n, "role")
	if err != nil {
		return "", err
	}
	if !isCode(s) {
		return "", p.errf(n, "bad role %q: want a CAMEO agent code (three upper-case letters: GOV, MIL, REB...)", s)
	}
	return s, nil
}

func (p *parser) state(n *yaml.Node) (*stateEntry, error) {
	s := &stateEntry{pos: p.pos(n)}
	err := p.mapping(n, func(k string, key, v *yaml.Node) error {
		var err error
		switch k {
		case "code":
			s.code, err = p.code(v, false)
		case "names", "name":
			s.names, err = p.names(v, "name", false)
		case "adjectives", "demonyms":
			s.adjectives, err = p.names(v, "adjective", false)
		case "capitals", "capital":
			s.capitals, err = p.names(v, "capital", false)
		case "seats":
			s.seats, err = p.names(v, "seat", true)
		case "cities", "places":
			s.cities, err = p.names(v, "city", false)
		default:
			err = p.errf(key, "unknown key %q in a state (want code, names, adjectives, capitals, seats, cities)", k)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if s.code == "" {
		return nil, p.errf(n, "state without a code")
	}
	if len(s.names) == 0 {
		return nil, p.errf(n, "state %s without names", s.code)
	}
	return s, nil
}

func (p *parser) org(n *yaml.Node) (*orgEntry, error) {
	o := &orgEntry{pos: p.pos(n)}
	err := p.mapping(n, func(k string, key, v *yaml.Node) error {
		var err error
		switch k {
		case "code":
			o.code, err = p.code(v, true)
		case "names", "name":
			o.names, err = p.names(v, "name", false)
		case "role":
			o.role, err = p.role(v)
		default:
			err = p.errf(key, "unknown key %q in an organisation (want code, names, role)", k)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if o.code == "" {
		return nil, p.errf(n, "organisation without a code (IGO or NGO)")
	}
	if len(o.names) == 0 {
		return nil, p.errf(n, "organisation without names")
	}
	return o, nil
}

func (p *parser) group(n *yaml.Node) (*groupEntry, error) {
	g := &groupEntry{pos: p.pos(n)}
	var err error
	g.country, g.role, g.names, err = p.countryEntry(n, "group", "REB")
	if err != nil {
		return nil, err
	}
	return g, nil
}

// institution reads a national institution: country, names and a role
// (GOV unless given).
func (p *parser) institution(n *yaml.Node) (*instEntry, error) {
	x := &instEntry{pos: p.pos(n)}
	var err error
	x.country, x.role, x.names, err = p.countryEntry(n, "institution", "GOV")
	if err != nil {
		return nil, err
	}
	return x, nil
}

// countryEntry reads an entry made of a country, names and a role (role
// unless given): a group or an institution, as what says in errors.
func (p *parser) countryEntry(n *yaml.Node, what, role string) (country, r string, names []nameItem, err error) {
	r = role
	err = p.mapping(n, func(k string, key, v *yaml.Node) error {
		var err error
		switch k {
		case "country", "code":
			country, err = p.code(v, false)
		case "names", "name":
			names, err = p.names(v, "name", false)
		case "role":
			r, err = p.role(v)
		default:
			err = p.errf(key, "unknown key %q in %s (want country, names, role)", k, article(what))
		}
		return err
	})
	switch {
	case err != nil:
	case country == "":
		err = p.errf(n, "%s without a country", what)
	case len(names) == 0:
		err = p.errf(n, "%s without names", what)
	}
	return country, r, names, err
}

// article puts "a" or "an" before a word.
func article(w string) string {
	if strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

// party reads a party: country, names, the role outside its dated roles
// (OPP unless given) and its dated roles, sorted by start, each in the
// party's country. As with person, every error met is passed to report;
// overlapping roles are left to the caller.
func (p *parser) party(n *yaml.Node, report func(error) error) (*partyEntry, error) {
	x := &partyEntry{pos: p.pos(n), role: "OPP"}
	err := p.mapping(n, func(k string, key, v *yaml.Node) error {
		var err error
		switch k {
		case "country", "code":
			x.country, err = p.code(v, false)
		case "names", "name":
			x.names, err = p.names(v, "name", false)
		case "role":
			x.role, err = p.role(v)
		case "roles":
			x.roles, err = p.roleSpans(v, report)
		default:
			err = p.errf(key, "unknown key %q in a party (want country, names, role, roles)", k)
		}
		if err != nil {
			return report(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(x.names) == 0 {
		return nil, p.errf(n, "party without names")
	}
	if x.country == "" {
		return nil, p.errf(n, "party %q without a country", x.names[0].text)
	}
	roles := x.roles[:0]
	for _, r := range x.roles {
		if r.country != "" && r.country != x.country {
			if err := report(fmt.Errorf("%s: a role of party %q is held in %s: a party's roles are in its own country (%s)", r.pos, x.names[0].text, r.country, x.country)); err != nil {
				return nil, err
			}
			continue
		}
		r.country = x.country
		r.why = partyWhy(x.country, &r)
		roles = append(roles, r)
	}
	x.roles = roles
	return x, nil
}

// person reads a person entry: names, country and roles sorted by start,
// each role with its country and explanation. Every error met on the way is
// passed to report: the loader's report returns it and stops at the first,
// the checker's records it and goes on. Overlapping roles are left to the
// caller (see firstOverlap).
func (p *parser) person(n *yaml.Node, report func(error) error) (*personEntry, error) {
	x := &personEntry{pos: p.pos(n)}
	err := p.mapping(n, func(k string, key, v *yaml.Node) error {
		var err error
		switch k {
		case "names", "name":
			x.names, err = p.names(v, "name", false)
		case "country", "code":
			x.country, err = p.code(v, false)
		case "roles":
			x.roles, err = p.roleSpans(v, report)
		default:
			err = p.errf(key, "unknown key %q in a person (want names, country, roles)", k)
		}
		if err != nil {
			return report(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(x.names) == 0 {
		return nil, p.errf(n, "person without names")
	}
	if x.country == "" {
		return nil, p.errf(n, "person %q without a country", x.names[0].text)
	}
	for i := range x.roles {
		r := &x.roles[i]
		if r.country == "" {
			r.country = x.country
		}
		r.why = roleWhy(r)
	}
	return x, nil
}

// roleSpans reads a list of roles (see roleSpan), sorted by start; each bad
// one is passed to report and left out.
func (p *parser) roleSpans(n *yaml.Node, report func(error) error) ([]roleSpan, error) {
	var roles []roleSpan
	err := p.seq(n, func(c *yaml.Node) error {
		r, err := p.roleSpan(c)
		if err != nil {
			return report(err)
		}
		roles = append(roles, r)
		return nil
	})
	sort.SliceStable(roles, func(i, j int) bool { return roles[i].from.Before(roles[j].from) })
	return roles, err
}

// firstOverlap returns an error for the first of roles (sorted by start)
// that starts before the previous one ends, or nil; who names their holder.
func firstOverlap(roles []roleSpan, who string) error {
	for i := 1; i < len(roles); i++ {
		r, q := &roles[i], roles[i-1]
		if q.to.IsZero() || r.from.Before(q.to) {
			return fmt.Errorf("%s: role %s of %s overlaps the role %s at line %d", r.pos, roleLabel(r), who, roleLabel(&q), q.line)
		}
	}
	return nil
}

// roleLabel names a role in messages: its title quoted, or its role code
// when it has no title (a party's "GOV").
func roleLabel(r *roleSpan) string {
	if r.title == "" {
		return r.role
	}
	return strconv.Quote(r.title)
}

func roleWhy(r *roleSpan) string {
	var b strings.Builder
	b.WriteString(r.role)
	b.WriteString(": ")
	if r.title != "" {
		b.WriteString(r.title)
		b.WriteString(" of ")
	}
	b.WriteString(r.country)
	b.WriteString(" ")
	b.WriteString(r.from.Format(time.DateOnly))
	b.WriteString("..")
	if !r.to.IsZero() {
		b.WriteString(r.to.Format(time.DateOnly))
	}
	return b.String()
}

// partyWhy explains a party's dated role: "party of IND: GOV
// 2014-05-26..", with the title in brackets when there is one.
func partyWhy(country string, r *roleSpan) string {
	s := "party of " + country + ": " + r.role
	if r.title != "" {
		s += " (" + r.title + ")"
	}
	return s + " " + span(r)
}

// roleSpan reads "GOV president 2000-05-07..2008-05-07" or a mapping
// {role, title, country, from, to}.
func (p *parser) roleSpan(n *yaml.Node) (roleSpan, error) {
	r := roleSpan{pos: p.pos(n)}
	var err error
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		f := strings.Fields(n.Value)
		if len(f) < 2 {
			return r, p.errf(n, "bad role %q: want ROLE [title] FROM..[TO]", n.Value)
		}
		if len(f) > 2 && isCode(f[0]) && isCode(f[1]) {
			r.country, f = f[0], f[1:] // "IGO GOV secretary-general 2017-01-01.."
		}
		r.role = f[0]
		if !isCode(r.role) {
			return r, p.errf(n, "bad role %q: want a CAMEO agent code (three upper-case letters: GOV, MIL...)", r.role)
		}
		rng := f[len(f)-1]
		r.title = strings.Join(f[1:len(f)-1], " ")
		from, to, ok := strings.Cut(rng, "..")
		if !ok {
			return r, p.errf(n, "bad role %q: want a date range FROM..TO at the end", n.Value)
		}
		if r.from, err = p.date(n, from); err != nil {
			return r, err
		}
		if to != "" {
			if r.to, err = p.date(n, to); err != nil {
				return r, err
			}
		}
	} else {
		err = p.mapping(n, func(k string, key, v *yaml.Node) error {
			var err error
			switch k {
			case "role":
				r.role, err = p.role(v)
			case "title":
				r.title, err = p.scalar(v, "title")
			case "country":
				r.country, err = p.scalar(v, "country")
				if err == nil && !isCode(r.country) {
					err = p.errf(v, "bad country code %q: want an ISO 3166-1 alpha-3 code, IGO or NGO", r.country)
				}
			case "from", "to":
				var s string
				if s, err = p.scalar(v, k); err != nil {
					return err
				}
				var t time.Time
				if t, err = p.date(v, s); err != nil {
					return err
				}
				if k == "from" {
					r.from = t
				} else {
					r.to = t
				}
			default:
				err = p.errf(key, "unknown key %q in a role (want role, title, country, from, to)", k)
			}
			return err
		})
		if err != nil {
			return r, err
		}
		if r.role == "" {
			return r, p.errf(n, "role without a role code")
		}
		if r.from.IsZero() {
			return r, p.errf(n, "role without a from date")
		}
	}
	if !r.to.IsZero() && !r.to.After(r.from) {
		return r, p.errf(n, "role ends (%s) before it starts (%s)", r.to.Format(time.DateOnly), r.from.Format(time.DateOnly))
	}
	return r, nil
}

// date parses YYYY-MM-DD, YYYY-MM or YYYY.
func (p *parser) date(n *yaml.Node, s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) == len(layout) {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, p.errf(n, "bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// agents reads ROLE: [lemma, "multi word phrase", ...].
func (p *parser) agents(n *yaml.Node, src *entries) error {
	return p.mapping(n, func(k string, key, v *yaml.Node) error {
		if !isCode(k) {
			return p.errf(key, "bad agent role %q: want a CAMEO agent code (three upper-case letters)", k)
		}
		items, err := p.names(v, "agent", false)
		if err != nil {
			return err
		}
		for _, it := range items {
			src.agents = append(src.agents, &agentEntry{phrase: strings.ToLower(it.text), role: k, pos: it.pos})
		}
		return nil
	})
}
