package export

import (
	"context"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/dyad-events/dyad"
)

// ParquetRowGroupRows is the number of events in each Parquet row group.
// The writer holds one row group in memory before it writes it out, so this
// bounds the memory of a Parquet export (a few megabytes of encoded pages
// for events with a sentence each) whatever the number of events.
const ParquetRowGroupRows = 16384

// parquetBatch is the number of rows handed to the Parquet writer at once.
const parquetBatch = 256

// writeParquet writes a Parquet file of Row records, Snappy-compressed,
// flushing a row group every ParquetRowGroupRows events.
func writeParquet(ctx context.Context, w io.Writer, store dyad.EventStore, f dyad.EventFilter) error {
	pw := parquet.NewGenericWriter[Row](w,
		parquet.MaxRowsPerRowGroup(ParquetRowGroupRows),
		parquet.Compression(&snappy.Codec{}),
		parquet.CreatedBy("dyad", "", ""),
	)
	// Rows are filled into a small batch; each row has its own rowMaker
	// because a Row's pointers point into its maker.
	rows := make([]Row, parquetBatch)
	makers := make([]rowMaker, parquetBatch)
	codes := newRowMaker().codes
	for i := range makers {
		makers[i].codes = codes
	}
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		_, err := pw.Write(rows[:n])
		n = 0
		return err
	}
	err := store.EachEvent(ctx, f, func(e *dyad.StoredEvent) error {
		makers[n].fill(&rows[n], e)
		n++
		if n == len(rows) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return pw.Close()
}
