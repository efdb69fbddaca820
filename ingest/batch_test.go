package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/mock"
)

// storeOf returns a mock store holding the articles of stored (ID ->
// text hash, "" for any), that records each Save.
func storeOf(stored map[string]bool, saves *[][]dyad.ArticleWrite) *mock.Store {
	return &mock.Store{
		ArticleStateFn: func(_ context.Context, id, hash string) (dyad.ArticleState, error) {
			if stored[id] {
				return dyad.ArticleUnchanged, nil
			}
			return dyad.ArticleNew, nil
		},
		FindDuplicateFn: func(context.Context, dyad.Fingerprint, float64) (*dyad.Duplicate, error) { return nil, nil },
		SaveFn: func(_ context.Context, b []dyad.ArticleWrite) error {
			for _, w := range b {
				if w.Article.DuplicateOf != "" && !stored[w.Article.DuplicateOf] {
					inBatch := false
					for _, o := range b {
						inBatch = inBatch || o.Article.ID == w.Article.DuplicateOf
					}
					if !inBatch {
						return errors.New("original not stored")
					}
				}
			}
			*saves = append(*saves, b)
			return nil
		},
	}
}

// coderOf codes one event per article and panics on an article whose
// text says PANIC.
func coderOf(coded *[]string) *mock.Coder {
	return &mock.Coder{CodeArticleFn: func(_ context.Context, a *dyad.Article) ([]dyad.Event, error) {
		if strings.Contains(a.Text, "PANIC") {
			panic("bad article")
		}
		*coded = append(*coded, a.ID)
		return []dyad.Event{{ID: a.ID + "-e", Code: "042", Root: "04"}}, nil
	}}
}

func TestStoreBatch(t *testing.T) {
	var saves [][]dyad.ArticleWrite
	var coded []string
	st := storeOf(map[string]bool{"old": true, "stored-orig": true}, &saves)
	in := &ingest.Ingester{Coder: coderOf(&coded), Store: st, Workers: 1}
	items := []ingest.Item{
		{Article: dyad.Article{ID: "old", Text: "An article stored before."}},
		{Article: dyad.Article{ID: "a", Text: "A new article about talks."}},
		{Article: dyad.Article{ID: "a-copy", Text: "A new article about talks."}, DuplicateOf: "a", Similarity: 1},
		{Article: dyad.Article{ID: "b-copy", Text: "Another story entirely."}, DuplicateOf: "b", Similarity: 0.8},
		{Article: dyad.Article{ID: "c-copy", Text: "A third story."}, DuplicateOf: "stored-orig", Similarity: 0.9},
		{Article: dyad.Article{ID: "bad", Text: "This one makes the coder PANIC."}},
	}
	rs := in.StoreBatch(context.Background(), items)
	want := []struct {
		state dyad.ArticleState
		err   string
	}{
		{dyad.ArticleUnchanged, ""},
		{dyad.ArticleNew, ""},
		{dyad.ArticleDuplicate, ""},
		{"", "not stored yet"},
		{dyad.ArticleDuplicate, ""},
		{"", "panic: bad article"},
	}
	for i, w := range want {
		r := rs[i]
		if r.State != w.state || (w.err == "") != (r.Err == nil) || (r.Err != nil && !strings.Contains(r.Err.Error(), w.err)) {
			t.Errorf("%s: %s %v, want %s %q", items[i].Article.ID, r.State, r.Err, w.state, w.err)
		}
	}
	if !errors.Is(rs[3].Err, ingest.ErrOriginalMissing) {
		t.Errorf("a copy of an article not stored: %v, want ErrOriginalMissing", rs[3].Err)
	}
	if rs[2].DuplicateOf != "a" || rs[1].Events != 1 {
		t.Errorf("results: %+v", rs)
	}
	if strings.Join(coded, " ") != "a" {
		t.Errorf("coded %v, want only a (copies and stored articles are not coded)", coded)
	}
	if len(saves) != 1 {
		t.Fatalf("%d saves, want the batch in one", len(saves))
	}
	var ids []string
	for _, w := range saves[0] {
		ids = append(ids, w.Article.ID+"<"+w.Article.DuplicateOf)
	}
	if got := strings.Join(ids, " "); got != "a< a-copy<a c-copy<stored-orig" {
		t.Errorf("saved %s", got)
	}
}

func TestRunIndex(t *testing.T) {
	x := ingest.NewRunIndex(0)
	text := "Kenya and Tanzania agreed on Tuesday to reopen three border crossings that were closed during a dispute over truck inspections, officials said."
	steps := []struct {
		a    dyad.Article
		dup  string
		seen bool
	}{
		{dyad.Article{ID: "a", Text: text}, "", false},
		{dyad.Article{ID: "b", Text: text}, "a", false},
		{dyad.Article{ID: "c", Text: "NAIROBI - " + text + " The bloc welcomed it."}, "a", false},
		{dyad.Article{ID: "a", Text: text}, "", true},
		{dyad.Article{ID: "d", Text: "Parliament passed the budget on Thursday after a long debate about fuel subsidies."}, "", false},
	}
	for _, s := range steps {
		it, seen := x.Add(&s.a)
		if it.DuplicateOf != s.dup || seen != s.seen || it.Article.ID != s.a.ID {
			t.Errorf("%s: dup %q seen %v, want %q %v", s.a.ID, it.DuplicateOf, seen, s.dup, s.seen)
		}
		if s.dup != "" && (it.Similarity <= 0 || it.Similarity > 1) {
			t.Errorf("%s: similarity %v", s.a.ID, it.Similarity)
		}
	}
}
