// Package geo finds the places named in news text and resolves them against
// an embedded gazetteer, so that each event can say where it happened.
//
// The gazetteer holds every country, every first-level administrative
// division and every populated place of at least 15,000 people (plus every
// capital and first-level seat), with Latin-script alternate names,
// population and coordinates, derived from GeoNames (CC BY 4.0) and
// world-countries (ODbL); see NOTICE. It is embedded gzip-compressed and
// read on first use. geo/internal/gen rebuilds it.
package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed gazetteer.bin.gz
var embedded []byte

// FormatHeader opens the first line of a gazetteer file; the number of
// records follows it after a tab.
const FormatHeader = "dyad-gazetteer/1"

// Kind says what sort of place an Entry is.
type Kind uint8

// The kinds of gazetteer entries.
const (
	// KindPlace is a populated place (a city, a town).
	KindPlace Kind = iota + 1
	// KindAdmin1 is a first-level administrative division.
	KindAdmin1
	// KindCountry is a country or territory with its own ISO code.
	KindCountry
)

// String returns the kind's one-word name.
func (k Kind) String() string {
	switch k {
	case KindPlace:
		return "place"
	case KindAdmin1:
		return "admin1"
	case KindCountry:
		return "country"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one place of the gazetteer.
type Entry struct {
	// ID is the GeoNames ID of a populated place; 0 for divisions and
	// countries (the sources do not carry theirs).
	ID int64
	// Kind says whether this is a place, a division or a country.
	Kind Kind
	// Country is the ISO 3166-1 alpha-3 code of the country.
	Country string
	// Admin1 is the GeoNames code of the first-level division (within the
	// country) a place lies in, or the division's own code.
	Admin1 string
	// Feature is the GeoNames feature code of a place (PPL, PPLA, PPLC...),
	// ADM1 for a division, empty for a country.
	Feature string
	// Population is the place's population; for a division or country, the
	// sum over its places of 500 or more people.
	Population int64
	// Lat and Lon are WGS 84 degrees: the place itself, or a representative
	// point (the mean position of its places) for a division or country.
	Lat, Lon float64
	// Name is the English (or ASCII) name.
	Name string
	// Alt are alternate Latin-script names.
	Alt []string
	// Demonyms are the English adjectives of a country ("Ukrainian").
	Demonyms []string
}

// Hit is an entry found under a name.
type Hit struct {
	// Entry is the place.
	*Entry
	// Primary is true when the name is the entry's own name, false for an
	// alternate.
	Primary bool
}

// Gazetteer is a read-only index of places by name. The zero value is not
// usable; get one from Embedded or Read. It is safe for concurrent use.
type Gazetteer struct {
	once sync.Once
	src  []byte // gzip data to load lazily; nil once loaded
	err  error

	entries   []Entry
	byName    map[string][]Hit
	byCountry map[string]*Entry
	byAdmin1  map[string]*Entry // "UKR.07"
	demonym   map[string]string // key -> ISO3
	maxWords  int
}

// Embedded returns the gazetteer built into the binary. It is read (about
// 25,000 records) on first use, not here; Err reports a failure to read it.
func Embedded() *Gazetteer {
	return &Gazetteer{src: embedded}
}

// EmbeddedSize is the size in bytes of the compressed gazetteer in the
// binary.
func EmbeddedSize() int { return len(embedded) }

// load reads the lazy source, once.
func (g *Gazetteer) load() {
	g.once.Do(func() {
		if g.src == nil {
			return
		}
		zr, err := gzip.NewReader(bytes.NewReader(g.src))
		if err != nil {
			g.err = fmt.Errorf("geo: embedded gazetteer: %w", err)
			return
		}
		h, err := Read(zr)
		if err != nil {
			g.err = fmt.Errorf("geo: embedded gazetteer: %w", err)
			return
		}
		g.entries, g.byName, g.byCountry, g.byAdmin1, g.demonym, g.maxWords =
			h.entries, h.byName, h.byCountry, h.byAdmin1, h.demonym, h.maxWords
		g.src = nil
	})
}

// Err loads the gazetteer if it is not loaded yet and reports whether it
// could be read.
func (g *Gazetteer) Err() error {
	g.load()
	return g.err
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int {
	g.load()
	return len(g.entries)
}

// Lookup returns the entries named name (case, diacritics, hyphens and
// apostrophes ignored), most populous first. The slice belongs to the
// gazetteer and must not be changed. Lookup does not allocate for names
// of up to 96 bytes.
func (g *Gazetteer) Lookup(name string) []Hit {
	g.load()
	var buf [96]byte
	k := AppendKey(buf[:0], name)
	return g.byName[string(k)]
}

// Country returns the country with ISO 3166-1 alpha-3 code iso3.
func (g *Gazetteer) Country(iso3 string) (*Entry, bool) {
	g.load()
	e, ok := g.byCountry[iso3]
	return e, ok
}

// Admin1 returns the first-level division of a place (or the division
// itself), if the gazetteer knows it.
func (g *Gazetteer) Admin1(e *Entry) (*Entry, bool) {
	g.load()
	if e == nil || e.Admin1 == "" {
		return nil, false
	}
	a, ok := g.byAdmin1[e.Country+"."+e.Admin1]
	return a, ok
}

// Demonym returns the ISO3 code of the country whose adjective word is
// ("Ukrainian" -> UKR).
func (g *Gazetteer) Demonym(word string) (string, bool) {
	g.load()
	var buf [96]byte
	c, ok := g.demonym[string(AppendKey(buf[:0], word))]
	return c, ok
}

// Read parses a gazetteer in its text form: a header line
// "dyad-gazetteer/1<TAB>N", then N records of 11 tab-separated fields:
// kind (C country, A division, P place), GeoNames ID, ISO3 country, admin1
// code, feature code, population, latitude, longitude, name, alternate
// names and demonyms (both "|"-separated). Errors give the line.
func Read(r io.Reader) (*Gazetteer, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("line 1: %w", err)
		}
		return nil, fmt.Errorf("line 1: empty gazetteer")
	}
	head, count, ok := strings.Cut(sc.Text(), "\t")
	n, err := strconv.Atoi(count)
	if !ok || head != FormatHeader || err != nil || n < 0 {
		return nil, fmt.Errorf("line 1: want header %q and a count", FormatHeader)
	}
	g := &Gazetteer{
		entries:   make([]Entry, 0, min(n, 1<<20)),
		byName:    map[string][]Hit{},
		byCountry: map[string]*Entry{},
		byAdmin1:  map[string]*Entry{},
		demonym:   map[string]string{},
	}
	line := 1
	for sc.Scan() {
		line++
		e, err := parseRecord(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		g.entries = append(g.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	if len(g.entries) != n {
		return nil, fmt.Errorf("line %d: %d records, header says %d", line, len(g.entries), n)
	}
	g.index()
	g.once.Do(func() {}) // loaded already
	return g, nil
}

func parseRecord(text string) (Entry, error) {
	var e Entry
	if !utf8.ValidString(text) {
		return e, fmt.Errorf("invalid UTF-8")
	}
	f := strings.Split(text, "\t")
	if len(f) != 11 {
		return e, fmt.Errorf("%d fields, want 11", len(f))
	}
	switch f[0] {
	case "C":
		e.Kind = KindCountry
	case "A":
		e.Kind = KindAdmin1
	case "P":
		e.Kind = KindPlace
	default:
		return e, fmt.Errorf("unknown kind %q", f[0])
	}
	var err error
	if e.ID, err = strconv.ParseInt(f[1], 10, 64); err != nil || e.ID < 0 {
		return e, fmt.Errorf("bad id %q", f[1])
	}
	if len(f[2]) != 3 {
		return e, fmt.Errorf("bad country code %q", f[2])
	}
	e.Country, e.Admin1, e.Feature = f[2], f[3], f[4]
	if e.Population, err = strconv.ParseInt(f[5], 10, 64); err != nil || e.Population < 0 {
		return e, fmt.Errorf("bad population %q", f[5])
	}
	lat, err1 := strconv.ParseFloat(f[6], 64)
	lon, err2 := strconv.ParseFloat(f[7], 64)
	if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
		return e, fmt.Errorf("bad coordinates %q %q", f[6], f[7])
	}
	e.Lat, e.Lon = lat, lon
	if Key(f[8]) == "" {
		return e, fmt.Errorf("empty name")
	}
	e.Name = f[8]
	if f[9] != "" {
		e.Alt = strings.Split(f[9], "|")
	}
	if f[10] != "" {
		e.Demonyms = strings.Split(f[10], "|")
	}
	if e.Kind == KindAdmin1 && e.Admin1 == "" {
		return e, fmt.Errorf("division without a code")
	}
	return e, nil
}

// index builds the name maps.
func (g *Gazetteer) index() {
	for i := range g.entries {
		e := &g.entries[i]
		g.add(e.Name, Hit{e, true})
		for _, a := range e.Alt {
			g.add(a, Hit{e, false})
		}
		switch e.Kind {
		case KindCountry:
			g.byCountry[e.Country] = e
			for _, d := range e.Demonyms {
				if k := Key(d); k != "" {
					g.demonym[k] = e.Country
				}
			}
		case KindAdmin1:
			g.byAdmin1[e.Country+"."+e.Admin1] = e
		}
	}
	for k, hs := range g.byName {
		sort.SliceStable(hs, func(i, j int) bool {
			if hs[i].Population != hs[j].Population {
				return hs[i].Population > hs[j].Population
			}
			return hs[i].Name < hs[j].Name
		})
		g.byName[k] = hs
	}
}

func (g *Gazetteer) add(name string, h Hit) {
	k := Key(name)
	if k == "" {
		return
	}
	for _, x := range g.byName[k] {
		if x.Entry == h.Entry {
			return
		}
	}
	g.byName[k] = append(g.byName[k], h)
	if w := strings.Count(k, " ") + 1; w > g.maxWords {
		g.maxWords = min(w, 8)
	}
}

// Key returns the form names are indexed under: lower case, Latin
// diacritics removed, apostrophes dropped, every other run of
// non-alphanumeric characters one space ("Sana'a" -> "sanaa",
// "Ivano-Frankivsk" -> "ivano frankivsk").
func Key(name string) string {
	var buf [96]byte
	return string(AppendKey(buf[:0], name))
}

// AppendKey appends the Key of name to dst.
func AppendKey(dst []byte, name string) []byte {
	space := false
	start := len(dst)
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				continue
			default:
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		if r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ' {
			continue
		}
		if f := fold(r); f != "" {
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, f...)
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// latin1 maps U+00C0..U+017F to their base letters ("" keeps the rune).
var latin1 = [...]string{
	// C0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	// E0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	// 100
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
}

// fold returns the ASCII letters of a Latin letter with diacritics, or "".
func fold(r rune) string {
	switch {
	case r >= 0xC0 && r <= 0x17F:
		return latin1[r-0xC0]
	case r == 'ș' || r == 'Ș' || r == 'ş' || r == 'Ş':
		return "s"
	case r == 'ț' || r == 'Ț' || r == 'ţ' || r == 'Ţ':
		return "t"
	case r == 'ə' || r == 'Ə':
		return "a"
	case r == 'ạ' || r == 'ả' || r == 'ấ' || r == 'ầ' || r == 'ậ':
		return "a"
	case r == 'ệ' || r == 'ế' || r == 'ề':
		return "e"
	case r == 'ộ' || r == 'ố' || r == 'ồ' || r == 'ơ' || r == 'ớ' || r == 'ờ':
		return "o"
	case r == 'ư' || r == 'ừ' || r == 'ứ':
		return "u"
	case r == 'ḥ' || r == 'Ḥ' || r == 'ḩ' || r == 'Ḩ':
		return "h"
	case r == 'ṭ' || r == 'Ṭ':
		return "t"
	case r == 'ṣ' || r == 'Ṣ':
		return "s"
	}
	return ""
}
