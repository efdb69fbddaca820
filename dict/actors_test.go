package dict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// find runs FindActors on a sentence split at spaces, with the words
// lower-cased as lemmas.
func find(d *Dictionary, sentence string, date time.Time) []Mention {
	words := strings.Fields(sentence)
	lemmas := make([]string, len(words))
	for i, w := range words {
		lemmas[i] = strings.ToLower(w)
	}
	return d.FindActors(words, lemmas, date)
}

func defaultDict(t testing.TB) *Dictionary {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDefaultCounts(t *testing.T) {
	d := defaultDict(t)
	c := d.Counts()
	t.Log(c)
	for k, min := range map[string]int{"states": 197, "organisations": 40, "groups": 40, "agents": 120, "people": 100} {
		if c[k] < min {
			t.Errorf("%d %s, want at least %d", c[k], k, min)
		}
	}
}

func TestFindActors(t *testing.T) {
	d := defaultDict(t)
	type want struct {
		start, end int
		code, role string
		kind       MentionKind
	}
	tests := []struct {
		sentence string
		date     string
		want     []want
	}{
		{"Vladimir Putin met the press", "2010-06-01", []want{{0, 2, "RUS", "GOV", KindPerson}}},
		{"Putin met the press", "2020-06-01", []want{{0, 1, "RUS", "GOV", KindPerson}}},
		{"Trump said so", "2023-06-01", []want{{0, 1, "USA", "", KindPerson}}},
		{"Donald Trump said so", "2025-06-01", []want{{0, 2, "USA", "GOV", KindPerson}}},
		{"the Kremlin said", "", []want{{0, 2, "RUS", "GOV", KindCapital}}},
		{"The White House has not yet responded", "", []want{{0, 3, "USA", "GOV", KindCapital}}},
		{"Kyiv said", "", []want{{0, 1, "UKR", "GOV", KindCapital}}},
		{"shelling in Kharkiv", "", []want{{2, 3, "UKR", "", KindCity}}},
		{"Russian troops", "", []want{{0, 1, "RUS", "", KindDemonym}, {1, 2, "", "MIL", KindAgent}}},
		{"riot police fired tear gas", "", []want{{0, 2, "", "COP", KindAgent}}},
		{"the U.S. said", "", []want{{0, 2, "USA", "", KindState}}},
		{"join us and the US", "", []want{{3, 5, "USA", "", KindState}}},
		{"hanging chad in Chad", "", []want{{3, 4, "TCD", "", KindState}}},
		{"Kenya 's police", "", []want{{0, 1, "KEN", "", KindState}, {2, 3, "", "COP", KindAgent}}},
		{"Kenya's police", "", []want{{0, 1, "KEN", "", KindState}, {1, 2, "", "COP", KindAgent}}},
		{"the Kremlin’s statement", "", []want{{0, 2, "RUS", "GOV", KindCapital}}},
		{"the Saudi-led coalition", "", []want{{1, 2, "SAU", "", KindDemonym}}},
		{"al-Shabaab said", "", []want{{0, 1, "SOM", "REB", KindGroup}}},
		{"al - Shabaab said", "", []want{{0, 3, "SOM", "REB", KindGroup}}},
		{"the People 's Republic of China", "", []want{{0, 6, "CHN", "", KindState}}},
		{"the Democratic Republic of Congo", "", []want{{0, 5, "COD", "", KindState}}},
		{"the Republic of Congo", "", []want{{0, 4, "COG", "", KindState}}},
		{"trade across Latin America", "", nil},
		{"UKRAINE ATTACKED", "", []want{{0, 1, "UKR", "", KindState}}},
		{"Nato allies", "", []want{{0, 1, "IGO", "MIL", KindOrganisation}}},
		{"the U.N. Security Council", "", []want{{0, 4, "IGO", "", KindOrganisation}}},
		{"the United States and the United Kingdom", "", []want{{0, 3, "USA", "", KindState}, {4, 7, "GBR", "", KindState}}},
		{"a UN fact-finding mission", "", []want{{1, 4, "IGO", "", KindOrganisation}}},
		{"Hamas fighters", "", []want{{0, 1, "PSE", "REB", KindGroup}, {1, 2, "", "REB", KindAgent}}},
		{"the foreign ministry in Budapest", "", []want{{1, 3, "", "GOV", KindAgent}, {4, 5, "HUN", "GOV", KindCapital}}},
		{"Côte d’Ivoire", "", []want{{0, 2, "CIV", "", KindState}}},
		{"nothing here at all", "", nil},
		{"the Bharatiya Janata Party won", "2019-06-01", []want{{0, 4, "IND", "GOV", KindParty}}},
		{"BJP won", "2010-06-01", []want{{0, 1, "IND", "OPP", KindParty}}},
		{"Social Democrats and Republicans", "2018-06-01", []want{{3, 4, "USA", "GOV", KindParty}}},
		{"the Republican Guard", "", nil},
		{"the Labour Party said", "", nil},
		{"INEC said", "", []want{{0, 1, "NGA", "GOV", KindCapital}}},
		{"the Rapid Action Battalion", "", []want{{0, 4, "BGD", "COP", KindCapital}}},
	}
	for _, tt := range tests {
		var date time.Time
		if tt.date != "" {
			date = day(tt.date)
		}
		got := find(d, tt.sentence, date)
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %d mentions %+v, want %d", tt.sentence, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Start != w.start || g.End != w.end || g.Actor.Code != w.code || g.Actor.Role != w.role || g.Kind != w.kind {
				t.Errorf("%q: mention %d = [%d,%d) %s %s %s (%s), want [%d,%d) %s %s %s",
					tt.sentence, i, g.Start, g.End, g.Actor.Code, g.Actor.Role, g.Kind, g.Why, w.start, w.end, w.code, w.role, w.kind)
			}
		}
	}
}

