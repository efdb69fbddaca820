package postgres

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dedup"
)

// ArticleState implements dyad.ArticleStore.
func (db *DB) ArticleState(ctx context.Context, id, hash string) (dyad.ArticleState, error) {
	var h string
	err := db.pool.QueryRow(ctx, `SELECT hash FROM articles WHERE id = $1`, id).Scan(&h)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return dyad.ArticleNew, nil
	case err != nil:
		return "", fmt.Errorf("postgres: article %q: %w", id, err)
	case h == hash:
		return dyad.ArticleUnchanged, nil
	default:
		return dyad.ArticleUpdated, nil
	}
}

// FindDuplicate implements dyad.ArticleStore: an original with the same
// text hash, else the most similar original sharing a MinHash band with fp
// whose estimated similarity reaches minSimilarity (the earliest on ties).
func (db *DB) FindDuplicate(ctx context.Context, fp dyad.Fingerprint, minSimilarity float64) (*dyad.Duplicate, error) {
	var id string
	err := db.pool.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1 AND duplicate_of IS NULL ORDER BY seq LIMIT 1`, fp.Hash).Scan(&id)
	if err == nil {
		return &dyad.Duplicate{ArticleID: id, Similarity: 1}, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: find duplicate: %w", err)
	}
	if len(fp.Bands) == 0 {
		return nil, nil
	}
	bands := make([]int16, len(fp.Bands))
	hashes := make([]int64, len(fp.Bands))
	for i, h := range fp.Bands {
		bands[i], hashes[i] = int16(i), int64(h)
	}
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.minhash FROM articles a
		WHERE a.duplicate_of IS NULL AND a.seq IN (
			SELECT b.article FROM article_bands b JOIN unnest($1::smallint[], $2::bigint[]) AS q(band, hash)
			ON b.band = q.band AND b.hash = q.hash)
		ORDER BY a.seq`, bands, hashes)
	if err != nil {
		return nil, fmt.Errorf("postgres: find duplicate: %w", err)
	}
	defer rows.Close()
	var best *dyad.Duplicate
	for rows.Next() {
		var cand string
		var blob []byte
		if err := rows.Scan(&cand, &blob); err != nil {
			return nil, fmt.Errorf("postgres: find duplicate: %w", err)
		}
		s := dedup.Similarity(fp.MinHash, decodeMinHash(blob))
		if s >= minSimilarity && (best == nil || s > best.Similarity) {
			best = &dyad.Duplicate{ArticleID: cand, Similarity: s}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: find duplicate: %w", err)
	}
	return best, nil
}

