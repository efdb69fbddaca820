package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseSources(t *testing.T) {
	good := `feeds:
  - name: Ledger
    url: https://ledger.example/rss.xml
    interval: 30m
    fetch_articles: true
  - url: http://daily.example/atom
  - name: Local demo
    url: feeds/demo.xml
  - url: file:///srv/feeds/wire.xml
    interval: 1m
`
	srcs, err := ParseSources([]byte(good), "sources.yaml", "/etc/dyad")
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Name: "Ledger", URL: "https://ledger.example/rss.xml", Interval: 30 * time.Minute, FetchArticles: true},
		{Name: "daily.example", URL: "http://daily.example/atom", Interval: DefaultInterval},
		{Name: "Local demo", URL: "file:///etc/dyad/feeds/demo.xml", Interval: DefaultInterval},
		{Name: "wire.xml", URL: "file:///srv/feeds/wire.xml", Interval: time.Minute},
	}
	if len(srcs) != len(want) {
		t.Fatalf("got %+v", srcs)
	}
	for i := range want {
		if srcs[i] != want[i] {
			t.Errorf("source %d: %+v, want %+v", i, srcs[i], want[i])
		}
	}
}

func TestParseSourcesErrors(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		{"not yaml", "feeds: [", []string{"s.yaml: yaml:"}},
		{"empty", "", []string{"s.yaml: empty sources file"}},
		{"not a mapping", "- a\n- b\n", []string{"s.yaml:1: want a mapping"}},
		{"no feeds", "sources: []\n", []string{`s.yaml:1: unknown field "sources"`, "s.yaml:1: no feeds"}},
		{"feeds not a list", "feeds: yes\n", []string{"s.yaml:1: feeds: want a list"}},
		{"feed not a mapping", "feeds:\n  - https://a.example/\n", []string{"s.yaml:2: feed: want a mapping"}},
		{"no url", "feeds:\n  - name: A\n", []string{"s.yaml:2: feed without url"}},
		{"bad url", "feeds:\n  - url: \"http://a b.example/%zz\"\n", []string{`s.yaml:2: url "http://a b.example/%zz"`}},
		{"no host", "feeds:\n  - url: https:///rss\n", []string{"s.yaml:2: ", "no host"}},
		{"bad scheme", "feeds:\n  - name: A\n    url: ftp://a.example/rss\n", []string{`s.yaml:3: url "ftp://a.example/rss": unsupported scheme "ftp"`}},
		{"bad interval", "feeds:\n  - url: https://a.example/\n    interval: 5 minutes\n", []string{`s.yaml:3: interval "5 minutes"`}},
		{"short interval", "feeds:\n  - url: https://a.example/\n    interval: 30s\n", []string{"s.yaml:3: interval 30s: less than the minimum of 1m0s"}},
		{"interval not a string", "feeds:\n  - url: https://a.example/\n    interval: [1]\n", []string{"s.yaml:3: interval: want a duration"}},
		{"bad bool", "feeds:\n  - url: https://a.example/\n    fetch_articles: maybe\n", []string{"s.yaml:3: fetch_articles: want true or false"}},
		{"unknown field", "feeds:\n  - url: https://a.example/\n    intervall: 5m\n", []string{`s.yaml:3: unknown field "intervall"`}},
		{"duplicate url", "feeds:\n  - url: https://a.example/\n  - name: B\n    url: https://a.example/\n", []string{"s.yaml:4: duplicate url https://a.example/ (also at line 2)"}},
		{"duplicate name", "feeds:\n  - name: A\n    url: https://a.example/\n  - name: A\n    url: https://b.example/\n", []string{`s.yaml:4: duplicate name "A" (also at line 2)`}},
		{"all reported", "feeds:\n  - url: ftp://x/\n  - url: https://a.example/\n    interval: 1s\n", []string{"s.yaml:2:", "s.yaml:4:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSources([]byte(tt.yaml), "s.yaml", "/tmp")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadSources(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(p, []byte("feeds:\n  - url: local.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, err := LoadSources(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 || srcs[0].URL != "file://"+filepath.ToSlash(filepath.Join(dir, "local.xml")) {
		t.Errorf("%+v", srcs)
	}
	if _, err := LoadSources(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}
