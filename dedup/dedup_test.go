package dedup

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// original is a wire story written for this test.
const original = `NAIROBI, March 4 (Example Wire) - Kenya and Tanzania agreed on Tuesday to reopen three border crossings that were closed during a dispute over truck inspections, the two governments said in a joint statement.
The crossings at Namanga, Isebania and Taveta will reopen next week, and customs officers from both sides will inspect cargo at a single shared post.
Kenyan traders had complained for months that queues of lorries stretched for several kilometres on both sides of the frontier.
Tanzania's trade minister said the agreement would cut the cost of moving maize and cement between the two countries.
The dispute began last year when Tanzania introduced new weight checks that Kenyan haulers said were aimed at their trucks.
Officials from Uganda, which relies on the same corridor for its imports, welcomed the deal.
A committee of officials from both countries will meet every three months to review how the shared posts work.`

func TestNearDuplicates(t *testing.T) {
	republished := strings.Replace(original, "NAIROBI, March 4 (Example Wire) -", "DAR ES SALAAM, March 5 (Harbour Post) -", 1) +
		"\nThe East African Community secretariat said it hoped other members would follow the example."
	recased := strings.ToUpper(strings.ReplaceAll(original, "'", "’"))
	sameEvent := `Lorries will soon move freely again between Kenya and Tanzania after the neighbours settled a quarrel over inspections at their shared frontier on Tuesday.
Under the deal announced by both capitals, goods crossing at Namanga, Isebania and Taveta will be checked once, at joint posts, starting next week.
Hauliers welcomed the news, saying their drivers had waited days to cross since the weight checks were introduced.
Uganda, whose imports travel the same road, also praised the agreement.`
	unrelated := `Fishermen on Lake Victoria said on Friday that catches of Nile perch had fallen for a third year, and called on the government to enforce limits on net sizes.`

	fp := Fingerprint(original)
	tests := []struct {
		name    string
		text    string
		exact   bool
		atLeast float64
		below   float64
	}{
		{"same text", original, true, 1, 1.01},
		{"case, quotes and spacing", "  " + strings.ReplaceAll(recased, " ", "   "), true, 1, 1.01},
		{"new dateline, one sentence added", republished, false, DefaultMinSimilarity, 1},
		{"another outlet's story of the same event", sameEvent, false, 0, 0.3},
		{"unrelated story", unrelated, false, 0, 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprint(tt.text)
			if (got.Hash == fp.Hash) != tt.exact {
				t.Errorf("exact hash equal = %v, want %v", got.Hash == fp.Hash, tt.exact)
			}
			s := Similarity(fp.MinHash, got.MinHash)
			if s < tt.atLeast || s >= tt.below {
				t.Errorf("similarity %.3f, want in [%.2f, %.2f)", s, tt.atLeast, tt.below)
			}
			shared := 0
			for i := range fp.Bands {
				if fp.Bands[i] == got.Bands[i] {
					shared++
				}
			}
			if s >= DefaultMinSimilarity && shared == 0 {
				t.Errorf("similarity %.3f but no band shared: a store would never find it", s)
			}
			t.Logf("similarity %.3f, %d of %d bands shared", s, shared, NumBands)
		})
	}
}

func TestFingerprintEdges(t *testing.T) {
	empty := Fingerprint("")
	if empty.Hash == "" || empty.MinHash != nil || empty.Bands != nil {
		t.Errorf("empty text: %+v", empty)
	}
	if Fingerprint(" ... ").Hash != empty.Hash {
		t.Error("punctuation only should hash as empty text")
	}
	short := Fingerprint("Ceasefire")
	if len(short.MinHash) != NumHashes || len(short.Bands) != NumBands {
		t.Errorf("one word: %d hashes, %d bands", len(short.MinHash), len(short.Bands))
	}
	if Similarity(short.MinHash, Fingerprint("ceasefire!").MinHash) != 1 {
		t.Error("one word, case and punctuation changed: want similarity 1")
	}
	if Similarity(nil, short.MinHash) != 0 || Similarity(short.MinHash, short.MinHash[:3]) != 0 {
		t.Error("missing or mismatched signatures must score 0")
	}
	for _, b := range short.Bands {
		if int64(b) < 0 {
			t.Errorf("band %x does not fit a signed 64-bit column", b)
		}
	}
	if Bands([]uint32{1, 2}) != nil {
		t.Error("Bands of a short signature should be nil")
	}
}

func FuzzFingerprint(f *testing.F) {
	f.Add(original)
	f.Add("")
	f.Add("\xff\xfe broken \xc3 utf-8")
	f.Fuzz(func(t *testing.T, text string) {
		fp := Fingerprint(text)
		if len(fp.Hash) != 64 {
			t.Fatalf("hash %q", fp.Hash)
		}
		if fp.MinHash != nil && (len(fp.MinHash) != NumHashes || len(fp.Bands) != NumBands) {
			t.Fatalf("signature sizes %d, %d", len(fp.MinHash), len(fp.Bands))
		}
		if utf8.ValidString(text) && Fingerprint(strings.ToUpper(text)).Hash != fp.Hash && strings.ToLower(strings.ToUpper(text)) == strings.ToLower(text) {
			t.Fatalf("case changed the hash of %q", text)
		}
	})
}

func BenchmarkFingerprint(b *testing.B) {
	b.SetBytes(int64(len(original)))
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(original)
	}
}