func encodeMinHash(sig []uint32) []byte {
	if len(sig) == 0 {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func decodeMinHash(b []byte) []uint32 {
	if len(b) == 0 || len(b)%4 != 0 {
		return nil
	}
	sig := make([]uint32, len(b)/4)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// eventCols are the columns of an events row, in the order newEventRows
// fills its arrays.
const eventCols = `id, article, sentence, date, date_precision, source_code, source_role, target_code, target_role, code, root,
	quad_class, goldstein, plover_type, plover_mode, place_country, place_admin1, lat, lon, pattern_id, doc`

// eventRows are events as column arrays, for one multi-row insert.
type eventRows struct {
	id, date, prec, srcCode, srcRole, tgtCode, tgtRole, code, root, plover, mode, country, admin1, pattern, doc []string
	article                                                                                                     []int64
	sentence                                                                                                    []int32
	quad                                                                                                        []int16
	goldstein                                                                                                   []float64
	lat, lon                                                                                                    []*float64
}

// add appends an article's events.
func (r *eventRows) add(article int64, evs []dyad.Event) error {
	for i := range evs {
		e := &evs[i]
		if e.ID == "" || e.Code == "" {
			return fmt.Errorf("event without ID or code: %+v", e)
		}
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		var country, admin1 string
		var lat, lon *float64
		if p := e.Place; p != nil {
			country, admin1 = p.Country, p.Admin1
			la, lo := p.Lat, p.Lon
			lat, lon = &la, &lo
		}
		r.id = append(r.id, e.ID)
		r.article = append(r.article, article)
		r.sentence = append(r.sentence, int32(e.Provenance.Sentence))
		r.date = append(r.date, dateText(e.Date))
		r.prec = append(r.prec, string(e.DatePrecision))
		r.srcCode = append(r.srcCode, e.Source.Code)
		r.srcRole = append(r.srcRole, e.Source.Role)
		r.tgtCode = append(r.tgtCode, e.Target.Code)
		r.tgtRole = append(r.tgtRole, e.Target.Role)
		r.code = append(r.code, e.Code)
		r.root = append(r.root, e.Root)
		r.quad = append(r.quad, int16(e.QuadClass))
		r.goldstein = append(r.goldstein, e.Goldstein)
		r.plover = append(r.plover, e.PloverType)
		r.mode = append(r.mode, e.PloverMode)
		r.country = append(r.country, country)
		r.admin1 = append(r.admin1, admin1)
		r.lat = append(r.lat, lat)
		r.lon = append(r.lon, lon)
		r.pattern = append(r.pattern, e.Provenance.PatternID)
		r.doc = append(r.doc, string(b))
	}
	return nil
}

// drop removes the events of an article added before.
func (r *eventRows) drop(article int64) {
	if !slices.Contains(r.article, article) {
		return
	}
	old := *r
	*r = eventRows{}
	for i, a := range old.article {
		if a == article {
			continue
		}
		r.id, r.article, r.sentence, r.date, r.prec = append(r.id, old.id[i]), append(r.article, a), append(r.sentence, old.sentence[i]), append(r.date, old.date[i]), append(r.prec, old.prec[i])
		r.srcCode, r.srcRole, r.tgtCode, r.tgtRole = append(r.srcCode, old.srcCode[i]), append(r.srcRole, old.srcRole[i]), append(r.tgtCode, old.tgtCode[i]), append(r.tgtRole, old.tgtRole[i])
		r.code, r.root, r.quad, r.goldstein = append(r.code, old.code[i]), append(r.root, old.root[i]), append(r.quad, old.quad[i]), append(r.goldstein, old.goldstein[i])
		r.plover, r.mode, r.country, r.admin1 = append(r.plover, old.plover[i]), append(r.mode, old.mode[i]), append(r.country, old.country[i]), append(r.admin1, old.admin1[i])
		r.lat, r.lon, r.pattern, r.doc = append(r.lat, old.lat[i]), append(r.lon, old.lon[i]), append(r.pattern, old.pattern[i]), append(r.doc, old.doc[i])
	}
}

// rollupKey is one cell of dyad_daily.
type rollupKey struct {
	date, source, target, root string
	quad                       int16
}

// rollupDelta is the change a transaction makes to a cell.
type rollupDelta struct {
	events int32
	gsum   float64
}

// saveState is what one run of Save's transaction gathers.
type saveState struct {
	deltas   map[rollupKey]rollupDelta
	recount  map[int64]bool // originals whose report counts change
	cleared  []int64        // articles whose events are deleted
	rows     eventRows      // events to insert
	codings  map[[2]string]bool
	arrivals []string
}

func (st *saveState) addDelta(k rollupKey, n int32, g float64) {
	d := st.deltas[k]
	d.events += n
	d.gsum += g
	st.deltas[k] = d
}

// Save implements dyad.ArticleStore. An article stored before under the
// same ID has its text, fingerprint and events replaced; its links to
// republications are kept. The batch is one transaction, run again if the
// server aborts it to break a deadlock with another writer.
func (db *DB) Save(ctx context.Context, batch []dyad.ArticleWrite) error {
	if len(batch) == 0 {
		return nil
	}
	var failed string
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		st := &saveState{deltas: map[rollupKey]rollupDelta{}, recount: map[int64]bool{}, codings: map[[2]string]bool{}}
		if batchable(batch) {
			// A fixed number of statements for the whole batch; errors
			// name their article.
			failed = ""
			if err := db.saveBatch(ctx, tx, st, batch); err != nil {
				return err
			}
		} else {
			for _, w := range batch {
				failed = w.Article.ID
				if err := db.saveOne(ctx, tx, st, w); err != nil {
					return err
				}
			}
		}
		failed = batch[0].Article.ID
		if len(batch) > 1 {
			failed += fmt.Sprintf(" (a batch of %d)", len(batch))
		}
		return db.finishSave(ctx, tx, st)
	})
	if err != nil {
		if failed == "" {
			return fmt.Errorf("postgres: save: %w", err)
		}
		return fmt.Errorf("postgres: save article %q: %w", failed, err)
	}
	return nil
}

// saveOne stores one article's row and bands and gathers its events.
func (db *DB) saveOne(ctx context.Context, tx pgx.Tx, st *saveState, w dyad.ArticleWrite) error {
	a := w.Article
	if a.ID == "" {
		return errors.New("article has no ID")
	}
	var dupOf *int64
	var sim *float64
	if a.DuplicateOf != "" {
		var orig int64
		err := tx.QueryRow(ctx, `SELECT coalesce(duplicate_of, seq) FROM articles WHERE id = $1`, a.DuplicateOf).Scan(&orig)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("original %q is not stored", a.DuplicateOf)
		}
		if err != nil {
			return err
		}
		// The original's row lock orders the writers that count its
		// reports, so that none misses another's copy.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM articles WHERE seq = $1 FOR UPDATE`, orig); err != nil {
			return err
		}
		s := a.Similarity
		dupOf, sim = &orig, &s
		st.recount[orig] = true
	} else {
		for _, e := range w.Events {
			if e.ID == "" || e.Code == "" {
				return fmt.Errorf("event without ID or code: %+v", e)
			}
		}
	}
	seq, prevDup, err := db.upsertArticle(ctx, tx, a, dupOf, sim)
	if err != nil {
		return err
	}
	if prevDup != nil && (dupOf == nil || *prevDup != *dupOf) {
		st.recount[*prevDup] = true
	}
	// An article's events are replaced; a copy has none.
	if err := st.clear(ctx, tx, seq); err != nil {
		return err
	}
	st.rows.drop(seq) // an earlier version of the article in this batch
	if dupOf != nil {
		return nil
	}
	if err := st.rows.add(seq, w.Events); err != nil {
		return err
	}
	st.codings[[2]string{a.Coding.Dictionary, a.Coding.Model}] = true
	return nil
}

