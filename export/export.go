// Package export writes stored events in the formats analysts load into
// their own tools: the GDELT 2.0 event table (tab-separated, 61 columns, no
// header), CSV with a header, JSON Lines and Parquet.
//
// Every format streams: events are read from the store one at a time with
// dyad.EventStore.EachEvent and written as they come, so an export of any
// size runs in bounded memory (Parquet holds one row group at a time).
// Every format carries each event's CAMEO code and its PLOVER type and
// mode (the GDELT table has no column for PLOVER; the other three do).
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
)

// The export formats, as named on the command line and in the API.
const (
	// FormatGDELT is the GDELT 2.0 event table: 61 tab-separated columns
	// in GDELT's order, no header (see gdelt.go for each column's source).
	FormatGDELT = "gdelt"
	// FormatCSV is RFC 4180 CSV with a header row of dyad's own columns
	// (Columns).
	FormatCSV = "csv"
	// FormatJSONL is one JSON dyad.StoredEvent per line.
	FormatJSONL = "jsonl"
	// FormatParquet is an Apache Parquet file of Row records.
	FormatParquet = "parquet"
)

// Formats returns the names of the formats Write accepts, so that a caller
// can list them in help or validate a request.
func Formats() []string {
	return []string{FormatGDELT, FormatCSV, FormatJSONL, FormatParquet}
}

// ContentType returns the media type to send an export in format with, for
// an HTTP response's Content-Type; "" for an unknown format.
func ContentType(format string) string {
	switch format {
	case FormatGDELT:
		return "text/tab-separated-values; charset=utf-8"
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatJSONL:
		return "application/x-ndjson"
	case FormatParquet:
		return "application/vnd.apache.parquet"
	}
	return ""
}

// Extension returns the file-name extension (with its dot) of an export in
// format, for a download's suggested file name; "" for an unknown format.
func Extension(format string) string {
	switch format {
	case FormatGDELT:
		return ".tsv"
	case FormatCSV:
		return ".csv"
	case FormatJSONL:
		return ".jsonl"
	case FormatParquet:
		return ".parquet"
	}
	return ""
}

