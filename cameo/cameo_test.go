package cameo

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad"
)

// ploverTypes are the 16 PLOVER v2 event types.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
	"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
	"ACCUSE": true, "REJECT": true, "SANCTION": true, "THREATEN": true,
	"PROTEST": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

func TestCounts(t *testing.T) {
	b := Default()
	all := b.All()
	if len(all) != 311 {
		t.Fatalf("All: %d codes, want 311", len(all))
	}
	want := map[string]int{ // codes per root, roots included
		"01": 11, "02": 28, "03": 29, "04": 8, "05": 9, "06": 6, "07": 7,
		"08": 26, "09": 6, "10": 28, "11": 13, "12": 27, "13": 23, "14": 27,
		"15": 6, "16": 14, "17": 13, "18": 14, "19": 8, "20": 8,
	}
	got := map[string]int{}
	for _, c := range all {
		got[c.Root]++
	}
	for root, n := range want {
		if got[root] != n {
			t.Errorf("root %s: %d codes, want %d", root, got[root], n)
		}
	}
	if len(got) != 20 {
		t.Errorf("%d roots, want 20", len(got))
	}
}

func TestEveryCode(t *testing.T) {
	b := Default()
	all := b.All()
	for i, c := range all {
		if i > 0 && all[i-1].Code >= c.Code {
			t.Errorf("All not in code order at %s", c.Code)
		}
		if c.Root != c.Code[:2] || c.Level != len(c.Code)-1 {
			t.Errorf("%s: root %q level %d", c.Code, c.Root, c.Level)
		}
		if c.Name == "" {
			t.Errorf("%s: no name", c.Code)
		}
		if c.QuadClass != QuadClass(c.Root) {
			t.Errorf("%s: quad class %d, root says %d", c.Code, c.QuadClass, QuadClass(c.Root))
		}
		if !c.HasGoldstein || c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v (has %v)", c.Code, c.Goldstein, c.HasGoldstein)
		}
		switch c.PloverFrom {
		case PloverFromNone:
			if c.PloverType != "" || c.Root != "01" {
				t.Errorf("%s: PloverFrom none but type %q", c.Code, c.PloverType)
			}
		case PloverFromTable, PloverFromParent, PloverFromAppeal, PloverFromDyad:
			if !ploverTypes[c.PloverType] {
				t.Errorf("%s: PLOVER type %q is not one of the 16", c.Code, c.PloverType)
			}
		default:
			t.Errorf("%s: PloverFrom %q", c.Code, c.PloverFrom)
		}
		if c.Root == "02" && c.PloverType != "REQUEST" {
			t.Errorf("%s: appeal maps to %q, want REQUEST", c.Code, c.PloverType)
		}
		if p := c.Parent(); p != "" {
			if !b.Valid(p) {
				t.Errorf("%s: parent %s missing", c.Code, p)
			}
			found := false
			for _, k := range b.Children(p) {
				found = found || k.Code == c.Code
			}
			if !found {
				t.Errorf("%s: not among Children(%s)", c.Code, p)
			}
		} else if c.Level != 1 {
			t.Errorf("%s: no parent but level %d", c.Code, c.Level)
		}
		got, ok := b.Lookup(c.Code)
		if !ok || got != c {
			t.Errorf("Lookup(%s) = %+v, %v", c.Code, got, ok)
		}
	}
	// Only the four content-free statements lack a PLOVER type.
	var none []string
	for _, c := range all {
		if c.PloverType == "" {
			none = append(none, c.Code)
		}
	}
	if fmt.Sprint(none) != "[01 010 014 017]" {
		t.Errorf("codes without PLOVER type: %v", none)
	}
}

func TestRoots(t *testing.T) {
	b := Default()
	for n := 1; n <= 20; n++ {
		root := fmt.Sprintf("%02d", n)
		c, ok := b.Lookup(root)
		if !ok || c.Level != 1 {
			t.Fatalf("root %s missing", root)
		}
		kids := b.Children(root)
		if len(kids) == 0 {
			t.Errorf("root %s has no children", root)
		}
		for _, k := range kids {
			if k.Level != 2 || !strings.HasPrefix(k.Code, root) {
				t.Errorf("root %s: child %s", root, k.Code)
			}
		}
		if !b.Valid(root + "0") {
			t.Errorf("root %s: no %s0 code", root, root)
		}
	}
}

