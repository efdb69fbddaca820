// Package http is dyad's HTTP API: events, their provenance, series, dyad
// rankings, actor search and coding of posted text, as JSON under /api/v1,
// with errors as RFC 9457 problem documents and an OpenAPI 3 description at
// /api/openapi.json. It reads events through dyad.EventQuerier; the only
// things it writes are situations, alert rules and alerts (through
// dyad.SituationStore), and only for a client that holds the token.
//
// The package is named http, like the standard library's; callers import
// it under another name (dyadhttp).
package http

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

//go:embed openapi.json
var openAPI []byte

// Exporter writes events in a file format, for GET /api/v1/export; package
// export provides the functions.
type Exporter struct {
	// Write writes the events f selects from store to w in format.
	Write func(ctx context.Context, w io.Writer, format string, store dyad.EventStore, f dyad.EventFilter) error
	// Check returns an error naming the valid formats for an unknown one.
	Check func(format string) error
	// ContentType and Extension give a format's media type and file
	// extension.
	ContentType, Extension func(format string) string
}

// Server serves the API. Set its fields, then use Handler or Serve.
type Server struct {
	// Store answers the queries. Required.
	Store dyad.EventQuerier
	// Coder codes the text of POST /code; nil answers 501.
	Coder dyad.EventCoder
	// Directory resolves names for GET /actors; nil searches codes only.
	Directory dyad.ActorDirectory
	// Export, when its Write is set, serves GET /export.
	Export Exporter
	// Token, when set, is the bearer token POST endpoints require.
	// Endpoints that change the store (situations, rules, evaluating
	// alerts) are refused with 403 when it is empty: a server without a
	// token is read-only.
	Token string
	// Situations, when set, serves situations, alert rules and alerts.
	Situations dyad.SituationStore
	// Evaluator runs the alert rules for POST /alerts/evaluate; nil
	// answers 501.
	Evaluator Evaluator
	// UI, when set, answers every path outside /api/ (the dashboard);
	// without it those paths are 404.
	UI http.Handler
	// Logger receives a line per failed request; nil logs nothing.
	Logger *slog.Logger
	// Timeout bounds a query (default 10 s); exports get ten times as
	// long.
	Timeout time.Duration
	// MaxBody caps a request body in bytes (default 256 KiB).
	MaxBody int64
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// CORSOrigin is the one web origin ("https://analysis.example.org")
	// whose pages may read the API from a browser; empty (the default):
	// none but the dashboard's own, so that a page the analyst opens
	// elsewhere cannot read the store. CheckOrigin says what is valid.
	CORSOrigin string
}

// CheckOrigin returns an error unless origin is a web origin that
// CORSOrigin can hold: scheme and host (with a port if any), nothing
// else; "*" is refused, since it would let any page read the store.
func CheckOrigin(origin string) error {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(origin, "/") {
		return fmt.Errorf("%q is not a web origin (want scheme://host[:port], as https://analysis.example.org)", truncate(origin, 80))
	}
	return nil
}

// setAPIHeaders sets the security headers of every API answer: nothing in
// it is a page to run, frame or sniff, and no other site may embed it.
func setAPIHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// route is one endpoint: its method and pattern, and the handler.
type route struct {
	method, path string
	handle       func(*Server, http.ResponseWriter, *http.Request) error
	write        bool // requires the token when one is set
	store        bool // changes the store: refused without a token, requires it
}

// routes are the API's endpoints; the OpenAPI test checks the document
// against this list.
func (s *Server) routes() []route {
	rs := []route{
		{method: "GET", path: "/api/v1/events", handle: (*Server).events},
		{method: "GET", path: "/api/v1/events/{id}", handle: (*Server).event},
		{method: "GET", path: "/api/v1/series", handle: (*Server).series},
		{method: "GET", path: "/api/v1/dyads", handle: (*Server).dyads},
		{method: "GET", path: "/api/v1/actors", handle: (*Server).actors},
		{method: "GET", path: "/api/v1/articles/{id}", handle: (*Server).article},
		{method: "POST", path: "/api/v1/code", handle: (*Server).code, write: true},
		{method: "GET", path: "/api/openapi.json", handle: (*Server).openapi},
	}
	if s.Export.Write != nil {
		rs = append(rs, route{method: "GET", path: "/api/v1/export", handle: (*Server).export})
	}
	if s.Situations != nil {
		rs = append(rs, situationRoutes()...)
	}
	return rs
}

