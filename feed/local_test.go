package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// readAll reads path with r and returns the articles and failures.
func readAll(t *testing.T, r *Reader, path string) ([]*dyad.Article, []*Failure) {
	t.Helper()
	var fails []*Failure
	r.Report = func(f *Failure) { fails = append(fails, f) }
	var arts []*dyad.Article
	if err := r.Read(context.Background(), path, func(a *dyad.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return arts, fails
}

func TestReadTree(t *testing.T) {
	def := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	arts, fails := readAll(t, &Reader{Date: def}, filepath.Join("testdata", "tree"))
	byID := map[string]*dyad.Article{}
	var ids []string
	for _, a := range arts {
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	// Lexical walk order; notes.md and the hidden file skipped; the
	// malformed JSONL line reported, the rest read.
	want := "l1,batch.jsonl:3,headline.txt,json-1,plain.txt,sub/page.html"
	if got := strings.Join(ids, ","); got != want {
		t.Errorf("ids\n got %s\nwant %s", got, want)
	}
	if len(fails) != 1 || !strings.HasSuffix(fails[0].Location, filepath.Join("tree", "batch.jsonl")+":2") ||
		!strings.Contains(fails[0].Error(), "bad JSON") || fails[0].Warning {
		t.Errorf("failures: %v", fails)
	}
	for _, tt := range []struct {
		id, title, textHas, textLacks string
		date                          time.Time
	}{
		{"headline.txt", "Harbour talks resume in Valdoria", "Harbour talks resume", "", def},
		{"plain.txt", "", "recalled its ambassador", "", def},
		{"json-1", "Aid pledged", "emergency aid", "", time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)},
		{"l1", "", "thanked Valdoria", "", time.Date(2025, 6, 3, 8, 0, 0, 0, time.UTC)},
		{"batch.jsonl:3", "", "water-sharing accord", "", time.Date(2025, 6, 4, 0, 0, 0, 0, time.UTC)},
		{"sub/page.html", "Border crossing reopens", "reopened its northern border crossing", "do not read me", def},
	} {
		a := byID[tt.id]
		if a == nil {
			t.Errorf("%s: not read", tt.id)
			continue
		}
		// readability may keep the site name after the page's title.
		if a.Title != tt.title && (tt.title == "" || !strings.HasPrefix(a.Title, tt.title)) {
			t.Errorf("%s: title %q, want %q", tt.id, a.Title, tt.title)
		}
		if !strings.Contains(a.Text, tt.textHas) || (tt.textLacks != "" && strings.Contains(a.Text, tt.textLacks)) {
			t.Errorf("%s: text %q", tt.id, a.Text)
		}
		if !a.Published.Equal(tt.date) {
			t.Errorf("%s: published %v, want %v", tt.id, a.Published, tt.date)
		}
	}
	if a := byID["json-1"]; a != nil && a.Source != "Example Wire" {
		t.Errorf("json-1 source %q", a.Source)
	}
}

func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		name    string
		data    []byte
		reader  Reader
		arts    int
		failure string // "" for none
		warning bool
	}{
		{"empty.txt", []byte(" \n\t\n"), Reader{}, 0, "empty input", false},
		{"nul.txt", []byte("\x7fELF\x02\x01\x01\x00\x00"), Reader{}, 0, "binary input (NUL bytes)", false},
		{"ctrl.txt", bytes.Repeat([]byte{1, 2, 3, 'a'}, 100), Reader{}, 0, "binary input (control bytes)", false},
		{"latin1.txt", []byte("Caf\xe9 talks in Valdor."), Reader{}, 1, "invalid UTF-8 replaced", true},
		{"big.txt", bytes.Repeat([]byte("word "), 100), Reader{MaxBytes: 100}, 0, "larger than 100 bytes", false},
		{"bad.json", []byte(`{"text": 5}`), Reader{}, 0, "bad JSON", false},
		{"notext.json", []byte(`{"id":"x","text":"  "}`), Reader{}, 0, "article without text", false},
		{"date.json", []byte(`{"text":"Talks.","date":"June 5"}`), Reader{}, 1, "bad date \"June 5\"", false}, // a failure, with the article read undated
		{"long.jsonl", []byte(`{"text":"` + strings.Repeat("x", 200) + "\"}\n{\"text\":\"short\"}\n"), Reader{MaxBytes: 100}, 1, "long.jsonl:1: line larger than 100 bytes", false},
		{"crlf.jsonl", []byte("{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\"}"), Reader{}, 2, "", false},
		{"forced.log", []byte(`{"id":"f","text":"forced JSONL"}`), Reader{Format: FormatJSONL}, 1, "", false},
		{"other.log", []byte("An explicitly named file of unknown type is text."), Reader{}, 1, "", false},
		{"broken.html", []byte("<html><body><script>x()</script></body></html>"), Reader{}, 0, "no article text", false},
		{"feed.rss", []byte("<rss><channel><item><title>T</title><description>D</description></item></channel></rss>"), Reader{}, 1, "", false},
		{"notfeed.xml", []byte("<html><body>no</body></html>"), Reader{}, 0, "not an RSS, Atom or JSON feed", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := write(tt.name, tt.data)
			r := tt.reader
			arts, fails := readAll(t, &r, p)
			if len(arts) != tt.arts {
				t.Errorf("%d articles, want %d", len(arts), tt.arts)
			}
			if tt.failure == "" {
				if len(fails) > 0 {
					t.Errorf("failures: %v", fails)
				}
				return
			}
			if len(fails) != 1 || !strings.Contains(fails[0].Error(), tt.failure) || fails[0].Warning != tt.warning {
				t.Errorf("failures %v, want one with %q (warning %v)", fails, tt.failure, tt.warning)
			} else if !strings.HasPrefix(fails[0].Location, p) {
				t.Errorf("location %q does not name %s", fails[0].Location, p)
			}
		})
	}
}

