package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/sqlite"
)

var codedAt = time.Date(2026, 3, 4, 10, 15, 30, 0, time.UTC)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func article(id, source string) *dyad.StoredArticle {
	return &dyad.StoredArticle{
		Article:     dyad.Article{ID: id, Source: source, URL: "https://example.org/" + id, Text: "Text of " + id, Published: day("2026-03-04")},
		Fingerprint: dyad.Fingerprint{Hash: "hash-" + id},
		Coding:      dyad.Coding{Dictionary: "d1", Model: "m1", At: codedAt},
	}
}

// testEvents are four events that between them fill every field: a
// point place with flags and a speaker, an IGO source with no target and
// no place, a US division, a country place, CAMEO's own country codes.
func testEvents() []dyad.Event {
	return []dyad.Event{
		{
			ID:     "ev-a1-0",
			Source: dyad.Actor{Code: "RUS", Role: "GOV", Name: "Vladimir Putin"},
			Target: dyad.Actor{Code: "UKR", Role: "GOV", Name: "Volodymyr Zelensky"},
			Code:   "036", Root: "03", QuadClass: 1, Goldstein: 4, PloverType: "AGREE",
			Date: day("2026-03-03"), DatePrecision: dyad.PrecisionDay,
			Place: &dyad.Place{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkiv Oblast", Lat: 49.9935, Lon: 36.2304,
				Precision: dyad.PlacePoint, GeoNameID: 706483, Span: dyad.Span{Start: 40, End: 47}, Basis: "clause"},
			Provenance: dyad.Provenance{ArticleID: "a1", Sentence: 0, SentenceText: "Putin said he was ready to meet Zelensky in Kharkiv, \"soon\",\tthe White House said.",
				SourceSpan: dyad.Span{Start: 0, End: 5}, TargetSpan: dyad.Span{Start: 30, End: 38}, TriggerSpan: dyad.Span{Start: 16, End: 21},
				PatternID: "036.ready-to-meet", Flags: []dyad.Flag{dyad.FlagReported, dyad.FlagResolved},
				ReportedBy: &dyad.Actor{Code: "USA", Role: "GOV", Name: "White House"}},
		},
		{
			ID:     "ev-a1-2",
			Source: dyad.Actor{Code: "IGO", Role: "", Name: "United Nations"},
			Code:   "0233", Root: "02", QuadClass: 1, Goldstein: 3.4, PloverType: "REQUEST", PloverMode: "assist",
			Date: day("2026-02-01"), DatePrecision: dyad.PrecisionMonth,
			Provenance: dyad.Provenance{ArticleID: "a1", Sentence: 2, SentenceText: "The UN appealed for humanitarian aid.", PatternID: "0233.appeal-aid",
				DateSpan: dyad.Span{Start: 90, End: 103}},
		},
		{
			ID:     "ev-a2-1",
			Source: dyad.Actor{Code: "ROU", Role: "MIL", Name: "Romanian troops"},
			Target: dyad.Actor{Code: "XKX", Role: "", Name: "Kosovo"},
			Code:   "190", Root: "19", QuadClass: 4, Goldstein: -10, PloverType: "ASSAULT",
			Date: day("2026-03-05"), DatePrecision: dyad.PrecisionArticle,
			Place: &dyad.Place{Name: "Texas", Country: "USA", Admin1: "Texas", Lat: 31.2504, Lon: -99.2506, Precision: dyad.PlaceAdmin1, GeoNameID: 4736286, Basis: "sentence"},
			Provenance: dyad.Provenance{ArticleID: "a2", Sentence: 1, SentenceText: "Romanian troops fired on Kosovo positions, in Texas.", PatternID: "190.fire-on",
				Flags: []dyad.Flag{dyad.FlagMirror}},
		},
		{
			ID:     "ev-a2-2",
			Source: dyad.Actor{Code: "TLS", Role: "GOV", Name: "Dili"},
			Target: dyad.Actor{Code: "NGO", Role: "MED", Name: "Reporters\nWithout Borders"},
			Code:   "1123", Root: "11", QuadClass: 3, Goldstein: -2, PloverType: "ACCUSE", PloverMode: "allege",
			Date: day("2026-03-05"), DatePrecision: dyad.PrecisionDay,
			Place:      &dyad.Place{Name: "Ukraine", Country: "UKR", Lat: 48.6, Lon: 31.2, Precision: dyad.PlaceCountry, Basis: "actors"},
			Provenance: dyad.Provenance{ArticleID: "a2", Sentence: 3, SentenceText: "Dili accused RSF of aggression.", PatternID: "1123.accuse-aggression"},
		},
	}
}