func TestPersonWhy(t *testing.T) {
	d := defaultDict(t)
	for _, tt := range []struct {
		name, date, why string
	}{
		{"Vladimir Putin", "2010-01-01", "prime minister"},
		{"Vladimir Putin", "2020-01-01", "president of RUS 2012-05-07.."},
		{"Donald Trump", "2023-06-01", "no role on 2023-06-01"},
	} {
		ms := d.Lookup(tt.name, day(tt.date))
		if len(ms) != 1 || !strings.Contains(ms[0].Why, tt.why) {
			t.Errorf("Lookup(%q, %s) = %+v, want one mention with Why containing %q", tt.name, tt.date, ms, tt.why)
		}
	}
	// Zero date: the latest role.
	ms := d.Lookup("Putin", time.Time{})
	if len(ms) != 1 || ms[0].Actor.Role != "GOV" {
		t.Errorf("Lookup(Putin, zero) = %+v, want GOV", ms)
	}
}

func TestLookup(t *testing.T) {
	d := defaultDict(t)
	if ms := d.Lookup("putin", day("2020-01-01")); len(ms) != 1 || ms[0].Actor.Code != "RUS" {
		t.Errorf("Lookup(putin) = %+v, want RUS by the case-insensitive fallback", ms)
	}
	if ms := d.Lookup("UKR", time.Time{}); len(ms) != 1 || ms[0].Actor.Code != "UKR" {
		t.Errorf("Lookup(UKR) = %+v", ms)
	}
	if ms := d.Lookup("no such thing", time.Time{}); len(ms) != 0 {
		t.Errorf("Lookup(no such thing) = %+v", ms)
	}
}

func TestAgentAndCountry(t *testing.T) {
	d := defaultDict(t)
	for lemma, role := range map[string]string{"troops": "MIL", "troop": "MIL", "soldiers": "MIL", "police": "COP",
		"rebel": "REB", "government": "GOV", "lawmakers": "LEG", "court": "JUD", "journalist": "MED",
		"refugees": "REF", "students": "EDU", "doctors": "HLH", "union": "LAB", "civilians": "CVL", "protesters": "CVL"} {
		if got, ok := d.Agent(lemma); !ok || got != role {
			t.Errorf("Agent(%q) = %q, %v, want %q", lemma, got, ok, role)
		}
	}
	if _, ok := d.Agent("table"); ok {
		t.Error("Agent(table) ok")
	}
	if n, ok := d.Country("UKR"); !ok || n != "Ukraine" {
		t.Errorf("Country(UKR) = %q, %v", n, ok)
	}
	if _, ok := d.Country("ZZZ"); ok {
		t.Error("Country(ZZZ) ok")
	}
	var nilDict *Dictionary
	if nilDict.FindActors([]string{"Russia"}, nil, time.Time{}) != nil {
		t.Error("nil dictionary found actors")
	}
}