// clear deletes an article's events, counting them out of the roll-up.
func (st *saveState) clear(ctx context.Context, tx pgx.Tx, seq int64) error {
	return st.clearAll(ctx, tx, []int64{seq})
}

// upsertArticle stores a's row and, for an original, its bands; it returns
// the row's seq and the original it repeated before, if any.
func (db *DB) upsertArticle(ctx context.Context, tx pgx.Tx, a *dyad.StoredArticle, dupOf *int64, sim *float64) (int64, *int64, error) {
	var published, codedAt *time.Time
	if !a.Published.IsZero() {
		p := a.Published.UTC()
		published = &p
	}
	if !a.Coding.At.IsZero() {
		c := a.Coding.At.UTC()
		codedAt = &c
	}
	words := tsvector(a.Title, a.Text)
	var seq int64
	var prevDup *int64
	err := tx.QueryRow(ctx, `SELECT seq, duplicate_of FROM articles WHERE id = $1 FOR UPDATE`, a.ID).Scan(&seq, &prevDup)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		err = tx.QueryRow(ctx, `INSERT INTO articles(id, url, source, published, title, text, hash, minhash, duplicate_of, similarity,
				ingested_at, dict_version, model_version, coded_at, words)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::tsvector)
			ON CONFLICT (id) DO NOTHING RETURNING seq`,
			a.ID, a.URL, a.Source, published, a.Title, a.Text, a.Fingerprint.Hash, encodeMinHash(a.Fingerprint.MinHash),
			dupOf, sim, db.now(), a.Coding.Dictionary, a.Coding.Model, codedAt, words).Scan(&seq)
		if errors.Is(err, pgx.ErrNoRows) {
			// Another writer stored it meanwhile: update its row.
			return db.upsertArticle(ctx, tx, a, dupOf, sim)
		}
		if err != nil {
			return 0, nil, err
		}
	case err != nil:
		return 0, nil, err
	default:
		if dupOf != nil && *dupOf == seq {
			return 0, nil, errors.New("an article cannot repeat itself")
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET url = $1, source = $2, published = $3, title = $4, text = $5, hash = $6, minhash = $7,
			duplicate_of = $8, similarity = $9, dict_version = $10, model_version = $11, coded_at = $12, words = $13::tsvector WHERE seq = $14`,
			a.URL, a.Source, published, a.Title, a.Text, a.Fingerprint.Hash, encodeMinHash(a.Fingerprint.MinHash),
			dupOf, sim, a.Coding.Dictionary, a.Coding.Model, codedAt, words, seq); err != nil {
			return 0, nil, err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM article_bands WHERE article = $1`, seq); err != nil {
			return 0, nil, err
		}
	}
	// Only originals are candidates for later duplicates: a chain of
	// republications links to its first article.
	if dupOf == nil && len(a.Fingerprint.Bands) > 0 {
		bands := make([]int16, len(a.Fingerprint.Bands))
		hashes := make([]int64, len(a.Fingerprint.Bands))
		for i, h := range a.Fingerprint.Bands {
			bands[i], hashes[i] = int16(i), int64(h)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO article_bands(band, hash, article)
			SELECT band, hash, $3 FROM unnest($1::smallint[], $2::bigint[]) AS q(band, hash) ON CONFLICT DO NOTHING`, bands, hashes, seq); err != nil {
			return 0, nil, err
		}
	}
	return seq, prevDup, nil
}

// finishSave inserts the gathered events in one statement, recounts the
// originals' reports, applies the roll-up's net change in one sorted
// upsert and numbers the new events in commit order.
func (db *DB) finishSave(ctx context.Context, tx pgx.Tx, st *saveState) error {
	r := &st.rows
	if len(r.id) > 0 {
		rows, err := tx.Query(ctx, `INSERT INTO events(`+eventCols+`)
			SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
				$10::text[], $11::text[], $12::smallint[], $13::double precision[], $14::text[], $15::text[], $16::text[], $17::text[],
				$18::double precision[], $19::double precision[], $20::text[], $21::text[])
			ON CONFLICT (id) DO NOTHING
			RETURNING id, date::text, source_code, target_code, root, quad_class, goldstein`,
			r.id, r.article, r.sentence, r.date, r.prec, r.srcCode, r.srcRole, r.tgtCode, r.tgtRole, r.code, r.root, r.quad, r.goldstein,
			r.plover, r.mode, r.country, r.admin1, r.lat, r.lon, r.pattern, r.doc)
		if err != nil {
			return err
		}
		inserted := map[string]bool{}
		for rows.Next() {
			var id string
			var k rollupKey
			var g float64
			if err := rows.Scan(&id, &k.date, &k.source, &k.target, &k.root, &k.quad, &g); err != nil {
				rows.Close()
				return err
			}
			st.addDelta(k, 1, g)
			inserted[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range r.id {
			if inserted[id] {
				st.arrivals = append(st.arrivals, id)
				delete(inserted, id)
			}
		}
	}
	if len(st.recount) > 0 {
		origs := make([]int64, 0, len(st.recount))
		for o := range st.recount {
			origs = append(origs, o)
		}
		slices.Sort(origs)
		if _, err := tx.Exec(ctx, `UPDATE articles o SET
			num_reports = 1 + (SELECT count(*) FROM articles d WHERE d.duplicate_of = o.seq),
			num_sources = (SELECT count(DISTINCT source) FROM articles d WHERE d.seq = o.seq OR d.duplicate_of = o.seq)
			WHERE o.seq = ANY($1)`, origs); err != nil {
			return err
		}
	}
	for c := range st.codings {
		if _, err := tx.Exec(ctx, `INSERT INTO codings(dictionary, model, first_used) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			c[0], c[1], db.now()); err != nil {
			return err
		}
	}
	if err := applyDeltas(ctx, tx, st.deltas); err != nil {
		return err
	}
	if len(st.arrivals) > 0 {
		// Held to the commit: numbers are taken in commit order.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('dyad.arrivals.' || current_schema()))`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO event_arrivals(event) SELECT id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY n`,
			st.arrivals); err != nil {
			return err
		}
	}
	return nil
}

