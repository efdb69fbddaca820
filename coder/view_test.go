package coder

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestRequiredPhraseOnDate checks that a phrase a pattern requires is found
// when the parse hangs it on a date between the verb's object and the
// phrase ("accused X on Thursday of attacking": the accusation of an
// attack, 1123, not the plain accusation, 112).
func TestRequiredPhraseOnDate(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct{ text, code string }{
		{"Chad accused Sudan on Thursday of attacking and burning several of its border villages.", "1123"},
		{"Kenya accused Somalia last week of attacking and killing some of its police officers.", "1123"},
		{"Kenya accused Somalia of attacking and killing some of its police officers.", "1123"},
		{"Kenya accused Somalia on Monday of lying.", "112"},
	}
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, tt := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: fmt.Sprintf("D%d", i), Text: tt.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 1 || evs[0].Code != tt.code {
			var got []string
			for _, e := range evs {
				got = append(got, e.Code)
			}
			t.Errorf("%q: coded %v, want one event %s", tt.text, got, tt.code)
		}
	}
}

// TestRivalSides checks that the two sides of one state's conflict
// (actor.rival-sides) give an event each way, told apart by their names
// and IDs, and that a rival modifier does not join two states into one.
func TestRivalSides(t *testing.T) {
	c := testRealCoder(t)
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want []string // source->target code, in order
	}{
		{"Libya's rival governments signed a ceasefire deal on Friday.", []string{"LBY->LBY 057", "LBY->LBY 057"}},
		{"The warring factions in Sudan agreed to a truce on Monday.", []string{"SDN->SDN 0356", "SDN->SDN 0356"}},
		{"Rival factions from Chad and Sudan signed a deal.", nil},
		{"Chad offered to host talks between Sudan's warring parties.", nil},
	}
	for i, tt := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: fmt.Sprintf("S%d", i), Text: tt.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		ids := map[string]bool{}
		for _, e := range evs {
			if e.Source.Code == e.Target.Code {
				got = append(got, e.Source.Code+"->"+e.Target.Code+" "+e.Code)
				ids[e.ID] = true
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: coded %v, want %v", tt.text, got, tt.want)
			continue
		}
		if len(got) == 2 && (len(ids) != 2 || evs[0].Source.Name == evs[0].Target.Name) {
			t.Errorf("%q: the two directions are not told apart (IDs %v, names %q, %q)", tt.text, ids, evs[0].Source.Name, evs[0].Target.Name)
		}
	}
	// the sides' act on a third party is one event each way, as any
	// state's (convention 6)
	text := "Libya's rival governments met the UN envoy in Tunis on Monday."
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "S9", Text: text, Published: date})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Source.Code+"->"+e.Target.Code+" "+e.Code)
	}
	slices.Sort(got)
	if want := []string{"IGO->LBY 044", "LBY->IGO 044"}; !slices.Equal(got, want) {
		t.Errorf("%q: coded %v, want %v", text, got, want)
	}
}

// TestDefiniteTitlePair checks that "the presidents" or "the leaders"
// alone, after a story of two states, are those two (lexicon
// pair_definite_nouns), so that their agreement is coded each way.
func TestDefiniteTitlePair(t *testing.T) {
	c := testRealCoder(t)
	date := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"Ghana's president spoke with Togo's president by telephone on Monday. The presidents agreed to expand trade across the border.",
		"Peru's president hosted Chile's president in Lima on Monday. The leaders agreed to expand trade across the border.",
	} {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "p", Text: text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		var second []string
		for _, e := range evs {
			if e.Provenance.Sentence == 1 {
				second = append(second, e.Source.Code+"->"+e.Target.Code)
			}
		}
		slices.Sort(second)
		second = slices.Compact(second)
		if len(second) != 2 || second[0][:3] == second[0][5:] {
			t.Errorf("%q: second sentence coded %v, want the two states each way", text, second)
		}
	}
}

// TestBodiesEachWayTwoIDs checks that the events each way between two
// armed groups of one state (same code and role, named apart) have two
// IDs, so that the store keeps both.
func TestBodiesEachWayTwoIDs(t *testing.T) {
	c := testRealCoder(t)
	text := "M23 rebels and Mai-Mai militiamen clashed near Goma on Monday."
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "b", Text: text, Published: time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range evs {
		ids[e.ID] = true
	}
	if len(evs) != 2 || len(ids) != 2 {
		t.Errorf("%q: %d events with %d IDs, want 2 and 2", text, len(evs), len(ids))
	}
}
