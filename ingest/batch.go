package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// Item is an article handed to StoreBatch with what the reader that read
// it decided: whether it repeats an earlier article of the reader's run.
// A queue carries items from the readers (`dyad ingest --queue`) to the
// workers that code and store them.
type Item struct {
	// Article is the article as read.
	Article dyad.Article `json:"article"`
	// DuplicateOf, when set, is the ID of the earlier article of the
	// reader's run that this one repeats, and Similarity their estimated
	// similarity; the article is stored as a copy of it, not coded.
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Similarity  float64 `json:"similarity,omitempty"`
}

// ErrOriginalMissing is the error of an item that repeats an article not
// stored yet (another worker may still be coding it): the item can be
// tried again later.
var ErrOriginalMissing = errors.New("the article it repeats is not stored yet")

// StoreBatch stores items as Ingest stores what it reads: each is
// classified against the store (unchanged, a copy of a stored article, or
// to be coded), the new ones coded in parallel, and all written in one
// transaction (each alone when the batch fails). An item's DuplicateOf is
// taken as given. It returns one result per item, in order; an item whose
// original is not stored fails with ErrOriginalMissing and nothing of it
// is written.
func (in *Ingester) StoreBatch(ctx context.Context, items []Item) []Result {
	minSim := in.MinSimilarity
	if minSim <= 0 {
		minSim = dedup.DefaultMinSimilarity
	}
	seen := newRunIndex()
	jobs := make([]*job, len(items))
	inBatch := map[string]bool{}
	for i := range items {
		it := &items[i]
		var given *dyad.Duplicate
		if it.DuplicateOf != "" {
			given = &dyad.Duplicate{ArticleID: it.DuplicateOf, Similarity: it.Similarity}
		}
		j := in.classify(ctx, i, &it.Article, seen, minSim, given)
		if given != nil && j.err == nil && !j.skipped && !inBatch[it.DuplicateOf] {
			st, err := in.Store.ArticleState(ctx, it.DuplicateOf, "")
			switch {
			case err != nil:
				j.err, j.skipped = err, true
			case st == dyad.ArticleNew:
				j.err, j.skipped = fmt.Errorf("original %q: %w", it.DuplicateOf, ErrOriginalMissing), true
			}
		}
		if j.err == nil && !j.skipped {
			inBatch[it.Article.ID] = true
		}
		jobs[i] = j
	}
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for _, j := range jobs {
		if j.skipped || j.err != nil || j.state == dyad.ArticleDuplicate {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			in.code(ctx, j)
		})
	}
	wg.Wait()
	return in.writeBatch(ctx, jobs)
}

// RunIndex decides, for a reader that hands articles on without storing
// them (to a queue), which articles of its run repeat an earlier one, as
// Ingest decides within a run.
type RunIndex struct {
	x      *runIndex
	minSim float64
}

// NewRunIndex returns an empty index; minSim is as Ingester.MinSimilarity.
func NewRunIndex(minSim float64) *RunIndex {
	if minSim <= 0 {
		minSim = dedup.DefaultMinSimilarity
	}
	return &RunIndex{x: newRunIndex(), minSim: minSim}
}

// Add records a and returns its item: with DuplicateOf set when it repeats
// an earlier original of the run. seen is true when the run had an article
// with a's ID and text already (a repeat the reader need not hand on).
func (r *RunIndex) Add(a *dyad.Article) (it Item, seen bool) {
	fp := dedup.Fingerprint(a.Text)
	it = Item{Article: *a}
	if st, ok := r.x.state(a.ID, fp.Hash); ok && st == dyad.ArticleUnchanged {
		return it, true
	}
	dup := r.x.duplicate(a.ID, fp, r.minSim)
	if dup != nil {
		it.DuplicateOf, it.Similarity = dup.ArticleID, dup.Similarity
	}
	r.x.add(a.ID, fp, dup == nil)
	return it, false
}
