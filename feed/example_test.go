package feed_test

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/feed"
)

// Reading a directory of articles: each article goes to the callback, each
// bad file or line to Report, and the rest is still read.
func ExampleReader() {
	r := &feed.Reader{Report: func(f *feed.Failure) { fmt.Println("failed:", filepath.Base(f.Location), f.Err) }}
	err := r.Read(context.Background(), filepath.Join("testdata", "tree"), func(a *dyad.Article) error {
		fmt.Println(a.ID)
		return nil
	})
	fmt.Println("error:", err)
	// Output:
	// l1
	// failed: batch.jsonl:2 bad JSON: unexpected end of JSON input
	// batch.jsonl:3
	// headline.txt
	// json-1
	// plain.txt
	// sub/page.html
	// error: <nil>
}

// Watching feeds: load the sources, then poll them until the context ends.
func ExamplePoller() {
	srcs, err := feed.ParseSources([]byte("feeds:\n  - name: Ostrenia Daily\n    url: feeds/atom.xml\n"), "sources.yaml", "testdata")
	if err != nil {
		fmt.Println(err)
		return
	}
	p := &feed.Poller{
		Client: feed.NewClient(),
		Store:  &feed.MemStore{}, // the SQLite store in dyad watch
		Handler: func(ctx context.Context, src feed.Source, arts []dyad.Article) error {
			for _, a := range arts {
				fmt.Println(src.Name, "|", a.Title)
			}
			return nil
		},
		OnFailure: func(f *feed.Failure) { fmt.Println("failed:", f) },
	}
	// One poll of each source; p.Run(ctx, srcs) polls on their intervals.
	for _, s := range srcs {
		p.Poll(context.Background(), s)
	}
	fmt.Printf("%+v\n", p.Stats())
	// Output:
	// Ostrenia Daily | Parliament debates water accord
	// Ostrenia Daily | Envoy returns
	// {Polls:1 NotModified:0 Items:2 Failures:0}
}
