package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	dyadhttp "github.com/dyad-events/dyad/http"
	"github.com/dyad-events/dyad/web"
)

// TestMount checks the dashboard mounted on the API's server: the UI
// answers outside /api/, and the API's unknown paths stay problem
// documents.
func TestMount(t *testing.T) {
	h := (&dyadhttp.Server{UI: web.Handler()}).Handler()
	for _, c := range []struct {
		path   string
		status int
		typ    string
	}{
		{"/", 200, "text/html; charset=utf-8"},
		{"/static/js/app.js", 200, "text/javascript; charset=utf-8"},
		{"/static/none.js", 404, "text/plain; charset=utf-8"},
		{"/api/v1/nothing", 404, "application/problem+json"},
		{"/api/", 404, "application/problem+json"},
		{"/api", 404, "application/problem+json"},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", c.path, nil))
		if w.Code != c.status || w.Header().Get("Content-Type") != c.typ {
			t.Errorf("GET %s: %d %q, want %d %q", c.path, w.Code, w.Header().Get("Content-Type"), c.status, c.typ)
		}
		if c.status == 200 && c.path == "/" && !strings.Contains(w.Body.String(), "/static/js/app.js") {
			t.Errorf("GET /: not the dashboard")
		}
	}
}
