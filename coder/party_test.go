package coder

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestPartiesAsActors checks that a political party acts as a domestic
// actor of its country, with the role it has on the article's date (GOV
// while in government, OPP outside), and that a demonym beside a party,
// group or organisation of its own country names no second actor. The
// sentences are written for the test.
func TestPartiesAsActors(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct {
		name, text, date string
		want             []string
	}{
		{"demonym beside a party", "The Palestinian Fatah faction signed an agreement with Hamas on Tuesday.", "2024-03-07",
			[]string{"PSE GOV>PSE REB:057", "PSE REB>PSE GOV:057"}},
		{"party in government", "The African National Congress criticised Israel on Friday.", "2024-03-07",
			[]string{"ZAF GOV>ISR:111"}},
		{"party in opposition on the date", "Republicans in Congress criticised China on Wednesday.", "2024-03-07",
			[]string{"USA OPP>CHN:111"}},
		{"party in government on the date", "Republicans in Congress criticised China on Wednesday.", "2018-03-07",
			[]string{"USA GOV>CHN:111"}},
		{"two parties of one country", "The Kenyan opposition ODM party met leaders of the ruling UDA party on Thursday.", "2024-03-07",
			[]string{"KEN GOV>KEN OPP:040", "KEN OPP>KEN GOV:040"}},
	}
	for _, tc := range tests {
		date, err := time.Parse(time.DateOnly, tc.date)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "p", Text: tc.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		if got := roleStrings(evs); strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: %q on %s\n got %v\nwant %v", tc.name, tc.text, tc.date, got, tc.want)
		}
	}
}

// roleStrings writes events as "SRC ROLE>TGT ROLE:CODE", sorted.
func roleStrings(evs []dyad.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, fmt.Sprintf("%s>%s:%s", strings.TrimSpace(e.Source.Code+" "+e.Source.Role), strings.TrimSpace(e.Target.Code+" "+e.Target.Role), e.Code))
	}
	sort.Strings(out)
	return out
}

// TestOutletIsNoFocus checks that a news outlet named in an article ("told
// the BBC") does not become the country that later agents without one take:
// the attackers in the last sentence are Somalia's, not Britain's.
func TestOutletIsNoFocus(t *testing.T) {
	c := testRealCoder(t)
	text := "Al-Shabaab fighters attacked an army base in southern Somalia on Monday.\n\n" +
		"A spokesman for the group told the BBC that the fighters had taken the base.\n\n" +
		"He said attackers killed 15 soldiers."
	date := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "o", Text: text, Published: date})
	if err != nil {
		t.Fatal(err)
	}
	got := roleStrings(evs)
	for _, e := range got {
		if strings.HasPrefix(e, "GBR") || strings.Contains(e, ">GBR") {
			t.Errorf("event %s takes the outlet's country; all: %v", e, got)
		}
	}
	if !contains(got, "SOM UAF>SOM MIL:190") {
		t.Errorf("got %v, want the attackers' killing as SOM UAF>SOM MIL:190", got)
	}
}
