package feed

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// DefaultMaxFileBytes is the default cap on one local file or one JSONL
// line.
const DefaultMaxFileBytes = 64 << 20

// Format is how a local file is read.
type Format int

// The formats a Reader can read.
const (
	// FormatAuto chooses by file extension: .txt text, .html/.htm HTML,
	// .json one JSON article, .jsonl JSON lines, .xml/.rss/.atom/.rdf a
	// feed; a file named explicitly with any other extension, and stdin,
	// are read as text.
	FormatAuto Format = iota
	// FormatText reads the whole file as one article.
	FormatText
	// FormatHTML reads the main text of an HTML page as one article.
	FormatHTML
	// FormatJSON reads one JSON article object.
	FormatJSON
	// FormatJSONL reads one JSON article object per line.
	FormatJSONL
	// FormatFeed reads an RSS, Atom, RDF or JSON Feed file.
	FormatFeed
)

// formatOf gives the format of a file by its extension, and false for an
// extension a directory walk skips.
func formatOf(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return FormatText, true
	case ".html", ".htm":
		return FormatHTML, true
	case ".json":
		return FormatJSON, true
	case ".jsonl":
		return FormatJSONL, true
	case ".xml", ".rss", ".atom", ".rdf":
		return FormatFeed, true
	}
	return FormatText, false
}

// Reader reads articles from local paths. The zero Reader reads by
// extension, with no default date, from os.Stdin for "-", and drops
// failures; set Report to see them.
//
// The JSON article format (.json, and each line of .jsonl) is
//
//	{"id": "...", "date": "YYYY-MM-DD or RFC 3339", "title": "...", "text": "...", "url": "...", "source": "..."}
//
// where only text or title is required.
//
// A plain-text file is one article whose Text is the whole file, unchanged.
// Its Title is the first line when that line looks like a headline: at most
// 200 bytes, not ending in sentence punctuation, and followed by a blank
// line. The headline stays in Text.
//
// Article IDs are the id field when there is one; otherwise they derive
// from the path relative to the path given to Read (the file's base name
// when a file was given), with ":LINE" for a JSONL line, so that reading the
// same tree again gives the same IDs. Stdin is "stdin".
type Reader struct {
	// Format forces a format on every file read; FormatAuto chooses by
	// extension. A directory walk reads only files with the extensions
	// FormatAuto knows, whatever the Format.
	Format Format
	// Date is the Published date of articles that give none (the zero
	// time: unknown).
	Date time.Time
	// MaxBytes caps one file or one JSONL line; larger ones are reported
	// and skipped. 0 means DefaultMaxFileBytes.
	MaxBytes int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Report receives each failure and warning; nil drops them.
	Report func(*Failure)
}

func (r *Reader) maxBytes() int64 {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxFileBytes
}

func (r *Reader) report(loc string, warning bool, err error) {
	if r.Report != nil {
		r.Report(&Failure{Location: loc, Warning: warning, Err: err})
	}
}

// Read reads the file, directory (recursively, in lexical order, skipping
// names that begin with a dot) or stdin ("-") at path and hands each article
// to fn. Unreadable files and bad records go to Report and the rest is still
// read. Read returns an error only when fn returns one or ctx is done.
func (r *Reader) Read(ctx context.Context, path string, fn func(*dyad.Article) error) error {
	if path == "-" {
		in := r.Stdin
		if in == nil {
			in = os.Stdin
		}
		f := r.Format
		if f == FormatAuto {
			f = FormatText
		}
		return r.readStream(ctx, in, "stdin", "stdin", f, fn)
	}
	st, err := os.Stat(path)
	if err != nil {
		r.report(path, false, unwrapPath(err))
		return ctx.Err()
	}
	if !st.IsDir() {
		f := r.Format
		if f == FormatAuto {
			f, _ = formatOf(path)
		}
		return r.readFile(ctx, path, filepath.Base(path), f, fn)
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			r.report(p, false, unwrapPath(err))
			if d != nil && d.IsDir() && p != path {
				return fs.SkipDir
			}
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		f, ok := formatOf(p)
		if !ok {
			return nil
		}
		if r.Format != FormatAuto {
			f = r.Format
		}
		rel, err := filepath.Rel(path, p)
		if err != nil {
			rel = p
		}
		return r.readFile(ctx, p, filepath.ToSlash(rel), f, fn)
	})
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// Failure's Location already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Reader) readFile(ctx context.Context, path, id string, f Format, fn func(*dyad.Article) error) error {
	fh, err := os.Open(path)
	if err != nil {
		r.report(path, false, unwrapPath(err))
		return ctx.Err()
	}
	defer fh.Close()
	return r.readStream(ctx, fh, path, id, f, fn)
}

