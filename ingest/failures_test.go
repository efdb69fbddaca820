package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/mock"
)

// TestRecordFailure keeps a failure in the store's log, and logs (without
// failing) when the store cannot keep it.
func TestRecordFailure(t *testing.T) {
	ctx := context.Background()
	var kept []dyad.Failure
	s := &mock.Store{RecordFailureFn: func(_ context.Context, loc string, err error) error {
		kept = append(kept, dyad.Failure{Location: loc, Error: err.Error()})
		return nil
	}}
	ingest.RecordFailure(ctx, s, nil, "feed.jsonl:3", errors.New("malformed JSON"))
	if len(kept) != 1 || kept[0].Location != "feed.jsonl:3" || kept[0].Error != "malformed JSON" {
		t.Errorf("kept %+v", kept)
	}

	var logged bytes.Buffer
	broken := &mock.Store{RecordFailureFn: func(context.Context, string, error) error { return errors.New("store is read-only") }}
	ingest.RecordFailure(ctx, broken, slog.New(slog.NewTextHandler(&logged, nil)), "a1", errors.New("coding: panic"))
	if out := logged.String(); !strings.Contains(out, "store is read-only") || !strings.Contains(out, "a1") {
		t.Errorf("logged %q", out)
	}
	ingest.RecordFailure(ctx, broken, nil, "a1", errors.New("x")) // no logger: nothing, no panic
}
