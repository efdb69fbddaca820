package export_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/mock"
)

// TestWriteStreamsFromAnyStore exports from a mock store: the filter
// reaches the store as given, each event streamed becomes one line, and a
// store's failure midway stops the export with its error.
func TestWriteStreamsFromAnyStore(t *testing.T) {
	f := dyad.EventFilter{Actor: "RUS", Codes: []string{"19"}, Query: "ceasefire"}
	failAfter := -1
	st := &mock.Store{EachEventFn: func(_ context.Context, got dyad.EventFilter, fn func(*dyad.StoredEvent) error) error {
		if got.Actor != f.Actor || len(got.Codes) != 1 || got.Query != f.Query {
			t.Errorf("filter reaching the store: %+v", got)
		}
		for i := range 3 {
			if i == failAfter {
				return errors.New("connection lost")
			}
			e := &dyad.StoredEvent{Event: dyad.Event{ID: "e" + string(rune('1'+i)), Code: "190", Root: "19", QuadClass: 4,
				Source: dyad.Actor{Code: "RUS"}, Target: dyad.Actor{Code: "UKR"}, Date: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC),
				DatePrecision: dyad.PrecisionDay}, NumArticles: 1, NumSources: 1}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}}
	var out bytes.Buffer
	if err := export.Write(context.Background(), &out, export.FormatJSONL, st, f); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 3 || !strings.Contains(lines[2], `"id":"e3"`) {
		t.Errorf("jsonl: %q", out.String())
	}
	out.Reset()
	if err := export.Write(context.Background(), &out, export.FormatCSV, st, f); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[1], "e1,2026-01-01,") {
		t.Errorf("csv: %q", out.String())
	}
	failAfter = 2
	err := export.Write(context.Background(), &out, export.FormatGDELT, st, f)
	if err == nil || !strings.Contains(err.Error(), "connection lost") || !strings.Contains(err.Error(), "gdelt") {
		t.Errorf("a store failing midway: %v", err)
	}
}