func TestLoadOverlay(t *testing.T) {
	base := defaultDict(t)
	dir := t.TempDir()
	over := `
states:
  - {code: UKR, names: [Ukraine], capitals: [Kyiv]}
groups:
  - {country: NER, names: [Wagner Group, Wagner]}
people:
  - names: [Jane Example, Example]
    country: KEN
    roles: [GOV minister 2020-01-01..]
agents:
  MIL: [drone operator]
`
	if err := os.WriteFile(filepath.Join(dir, "local.yaml"), []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(sentence, code, role string) {
		t.Helper()
		ms := find(d, sentence, day("2024-01-01"))
		if len(ms) == 0 || ms[0].Actor.Code != code || ms[0].Actor.Role != role {
			t.Errorf("%q: got %+v, want %s %s", sentence, ms, code, role)
		}
	}
	check("Jane Example said", "KEN", "GOV")
	check("Wagner said", "NER", "REB")
	check("drone operators said", "", "MIL")
	check("Kyiv said", "UKR", "GOV")
	if ms := find(d, "Kharkiv", time.Time{}); len(ms) != 0 {
		t.Errorf("the overriding UKR entry has no cities, but Kharkiv gave %+v", ms)
	}
	if ms := find(base, "Kharkiv", time.Time{}); len(ms) != 1 {
		t.Errorf("Load changed its base: %+v", ms)
	}
	if ms := find(d, "Moscow", time.Time{}); len(ms) != 1 || ms[0].Actor.Code != "RUS" {
		t.Errorf("base entries lost: %+v", ms)
	}
	if _, err := Load(base, filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing directory: no error")
	}

	// The version follows the content: an overlay changes it, the same
	// overlay read again gives the same one, an edited overlay another.
	if base.Version() == "" || d.Version() == base.Version() {
		t.Errorf("versions: base %q, overlaid %q", base.Version(), d.Version())
	}
	again, err := Load(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.Version() != d.Version() {
		t.Errorf("same overlay, versions %q and %q", d.Version(), again.Version())
	}
	if err := os.WriteFile(filepath.Join(dir, "local.yaml"), []byte(over+"\n# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	edited, err := Load(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Version() == d.Version() {
		t.Errorf("an edited overlay kept version %q", d.Version())
	}
}

// TestLexicon: the word classes of the defaults, and a class laid over
// them replacing the default class whole.
func TestLexicon(t *testing.T) {
	base := defaultDict(t)
	for _, wc := range WordClasses() {
		n := len(base.Words(wc.Name))
		if wc.Tags != TagNone {
			n = len(base.TaggedWords(wc.Name))
		}
		if n == 0 {
			t.Errorf("default word class %s is empty", wc.Name)
		}
	}
	if w := base.Words("speech_verbs"); !w["say"] || w["shell"] {
		t.Errorf("speech_verbs: %v", w)
	}
	if r := base.TaggedWords("agent_roles")["troop"]; len(r) != 1 || r[0] != "MIL" {
		t.Errorf("agent_roles troop: %v", r)
	}
	if r := base.TaggedWords("event_anaphors")["attack"]; strings.Join(r, " ") != "18 19 20" {
		t.Errorf("event_anaphors attack: %v", r)
	}
	dir := t.TempDir()
	over := "lexicon:\n  hedge_adverbs: [Purportedly, supposedly]\n"
	if err := os.WriteFile(filepath.Join(dir, "lex.yaml"), []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	if w := d.Words("hedge_adverbs"); len(w) != 2 || !w["purportedly"] || !w["supposedly"] {
		t.Errorf("overlaid hedge_adverbs: %v", w)
	}
	if w := base.Words("hedge_adverbs"); !w["allegedly"] {
		t.Errorf("Load changed its base's hedge_adverbs: %v", w)
	}
	if w := d.Words("speech_verbs"); !w["say"] {
		t.Errorf("a class not overlaid was lost: %v", w)
	}
	d.Words("hedge_adverbs")["gizmo"] = true
	if d.Words("hedge_adverbs")["gizmo"] {
		t.Error("Words hands out the dictionary's own set")
	}
	var none *Dictionary
	if len(none.Words("speech_verbs")) != 0 || len(none.TaggedWords("agent_roles")) != 0 || len(base.Words("no_such_class")) != 0 {
		t.Error("a nil dictionary or an unknown class has words")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown top key", "countries: []\n", "f.yaml:1: unknown key \"countries\""},
		{"unknown state key", "states:\n  - code: UKR\n    names: [Ukraine]\n    capitol: [Kyiv]\n", "f.yaml:4: unknown key \"capitol\""},
		{"bad state code", "states:\n  - {code: Ukr, names: [Ukraine]}\n", "f.yaml:2: bad country code \"Ukr\""},
		{"org code for a state", "states:\n  - {code: IGO, names: [X]}\n", "f.yaml:2: bad country code"},
		{"bad org code", "organisations:\n  - {code: UN, names: [United Nations]}\n", "f.yaml:2: bad organisation code"},
		{"bad group country", "groups:\n  - {country: YE, names: [Houthis]}\n", "f.yaml:2: bad country code"},
		{"bad role", "groups:\n  - {country: YEM, role: rebel, names: [Houthis]}\n", "f.yaml:2: bad role"},
		{"no names", "states:\n  - {code: UKR}\n", "f.yaml:2: state UKR without names"},
		{"bad date", "people:\n  - names: [A B]\n    country: USA\n    roles: [GOV president 2017-13-01..]\n", "f.yaml:4: bad date \"2017-13-01\""},
		{"end before start", "people:\n  - names: [A B]\n    country: USA\n    roles: [GOV president 2021-01-20..2017-01-20]\n", "f.yaml:4: role ends (2017-01-20) before it starts"},
		{"overlap", "people:\n  - names: [A B]\n    country: USA\n    roles:\n      - GOV president 2017-01-20..2021-01-20\n      - GOV senator 2020-01-01..\n", "f.yaml:6: role \"senator\" of A B overlaps"},
		{"open overlap", "people:\n  - names: [A B]\n    country: USA\n    roles:\n      - GOV president 2017-01-20..\n      - GOV senator 2020-01-01..2021-01-01\n", "f.yaml:6: role \"senator\""},
		{"no range", "people:\n  - names: [A B]\n    country: USA\n    roles: [GOV president]\n", "f.yaml:4: bad role"},
		{"conflicting names", "states:\n  - {code: UKR, names: [Ukraine]}\n  - {code: RUS, names: [Russia, Ukraine]}\n", "f.yaml:3: name \"Ukraine\" is RUS"},
		{"conflicting agents", "agents:\n  MIL: [troops]\n  COP: [troops]\n", "f.yaml:3: agent \"troops\" is COP here but MIL at f.yaml:2"},
		{"state twice", "states:\n  - {code: UKR, names: [Ukraine]}\n  - {code: UKR, names: [Ukrayina]}\n", "f.yaml:3: state UKR defined twice"},
		{"bad agent role", "agents:\n  military: [troops]\n", "f.yaml:2: bad agent role"},
		{"not a mapping", "- a\n- b\n", "f.yaml:1: want a mapping"},
		{"alias", "states:\n  - &a {code: UKR, names: [Ukraine]}\n  - *a\n", "f.yaml:3: YAML aliases"},
		{"bad yaml", "states:\n  - {code: UKR\n", "f.yaml:"},
		{"duplicate key", "states: []\nstates: []\n", "f.yaml:2: duplicate key"},
		{"the as a name", "states:\n  - {code: UKR, names: [the]}\n", "f.yaml:2: name \"the\" is not a name"},
		{"names as mapping", "states:\n  - {code: UKR, names: {a: b}}\n", "f.yaml:2: want a list"},
		{"no country", "people:\n  - names: [A B]\n", "f.yaml:2: person \"A B\" without a country"},
		{"unknown word class", "lexicon:\n  weapon_wordz: [gizmo]\n", "f.yaml:2: unknown word class \"weapon_wordz\""},
		{"word class as mapping", "lexicon:\n  hedge_adverbs: {a: [b]}\n", "f.yaml:2: word class hedge_adverbs: want a list of words"},
		{"tagged class as list", "lexicon:\n  agent_roles: [troop]\n", "f.yaml:2: word class agent_roles: want a mapping of role tags"},
		{"bad role tag", "lexicon:\n  agent_roles:\n    military: [troop]\n", "f.yaml:3: word class agent_roles: bad role \"military\""},
		{"two role tags", "lexicon:\n  agent_roles:\n    MIL COP: [troop]\n", "f.yaml:3: word class agent_roles: bad role"},
		{"bad roots tag", "lexicon:\n  event_anaphors:\n    \"18 x\": [attack]\n", "f.yaml:3: word class event_anaphors: bad roots \"18 x\""},
		{"empty word", "lexicon:\n  hedge_adverbs: [\"\"]\n", "f.yaml:2: word of hedge_adverbs is empty"},
		{"word as mapping", "lexicon:\n  hedge_adverbs: [{a: b}]\n", "f.yaml:2: word of hedge_adverbs: want a value"},
		{"party without country", "parties:\n  - {names: [Zed Party]}\n", "f.yaml:2: party \"Zed Party\" without a country"},
		{"party without names", "parties:\n  - {country: USA}\n", "f.yaml:2: party without names"},
		{"party bad key", "parties:\n  - {country: USA, names: [Zed Party], leader: Zed}\n", "f.yaml:2: unknown key \"leader\" in a party"},
		{"party bad role", "parties:\n  - {country: USA, names: [Zed Party], role: opposition}\n", "f.yaml:2: bad role \"opposition\""},
		{"party bad date", "parties:\n  - country: USA\n    names: [Zed Party]\n    roles: [GOV 2017-13-01..]\n", "f.yaml:4: bad date \"2017-13-01\""},
		{"party role abroad", "parties:\n  - country: USA\n    names: [Zed Party]\n    roles:\n      - GOV 2001..2009\n      - CAN GOV 2010..\n", "f.yaml:6: a role of party \"Zed Party\" is held in CAN"},
		{"party overlap", "parties:\n  - country: USA\n    names: [Zed Party]\n    roles:\n      - GOV 2001..2009\n      - GOV 2008..\n", "f.yaml:6: role GOV of party Zed Party overlaps the role GOV at line 5"},
		{"party name of a state", "states:\n  - {code: UKR, names: [Ukraine]}\nparties:\n  - {country: RUS, names: [Ukraine]}\n", "f.yaml:4: name \"Ukraine\" is RUS (Ukraine) here but UKR"},
		{"institution without country", "institutions:\n  - {role: JUD, names: [Zed Court]}\n", "f.yaml:2: institution without a country"},
		{"institution bad code", "institutions:\n  - {country: NGO, names: [Zed Court]}\n", "f.yaml:2: bad country code \"NGO\""},
		{"institution bad key", "institutions:\n  - {country: USA, names: [Zed Court], seat: Zedville}\n", "f.yaml:2: unknown key \"seat\" in an institution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseBytes("f.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// parseBytes parses one file into a dictionary.
func parseBytes(file string, data []byte) (*Dictionary, error) {
	var src entries
	var pats []Pattern
	if err := parseFile(file, data, 0, &src, &pats); err != nil {
		return nil, err
	}
	return build(src, pats)
}

func TestParseGood(t *testing.T) {
	data := `
states:
  - code: RUS
    names: [Russia]
    capitals: Moscow
    seats: [Kremlin, {name: Duma, role: LEG}]
people:
  - names: [Vladimir Putin, Putin]
    country: RUS
    roles:
      - GOV president 2000-05-07..2008-05-07
      - GOV prime minister 2008-05-08..2012-05-07
      - {role: GOV, title: president, from: 2012-05-07}
  - names: [Somebody Else]
    country: USA
    roles: [IGO GOV UN envoy 2020..2021-06]
ignore: [Russian roulette]
`
	d, err := parseBytes("g.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	ms := find(d, "the Duma and Putin and Somebody Else", day("2020-03-01"))
	if len(ms) != 3 || ms[0].Actor.Role != "LEG" || ms[1].Actor.Role != "GOV" || ms[2].Actor.Code != "IGO" {
		t.Errorf("got %+v", ms)
	}
	if ms := find(d, "Somebody Else", day("2021-06-01")); len(ms) != 1 || ms[0].Actor.Code != "USA" || ms[0].Actor.Role != "" {
		t.Errorf("after the role: %+v", ms)
	}
}

// TestParseParties checks that a party resolves to its country, with the
// role of the dated role held on the date (GOV while in government), else
// its role outside them (OPP unless given); with no date, the role held
// now. An institution resolves to its country and role, as a seat of
// government.
func TestParseParties(t *testing.T) {
	data := `
states:
  - {code: ZZA, names: [Zedland], capitals: [Zed City]}
institutions:
  - {country: ZZA, role: JUD, names: [Zed High Court, ZHC]}
  - {country: ZZA, names: [Zed Revenue Office]}
parties:
  - country: ZZA
    names: [Zed Union Party, ZUP]
    roles: [GOV 2001-01-20..2009-01-20, GOV 2017-01-20..]
  - {country: ZZA, names: [Zed Old Party], roles: [GOV 1990..2001-01-20]}
  - {country: ZZA, names: [Zed Ruling Party], role: GOV}
`
	d, err := parseBytes("p.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, date string
		code, role string
		kind       MentionKind
		why        string
	}{
		{"ZUP", "2005-06-01", "ZZA", "GOV", KindParty, "party of ZZA: GOV 2001-01-20..2009-01-20"},
		{"Zed Union Party", "2009-01-20", "ZZA", "OPP", KindParty, "no dated role on 2009-01-20"},
		{"ZUP", "2000-12-31", "ZZA", "OPP", KindParty, "no dated role"},
		{"ZUP", "2020-01-01", "ZZA", "GOV", KindParty, "GOV 2017-01-20.."},
		{"ZUP", "", "ZZA", "GOV", KindParty, "no date: the role held now"},
		{"Zed Old Party", "1995-01-01", "ZZA", "GOV", KindParty, "GOV 1990-01-01..2001-01-20"},
		{"Zed Old Party", "", "ZZA", "OPP", KindParty, "no date: no dated role held now"},
		{"Zed Ruling Party", "2020-01-01", "ZZA", "GOV", KindParty, "party of ZZA: GOV"},
		{"ZHC", "", "ZZA", "JUD", KindCapital, "institution of ZZA (JUD)"},
		{"the Zed Revenue Office", "", "ZZA", "GOV", KindCapital, "institution of ZZA (GOV)"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.date, func(t *testing.T) {
			var date time.Time
			if tt.date != "" {
				date = day(tt.date)
			}
			ms := find(d, tt.name, date)
			if len(ms) != 1 {
				t.Fatalf("got %d mentions %+v, want 1", len(ms), ms)
			}
			m := ms[0]
			if m.Start != 0 || m.End != len(strings.Fields(tt.name)) || m.Actor.Code != tt.code || m.Actor.Role != tt.role || m.Kind != tt.kind || !strings.Contains(m.Why, tt.why) {
				t.Errorf("got [%d,%d) %s %s %s (%s), want the whole name as %s %s %s (%s)", m.Start, m.End, m.Actor.Code, m.Actor.Role, m.Kind, m.Why, tt.code, tt.role, tt.kind, tt.why)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("states:\n  - {code: UKR, names: [Ukraine], capitals: [Kyiv]}\n"))
	f.Add([]byte("people:\n  - names: [A B]\n    country: USA\n    roles: [GOV president 2017-01-20..2021-01-20]\n"))
	f.Add([]byte("agents:\n  MIL: [troops]\n"))
	f.Add([]byte("groups:\n  - {country: YEM, names: [Houthis]}\norganisations:\n  - {code: IGO, names: [UN]}\n"))
	f.Add([]byte("ignore: [a b]\nstates: &x []\nx: *x\n"))
	f.Add([]byte("lexicon:\n  hedge_adverbs: [allegedly]\n  agent_roles:\n    MIL: [troop]\n  event_anaphors:\n    \"18 19\": [attack]\n"))
	f.Add([]byte("parties:\n  - {country: USA, names: [A Party], roles: [GOV 2001..2009]}\ninstitutions:\n  - {country: USA, role: JUD, names: [A Court]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseBytes("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") {
				t.Errorf("error without file:line: %v", err)
			}
			return
		}
		for _, s := range []string{"the Ukraine 's UN troops", "A B said", "Houthis"} {
			d.FindActors(strings.Fields(s), nil, time.Time{})
			d.Lookup(s, time.Time{})
		}
	})
}

var sentences = [][]string{
	strings.Fields("Following a lengthy phone conversation with U.S. President Donald Trump , Russian President Vladimir Putin has expressed a willingness to work towards ending the ongoing conflict in Ukraine ."),
	strings.Fields("The details of the discussion between the two men remain largely unclear , but the lengthy duration of the call suggests that they engaged in substantive negotiations on the matter ."),
	strings.Fields("Heavy rains have washed away bridges and cut off dozens of villages in southern Madagascar ."),
}

func BenchmarkFindActors(b *testing.B) {
	d := defaultDict(b)
	lemmas := make([][]string, len(sentences))
	for i, s := range sentences {
		for _, w := range s {
			lemmas[i] = append(lemmas[i], strings.ToLower(w))
		}
	}
	date := day("2025-03-18")
	b.ReportAllocs()
	for b.Loop() {
		for i, s := range sentences {
			d.FindActors(s, lemmas[i], date)
		}
	}
}

// BenchmarkFindActorsNone measures a sentence without actors: it must not
// allocate.
func BenchmarkFindActorsNone(b *testing.B) {
	d := defaultDict(b)
	s := strings.Fields("it was not immediately clear what was behind the explosion , which came after heavy rains washed away bridges")
	b.ReportAllocs()
	for b.Loop() {
		d.FindActors(s, s, time.Time{})
	}
}

func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
