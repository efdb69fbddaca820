package feed

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzArticleFromHTML feeds arbitrary bytes, with an arbitrary content
// type, to the extraction of an article from an HTML page (a page fetched
// from anywhere, or a local .html file): it must not panic, and what it
// returns is an article with text, valid UTF-8, the page URL as its ID, and
// a one-line title.
func FuzzArticleFromHTML(f *testing.F) {
	f.Add(fixture(f, "article.html"), "text/html; charset=utf-8")
	f.Add([]byte("<html><head><title>Port  talks</title></head><body><p>Kenya and Uganda met.</p><script>var x = 1;</script></body></html>"), "")
	f.Add([]byte("<p>caf\xe9 au lait</p>"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<meta charset=\"bogus\"><body>\xff\xfe\x00</body>"), "text/html; charset=nonesuch")
	f.Add([]byte("<table><tr><td><div><span>"+strings.Repeat("<b>", 300)+"deep"), "")
	f.Add([]byte(""), "")
	page, _ := url.Parse("https://news.example.org/2026/03/talks")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		a, err := articleFromHTML(data, contentType, page)
		if err != nil {
			if a != nil {
				t.Errorf("an article (%+v) with the error %v", a, err)
			}
			return
		}
		if a == nil || a.Text == "" {
			t.Fatalf("no error and no article text: %+v", a)
		}
		if a.ID != page.String() || a.URL != page.String() {
			t.Errorf("ID %q, URL %q: want the page's URL", a.ID, a.URL)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Errorf("invalid UTF-8: title %q, text %q", a.Title, a.Text)
		}
		if strings.ContainsAny(a.Title, "\n\r\t") || a.Title != strings.TrimSpace(a.Title) {
			t.Errorf("title not on one line: %q", a.Title)
		}
	})
}

// FuzzParseSources feeds arbitrary YAML to the sources file parser (the
// file dyad watch reads): it must not panic; an error names the file; and
// what it accepts is a list of feeds each with a name, a URL and an
// interval of at least the minimum, no two with the same name or URL.
func FuzzParseSources(f *testing.F) {
	f.Add("feeds:\n  - name: Wire\n    url: https://example.org/rss.xml\n    interval: 30m\n  - url: local.xml\n    fetch_articles: true\n")
	f.Add("feeds:\n  - url: https://a.example/feed\n  - url: https://a.example/feed\n")
	f.Add("feeds:\n  - name: \"   \"\n    url: https://b.example/x.xml\n")
	f.Add("feeds: {url: x}\n")
	f.Add("feeds:\n  - url: ftp://c.example/x\n    interval: 10s\n    colour: red\n")
	f.Add("- just\n- a list\n")
	f.Add("feeds: &a\n  - *a\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		srcs, err := ParseSources([]byte(data), "sources.yaml", "/srv/feeds")
		if err != nil {
			if srcs != nil {
				t.Errorf("sources %v with the error %v", srcs, err)
			}
			if !strings.HasPrefix(err.Error(), "sources.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		names, urls := map[string]bool{}, map[string]bool{}
		for _, s := range srcs {
			if s.Name == "" || s.Name != strings.TrimSpace(s.Name) {
				t.Errorf("source without a clean name: %+v", s)
			}
			u, perr := url.Parse(s.URL)
			if perr != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
				t.Errorf("source URL %q is not http(s) or file", s.URL)
			}
			if s.Interval < MinInterval {
				t.Errorf("interval %v", s.Interval)
			}
			if names[s.Name] || urls[s.URL] {
				t.Errorf("duplicate name or URL: %+v", s)
			}
			names[s.Name], urls[s.URL] = true, true
		}
	})
}
