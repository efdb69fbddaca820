// Package dedup fingerprints article text so that a store can recognise
// republished wire copy: an exact hash of the normalised text, and a MinHash
// signature over word shingles whose banded hashes find near-duplicates (the
// same story with a new headline, another dateline or a sentence added)
// without comparing every pair of articles.
package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// Signature sizes: NumHashes MinHash positions, cut into NumBands bands of
// RowsPerBand positions. Two texts whose shingle sets have Jaccard
// similarity s share at least one band with probability 1-(1-s^4)^16: 0.99
// at s = 0.7, 0.75 at s = 0.5, 0.12 at s = 0.3.
const (
	NumHashes   = 64
	NumBands    = 16
	RowsPerBand = NumHashes / NumBands
)

// ShingleWords is the number of words in a shingle.
const ShingleWords = 3

// DefaultMinSimilarity is the estimated Jaccard similarity from which an
// article counts as a near-duplicate of an earlier one. A wire story with a
// new dateline and one sentence added scores about 0.8; two outlets'
// own stories about the same event score well under 0.3.
const DefaultMinSimilarity = 0.6

// Fingerprint returns the fingerprint of an article text. It reads the text
// only (not the headline, which republishers change first).
func Fingerprint(text string) dyad.Fingerprint {
	words := normalisedWords(text)
	h := sha256.New()
	for i, w := range words {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	fp := dyad.Fingerprint{Hash: hex.EncodeToString(h.Sum(nil))}
	if len(words) == 0 {
		return fp
	}
	sig := make([]uint32, NumHashes)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	n := len(words) - ShingleWords + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		end := min(i+ShingleWords, len(words))
		x := shingleHash(words[i:end])
		for j := range sig {
			if v := uint32(mix(x^seed(j)) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	fp.MinHash = sig
	fp.Bands = Bands(sig)
	return fp
}

// Bands returns the band hashes of a MinHash signature: one per band, each
// mixing the band's index with its positions, so equal bands at different
// indexes do not collide.
func Bands(sig []uint32) []uint64 {
	if len(sig) != NumHashes {
		return nil
	}
	out := make([]uint64, NumBands)
	for b := range out {
		x := uint64(b+1) * 0x9e3779b97f4a7c15
		for _, v := range sig[b*RowsPerBand : (b+1)*RowsPerBand] {
			x = mix(x ^ uint64(v))
		}
		// Stores keep band hashes in signed 64-bit columns; clear the top
		// bit so that every driver round-trips them unchanged.
		out[b] = x &^ (1 << 63)
	}
	return out
}

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two MinHash signatures: the share of positions where they agree. It is 0
// when either is missing or they differ in length.
func Similarity(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// normalisedWords splits text into lower-cased words of letters and digits,
// so that changes of case, spacing, punctuation and quotation marks do not
// change a fingerprint. Invalid UTF-8 bytes separate words.
func normalisedWords(text string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// Apostrophes join: "Kenya's" and "Kenya’s" are one word.
		default:
			flush()
		}
	}
	flush()
	return words
}

// shingleHash hashes a run of words (FNV-1a, 64 bits, with a separator).
func shingleHash(words []string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= prime
		}
		h ^= 0xff
		h *= prime
	}
	return h
}

// seed is the j-th MinHash function's key.
func seed(j int) uint64 { return mix(uint64(j+1) * 0xbf58476d1ce4e5b9) }

// mix is the SplitMix64 finaliser: a fast, well-distributed 64-bit mix.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
