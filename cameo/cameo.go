// Package cameo holds the CAMEO 1.1b3 event codebook as data: every event
// code with its name, root, level, quad class, Goldstein value and the
// PLOVER v2 event type and mode it maps to, plus the CAMEO agent (actor
// role) codes.
//
// The codebook is embedded (codes.tsv, generated from the project's shared
// tables by cameo/internal/gen), so nothing is read from disk at run time.
//
// Credits: the code set and Goldstein values follow GDELT's
// CAMEO.goldsteinscale.txt; names follow the CAMEO codebook v1.1b3
// (Schrodt, 2012). The PLOVER mapping is derived from CAMEO2PLOVER-2021.txt
// (openeventdata/PLOVER, edited by Philip Schrodt for the PLOVER manual),
// PLOVER materials © Open Event Data Alliance, CC BY-SA 4.0.
//
// PLOVER has no type for CAMEO statements (root 01) or appeals (root 02).
// dyad maps appeals to REQUEST with the mode and context of the parallel
// demand code (021 like 101, 0254 like 1054), maps statements that carry
// action content to the nearest type (011 and 016 REJECT, 012 ACCUSE, 013 and
// 018 SUPPORT, 015 CONCEDE, 019 AGREE), and leaves 01, 010, 014 and 017
// without a PLOVER type. Code.PloverFrom says where each mapping came from.
package cameo

//go:generate go run ./internal/gen -cameo ../../shared/cameo/cameo-event-codes.tsv -plover ../../shared/plover/CAMEO2PLOVER-2021.txt -o codes.tsv

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dyad-events/dyad"
)

//go:embed codes.tsv
var codesTSV string

// Where a Code's PLOVER mapping came from (Code.PloverFrom).
const (
	// PloverFromTable: the OEDA CAMEO2PLOVER-2021 table lists the code.
	PloverFromTable = "table"
	// PloverFromParent: the table lacks the code; it inherits its parent's.
	PloverFromParent = "parent"
	// PloverFromAppeal: a root-02 appeal mapped like the parallel root-10
	// demand.
	PloverFromAppeal = "appeal"
	// PloverFromDyad: a root-01 statement mapped by dyad to the nearest type.
	PloverFromDyad = "dyad"
	// PloverFromNone: a statement with no action content; no PLOVER type.
	PloverFromNone = "none"
)

// Code is one CAMEO event code and what the codebook says about it.
type Code struct {
	// Code is the CAMEO code ("041", "0332"); Root its two-digit root
	// ("04"); Name the codebook's label ("Discuss by telephone").
	Code, Root, Name string
	// Level is 1 for a root, 2 for a three-digit code, 3 for a four-digit
	// code.
	Level int
	// QuadClass is GDELT 2.0's quad class: 1 verbal cooperation (roots
	// 01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13), 4
	// material conflict (14-20).
	QuadClass int
	// Goldstein is the code's Goldstein conflict-cooperation value (-10 to
	// +10); HasGoldstein is false when the table gives none.
	Goldstein    float64
	HasGoldstein bool
	// PloverType and PloverMode are the PLOVER v2 event type ("CONSULT")
	// and mode ("phone"; often empty) the code maps to. PloverType is empty
	// for the statements PLOVER does not code (01, 010, 014, 017).
	PloverType, PloverMode string
	// PloverContext lists the PLOVER context(s) of the mapping, separated
	// by ";" ("military;legal"), possibly empty.
	PloverContext string
	// PloverFrom says where the PLOVER mapping came from: one of the
	// PloverFrom* constants.
	PloverFrom string
}

// Parent returns the code's parent code ("04" for "041", "041" for "0411"),
// or "" for a root.
func (c Code) Parent() string { return parentOf(c.Code) }

// Fill sets e's Code, Root, QuadClass, Goldstein, PloverType and PloverMode
// from c. It does nothing when e is nil.
func (c Code) Fill(e *dyad.Event) {
	if e == nil {
		return
	}
	e.Code, e.Root, e.QuadClass, e.Goldstein = c.Code, c.Root, c.QuadClass, c.Goldstein
	e.PloverType, e.PloverMode = c.PloverType, c.PloverMode
}

// Agent is a CAMEO agent code: the role in which an actor acts (GOV, MIL,
// REB...) or the kind of non-state actor it is (IGO, NGO, MNC...).
type Agent struct {
	// Code is the three-letter code; Name a short description.
	Code, Name string
}

// Codebook is the CAMEO event codebook and agent list. It is immutable
// after construction and safe for concurrent use; the slices its methods
// return are the caller's to keep and change.
type Codebook struct {
	codes    []Code         // in code order
	index    map[string]int // code -> position in codes
	children map[string][]int
	agents   map[string]Agent
	parallel []parallelRow // see Parallel
}

// Default returns the embedded CAMEO 1.1b3 codebook. It is built once, on
// first use; callers may keep and share it.
func Default() *Codebook { return defaultBook() }

var defaultBook = sync.OnceValue(func() *Codebook {
	b, err := parse(codesTSV)
	if err != nil {
		// The embedded table is generated and tested; this is a build fault.
		panic("cameo: embedded codes.tsv: " + err.Error())
	}
	return b
})