func TestSamples(t *testing.T) {
	tests := []struct {
		code, name       string
		quad             int
		goldstein        float64
		ptype, pmode     string
		level, nChildren int
	}{
		{"041", "Discuss by telephone", 1, 1, "CONSULT", "phone", 2, 0},
		{"042", "Make a visit", 1, 1.9, "CONSULT", "visit", 2, 0},
		{"0332", "Express intent to provide military aid", 1, 5.2, "AGREE", "", 3, 0},
		{"1246", "Refuse to de-escalate military engagement", 3, -4, "REJECT", "yield", 3, 0},
		{"190", "Use conventional military force", 4, -10, "ASSAULT", "", 2, 0},
		{"163", "Impose embargo, boycott, or sanctions", 4, -8, "COERCE", "restrict", 2, 0},
		{"0871", "Declare truce, ceasefire", 2, 9, "RETREAT", "ceasefire", 3, 0},
		{"0233", "Appeal for humanitarian aid", 1, 3.4, "REQUEST", "assist", 3, 0},
		{"019", "Express accord", 1, 3.4, "AGREE", "", 2, 0},
		{"04", "CONSULT", 1, 1, "CONSULT", "", 1, 7},
		{"112", "Accuse", 3, -2, "ACCUSE", "disapprove", 2, 5},
	}
	b := Default()
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := b.Lookup(tt.code)
			if !ok {
				t.Fatal("missing")
			}
			if c.Name != tt.name || c.QuadClass != tt.quad || c.Goldstein != tt.goldstein ||
				c.PloverType != tt.ptype || c.PloverMode != tt.pmode || c.Level != tt.level {
				t.Errorf("got %+v", c)
			}
			if n := len(b.Children(tt.code)); n != tt.nChildren {
				t.Errorf("%d children, want %d", n, tt.nChildren)
			}
		})
	}
}

func TestPloverInheritance(t *testing.T) {
	b := Default()
	// 0211 is an appeal: mapped like 1011.
	c, _ := b.Lookup("0211")
	d, _ := b.Lookup("1011")
	if c.PloverType != d.PloverType || c.PloverMode != d.PloverMode || c.PloverContext != d.PloverContext || c.PloverFrom != PloverFromAppeal {
		t.Errorf("0211 %+v, 1011 %+v", c, d)
	}
	c, _ = b.Lookup("1124")
	if c.PloverContext != "military;legal" {
		t.Errorf("1124 context %q", c.PloverContext)
	}
	for _, c := range b.All() {
		if c.PloverFrom != PloverFromParent {
			continue
		}
		p, _ := b.Lookup(c.Parent())
		if c.PloverType != p.PloverType || c.PloverMode != p.PloverMode {
			t.Errorf("%s inherits %s/%s, parent %s has %s/%s", c.Code, c.PloverType, c.PloverMode, p.Code, p.PloverType, p.PloverMode)
		}
	}
}

func TestLeaves(t *testing.T) {
	b := Default()
	leaves := b.Leaves()
	isLeaf := map[string]bool{}
	for _, l := range leaves {
		isLeaf[l.Code] = true
		if len(b.Children(l.Code)) != 0 {
			t.Errorf("leaf %s has children", l.Code)
		}
	}
	for _, c := range b.All() {
		if !isLeaf[c.Code] && len(b.Children(c.Code)) == 0 {
			t.Errorf("%s has no children but is not a leaf", c.Code)
		}
	}
	for _, code := range []string{"041", "0332", "1246", "190", "2042"} {
		if !isLeaf[code] {
			t.Errorf("%s should be a leaf", code)
		}
	}
	for _, code := range []string{"04", "033", "124", "19"} {
		if isLeaf[code] {
			t.Errorf("%s should not be a leaf", code)
		}
	}
}

