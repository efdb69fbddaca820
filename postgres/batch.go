package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
)

// batchable reports whether a batch can be written with saveBatch: every
// article ID once, and every copy repeating an article that is either an
// original of the batch or stored before it. Other batches (rare: the
// same article twice, a copy of a copy in one batch) are written article
// by article.
func batchable(batch []dyad.ArticleWrite) bool {
	ids := make(map[string]bool, len(batch))
	dups := map[string]bool{}
	for _, w := range batch {
		if w.Article == nil || w.Article.ID == "" || ids[w.Article.ID] {
			return false
		}
		ids[w.Article.ID] = true
		if w.Article.DuplicateOf != "" {
			dups[w.Article.ID] = true
		}
	}
	for _, w := range batch {
		if d := w.Article.DuplicateOf; d != "" && dups[d] {
			return false
		}
	}
	return true
}

// articleRows are articles as column arrays, for one multi-row upsert.
type articleRows struct {
	id, url, source, title, text, hash, dict, model, words []string
	published, codedAt                                     []*time.Time
	minhash                                                [][]byte
	dupOf                                                  []*int64
	sim                                                    []*float64
}

func (r *articleRows) add(a *dyad.StoredArticle, dupOf *int64, sim *float64) {
	var published, codedAt *time.Time
	if !a.Published.IsZero() {
		p := a.Published.UTC()
		published = &p
	}
	if !a.Coding.At.IsZero() {
		c := a.Coding.At.UTC()
		codedAt = &c
	}
	r.id, r.url, r.source, r.title, r.text = append(r.id, a.ID), append(r.url, a.URL), append(r.source, a.Source), append(r.title, a.Title), append(r.text, a.Text)
	r.hash, r.dict, r.model = append(r.hash, a.Fingerprint.Hash), append(r.dict, a.Coding.Dictionary), append(r.model, a.Coding.Model)
	r.words = append(r.words, tsvector(a.Title, a.Text))
	r.published, r.codedAt = append(r.published, published), append(r.codedAt, codedAt)
	r.minhash = append(r.minhash, encodeMinHash(a.Fingerprint.MinHash))
	r.dupOf, r.sim = append(r.dupOf, dupOf), append(r.sim, sim)
}

// upsert writes the rows in one statement and returns each ID's seq. An
// article stored before keeps its seq and the time it was first ingested.
func (r *articleRows) upsert(ctx context.Context, tx pgx.Tx, now time.Time) (map[string]int64, error) {
	out := make(map[string]int64, len(r.id))
	if len(r.id) == 0 {
		return out, nil
	}
	rows, err := tx.Query(ctx, `INSERT INTO articles AS a (id, url, source, published, title, text, hash, minhash, duplicate_of, similarity,
			ingested_at, dict_version, model_version, coded_at, words)
		SELECT id, url, source, published, title, text, hash, minhash, dup, sim, $15, dict, model, coded, words::tsvector
		FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::bytea[], $9::bigint[],
			$10::double precision[], $11::text[], $12::text[], $13::timestamptz[], $14::text[])
			WITH ORDINALITY AS u(id, url, source, published, title, text, hash, minhash, dup, sim, dict, model, coded, words, i)
		ORDER BY i
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, source = excluded.source, published = excluded.published, title = excluded.title,
			text = excluded.text, hash = excluded.hash, minhash = excluded.minhash, duplicate_of = excluded.duplicate_of,
			similarity = excluded.similarity, dict_version = excluded.dict_version, model_version = excluded.model_version,
			coded_at = excluded.coded_at, words = excluded.words
		RETURNING id, seq`,
		r.id, r.url, r.source, r.published, r.title, r.text, r.hash, r.minhash, r.dupOf, r.sim, r.dict, r.model, r.codedAt, r.words, now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return nil, err
		}
		out[id] = seq
	}
	return out, rows.Err()
}

