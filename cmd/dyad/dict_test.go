package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
)

// TestDictCheckDefaults runs `dyad dict check` on the embedded
// dictionaries, as CI does: it must pass.
func TestDictCheckDefaults(t *testing.T) {
	env, out, errb := testEnv("")
	err := run(context.Background(), env, []string{"dict", "check"})
	if err != nil {
		t.Fatalf("dyad dict check: %v\n%s%s", err, out, errb)
	}
	if !regexp.MustCompile(`^ok: [1-9][0-9]* entries checked\n$`).MatchString(out.String()) {
		t.Errorf("output %q, want \"ok: N entries checked\"", out)
	}
}

// TestDictCheckBad checks that `dyad dict check --dict` fails on the
// crafted bad files and names every problem with file:line.
func TestDictCheckBad(t *testing.T) {
	dir := filepath.Join("..", "..", "dict", "testdata", "check", "bad")
	env, out, errb := testEnv("")
	err := run(context.Background(), env, []string{"dict", "check", "--dict", dir})
	if err == nil {
		t.Fatalf("dyad dict check on bad files passed:\n%s", out)
	}
	want := dict.Check(dir)
	if n := strings.Count(out.String(), "\n"); n != len(want.Problems) {
		t.Errorf("%d lines of output, want %d problems", n, len(want.Problems))
	}
	for _, w := range []string{
		"capital.yaml:4: capital:", "codes.yaml:13: code:", "codes.yaml:9: role:", "codes.yaml:3: country:",
		"conflict.yaml:4: conflict:", "dates.yaml:6: dates:", "dates.yaml:11: dates:", "dates.yaml:12: dates:",
		"duplicate.yaml:4: duplicate:", "load.yaml:3: load:", "load.yaml:9: load:", "syntax.yaml:3: load:",
		"parties.yaml:3: country:", "parties.yaml:10: dates:", "parties.yaml:11: country:", "parties.yaml:17: country:",
		"unreachable.yaml:6: unreachable:", "unreachable.yaml:10: unreachable:",
	} {
		if !strings.Contains(out.String(), filepath.Join(dir, w)) {
			t.Errorf("output lacks %q", filepath.Join(dir, w))
		}
	}
	if !strings.Contains(errb.String(), "problems in") {
		t.Errorf("stderr %q lacks the summary", errb)
	}
}

// TestDictLookupKnown looks up officeholders whose terms we know, through
// the command, inside and outside their terms.
func TestDictLookupKnown(t *testing.T) {
	tests := []struct {
		name, date, want string
	}{
		{"Putin", "2010-06-01", "RUS GOV"},
		{"Putin", "2020-06-01", "RUS GOV"},
		{"Vladimir Putin", "2005-06-01", "RUS GOV"},
		{"Trump", "2023-06-01", "USA (no role)"},
		{"Trump", "2025-06-01", "USA GOV"},
		{"Trump", "2018-06-01", "USA GOV"},
		{"Merkel", "2019-06-01", "DEU GOV"},
		{"Merkel", "2023-06-01", "DEU (no role)"},
		{"Biden", "2022-06-01", "USA GOV"},
		{"Biden", "2026-03-01", "USA (no role)"},
		{"Obama", "2012-06-01", "USA GOV"},
		{"Obama", "2020-06-01", "USA (no role)"},
		{"Zelensky", "2022-06-01", "UKR GOV"},
		{"Zelensky", "2018-06-01", "UKR (no role)"},
		{"Boris Johnson", "2020-06-01", "GBR GOV"},
		{"Boris Johnson", "2023-06-01", "GBR (no role)"},
		{"Lula", "2015-06-01", "BRA (no role)"},
		{"Lula", "2024-01-01", "BRA GOV"},
		{"Macron", "2019-06-01", "FRA GOV"},
		{"Modi", "2020-06-01", "IND GOV"},
		{"Xi Jinping", "2020-01-01", "CHN GOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.date, func(t *testing.T) {
			env, out, errb := testEnv("")
			if err := run(context.Background(), env, []string{"dict", "lookup", tt.name, "--date", tt.date}); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			got := regexp.MustCompile(`(?m)^  resolves to: (.*)$`).FindStringSubmatch(out.String())
			if got == nil || got[1] != tt.want {
				t.Errorf("got\n%s\nwant resolves to: %s", out, tt.want)
			}
			if !strings.Contains(out.String(), "outside its roles: ") || !strings.Contains(out.String(), "people.yaml:") {
				t.Errorf("output lacks the outside resolution or the entry's place:\n%s", out)
			}
		})
	}
}