func TestInvalid(t *testing.T) {
	b := Default()
	for _, code := range []string{"", "0", "00", "21", "41", "0415", "1213", "abc", "04a", "04111", "\x00", "９"} {
		if b.Valid(code) {
			t.Errorf("Valid(%q)", code)
		}
		if kids := b.Children(code); kids != nil {
			t.Errorf("Children(%q) = %v", code, kids)
		}
	}
	if !b.Valid(" 041 ") {
		t.Error("surrounding spaces should be ignored")
	}
	var nilBook *Codebook
	if nilBook.Valid("041") || nilBook.All() != nil || nilBook.Leaves() != nil {
		t.Error("nil codebook should be empty")
	}
}

func TestQuadClass(t *testing.T) {
	tests := map[string]int{
		"01": 1, "05": 1, "051": 1, "06": 2, "08": 2, "0841": 2, "09": 3, "13": 3,
		"14": 4, "20": 4, "2042": 4, "00": 0, "21": 0, "": 0, "x1": 0, "1": 0,
	}
	for root, want := range tests {
		if got := QuadClass(root); got != want {
			t.Errorf("QuadClass(%q) = %d, want %d", root, got, want)
		}
	}
}

func TestAgents(t *testing.T) {
	b := Default()
	for _, code := range strings.Fields("GOV MIL REB OPP COP JUD LEG BUS MED CVL REF EDU HLH LAB ELI AGR CRM DEV ENV HRI IGO INS MNC NGO NGM RAD REL SEP SPY UAF MOD") {
		a, ok := b.Agent(code)
		if !ok || a.Code != code || a.Name == "" {
			t.Errorf("Agent(%s) = %+v, %v", code, a, ok)
		}
	}
	if a, ok := b.Agent(" gov "); !ok || a.Name != "government" {
		t.Errorf("Agent(gov) = %+v, %v", a, ok)
	}
	if _, ok := b.Agent("XXX"); ok {
		t.Error("Agent(XXX) found")
	}
	if n := len(b.Agents()); n < 31 {
		t.Errorf("%d agents", n)
	}
}

func TestFill(t *testing.T) {
	c, _ := Default().Lookup("041")
	var e dyad.Event
	c.Fill(&e)
	if e.Code != "041" || e.Root != "04" || e.QuadClass != 1 || e.Goldstein != 1 || e.PloverType != "CONSULT" || e.PloverMode != "phone" {
		t.Errorf("Fill: %+v", e)
	}
	c.Fill(nil) // no panic
}

func TestImmutable(t *testing.T) {
	b := Default()
	all := b.All()
	all[0].Name = "changed"
	kids := b.Children("04")
	kids[0].Code = "999"
	if c, _ := b.Lookup("01"); c.Name == "changed" {
		t.Error("All exposes internal state")
	}
	if k := b.Children("04"); k[0].Code != "040" {
		t.Error("Children exposes internal state")
	}
	if Default() != b {
		t.Error("Default should return the same codebook")
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, c := range b.All() {
				b.Lookup(c.Code)
				b.Children(c.Code)
			}
		})
	}
	wg.Wait()
}

func TestParseErrors(t *testing.T) {
	bad := []string{
		"041\t2\t1\t1\tCONSULT\tphone\t\ttable",              // too few fields
		"04x\t1\t1\t1\tCONSULT\t\t\ttable\tX",                // bad code
		"041\t1\t1\t1\tCONSULT\t\t\ttable\tX",                // level
		"04\t1\t5\t1\tCONSULT\t\t\ttable\tX",                 // quad
		"04\t1\t1\tx\tCONSULT\t\t\ttable\tX",                 // goldstein
		"041\t2\t1\t1\tCONSULT\t\t\ttable\tX",                // no parent
		"04\t1\t1\t1\tA\t\t\tt\tX\n04\t1\t1\t1\tA\t\t\tt\tX", // duplicate
	}
	for _, s := range bad {
		if _, err := parse(s); err == nil {
			t.Errorf("parse(%q): no error", s)
		}
	}
}