// parse reads the generated codes.tsv format.
func parse(data string) (*Codebook, error) {
	b := &Codebook{index: map[string]int{}, children: map[string][]int{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			return nil, fmt.Errorf("line %d: want 9 fields, got %d", n+1, len(f))
		}
		c := Code{Code: f[0], PloverType: f[4], PloverMode: f[5], PloverContext: f[6], PloverFrom: f[7], Name: f[8]}
		if !isCode(c.Code) {
			return nil, fmt.Errorf("line %d: bad code %q", n+1, c.Code)
		}
		c.Root = c.Code[:2]
		var err error
		if c.Level, err = strconv.Atoi(f[1]); err != nil || c.Level != len(c.Code)-1 {
			return nil, fmt.Errorf("line %d: level %q does not fit code %s", n+1, f[1], c.Code)
		}
		if c.QuadClass, err = strconv.Atoi(f[2]); err != nil || c.QuadClass < 1 || c.QuadClass > 4 {
			return nil, fmt.Errorf("line %d: bad quad class %q", n+1, f[2])
		}
		if f[3] != "" {
			if c.Goldstein, err = strconv.ParseFloat(f[3], 64); err != nil {
				return nil, fmt.Errorf("line %d: bad Goldstein value %q", n+1, f[3])
			}
			c.HasGoldstein = true
		}
		if _, dup := b.index[c.Code]; dup {
			return nil, fmt.Errorf("line %d: duplicate code %s", n+1, c.Code)
		}
		b.index[c.Code] = len(b.codes)
		b.codes = append(b.codes, c)
	}
	if !sort.SliceIsSorted(b.codes, func(i, j int) bool { return b.codes[i].Code < b.codes[j].Code }) {
		return nil, fmt.Errorf("codes are not in code order")
	}
	for i, c := range b.codes {
		if p := c.Parent(); p != "" {
			if _, ok := b.index[p]; !ok {
				return nil, fmt.Errorf("code %s: parent %s missing", c.Code, p)
			}
			b.children[p] = append(b.children[p], i)
		}
	}
	b.agents = make(map[string]Agent)
	for _, a := range agentList() {
		b.agents[a.Code] = a
	}
	b.parallel = parallelTable()
	return b, nil
}

// isCode reports whether s has the shape of a CAMEO event code: 2 to 4
// ASCII digits.
func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parentOf(code string) string {
	switch len(code) {
	case 3:
		return code[:2]
	case 4:
		return code[:3]
	}
	return ""
}

// Lookup returns the code named code ("041"; surrounding spaces are
// ignored) and whether the codebook has it.
func (b *Codebook) Lookup(code string) (Code, bool) {
	if b == nil {
		return Code{}, false
	}
	i, ok := b.index[strings.TrimSpace(code)]
	if !ok {
		return Code{}, false
	}
	return b.codes[i], true
}

// Valid reports whether code is a code of the codebook.
func (b *Codebook) Valid(code string) bool {
	_, ok := b.Lookup(code)
	return ok
}

// All returns every code, in code order (each root followed by its
// descendants: "01", "010", "011", ..., "02", "020", "021", "0211"...).
func (b *Codebook) All() []Code {
	if b == nil {
		return nil
	}
	return append([]Code(nil), b.codes...)
}

// Children returns the direct children of code in code order: the
// three-digit codes of a root, the four-digit codes of a three-digit code;
// nil for a leaf or an unknown code.
func (b *Codebook) Children(code string) []Code {
	if b == nil {
		return nil
	}
	idx := b.children[strings.TrimSpace(code)]
	if len(idx) == 0 {
		return nil
	}
	out := make([]Code, len(idx))
	for i, j := range idx {
		out[i] = b.codes[j]
	}
	return out
}

// Leaves returns the codes that have no children, in code order: the most
// specific codes an event can take.
func (b *Codebook) Leaves() []Code {
	if b == nil {
		return nil
	}
	var out []Code
	for _, c := range b.codes {
		if len(b.children[c.Code]) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// Agent returns the CAMEO agent code named code ("GOV"; case and
// surrounding spaces are ignored) and whether it is known.
func (b *Codebook) Agent(code string) (Agent, bool) {
	if b == nil {
		return Agent{}, false
	}
	a, ok := b.agents[strings.ToUpper(strings.TrimSpace(code))]
	return a, ok
}

// Agents returns every known agent code, sorted by code.
func (b *Codebook) Agents() []Agent {
	if b == nil {
		return nil
	}
	out := make([]Agent, 0, len(b.agents))
	for _, a := range b.agents {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// CheckFilter refuses a filter (read by dyad.ParseFilter, which checks
// only the form of its values) that names a role the codebook does not
// know, with a *dyad.FilterError naming the parameter; a misspelt role
// would otherwise select nothing without saying why.
func (b *Codebook) CheckFilter(f *dyad.EventFilter) error {
	for _, r := range []struct{ param, role string }{{"actor", f.ActorRole}, {"source", f.SourceRole}, {"target", f.TargetRole}} {
		if r.role == "" {
			continue
		}
		if _, ok := b.Agent(r.role); !ok {
			return &dyad.FilterError{Param: r.param, Reason: fmt.Sprintf("%s is not a CAMEO role (GOV, MIL, REB, OPP, COP...)", r.role)}
		}
	}
	return nil
}

// QuadClass returns GDELT 2.0's quad class for a CAMEO root ("04") or any
// code under it ("041"): 1 for roots 01-05, 2 for 06-08, 3 for 09-13, 4 for
// 14-20, and 0 when root is not a CAMEO code.
func QuadClass(root string) int {
	root = strings.TrimSpace(root)
	if !isCode(root) {
		return 0
	}
	n := int(root[0]-'0')*10 + int(root[1]-'0')
	switch {
	case n >= 1 && n <= 5:
		return 1
	case n >= 6 && n <= 8:
		return 2
	case n >= 9 && n <= 13:
		return 3
	case n >= 14 && n <= 20:
		return 4
	}
	return 0
}
