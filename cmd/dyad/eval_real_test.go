package main

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

// realNewsFloors are the figures the coder must keep on the real-news
// development sets (`dyad eval`, (source, target, root)): the floor of
// each set sits a little under the figure last measured, so that a change
// that loses real-news accuracy fails here. They rise as the coder does;
// they assert issue 14's acceptance (F1 >= 0.60 on both real sets,
// precision >= 0.65, FPR <= 0.10).
var realNewsFloors = []struct {
	file                string
	minF1, minP, maxFPR float64
}{
	{"real-dev.jsonl", 0.68, 0.87, 0.10},
	{"real-articles-dev.jsonl", 0.60, 0.82, 0.10},
}

// TestEvalRealNews scores the coder on the real-news development sets
// when ../shared is beside the repository.
func TestEvalRealNews(t *testing.T) {
	needPipeline(t)
	for _, tt := range realNewsFloors {
		t.Run(tt.file, func(t *testing.T) {
			path := sharedDir + "/eval/" + tt.file
			if _, err := os.Stat(path); err != nil {
				t.Skipf("real-news set not available (%v): ../shared is not beside the repository", err)
			}
			env, out, errb := testEnv("")
			if err := run(context.Background(), env, []string{"eval", "--json", path}); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			var res struct {
				Root struct {
					P  float64 `json:"precision"`
					F1 float64 `json:"f1"`
				} `json:"root"`
				NoEvent struct {
					FPRate float64 `json:"fp_rate"`
				} `json:"no_event"`
			}
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: (source, target, root) P %.3f F1 %.3f, no-event FP rate %.3f", tt.file, res.Root.P, res.Root.F1, res.NoEvent.FPRate)
			if res.Root.F1 < tt.minF1 {
				t.Errorf("F1 %.3f, want >= %.2f", res.Root.F1, tt.minF1)
			}
			if res.Root.P < tt.minP {
				t.Errorf("precision %.3f, want >= %.2f", res.Root.P, tt.minP)
			}
			if res.NoEvent.FPRate > tt.maxFPR {
				t.Errorf("no-event FP rate %.3f, want <= %.2f", res.NoEvent.FPRate, tt.maxFPR)
			}
		})
	}
}