// TestDictLookupPartiesAndInstitutions looks up a sample of parties inside
// and outside their periods in government, and of national institutions,
// through the command.
func TestDictLookupPartiesAndInstitutions(t *testing.T) {
	tests := []struct {
		name, date, want, file string
	}{
		{"BJP", "2000-06-01", "IND GOV", "parties.yaml:"},
		{"BJP", "2010-06-01", "IND OPP", "parties.yaml:"},
		{"Bharatiya Janata Party", "2020-06-01", "IND GOV", "parties.yaml:"},
		{"Likud", "2007-06-01", "ISR OPP", "parties.yaml:"},
		{"Likud", "2015-06-01", "ISR GOV", "parties.yaml:"},
		{"Georgian Dream", "2010-06-01", "GEO OPP", "parties.yaml:"},
		{"Georgian Dream", "2020-06-01", "GEO GOV", "parties.yaml:"},
		{"ANC", "2020-06-01", "ZAF GOV", "parties.yaml:"},
		{"Morena", "2015-06-01", "MEX OPP", "parties.yaml:"},
		{"Morena", "2020-06-01", "MEX GOV", "parties.yaml:"},
		{"PTI", "2020-06-01", "PAK GOV", "parties.yaml:"},
		{"PTI", "2023-06-01", "PAK OPP", "parties.yaml:"},
		{"Awami League", "2020-06-01", "BGD GOV", "parties.yaml:"},
		{"Awami League", "2025-01-01", "BGD OPP", "parties.yaml:"},
		{"Republicans", "2018-06-01", "USA GOV", "parties.yaml:"},
		{"Republicans", "2022-06-01", "USA OPP", "parties.yaml:"},
		{"Fidesz", "2005-06-01", "HUN OPP", "parties.yaml:"},
		{"Fidesz", "2015-06-01", "HUN GOV", "parties.yaml:"},
		{"INEC", "2023-02-25", "NGA GOV", "institutions.yaml:"},
		{"IEBC", "2022-08-09", "KEN GOV", "institutions.yaml:"},
		{"Komnas HAM", "2020-06-01", "IDN GOV", "institutions.yaml:"},
		{"Rapid Action Battalion", "2020-06-01", "BGD COP", "institutions.yaml:"},
		{"FARDC", "2020-06-01", "COD MIL", "institutions.yaml:"},
		{"SEBIN", "2020-06-01", "VEN SPY", "institutions.yaml:"},
		{"Supreme Federal Court", "2020-06-01", "BRA JUD", "institutions.yaml:"},
		{"Bundesbank", "2020-06-01", "DEU GOV", "institutions.yaml:"},
		{"Ukrainska Pravda", "2020-06-01", "UKR MED", "institutions.yaml:"},
		{"Garda", "2020-06-01", "IRL COP", "institutions.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.date, func(t *testing.T) {
			env, out, errb := testEnv("")
			if err := run(context.Background(), env, []string{"dict", "lookup", tt.name, "--date", tt.date}); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			got := regexp.MustCompile(`(?m)^  resolves to: (.*)$`).FindStringSubmatch(out.String())
			if got == nil || got[1] != tt.want || !strings.Contains(out.String(), tt.file) {
				t.Errorf("got\n%s\nwant resolves to: %s, defined in %s", out, tt.want, tt.file)
			}
		})
	}
}

// TestDictLookupShape checks what lookup explains: the role's title and
// range, the roles listed with the current one marked, several matches,
// and no match.
func TestDictLookupShape(t *testing.T) {
	env, out, _ := testEnv("")
	if err := run(context.Background(), env, []string{"dict", "lookup", "--date", "2010-06-01", "Putin"}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		`"Putin" on 2010-06-01: 1 match(es)`,
		"Vladimir Putin (person) at dict/data/people.yaml:",
		"  role:        prime minister (GOV of RUS), from 2008-05-08 to 2012-05-07 (exclusive)",
		"  outside its roles: RUS (no role)",
		"   * RUS GOV: prime minister, from 2008-05-08",
	} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	env, out, _ = testEnv("")
	if err := run(context.Background(), env, []string{"dict", "lookup", "Putin met Zelensky"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2 match(es)") || !strings.Contains(out.String(), "Volodymyr Zelensky (person)") {
		t.Errorf("want two matches:\n%s", out)
	}
	env, out, _ = testEnv("")
	if err := run(context.Background(), env, []string{"dict", "lookup", "Kyiv"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "resolves to: UKR GOV") || !strings.Contains(out.String(), "states.yaml:") {
		t.Errorf("Kyiv:\n%s", out)
	}
	env, _, _ = testEnv("")
	if err := run(context.Background(), env, []string{"dict", "lookup", "Qwxzy Nobody"}); err == nil {
		t.Error("lookup of an unknown name: no error")
	}
	env, _, _ = testEnv("")
	if err := run(context.Background(), env, []string{"dict", "lookup", "Putin", "--date", "yesterday"}); err == nil {
		t.Error("lookup with a bad date: no error")
	}
}

// TestDictStats checks the shape of `dyad dict stats --codes` loosely:
// every kind counted, a row per CAMEO root, the leaf line, a row per code.
func TestDictStats(t *testing.T) {
	env, out, errb := testEnv("")
	if err := run(context.Background(), env, []string{"dict", "stats", "--codes"}); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	s := out.String()
	for _, k := range []string{"states", "institutions", "organisations IGO", "organisations NGO", "groups", "parties", "party roles", "people", "roles", "agents", "names", "patterns"} {
		if !regexp.MustCompile(`(?m)^` + k + ` +[1-9][0-9]*$`).MatchString(s) {
			t.Errorf("no count > 0 for %q:\n%s", k, s)
		}
	}
	cb := cameo.Default()
	roots := regexp.MustCompile(`(?m)^[0-2][0-9] +[0-9]+ +[0-9]+/[1-9][0-9]* +[A-Z]`).FindAllString(s, -1)
	if len(roots) != 20 {
		t.Errorf("%d root rows, want 20:\n%s", len(roots), s)
	}
	leaf := regexp.MustCompile(`(?m)^leaf codes with a pattern: ([0-9]+)/([0-9]+) `).FindStringSubmatch(s)
	if leaf == nil || leaf[2] != strconv.Itoa(len(cb.Leaves())) || leaf[1] == "0" {
		t.Errorf("leaf line %v, want N/%d with N > 0", leaf, len(cb.Leaves()))
	}
	codes := regexp.MustCompile(`(?m)^[0-9]{3,4} +[0-9]+ `).FindAllString(s, -1)
	if want := len(cb.All()) - 20; len(codes) != want {
		t.Errorf("%d code rows, want %d", len(codes), want)
	}
}
