// Package examples holds the sample corpus embedded in the binary, so that
// `dyad serve` can fill an empty store with something to look at from any
// directory.
package examples

import _ "embed"

// Corpus is examples/corpus/articles.jsonl: sample news articles, one JSON
// article a line ({id, date, title, text, url, source}). Treat it as
// read-only.
//
//go:embed corpus/articles.jsonl
var Corpus []byte