// openStore fills a store through the real write path: two coded articles
// and one republication of the first from another source.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	evs := testEvents()
	dup := article("a1-copy", "Other Wire")
	dup.DuplicateOf, dup.Similarity = "a1", 1
	if err := db.Save(ctx, []dyad.ArticleWrite{
		{Article: article("a1", "Example Wire"), Events: evs[:2]},
		{Article: article("a2", "Example Wire"), Events: evs[2:]},
		{Article: dup},
	}); err != nil {
		t.Fatal(err)
	}
	return db
}

func export1(t *testing.T, db dyad.EventStore, format string, f dyad.EventFilter) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, format, db, f); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func TestGDELT(t *testing.T) {
	db := openStore(t)
	out := export1(t, db, export.FormatGDELT, dyad.EventFilter{})
	r := csv.NewReader(bytes.NewReader(out))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := export.GDELTColumns()
	if len(cols) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(cols))
	}
	// Oldest first: ev-a1-2 (Feb 1), ev-a1-0 (Mar 3), ev-a2-1, ev-a2-2 (Mar 5).
	type want map[string]string
	wants := []want{
		{"GlobalEventID": fmt.Sprint(export.GlobalEventID("ev-a1-2")), "Day": "20260201", "MonthYear": "202602", "Year": "2026", "FractionDate": "2026.1671",
			"Actor1Code": "IGO", "Actor1Name": "UNITED NATIONS", "Actor1Type1Code": "IGO",
			"IsRootEvent": "0", "EventCode": "0233", "EventBaseCode": "023", "EventRootCode": "02", "QuadClass": "1", "GoldsteinScale": "3.4",
			"NumMentions": "2", "NumSources": "2", "NumArticles": "2", "DATEADDED": "20260304101530", "SOURCEURL": "https://example.org/a1"},
		{"GlobalEventID": fmt.Sprint(export.GlobalEventID("ev-a1-0")), "Day": "20260303", "MonthYear": "202603", "Year": "2026", "FractionDate": "2026.2548",
			"Actor1Code": "RUSGOV", "Actor1Name": "VLADIMIR PUTIN", "Actor1CountryCode": "RUS", "Actor1Type1Code": "GOV",
			"Actor2Code": "UKRGOV", "Actor2Name": "VOLODYMYR ZELENSKY", "Actor2CountryCode": "UKR", "Actor2Type1Code": "GOV",
			"IsRootEvent": "1", "EventCode": "036", "EventBaseCode": "036", "EventRootCode": "03", "QuadClass": "1", "GoldsteinScale": "4",
			"NumMentions": "2", "NumSources": "2", "NumArticles": "2",
			"ActionGeo_Type": "4", "ActionGeo_FullName": "Kharkiv, Kharkiv Oblast, Ukraine", "ActionGeo_CountryCode": "UP",
			"ActionGeo_Lat": "49.9935", "ActionGeo_Long": "36.2304", "ActionGeo_FeatureID": "706483",
			"DATEADDED": "20260304101530", "SOURCEURL": "https://example.org/a1"},
		{"GlobalEventID": fmt.Sprint(export.GlobalEventID("ev-a2-1")), "Day": "20260305", "MonthYear": "202603", "Year": "2026", "FractionDate": "2026.2603",
			"Actor1Code": "ROMMIL", "Actor1Name": "ROMANIAN TROOPS", "Actor1CountryCode": "ROM", "Actor1Type1Code": "MIL",
			"Actor2Code": "KSV", "Actor2Name": "KOSOVO", "Actor2CountryCode": "KSV",
			"IsRootEvent": "0", "EventCode": "190", "EventBaseCode": "190", "EventRootCode": "19", "QuadClass": "4", "GoldsteinScale": "-10",
			"NumMentions": "1", "NumSources": "1", "NumArticles": "1",
			"ActionGeo_Type": "2", "ActionGeo_FullName": "Texas, United States", "ActionGeo_CountryCode": "US",
			"ActionGeo_Lat": "31.2504", "ActionGeo_Long": "-99.2506", "ActionGeo_FeatureID": "4736286",
			"DATEADDED": "20260304101530", "SOURCEURL": "https://example.org/a2"},
		{"GlobalEventID": fmt.Sprint(export.GlobalEventID("ev-a2-2")), "Day": "20260305", "MonthYear": "202603", "Year": "2026", "FractionDate": "2026.2603",
			"Actor1Code": "TMPGOV", "Actor1Name": "DILI", "Actor1CountryCode": "TMP", "Actor1Type1Code": "GOV",
			"Actor2Code": "NGOMED", "Actor2Name": "REPORTERS WITHOUT BORDERS", "Actor2Type1Code": "NGO", "Actor2Type2Code": "MED",
			"IsRootEvent": "0", "EventCode": "1123", "EventBaseCode": "112", "EventRootCode": "11", "QuadClass": "3", "GoldsteinScale": "-2",
			"NumMentions": "1", "NumSources": "1", "NumArticles": "1",
			"ActionGeo_Type": "1", "ActionGeo_FullName": "Ukraine", "ActionGeo_CountryCode": "UP",
			"ActionGeo_Lat": "48.6", "ActionGeo_Long": "31.2", "ActionGeo_FeatureID": "UP",
			"DATEADDED": "20260304101530", "SOURCEURL": "https://example.org/a2"},
	}
	if len(recs) != len(wants) {
		t.Fatalf("%d rows, want %d:\n%s", len(recs), len(wants), out)
	}
	for i, rec := range recs {
		if len(rec) != 61 {
			t.Fatalf("row %d has %d columns, want 61: %q", i, len(rec), rec)
		}
		for j, col := range cols {
			if got, w := rec[j], wants[i][col]; got != w {
				t.Errorf("row %d column %d %s = %q, want %q", i, j+1, col, got, w)
			}
		}
	}
	if n := bytes.Count(out, []byte("\n")); n != 4 {
		t.Errorf("%d lines, want 4", n)
	}
}

