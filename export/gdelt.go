package export

// The GDELT 2.0 event table.
//
// GDELT publishes its events as tab-separated rows of 61 columns, without a
// header and without quoting. dyad writes the same 61 columns in the same
// order so that tools built for GDELT files read a dyad export unchanged.
// What each column holds, and where dyad has nothing to put in it:
//
//	 1 GlobalEventID        a stable 63-bit number derived from the event ID: the first
//	                        8 bytes of SHA-256(ID), big-endian, shifted right by one bit
//	                        (GDELT's IDs are sequential; dyad's IDs are hashes)
//	 2 Day                  event date, YYYYMMDD (UTC); empty when the date is unknown
//	 3 MonthYear            YYYYMM
//	 4 Year                 YYYY
//	 5 FractionDate         YYYY + (month*30 + day)/365, four decimals (GDELT's formula)
//	 6 Actor1Code           CAMEO actor code: country code + role ("RUSGOV"), IGO/NGO + role
//	 7 Actor1Name           the actor's name, upper-cased as GDELT writes names
//	 8 Actor1CountryCode    the CAMEO country code of a state actor (see below); empty for IGO/NGO
//	 9 Actor1KnownGroupCode empty: dyad has no codes for named organisations
//	10 Actor1EthnicCode     empty: dyad does not code ethnicity
//	11 Actor1Religion1Code  empty: dyad does not code religion
//	12 Actor1Religion2Code  empty
//	13 Actor1Type1Code      the role (GOV, MIL...); for an IGO/NGO actor, IGO or NGO
//	14 Actor1Type2Code      for an IGO/NGO actor, its role; else empty
//	15 Actor1Type3Code      empty
//	16-25 Actor2...         the same for the target; all empty when the event has no target
//	26 IsRootEvent          1 when the event was coded from the article's first sentence, else 0
//	                        (GDELT: the lead paragraph)
//	27 EventCode            the CAMEO code ("0211")
//	28 EventBaseCode        its three-digit parent for a four-digit code, else the code
//	29 EventRootCode        the root ("02")
//	30 QuadClass            1-4
//	31 GoldsteinScale       the code's Goldstein value
//	32 NumMentions          the number of articles reporting the event (dyad counts
//	                        reports, not mentions within an article)
//	33 NumSources           the number of distinct sources among them
//	34 NumArticles          the number of articles reporting the event
//	35 AvgTone              empty: dyad does not score tone
//	36-43 Actor1Geo_*       empty: dyad places the event, not each actor
//	44-51 Actor2Geo_*       empty, likewise
//	52 ActionGeo_Type       from the event's place: 1 country; 2 a US state and 5 another
//	                        first-level division; 3 a US populated place and 4 another
//	53 ActionGeo_FullName   "Country", "Division, Country" or "Place, Division, Country"
//	54 ActionGeo_CountryCode the FIPS 10-4 code of the place's country (GDELT's geographic
//	                        columns use FIPS, not ISO: Ukraine is UP, Germany GM); empty
//	                        for a country FIPS does not list
//	55 ActionGeo_ADM1Code   empty: dyad knows divisions by name, not by FIPS code
//	56 ActionGeo_ADM2Code   empty: dyad has no second-level divisions
//	57 ActionGeo_Lat        latitude (WGS 84)
//	58 ActionGeo_Long       longitude
//	59 ActionGeo_FeatureID  the GeoNames ID of a populated place or division (GDELT uses
//	                        GNS feature IDs, a different numbering); for a country, its
//	                        FIPS code, as GDELT writes for country-level matches
//	60 DATEADDED            when the event was coded, YYYYMMDDHHMMSS UTC
//	61 SOURCEURL            the URL of the article the event was coded from, or its ID
//	                        when the article has no URL (a local file)
//
// The places' columns 52-59 are all empty when the event has no place.
//
// Country codes: dyad's actor codes are ISO 3166-1 alpha-3. CAMEO, and so
// GDELT, agrees with ISO for nearly every state; the exceptions handled
// are Romania (CAMEO ROM, ISO ROU), Timor-Leste (CAMEO TMP, ISO TLS) and
// Kosovo (CAMEO KSV, user-assigned XKX), which are written in CAMEO's form
// in columns 6, 8, 16 and 18.
//
// Tabs, carriage returns and newlines inside names are written as spaces,
// since the format has no quoting.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/dyad-events/dyad"
)

