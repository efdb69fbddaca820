package coder

import (
	"context"
	"fmt"
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
