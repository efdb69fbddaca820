package nlp

import "slices"

// This file holds the lookup memo of the parser's scoring: a small
// direct-mapped cache of what the big feature table answered for a key.
// A sentence asks for the same features again and again — the words of
// the buffer's front stay for several transitions, and the items of a beam
// share most of their features — while the table is far larger than the
// processor's caches, so nearly every lookup in it waits for memory. The
// memo answers repeated keys from 128 kilobytes instead. It holds
// the table's answer exactly (the key is compared whole), so scores are the
// same with or without it; entries stay valid from sentence to sentence
// while the model does not change (see lookupMemo.table).

// memoBits is the base-2 logarithm of the number of memo entries.
const memoBits = 12

// memoEntry is the table's answer for one key: its transition weights
// (packed, see packWeights) and the header of its label cells (0: none);
// key 0 marks an empty entry.
type memoEntry struct {
	key      uint64
	w01, w23 uint64
	off      uint32
}

// weightBias is added to each int16 weight packWeights packs, so that the
// packed weights are not negative.
const weightBias = 1 << 15

// packWeights packs the weights of transitions 0 and 1, and of 2 and 3,
// into the low and high 32 bits of a word each, each biased by weightBias.
// Adding packed words sums the weights of both halves at once: a biased
// weight is below 2^16, so a half does not carry into the other for fewer
// than 2^16 words, and the sum of n words unpacks (unpackSums) to the
// exact sums.
func packWeights(w [numTransitions]int16) (w01, w23 uint64) {
	b := func(v int16) uint64 { return uint64(int32(v) + weightBias) }
	return b(w[0]) | b(w[1])<<32, b(w[2]) | b(w[3])<<32
}

// unpackSums adds to acc the sums in s01 and s23 of n packed words.
func unpackSums(acc *[numTransitions]int32, s01, s23 uint64, n int) {
	bias := uint32(n) * weightBias
	acc[0] += int32(uint32(s01) - bias)
	acc[1] += int32(uint32(s01>>32) - bias)
	acc[2] += int32(uint32(s23) - bias)
	acc[3] += int32(uint32(s23>>32) - bias)
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
	pos := 0
	for item, s := range states {
		hits := s.hits[:0]
		end := int(ends[item])
		for {
			// room for a label cell per key: probe does not append
			hits = slices.Grow(hits, end-pos)
			n0 := memo.batch.n
			took, s01, s23, nh := memo.probe(feats[pos:end], hits[len(hits):len(hits)+end-pos])
			hits = hits[:len(hits)+nh]
			queued := memo.batch.n - n0
			for j := n0; j < memo.batch.n; j++ {
				memo.batch.owner[j] = int32(item)
			}
			unpackSums(&sc[item], s01, s23, took-queued)
			if pos += took; pos == end {
				break
			}
			// the batch is full
			s.hits = hits
			t.resolve(memo, &memo.batch, sc, states)
			hits = s.hits
		}
		s.hits = hits
	}
	t.resolve(memo, &memo.batch, sc, states)
}

// probe is the inner loop of scoreMany, out of line and without calls so
// that what it sums stays in registers: it sums the packed weights of the
// keys of feats memo holds and writes their label cells to out, and queues
// the others in memo.batch (their owners left for the caller), until the
// batch is full. It returns how many keys it took, the sums, and how many
// label cells it wrote.
func (m *lookupMemo) probe(feats []uint64, out []int32) (took int, s01, s23 uint64, nh int) {
	b := &m.batch
	n := b.n
	i := 0
	for ; i < len(feats); i++ {
		k := feats[i]
		e := m.slot(k)
		if e.key != k {
			if n == lookupBatch {
				break
			}
			b.keys[n] = k
			n++
			continue
		}
		s01 += e.w01
		s23 += e.w23
		if e.off > 0 {
			out[nh] = int32(e.off)
			nh++
		}
	}
	b.n = n
	return i, s01, s23, nh
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
// scores of their configurations and keeps the answers in memo (that a key
// is not in the table too): first the home slot of every key (loads that
// do not depend on one another, so that their cache misses overlap), then
// the probing.
func (t *fastTable) resolve(memo *lookupMemo, b *missBatch, sc [][numTransitions]int32, states []*parseState) {
	mask := t.mask
	keys := b.keys[:b.n]
	for j, k := range keys {
		b.home[j] = t.slots[k&mask].fp
	}
	for j, k := range keys {
		// the entry is written whole, found or not: another key of the
		// batch may have taken it
		e := memoEntry{key: k, w01: weightBias | weightBias<<32, w23: weightBias | weightBias<<32}
		for i, fp := k&mask, fingerprint(k); b.home[j] != 0; i = (i + 1) & mask {
			// (an empty home slot: the key is not in the table)
			sl := &t.slots[i]
			if sl.fp == fp {
				w := sl.w
				e.w01, e.w23 = packWeights(w)
				e.off = sl.off
				o := b.owner[j]
				a := &sc[o]
				a[0], a[1], a[2], a[3] = a[0]+int32(w[0]), a[1]+int32(w[1]), a[2]+int32(w[2]), a[3]+int32(w[3])
				if sl.off > 0 {
					states[o].hits = append(states[o].hits, int32(sl.off))
				}
				break
			}
			if sl.fp == 0 {
				break
			}
		}
		*memo.slot(k) = e
	}
	b.n = 0
}
