package web

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	h := Handler()
	for _, c := range []struct {
		method, path string
		status       int
		typ, cache   string
		body         string // a substring of the body
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "no-cache", `<script type="module" src="/static/js/app.js">`},
		{"HEAD", "/", 200, "text/html; charset=utf-8", "no-cache", ""},
		{"GET", "/static/js/app.js", 200, "text/javascript; charset=utf-8", "no-cache", "parseHash"},
		{"GET", "/static/app.css", 200, "text/css; charset=utf-8", "no-cache", "--q4"},
		{"GET", "/static/vendor/uplot/uPlot.esm.js", 200, "text/javascript; charset=utf-8", "public, max-age=86400", "uPlot"},
		{"GET", "/static/vendor/cytoscape/cytoscape.esm.min.js", 200, "text/javascript; charset=utf-8", "public, max-age=86400", ""},
		{"GET", "/static/vendor/world-atlas/countries-110m.json", 200, "application/json", "public, max-age=86400", `"countries"`},
		{"GET", "/static/codes.json", 200, "application/json", "no-cache", `"190":{"name":"Use conventional military force","quad":4,"goldstein":-10,"plover":"ASSAULT"}`},
		{"GET", "/static/index.html", 404, "", "", ""},
		{"GET", "/static/nothing.js", 404, "", "", ""},
		{"GET", "/other", 404, "", "", ""},
		{"POST", "/", 405, "", "", ""},
	} {
		t.Run(c.method+c.path, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
			if w.Code != c.status {
				t.Fatalf("status %d, want %d", w.Code, c.status)
			}
			if c.status != 200 {
				return
			}
			if got := w.Header().Get("Content-Type"); got != c.typ {
				t.Errorf("Content-Type %q, want %q", got, c.typ)
			}
			if got := w.Header().Get("Cache-Control"); got != c.cache {
				t.Errorf("Cache-Control %q, want %q", got, c.cache)
			}
			if w.Header().Get("ETag") == "" {
				t.Error("no ETag")
			}
			if !strings.Contains(w.Body.String(), c.body) {
				t.Errorf("body lacks %q", c.body)
			}
			if strings.HasPrefix(c.typ, "text/html") && !strings.Contains(w.Header().Get("Content-Security-Policy"), "connect-src 'self'") {
				t.Errorf("the page has no CSP keeping it to its server: %q", w.Header().Get("Content-Security-Policy"))
			}
		})
	}
}

// TestRevalidate checks that a client holding a file's ETag gets 304.
func TestRevalidate(t *testing.T) {
	h := Handler()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/static/js/app.js", nil))
	r := httptest.NewRequest("GET", "/static/js/app.js", nil)
	r.Header.Set("If-None-Match", w.Header().Get("ETag"))
	w2 := httptest.NewRecorder()
	h.ServeHTTP(w2, r)
	if w2.Code != http.StatusNotModified || w2.Body.Len() != 0 {
		t.Errorf("revalidation: %d with %d bytes, want 304 and none", w2.Code, w2.Body.Len())
	}
}

// TestVendored checks the vendored files against the checksums vendor.sh
// wrote, and that each library comes with its licence.
func TestVendored(t *testing.T) {
	sums, err := static.ReadFile("static/vendor/SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(string(sums)))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS: bad line %q", sc.Text())
		}
		b, err := static.ReadFile(path.Join("static/vendor", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: changed since web/vendor.sh wrote it", name)
		}
		n++
	}
	if n < 9 {
		t.Errorf("%d vendored files, want at least 9", n)
	}
	for _, lib := range []string{"uplot", "cytoscape", "topojson-client", "world-atlas"} {
		if _, err := static.ReadFile("static/vendor/" + lib + "/LICENSE"); err != nil {
			t.Errorf("%s: no licence: %v", lib, err)
		}
	}
}

// TestModules checks, without a browser, that every module the page
// imports is embedded and that the application's code reaches no server
// but its own.
func TestModules(t *testing.T) {
	imp := regexp.MustCompile(`(?m)^import\s+(?:[^'"]+\s+from\s+)?'([^']+)'`)
	remote := regexp.MustCompile(`(?:fetch|import)\(\s*['"]https?:`)
	err := fs.WalkDir(static, "static/js", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range imp.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if !strings.HasPrefix(target, "/") {
				target = path.Join(path.Dir(p), target)
			} else {
				target = strings.TrimPrefix(target, "/")
			}
			if _, err := static.ReadFile(target); err != nil {
				t.Errorf("%s imports %s, which is not embedded", p, m[1])
			}
		}
		if remote.Match(b) {
			t.Errorf("%s fetches from another server", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var codes map[string]codeInfo
	if err := json.Unmarshal(codebook(), &codes); err != nil || len(codes) < 200 {
		t.Errorf("codebook: %v, %d codes", err, len(codes))
	}
}

// TestSyntax parses the application's modules with Node when it is
// installed, so that a syntax error fails here and not only in a browser.
func TestSyntax(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the browser test (cmd/dyad TestDashboard) checks the modules instead")
	}
	dir := t.TempDir()
	entries, err := fs.ReadDir(static, "static/js")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := static.ReadFile("static/js/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, strings.TrimSuffix(e.Name(), ".js")+".mjs")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(node, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", e.Name(), err, out)
		}
	}
}
