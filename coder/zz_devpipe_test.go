//go:build devpipe

package coder

// A development pipeline trained here from the treebank, for iterating on
// the dev set before the embedded model lands. Not committed.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/eval"
	"github.com/dyad-events/dyad/nlp"
)

type devPipe struct {
	tg *nlp.Tagger
	lm *nlp.Lemmatizer
	ps *nlp.Parser
}

func (p *devPipe) Process(text string) *nlp.Document {
	doc := &nlp.Document{Text: text, Sentences: nlp.Tokenize(text)}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		n := len(s.Tokens)
		words := make([]string, n)
		for i := range s.Tokens {
			words[i] = s.Tokens[i].Text
		}
		up, xp := make([]string, n), make([]string, n)
		p.tg.Tag(words, up, xp)
		heads, rels := make([]int, n), make([]string, n)
		p.ps.Parse(words, up, xp, heads, rels)
		for i := range s.Tokens {
			t := &s.Tokens[i]
			t.UPOS, t.XPOS, t.Lemma, t.Head, t.DepRel = up[i], xp[i], p.lm.Lemma(words[i], up[i], xp[i]), heads[i], rels[i]
		}
	}
	return doc
}

func loadDevPipe(t testing.TB) *devPipe {
	dir := "/tmp/dyadmodels"
	os.MkdirAll(dir, 0o755)
	p := &devPipe{}
	if b, err := os.ReadFile(dir + "/tagger.bin"); err == nil {
		p.tg, _ = nlp.ReadTagger(bytes.NewReader(b))
		b2, _ := os.ReadFile(dir + "/lemma.bin")
		p.lm, _ = nlp.ReadLemmatizer(bytes.NewReader(b2))
		b3, _ := os.ReadFile(dir + "/parser.bin")
		p.ps, _ = nlp.ReadParser(bytes.NewReader(b3))
		if p.tg != nil && p.lm != nil && p.ps != nil {
			return p
		}
	}
	train, err := nlp.ReadCoNLLUFile("../../shared/ud-ewt/en_ewt-ud-train.conllu")
	if err != nil {
		t.Fatal(err)
	}
	dev, _ := nlp.ReadCoNLLUFile("../../shared/ud-ewt/en_ewt-ud-dev.conllu")
	t0 := time.Now()
	p.tg, err = nlp.TrainTagger(train, dev, nlp.TaggerOptions{Iterations: 6})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("tagger %v", time.Since(t0))
	p.lm = nlp.TrainLemmatizer(train)
	p.ps, err = nlp.TrainParser(train, dev, nlp.ParserOptions{Iterations: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parser %v", time.Since(t0))
	var b bytes.Buffer
	p.tg.WriteTo(&b)
	os.WriteFile(dir+"/tagger.bin", b.Bytes(), 0o644)
	b.Reset()
	p.lm.WriteTo(&b)
	os.WriteFile(dir+"/lemma.bin", b.Bytes(), 0o644)
	b.Reset()
	p.ps.WriteTo(&b)
	os.WriteFile(dir+"/parser.bin", b.Bytes(), 0o644)
	return p
}

func TestDevSet(t *testing.T) {
	an := loadDevPipe(t)
	c := New(an, testDict(t), cameo.Default(), Options{})
	data, err := os.ReadFile("../../shared/eval/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var pred bytes.Buffer
	only := os.Getenv("ONLY")
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r struct {
			ID     string          `json:"id"`
			Text   string          `json:"text"`
			Events []eval.Event    `json:"events"`
		}
		json.Unmarshal(line, &r)
		a := &dyad.Article{ID: r.ID, Text: r.Text, Published: time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)}
		evs, _ := c.CodeArticle(context.Background(), a)
		rec := eval.Record{ID: r.ID, Events: []eval.Event{}}
		for _, e := range evs {
			rec.Events = append(rec.Events, eval.Event{Source: eval.Str(e.Source.Code), Target: eval.Str(e.Target.Code), Code: eval.Str(e.Code), Root: eval.Str(e.Root)})
		}
		b, _ := json.Marshal(rec)
		pred.Write(b)
		pred.WriteByte('\n')
		var g, p []string
		for _, e := range r.Events {
			tg := "-"
			if e.Target != nil {
				tg = *e.Target
			}
			g = append(g, fmt.Sprintf("%s>%s:%s", *e.Source, tg, *e.Code))
		}
		p = evStrings(evs)
		gs, ps := strings.Join(sorted(g), " "), strings.Join(p, " ")
		if gs != ps && (only == "" || only == r.ID) {
			fmt.Printf("%s %s\n   gold %s\n   pred %s\n", r.ID, r.Text, gs, ps)
			if only != "" {
				var ex strings.Builder
				c.Explain(context.Background(), a, &ex)
				fmt.Println(ex.String())
			}
		}
	}
	gset, _ := eval.Read(bytes.NewReader(data), "dev")
	pset, _ := eval.Read(bytes.NewReader(pred.Bytes()), "pred")
	res := eval.Score(gset, pset)
	res.WriteText(os.Stdout)
	os.WriteFile("/tmp/dyad-dev-pred.jsonl", pred.Bytes(), 0o644)
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
