package coder

import (
	"context"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestEventDates guards the choice of an event's date among the dates of
// its sentence: a date after "since", "until", "before" or "after" bounds
// the event from outside, and a date that owns a noun ("April's vote")
// names another event; neither is the event's date.
func TestEventDates(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct {
		name, text string
		published  string
		want       string // date of every event
	}{
		{"since a year", "Armenian and Azerbaijani negotiators held their first direct talks since 2021 in Abu Dhabi on Tuesday.",
			"2025-07-10", "2025-07-08"},
		{"since a month", "Sudan's army has been battling the RSF since April 2023.",
			"2025-07-10", "2025-07-10"},
		{"since in a report", "Ethiopia's army said it had been fighting Fano militias in Amhara since 2023.",
			"2025-07-10", "2025-07-10"},
		{"possessive date", "Islamabad condemned Thursday's attack by Afghan forces.",
			"2025-07-12", "2025-07-12"},
		{"after a year", "Chile and Argentina held talks in Santiago after the 2024 election.",
			"2025-07-10", "2025-07-10"},
	}
	for _, tc := range tests {
		pub, err := time.Parse("2006-01-02", tc.published)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "d", Text: tc.text, Published: pub})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			t.Errorf("%s: %q: no events", tc.name, tc.text)
			continue
		}
		for _, e := range evs {
			if got := e.Date.Format("2006-01-02"); got != tc.want {
				t.Errorf("%s: %q: event %s dated %s, want %s", tc.name, tc.text, e.Code, got, tc.want)
			}
		}
	}
}

// TestEventDatesEachTense checks that each event of a sentence reads its
// dates in its own tense: a month named for a past act is the last one,
// the same month named for an intended act the next one, whichever event
// is dated first.
func TestEventDatesEachTense(t *testing.T) {
	c := testRealCoder(t)
	pub := time.Date(2026, 10, 27, 0, 0, 0, 0, time.UTC)
	text := "Ghana, which sent troops to Mali in March, said it will hold talks with Togo in March."
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "d", Text: text, Published: pub})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"154": "2026-03-01", "036": "2027-03-01"}
	seen := 0
	for _, e := range evs {
		w, ok := want[e.Code]
		if !ok {
			continue
		}
		seen++
		if got := e.Date.Format("2006-01-02"); got != w {
			t.Errorf("%q: event %s dated %s, want %s", text, e.Code, got, w)
		}
	}
	if seen < 2 {
		t.Errorf("%q: coded %d of the two events", text, seen)
	}
}
