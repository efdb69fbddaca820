package cameo

import "testing"

func TestClassesHas(t *testing.T) {
	tests := []struct {
		class Class
		in    []string
		out   []string
	}{
		{Force, []string{"18", "180", "1831", "190", "195", "20", "2042"}, []string{"17", "173", "01", "", "1"}},
		{Sanctions, []string{"16", "163", "171", "1712"}, []string{"17", "172", "15"}},
		{Embedding, []string{"020", "0233", "09", "1056", "112", "121", "138", "014", "016"}, []string{"010", "015", "03", "14"}},
		{PhysicalConflict, []string{"14", "141", "150", "17", "20"}, []string{"16", "163", "13"}},
		{Deeds, []string{"040", "061", "073", "084", "150", "163", "173", "190"}, []string{"05", "010", "14"}},
		{CooperativeActs, []string{"04", "05", "06", "07", "08"}, []string{"03", "09"}},
		{Discourse, []string{"010", "020", "031", "040", "100", "111", "120", "130"}, []string{"05", "09", "14"}},
	}
	for _, tt := range tests {
		for _, c := range tt.in {
			if !tt.class.Has(c) {
				t.Errorf("%s.Has(%q) = false", tt.class, c)
			}
		}
		for _, c := range tt.out {
			if tt.class.Has(c) {
				t.Errorf("%s.Has(%q) = true", tt.class, c)
			}
		}
	}
}

// TestClassesAreCodes: every class names codes of the codebook, and has a
// name of its own.
func TestClassesAreCodes(t *testing.T) {
	b := Default()
	names := map[string]bool{}
	for _, c := range Classes() {
		if names[c.String()] || c.String() == "unknown class" {
			t.Errorf("class %d: name %q repeated or missing", c, c)
		}
		names[c.String()] = true
		if len(c.Prefixes()) == 0 {
			t.Errorf("%s: no roots", c)
		}
		for _, p := range c.Prefixes() {
			if !b.Valid(p) {
				t.Errorf("%s: %q is not a CAMEO code", c, p)
			}
			if !c.Has(p) {
				t.Errorf("%s.Has(%q) = false for its own prefix", c, p)
			}
		}
	}
	if Class(0).Has("19") || len(Class(0).Prefixes()) != 0 {
		t.Error("the zero Class holds codes")
	}
}

func TestNamedCodes(t *testing.T) {
	b := Default()
	for _, c := range []string{CodeStatement, CodeConsiderPolicy, CodeAcknowledge, CodeDeny, CodeIntentToMeet,
		CodeIntentToDeescalate, CodeConsult, CodePhoneCall, CodeVisit, CodeHostVisit, CodeThirdLocation, CodeMediate,
		CodeNegotiate, CodeCeasefire, CodeComplainOfficially, CodeStrikeOrBoycott, CodeMilitaryForce} {
		if !b.Valid(c) {
			t.Errorf("%q is not a CAMEO code", c)
		}
	}
	if !Under("1431", CodeStrikeOrBoycott) || Under("14", CodeStrikeOrBoycott) {
		t.Error("Under")
	}
}

func TestParallel(t *testing.T) {
	b := Default()
	tests := []struct {
		mode       Mode
		code, want string
	}{
		{ModeIntent, "071", "0331"},  // pledge to send economic aid
		{ModeAppeal, "073", "0233"},  // appeal for humanitarian aid
		{ModeDemand, "0871", "1056"}, // demand a ceasefire
		{ModeRefusal, "087", "1246"}, // refuse to de-escalate
		{ModeThreat, "190", "138"},   // threaten military force
		{ModeThreat, "163", "1312"},  // threaten an embargo
		{ModeIntent, "042", "036"},   // intent to visit: to meet
		{ModeIntent, "190", ""},      // an intent to fight is no cooperation
		{ModeIntent, "", ""},         // no code
		{Mode(0), "071", ""},         // no mode
		{ModeAppeal, "0831", "0241"}, // appeal for political reform
		{ModeRefusal, "0234", ""},    // no row: 0234 is not an embedded act
		{ModeRefusal, "057", "127"},  // refuse to sign an agreement
		{ModeDemand, "09", "100"},    // demand an investigation
		{ModeThreat, "2042", "1385"}, // threaten mass violence
		{ModeIntent, "0311", "0311"}, // an intent stays itself
		{ModeAppeal, "0356", "0256"}, // appeal to de-escalate
		{ModeDemand, "045", "108"},   // demand mediation
		{ModeIntent, "1721", ""},     // coercion has no intent
		{ModeThreat, "1724", "1324"}, // threaten to impose martial law
		{ModeRefusal, "080", "124"},  // refuse to yield
		{ModeAppeal, "062", "0212"},  // appeal for military cooperation
	}
	for _, tt := range tests {
		if got := b.Parallel(tt.mode, tt.code); got != tt.want {
			t.Errorf("Parallel(%d, %q) = %q, want %q", tt.mode, tt.code, got, tt.want)
		}
	}
	for _, r := range parallelTable() {
		for _, c := range []string{r.prefix, r.intent, r.appeal, r.demand, r.refuse, r.threat} {
			if c != "" && !b.Valid(c) {
				t.Errorf("parallel row %s: %q is not a CAMEO code", r.prefix, c)
			}
		}
	}
}
