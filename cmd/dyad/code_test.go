package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	sharedDir = "../../../shared"
	seedPath  = sharedDir + "/seed/000_9526e73b90de1157.txt"
	devPath   = sharedDir + "/eval/dev.jsonl"
	scorePy   = sharedDir + "/eval/score.py"
)

func testEnv(stdin string) (*cliEnv, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &cliEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}, &out, &errb
}

// needPipeline skips a test when the language pipeline is not available.
func needPipeline(t *testing.T) {
	t.Helper()
	if _, err := loadAnalyzer(); err != nil {
		t.Skipf("language pipeline not available: %v", err)
	}
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadArticlesBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", []byte("  \n\n"))
	binary := writeFile(t, dir, "bin.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00"))
	invalid := writeFile(t, dir, "bad-utf8.txt", []byte("Russia attacked \xff\xfe Ukraine on Monday."))
	good := writeFile(t, dir, "good.txt", []byte("Ghana praised Togo."))
	env, _, errb := testEnv("")
	var got []*dyad.Article
	bad, err := readArticles(context.Background(), env, []string{empty, binary, invalid, filepath.Join(dir, "missing.txt"), good}, false, time.Time{},
		func(a *dyad.Article) error { got = append(got, a); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if bad != 3 {
		t.Errorf("bad = %d, want 3 (empty, binary, missing)", bad)
	}
	msg := errb.String()
	for _, want := range []string{"empty.txt: empty input", "bin.txt: binary input", "bad-utf8.txt: invalid UTF-8 replaced", "missing.txt"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if len(got) != 2 || got[0].ID != "bad-utf8.txt" || !strings.Contains(got[0].Text, "\uFFFD") || got[1].ID != "good.txt" {
		t.Errorf("articles: %+v", got)
	}
}

func TestReadJSONLMalformed(t *testing.T) {
	in := `{"id":"a","date":"2025-05-20","text":"Ghana praised Togo."}

{"id":"b","text": "broken
{"id":"c","date":"20-05-2025","text":"Togo thanked Ghana."}
{"id":"d","text":""}
["not an object"]
{"text":"No id here."}`
	env, _, errb := testEnv(in)
	var got []*dyad.Article
	bad, err := readArticles(context.Background(), env, nil, true, time.Time{},
		func(a *dyad.Article) error { got = append(got, a); return nil })
	if err != nil {
		t.Fatal(err)
	}
	msg := errb.String()
	for _, want := range []string{"stdin:3: bad JSON", "stdin:4: bad date", "stdin:5: article without text", "stdin:6: bad JSON"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if bad != 4 { // a bad date is a failure too, its article still read
		t.Errorf("bad = %d, want 4", bad)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, ",") != "a,c,stdin:7" {
		t.Errorf("ids %v", ids)
	}
	if !got[0].Published.Equal(time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)) || !got[1].Published.IsZero() {
		t.Errorf("dates %v %v", got[0].Published, got[1].Published)
	}
}

func TestReadArticlesDir(t *testing.T) {
	// A directory is read recursively through feed.Reader: text, HTML and
	// JSONL by extension, other files skipped, bad lines counted.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "a.txt", []byte("Ghana praised Togo."))
	writeFile(t, dir, "notes.md", []byte("not read"))
	writeFile(t, filepath.Join(dir, "sub"), "b.jsonl", []byte("{\"id\":\"b1\",\"text\":\"Togo thanked Ghana.\"}\n{oops\n"))
	writeFile(t, filepath.Join(dir, "sub"), "c.html", []byte("<html><head><title>T</title></head><body><p>Mali hosted Niger.</p></body></html>"))
	env, _, errb := testEnv("")
	var ids []string
	bad, err := readArticles(context.Background(), env, []string{dir}, false, time.Time{},
		func(a *dyad.Article) error { ids = append(ids, a.ID); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids, ","); got != "a.txt,b1,sub/c.html" {
		t.Errorf("ids %s", got)
	}
	if bad != 1 || !strings.Contains(errb.String(), "b.jsonl:2: bad JSON") {
		t.Errorf("bad = %d, stderr %q", bad, errb.String())
	}
}

func TestCodeFlagsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"code", "--date", "2025-13-45"},
		{"code", "--format", "xml"},
	} {
		env, _, _ := testEnv("")
		if err := run(context.Background(), env, args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// codeEvents runs `dyad code` and decodes its JSONL output.
func codeEvents(t *testing.T, stdin string, args ...string) ([]dyad.Event, string, error) {
	t.Helper()
	env, out, errb := testEnv(stdin)
	err := run(context.Background(), env, append([]string{"code"}, args...))
	var evs []dyad.Event
	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	for dec.More() {
		var e dyad.Event
		if derr := dec.Decode(&e); derr != nil {
			t.Fatalf("output is not JSONL events: %v\n%s", derr, out.String())
		}
		evs = append(evs, e)
	}
	return evs, errb.String(), err
}

func TestCodeSeedStory(t *testing.T) {
	if _, err := os.Stat(seedPath); err != nil {
		t.Skipf("seed story not available (%v): ../shared is not beside the repository", err)
	}
	needPipeline(t)
	evs, stderr, err := codeEvents(t, "", "--date", "2025-05-20", seedPath)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	has := func(src, tgt, root string, check func(e dyad.Event) bool) bool {
		for _, e := range evs {
			if e.Source.Code == src && e.Target.Code == tgt && e.Root == root && (check == nil || check(e)) {
				return true
			}
		}
		return false
	}
	monday := func(e dyad.Event) bool {
		return e.Date.Format("2006-01-02") == "2025-05-19" && e.DatePrecision == dyad.PrecisionDay
	}
	if !has("RUS", "USA", "04", monday) || !has("USA", "RUS", "04", monday) {
		t.Errorf("want RUS->USA and USA->RUS root 04 dated 2025-05-19 (day)")
	}
	if !has("RUS", "USA", "04", func(e dyad.Event) bool { return e.Code == "041" }) {
		t.Logf("note: the call is not coded 041")
	}
	if !has("RUS", "UKR", "03", nil) && !has("RUS", "USA", "03", nil) {
		t.Errorf("want RUS->UKR (or RUS->USA) root 03")
	}
	if !has("USA", "UKR", "07", nil) {
		t.Errorf("want USA->UKR root 07")
	}
	for _, e := range evs {
		s := e.Provenance.SentenceText
		for _, bad := range []string{"Observers believe", "has not yet provided", "would likely require", "will be closely monitoring"} {
			if strings.Contains(s, bad) {
				// the event must come from another clause of the sentence
				trig := e.Provenance.TriggerSpan
				t.Errorf("event %s %s->%s from the sentence with %q (trigger at %d-%d)", e.Code, e.Source.Code, e.Target.Code, bad, trig.Start, trig.End)
			}
		}
	}
	if t.Failed() {
		for _, e := range evs {
			t.Logf("%s %s -> %s %s %s %s", e.Code, e.Source.Code, e.Target.Code, e.Date.Format("2006-01-02"), e.DatePrecision, e.Provenance.PatternID)
		}
	}
}

func TestCodeGolden(t *testing.T) {
	needPipeline(t)
	story := filepath.Join("..", "..", "testdata", "example-story.txt")
	golden := filepath.Join("..", "..", "testdata", "example-story.golden.jsonl")
	env, out, errb := testEnv("")
	if err := run(context.Background(), env, []string{"code", "--date", "2026-03-12", story}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/dyad -run Golden -update)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("output differs from %s (rerun with -update if the change is intended):\n%s", golden, out.String())
	}
	if out.Len() == 0 {
		t.Errorf("no events from the example story")
	}
}

func TestCodeExplainAndTable(t *testing.T) {
	needPipeline(t)
	text := "Ghana's president praised Togo on Monday. Analysts believe Togo may attack Ghana."
	env, out, errb := testEnv(text)
	if err := run(context.Background(), env, []string{"code", "--explain", "--date", "2025-05-20"}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	s := out.String()
	for _, want := range []string{"parse:", "actors:", "patterns:", "FIRED", "suppressed"} {
		if !strings.Contains(s, want) {
			t.Errorf("--explain output lacks %q:\n%s", want, s)
		}
	}
	env, out, errb = testEnv(text)
	if err := run(context.Background(), env, []string{"code", "--format", "table"}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "SOURCE") || !strings.Contains(out.String(), "GHA") {
		t.Errorf("table output:\n%s", out.String())
	}
}

func TestCodeBadInputEndToEnd(t *testing.T) {
	needPipeline(t)
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", nil)
	invalid := writeFile(t, dir, "bad.txt", []byte("Ghana \xff praised Togo."))
	_, stderr, err := codeEvents(t, "", empty, invalid)
	if err == nil || !strings.Contains(stderr, "empty input") {
		t.Errorf("empty input: err %v, stderr %q", err, stderr)
	}
	// JSONL with a malformed line: reported with its line number, the rest coded
	jl := writeFile(t, dir, "in.jsonl", []byte("{\"id\":\"x\",\"text\":\"Ghana praised Togo.\"}\n{oops\n{\"id\":\"y\",\"text\":\"Togo praised Ghana.\"}\n"))
	evs, stderr, err := codeEvents(t, "", jl)
	if err == nil || !strings.Contains(stderr, "in.jsonl:2:") {
		t.Errorf("malformed line: err %v, stderr %q", err, stderr)
	}
	ids := map[string]bool{}
	for _, e := range evs {
		ids[e.Provenance.ArticleID] = true
	}
	if !ids["x"] || !ids["y"] {
		t.Errorf("articles coded: %v", ids)
	}
}

func TestCodeHugeArticle(t *testing.T) {
	needPipeline(t)
	if testing.Short() {
		t.Skip("-short")
	}
	// 50 MB: one real sentence, then a run-on stretch without sentence ends
	// and long lines of filler, then a real sentence.
	var b bytes.Buffer
	b.WriteString("Ghana praised Togo on Monday.\n\n")
	word := []byte("lorem ")
	for b.Len() < 50<<20 {
		b.Write(word)
	}
	b.WriteString("\n\nTogo thanked Ghana.\n")
	dir := t.TempDir()
	p := writeFile(t, dir, "huge.txt", b.Bytes())
	// By default an article of 50 MB is over the limit: not coded, a
	// failure that names the flag that lifts it.
	evs, stderr, err := codeEvents(t, "", p)
	if err == nil || len(evs) != 0 || !strings.Contains(stderr, "over the limit of 1048576 text bytes") || !strings.Contains(stderr, "--max-article-bytes") {
		t.Errorf("50 MB article with the default limits: %d events, %v\n%s", len(evs), err, stderr)
	}
	// With the limit lifted, the coder skips the run-on stretch.
	start := time.Now()
	evs, stderr, err = codeEvents(t, "", "--max-article-bytes", "60000000", p)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if len(evs) < 2 {
		t.Errorf("want the events at both ends of the 50 MB article, got %d", len(evs))
	}
	t.Logf("50 MB article in %v", time.Since(start))
}

// TestCodeRepeatedSentence codes one sentence said 20,000 times (a page
// that repeats itself, or a hostile input): its identical events collapse
// into one, and the coder stops at --max-sentences with a warning instead
// of coding them all.
func TestCodeRepeatedSentence(t *testing.T) {
	needPipeline(t)
	text := strings.Repeat("Kenya accused Uganda of arming the rebels. ", 20000)
	evs, stderr, err := codeEvents(t, text, "--date", "2026-03-04", "--max-sentences", "300")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if len(evs) != 1 || evs[0].Code[:2] != "11" {
		t.Errorf("%d events, want one accusation: %+v", len(evs), evs)
	}
	if !strings.Contains(stderr, "warning: the article reached the limit of 300 sentences") || !strings.Contains(stderr, "--max-sentences") {
		t.Errorf("no warning of the sentence limit:\n%s", stderr)
	}
	// Without a limit reached, the same sentence restated in other words
	// is another report and stays.
	evs, stderr, err = codeEvents(t, "Kenya accused Uganda of arming the rebels. Kenya accused Uganda of arming the rebels. On Monday Kenya again accused Uganda of arming rebels.", "--date", "2026-03-04")
	if err != nil || len(evs) != 2 {
		t.Errorf("restated: %d events %v, want 2\n%s", len(evs), err, stderr)
	}
}

func TestEvalDev(t *testing.T) {
	if _, err := os.Stat(devPath); err != nil {
		t.Skipf("dev set not available (%v): ../shared is not beside the repository", err)
	}
	needPipeline(t)
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	env, out, errb := testEnv("")
	if err := run(context.Background(), env, []string{"eval", devPath, "--predictions", pred}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	t.Logf("\n%s", out.String())
	env2, out2, _ := testEnv("")
	if err := run(context.Background(), env2, []string{"eval", "--json", devPath}); err != nil {
		t.Fatal(err)
	}
	var res struct {
		Root struct {
			F1 float64 `json:"f1"`
		} `json:"root"`
		NoEvent struct {
			FPRate float64 `json:"fp_rate"`
		} `json:"no_event"`
	}
	if err := json.Unmarshal(out2.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	// Floors: 0.70 / 0.10 from the coder's issue, raised to 0.80 / 0.07 by
	// the dictionaries' issue and to 0.85 by the real-news issue (14).
	if res.Root.F1 < 0.85 {
		t.Errorf("(source, target, root) F1 = %.3f, want >= 0.85", res.Root.F1)
	}
	if res.NoEvent.FPRate > 0.07 {
		t.Errorf("false-positive rate on no-event sentences = %.3f, want <= 0.07", res.NoEvent.FPRate)
	}
	// the same predictions scored by the reference scorer
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not available: not compared with score.py")
		return
	}
	want, err := exec.Command(py, scorePy, devPath, pred).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	if out.String() != string(want) {
		t.Errorf("dyad eval and score.py differ:\n--- dyad\n%s--- score.py\n%s", out.String(), want)
	}
}

func TestCodeDictErrors(t *testing.T) {
	for _, tt := range []struct {
		name, yaml, want string
	}{
		{"unknown code", "patterns:\n  - code: \"999\"\n    match: [meet obj=T]\n", "bad.yaml:2: unknown CAMEO code"},
		{"bad date", "people:\n  - names: [Jane Doe]\n    country: KEN\n    roles:\n      - GOV president 2025-13-45..\n", "bad.yaml:5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "bad.yaml", []byte(tt.yaml))
			env, _, _ := testEnv("")
			_, err := newCoder(env, dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
	// a good extra dictionary is used
	needPipeline(t)
	dir := t.TempDir()
	writeFile(t, dir, "extra.yaml", []byte("patterns:\n  - code: \"051\"\n    match: [extol obj=T]\n"))
	evs, stderr, err := codeEvents(t, "Ghana extolled Togo.", "--dict", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if len(evs) != 1 || evs[0].Code != "051" {
		t.Logf("events from the extra pattern: %+v (the tagger may not know 'extolled')", evs)
	}
}
