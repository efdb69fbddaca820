package feed

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Interval bounds of a source.
const (
	// DefaultInterval is a source's interval when the file gives none.
	DefaultInterval = 15 * time.Minute
	// MinInterval is the shortest interval a sources file may give.
	MinInterval = time.Minute
)

// Source is one feed to watch.
type Source struct {
	// Name names the publisher; it becomes the Source of the feed's
	// articles. It defaults to the URL's host (or file name).
	Name string
	// URL is the feed's http(s) URL, or a file:// URL for a local feed
	// file.
	URL string
	// Interval is the time between polls.
	Interval time.Duration
	// FetchArticles says to fetch each new item's page and take its main
	// text, for feeds that carry only summaries.
	FetchArticles bool
}

// LoadSources reads a sources file:
//
//	feeds:
//	  - name: Example Wire          # optional; default the URL's host
//	    url: https://example.org/rss.xml
//	    interval: 15m               # Go duration; default 15m, at least 1m
//	    fetch_articles: false       # fetch each item's page for its text
//	  - url: feeds/local.xml        # a path, relative to this file, or file://
//
// Every problem is reported, each with file:line: bad URLs, bad or short
// intervals, duplicate names or URLs, unknown fields.
func LoadSources(path string) ([]Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return ParseSources(b, path, filepath.Dir(path))
}

// ParseSources reads a sources file's bytes (see LoadSources); name is the
// file name for errors, and relative paths resolve against dir.
func ParseSources(data []byte, name, dir string) ([]Source, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty sources file (want feeds: [...])", name)
	}
	root := doc.Content[0]
	at := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...))
	}
	if root.Kind != yaml.MappingNode {
		return nil, at(root, "want a mapping with feeds: [...]")
	}
	var errs []error
	var feeds *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "feeds" {
			errs = append(errs, at(k, "unknown field %q (want feeds)", k.Value))
			continue
		}
		feeds = v
	}
	if feeds == nil {
		errs = append(errs, at(root, "no feeds"))
		return nil, errors.Join(errs...)
	}
	if feeds.Kind != yaml.SequenceNode {
		return nil, errors.Join(append(errs, at(feeds, "feeds: want a list"))...)
	}
	var out []Source
	names := map[string]int{}
	urls := map[string]int{}
	for _, item := range feeds.Content {
		if item.Kind != yaml.MappingNode {
			errs = append(errs, at(item, "feed: want a mapping with name, url, interval, fetch_articles"))
			continue
		}
		s := Source{Interval: DefaultInterval}
		var urlNode *yaml.Node
		ok := true
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "name":
				if err := v.Decode(&s.Name); err != nil {
					errs, ok = append(errs, at(v, "name: want a string")), false
				}
			case "url":
				urlNode = v
				if err := v.Decode(&s.URL); err != nil {
					errs, ok = append(errs, at(v, "url: want a string")), false
				}
			case "interval":
				var str string
				if err := v.Decode(&str); err != nil {
					errs, ok = append(errs, at(v, "interval: want a duration such as 15m")), false
					continue
				}
				d, err := time.ParseDuration(str)
				switch {
				case err != nil:
					errs, ok = append(errs, at(v, "interval %q: want a duration such as 15m or 1h", str)), false
				case d < MinInterval:
					errs, ok = append(errs, at(v, "interval %v: less than the minimum of %v", d, MinInterval)), false
				default:
					s.Interval = d
				}
			case "fetch_articles":
				if err := v.Decode(&s.FetchArticles); err != nil {
					errs, ok = append(errs, at(v, "fetch_articles: want true or false")), false
				}
			default:
				errs, ok = append(errs, at(k, "unknown field %q (want name, url, interval, fetch_articles)", k.Value)), false
			}
		}
		if urlNode == nil {
			errs = append(errs, at(item, "feed without url"))
			continue
		}
		if !ok {
			continue
		}
		u, err := sourceURL(s.URL, dir)
		if err != nil {
			errs = append(errs, at(urlNode, "url %q: %v", s.URL, err))
			continue
		}
		s.URL = u
		// A blank name is no name: the default, not an empty one.
		if s.Name = strings.TrimSpace(s.Name); s.Name == "" {
			s.Name = defaultName(u)
		}
		if line, dup := urls[s.URL]; dup {
			errs = append(errs, at(urlNode, "duplicate url %s (also at line %d)", s.URL, line))
			continue
		}
		if line, dup := names[s.Name]; dup {
			errs = append(errs, at(item, "duplicate name %q (also at line %d)", s.Name, line))
			continue
		}
		urls[s.URL] = urlNode.Line
		names[s.Name] = item.Line
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// sourceURL checks a feed URL and turns a plain path into a file:// URL,
// relative paths resolving against dir.
func sourceURL(s, dir string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("empty")
	}
	if !strings.Contains(s, "://") && !strings.HasPrefix(s, "file:") {
		p := s
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.Unwrap(err)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return "", errors.New("no host")
		}
	case "file":
		if u.Path == "" {
			return "", errors.New("no path")
		}
	default:
		return "", fmt.Errorf("unsupported scheme %q (want http, https or file)", u.Scheme)
	}
	return u.String(), nil
}

// defaultName is a source's name when none is given: the host, or the
// file's base name (the whole URL when that is blank), never with space
// around it.
func defaultName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return strings.TrimSpace(rawURL)
	}
	if u.Host != "" {
		return u.Host
	}
	if base := strings.TrimSpace(filepath.Base(u.Path)); base != "" {
		return base
	}
	return u.String()
}
