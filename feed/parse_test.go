package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseFeed(t *testing.T) {
	type item struct {
		id, title, text string
		published       time.Time
	}
	for _, tt := range []struct {
		file, contentType, title string
		items                    []item
		lacks                    string // in no item's text
	}{
		{"rss2.xml", "", "Valdoria Ledger & Wire", []item{
			// content:encoded over description; a bare GUID gets the link's host
			{"ledger.example/ledger-1001", "Ministers meet on harbour rights",
				"The foreign ministers of Valdoria and Ostrenia met in the port city on Tuesday.\n\nThey agreed to meet again in July.",
				time.Date(2025, 6, 3, 9, 30, 0, 0, time.UTC)},
			// no GUID: the link; escaped HTML in the description
			{"https://ledger.example/2025/06/convoy", "Aid convoy crosses the river",
				"A Valdorian aid convoy crossed into Ostrenia & unloaded food.", time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)},
			// neither: a content hash
			{"sha256:", "", "An item with neither link nor guid nor title.", time.Time{}},
			// title only: the title is the text
			{"urn:ledger:1004", "Headline only", "Headline only", time.Time{}},
		}, "alert"},
		{"atom.xml", "", "Ostrenia Daily", []item{
			{"tag:daily.example,2025:entry-7", "Parliament debates water accord",
				"Ostrenia's parliament debated the water accord with Valdoria.\n\nA vote is expected on Friday.",
				time.Date(2025, 6, 5, 6, 15, 0, 0, time.UTC)},
			// no published date: the updated one
			{"tag:daily.example,2025:entry-8", "Envoy returns", "The Ostrenian envoy returned to Valdoria.",
				time.Date(2025, 6, 6, 7, 0, 0, 0, time.UTC)},
		}, ""},
		{"rdf.xml", "", "Valdoria Weekly", []item{
			{"https://weekly.example/summit", "Summit date set", "Leaders of Valdoria and Ostrenia will hold a summit in September.",
				time.Date(2025, 6, 7, 6, 0, 0, 0, time.UTC)},
		}, ""},
		// declared ISO-8859-1 in the XML declaration
		{"latin1.xml", "", "Gazette de Valdoria", []item{
			{"https://gazette.example/article-1", "Le ministre des Affaires étrangères reçoit son homologue",
				"Réunion à Valdor : les deux ministres ont évoqué la sécurité du détroit, déclare le porte-parole.", time.Time{}},
		}, "\uFFFD"},
		// declared by the HTTP Content-Type only
		{"latin1-nodecl.xml", "application/rss+xml; charset=ISO-8859-1", "Gazette de Valdoria", []item{
			{"https://gazette.example/article-1", "Le ministre des Affaires étrangères reçoit son homologue",
				"Réunion à Valdor : les deux ministres ont évoqué la sécurité du détroit, déclare le porte-parole.", time.Time{}},
		}, "\uFFFD"},
		// declared nowhere: windows-1252, the web's default
		{"latin1-nodecl.xml", "", "Gazette de Valdoria", []item{
			{"https://gazette.example/article-1", "Le ministre des Affaires étrangères reçoit son homologue",
				"Réunion à Valdor : les deux ministres ont évoqué la sécurité du détroit, déclare le porte-parole.", time.Time{}},
		}, "\uFFFD"},
	} {
		t.Run(tt.file+tt.contentType, func(t *testing.T) {
			res, err := ParseFeed(fixture(t, tt.file), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if res.Title != tt.title {
				t.Errorf("title %q, want %q", res.Title, tt.title)
			}
			if len(res.Articles) != len(tt.items) {
				t.Fatalf("%d articles, want %d: %+v", len(res.Articles), len(tt.items), res.Articles)
			}
			for i, w := range tt.items {
				a := res.Articles[i]
				if !strings.HasPrefix(a.ID, w.id) || a.Title != w.title || a.Text != w.text || !a.Published.Equal(w.published) {
					t.Errorf("item %d:\n got %q %q %q %v\nwant %q %q %q %v", i, a.ID, a.Title, a.Text, a.Published, w.id, w.title, w.text, w.published)
				}
				if a.Source != tt.title {
					t.Errorf("item %d: source %q", i, a.Source)
				}
				if tt.lacks != "" && strings.Contains(a.Text, tt.lacks) {
					t.Errorf("item %d: text has %q: %q", i, tt.lacks, a.Text)
				}
			}
		})
	}
}

func TestParseFeedUTF8DeclaredLatin1(t *testing.T) {
	// A feed that declares ISO-8859-1 but is UTF-8 is read as UTF-8, not
	// decoded twice.
	b := []byte(strings.Replace(string(fixture(t, "rss2.xml")), `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1))
	b = []byte(strings.Replace(string(b), "Ministers meet", "Ministres réunis", 1))
	res, err := ParseFeed(b, "text/xml; charset=iso-8859-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Articles[0].Title; got != "Ministres réunis on harbour rights" {
		t.Errorf("title %q", got)
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"malformed", fixture(t, "malformed.xml"), "malformed feed"},
		{"html", []byte("<!DOCTYPE html><html><body>Not a feed</body></html>"), "not an RSS, Atom or JSON feed"},
		{"empty", nil, "not an RSS, Atom or JSON feed"},
		{"binary", []byte("\x00\x01\x02\x89PNG"), "not an RSS, Atom or JSON feed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed(tt.data, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain  text\n\n\n\nsecond", "plain text\n\nsecond"},
		{"<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"},
		{"a<br>b", "a\nb"},
		{"<div>x<script>bad()</script><style>p{}</style></div>", "x"},
		{"&lt;b&gt; is a tag", "<b> is a tag"},
		{"", ""},
	} {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFeedParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rdf.xml", "latin1.xml", "malformed.xml"} {
		f.Add(fixture(f, name), "")
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"x"}]}`), "application/feed+json")
	f.Add([]byte("<?xml version='1.0' encoding='x-unknown'?><rss><channel><item><title>\xff</title></item></channel></rss>"), "text/xml; charset=bogus")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		res, err := ParseFeed(data, contentType)
		if err != nil {
			return
		}
		for _, a := range res.Articles {
			if a.ID == "" || a.Text == "" {
				t.Errorf("article without ID or text: %+v", a)
			}
		}
	})
}
