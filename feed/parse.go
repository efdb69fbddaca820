package feed

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/dyad-events/dyad"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// ParseFeed reads an RSS (0.9x, 1.0/RDF, 2.0), Atom or JSON Feed document
// and returns its items as articles. contentType is the HTTP Content-Type,
// if any, whose charset is used when the bytes are not valid UTF-8. The
// articles' Source is the feed's title.
//
// Each item becomes an article with:
//   - ID: the item's GUID; a GUID that is not a URI (has no ':') is made
//     unique by prefixing the item link's host, as "host/guid". Without a
//     GUID, the link; without a link, a hash of title and text.
//   - Published: the item's published date, else its updated date.
//   - Text: the item's content, else its description, reduced from HTML to
//     plain-text paragraphs; the title when both are empty.
//
// Items with neither title nor text are dropped. ParseFeed never panics on
// bad input; malformed XML is an error.
func ParseFeed(data []byte, contentType string) (FeedResult, error) {
	data, err := xmlToUTF8(data, contentType)
	if err != nil {
		return FeedResult{}, err
	}
	fp := gofeed.NewParser()
	f, err := fp.Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return FeedResult{}, errors.New("not an RSS, Atom or JSON feed")
		}
		return FeedResult{}, fmt.Errorf("malformed feed: %w", err)
	}
	res := FeedResult{Title: oneLine(htmlToText(f.Title))}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		title := oneLine(htmlToText(it.Title))
		text := htmlToText(it.Content)
		if text == "" {
			text = htmlToText(it.Description)
		}
		if text == "" {
			text = title
		}
		if text == "" {
			continue
		}
		link := strings.TrimSpace(it.Link)
		a := dyad.Article{URL: link, Source: res.Title, Title: title, Text: text}
		switch guid := strings.TrimSpace(it.GUID); {
		case guid != "" && strings.Contains(guid, ":"):
			a.ID = guid
		case guid != "":
			a.ID = guid
			if u, err := url.Parse(link); err == nil && u.Host != "" {
				a.ID = u.Host + "/" + guid
			}
		case link != "":
			a.ID = link
		default:
			a.ID = contentID(title, text)
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
		res.Articles = append(res.Articles, a)
	}
	return res, nil
}

// xmlDecl matches the XML declaration at the start of a document, and
// xmlEnc the encoding attribute in it.
var (
	xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*\?>`)
	xmlEnc  = regexp.MustCompile(`\s+encoding\s*=\s*["']([^"']*)["']`)
)

// xmlToUTF8 returns an XML document as UTF-8 with no encoding declared, so
// that the XML parser reads it as UTF-8. Bytes that are valid UTF-8 are
// taken as UTF-8 whatever the labels say (a server's default charset is
// often wrong); otherwise the charset of contentType, else the declared
// encoding, else windows-1252 decodes them.
func xmlToUTF8(data []byte, contentType string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	declared := ""
	loc := xmlDecl.FindIndex(data)
	if loc != nil {
		if m := xmlEnc.FindSubmatch(data[loc[0]:loc[1]]); m != nil {
			declared = string(m[1])
		}
	}
	if !utf8.Valid(data) {
		var enc encoding.Encoding
		if e := labelled(contentType); e != nil {
			enc = e
		} else if e, _ := charset.Lookup(declared); e != nil {
			enc = e
		} else {
			enc, _ = charset.Lookup("windows-1252")
		}
		if enc == nil || enc == encoding.Nop || enc == unicode.UTF8 {
			// A UTF-8 label on bytes that are not UTF-8: read them as
			// the web's default single-byte encoding.
			enc, _ = charset.Lookup("windows-1252")
		}
		d, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode text: %w", err)
		}
		data = d
		loc = xmlDecl.FindIndex(data)
	}
	if declared != "" && loc != nil {
		decl := xmlEnc.ReplaceAll(data[loc[0]:loc[1]], nil)
		out := make([]byte, 0, len(data))
		out = append(out, data[:loc[0]]...)
		out = append(out, decl...)
		data = append(out, data[loc[1]:]...)
	}
	return data, nil
}

// labelled returns the encoding named by the charset parameter of an HTTP
// Content-Type, or nil.
func labelled(contentType string) encoding.Encoding {
	if contentType == "" {
		return nil
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil
	}
	e, _ := charset.Lookup(params["charset"])
	return e
}

// htmlToUTF8 returns an HTML page as UTF-8: valid UTF-8 as it is, else
// decoded by the Content-Type charset, a byte order mark or a <meta>
// charset, else windows-1252.
func htmlToUTF8(data []byte, contentType string) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	enc := labelled(contentType)
	if enc == nil || enc == unicode.UTF8 {
		enc, _, _ = charset.DetermineEncoding(data, "")
	}
	if enc == unicode.UTF8 || enc == encoding.Nop {
		enc, _ = charset.Lookup("windows-1252")
	}
	d, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode text: %w", err)
	}
	return d, nil
}

// articleFromHTML extracts an article's main text from an HTML page with
// readability, falling back to the text of the whole body for a page too
// short for readability to judge. The article's ID is pageURL (set it for
// a local file).
func articleFromHTML(data []byte, contentType string, pageURL *url.URL) (*dyad.Article, error) {
	data, err := htmlToUTF8(data, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	p := readability.NewParser()
	ra, rerr := p.ParseAndMutate(doc, pageURL)
	a := &dyad.Article{}
	if pageURL != nil {
		a.ID = pageURL.String()
		a.URL = a.ID
	}
	if rerr == nil {
		a.Title = oneLine(ra.Title())
		a.Source = oneLine(ra.SiteName())
		if t, err := ra.PublishedTime(); err == nil {
			a.Published = t
		}
		if ra.Node != nil {
			var b strings.Builder
			if err := ra.RenderText(&b); err == nil {
				a.Text = cleanText(b.String())
			}
		}
	}
	if a.Title == "" {
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "title" {
				a.Title = oneLine(nodeText(n))
				break
			}
		}
	}
	if a.Text == "" {
		// readability found nothing (a page too short for it to score):
		// take the text of the whole body from a fresh parse, as
		// readability changed doc.
		if doc, err := html.Parse(bytes.NewReader(data)); err == nil {
			for n := range doc.Descendants() {
				if n.Type == html.ElementNode && n.Data == "body" {
					a.Text = nodeText(n)
					break
				}
			}
		}
	}
	if a.Text == "" {
		return nil, errors.New("no article text in the page")
	}
	return a, nil
}

// nodeText is the plain text of a node and its children, without scripts
// and styles.
func nodeText(n *html.Node) string {
	dropNonText(n)
	return cleanText(render.InnerText(n))
}
