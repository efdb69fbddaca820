package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dict"
)

// maxLine bounds one JSONL line (one article).
const maxLine = 64 << 20

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newCoder builds the coder from the embedded model and dictionaries, with
// dictDir (if any) laid over them.
func newCoder(env *cliEnv, dictDir string) (*coder.Coder, error) {
	d, err := dict.Default()
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	if dictDir != "" {
		if d, err = dict.Load(d, dictDir); err != nil {
			return nil, err
		}
	}
	an, err := loadAnalyzer()
	if err != nil {
		return nil, err
	}
	return coder.New(an, d, cameo.Default(), coder.Options{Logger: env.log}), nil
}

// parseDate reads YYYY-MM-DD or an RFC 3339 time; "" is the zero time.
func parseDate(s string) (time.Time, error) {
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

// jsonlArticle is an input article in JSONL.
type jsonlArticle struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	URL    string `json:"url"`
	Source string `json:"source"`
}

// checkText says why a plain-text input cannot be coded, or nil.
func checkText(b []byte) error {
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

// articleSink receives articles to code; it returns an error only for a
// failure that must stop the run (a write error, a cancelled context).
type articleSink func(a *dyad.Article) error

// readArticles reads the inputs and hands each article to sink. Bad
// records are reported on stderr with file:line and counted; the rest are
// still read.
func readArticles(ctx context.Context, env *cliEnv, files []string, asJSONL bool, date time.Time, sink articleSink) (bad int, err error) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return bad, err
		}
		name := f
		var r io.Reader
		if f == "-" {
			name = "stdin"
			r = env.stdin
		} else {
			fh, err := os.Open(f)
			if err != nil {
				fmt.Fprintf(env.stderr, "dyad: %v\n", err)
				bad++
				continue
			}
			r = fh
			defer fh.Close()
		}
		if asJSONL || strings.HasSuffix(strings.ToLower(f), ".jsonl") {
			n, err := readJSONL(ctx, env, r, name, date, sink)
			bad += n
			if err != nil {
				return bad, err
			}
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil {
			fmt.Fprintf(env.stderr, "dyad: %s: %v\n", name, err)
			bad++
			continue
		}
		if err := checkText(b); err != nil {
			fmt.Fprintf(env.stderr, "dyad: %s: %v\n", name, err)
			bad++
			continue
		}
		if !utf8.Valid(b) {
			fmt.Fprintf(env.stderr, "dyad: %s: invalid UTF-8 replaced with U+FFFD\n", name)
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		id := filepath.Base(f)
		if f == "-" {
			id = "stdin"
		}
		if err := sink(&dyad.Article{ID: id, Published: date, Text: string(b)}); err != nil {
			return bad, err
		}
	}
	return bad, nil
}

// readJSONL reads articles one per line.
func readJSONL(ctx context.Context, env *cliEnv, r io.Reader, name string, date time.Time, sink articleSink) (bad int, err error) {
	br := bufio.NewReaderSize(r, 1<<20)
	line := 0
	for {
		if err := ctx.Err(); err != nil {
			return bad, err
		}
		b, rerr := readLine(br, maxLine)
		if rerr != nil && !errors.Is(rerr, io.EOF) && !errors.Is(rerr, errLongLine) {
			return bad, fmt.Errorf("%s: %w", name, rerr)
		}
		if errors.Is(rerr, io.EOF) && len(b) == 0 {
			return bad, nil
		}
		line++
		if errors.Is(rerr, errLongLine) {
			fmt.Fprintf(env.stderr, "dyad: %s:%d: line longer than %d bytes, skipped\n", name, line, maxLine)
			bad++
			continue
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			var ja jsonlArticle
			if err := json.Unmarshal(t, &ja); err != nil {
				fmt.Fprintf(env.stderr, "dyad: %s:%d: bad JSON: %v\n", name, line, err)
				bad++
			} else if strings.TrimSpace(ja.Text) == "" && strings.TrimSpace(ja.Title) == "" {
				fmt.Fprintf(env.stderr, "dyad: %s:%d: article without text\n", name, line)
				bad++
			} else {
				d := date
				if ja.Date != "" {
					pd, err := parseDate(ja.Date)
					if err != nil {
						fmt.Fprintf(env.stderr, "dyad: %s:%d: %v; article date unknown\n", name, line, err)
					} else {
						d = pd
					}
				}
				id := ja.ID
				if id == "" {
					id = fmt.Sprintf("%s:%d", name, line)
				}
				text := ja.Text
				if ja.Title != "" {
					if text == "" {
						text = ja.Title
					}
				}
				if err := sink(&dyad.Article{ID: id, URL: ja.URL, Source: ja.Source, Title: ja.Title, Published: d, Text: text}); err != nil {
					return bad, err
				}
			}
		}
		if errors.Is(rerr, io.EOF) {
			return bad, nil
		}
	}
}