// readStream reads one input in format f; loc names it in failures and id
// is the base of its articles' IDs.
func (r *Reader) readStream(ctx context.Context, in io.Reader, loc, id string, f Format, fn func(*dyad.Article) error) error {
	if f == FormatJSONL {
		return r.readJSONL(ctx, in, loc, id, fn)
	}
	max := r.maxBytes()
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		r.report(loc, false, unwrapPath(err))
		return ctx.Err()
	}
	if int64(len(b)) > max {
		r.report(loc, false, sizeError(max))
		return ctx.Err()
	}
	var arts []*dyad.Article
	switch f {
	case FormatHTML:
		a, err := articleFromHTML(b, "", nil)
		if err != nil {
			r.report(loc, false, err)
			return ctx.Err()
		}
		a.ID = id
		if a.Published.IsZero() {
			a.Published = r.Date
		}
		arts = append(arts, a)
	case FormatJSON:
		a, dateErr, err := parseJSONArticle(bytes.TrimSpace(b), id, r.Date)
		if dateErr != nil {
			r.report(loc, false, dateErr)
		}
		if err != nil {
			r.report(loc, false, err)
			return ctx.Err()
		}
		arts = append(arts, a)
	case FormatFeed:
		res, err := ParseFeed(b, "")
		if err != nil {
			r.report(loc, false, err)
			return ctx.Err()
		}
		for i := range res.Articles {
			a := &res.Articles[i]
			if a.Published.IsZero() {
				a.Published = r.Date
			}
			arts = append(arts, a)
		}
	default:
		if err := CheckText(b); err != nil {
			r.report(loc, false, err)
			return ctx.Err()
		}
		if !utf8.Valid(b) {
			r.report(loc, true, errors.New("invalid UTF-8 replaced with U+FFFD"))
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		text := string(b)
		arts = append(arts, &dyad.Article{ID: id, Title: headline(text), Published: r.Date, Text: text})
	}
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// headline returns the first line of text when it looks like a headline
// (see Reader), else "".
func headline(text string) string {
	text = strings.TrimLeft(text, " \t\r\n\ufeff")
	first, rest, ok := strings.Cut(text, "\n")
	if !ok {
		return ""
	}
	first = strings.TrimSpace(first)
	if first == "" || len(first) > 200 || strings.ContainsAny(first[len(first)-1:], ".!?,;:\"'") ||
		strings.HasSuffix(first, "”") || strings.HasSuffix(first, "’") {
		return ""
	}
	next, _, _ := strings.Cut(rest, "\n")
	if strings.TrimSpace(next) != "" {
		return ""
	}
	return first
}

// CheckText says why b cannot be read as a text article — it is empty, or
// binary (NUL bytes, or more than one byte in ten a control byte in its
// first 8 KiB) — or returns nil.
func CheckText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("empty input")
	}
	n := min(len(b), 8192)
	ctrl := 0
	for _, c := range b[:n] {
		if c == 0 {
			return errors.New("binary input (NUL bytes), not text")
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*10 > n {
		return errors.New("binary input (control bytes), not text")
	}
	return nil
}

// ParseDate reads a date as YYYY-MM-DD or RFC 3339; "" is the zero time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
}

// jsonArticle is the JSON form of an input article.
type jsonArticle struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	URL    string `json:"url"`
	Source string `json:"source"`
}

// parseJSONArticle decodes one JSON article; id is used when it has none
// and date when it gives none. A bad date is a failure of its own
// (dateErr) that still returns the article, with its date unknown, so that
// the user learns of it and the text is not lost.
func parseJSONArticle(b []byte, id string, date time.Time) (a *dyad.Article, dateErr, err error) {
	var ja jsonArticle
	if err := json.Unmarshal(b, &ja); err != nil {
		return nil, nil, fmt.Errorf("bad JSON: %w", err)
	}
	if strings.TrimSpace(ja.Text) == "" && strings.TrimSpace(ja.Title) == "" {
		return nil, nil, errors.New("article without text")
	}
	if ja.Date != "" {
		d, err := ParseDate(ja.Date)
		if err != nil {
			dateErr = fmt.Errorf("%w; the article is read without a date", err)
			date = time.Time{}
		} else {
			date = d
		}
	}
	if ja.ID != "" {
		id = ja.ID
	}
	text := ja.Text
	if text == "" {
		text = ja.Title
	}
	return &dyad.Article{ID: id, URL: ja.URL, Source: ja.Source, Title: ja.Title, Published: date, Text: text}, dateErr, nil
}

// readJSONL reads one JSON article per line; blank lines are skipped and bad
// lines are reported with their line number.
func (r *Reader) readJSONL(ctx context.Context, in io.Reader, loc, id string, fn func(*dyad.Article) error) error {
	max := r.maxBytes()
	br := bufio.NewReaderSize(in, 1<<20)
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, rerr := readLine(br, max)
		at := fmt.Sprintf("%s:%d", loc, line)
		switch {
		case errors.Is(rerr, errLongLine):
			r.report(at, false, fmt.Errorf("line %w", sizeError(max)))
			continue
		case rerr != nil && !errors.Is(rerr, io.EOF):
			r.report(at, false, fmt.Errorf("read: %w", unwrapPath(rerr)))
			return ctx.Err()
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			a, dateErr, err := parseJSONArticle(t, fmt.Sprintf("%s:%d", id, line), r.Date)
			if dateErr != nil {
				r.report(at, false, dateErr)
			}
			if err != nil {
				r.report(at, false, err)
			} else if err := fn(a); err != nil {
				return err
			}
		}
		if rerr != nil { // io.EOF
			return nil
		}
	}
}

// errLongLine is readLine's error for a line over the cap.
var errLongLine = errors.New("too long")

// readLine reads one line without its line ending, at most max bytes; a
// longer line is consumed and reported as errLongLine. At the end of input
// it returns the last line with io.EOF.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	long := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if int64(len(buf)+len(chunk)) > max+1 { // +1: the newline
				long = true
				buf = nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if long {
			if errors.Is(err, io.EOF) || err == nil {
				return nil, errLongLine
			}
			return nil, err
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}
