package geo_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/geo"
	"github.com/dyad-events/dyad/nlp"
)

// TestEmbeddedChecksum checks the embedded file against the SHA-256
// recorded beside it by geo/internal/gen.
func TestEmbeddedChecksum(t *testing.T) {
	data, err := os.ReadFile("gazetteer.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := os.ReadFile("gazetteer.bin.gz.sha256")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want, _, _ := strings.Cut(strings.TrimSpace(string(rec)), " ")
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("gazetteer.bin.gz has sha256 %s, gazetteer.bin.gz.sha256 records %s (rebuild with geo/internal/gen)", got, want)
	}
	if geo.EmbeddedSize() != len(data) {
		t.Errorf("embedded %d bytes, file has %d", geo.EmbeddedSize(), len(data))
	}
}

func TestEmbeddedLoads(t *testing.T) {
	g := geo.Embedded()
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if n := g.Len(); n < 25000 {
		t.Errorf("%d entries, want >= 25000", n)
	}
	for _, c := range []string{"UKR", "USA", "GEO", "XKX", "PSE", "SSD"} {
		if _, ok := g.Country(c); !ok {
			t.Errorf("no country %s", c)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kharkiv", "kharkiv"},
		{"Sana'a", "sanaa"},
		{"Ivano-Frankivsk", "ivano frankivsk"},
		{"  São   Paulo ", "sao paulo"},
		{"Kraków", "krakow"},
		{"Mitrovicë", "mitrovice"},
		{"Chișinău", "chisinau"},
		{"Port-au-Prince", "port au prince"},
		{"Al Ḩudaydah", "al hudaydah"},
		{"Москва", "москва"},
		{"", ""},
		{"--", ""},
	}
	for _, tt := range tests {
		if got := geo.Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := geo.Embedded()
	tests := []struct {
		name, country string
		kind          geo.Kind
	}{
		{"Kharkiv", "UKR", geo.KindPlace},
		{"kyiv", "UKR", geo.KindPlace},
		{"Tripoli", "LBY", geo.KindPlace},
		{"Georgia", "USA", geo.KindAdmin1}, // most populous first; resolution prefers the country
		{"Texas", "USA", geo.KindAdmin1},
		{"Donetsk", "UKR", geo.KindAdmin1},
		{"Rio de Janeiro", "BRA", geo.KindAdmin1},
		{"São Paulo", "BRA", geo.KindAdmin1},
		{"Ukraine", "UKR", geo.KindCountry},
	}
	for _, tt := range tests {
		hs := g.Lookup(tt.name)
		if len(hs) == 0 {
			t.Errorf("Lookup(%q): nothing", tt.name)
			continue
		}
		found := false
		for _, h := range hs {
			if h.Country == tt.country && h.Kind == tt.kind {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q): no %s in %s among %d hits", tt.name, tt.kind, tt.country, len(hs))
		}
	}
	if hs := g.Lookup("Xyzzyville"); len(hs) != 0 {
		t.Errorf("Lookup(Xyzzyville) = %d hits", len(hs))
	}
}

func TestLookupAllocs(t *testing.T) {
	g := geo.Embedded()
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { g.Lookup("Rio de Janeiro") }); n != 0 {
		t.Errorf("Lookup allocates %.0f times, want 0", n)
	}
}

func TestReadErrors(t *testing.T) {
	rec := "P\t1\tUKR\t07\tPPLA\t100\t49.9\t36.2\tKharkiv\t\t"
	tests := []struct{ name, in, want string }{
		{"empty", "", "line 1: empty"},
		{"bad header", "gazetteer\t1\n", "line 1: want header"},
		{"count", geo.FormatHeader + "\t2\n" + rec + "\n", "1 records, header says 2"},
		{"fields", geo.FormatHeader + "\t1\nP\t1\n", "line 2: 2 fields"},
		{"kind", geo.FormatHeader + "\t1\n" + strings.Replace(rec, "P", "X", 1) + "\n", "line 2: unknown kind"},
		{"coords", geo.FormatHeader + "\t1\n" + strings.Replace(rec, "49.9", "99.9", 1) + "\n", "line 2: bad coordinates"},
		{"population", geo.FormatHeader + "\t1\n" + strings.Replace(rec, "100", "-5", 1) + "\n", "line 2: bad population"},
		{"country", geo.FormatHeader + "\t1\n" + strings.Replace(rec, "UKR", "UK", 1) + "\n", "line 2: bad country code"},
		{"name", geo.FormatHeader + "\t1\n" + strings.Replace(rec, "Kharkiv", "--", 1) + "\n", "line 2: empty name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := geo.Read(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read: error %v, want one containing %q", err, tt.want)
			}
		})
	}
	g, err := geo.Read(strings.NewReader(geo.FormatHeader + "\t1\n" + rec + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if hs := g.Lookup("KHARKIV"); len(hs) != 1 || hs[0].ID != 1 || !hs[0].Primary {
		t.Errorf("Lookup after Read: %+v", hs)
	}
}

// FuzzRead feeds arbitrary gazetteer text to Read and arbitrary names to
// Lookup and Find: no panic, and a name found is found again by its key.
func FuzzRead(f *testing.F) {
	f.Add(geo.FormatHeader+"\t1\nP\t1\tUKR\t07\tPPLA\t100\t49.9\t36.2\tKharkiv\tCharkiw|Kharkov\t\n", "Kharkov")
	f.Add(geo.FormatHeader+"\t1\nC\t0\tGEO\t\t\t5\t42\t43.5\tGeorgia\t\tGeorgian\n", "in Georgia")
	f.Add("junk\n\x00\xff", "São\tPaulo")
	f.Fuzz(func(t *testing.T, data, name string) {
		g, err := geo.Read(strings.NewReader(data))
		if err != nil {
			return
		}
		for _, h := range g.Lookup(name) {
			if h.Entry == nil {
				t.Fatal("nil entry")
			}
		}
		if k := geo.Key(name); k != geo.Key(k) {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", name, k, geo.Key(k))
		}
		doc := &nlp.Document{Text: name, Sentences: []nlp.Sentence{{Start: 0, End: len(name)}}}
		for i, w := range strings.Fields(name) {
			doc.Sentences[0].Tokens = append(doc.Sentences[0].Tokens, nlp.Token{Text: w, UPOS: "PROPN", Head: i - 1})
		}
		g.Places(doc, []string{"UKR"})
	})
}

// FuzzLookup looks arbitrary names up in the embedded gazetteer.
func FuzzLookup(f *testing.F) {
	g := geo.Embedded()
	for _, s := range []string{"Kharkiv", "Rio de Janeiro", "Sana'a", "\xff\xfe", "Ivano-Frankivsk", strings.Repeat("a ", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		hs := g.Lookup(name)
		for i := 1; i < len(hs); i++ {
			if hs[i].Population > hs[i-1].Population {
				t.Fatalf("Lookup(%q) not by population", name)
			}
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if err := geo.Embedded().Err(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(geo.EmbeddedSize()), "embedded-bytes")
}

func BenchmarkLookup(b *testing.B) {
	g := geo.Embedded()
	if err := g.Err(); err != nil {
		b.Fatal(err)
	}
	names := []string{"Kharkiv", "Rio de Janeiro", "Georgia", "Sana'a", "São Paulo", "Nowhere Town"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(names[i%len(names)])
		i++
	}
}

func BenchmarkFind(b *testing.B) {
	an, err := nlp.Load()
	if err != nil {
		b.Fatal(err)
	}
	g := geo.Embedded()
	text, err := os.ReadFile("testdata/places.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var docs []*nlp.Document
	for _, l := range bytes.Split(text, []byte("\n"))[:50] {
		docs = append(docs, an.Process(string(l)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		g.Places(docs[i%len(docs)], nil)
		i++
	}
}
