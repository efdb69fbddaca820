package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const goldPath = "../../shared/eval/dev.jsonl"
const scorePath = "../../shared/eval/score.py"

// perturb makes a prediction file from gold: some events dropped, some
// changed, some added, some ids missing, some extra.
func perturb(t *testing.T, gold []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for i, line := range bytes.Split(gold, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatal(err)
		}
		evs, _ := rec["events"].([]any)
		switch i % 7 {
		case 0:
			evs = nil
		case 1:
			if len(evs) > 0 {
				e := evs[0].(map[string]any)
				e["code"] = "190"
				delete(e, "root")
			}
		case 2:
			evs = append(evs, map[string]any{"source": "usa", "target": nil, "code": "042"})
		case 3:
			continue // missing prediction
		case 4:
			evs = append(evs, map[string]any{"source": " RUS ", "target": "ukr", "code": "1", "root": "1"})
		}
		rec["events"] = evs
		b, _ := json.Marshal(rec)
		out.Write(b)
		out.WriteByte('\n')
	}
	out.WriteString(`{"id": "EXTRA", "events": [{"source": "FRA", "target": "DEU", "code": "057"}]}` + "\n")
	return out.Bytes()
}

func TestScoreMatchesScorePy(t *testing.T) {
	gold, err := os.ReadFile(goldPath)
	if err != nil {
		t.Skipf("no gold data (%v); ../shared is not beside the repository", err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	pred := perturb(t, gold)
	dir := t.TempDir()
	pp := filepath.Join(dir, "pred.jsonl")
	if err := os.WriteFile(pp, pred, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Read(bytes.NewReader(gold), goldPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(bytes.NewReader(pred), pp)
	if err != nil {
		t.Fatal(err)
	}
	res := Score(g, p)
	var text bytes.Buffer
	if err := res.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(py, scorePath, goldPath, pp).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	if text.String() != string(want) {
		t.Errorf("text differs:\n--- dyad\n%s--- score.py\n%s", text.String(), want)
	}
	wantJSON, err := exec.Command(py, scorePath, goldPath, pp, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	gotJSON, _ := json.Marshal(res)
	_ = json.Unmarshal(gotJSON, &a)
	_ = json.Unmarshal(wantJSON, &b)
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	if string(ab) != string(bb) {
		t.Errorf("JSON differs:\n dyad     %s\n score.py %s", ab, bb)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"{\"id\": 1}\n{bad\n", "f:2: bad JSON"},
		{"\n{\"events\": []}\n", "f:2: record without id"},
	} {
		_, err := Read(strings.NewReader(tt.in), "f")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestPerfectScore(t *testing.T) {
	in := `{"id":"a","events":[{"source":"USA","target":"RUS","code":"041"},{"source":"RUS","target":"USA","code":"041"}]}
{"id":"b","events":[]}
`
	g, _ := Read(strings.NewReader(in), "g")
	res := Score(g, g)
	if res.Root.F1 != 1 || res.Code.F1 != 1 || res.NoEvent.FPRate != 0 {
		t.Errorf("self-score: %+v", res)
	}
}