// CheckFormat returns an error naming the valid formats when format is not
// one of them, so that callers can refuse a request before writing
// anything.
func CheckFormat(format string) error {
	if slices.Contains(Formats(), format) {
		return nil
	}
	return fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// Write writes the events f selects from store to w in format, oldest
// first. It streams: memory stays bounded whatever the number of events.
// An unknown format is an error before anything is written; an error from
// the store or from w stops the export and is returned, wrapped with the
// format.
func Write(ctx context.Context, w io.Writer, format string, store dyad.EventStore, f dyad.EventFilter) error {
	if err := CheckFormat(format); err != nil {
		return err
	}
	var err error
	switch format {
	case FormatGDELT:
		err = writeGDELT(ctx, w, store, f)
	case FormatCSV:
		err = writeCSV(ctx, w, store, f)
	case FormatJSONL:
		err = writeJSONL(ctx, w, store, f)
	case FormatParquet:
		err = writeParquet(ctx, w, store, f)
	}
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}

// Row is one event flattened into the columns of the CSV and Parquet
// exports. Its Parquet schema: the event date is a DATE (an int32 of days
// since the Unix epoch, which every Parquet reader shows as a date) and
// CodedAt a TIMESTAMP in milliseconds, UTC; numbers are numbers; place
// fields, the date, the coding time and the GeoNames ID are optional (null
// when the event has no place or the value is unknown); Flags is a list.
type Row struct {
	// ID is the event's ID.
	ID string `parquet:"id"`
	// Date is the event date as days since 1970-01-01 (Parquet's DATE),
	// nil when unknown; DateTime converts it.
	Date *int32 `parquet:"date,date"`
	// DatePrecision says which part of Date the text supports.
	DatePrecision string `parquet:"date_precision"`
	// SourceCode, SourceRole and SourceName are the source actor.
	SourceCode string `parquet:"source_code"`
	SourceRole string `parquet:"source_role"`
	SourceName string `parquet:"source_name"`
	// TargetCode, TargetRole and TargetName are the target actor, empty
	// when the event has none.
	TargetCode string `parquet:"target_code"`
	TargetRole string `parquet:"target_role"`
	TargetName string `parquet:"target_name"`
	// Code is the CAMEO event code, Root its root, CodeName the code's
	// name in the CAMEO codebook.
	Code     string `parquet:"code"`
	Root     string `parquet:"root"`
	CodeName string `parquet:"code_name"`
	// QuadClass is 1-4; Goldstein the code's Goldstein value.
	QuadClass int32   `parquet:"quad_class"`
	Goldstein float64 `parquet:"goldstein"`
	// PloverType and PloverMode are the PLOVER v2 type and mode.
	PloverType string `parquet:"plover_type"`
	PloverMode string `parquet:"plover_mode"`
	// PlaceName, PlaceCountry (ISO3), PlaceAdmin1, PlaceLat, PlaceLon,
	// PlacePrecision and PlaceGeoNameID describe the event's place; all
	// null when it has none.
	PlaceName      string   `parquet:"place_name,optional"`
	PlaceCountry   string   `parquet:"place_country,optional"`
	PlaceAdmin1    string   `parquet:"place_admin1,optional"`
	PlaceLat       *float64 `parquet:"place_lat"`
	PlaceLon       *float64 `parquet:"place_lon"`
	PlacePrecision string   `parquet:"place_precision,optional"`
	PlaceGeoNameID int64    `parquet:"place_geonameid,optional"`
	// NumArticles and NumSources say how widely the event was reported.
	NumArticles int32 `parquet:"num_articles"`
	NumSources  int32 `parquet:"num_sources"`
	// ArticleID, Sentence and SentenceText locate the evidence;
	// PatternID is the rule that fired; Flags how it was coded.
	ArticleID    string   `parquet:"article_id"`
	Sentence     int32    `parquet:"sentence"`
	SentenceText string   `parquet:"sentence_text"`
	PatternID    string   `parquet:"pattern_id"`
	Flags        []string `parquet:"flags,list"`
	// ReportedByCode, ReportedByRole and ReportedByName are the speaker
	// of reported speech, empty otherwise.
	ReportedByCode string `parquet:"reported_by_code"`
	ReportedByRole string `parquet:"reported_by_role"`
	ReportedByName string `parquet:"reported_by_name"`
	// CodedAt is when the event was coded, nil when unknown.
	CodedAt *time.Time `parquet:"coded_at,timestamp(millisecond)"`
}

// DateTime returns the row's date as UTC midnight, and false when the date
// is unknown.
func (r *Row) DateTime() (time.Time, bool) {
	if r.Date == nil {
		return time.Time{}, false
	}
	return time.Unix(int64(*r.Date)*86400, 0).UTC(), true
}

// Columns returns the CSV header: the names of Row's columns, in order
// (they are also the Parquet column names).
func Columns() []string {
	return []string{"id", "date", "date_precision",
		"source_code", "source_role", "source_name", "target_code", "target_role", "target_name",
		"code", "root", "code_name", "quad_class", "goldstein", "plover_type", "plover_mode",
		"place_name", "place_country", "place_admin1", "place_lat", "place_lon", "place_precision", "place_geonameid",
		"num_articles", "num_sources", "article_id", "sentence", "sentence_text", "pattern_id", "flags",
		"reported_by_code", "reported_by_role", "reported_by_name", "coded_at"}
}

// rowMaker fills Rows, reusing its buffers.
type rowMaker struct {
	codes *cameo.Codebook
	date  int32
	coded time.Time
	lat   float64
	lon   float64
}

func newRowMaker() *rowMaker { return &rowMaker{codes: cameo.Default()} }

// fill sets r to the event e. r's pointers point into m, so r is valid
// until the next call; r.Flags is reused.
func (m *rowMaker) fill(r *Row, e *dyad.StoredEvent) {
	flags := r.Flags[:0]
	*r = Row{
		ID: e.ID, DatePrecision: string(e.DatePrecision),
		SourceCode: e.Source.Code, SourceRole: e.Source.Role, SourceName: e.Source.Name,
		TargetCode: e.Target.Code, TargetRole: e.Target.Role, TargetName: e.Target.Name,
		Code: e.Code, Root: e.Root, QuadClass: int32(e.QuadClass), Goldstein: e.Goldstein,
		PloverType: e.PloverType, PloverMode: e.PloverMode,
		NumArticles: int32(e.NumArticles), NumSources: int32(e.NumSources),
		ArticleID: e.Provenance.ArticleID, Sentence: int32(e.Provenance.Sentence),
		SentenceText: e.Provenance.SentenceText, PatternID: e.Provenance.PatternID,
	}
	if c, ok := m.codes.Lookup(e.Code); ok {
		r.CodeName = c.Name
	}
	if !e.Date.IsZero() {
		d := e.Date.UTC()
		m.date = int32(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
		r.Date = &m.date
	}
	if p := e.Place; p != nil {
		r.PlaceName, r.PlaceCountry, r.PlaceAdmin1 = p.Name, p.Country, p.Admin1
		m.lat, m.lon = p.Lat, p.Lon
		r.PlaceLat, r.PlaceLon = &m.lat, &m.lon
		r.PlacePrecision, r.PlaceGeoNameID = string(p.Precision), p.GeoNameID
	}
	for _, f := range e.Provenance.Flags {
		flags = append(flags, string(f))
	}
	r.Flags = flags
	if rb := e.Provenance.ReportedBy; rb != nil {
		r.ReportedByCode, r.ReportedByRole, r.ReportedByName = rb.Code, rb.Role, rb.Name
	}
	if !e.Coding.At.IsZero() {
		m.coded = e.Coding.At.UTC().Truncate(time.Millisecond)
		r.CodedAt = &m.coded
	}
}

// Record returns r's CSV fields, in Columns order, as the CSV export
// writes them: dates as YYYY-MM-DD, CodedAt as RFC 3339, flags joined with
// "|", absent values empty.
func Record(r *Row) []string { return appendRecord(make([]string, 0, len(Columns())), r) }

// appendRecord appends r's CSV fields, in Columns order, to rec.
func appendRecord(rec []string, r *Row) []string {
	date, lat, lon, gid, coded := "", "", "", "", ""
	if d, ok := r.DateTime(); ok {
		date = d.Format(time.DateOnly)
	}
	if r.PlaceLat != nil {
		lat = strconv.FormatFloat(*r.PlaceLat, 'f', -1, 64)
		lon = strconv.FormatFloat(*r.PlaceLon, 'f', -1, 64)
	}
	if r.PlaceGeoNameID != 0 {
		gid = strconv.FormatInt(r.PlaceGeoNameID, 10)
	}
	if r.CodedAt != nil {
		coded = r.CodedAt.Format(time.RFC3339Nano)
	}
	return append(rec, r.ID, date, r.DatePrecision,
		r.SourceCode, r.SourceRole, r.SourceName, r.TargetCode, r.TargetRole, r.TargetName,
		r.Code, r.Root, r.CodeName, strconv.Itoa(int(r.QuadClass)), strconv.FormatFloat(r.Goldstein, 'f', -1, 64),
		r.PloverType, r.PloverMode,
		r.PlaceName, r.PlaceCountry, r.PlaceAdmin1, lat, lon, r.PlacePrecision, gid,
		strconv.Itoa(int(r.NumArticles)), strconv.Itoa(int(r.NumSources)),
		r.ArticleID, strconv.Itoa(int(r.Sentence)), r.SentenceText, r.PatternID, strings.Join(r.Flags, "|"),
		r.ReportedByCode, r.ReportedByRole, r.ReportedByName, coded)
}

// writeCSV writes the CSV export: a header row, then one row per event.
// Flags are joined with "|".
func writeCSV(ctx context.Context, w io.Writer, store dyad.EventStore, f dyad.EventFilter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	m := newRowMaker()
	var r Row
	rec := make([]string, 0, len(Columns()))
	err := store.EachEvent(ctx, f, func(e *dyad.StoredEvent) error {
		m.fill(&r, e)
		rec = appendRecord(rec[:0], &r)
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// writeJSONL writes one JSON dyad.StoredEvent per line, as the store's
// query API returns it (Coding is not part of StoredEvent's JSON).
func writeJSONL(ctx context.Context, w io.Writer, store dyad.EventStore, f dyad.EventFilter) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if err := store.EachEvent(ctx, f, func(e *dyad.StoredEvent) error { return enc.Encode(e) }); err != nil {
		return err
	}
	return bw.Flush()
}
