package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/sqlite"
)

// exportStore writes a small store through sqlite.Save: four events of
// three articles, one of them undated (its article had no date).
func exportStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ev := func(id, src, tgt, code string, quad int, date string) dyad.Event {
		d, _ := time.Parse(time.DateOnly, date)
		prec := dyad.PrecisionDay
		if date == "" {
			prec = dyad.PrecisionUnknown
		}
		return dyad.Event{ID: id, Source: dyad.Actor{Code: src, Role: "GOV"}, Target: dyad.Actor{Code: tgt},
			Code: code, Root: code[:2], QuadClass: quad, Date: d, DatePrecision: prec,
			Provenance: dyad.Provenance{ArticleID: id[:2], SentenceText: "A sentence, with a comma."}}
	}
	art := func(id string) *dyad.StoredArticle {
		return &dyad.StoredArticle{Article: dyad.Article{ID: id, Text: "text " + id}, Fingerprint: dyad.Fingerprint{Hash: id},
			Coding: dyad.Coding{Dictionary: "d", Model: "m", At: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}}
	}
	if err := db.Save(ctx, []dyad.ArticleWrite{
		{Article: art("a1"), Events: []dyad.Event{ev("a1-0", "RUS", "UKR", "036", 1, "2026-03-01"), ev("a1-1", "UKR", "RUS", "190", 4, "2026-03-02")}},
		{Article: art("a2"), Events: []dyad.Event{ev("a2-0", "USA", "", "0233", 1, "2026-03-05")}},
		{Article: art("a3"), Events: []dyad.Event{ev("a3-0", "KEN", "UGA", "036", 1, "")}},
	}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	db := exportStore(t)
	for _, tt := range []struct {
		args []string
		ids  []string // CSV ids, oldest first
	}{
		{nil, []string{"a3-0", "a1-0", "a1-1", "a2-0"}},
		{[]string{"--code", "19,02"}, []string{"a1-1", "a2-0"}},
		{[]string{"--from", "2026-03-02", "--to", "2026-03-05"}, []string{"a1-1", "a2-0"}},
		// A date bound never selects an undated event, on either side.
		{[]string{"--to", "2026-03-01"}, []string{"a1-0"}},
		{[]string{"--from", "2026-03-01"}, []string{"a1-0", "a1-1", "a2-0"}},
		{[]string{"--undated"}, []string{"a3-0"}},
		{[]string{"--actor", "rus", "--quad", "4"}, []string{"a1-1"}},
		{[]string{"--source", "USA"}, []string{"a2-0"}},
		// The filter syntax of dyad query and the API: roles, dyads, roots.
		{[]string{"--source", "RUS:GOV"}, []string{"a1-0"}},
		{[]string{"--source", "UKRGOV"}, []string{"a1-1"}},
		{[]string{"--source", ":GOV", "--root", "19"}, []string{"a1-1"}},
		{[]string{"--dyad", "UKR-RUS"}, []string{"a1-0", "a1-1"}},
		{[]string{"--target", "UKR"}, []string{"a1-0"}},
		{[]string{"--limit", "1"}, []string{"a3-0"}},
		{[]string{"--q", "nothing-like-this"}, nil},
	} {
		env, out, errb := testEnv("")
		args := append([]string{"export", "--db", db, "--format", "csv"}, tt.args...)
		if err := run(ctx, env, args); err != nil {
			t.Fatalf("%v: %v\n%s", tt.args, err, errb)
		}
		recs, err := csv.NewReader(out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range recs[1:] {
			ids = append(ids, r[0])
		}
		if strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
			t.Errorf("%v: %v, want %v", tt.args, ids, tt.ids)
		}
	}

	// --out writes a file; every format holds the same events.
	dir := t.TempDir()
	for _, format := range export.Formats() {
		path := filepath.Join(dir, "events"+export.Extension(format))
		env, out, errb := testEnv("")
		if err := run(ctx, env, []string{"export", "--db", db, "--format", format, "--out", path}); err != nil {
			t.Fatalf("%s: %v\n%s", format, err, errb)
		}
		if out.Len() != 0 {
			t.Errorf("%s: --out also wrote to stdout", format)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := countExported(t, format, b); n != 4 {
			t.Errorf("%s: %d events, want 4", format, n)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(export.Formats()) {
		t.Errorf("temporary files left: %v", entries)
	}
}

// countExported counts the events of an export, checking its shape.
func countExported(t *testing.T, format string, b []byte) int {
	t.Helper()
	switch format {
	case export.FormatGDELT:
		r := csv.NewReader(bytes.NewReader(b))
		r.Comma, r.LazyQuotes = '\t', true
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			if len(rec) != 61 {
				t.Fatalf("gdelt row of %d columns", len(rec))
			}
		}
		return len(recs)
	case export.FormatCSV:
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return len(recs) - 1
	case export.FormatJSONL:
		n := 0
		for line := range strings.Lines(string(b)) {
			var e dyad.StoredEvent
			if err := json.Unmarshal([]byte(line), &e); err != nil || e.ID == "" {
				t.Fatalf("jsonl line %q: %v", line, err)
			}
			n++
		}
		return n
	case export.FormatParquet:
		rows, err := parquet.Read[export.Row](bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	t.Fatalf("format %s", format)
	return 0
}

func TestExportErrors(t *testing.T) {
	ctx := context.Background()
	db := exportStore(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db")}, "no store at"},
		{[]string{"--format", "xml"}, `unknown format "xml" (want one of gdelt, csv, jsonl, parquet)`},
		{[]string{"--from", "yesterday"}, `--from: "yesterday" is not a date`},
		{[]string{"--to", "2026-13-01"}, "--to"},
		{[]string{"--from", "2026-03-05", "--to", "2026-03-01"}, "--to: is before from"},
		{[]string{"--undated", "--from", "2026-03-05"}, "--undated: undated events have no date"},
		{[]string{"--actor", "RUSSIA"}, `--actor: SIA is not a CAMEO role`},
		{[]string{"--actor", "RUSSIAN"}, `--actor: "RUSSIAN" is not an actor`},
		{[]string{"--source", "R1"}, `--source: "R1" is not an actor`},
		{[]string{"--source", "RUS:XYZ"}, `--source: XYZ is not a CAMEO role`},
		{[]string{"--code", "04,abc"}, `--code: "abc" is not a CAMEO code`},
		{[]string{"--code", "04567"}, `--code: "04567"`},
		{[]string{"--quad", "5"}, `--quad: "5" is not a QuadClass`},
		{[]string{"--limit", "-1"}, "--limit -1 is negative"},
		{[]string{"stray"}, "unexpected arguments"},
	} {
		env, out, _ := testEnv("")
		args := append([]string{"export", "--db", db}, tt.args...)
		err := run(ctx, env, args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
		if out.Len() != 0 {
			t.Errorf("%v wrote %q", tt.args, out)
		}
	}

	// A failed export leaves no file, and an earlier file as it was.
	path := filepath.Join(t.TempDir(), "events.csv")
	if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	env, _, _ := testEnv("")
	if err := run(cctx, env, []string{"export", "--db", db, "--out", path}); err == nil {
		t.Error("cancelled export succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "earlier" {
		t.Errorf("file after a failed export: %q", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestExportCorpus ingests the sample corpus and exports it in every
// format: the same events each time, every event with its PLOVER type
// where CAMEO maps to one.
func TestExportCorpus(t *testing.T) {
	needPipeline(t)
	if testing.Short() {
		t.Skip("ingests the corpus")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "dyad.db")
	env, _, errb := testEnv("")
	if err := run(ctx, env, []string{"ingest", "--db", db, corpusPath}); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb)
	}
	counts := map[string]int{}
	for _, format := range export.Formats() {
		env, out, errb := testEnv("")
		if err := run(ctx, env, []string{"export", "--db", db, "--format", format}); err != nil {
			t.Fatalf("%s: %v\n%s", format, err, errb)
		}
		counts[format] = countExported(t, format, out.Bytes())
	}
	if counts["csv"] < 50 {
		t.Errorf("only %d events exported from the corpus", counts["csv"])
	}
	for _, format := range export.Formats() {
		if counts[format] != counts["csv"] {
			t.Errorf("%s has %d events, csv %d", format, counts[format], counts["csv"])
		}
	}
	env, out, _ := testEnv("")
	if err := run(ctx, env, []string{"export", "--db", db, "--format", "csv"}); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(out).ReadAll()
	cols := export.Columns()
	idx := func(name string) int {
		for i, c := range cols {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	withPlover := 0
	for _, r := range recs[1:] {
		if r[idx("plover_type")] != "" {
			withPlover++
		}
		if r[idx("code_name")] == "" {
			t.Errorf("event %s (code %s) has no code name", r[0], r[idx("code")])
		}
	}
	if withPlover < len(recs[1:])*9/10 {
		t.Errorf("only %d of %d events carry a PLOVER type", withPlover, len(recs)-1)
	}
}
