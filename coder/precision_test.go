package coder

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestPrecisionClasses guards classes of false events found by reading the
// coder's output on real news: each sentence is original, written for the
// class, and lists every event it must give (nothing else).
func TestPrecisionClasses(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		// a purpose infinitive shares the future of its clause: the talks
		// are only announced (036), not held (046)
		{"future meeting to discuss", "The presidents of Chile and Peru will meet in Lima next week to discuss fishing rights.",
			[]string{"CHL>PER:036", "PER>CHL:036"}},
		// a place that only names an occasion is not the target of an intent
		{"place naming an occasion", "The Kenyan president is preparing to attend the Tokyo Marathon.", nil},
		// a protest abroad addresses the host government; one at home, its own
		{"protest abroad", "Danish and Swedish students staged a noisy protest in Moscow on Sunday.",
			[]string{"DNK>RUS:141", "SWE>RUS:141"}},
		{"protest at home", "Thousands of Kenyan teachers protested in Nairobi on Monday.",
			[]string{"KEN>KEN:141"}},
		// the venue of a summit is not a party to it
		{"summit venue", "The Brazilian president attended a climate summit in Egypt on Monday.", nil},
		// a title alone takes a place named inside its own phrase
		{"mayor of a town", "Israel on Monday released the mayor of the West Bank town of Qalqilya.",
			[]string{"ISR>PSE:084"}},
		// a present tense after "before" is a visit still to come
		{"visit after before", "The vote was held two days before the Ugandan president flies to Nairobi.",
			[]string{"KEN>UGA:036", "UGA>KEN:036"}},
		// a statement or report travels nowhere
		{"statement as subject", "The statement by the Kenyan ministry came to Uganda on Monday.", nil},
		// an unnamed agent shares the country of the person it acts on, not
		// that of a state named as a party
		{"unnamed agent", "Parliament is pressing Vladimir Putin to help Belarus.",
			[]string{"RUS>RUS:020"}},
		// a sanctioning state's own territory is where the ban applies,
		// not whom it targets
		{"ban on travel to self", "The Australian government announced bans on travel to Australia against six Iranian officials.",
			[]string{"AUS>IRN:163"}},
		// "met with" a named person whose phrase the parse hung under the
		// verb or under a later clause
		{"met with a president", "Kenya's interior minister met with Ugandan President Yoweri Museveni on Monday.",
			[]string{"KEN>UGA:040", "UGA>KEN:040"}},
	}
	date := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "p", Text: tc.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		got := evStrings(evs)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: %q\n got %v\nwant %v", tc.name, tc.text, got, tc.want)
		}
	}
}
