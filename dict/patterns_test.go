package dict

import (
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/cameo"
	"go.yaml.in/yaml/v3"
)

// patternsNode parses a YAML document and returns the value of its
// patterns: key.
func patternsNode(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("yaml: %v", err)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "patterns" {
			return root.Content[i+1]
		}
	}
	t.Fatal("no patterns key")
	return nil
}

func TestDefaultPatternsParse(t *testing.T) {
	data, err := os.ReadFile("data/patterns.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ParsePatterns(patternsNode(t, string(data)), "data/patterns.yaml", cameo.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) < 300 {
		t.Errorf("only %d patterns, want >= 300", len(ps))
	}
	roots := map[string]int{}
	ids := map[string]bool{}
	for _, p := range ps {
		roots[p.Code[:2]]++
		if ids[p.ID] {
			t.Errorf("duplicate pattern ID %s", p.ID)
		}
		ids[p.ID] = true
		if p.Line == 0 || p.File == "" {
			t.Errorf("%s: no file:line", p.ID)
		}
	}
	for r := 1; r <= 20; r++ {
		root := string([]byte{byte('0' + r/10), byte('0' + r%10)})
		if roots[root] == 0 {
			t.Errorf("no pattern for root %s", root)
		}
	}
	t.Logf("%d patterns", len(ps))
}

func TestParseMatch(t *testing.T) {
	tests := []struct {
		in       string
		triggers []string
		light    []string
		particle string
		req      int
		target   []string
		forbid   []string
	}{
		{"speak|talk by=phone|telephone with=T", []string{"speak", "talk"}, nil, "", 1, []string{"with"}, nil},
		{"hold|have+talk with=T", []string{"talk"}, []string{"hold", "have"}, "", 0, []string{"with"}, nil},
		{"call~off obj=*", []string{"call"}, nil, "off", 1, nil, nil},
		{"strike !obj", []string{"strike"}, nil, "", 0, nil, []string{"obj"}},
		{"impose+sanction on=T against=T", []string{"sanction"}, []string{"impose"}, "", 0, []string{"on", "against"}, nil},
		{"break~off|call~off obj=talk", []string{"break", "call"}, nil, "off", 1, nil, nil},
	}
	for _, tt := range tests {
		ps, err := ParseMatch(Pattern{Code: "010"}, tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if len(ps) != len(tt.triggers) {
			t.Errorf("%q: %d patterns, want %d", tt.in, len(ps), len(tt.triggers))
			continue
		}
		for i, p := range ps {
			if p.Trigger != tt.triggers[i] {
				t.Errorf("%q: trigger %q, want %q", tt.in, p.Trigger, tt.triggers[i])
			}
			if strings.Join(p.Light, ",") != strings.Join(tt.light, ",") || p.Particle != tt.particle || len(p.Require) != tt.req {
				t.Errorf("%q: got light %v particle %q req %v", tt.in, p.Light, p.Particle, p.Require)
			}
			var ts []string
			for _, s := range p.Target {
				ts = append(ts, s.String())
			}
			if strings.Join(ts, ",") != strings.Join(tt.target, ",") || strings.Join(p.Forbid, ",") != strings.Join(tt.forbid, ",") {
				t.Errorf("%q: targets %v forbid %v", tt.in, ts, p.Forbid)
			}
		}
	}
}

// TestParseForbidWords: "!key=lemmas" forbids a dependent with one of
// the words, not the dependent itself.
func TestParseForbidWords(t *testing.T) {
	ps, err := ParseMatch(Pattern{Code: "084"}, "release obj=* !obj=video|statement")
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	if len(p.Forbid) != 0 || len(p.ForbidWords) != 1 || p.ForbidWords[0].Rel != "obj" || strings.Join(p.ForbidWords[0].Lemmas, ",") != "video,statement" {
		t.Errorf("forbid %v, forbid words %v", p.Forbid, p.ForbidWords)
	}
	if _, err := ParseMatch(Pattern{Code: "084"}, "release obj=* !obj=@report_nouns"); err == nil {
		t.Error("a word class in a forbidden dependent's words parsed")
	}
}

func TestParsePatternsErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"patterns:\n  - code: \"999\"\n    match: [x]\n", "f.yaml:2: unknown CAMEO code \"999\""},
		{"patterns:\n  - code: \"041\"\n    match:\n      - speak with\n", "f.yaml:4:"},
		{"patterns:\n  - code: \"041\"\n    colour: red\n    match: [x]\n", "f.yaml:3: unknown key \"colour\""},
		{"patterns:\n  - code: \"042\"\n    linked: \"0433\"\n    match: [visit]\n", "f.yaml:3: unknown CAMEO code \"0433\""},
		{"patterns:\n  - match: [visit]\n", "f.yaml:2: pattern group without code"},
		{"patterns:\n  - code: \"070\"\n    refine: {military: \"0799\"}\n    match: [send]\n", "f.yaml:3: unknown CAMEO code \"0799\""},
		{"patterns:\n  - code: \"04\"\n    match: [meet]\n", "f.yaml:2: code \"04\" is a root"},
		{"patterns: {a: b}\n", "f.yaml:1: patterns: want a list"},
		{"patterns:\n  - code: \"041\"\n    mutual: sometimes\n    match: [x]\n", "f.yaml:3: mutual"},
		{"patterns:\n  - code: \"041\"\n    match:\n      - \"=x\"\n", "f.yaml:4:"},
	}
	for _, tt := range tests {
		_, err := ParsePatterns(patternsNode(t, tt.src), "f.yaml", cameo.Default())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err %v, want %q", tt.src, err, tt.want)
		}
	}
}

func FuzzParseMatch(f *testing.F) {
	for _, s := range []string{"speak|talk by=phone with=T", "hold+talk with=T", "call~off obj=*", "strike !obj", "=x", "a~", "+b", "x y=", "x !"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParseMatch(Pattern{Code: "010"}, s)
		if err == nil {
			for _, p := range ps {
				if p.Trigger == "" {
					t.Errorf("%q: empty trigger", s)
				}
			}
		}
	})
}

func FuzzParsePatterns(f *testing.F) {
	f.Add("patterns:\n  - code: \"041\"\n    mutual: true\n    match: [speak with=T]\n")
	f.Add("patterns:\n  - code: \"070\"\n    refine: {military: \"072\"}\n    match: [send obj=aid]\n")
	f.Fuzz(func(t *testing.T, src string) {
		var doc yaml.Node
		if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 {
			return
		}
		_, _ = ParsePatterns(doc.Content[0], "f.yaml", cameo.Default())
	})
}

func TestLightVerbParticles(t *testing.T) {
	src := "patterns:\n  - code: \"190\"\n    match:\n      - carry~out|launch+attack on=T\n      - stage|call+strike\n"
	ps, err := ParsePatterns(patternsNode(t, src), "t.yaml", cameo.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d patterns, want 2", len(ps))
	}
	if got := strings.Join(ps[0].Light, ","); got != "carry,launch" {
		t.Errorf("light verbs %q, want carry,launch", got)
	}
	if got := strings.Join(ps[0].LightParticles, ","); got != "out" {
		t.Errorf("light particles %q, want out", got)
	}
	if len(ps[1].LightParticles) != 0 {
		t.Errorf("stage|call+strike allows particles %v, want none", ps[1].LightParticles)
	}
}
