package nlp

// This file holds the lookup memo of the parser's scoring: a small
// direct-mapped cache of what the big feature table answered for a key.
// A sentence asks for the same features again and again — the words of
// the buffer's front stay for several transitions, and the items of a beam
// share most of their features — while the table is far larger than the
// processor's caches, so nearly every lookup in it waits for memory. The
// memo answers repeated keys from a few dozen kilobytes instead. It holds
// the table's answer exactly (the key is compared whole), so scores are the
// same with or without it; entries stay valid from sentence to sentence
// while the model does not change (see lookupMemo.table).

// memoBits is the base-2 logarithm of the number of memo entries.
const memoBits = 12

// memoEntry is the table's answer for one key: its transition weights and
// the header of its label cells (0: none); key 0 marks an empty entry.
type memoEntry struct {
	key uint64
	w   [numTransitions]int16
	off uint32
}

// lookupMemo is one decoder's memo (each goroutine decodes with its own).
type lookupMemo struct {
	e     [1 << memoBits]memoEntry
	batch missBatch // scratch of scoreMany
	// table is the table whose answers e holds: a parser's tables change
	// while it trains (each pass is frozen to score the dev sentences),
	// and a memo filled from other tables is emptied before use.
	table *fastTable
}

// slot returns the entry key k would occupy. The table's slot index comes
// from the key's low bits and its fingerprint from the high ones; the memo
// takes bits from the middle.
func (m *lookupMemo) slot(k uint64) *memoEntry {
	return &m.e[(k>>20)&(1<<memoBits-1)]
}

// scoreMany is score for the configurations states at once: feats holds
// their features one after another, states[i]'s ending at ends[i]. Their
// transition scores are added to sc[i] and the label cells of the features
// found go to states[i].hits. Keys memo holds are answered from it; the
// others are looked up in the table a batch at a time (resolve), and their
// answers kept in memo.
func (t *fastTable) scoreMany(memo *lookupMemo, feats []uint64, ends []int32, sc [][numTransitions]int32, states []*parseState) {
	if memo.table != t {
		clear(memo.e[:])
		memo.table = t
	}
	b := &memo.batch
	pos := 0
	for item, s := range states {
		hits := s.hits[:0]
		var w0, w1, w2, w3 int32
		end := int(ends[item])
		for ; pos < end; pos++ {
			k := feats[pos]
			e := memo.slot(k)
			if e.key != k {
				if b.n == lookupBatch {
					s.hits = hits
					t.resolve(memo, b, sc, states)
					hits = s.hits
				}
				b.keys[b.n], b.owner[b.n] = k, int32(item)
				b.n++
				continue
			}
			w0, w1, w2, w3 = w0+int32(e.w[0]), w1+int32(e.w[1]), w2+int32(e.w[2]), w3+int32(e.w[3])
			if e.off > 0 {
				hits = append(hits, int32(e.off))
			}
		}
		s.hits = hits
		acc := &sc[item]
		acc[0], acc[1], acc[2], acc[3] = acc[0]+w0, acc[1]+w1, acc[2]+w2, acc[3]+w3
	}
	t.resolve(memo, b, sc, states)
}

// missBatch is the keys memo did not hold, waiting to be looked up in the
// table, with the configuration each belongs to.
type missBatch struct {
	n     int
	keys  [lookupBatch]uint64
	owner [lookupBatch]int32
	home  [lookupBatch]uint32
}

// resolve looks up the keys of b in the table, adds their weights to the
// scores of their configurations and keeps the answers in memo: first the
// home slot of every key (loads that do not depend on one another, so that
// their cache misses overlap), then the probing.
func (t *fastTable) resolve(memo *lookupMemo, b *missBatch, sc [][numTransitions]int32, states []*parseState) {
	mask := t.mask
	keys := b.keys[:b.n]
	for j, k := range keys {
		*memo.slot(k) = memoEntry{key: k}
		b.home[j] = t.slots[k&mask].fp
	}
	for j, k := range keys {
		if b.home[j] == 0 {
			continue
		}
		i, fp := k&mask, fingerprint(k)
		for {
			sl := &t.slots[i]
			if sl.fp == fp {
				// whole: another key of the batch may have taken
				// the entry since
				*memo.slot(k) = memoEntry{key: k, w: sl.w, off: sl.off}
				o := b.owner[j]
				a := &sc[o]
				a[0], a[1], a[2], a[3] = a[0]+int32(sl.w[0]), a[1]+int32(sl.w[1]), a[2]+int32(sl.w[2]), a[3]+int32(sl.w[3])
				if sl.off > 0 {
					states[o].hits = append(states[o].hits, int32(sl.off))
				}
				break
			}
			if sl.fp == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
	b.n = 0
}