// GDELTColumns returns the names of the 61 columns of the GDELT 2.0 event
// table, in order, for documentation, tests and readers that want a
// header.
func GDELTColumns() []string {
	cols := []string{"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, s := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+s)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		for _, s := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+s)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// GlobalEventID returns the number that stands for event id in the GDELT
// table's GlobalEventID column: the first 8 bytes of the SHA-256 of the
// ID, big-endian, shifted right by one bit, so that it is positive in a
// signed 64-bit integer and the same in every export.
func GlobalEventID(id string) int64 {
	h := sha256.Sum256([]byte(id))
	return int64(binary.BigEndian.Uint64(h[:8]) >> 1)
}

// CAMEOCountry returns the CAMEO country code of an ISO 3166-1 alpha-3
// code (ROU -> ROM, TLS -> TMP, XKX -> KSV; every other code unchanged).
func CAMEOCountry(iso3 string) string {
	switch iso3 {
	case "ROU":
		return "ROM"
	case "TLS":
		return "TMP"
	case "XKX":
		return "KSV"
	}
	return iso3
}

// country is a row of countries.tsv.
type country struct {
	fips string
	name string
}

//go:embed countries.tsv
var countriesTSV []byte

// countries returns the ISO3 -> FIPS 10-4 and name table, parsed once.
var countries = sync.OnceValue(func() map[string]country {
	m := make(map[string]country, 256)
	for _, line := range bytes.Split(countriesTSV, []byte("\n")) {
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		f := strings.Split(string(line), "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("export: countries.tsv: bad line %q", line)) // embedded data, checked by tests
		}
		if f[1] == "-" {
			f[1] = ""
		}
		m[f[0]] = country{fips: f[1], name: f[2]}
	}
	return m
})

// FIPSCountry returns the FIPS 10-4 country code of an ISO 3166-1 alpha-3
// code ("UKR" -> "UP"), as GDELT's geographic columns use, or "" when FIPS
// has none.
func FIPSCountry(iso3 string) string { return countries()[iso3].fips }

// countryName returns the English short name of a country, or its code.
func countryName(iso3 string) string {
	if c, ok := countries()[iso3]; ok {
		return c.name
	}
	return iso3
}

// gdeltWriter writes GDELT rows into a buffered writer.
type gdeltWriter struct {
	w   *bufio.Writer
	buf []byte
}

// tsvClean replaces the characters that would break a tab-separated row.
var tsvClean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func (g *gdeltWriter) str(s string) {
	if strings.ContainsAny(s, "\t\n\r") {
		s = tsvClean.Replace(s)
	}
	g.buf = append(g.buf, s...)
	g.buf = append(g.buf, '\t')
}

func (g *gdeltWriter) int(n int64) {
	g.buf = strconv.AppendInt(g.buf, n, 10)
	g.buf = append(g.buf, '\t')
}

func (g *gdeltWriter) float(x float64, prec int) {
	g.buf = strconv.AppendFloat(g.buf, x, 'f', prec, 64)
	g.buf = append(g.buf, '\t')
}

func (g *gdeltWriter) empty(n int) {
	for range n {
		g.buf = append(g.buf, '\t')
	}
}

// actor writes the ten actor columns of a.
func (g *gdeltWriter) actor(a dyad.Actor) {
	if a.IsZero() {
		g.empty(10)
		return
	}
	org := a.Code == "IGO" || a.Code == "NGO"
	code := a.Code
	if !org {
		code = CAMEOCountry(a.Code)
	}
	g.str(code + a.Role)
	g.str(strings.ToUpper(a.Name))
	if org {
		g.empty(5) // country, known group, ethnic, religion 1 and 2
		g.str(a.Code)
		g.str(a.Role)
	} else {
		g.str(code)
		g.empty(4)
		g.str(a.Role)
		g.empty(1)
	}
	g.empty(1) // Type3Code
}

// place writes the eight ActionGeo columns of p.
func (g *gdeltWriter) place(p *dyad.Place) {
	if p == nil {
		g.empty(8)
		return
	}
	us := p.Country == "USA"
	cname := countryName(p.Country)
	var typ int64
	var full, feature string
	switch p.Precision {
	case dyad.PlaceCountry:
		typ, full, feature = 1, cname, FIPSCountry(p.Country)
	case dyad.PlaceAdmin1:
		typ, full = 5, p.Name+", "+cname
		if us {
			typ = 2
		}
	default:
		typ = 4
		if us {
			typ = 3
		}
		full = p.Name
		if p.Admin1 != "" {
			full += ", " + p.Admin1
		}
		full += ", " + cname
	}
	if feature == "" && p.GeoNameID != 0 {
		feature = strconv.FormatInt(p.GeoNameID, 10)
	}
	g.int(typ)
	g.str(full)
	g.str(FIPSCountry(p.Country))
	g.empty(2) // ADM1Code, ADM2Code
	g.float(p.Lat, -1)
	g.float(p.Lon, -1)
	g.str(feature)
}

// row appends the 61 columns of e and a newline to g.buf.
func (g *gdeltWriter) row(e *dyad.StoredEvent) {
	g.buf = g.buf[:0]
	g.int(GlobalEventID(e.ID))
	if e.Date.IsZero() {
		g.empty(4)
	} else {
		d := e.Date.UTC()
		y, m, day := d.Date()
		g.int(int64(y*10000 + int(m)*100 + day))
		g.int(int64(y*100 + int(m)))
		g.int(int64(y))
		g.float(float64(y)+float64(int(m)*30+day)/365, 4)
	}
	g.actor(e.Source)
	g.actor(e.Target)
	if e.Provenance.Sentence == 0 {
		g.int(1)
	} else {
		g.int(0)
	}
	g.str(e.Code)
	base := e.Code
	if len(base) == 4 {
		base = base[:3]
	}
	g.str(base)
	root := e.Root
	if root == "" && len(e.Code) >= 2 {
		root = e.Code[:2]
	}
	g.str(root)
	g.int(int64(e.QuadClass))
	g.float(e.Goldstein, -1)
	g.int(int64(e.NumArticles)) // NumMentions
	g.int(int64(e.NumSources))
	g.int(int64(e.NumArticles))
	g.empty(1)  // AvgTone
	g.empty(16) // Actor1Geo_*, Actor2Geo_*
	g.place(e.Place)
	if e.Coding.At.IsZero() {
		g.empty(1)
	} else {
		g.str(e.Coding.At.UTC().Format(gdeltTime))
	}
	if e.ArticleURL != "" {
		g.str(e.ArticleURL)
	} else {
		g.str(e.Provenance.ArticleID)
	}
	g.buf[len(g.buf)-1] = '\n' // the last tab ends the row
}

// writeGDELT writes the GDELT 2.0 event table.
func writeGDELT(ctx context.Context, w io.Writer, store dyad.EventStore, f dyad.EventFilter) error {
	g := &gdeltWriter{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 1024)}
	err := store.EachEvent(ctx, f, func(e *dyad.StoredEvent) error {
		g.row(e)
		_, err := g.w.Write(g.buf)
		return err
	})
	if err != nil {
		return err
	}
	return g.w.Flush()
}

// gdeltTime is the layout of GDELT's DATEADDED column.
const gdeltTime = "20060102150405"