func TestReadMissingAndStdin(t *testing.T) {
	arts, fails := readAll(t, &Reader{}, filepath.Join(t.TempDir(), "missing.txt"))
	if len(arts) != 0 || len(fails) != 1 || !strings.Contains(fails[0].Error(), "missing.txt: no such file") {
		t.Errorf("missing: %v %v", arts, fails)
	}
	arts, fails = readAll(t, &Reader{Stdin: strings.NewReader("From stdin.")}, "-")
	if len(fails) != 0 || len(arts) != 1 || arts[0].ID != "stdin" || arts[0].Text != "From stdin." {
		t.Errorf("stdin: %v %v", arts, fails)
	}
	arts, _ = readAll(t, &Reader{Stdin: strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), Format: FormatJSONL}, "-")
	if len(arts) != 2 || arts[1].ID != "stdin:2" {
		t.Errorf("stdin JSONL: %v", arts)
	}
}

func TestReadStops(t *testing.T) {
	// fn's error stops the run and is returned.
	stop := errors.New("stop")
	n := 0
	err := (&Reader{}).Read(context.Background(), filepath.Join("testdata", "tree"), func(*dyad.Article) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d articles", err, n)
	}
	// A cancelled context stops it too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = (&Reader{}).Read(ctx, filepath.Join("testdata", "tree"), func(*dyad.Article) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestHeadline(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Talks resume\n\nBody.", "Talks resume"},
		{"\n\nTalks resume\r\n\r\nBody.", "Talks resume"},
		{"A sentence that ends.\n\nBody.", ""},
		{"Line one\nline two\n", ""},
		{"Only one line", ""},
		{"Quoted “headline”\n\nBody", ""},
		{strings.Repeat("x", 201) + "\n\nBody", ""},
	} {
		if got := headline(tt.text); got != tt.want {
			t.Errorf("headline(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"Ghana praised Togo.\"}\n{bad\n"))
	f.Add([]byte("\n\n{\"id\":1}\n"))
	f.Add([]byte("{\"id\":\"a\",\"date\":\"x\",\"text\":\"\\u0000\"}"))
	f.Add([]byte("{\"text\":\"\xff\xfe\"}\r\n" + strings.Repeat("x", 70)))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := &Reader{Stdin: bytes.NewReader(in), Format: FormatJSONL, MaxBytes: 64}
		lines := bytes.Count(in, []byte("\n")) + 1
		got := 0
		r.Report = func(f *Failure) {
			if !strings.HasPrefix(f.Location, "stdin:") {
				t.Errorf("failure without a line: %v", f)
			}
		}
		err := r.Read(context.Background(), "-", func(a *dyad.Article) error {
			got++
			if a.ID == "" || (a.Text == "" && a.Title == "") {
				t.Errorf("article %+v", a)
			}
			return nil
		})
		if err != nil {
			t.Error(err)
		}
		if got > lines {
			t.Errorf("%d articles from %d lines", got, lines)
		}
	})
}

// jsonlFixture is n JSONL articles of about 2 KB each.
func jsonlFixture(n int) []byte {
	var b bytes.Buffer
	para := strings.Repeat("The ministers of Valdoria and Ostrenia met again to discuss the harbour. ", 28)
	for i := range n {
		fmt.Fprintf(&b, `{"id":"a%d","date":"2025-06-%02d","title":"Talks %d","text":%q,"source":"Ledger"}`+"\n", i, i%28+1, i, para)
	}
	return b.Bytes()
}

func BenchmarkReadJSONL(b *testing.B) {
	data := jsonlFixture(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := &Reader{Stdin: bytes.NewReader(data), Format: FormatJSONL}
		n := 0
		if err := r.Read(context.Background(), "-", func(*dyad.Article) error { n++; return nil }); err != nil || n != 1000 {
			b.Fatalf("%v, %d articles", err, n)
		}
	}
}