// applyDeltas adds each cell's net change to dyad_daily, in key order so
// that concurrent writers lock shared cells in one order, and deletes the
// cells left empty.
func applyDeltas(ctx context.Context, tx pgx.Tx, deltas map[rollupKey]rollupDelta) error {
	keys := make([]rollupKey, 0, len(deltas))
	for k, d := range deltas {
		if d.events != 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, func(a, b rollupKey) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.source, b.source), cmp.Compare(a.target, b.target),
			cmp.Compare(a.root, b.root), cmp.Compare(a.quad, b.quad))
	})
	var dates, srcs, tgts, roots []string
	var quads []int16
	var ns []int32
	var gs []float64
	for _, k := range keys {
		d := deltas[k]
		dates, srcs, tgts, roots = append(dates, k.date), append(srcs, k.source), append(tgts, k.target), append(roots, k.root)
		quads, ns, gs = append(quads, k.quad), append(ns, d.events), append(gs, d.gsum)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO dyad_daily AS d (date, source_code, target_code, root, quad_class, events, goldstein_sum)
		SELECT date, s, t, r, q, n, g FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::integer[], $7::double precision[])
			WITH ORDINALITY AS u(date, s, t, r, q, n, g, i) ORDER BY i
		ON CONFLICT (date, source_code, target_code, root, quad_class)
		DO UPDATE SET events = d.events + excluded.events, goldstein_sum = d.goldstein_sum + excluded.goldstein_sum`,
		dates, srcs, tgts, roots, quads, ns, gs); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM dyad_daily d USING unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::smallint[]) AS u(date, s, t, r, q)
		WHERE d.date = u.date AND d.source_code = u.s AND d.target_code = u.t AND d.root = u.r AND d.quad_class = u.q AND d.events <= 0`,
		dates, srcs, tgts, roots, quads); err != nil {
		return fmt.Errorf("roll-up: %w", err)
	}
	return nil
}

