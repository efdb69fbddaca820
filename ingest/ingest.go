// Package ingest moves articles into a store: it fingerprints each one,
// links exact and near duplicates to the article they repeat instead of
// coding them again, codes the rest in parallel and stores every article
// with its events in one transaction, in input order.
//
// Ingesting the same input twice adds nothing; a killed run leaves every
// article stored completely or not at all, so running it again finishes the
// job.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// Ingester codes and stores articles. Set its fields, then call Ingest or
// Recode; it is not safe to change fields while they run.
type Ingester struct {
	// Coder codes articles into events.
	Coder dyad.EventCoder
	// Store keeps articles and events.
	Store dyad.ArticleStore
	// Coding names the dictionary and model versions events are stamped
	// with; its At is set when each article is coded.
	Coding dyad.Coding
	// MinSimilarity is the estimated share of shingles from which an
	// article is a near-duplicate; 0 means dedup.DefaultMinSimilarity, and
	// a value above 1 turns near-duplicate detection off (exact copies are
	// still linked).
	MinSimilarity float64
	// Workers is the number of articles coded at once; 0 means GOMAXPROCS.
	Workers int
	// Limits bound what one article may cost (its text and events; the
	// coder enforces the sentences); zero fields take the defaults.
	// Articles are coded through a Guard with these limits, which also
	// collapses the identical events of repeated sentences.
	Limits Limits
	// Logger receives one debug line per article; nil discards them.
	Logger *slog.Logger
	// Now returns the time events are stamped as coded; nil uses
	// time.Now.
	Now func() time.Time
}

// Result is what happened to one article.
type Result struct {
	// ArticleID is the article's ID.
	ArticleID string
	// State is what the store now holds for it; empty when it failed.
	State dyad.ArticleState
	// DuplicateOf and Similarity name the article a duplicate repeats.
	DuplicateOf string
	Similarity  float64
	// Events is the number of events stored for it.
	Events int
	// Err says why the article failed; nil on success.
	Err error
	// Warning, on success, says what was lost: a limit the article
	// reached (a *dyad.LimitError), its events past it dropped.
	Warning error
}

// Summary counts what an ingestion did.
type Summary struct {
	// Read counts the articles read; the others split them by outcome.
	Read, New, Updated, Unchanged, Duplicate, Failed int
	// Events counts the events stored.
	Events int
	// Warnings counts the articles stored with a warning (Result.Warning).
	Warnings int
}

// Add counts one result.
func (s *Summary) Add(r Result) {
	s.Read++
	s.Events += r.Events
	if r.Err == nil && r.Warning != nil {
		s.Warnings++
	}
	switch {
	case r.Err != nil:
		s.Failed++
	case r.State == dyad.ArticleNew:
		s.New++
	case r.State == dyad.ArticleUpdated:
		s.Updated++
	case r.State == dyad.ArticleUnchanged:
		s.Unchanged++
	case r.State == dyad.ArticleDuplicate:
		s.Duplicate++
	}
}

// String is the one-line summary the CLI prints.
func (s Summary) String() string {
	out := fmt.Sprintf("%d articles read: %d new, %d updated, %d unchanged, %d duplicate, %d failed; %d events stored",
		s.Read, s.New, s.Updated, s.Unchanged, s.Duplicate, s.Failed, s.Events)
	if s.Warnings > 0 {
		out += fmt.Sprintf("; %d stored with a warning", s.Warnings)
	}
	return out
}

// job is one article on its way through the pipeline.
type job struct {
	seq     int
	art     *dyad.StoredArticle
	state   dyad.ArticleState
	events  []dyad.Event
	err     error
	warn    error
	skipped bool // unchanged or failed before coding: nothing to write
}