var errLongLine = errors.New("line too long")

// readLine reads one line (without its newline), at most max bytes; a
// longer line is consumed and reported as errLongLine. At the end of input
// it returns the last line with io.EOF.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	long := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(buf)+len(chunk) > max {
				long = true
				buf = nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if long && err == nil {
			return nil, errLongLine
		}
		if long {
			return nil, errLongLine
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

// runCode is `dyad code`.
func runCode(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSONL := fs.Bool("jsonl", false, "read JSONL articles ({id,date,title,text,url,source}) whatever the file name")
	dateStr := fs.String("date", "", "article date `YYYY-MM-DD` (relative dates and people's roles resolve against it)")
	dictDir := fs.String("dict", "", "`DIR` of dictionary YAML files laid over the embedded ones")
	format := fs.String("format", "jsonl", "output format: jsonl, or table for people (a date marked * is the article's date)")
	explain := fs.Bool("explain", false, "print, per sentence, the parse, actors, candidate patterns and filters")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: dyad code [flags] [FILE...]\n\nCodes the events in plain-text articles (one per file, or stdin) or JSONL articles (.jsonl).\n\nFlags:")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *format != "jsonl" && *format != "table" {
		return fmt.Errorf("code: --format %q: want jsonl or table", *format)
	}
	date, err := parseDate(*dateStr)
	if err != nil {
		return fmt.Errorf("code: --date: %w", err)
	}
	c, err := newCoder(env, *dictDir)
	if err != nil {
		return fmt.Errorf("code: %w", err)
	}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	var tw *tabwriter.Writer
	if *format == "table" {
		tw = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tEVENT\tPATTERN\tSENTENCE")
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	nEvents := 0
	bad, err := readArticles(ctx, env, files, *asJSONL, date, func(a *dyad.Article) error {
		var evs []dyad.Event
		var err error
		if *explain {
			fmt.Fprintf(out, "== article %s\n", a.ID)
			evs, err = c.Explain(ctx, a, out)
			fmt.Fprintln(out)
		} else {
			evs, err = c.CodeArticle(ctx, a)
		}
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			fmt.Fprintf(env.stderr, "dyad: article %s: %v\n", a.ID, err)
			return nil
		}
		for i := range evs {
			nEvents++
			e := &evs[i]
			switch {
			case tw != nil:
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dateCell(e), actorCell(e.Source), actorCell(e.Target),
					e.Code, codeName(e.Code), e.Provenance.PatternID, snippet(e.Provenance.SentenceText, 60))
			case *explain:
				fmt.Fprintf(out, "event %s %s -> %s %s\n", e.Code, actorCell(e.Source), actorCell(e.Target), dateCell(e))
			default:
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if tw != nil {
		tw.Flush()
	}
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	env.log.Debug("coded", "events", nEvents, "bad_inputs", bad)
	if bad > 0 {
		return fmt.Errorf("code: %d input(s) or line(s) could not be read (see above); the rest were coded", bad)
	}
	return nil
}

func dateCell(e *dyad.Event) string {
	if e.Date.IsZero() {
		return "-"
	}
	s := e.Date.Format("2006-01-02")
	if e.DatePrecision == dyad.PrecisionArticle {
		s += "*"
	}
	return s
}

func actorCell(a dyad.Actor) string {
	if a.Code == "" {
		return "-"
	}
	if a.Role != "" {
		return a.Code + " " + a.Role
	}
	return a.Code
}

func codeName(code string) string {
	if c, ok := cameo.Default().Lookup(code); ok {
		return snippet(c.Name, 32)
	}
	return ""
}

func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
