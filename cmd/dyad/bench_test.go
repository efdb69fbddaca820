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
	if _, err := loadAnalyzer(); err != nil {
		b.Skipf("language pipeline not available: %v", err)
	}
	env, _, _ := testEnv("")
	c, err := newCoder(env, "")
	if err != nil {
		b.Fatal(err)
	}
	arts := benchCorpus(b)
	ctx := context.Background()
	sents := 0
	for _, a := range arts {
		evs, err := c.CodeArticle(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		_ = evs
	}
	an, _ := loadAnalyzer()
	for _, a := range arts {
		sents += len(an.Process(a.Text).Sentences)
	}
	b.ResetTimer()
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
}