func TestGlobalEventID(t *testing.T) {
	a, b := export.GlobalEventID("ev-a1-0"), export.GlobalEventID("ev-a1-2")
	if a <= 0 || b <= 0 || a == b {
		t.Errorf("GlobalEventID: %d, %d", a, b)
	}
	if export.GlobalEventID("ev-a1-0") != a {
		t.Error("GlobalEventID is not stable")
	}
}

func TestCountryCodes(t *testing.T) {
	for iso, fips := range map[string]string{"UKR": "UP", "DEU": "GM", "GBR": "UK", "USA": "US", "RUS": "RS", "XKX": "KV", "PSE": "WE", "SSD": "OD", "ALA": "", "ZZZ": ""} {
		if got := export.FIPSCountry(iso); got != fips {
			t.Errorf("FIPSCountry(%s) = %q, want %q", iso, got, fips)
		}
	}
	for iso, c := range map[string]string{"ROU": "ROM", "TLS": "TMP", "XKX": "KSV", "UKR": "UKR", "IGO": "IGO"} {
		if got := export.CAMEOCountry(iso); got != c {
			t.Errorf("CAMEOCountry(%s) = %q, want %q", iso, got, c)
		}
	}
}

// csvRecords reads a CSV export and checks its header.
func csvRecords(t *testing.T, out []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], export.Columns()) {
		t.Fatalf("header %q, want %q", recs[0], export.Columns())
	}
	return recs[1:]
}

