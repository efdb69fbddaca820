package dict

import (
	"testing"

	"github.com/dyad-events/dyad/cameo"
)

// commonCodes are the codes news uses most; each needs at least ten
// patterns of its own.
var commonCodes = []string{
	"010", "011", "012", "013", "014", "015", "016", "017", "018", "019",
	"020", "021", "023", "030", "031", "033", "036",
	"040", "041", "042", "043", "044", "045", "046",
	"050", "051", "057", "060", "061",
	"070", "071", "072", "073", "080", "081", "084", "090",
	"100", "110", "111", "112", "120", "121", "125", "128",
	"130", "138", "140", "141", "150", "160", "163",
	"170", "172", "173", "180", "181", "190", "193", "195",
}

// patternCounts counts the default dictionary's event patterns per code
// (nominal patterns, which never code an event by themselves, excluded).
func patternCounts(t *testing.T) map[string]int {
	t.Helper()
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, p := range d.Patterns {
		if !p.Nominal {
			n[p.Code]++
		}
	}
	return n
}

// TestEveryLeafHasPatterns checks that every CAMEO leaf code, derived from
// the codebook, has at least three patterns, and the common codes ten.
func TestEveryLeafHasPatterns(t *testing.T) {
	cb := cameo.Default()
	n := patternCounts(t)
	leaves := cb.Leaves()
	if len(leaves) < 200 {
		t.Fatalf("codebook gives only %d leaves", len(leaves))
	}
	for _, l := range leaves {
		if n[l.Code] < 3 {
			t.Errorf("leaf %s (%s): %d patterns, want >= 3", l.Code, l.Name, n[l.Code])
		}
	}
	if len(commonCodes) != 60 {
		t.Errorf("%d common codes listed, want 60", len(commonCodes))
	}
	seen := map[string]bool{}
	for _, c := range commonCodes {
		if seen[c] {
			t.Errorf("common code %s listed twice", c)
		}
		seen[c] = true
		if !cb.Valid(c) {
			t.Errorf("common code %s is not a CAMEO code", c)
			continue
		}
		if n[c] < 10 {
			t.Errorf("common code %s: %d patterns, want >= 10", c, n[c])
		}
	}
}
