package http

import (
	"net/url"
	"testing"

	"github.com/dyad-events/dyad"
)

// FuzzParseEventsQuery feeds arbitrary query strings to the parameter
// parser: it must never panic, and what it accepts must be in range.
func FuzzParseEventsQuery(f *testing.F) {
	for _, s := range []string{"source=RUS:GOV&dyad=RUS-UKR&code=04,0356&quad=3,4", "near=50,30,10&goldstein_min=-10", "limit=1000&cursor=abc_-",
		"from=2024-01-01&to=2024-12-31", "q=%27+OR+1%3D1", "plover=assault&plover_mode=aerial"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		ef, err := ParseEventsQuery(v)
		if err != nil {
			if _, ok := err.(*ParamError); !ok {
				t.Fatalf("%q: error %T %v, want *ParamError", raw, err, err)
			}
			return
		}
		if ef.Limit < 1 || ef.Limit > MaxLimit || len(ef.Codes) > dyad.MaxFilterList || len(ef.Query) > maxTextParam {
			t.Fatalf("%q: accepted out of range: %+v", raw, ef)
		}
		if ef.Near != nil && (ef.Near.KM <= 0 || ef.Near.KM > 2000) {
			t.Fatalf("%q: radius %v", raw, ef.Near.KM)
		}
	})
}
