package dyad

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// jsonNames returns the JSON member names of a struct type's fields, with
// the fields of embedded structs inlined, as encoding/json names them.
func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			out = append(out, jsonNames(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}

// TestEventJSON checks that an undated event's date is null rather than
// the year 1, that a dated one keeps its date, and that the types that
// embed Event write every member of their own (their MarshalJSON lists
// them by hand, so a new field must not be forgotten).
func TestEventJSON(t *testing.T) {
	when := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	full := func(date time.Time) EventDetail {
		return EventDetail{
			StoredEvent: StoredEvent{
				Event: Event{ID: "e1", Source: Actor{Code: "KEN"}, Target: Actor{Code: "TZA"}, Code: "057", Root: "05", QuadClass: 1,
					Goldstein: 8, PloverType: "AGREE", PloverMode: "formal", Date: date, DatePrecision: PrecisionDay,
					Place:      &Place{Name: "Nairobi", Country: "KEN", Precision: PlacePoint},
					Provenance: Provenance{ArticleID: "a1", PatternID: "p", DateSpan: Span{1, 2}}},
				NumArticles: 2, NumSources: 1, ArticleURL: "https://example.org/a1",
			},
			Highlights: []Highlight{{Kind: "source", Start: 0, End: 5, Text: "Kenya"}},
			Reports:    []Report{{ArticleID: "a1", Original: true}},
		}
	}
	for _, tt := range []struct {
		name string
		v    any
		want string
	}{
		{"undated event", full(time.Time{}).Event, `"date":null`},
		{"dated event", full(when).Event, `"date":"2026-03-01T00:00:00Z"`},
		{"undated stored event", full(time.Time{}).StoredEvent, `"date":null`},
		{"undated stored event pointer", &[]StoredEvent{full(time.Time{}).StoredEvent}[0], `"date":null`},
		{"undated detail", full(time.Time{}), `"date":null`},
		{"dated detail", full(when), `"date":"2026-03-01T00:00:00Z"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) || strings.Contains(string(b), "0001-01-01") {
				t.Errorf("%s, want %s", b, tt.want)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("not one JSON object: %v: %s", err, b)
			}
			typ := reflect.TypeOf(tt.v)
			if typ.Kind() == reflect.Pointer {
				typ = typ.Elem()
			}
			want := jsonNames(typ)
			var got []string
			for k := range m {
				got = append(got, k)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("members %v, want %v", got, want)
			}
		})
	}
	// What was written reads back as it was, the null date as the zero time.
	for _, date := range []time.Time{{}, when} {
		d := full(date)
		b, _ := json.Marshal(d)
		var back EventDetail
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, d) {
			t.Errorf("round trip:\n%+v\nwant\n%+v", back, d)
		}
	}
}

func TestJoinJSON(t *testing.T) {
	for _, tt := range []struct {
		a    string
		b    any
		want string
	}{
		{`{"a":1}`, struct {
			B int `json:"b"`
		}{2}, `{"a":1,"b":2}`},
		{`{}`, struct {
			B int `json:"b"`
		}{2}, `{"b":2}`},
		{`{"a":1}` + "\n", struct{}{}, `{"a":1}`},
	} {
		got, err := joinJSON([]byte(tt.a), tt.b)
		if err != nil || string(got) != tt.want {
			t.Errorf("joinJSON(%s, %v) = %s %v, want %s", tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := joinJSON([]byte(`[1]`), struct{}{}); err == nil {
		t.Error("joining an array: no error")
	}
}
