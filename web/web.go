// Package web is dyad's dashboard: a single-page application of plain
// JavaScript modules, HTML and CSS, embedded in the binary, that reads the
// HTTP API under /api/v1 (overview, dyads, map, network, event detail and
// situations). Its third-party libraries are vendored as built files under
// static/vendor (see vendor.sh), so nothing is fetched from outside the
// server that serves it.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/dyad-events/dyad/cameo"
)

//go:embed static
var static embed.FS

// file is one asset as served: its bytes, media type and validator.
type file struct {
	body        []byte
	contentType string
	etag        string
	cache       string
}

// contentSecurity keeps the page to its own server: scripts, data and
// styles come from it alone.
const contentSecurity = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Handler returns the dashboard's handler: index.html for "/" and the
// embedded files under /static/, each with an ETag; vendored files may be
// cached for a day, the application's own are revalidated on every load.
// /static/codes.json is the CAMEO codebook (code, name, quad class,
// Goldstein value, PLOVER type) for labelling events. Any other path is
// 404.
func Handler() http.Handler {
	files := map[string]*file{}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		files["/"+p] = newFile(p, b)
		return nil
	})
	if err != nil {
		// The files are embedded at build time; failing to read them is a
		// build fault.
		panic(fmt.Sprintf("web: reading the embedded files: %v", err))
	}
	files["/static/codes.json"] = newFile("codes.json", codebook())
	files["/"] = files["/static/index.html"]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the dashboard only answers GET", http.StatusMethodNotAllowed)
			return
		}
		f := files[r.URL.Path]
		if f == nil || r.URL.Path == "/static/index.html" {
			http.Error(w, "no such page; the dashboard is at /", http.StatusNotFound)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("Cache-Control", f.cache)
		h.Set("ETag", f.etag)
		h.Set("X-Content-Type-Options", "nosniff")
		if f.contentType == "text/html; charset=utf-8" {
			h.Set("Content-Security-Policy", contentSecurity)
			h.Set("Referrer-Policy", "no-referrer")
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
	})
}

func newFile(name string, b []byte) *file {
	sum := sha256.Sum256(b)
	f := &file{body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, cache: "no-cache"}
	if strings.Contains(name, "/vendor/") {
		f.cache = "public, max-age=86400"
	}
	switch path.Ext(name) {
	case ".html":
		f.contentType = "text/html; charset=utf-8"
	case ".js", ".mjs":
		f.contentType = "text/javascript; charset=utf-8"
	case ".css":
		f.contentType = "text/css; charset=utf-8"
	case ".json":
		f.contentType = "application/json"
	case ".svg":
		f.contentType = "image/svg+xml"
	case ".png":
		f.contentType = "image/png"
	default:
		f.contentType = "text/plain; charset=utf-8"
	}
	return f
}

// codeInfo is one CAMEO code as the dashboard labels it.
type codeInfo struct {
	Name       string  `json:"name"`
	Quad       int     `json:"quad"`
	Goldstein  float64 `json:"goldstein"`
	PloverType string  `json:"plover,omitempty"`
}

// codebook is the CAMEO codebook as JSON, keyed by code.
func codebook() []byte {
	m := map[string]codeInfo{}
	for _, c := range cameo.Default().All() {
		m[c.Code] = codeInfo{Name: c.Name, Quad: c.QuadClass, Goldstein: c.Goldstein, PloverType: c.PloverType}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("web: encoding the codebook: %v", err))
	}
	return b
}