// articleSelect reads an article with its original's ID.
const articleSelect = `SELECT a.seq, a.id, a.url, a.source, a.published, a.title, a.text, a.hash, a.minhash,
	coalesce(o.id, ''), coalesce(a.similarity, 0), a.ingested_at, a.dict_version, a.model_version, a.coded_at
	FROM articles a LEFT JOIN articles o ON o.seq = a.duplicate_of`

// scanArticle reads one row of articleSelect; seq, if given, receives the
// row's seq.
func scanArticle(row pgx.Row, seq ...*int64) (*dyad.StoredArticle, error) {
	var a dyad.StoredArticle
	var s int64
	var published, ingested, codedAt *time.Time
	var blob []byte
	if err := row.Scan(&s, &a.ID, &a.URL, &a.Source, &published, &a.Title, &a.Text, &a.Fingerprint.Hash, &blob,
		&a.DuplicateOf, &a.Similarity, &ingested, &a.Coding.Dictionary, &a.Coding.Model, &codedAt); err != nil {
		return nil, err
	}
	for _, p := range seq {
		*p = s
	}
	a.Published, a.Ingested, a.Coding.At = utc(published), utc(ingested), utc(codedAt)
	a.Fingerprint.MinHash = decodeMinHash(blob)
	a.Fingerprint.Bands = dedup.Bands(a.Fingerprint.MinHash)
	return &a, nil
}

// Article implements dyad.ArticleStore.
func (db *DB) Article(ctx context.Context, id string) (*dyad.StoredArticle, error) {
	a, err := scanArticle(db.pool.QueryRow(ctx, articleSelect+` WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: article %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: article %q: %w", id, err)
	}
	return a, nil
}

// EachOriginal implements dyad.ArticleStore. It pages through the articles
// so that fn may write to the store while it runs.
func (db *DB) EachOriginal(ctx context.Context, fn func(*dyad.StoredArticle) error) error {
	var after int64
	for {
		rows, err := db.pool.Query(ctx, articleSelect+` WHERE a.duplicate_of IS NULL AND a.seq > $1 ORDER BY a.seq LIMIT 100`, after)
		if err != nil {
			return fmt.Errorf("postgres: articles: %w", err)
		}
		var page []*dyad.StoredArticle
		var last int64
		for rows.Next() {
			a, err := scanArticle(rows, &last)
			if err != nil {
				rows.Close()
				return fmt.Errorf("postgres: articles: %w", err)
			}
			page = append(page, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: articles: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		after = last
	}
}
