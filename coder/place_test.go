package coder

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/geo"
	"github.com/dyad-events/dyad/nlp"
)

// TestPlaces checks how an event's place is chosen: its clause, its
// sentence, the dateline, its actors.
func TestPlaces(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the embedded model")
	}
	an, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	d, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(an, d, cameo.Default(), Options{Places: geo.Embedded()})
	tests := []struct {
		text, name, country, basis string
		precision                  dyad.PlacePrecision
	}{
		{"Police in Mogadishu arrested six men on Monday.", "Mogadishu", "SOM", "clause", dyad.PlacePoint},
		{"KHARKIV, Ukraine - Russian troops attacked Ukrainian positions on Tuesday.", "Kharkiv", "UKR", "dateline", dyad.PlacePoint},
		{"Kenyan police arrested six opposition activists on Monday.", "Kenya", "KEN", "actors", dyad.PlaceCountry},
		{"Russian forces shelled several villages in the Donetsk region overnight.", "Donetsk", "UKR", "clause", dyad.PlaceAdmin1},
	}
	for _, tt := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: "t", Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC), Text: tt.text})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		p := evs[0].Place
		if p == nil {
			t.Errorf("%q: no place", tt.text)
			continue
		}
		if p.Name != tt.name || p.Country != tt.country || p.Basis != tt.basis || p.Precision != tt.precision {
			t.Errorf("%q: place %s %s %s %s, want %s %s %s %s", tt.text, p.Name, p.Country, p.Basis, p.Precision, tt.name, tt.country, tt.basis, tt.precision)
		}
		if (p.Basis == "actors") != (p.Span == dyad.Span{}) {
			t.Errorf("%q: span %v with basis %s", tt.text, p.Span, p.Basis)
		}
		if p.Span != (dyad.Span{}) && tt.text[p.Span.Start:p.Span.End] == "" {
			t.Errorf("%q: empty span", tt.text)
		}
	}
	// --explain shows the choice
	var b strings.Builder
	if _, err := c.Explain(context.Background(), &dyad.Article{ID: "t", Text: tests[0].text}, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "places:") || !strings.Contains(b.String(), "Mogadishu, SOM (point) from the clause") {
		t.Errorf("Explain does not show the place choice:\n%s", b.String())
	}
	// no finder, no places
	rc := testRealCoder(t)
	evs, err := rc.CodeArticle(context.Background(), &dyad.Article{ID: "t", Text: tests[0].text})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Place != nil {
			t.Errorf("without Places: event has place %+v", e.Place)
		}
	}
}
