package geo_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/geo"
	"github.com/dyad-events/dyad/nlp"
)

// placeCase is one line of testdata/places.jsonl: a sentence and where its
// event (or, with no event, its sentence) happened.
type placeCase struct {
	ID      int     `json:"id"`
	Date    string  `json:"date"`
	Text    string  `json:"text"`
	Place   string  `json:"place"`
	Country string  `json:"country"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Kind    string  `json:"kind"`
}

// shared is the real pipeline, dictionary and gazetteer, built once per
// test binary.
var shared = sync.OnceValues(func() (*coder.Coder, error) {
	an, err := nlp.Load()
	if err != nil {
		return nil, err
	}
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	return coder.New(an, d, cameo.Default(), coder.Options{Places: gaz}), nil
})

// gaz is the embedded gazetteer shared by the tests (read on first use).
var gaz = geo.Embedded()

func readCases(t testing.TB) []placeCase {
	t.Helper()
	f, err := os.Open("testdata/places.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cs []placeCase
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var c placeCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("testdata/places.jsonl:%d: %v", line, err)
		}
		cs = append(cs, c)
	}
	return cs
}

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// placeOf returns where the sentence's first event happened, or, with no
// event, the most specific place the sentence names (its dateline's last).
func placeOf(t *testing.T, c *coder.Coder, tc placeCase) *dyad.Place {
	date, _ := time.Parse(time.DateOnly, tc.Date)
	evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: fmt.Sprint(tc.ID), Published: date, Text: tc.Text})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Place != nil {
			return e.Place
		}
	}
	an, _ := nlp.Load()
	var best *dyad.Place
	for _, p := range gaz.Places(an.Process(tc.Text), nil) {
		if best == nil || (best.Basis == "dateline" && p.Basis != "dateline") || rank(p.Precision) < rank(best.Precision) {
			best = &p
		}
	}
	return best
}

func rank(p dyad.PlacePrecision) int {
	switch p {
	case dyad.PlacePoint:
		return 0
	case dyad.PlaceAdmin1:
		return 1
	}
	return 2
}

// placeRight: within 50 km of the gold point; for a gold division or
// country, the same division or country by name.
func placeRight(tc placeCase, p *dyad.Place) bool {
	if p == nil || p.Country != tc.Country {
		return false
	}
	if tc.Kind == "point" {
		return km(tc.Lat, tc.Lon, p.Lat, p.Lon) <= 50
	}
	if string(p.Precision) != tc.Kind {
		return false
	}
	if tc.Kind == "country" {
		return true
	}
	return strings.HasPrefix(geo.Key(p.Name), geo.Key(tc.Place)) || strings.HasPrefix(geo.Key(tc.Place), geo.Key(p.Name))
}

// TestPlacesAccuracy runs the real pipeline, coder and gazetteer over the
// hand-written sentences and asserts the floors: >= 90% right country,
// >= 80% right place.
func TestPlacesAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the embedded model")
	}
	c, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	cs := readCases(t)
	if len(cs) < 150 {
		t.Fatalf("%d cases, want >= 150", len(cs))
	}
	country, place := 0, 0
	for _, tc := range cs {
		p := placeOf(t, c, tc)
		okC := p != nil && p.Country == tc.Country
		okP := placeRight(tc, p)
		if okC {
			country++
		}
		if okP {
			place++
		}
		if !okP && testing.Verbose() {
			got := "nothing"
			if p != nil {
				got = fmt.Sprintf("%s %s %s (%.2f,%.2f) %s", p.Name, p.Country, p.Precision, p.Lat, p.Lon, p.Basis)
			}
			t.Logf("#%d want %s %s %s, got %s: %s", tc.ID, tc.Place, tc.Country, tc.Kind, got, tc.Text)
		}
	}
	pc, pp := float64(country)/float64(len(cs)), float64(place)/float64(len(cs))
	t.Logf("places: %d sentences, country right %d (%.1f%%), place right %d (%.1f%%)", len(cs), country, 100*pc, place, 100*pp)
	fmt.Printf("places: %d sentences, country right %.1f%%, place right (within 50 km, or same division/country) %.1f%%\n", len(cs), 100*pc, 100*pp)
	if pc < 0.90 {
		t.Errorf("country accuracy %.3f, want >= 0.90", pc)
	}
	if pp < 0.80 {
		t.Errorf("place accuracy %.3f, want >= 0.80", pp)
	}
}
