package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalPredictionsTimePlace checks that dyad eval --predictions writes
// each event's date (cut to its precision, null when the text gives none)
// and place, as dyad code gives them, so that they can be scored.
func TestEvalPredictionsTimePlace(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	gold := writeFile(t, dir, "gold.jsonl", []byte(
		`{"id":"g1","text":"Kenya and Tanzania signed a border agreement in Nairobi on Monday.","date":"2026-03-04","events":[]}`+"\n"+
			`{"id":"g2","text":"Ghana criticised Togo over the fishing dispute.","date":"2026-03-04","events":[]}`+"\n"))
	pred := filepath.Join(dir, "pred.jsonl")
	env, _, errb := testEnv("")
	if err := run(context.Background(), env, []string{"eval", gold, "--predictions", pred}); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	type event struct {
		Source, Code  string
		EventDate     *string `json:"event_date"`
		DatePrecision string  `json:"date_precision"`
		Location      *struct {
			Name, Country string
			Lat, Lon      float64
		} `json:"location"`
	}
	recs := map[string][]event{}
	for line := range strings.Lines(string(b)) {
		var raw struct {
			ID     string
			Events []json.RawMessage
		}
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatal(err)
		}
		for _, r := range raw.Events {
			for _, key := range []string{`"event_date":`, `"location":`, `"date_precision":`} {
				if !strings.Contains(string(r), key) {
					t.Errorf("%s: a predicted event lacks %s: %s", raw.ID, key, r)
				}
			}
			var e event
			json.Unmarshal(r, &e)
			recs[raw.ID] = append(recs[raw.ID], e)
		}
	}
	if len(recs["g1"]) == 0 || len(recs["g2"]) == 0 {
		t.Fatalf("predictions: %s", b)
	}
	for _, e := range recs["g1"] {
		if e.EventDate == nil || *e.EventDate != "2026-03-02" || e.DatePrecision != "day" || e.Location == nil || e.Location.Country != "KEN" || e.Location.Lat == 0 {
			t.Errorf("g1 (Monday, Nairobi): %+v %v", e, e.Location)
		}
	}
	for _, e := range recs["g2"] {
		if e.EventDate != nil || e.DatePrecision != "article" {
			t.Errorf("g2 (no date in the text): an event_date (%v), precision %s; want null, article", e.EventDate != nil, e.DatePrecision)
		}
	}
}