func TestCSV(t *testing.T) {
	db := openStore(t)
	recs := csvRecords(t, export1(t, db, export.FormatCSV, dyad.EventFilter{}))
	if len(recs) != 4 {
		t.Fatalf("%d rows, want 4", len(recs))
	}
	cols := export.Columns()
	get := func(rec []string, col string) string { return rec[slices.Index(cols, col)] }
	full := recs[1]
	for col, want := range map[string]string{
		"id": "ev-a1-0", "date": "2026-03-03", "date_precision": "day",
		"source_code": "RUS", "source_role": "GOV", "source_name": "Vladimir Putin",
		"target_code": "UKR", "target_role": "GOV", "target_name": "Volodymyr Zelensky",
		"code": "036", "root": "03", "code_name": "Express intent to meet or negotiate", "quad_class": "1", "goldstein": "4",
		"plover_type": "AGREE", "plover_mode": "",
		"place_name": "Kharkiv", "place_country": "UKR", "place_admin1": "Kharkiv Oblast", "place_lat": "49.9935", "place_lon": "36.2304",
		"place_precision": "point", "place_geonameid": "706483", "num_articles": "2", "num_sources": "2",
		"article_id": "a1", "sentence": "0", "sentence_text": testEvents()[0].Provenance.SentenceText, "pattern_id": "036.ready-to-meet",
		"flags": "reported|resolved", "reported_by_code": "USA", "reported_by_role": "GOV", "reported_by_name": "White House",
		"coded_at": "2026-03-04T10:15:30Z",
	} {
		if got := get(full, col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
	// The IGO event has no target and no place: those columns are empty.
	bare := recs[0]
	for _, col := range []string{"target_code", "target_role", "target_name", "place_name", "place_country", "place_lat", "place_lon", "place_precision", "place_geonameid", "flags", "reported_by_code"} {
		if got := get(bare, col); got != "" {
			t.Errorf("event without target or place: %s = %q, want empty", col, got)
		}
	}
	if got := get(bare, "plover_mode"); got != "assist" {
		t.Errorf("plover_mode = %q", got)
	}
}

func TestFilters(t *testing.T) {
	db := openStore(t)
	for _, tt := range []struct {
		name string
		f    dyad.EventFilter
		want []string
	}{
		{"all", dyad.EventFilter{}, []string{"ev-a1-2", "ev-a1-0", "ev-a2-1", "ev-a2-2"}},
		{"root", dyad.EventFilter{Codes: []string{"19", "036"}}, []string{"ev-a1-0", "ev-a2-1"}},
		{"dates", dyad.EventFilter{Since: day("2026-03-01"), Until: day("2026-03-04")}, []string{"ev-a1-0"}},
		{"actor", dyad.EventFilter{Actor: "UKR"}, []string{"ev-a1-0"}},
		{"quad", dyad.EventFilter{QuadClass: 4}, []string{"ev-a2-1"}},
		{"limit", dyad.EventFilter{Limit: 2}, []string{"ev-a1-2", "ev-a1-0"}},
		{"none", dyad.EventFilter{Source: "FRA"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{export.FormatCSV, export.FormatGDELT, export.FormatJSONL} {
				out := export1(t, db, format, tt.f)
				var ids []string
				switch format {
				case export.FormatCSV:
					for _, rec := range csvRecords(t, out) {
						ids = append(ids, rec[0])
					}
				case export.FormatGDELT:
					for line := range strings.Lines(string(out)) {
						ids = append(ids, strings.SplitN(line, "\t", 2)[0])
					}
					var want []string
					for _, id := range tt.want {
						want = append(want, fmt.Sprint(export.GlobalEventID(id)))
					}
					if !slices.Equal(ids, want) {
						t.Errorf("%s: %v, want %v", format, ids, want)
					}
					continue
				case export.FormatJSONL:
					for line := range strings.Lines(string(out)) {
						var e dyad.StoredEvent
						if err := json.Unmarshal([]byte(line), &e); err != nil {
							t.Fatal(err)
						}
						ids = append(ids, e.ID)
					}
				}
				if !slices.Equal(ids, tt.want) {
					t.Errorf("%s: %v, want %v", format, ids, tt.want)
				}
			}
		})
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	db := openStore(t)
	out := export1(t, db, export.FormatJSONL, dyad.EventFilter{})
	stored, err := db.Events(context.Background(), dyad.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]dyad.StoredEvent{}
	for _, e := range stored {
		e.Coding = dyad.Coding{}
		byID[e.ID] = e
	}
	n := 0
	for line := range strings.Lines(string(out)) {
		var e dyad.StoredEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if !reflect.DeepEqual(e, byID[e.ID]) {
			t.Errorf("line %d:\n got %+v\nwant %+v", n+1, e, byID[e.ID])
		}
		n++
	}
	if n != len(stored) {
		t.Errorf("%d lines, want %d", n, len(stored))
	}
}

func TestParquet(t *testing.T) {
	db := openStore(t)
	out := export1(t, db, export.FormatParquet, dyad.EventFilter{})
	rows, err := parquet.Read[export.Row](bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	// Every row read back prints the same CSV record as the CSV export.
	recs := csvRecords(t, export1(t, db, export.FormatCSV, dyad.EventFilter{}))
	if len(rows) != len(recs) {
		t.Fatalf("%d rows, want %d", len(rows), len(recs))
	}
	for i := range rows {
		if got := export.Record(&rows[i]); !slices.Equal(got, recs[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i, got, recs[i])
		}
	}
	// Field by field for the event that fills them all.
	r := rows[1]
	lat, lon := 49.9935, 36.2304
	d, c := int32(day("2026-03-03").Unix()/86400), codedAt
	want := export.Row{ID: "ev-a1-0", Date: &d, DatePrecision: "day",
		SourceCode: "RUS", SourceRole: "GOV", SourceName: "Vladimir Putin", TargetCode: "UKR", TargetRole: "GOV", TargetName: "Volodymyr Zelensky",
		Code: "036", Root: "03", CodeName: "Express intent to meet or negotiate", QuadClass: 1, Goldstein: 4, PloverType: "AGREE",
		PlaceName: "Kharkiv", PlaceCountry: "UKR", PlaceAdmin1: "Kharkiv Oblast", PlaceLat: &lat, PlaceLon: &lon, PlacePrecision: "point", PlaceGeoNameID: 706483,
		NumArticles: 2, NumSources: 2, ArticleID: "a1", Sentence: 0, SentenceText: testEvents()[0].Provenance.SentenceText, PatternID: "036.ready-to-meet",
		Flags: []string{"reported", "resolved"}, ReportedByCode: "USA", ReportedByRole: "GOV", ReportedByName: "White House", CodedAt: &c}
	rv, wv := reflect.ValueOf(r), reflect.ValueOf(want)
	for i := range rv.NumField() {
		name := rv.Type().Field(i).Name
		g, w := rv.Field(i).Interface(), wv.Field(i).Interface()
		switch gt := g.(type) {
		case *time.Time:
			if wt := w.(*time.Time); gt == nil || !gt.Equal(*wt) {
				t.Errorf("%s = %v, want %v", name, gt, *wt)
			}
		case *float64:
			if gt == nil || *gt != *w.(*float64) {
				t.Errorf("%s = %v, want %v", name, gt, *w.(*float64))
			}
		default:
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s = %#v, want %#v", name, g, w)
			}
		}
	}
	if bare := rows[0]; bare.PlaceLat != nil || bare.PlaceName != "" || bare.TargetCode != "" || len(bare.Flags) != 0 {
		t.Errorf("event without place or target: %+v", bare)
	}
	// The schema has the documented logical types.
	f, err := parquet.OpenFile(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	for col, want := range map[string]string{"date": "DATE", "coded_at": "TIMESTAMP", "place_lat": "DOUBLE", "num_articles": "INT(32"} {
		leaf, ok := f.Schema().Lookup(col)
		if !ok {
			t.Errorf("no column %s", col)
			continue
		}
		if got := leaf.Node.Type().String(); !strings.Contains(got, want) {
			t.Errorf("column %s has type %s, want %s", col, got, want)
		}
	}
}

func TestEmptyExports(t *testing.T) {
	db := openStore(t)
	none := dyad.EventFilter{Source: "FRA"}
	if out := export1(t, db, export.FormatGDELT, none); len(out) != 0 {
		t.Errorf("gdelt: %q", out)
	}
	if recs := csvRecords(t, export1(t, db, export.FormatCSV, none)); len(recs) != 0 {
		t.Errorf("csv: %q", recs)
	}
	out := export1(t, db, export.FormatParquet, none)
	rows, err := parquet.Read[export.Row](bytes.NewReader(out), int64(len(out)))
	if err != nil || len(rows) != 0 {
		t.Errorf("parquet: %d rows, %v", len(rows), err)
	}
}

// failingStore is an EventStore whose EachEvent hands out n events and
// then fails.
type failingStore struct {
	dyad.EventStore
	n int
}

var errStore = errors.New("disk on fire")

func (s failingStore) EachEvent(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
	for i := range s.n {
		e := dyad.StoredEvent{Event: testEvents()[i%4]}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return errStore
}

type failingWriter struct{}

var errWrite = errors.New("connection reset")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestErrors(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	var b bytes.Buffer
	err := export.Write(ctx, &b, "xml", db, dyad.EventFilter{})
	if err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) || !strings.Contains(err.Error(), "gdelt, csv, jsonl, parquet") {
		t.Errorf("unknown format: %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("unknown format wrote %q", b.String())
	}
	for _, format := range export.Formats() {
		if export.ContentType(format) == "" || export.Extension(format) == "" || export.CheckFormat(format) != nil {
			t.Errorf("%s: no content type, extension or check", format)
		}
		err := export.Write(ctx, io.Discard, format, failingStore{n: 3}, dyad.EventFilter{})
		if !errors.Is(err, errStore) || !strings.Contains(err.Error(), "export: "+format) {
			t.Errorf("%s: failing store: %v", format, err)
		}
		err = export.Write(ctx, failingWriter{}, format, failingStore{n: 100000}, dyad.EventFilter{})
		if !errors.Is(err, errWrite) {
			t.Errorf("%s: failing writer: %v", format, err)
		}
	}
	if export.ContentType("xml") != "" || export.Extension("xml") != "" {
		t.Error("unknown format has a content type or extension")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := export.Write(cctx, io.Discard, export.FormatCSV, db, dyad.EventFilter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// sliceStore hands out fixed events.
type sliceStore struct {
	dyad.EventStore
	evs []dyad.StoredEvent
}

func (s sliceStore) EachEvent(ctx context.Context, f dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
	for i := range s.evs {
		if err := fn(&s.evs[i]); err != nil {
			return err
		}
	}
	return nil
}

// FuzzGDELTRow checks that whatever the names and codes hold, each event
// is one line of exactly 61 tab-separated columns.
func FuzzGDELTRow(f *testing.F) {
	f.Add("Vladimir Putin", "RUS", "GOV", "Kharkiv", "UKR", "036", "a1")
	f.Add("a\tb\nc", "IGO", "", "x\r\ny", "", "", "")
	f.Add("", "", "", "", "ZZZ", "1", "a\tb")
	f.Fuzz(func(t *testing.T, name, code, role, place, country, ecode, article string) {
		e := dyad.StoredEvent{Event: testEvents()[0]}
		e.Source = dyad.Actor{Code: code, Role: role, Name: name}
		e.Target = dyad.Actor{Code: country, Name: place}
		e.Code = ecode
		e.Place = &dyad.Place{Name: place, Country: country, Admin1: name, Precision: dyad.PlacePrecision(role)}
		e.Provenance.ArticleID = article
		var b bytes.Buffer
		if err := export.Write(context.Background(), &b, export.FormatGDELT, sliceStore{evs: []dyad.StoredEvent{e}}, dyad.EventFilter{}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 || strings.Contains(out, "\r") {
			t.Fatalf("not one line: %q", out)
		}
		if n := len(strings.Split(strings.TrimSuffix(out, "\n"), "\t")); n != 61 {
			t.Fatalf("%d columns: %q", n, out)
		}
	})
}

// TestUndatedExport exports an event whose article gave no date: no
// format gives it a date (no zero time, no year 1): the CSV and GDELT date
// columns are empty, Parquet's date is null, JSONL's is null, and the
// precision says unknown.
func TestUndatedExport(t *testing.T) {
	db := sliceStore{evs: []dyad.StoredEvent{{Event: dyad.Event{ID: "ev-u", Source: dyad.Actor{Code: "KEN"}, Target: dyad.Actor{Code: "UGA"},
		Code: "036", Root: "03", QuadClass: 1, DatePrecision: dyad.PrecisionUnknown,
		Provenance: dyad.Provenance{ArticleID: "u", SentenceText: "Kenya offered talks to Uganda."}}}}}
	for _, format := range export.Formats() {
		out := export1(t, db, format, dyad.EventFilter{})
		if s := string(out); strings.Contains(s, "0001") || strings.Contains(s, "-62135596800") {
			t.Errorf("%s: the zero time leaks: %q", format, s)
		}
	}
	recs := csvRecords(t, export1(t, db, export.FormatCSV, dyad.EventFilter{}))
	if len(recs) != 1 || recs[0][1] != "" || recs[0][2] != "unknown" {
		t.Errorf("csv: %q", recs)
	}
	cols := strings.Split(strings.TrimRight(string(export1(t, db, export.FormatGDELT, dyad.EventFilter{})), "\n"), "\t")
	if len(cols) != 61 || strings.Join(cols[1:5], "") != "" {
		t.Errorf("gdelt date columns: %q", cols[:min(5, len(cols))])
	}
	var rec map[string]any
	if err := json.Unmarshal(export1(t, db, export.FormatJSONL, dyad.EventFilter{}), &rec); err != nil {
		t.Fatal(err)
	}
	if d, ok := rec["date"]; !ok || d != nil || rec["date_precision"] != "unknown" {
		t.Errorf("jsonl: date %v (present %v), precision %v", d, ok, rec["date_precision"])
	}
	out := export1(t, db, export.FormatParquet, dyad.EventFilter{})
	rows, err := parquet.Read[export.Row](bytes.NewReader(out), int64(len(out)))
	if err != nil || len(rows) != 1 || rows[0].Date != nil || rows[0].DatePrecision != "unknown" {
		t.Errorf("parquet: %+v %v", rows, err)
	}
}
