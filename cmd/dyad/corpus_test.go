package main

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusPath is the sample corpus of wire-style articles written for dyad.
var corpusPath = filepath.Join("..", "..", "examples", "corpus", "articles.jsonl")

// corpusArticle is one line of the corpus: the JSONL article fields.
type corpusArticle struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	URL    string `json:"url"`
	Source string `json:"source"`
}

// TestCorpusWellFormed checks the sample corpus without loading the model:
// enough articles, exactly the JSONL article fields, dates in range, unique
// ids, reserved example domains, and a Ukraine ceasefire thread.
func TestCorpusWellFormed(t *testing.T) {
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	wantKeys := []string{"date", "id", "source", "text", "title", "url"}
	first := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	ids := map[string]int{}
	lines, ukraine := 0, 0

	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		lines++
		n := lines
		b := sc.Bytes()
		if !utf8.Valid(b) {
			t.Errorf("line %d: not valid UTF-8", n)
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Errorf("line %d: %v", n, err)
			continue
		}
		keys := make([]string, 0, len(raw))
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if strings.Join(keys, ",") != strings.Join(wantKeys, ",") {
			t.Errorf("line %d: fields %v, want exactly %v", n, keys, wantKeys)
		}
		var a corpusArticle
		if err := json.Unmarshal(b, &a); err != nil {
			t.Errorf("line %d: %v", n, err)
			continue
		}
		if a.ID == "" || a.Title == "" || a.Source == "" || strings.TrimSpace(a.Text) == "" {
			t.Errorf("line %d (%s): empty id, title, source or text", n, a.ID)
		}
		if prev, ok := ids[a.ID]; ok {
			t.Errorf("line %d: id %q already used on line %d", n, a.ID, prev)
		}
		ids[a.ID] = n
		d, err := time.Parse("2006-01-02", a.Date)
		if err != nil {
			t.Errorf("line %d (%s): date %q: %v", n, a.ID, a.Date, err)
		} else if d.Before(first) || d.After(last) {
			t.Errorf("line %d (%s): date %s outside 2024-01-01..2026-11-30", n, a.ID, a.Date)
		}
		u, err := url.Parse(a.URL)
		if err != nil || u.Scheme != "https" || (u.Host != "example.org" && u.Host != "example.com" && u.Host != "example.net") {
			t.Errorf("line %d (%s): url %q is not on a reserved example domain", n, a.ID, a.URL)
		}
		if strings.Contains(a.Text, "Ukrain") {
			ukraine++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 90 {
		t.Errorf("%d articles, want at least 90", lines)
	}
	if ukraine < 20 {
		t.Errorf("%d articles mention Ukraine, want at least 20", ukraine)
	}
}
