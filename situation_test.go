package dyad

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestIntersectCodes(t *testing.T) {
	for _, tt := range []struct {
		a, b, want []string
	}{
		{[]string{"036", "043"}, []string{"04"}, []string{"043"}},
		{[]string{"03"}, []string{"036", "0356", "19"}, []string{"036", "0356"}},
		{[]string{"036"}, []string{"036"}, []string{"036"}},
		{[]string{"036"}, []string{"19"}, nil},
		{[]string{"0356"}, []string{"035", "03"}, []string{"0356"}},
	} {
		if got := IntersectCodes(tt.a, tt.b); !slices.Equal(got, tt.want) {
			t.Errorf("%v ∩ %v = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestRuleNormalizeAndFilter(t *testing.T) {
	s := &Situation{Name: " Talks ", Actors: []string{"rus"}, Dyads: [][2]string{{"ukr", "usa"}}, Codes: []string{"036", "043"}}
	if err := s.Normalize(); err != nil || s.Name != "Talks" || s.Actors[0] != "RUS" || s.Dyads[0] != [2]string{"UKR", "USA"} || s.Plover == nil {
		t.Fatalf("%+v %v", s, err)
	}
	f := s.Filter()
	if !slices.Equal(f.Actors, []string{"RUS"}) || len(f.Dyads) != 1 || !slices.Equal(f.Codes, s.Codes) {
		t.Errorf("filter %+v", f)
	}
	for _, tt := range []struct {
		rule  AlertRule
		field string
		codes []string
	}{
		{AlertRule{Kind: RuleNewEvent, Threshold: 9}, "", []string{"036", "043"}},
		{AlertRule{Kind: RuleNewEvent, Codes: []string{"04"}}, "", []string{"043"}},
		{AlertRule{Kind: RuleNewEvent, Codes: []string{"19"}}, "codes", nil},
		{AlertRule{Kind: "often"}, "kind", nil},
		{AlertRule{Kind: RuleThreshold}, "threshold", nil},
		{AlertRule{Kind: RuleThreshold, Threshold: 1, WindowDays: -1}, "window_days", nil},
		{AlertRule{Kind: RuleSpike, Factor: 1}, "factor", nil},
		{AlertRule{Kind: RuleSpike, BaselineDays: MaxWindowDays + 1}, "baseline_days", nil},
		{AlertRule{Kind: RuleNewEvent, Webhook: "localhost:9000"}, "webhook", nil},
		{AlertRule{Kind: RuleNewEvent, Webhook: "https://hooks.example.org/a?b=c"}, "", []string{"036", "043"}},
	} {
		r := tt.rule
		err := r.Normalize(s)
		var fe *FieldError
		if tt.field == "" && err != nil || tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
			t.Errorf("%+v: %v, want a fault in %q", tt.rule, err, tt.field)
			continue
		}
		if err == nil && !slices.Equal(r.Filter(s).Codes, tt.codes) {
			t.Errorf("%+v: codes %v, want %v", tt.rule, r.Filter(s).Codes, tt.codes)
		}
	}
}

// FuzzNormalize feeds situation and rule bodies as the API decodes them:
// Normalize never panics, and what it accepts it accepts again unchanged.
func FuzzNormalize(f *testing.F) {
	f.Add(`{"name": "Talks", "actors": ["rus"], "dyads": [["RUS", "UKR"]], "codes": ["036"], "plover": ["consult"]}`, `{"kind": "spike", "codes": ["03"]}`)
	f.Add(`{"name": ""}`, `{"kind": "threshold", "threshold": 2, "window_days": 7}`)
	f.Add(`{"name": "x\u0000"}`, `{"kind": "new_event", "webhook": "http://127.0.0.1:9/h"}`)
	f.Fuzz(func(t *testing.T, sj, rj string) {
		var s Situation
		if json.Unmarshal([]byte(sj), &s) != nil {
			return
		}
		if s.Normalize() != nil {
			return
		}
		again := s
		again.Actors, again.Codes, again.Plover = slices.Clone(s.Actors), slices.Clone(s.Codes), slices.Clone(s.Plover)
		again.Dyads = slices.Clone(s.Dyads)
		if err := again.Normalize(); err != nil || again.Name != s.Name || !slices.Equal(again.Actors, s.Actors) || !slices.Equal(again.Plover, s.Plover) {
			t.Fatalf("normalised situation changes or fails again: %+v %v", again, err)
		}
		var r AlertRule
		if json.Unmarshal([]byte(rj), &r) != nil {
			return
		}
		if r.Normalize(&s) != nil {
			return
		}
		r2 := r
		r2.Codes = slices.Clone(r.Codes)
		if err := r2.Normalize(&s); err != nil || r2.Threshold != r.Threshold || r2.WindowDays != r.WindowDays || r2.Factor != r.Factor {
			t.Fatalf("normalised rule changes or fails again: %+v %v", r2, err)
		}
		if r.Kind == RuleSpike && (r.Factor <= 1 || r.WindowDays < 1 || r.BaselineDays < 1) {
			t.Fatalf("spike rule accepted without a usable window: %+v", r)
		}
	})
}

func TestRedactURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"http://127.0.0.1:9000/hook", "http://127.0.0.1:9000/hook"},
		{"https://hooks.example.org/alerts?token=s3cret&x=1", "https://hooks.example.org/alerts"},
		{"https://user:pass@example.org/a#frag", "https://example.org/a"},
		{"https://example.org/a%2Fb?k=v", "https://example.org/a%2Fb"},
		{"not a url?secret=1", "not a url"},
		{"", ""},
	} {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	msg := `webhook https://h.example.org/x?key=s3cret: Post "https://h.example.org/x?key=s3cret": dial tcp: refused; also http://a.example/?k=2`
	got := RedactURLs(msg)
	if strings.Contains(got, "s3cret") || strings.Contains(got, "k=2") || !strings.Contains(got, `Post "https://h.example.org/x"`) {
		t.Errorf("RedactURLs: %s", got)
	}
}
