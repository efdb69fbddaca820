package ingest

import (
	"context"
	"log/slog"

	"github.com/dyad-events/dyad"
)

// RecordFailure keeps a failure at location (a file and line, a URL, an
// article ID) in the store's failure log, where `dyad stats` shows what an
// unattended run (ingest, watch, a queue worker) lost and why. A failure
// to record it is logged to logger (nil: discarded), never fatal: the run
// goes on with the rest.
func RecordFailure(ctx context.Context, log dyad.FailureLog, logger *slog.Logger, location string, failure error) {
	if err := log.RecordFailure(ctx, location, failure); err != nil && logger != nil {
		logger.Warn("recording a failure", "at", location, "failure", failure, "err", err)
	}
}