// Handler returns the API's handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	paths := map[string]bool{}
	for _, r := range s.routes() {
		r := r
		mux.HandleFunc(r.method+" "+r.path, func(w http.ResponseWriter, req *http.Request) {
			if r.store && s.Token == "" {
				s.problem(w, req, http.StatusForbidden, "Read-only", "this server has no token, so nothing can be stored through it: start dyad serve with --token (or without --read-only)", "")
				return
			}
			if (r.write || r.store) && s.Token != "" && !s.authorized(req) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
				s.problem(w, req, http.StatusUnauthorized, "Unauthorized", "this endpoint needs the header Authorization: Bearer <token> given to dyad serve", "")
				return
			}
			if err := r.handle(s, w, req); err != nil {
				s.fail(w, req, err)
			}
		})
		if !paths[r.path] {
			paths[r.path] = true
			mux.HandleFunc(r.path, func(w http.ResponseWriter, req *http.Request) {
				var allow []string
				for _, o := range s.routes() {
					if o.path == r.path {
						allow = append(allow, o.method)
					}
				}
				w.Header().Set("Allow", strings.Join(allow, ", "))
				s.problem(w, req, http.StatusMethodNotAllowed, "Method not allowed", fmt.Sprintf("%s takes %s", r.path, strings.Join(allow, ", ")), "")
			})
		}
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		if s.UI != nil && req.URL.Path != "/api" && !strings.HasPrefix(req.URL.Path, "/api/") {
			s.UI.ServeHTTP(w, req)
			return
		}
		s.problem(w, req, http.StatusNotFound, "Not found", "no such endpoint; see /api/openapi.json", "")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		if req.URL.Path == "/api" || strings.HasPrefix(req.URL.Path, "/api/") {
			setAPIHeaders(h)
		}
		if s.CORSOrigin != "" {
			h.Add("Vary", "Origin")
			if req.Header.Get("Origin") == s.CORSOrigin {
				h.Set("Access-Control-Allow-Origin", s.CORSOrigin)
				if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" {
					// A preflight of a write from the allowed origin;
					// the write itself still needs the token.
					h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, DELETE")
					h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
					h.Set("Access-Control-Max-Age", "600")
					w.WriteHeader(http.StatusNoContent)
					return
				}
			}
		}
		mux.ServeHTTP(w, req)
	})
}

// holdsToken reports whether the request carries the server's token (a
// server without one has no holder): what only writers may read, such as
// the webhooks' secrets, is shown to it.
func (s *Server) holdsToken(r *http.Request) bool { return s.Token != "" && s.authorized(r) }

func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(tok), []byte(s.Token)) == 1
}

func (s *Server) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return 10 * time.Second
}

func (s *Server) maxBody() int64 {
	if s.MaxBody > 0 {
		return s.MaxBody
	}
	return 256 << 10
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Serve serves the API on l until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish for up to five seconds.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      10*s.timeout() + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http: serve: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("http: shutdown: %w", err)
	}
	return nil
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Param names the query parameter at fault, for a 400.
	Param string `json:"param,omitempty"`
}

func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, title, detail, param string) {
	p := Problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Instance: r.URL.Path, Param: param}
	if param != "" {
		p.Type = "/api/openapi.json#bad-parameter"
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// errBody is a request body the API cannot read.
type errBody struct{ reason string }

func (e *errBody) Error() string { return e.reason }

// fail answers a handler's error: the asker's mistakes as 400 with the
// reason, a missing thing as 404, a timeout as 503; anything else as 500
// with nothing of the error shown (it is logged).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *ParamError
	var be *errBody
	var mb *http.MaxBytesError
	var me *errMedia
	switch {
	case errors.As(err, &pe):
		s.problem(w, r, http.StatusBadRequest, "Bad parameter", pe.Error(), pe.Param)
	case errors.As(err, &mb):
		s.problem(w, r, http.StatusRequestEntityTooLarge, "Request too large", fmt.Sprintf("the body may hold at most %d bytes", mb.Limit), "")
	case errors.As(err, &me):
		s.problem(w, r, http.StatusUnsupportedMediaType, "Unsupported media type", me.Error(), "")
	case errors.As(err, &be):
		s.problem(w, r, http.StatusBadRequest, "Bad request body", be.reason, "")
	case errors.Is(err, dyad.ErrInvalid):
		// The store's reasons name no internals: cursor, buckets, periods.
		msg := err.Error()
		if i := strings.Index(msg, dyad.ErrInvalid.Error()+": "); i >= 0 {
			msg = msg[i+len(dyad.ErrInvalid.Error())+2:]
		}
		s.problem(w, r, http.StatusBadRequest, "Invalid query", msg, "")
	case errors.Is(err, dyad.ErrNotFound):
		s.problem(w, r, http.StatusNotFound, "Not found", "nothing is stored under this ID", "")
	case errors.Is(err, context.DeadlineExceeded):
		s.problem(w, r, http.StatusServiceUnavailable, "Query took too long", fmt.Sprintf("the query ran past %s; narrow the filter", s.timeout()), "")
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads an answer.
	default:
		if s.Logger != nil {
			s.Logger.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		s.problem(w, r, http.StatusInternalServerError, "Internal error", "the server failed to answer; the failure is in its log", "")
	}
}

func writeJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	return enc.Encode(v)
}

func (s *Server) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.timeout())
}
