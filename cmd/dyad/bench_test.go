package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// benchCorpus is a mixed corpus: the dev sentences, the seed story and the
// example story (whatever of them is present), as articles.
func benchCorpus(b *testing.B) []*dyad.Article {
	b.Helper()
	var arts []*dyad.Article
	date := time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)
	if f, err := os.Open(devPath); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var r struct {
				ID, Text string
			}
			if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
				arts = append(arts, &dyad.Article{ID: r.ID, Text: r.Text, Published: date})
			}
		}
		f.Close()
	}
	for _, p := range []string{seedPath, filepath.Join("..", "..", "testdata", "example-story.txt")} {
		if t, err := os.ReadFile(p); err == nil {
			arts = append(arts, &dyad.Article{ID: filepath.Base(p), Text: string(t), Published: date})
		}
	}
	if len(arts) == 0 {
		b.Skip("no corpus")
	}
	return arts
}

// BenchmarkCode measures `dyad code` end to end, text to events with the
// language pipeline included, in sentences per second on one goroutine.
func BenchmarkCode(b *testing.B) {
	an, err := loadAnalyzer()
	if err != nil {
		b.Skipf("language pipeline not available: %v", err)
	}
	d, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	c := coder.New(an, d, cameo.Default(), coder.Options{})
	arts := benchCorpus(b)
	ctx := context.Background()
	sents := 0
	for _, a := range arts {
		if _, err := c.CodeArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		sents += len(an.Process(a.Text).Sentences)
	}
	b.ResetTimer()
	cpu := processCPU()
	total := 0
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := c.CodeArticle(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
		total += sents
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "sentences/s")
	if d := processCPU() - cpu; d > 0 {
		// the CPU time of the timed loop, which a busy machine does
		// not distort as it does the wall clock
		b.ReportMetric(float64(total)/d.Seconds(), "sentences/cpu-s")
	}
}

// cachedAnalyzer returns parses made in advance, to time the coder alone.
type cachedAnalyzer map[string]*nlp.Document

func (c cachedAnalyzer) Process(text string) *nlp.Document { return c[text] }

// BenchmarkCoderOnly times the coder without the language pipeline (the
// parses are made before the timer starts).
func BenchmarkCoderOnly(b *testing.B) {
	an, err := loadAnalyzer()
	if err != nil {
		b.Skipf("language pipeline not available: %v", err)
	}
	d, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	arts := benchCorpus(b)
	cache := cachedAnalyzer{}
	sents := 0
	for _, a := range arts {
		doc := an.Process(a.Text)
		cache[a.Text] = doc
		sents += len(doc.Sentences)
	}
	c := coder.New(cache, d, cameo.Default(), coder.Options{})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := c.CodeArticle(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(sents*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
