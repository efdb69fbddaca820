package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmePath is the README whose examples TestReadmeExamples runs.
const readmePath = "../../README.md"

// readmeBlock is one fenced block of the README.
type readmeBlock struct {
	lang  string // "sh", or "" for a block of output
	lines []string
	start int // the line of the opening fence, 0-based
}

// readmeBlocks returns the fenced blocks of a Markdown text.
func readmeBlocks(text string) []readmeBlock {
	var out []readmeBlock
	var cur *readmeBlock
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case cur == nil && strings.HasPrefix(t, "```"):
			cur = &readmeBlock{lang: strings.TrimPrefix(t, "```"), start: i}
		case cur != nil && t == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, l)
		}
	}
	return out
}

// shellWords splits a command line as sh would for the README's simple
// commands: words, '…' and "…" quoting, $NAME from vars, and a # comment.
func shellWords(line string, vars map[string]string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	expand := func(s string) string {
		return regexp.MustCompile(`\$[A-Z_]+`).ReplaceAllStringFunc(s, func(v string) string { return vars[v[1:]] })
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words
		case c == '\'' || c == '"':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				j = len(line) - i - 1
			}
			s := line[i+1 : i+1+j]
			if c == '"' {
				s = expand(s)
			}
			w.WriteString(s)
			inWord = true
			i += j + 1
		default:
			j := i
			for j < len(line) && !strings.ContainsRune(" \t'\"", rune(line[j])) {
				j++
			}
			w.WriteString(expand(line[i:j]))
			inWord = true
			i = j - 1
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// readmeSkip says why a README command is not run by the test, or "".
func readmeSkip(args []string) string {
	cmd := strings.Join(args, " ")
	switch {
	case len(args) > 0 && args[0] == "serve":
		return "serves until stopped (the API examples run against a serve of their own)"
	case len(args) > 0 && args[0] == "watch" && !strings.Contains(cmd, "--once"):
		return "polls until stopped"
	case strings.HasPrefix(cmd, "nlp train"), strings.HasPrefix(cmd, "nlp eval"):
		return "takes minutes over a treebank of ../shared (nlp's own tests cover it)"
	}
	return ""
}

// TestReadmeExamples runs the README's dyad commands as written, in order
// and in one directory (so that the store the first makes is the one the
// next read), and its API examples against dyad serve on that store, so
// that the README cannot drift from what dyad does: every command must
// succeed, every curl must answer 2xx, and the output the README shows (the
// table of `dyad code`, the summary of `dyad ingest`) must be what dyad
// prints. With -update the README's shown output is rewritten instead.
func TestReadmeExamples(t *testing.T) {
	needPipeline(t)
	raw, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, d := range []string{"examples", "testdata"} {
		if err := os.Symlink(filepath.Join(repo, d), filepath.Join(dir, d)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	ctx := context.Background()

	blocks := readmeBlocks(readme)
	ran := 0
	var curls []string
	var curlLines []int
	for bi, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		if strings.Contains(strings.Join(b.lines, "\n"), "nats-server") {
			// Servers to install and start, workers in the background:
			// TestIngestThroughQueue runs these commands on an embedded
			// NATS server and the test's store.
			t.Logf("README.md:%d: the scaling-out commands: run by TestIngestThroughQueue", b.start+1)
			continue
		}
		for li := 0; li < len(b.lines); li++ {
			line := strings.TrimSpace(b.lines[li])
			for strings.HasSuffix(line, "\\") && li+1 < len(b.lines) {
				li++
				line = strings.TrimSuffix(line, "\\") + " " + strings.TrimSpace(b.lines[li])
			}
			if strings.HasPrefix(line, "curl ") {
				curls = append(curls, line)
				curlLines = append(curlLines, b.start+li+2)
				continue
			}
			stdin := ""
			if pre, post, ok := strings.Cut(line, "| go run ./cmd/dyad "); ok && strings.HasPrefix(pre, "echo ") {
				stdin = strings.Join(shellWords(strings.TrimPrefix(pre, "echo "), nil), " ") + "\n"
				line = "go run ./cmd/dyad " + post
			}
			if !strings.HasPrefix(line, "go run ./cmd/dyad ") {
				continue
			}
			args := shellWords(strings.TrimPrefix(line, "go run ./cmd/dyad "), nil)
			where := fmt.Sprintf("README.md:%d: dyad %s", b.start+li+2, strings.Join(args, " "))
			if why := readmeSkip(args); why != "" {
				t.Logf("%s: not run: %s", where, why)
				continue
			}
			env, out, errb := testEnv(stdin)
			if err := run(ctx, env, args); err != nil {
				t.Errorf("%s: %v\n%s", where, err, errb)
				continue
			}
			ran++
			// The output the README shows: a "# dyad ..." line after the
			// command, or the plain block that follows a one-command block.
			if li+1 < len(b.lines) && strings.HasPrefix(strings.TrimSpace(b.lines[li+1]), "# dyad ") {
				want := strings.TrimPrefix(strings.TrimSpace(b.lines[li+1]), "# ")
				got := lastLineWith(errb.String(), strings.Fields(want)[0]+" "+strings.Fields(want)[1])
				if got != want {
					if *update {
						readme = strings.Replace(readme, "# "+want, "# "+got, 1)
					} else {
						t.Errorf("%s prints\n\t%s\nthe README shows\n\t%s", where, got, want)
					}
				}
			}
			if len(b.lines) == 1 && bi+1 < len(blocks) && blocks[bi+1].lang == "" && blocks[bi+1].start-b.start < 8 {
				want := strings.Join(blocks[bi+1].lines, "\n")
				got := strings.TrimRight(out.String(), "\n")
				if got != want {
					if *update {
						readme = strings.Replace(readme, want, got, 1)
					} else {
						t.Errorf("%s prints\n%s\nthe README shows\n%s", where, got, want)
					}
				}
			}
		}
	}
	if ran < 8 {
		t.Errorf("only %d README commands ran: the README's blocks were not found", ran)
	}

	// The API examples, against dyad serve on the store made above.
	const tok = "readme-token"
	base, _ := startServe(t, "--db", "demo.db", "--token", tok)
	vars := map[string]string{"T": tok}
	ids := firstIDs(t, base)
	// $NEXT is the next_cursor of the page the same query gave without it.
	cursors := map[string]string{}
	for i, c := range curls {
		c = strings.NewReplacer("EVENT_ID", ids.event, "ARTICLE_ID", ids.article).Replace(c)
		plain := shellWords(c, nil) // $NEXT as ""
		key := strings.Replace(plain[len(plain)-1], "cursor=&", "", 1)
		vars["NEXT"] = cursors[key]
		if strings.Contains(c, "$NEXT") && vars["NEXT"] == "" {
			t.Errorf("README.md:%d: no page before it gave a next_cursor for %s", curlLines[i], key)
		}
		status, body, err := readmeCurl(base, shellWords(c, vars))
		where := fmt.Sprintf("README.md:%d: %s", curlLines[i], c)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		if status/100 != 2 {
			t.Errorf("%s: status %d\n%s", where, status, body)
			continue
		}
		var page struct {
			Next string `json:"next_cursor"`
		}
		if json.Unmarshal(body, &page) == nil {
			cursors[plain[len(plain)-1]] = page.Next
		}
	}
	if len(curls) < 10 {
		t.Errorf("only %d curl examples found", len(curls))
	}
	if *update && readme != string(raw) {
		if err := os.WriteFile(filepath.Join(repo, "README.md"), []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// lastLineWith returns the last line of s that starts with prefix.
func lastLineWith(s, prefix string) string {
	got := ""
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, prefix) {
			got = l
		}
	}
	return got
}

// storeIDs are an event's and an article's IDs, for the README's
// EVENT_ID and ARTICLE_ID.
type storeIDs struct{ event, article string }

// firstIDs returns the IDs of the newest event and its article.
func firstIDs(t *testing.T, base string) storeIDs {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/events?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Events []struct {
			ID         string `json:"id"`
			Provenance struct {
				ArticleID string `json:"article_id"`
			} `json:"provenance"`
		} `json:"events"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Events) == 0 {
		t.Fatalf("no event to show: %v", err)
	}
	return storeIDs{page.Events[0].ID, page.Events[0].Provenance.ArticleID}
}

// readmeCurl does what a README curl command line does (-X, -H, -d, -o
// and a URL on localhost:8080), against base instead.
func readmeCurl(base string, args []string) (int, []byte, error) {
	method, body, outFile, target := "GET", "", "", ""
	var headers [][2]string
	for i := 1; i < len(args); i++ {
		a := args[i]
		next := func() string {
			i++
			if i < len(args) {
				return args[i]
			}
			return ""
		}
		switch a {
		case "-X":
			method = next()
		case "-H":
			k, v, _ := strings.Cut(next(), ":")
			headers = append(headers, [2]string{k, strings.TrimSpace(v)})
		case "-d":
			body = next()
			if method == "GET" {
				method = "POST"
			}
		case "-o":
			outFile = next()
		default:
			if strings.HasPrefix(a, "-") {
				return 0, nil, fmt.Errorf("curl option %s not known to the test", a)
			}
			target = a
		}
	}
	if !strings.HasPrefix(target, "localhost:8080") {
		return 0, nil, fmt.Errorf("URL %q is not on localhost:8080", target)
	}
	req, err := http.NewRequest(method, base+strings.TrimPrefix(target, "localhost:8080"), strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	for _, h := range headers {
		req.Header.Set(h[0], h[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, err
	}
	if outFile != "" {
		if err := os.WriteFile(outFile, b, 0o644); err != nil {
			return 0, nil, err
		}
	}
	return resp.StatusCode, bytes.TrimSpace(b), nil
}