// Ingest calls read, which hands articles to emit one at a time (from one
// goroutine), and calls done (which may be nil) with each article's result
// in input order. An error from read stops the run and is returned (emit
// returns the context's error once the run is cancelled). Per-article
// failures are results, not errors: the run goes on.
func (in *Ingester) Ingest(ctx context.Context, read func(emit func(*dyad.Article) error) error, done func(Result)) (Summary, error) {
	var sum Summary
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	minSim := in.MinSimilarity
	if minSim <= 0 {
		minSim = dedup.DefaultMinSimilarity
	}

	toCode := make(chan *job, 4*workers)
	coded := make(chan *job, 2*maxBatch)
	var readErr error
	var wg sync.WaitGroup

	// The reader decides, in input order, what each article needs.
	seen := newRunIndex()
	go func() {
		defer close(toCode)
		seq := 0
		err := read(func(a *dyad.Article) error {
			j := in.classify(ctx, seq, a, seen, minSim, nil)
			seq++
			select {
			case toCode <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil && ctx.Err() == nil {
			readErr = err
		}
	}()

	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range toCode {
				if !j.skipped && j.state != dyad.ArticleDuplicate && j.err == nil {
					in.code(ctx, j)
				}
				select {
				case coded <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(coded) }()

	// The writer stores results in input order, so that a duplicate is
	// always written after the article it repeats, in batches of up to
	// maxBatch articles or what is ready after maxDelay: one commit per
	// batch keeps the store's share of the work small.
	pending := map[int]*job{}
	nextSeq := 0
	var ready []*job
	flush := func() {
		if len(ready) == 0 || ctx.Err() != nil {
			return
		}
		for _, r := range in.writeBatch(ctx, ready) {
			sum.Add(r)
			if in.Logger != nil {
				in.Logger.Debug("ingested", "article", r.ArticleID, "state", r.State, "events", r.Events, "err", r.Err)
			}
			if done != nil {
				done(r)
			}
		}
		ready = ready[:0]
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	timing := false
loop:
	for ctx.Err() == nil {
		select {
		case j, ok := <-coded:
			if !ok {
				break loop
			}
			pending[j.seq] = j
			for {
				j, ok := pending[nextSeq]
				if !ok {
					break
				}
				delete(pending, nextSeq)
				nextSeq++
				ready = append(ready, j)
				if len(ready) >= maxBatch {
					flush()
				}
			}
			if len(ready) > 0 && !timing {
				timer.Reset(maxDelay)
				timing = true
			}
		case <-timer.C:
			timing = false
			flush()
		}
	}
	timer.Stop()
	flush()
	cancel()
	for range coded { // let the workers finish
	}
	if readErr != nil {
		return sum, readErr
	}
	return sum, parent.Err()
}

// classify fingerprints an article and decides whether it is unchanged, a
// duplicate, or to be coded. given, when not nil, is the original an
// earlier reader found the article repeats, and is not looked for again.
func (in *Ingester) classify(ctx context.Context, seq int, a *dyad.Article, seen *runIndex, minSim float64, given *dyad.Duplicate) *job {
	if max := in.Limits.WithDefaults().MaxTextBytes; len(a.Text) > max {
		// Not even fingerprinted: the text is dropped here.
		art := &dyad.StoredArticle{Article: *a}
		art.Text = ""
		return &job{seq: seq, art: art, err: &dyad.LimitError{What: "text bytes", Max: max, Got: len(a.Text)}, skipped: true}
	}
	j := &job{seq: seq, art: &dyad.StoredArticle{Article: *a, Fingerprint: dedup.Fingerprint(a.Text)}}
	if a.ID == "" {
		j.err, j.skipped = errors.New("article has no ID"), true
		return j
	}
	fp := j.art.Fingerprint
	state, inRun := seen.state(a.ID, fp.Hash)
	if !inRun {
		var err error
		if state, err = in.Store.ArticleState(ctx, a.ID, fp.Hash); err != nil {
			j.err, j.skipped = err, true
			return j
		}
	}
	j.state = state
	if state == dyad.ArticleUnchanged {
		j.skipped = true
		return j
	}
	dup := given
	if dup == nil {
		dup = seen.duplicate(a.ID, fp, minSim)
	}
	if dup == nil {
		d, err := in.Store.FindDuplicate(ctx, fp, minSim)
		if err != nil {
			j.err, j.skipped = err, true
			return j
		}
		if d != nil && d.ArticleID != a.ID {
			dup = d
		}
	}
	if dup != nil {
		j.state = dyad.ArticleDuplicate
		j.art.DuplicateOf, j.art.Similarity = dup.ArticleID, dup.Similarity
	}
	seen.add(a.ID, fp, dup == nil)
	return j
}

// code codes one article through a Guard with the Ingester's limits,
// stamping it with the coding versions.
func (in *Ingester) code(ctx context.Context, j *job) {
	// A coder that panics on one article fails that article, not the
	// run (nor, on a queue, every worker that takes it in turn).
	defer func() {
		if r := recover(); r != nil {
			j.events, j.err = nil, fmt.Errorf("coding: panic: %v", r)
		}
	}()
	g := Guard{Coder: in.Coder, Limits: in.Limits}
	evs, err := g.CodeArticle(ctx, &j.art.Article)
	var le *dyad.LimitError
	switch {
	case err == nil:
	case errors.As(err, &le) && le.Partial:
		j.warn = err
	default:
		j.err = fmt.Errorf("coding: %w", err)
		return
	}
	j.events = evs
	j.art.Coding = in.Coding
	if in.Now != nil {
		j.art.Coding.At = in.Now()
	} else {
		j.art.Coding.At = time.Now().UTC()
	}
}

// maxBatch is the most articles written in one transaction, and maxDelay
// the longest a coded article waits for its batch to fill.
const (
	maxBatch = 64
	maxDelay = 250 * time.Millisecond
)

// writeBatch stores the outcomes of jobs, in order, in one transaction, and
// returns their results. When the batch fails, each article is written on
// its own so that one bad article does not fail the others.
func (in *Ingester) writeBatch(ctx context.Context, jobs []*job) []Result {
	results := make([]Result, len(jobs))
	var writes []dyad.ArticleWrite
	var idx []int
	for i, j := range jobs {
		r := Result{ArticleID: j.art.ID, DuplicateOf: j.art.DuplicateOf, Similarity: j.art.Similarity, Warning: j.warn}
		switch {
		case j.err != nil:
			r.Err = fmt.Errorf("article %q: %w", j.art.ID, j.err)
		case j.skipped:
			r.State = j.state
		default:
			w := dyad.ArticleWrite{Article: j.art}
			if j.state != dyad.ArticleDuplicate {
				w.Events = j.events
			}
			writes = append(writes, w)
			idx = append(idx, i)
		}
		results[i] = r
	}
	if len(writes) == 0 {
		return results
	}
	stored := func(i int) {
		results[i].State = jobs[i].state
		if jobs[i].state != dyad.ArticleDuplicate {
			results[i].Events = len(jobs[i].events)
		}
	}
	if err := in.Store.Save(ctx, writes); err == nil {
		for _, i := range idx {
			stored(i)
		}
		return results
	}
	for k, w := range writes {
		i := idx[k]
		if err := in.Store.Save(ctx, []dyad.ArticleWrite{w}); err != nil {
			results[i].Err = err
			continue
		}
		stored(i)
	}
	return results
}

// Recode codes the stored originals again with the Ingester's coder and
// replaces their events, article by article, each in one transaction.
// Articles already coded with the Ingester's Coding versions are skipped
// unless all is set. done, if not nil, receives each result.
func (in *Ingester) Recode(ctx context.Context, all bool, done func(Result)) (Summary, error) {
	arts := make(chan *dyad.StoredArticle)
	var walkErr error
	go func() {
		defer close(arts)
		walkErr = in.Store.EachOriginal(ctx, func(a *dyad.StoredArticle) error {
			select {
			case arts <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var sum Summary
	var toCode []*dyad.StoredArticle
	flush := func() {
		if len(toCode) == 0 {
			return
		}
		s, _ := in.recodeBatch(ctx, toCode, done)
		sum.Read += s.Read
		sum.Updated += s.Updated
		sum.Failed += s.Failed
		sum.Events += s.Events
		sum.Warnings += s.Warnings
		toCode = toCode[:0]
	}
	for a := range arts {
		if !all && a.Coding.Dictionary == in.Coding.Dictionary && a.Coding.Model == in.Coding.Model {
			r := Result{ArticleID: a.ID, State: dyad.ArticleUnchanged}
			sum.Add(r)
			if done != nil {
				done(r)
			}
			continue
		}
		toCode = append(toCode, a)
		if len(toCode) == 64 {
			flush()
		}
	}
	flush()
	if walkErr != nil {
		return sum, walkErr
	}
	return sum, ctx.Err()
}

// recodeBatch codes a batch of stored articles in parallel and saves each.
func (in *Ingester) recodeBatch(ctx context.Context, arts []*dyad.StoredArticle, done func(Result)) (Summary, error) {
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make([]*job, len(arts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i, a := range arts {
		jobs[i] = &job{seq: i, art: a, state: dyad.ArticleUpdated}
		wg.Add(1)
		sem <- struct{}{}
		go func(j *job) {
			defer func() { <-sem; wg.Done() }()
			in.code(ctx, j)
		}(jobs[i])
	}
	wg.Wait()
	var sum Summary
	for _, r := range in.writeBatch(ctx, jobs) {
		sum.Add(r)
		if done != nil {
			done(r)
		}
	}
	return sum, nil
}

// runIndex remembers the articles of this run that are not stored yet, so
// that duplicates within one input are found before their originals are
// written.
type runIndex struct {
	hashOf map[string]string // article ID -> text hash
	byHash map[string]string // text hash -> original's ID
	bands  map[[2]uint64][]int
	sigs   [][]uint32
	ids    []string
}

func newRunIndex() *runIndex {
	return &runIndex{hashOf: map[string]string{}, byHash: map[string]string{}, bands: map[[2]uint64][]int{}}
}

// state says whether id was seen in this run, and if so how hash compares.
func (x *runIndex) state(id, hash string) (dyad.ArticleState, bool) {
	h, ok := x.hashOf[id]
	switch {
	case !ok:
		return "", false
	case h == hash:
		return dyad.ArticleUnchanged, true
	default:
		return dyad.ArticleUpdated, true
	}
}

// duplicate returns the earlier original of this run that fp repeats.
func (x *runIndex) duplicate(id string, fp dyad.Fingerprint, minSim float64) *dyad.Duplicate {
	if orig, ok := x.byHash[fp.Hash]; ok && orig != id {
		return &dyad.Duplicate{ArticleID: orig, Similarity: 1}
	}
	var best *dyad.Duplicate
	for b, h := range fp.Bands {
		for _, i := range x.bands[[2]uint64{uint64(b), h}] {
			if x.ids[i] == id {
				continue
			}
			if s := dedup.Similarity(fp.MinHash, x.sigs[i]); s >= minSim && (best == nil || s > best.Similarity) {
				best = &dyad.Duplicate{ArticleID: x.ids[i], Similarity: s}
			}
		}
	}
	return best
}

// add records an article; only originals are candidates for duplicates.
func (x *runIndex) add(id string, fp dyad.Fingerprint, original bool) {
	x.hashOf[id] = fp.Hash
	if !original {
		return
	}
	if _, ok := x.byHash[fp.Hash]; !ok {
		x.byHash[fp.Hash] = id
	}
	i := len(x.ids)
	x.ids = append(x.ids, id)
	x.sigs = append(x.sigs, fp.MinHash)
	for b, h := range fp.Bands {
		k := [2]uint64{uint64(b), h}
		x.bands[k] = append(x.bands[k], i)
	}
}
