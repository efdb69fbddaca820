// Package feed is where dyad's articles come from: local files and
// directories (plain text, HTML, JSON and JSONL articles, feed files), RSS,
// Atom and RDF feeds fetched over HTTP with conditional GETs, and web pages
// reduced to their main text.
//
// The package sits at the head of dyad's flow (source -> article -> ...) and
// hands out dyad.Article values; it knows nothing of the stages after it.
//
// Bad input never stops a run: an unreadable file, a malformed JSONL line, a
// feed that times out or answers 500 each become a *Failure handed to the
// caller, and the rest is still read.
//
// The pieces:
//   - Reader reads local paths (a file, a directory, or "-" for stdin).
//   - Client fetches feeds (FetchFeed) and article pages (FetchArticle) with
//     timeouts, retries, per-host pacing and a response size cap.
//   - ParseFeed turns feed bytes into articles.
//   - LoadSources reads the YAML list of feeds to watch.
//   - Poller polls each source on its interval and keeps each feed's State in
//     a StateStore.
package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Failure is one input that could not be read — a file, a JSONL line, a
// feed poll, an article page, a bad date (the article is still read,
// undated) — or, when Warning is set, one that was read with a loss the
// user should know of but need not fix (invalid UTF-8 replaced). A Failure
// never stops the rest of a run.
type Failure struct {
	// Location is where it happened: "path:line" for a line of a local
	// file, "path" for a whole file, or the URL of a feed or page.
	Location string
	// Source names the configured source (Poller failures only).
	Source string
	// When is when the failure happened (Poller failures only).
	When time.Time
	// Attempt counts the source's consecutive failed polls, this one
	// included (Poller failures only; 1 for the first).
	Attempt int
	// Warning is true when the input was read whole and nothing needs
	// fixing; a failure that is not a warning may still come with its
	// article (one whose date could not be read).
	Warning bool
	// Err says what went wrong.
	Err error
}

// Error gives the failure as "location: error".
func (f *Failure) Error() string {
	msg := "failed"
	if f.Err != nil {
		msg = f.Err.Error()
	}
	if f.Location == "" {
		return msg
	}
	return f.Location + ": " + msg
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (f *Failure) Unwrap() error { return f.Err }

// contentID is a stable ID for an item that has no GUID or link: a hash of
// its title and text.
func contentID(title, text string) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// htmlToText reduces an HTML fragment (a feed item's description or
// content) to plain text: entities decoded, tags dropped, one paragraph per
// block element, paragraphs separated by a blank line.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return cleanText(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}

// dropNonText removes the elements whose content is not text to read
// (scripts, styles, embedded objects).
func dropNonText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch c.Data {
			case "script", "style", "noscript", "iframe", "object", "embed", "svg", "template":
				n.RemoveChild(c)
			default:
				dropNonText(c)
			}
		}
		c = next
	}
}

// cleanText trims each line, collapses runs of spaces within lines and runs
// of blank lines into one, and trims the whole.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.Lines(s) {
		line = strings.Join(strings.FieldsFunc(line, unicode.IsSpace), " ")
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// oneLine collapses all white space in s into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// sizeError is the error for input that exceeds a byte cap.
func sizeError(max int64) error {
	return fmt.Errorf("larger than %d bytes, not read", max)
}