// saveBatch writes a batchable batch with a fixed number of statements,
// whatever its size: the articles' rows (originals, then copies), their
// bands, the deletion of their former events, then finishSave.
func (db *DB) saveBatch(ctx context.Context, tx pgx.Tx, st *saveState, batch []dyad.ArticleWrite) error {
	ids := make([]string, len(batch))
	var origIDs []string // originals the copies repeat, stored before
	inBatch := map[string]bool{}
	for i, w := range batch {
		ids[i] = w.Article.ID
		if w.Article.DuplicateOf == "" {
			inBatch[w.Article.ID] = true
			for _, e := range w.Events {
				if e.ID == "" || e.Code == "" {
					return fmt.Errorf("article %q: event without ID or code: %+v", w.Article.ID, e)
				}
			}
		}
	}
	for _, w := range batch {
		if d := w.Article.DuplicateOf; d != "" && !inBatch[d] {
			origIDs = append(origIDs, d)
		}
	}
	// The rows written, and the originals whose reports are counted, are
	// locked in seq order, so that writers sharing them wait in turn.
	type prev struct {
		seq    int64
		dupOf  *int64
		stored bool
	}
	before := map[string]prev{}
	rows, err := tx.Query(ctx, `SELECT id, seq, duplicate_of FROM articles WHERE id = ANY($1) ORDER BY seq FOR UPDATE`, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		var p prev
		if err := rows.Scan(&id, &p.seq, &p.dupOf); err != nil {
			rows.Close()
			return err
		}
		p.stored = true
		before[id] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	firstOf := map[string]int64{} // an original stored before -> its first article's seq
	if len(origIDs) > 0 {
		rows, err := tx.Query(ctx, `SELECT id, coalesce(duplicate_of, seq) FROM articles WHERE id = ANY($1)`, origIDs)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var seq int64
			if err := rows.Scan(&id, &seq); err != nil {
				rows.Close()
				return err
			}
			firstOf[id] = seq
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var lock []int64
		for _, w := range batch {
			if d := w.Article.DuplicateOf; d != "" && !inBatch[d] {
				seq, ok := firstOf[d]
				if !ok {
					return fmt.Errorf("article %q: original %q is not stored", w.Article.ID, d)
				}
				if p, ok := before[w.Article.ID]; ok && p.seq == seq {
					return fmt.Errorf("article %q: an article cannot repeat itself", w.Article.ID)
				}
				lock = append(lock, seq)
			}
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM articles WHERE seq = ANY($1) ORDER BY seq FOR UPDATE`, lock); err != nil {
			return err
		}
	}

	var originals, copies articleRows
	for _, w := range batch {
		if w.Article.DuplicateOf == "" {
			originals.add(w.Article, nil, nil)
		}
	}
	seqs, err := originals.upsert(ctx, tx, db.now())
	if err != nil {
		return err
	}
	newOrig := map[string]int64{}
	for _, w := range batch {
		d := w.Article.DuplicateOf
		if d == "" {
			continue
		}
		orig, ok := firstOf[d]
		if inBatch[d] {
			orig, ok = seqs[d], true
		}
		if !ok {
			return fmt.Errorf("article %q: original %q is not stored", w.Article.ID, d)
		}
		s := w.Article.Similarity
		copies.add(w.Article, &orig, &s)
		st.recount[orig] = true
		newOrig[w.Article.ID] = orig
	}
	dupSeqs, err := copies.upsert(ctx, tx, db.now())
	if err != nil {
		return err
	}
	for id, s := range dupSeqs {
		seqs[id] = s
	}
	// The originals that articles of the batch repeated before, and no
	// longer do, count one report fewer.
	for _, id := range ids {
		if p := before[id]; p.dupOf != nil {
			if o, ok := newOrig[id]; !ok || o != *p.dupOf {
				st.recount[*p.dupOf] = true
			}
		}
	}

	// Bands: only originals are candidates for later duplicates.
	all := make([]int64, 0, len(batch))
	var stored []int64
	for _, id := range ids {
		all = append(all, seqs[id])
		if before[id].stored {
			stored = append(stored, seqs[id])
		}
	}
	if len(stored) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM article_bands WHERE article = ANY($1)`, stored); err != nil {
			return err
		}
	}
	var bArt []int64
	var bBand []int16
	var bHash []int64
	for _, w := range batch {
		if w.Article.DuplicateOf != "" {
			continue
		}
		for i, h := range w.Article.Fingerprint.Bands {
			bArt, bBand, bHash = append(bArt, seqs[w.Article.ID]), append(bBand, int16(i)), append(bHash, int64(h))
		}
	}
	if len(bArt) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO article_bands(band, hash, article)
			SELECT band, hash, article FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS q(band, hash, article) ON CONFLICT DO NOTHING`,
			bBand, bHash, bArt); err != nil {
			return err
		}
	}
	// The articles' former events go; the originals' new ones follow.
	if len(stored) > 0 {
		if err := st.clearAll(ctx, tx, stored); err != nil {
			return err
		}
	}
	for _, w := range batch {
		if w.Article.DuplicateOf != "" {
			continue
		}
		if err := st.rows.add(seqs[w.Article.ID], w.Events); err != nil {
			return fmt.Errorf("article %q: %w", w.Article.ID, err)
		}
		st.codings[[2]string{w.Article.Coding.Dictionary, w.Article.Coding.Model}] = true
	}
	return nil
}

// clearAll deletes the events of several articles, counting them out of
// the roll-up.
func (st *saveState) clearAll(ctx context.Context, tx pgx.Tx, seqs []int64) error {
	rows, err := tx.Query(ctx, `DELETE FROM events WHERE article = ANY($1) RETURNING date::text, source_code, target_code, root, quad_class, goldstein`, seqs)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k rollupKey
		var g float64
		if err := rows.Scan(&k.date, &k.source, &k.target, &k.root, &k.quad, &g); err != nil {
			return err
		}
		st.addDelta(k, -1, -g)
	}
	return rows.Err()
}
