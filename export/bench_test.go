package export_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/export"
	"github.com/dyad-events/dyad/sqlite"
)

// BenchmarkExport1M exports a store of 1,000,000 events (DYAD_EXPORT_EVENTS
// overrides the number) in every format to io.Discard, all of it and its
// first 100,000 events, and reports events/s, the peak Go heap during the
// export ("peak-heap-MB": bytes in heap objects, live or not yet collected,
// sampled every 2 ms) and the peak live heap ("peak-live-MB": the heap
// marked live by each GC), which must not grow with the export's size.
// Building the store takes minutes, so it is skipped with -short:
//
//	go test ./export -run XXX -bench Export1M -benchtime 1x -timeout 60m
func BenchmarkExport1M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of a million events")
	}
	n := 1_000_000
	if s := os.Getenv("DYAD_EXPORT_EVENTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("DYAD_EXPORT_EVENTS=%q", s)
		}
	}
	ctx := context.Background()
	start := time.Now()
	db := benchStore(b, n)
	b.Logf("store of %d events built in %v", n, time.Since(start).Round(time.Second))
	sizes := []int{n}
	if n > 100_000 {
		sizes = []int{100_000, n}
	}
	for _, format := range export.Formats() {
		for _, size := range sizes {
			b.Run(fmt.Sprintf("%s/%dk", format, size/1000), func(b *testing.B) {
				f := dyad.EventFilter{}
				if size < n {
					f.Limit = size
				}
				runtime.GC()
				stop := samplePeakHeap()
				for b.Loop() {
					if err := export.Write(ctx, io.Discard, format, db, f); err != nil {
						b.Fatal(err)
					}
				}
				peak, live := stop()
				b.ReportMetric(float64(size)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
			})
		}
	}
}

// samplePeakHeap samples the Go heap's bytes in objects (live and not yet
// swept) and the live heap of the last GC every 2 ms until the returned
// function is called, which returns the largest values seen.
func samplePeakHeap() func() (heap, live uint64) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peak, peakLive uint64
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
		peakLive = max(peakLive, sample[1].Value.Uint64())
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		wg.Wait()
		return peak, peakLive
	}
}

// benchStore builds a store of n events: articles of five events each,
// saved 1,000 articles at a time, dated over two years, half of them
// placed, with flags, speakers and sentences of news length.
func benchStore(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dyad.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	const perArticle, perBatch = 5, 1000
	actors := []dyad.Actor{{Code: "RUS", Role: "GOV", Name: "Vladimir Putin"}, {Code: "UKR", Role: "GOV", Name: "Volodymyr Zelensky"},
		{Code: "USA", Role: "GOV", Name: "White House"}, {Code: "IGO", Name: "United Nations"}, {Code: "UKR", Role: "MIL", Name: "Ukrainian troops"}}
	codes := []struct {
		code, root string
		quad       int
		g          float64
		plover     string
	}{{"036", "03", 1, 4, "AGREE"}, {"042", "04", 1, 1.9, "CONSULT"}, {"0233", "02", 1, 3.4, "REQUEST"}, {"190", "19", 4, -10, "ASSAULT"}, {"1123", "11", 3, -2, "ACCUSE"}}
	place := &dyad.Place{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkiv Oblast", Lat: 49.9935, Lon: 36.2304, Precision: dyad.PlacePoint, GeoNameID: 706483, Basis: "clause"}
	sentence := "Russian President Vladimir Putin told his Ukrainian counterpart on Monday that Moscow was ready to hold talks in Istanbul, the Kremlin said in a statement."
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]dyad.ArticleWrite, 0, perBatch)
	written := 0
	for a := 0; written < n; a++ {
		id := fmt.Sprintf("art-%07d", a)
		art := &dyad.StoredArticle{Article: dyad.Article{ID: id, Source: "Wire " + strconv.Itoa(a%7), Text: sentence, Published: base.AddDate(0, 0, a%730)},
			Fingerprint: dyad.Fingerprint{Hash: id}, Coding: dyad.Coding{Dictionary: "bench", Model: "bench", At: base.AddDate(0, 0, a%730+1)}}
		var evs []dyad.Event
		for j := 0; j < perArticle && written < n; j++ {
			c := codes[(a+j)%len(codes)]
			e := dyad.Event{ID: fmt.Sprintf("%s-%d", id, j), Source: actors[j%len(actors)], Target: actors[(j+1)%len(actors)],
				Code: c.code, Root: c.root, QuadClass: c.quad, Goldstein: c.g, PloverType: c.plover,
				Date: art.Published, DatePrecision: dyad.PrecisionDay,
				Provenance: dyad.Provenance{ArticleID: id, Sentence: j, SentenceText: sentence, PatternID: c.code + ".bench",
					SourceSpan: dyad.Span{Start: 18, End: 32}, TriggerSpan: dyad.Span{Start: 88, End: 97}}}
			if j%2 == 0 {
				e.Place = place
			}
			if j == 3 {
				e.Target = dyad.Actor{}
				e.Provenance.Flags = []dyad.Flag{dyad.FlagReported}
				e.Provenance.ReportedBy = &actors[2]
			}
			evs = append(evs, e)
			written++
		}
		batch = append(batch, dyad.ArticleWrite{Article: art, Events: evs})
		if len(batch) == perBatch || written == n {
			if err := db.Save(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return db
}
