package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// EventsResponse is the body of GET /events.
type EventsResponse struct {
	// Events are the page's events, each with its place (lat, lon), CAMEO
	// code, PLOVER type and mode and provenance.
	Events []dyad.StoredEvent `json:"events"`
	// NextCursor continues with the next page; absent on the last.
	NextCursor string `json:"next_cursor,omitempty"`
	// Total is the number of events the filter selects, with count=true.
	Total *int `json:"total,omitempty"`
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	f, err := ParseEventsQuery(v)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	return s.writeEventPage(ctx, w, f, v.Get("count") == "true")
}

// writeEventPage answers with the page of events f selects and, when
// count is set, how many events it selects in all.
func (s *Server) writeEventPage(ctx context.Context, w http.ResponseWriter, f dyad.EventFilter, count bool) error {
	page, err := s.Store.EventPage(ctx, f)
	if err != nil {
		return err
	}
	resp := EventsResponse{Events: page.Events, NextCursor: page.Next}
	if count {
		n, err := s.Store.CountEvents(ctx, f)
		if err != nil {
			return err
		}
		resp.Total = &n
	}
	return writeJSON(w, resp)
}

// checkID refuses an ID that cannot be one (too long, not text).
func checkID(id string) error {
	if id == "" || len(id) > maxTextParam || !utf8.ValidString(id) {
		return &ParamError{Param: "id", Reason: "not an ID"}
	}
	return nil
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	d, err := s.Store.EventDetail(ctx, id)
	if err != nil {
		return err
	}
	return writeJSON(w, d)
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) error {
	q, err := ParseSeriesQuery(r.URL.Query())
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	return s.writeSeries(ctx, w, q)
}

// writeSeries answers with the series q asks for.
func (s *Server) writeSeries(ctx context.Context, w http.ResponseWriter, q dyad.SeriesQuery) error {
	ser, err := s.Store.Series(ctx, q)
	if err != nil {
		return err
	}
	if !ser.Until.IsZero() {
		ser.Until = ser.Until.AddDate(0, 0, -1) // "to" is inclusive in the API
	}
	return writeJSON(w, ser)
}

// Node is an actor of a dyad ranking, for a network view.
type Node struct {
	// Code is the actor's code.
	Code string `json:"code"`
	// Events is the number of the ranked dyads' events it takes part in.
	Events int `json:"events"`
	// GoldsteinMean is the mean Goldstein value of those events.
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// DyadsResponse is the body of GET /dyads: the ranked dyads as edges and
// the actors they join as nodes.
type DyadsResponse struct {
	Rank  dyad.DyadRank   `json:"rank"`
	Dyads []dyad.DyadStat `json:"dyads"`
	Nodes []Node          `json:"nodes"`
}

func (s *Server) dyads(w http.ResponseWriter, r *http.Request) error {
	q, err := ParseDyadsQuery(r.URL.Query())
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	ds, err := s.Store.Dyads(ctx, q)
	if err != nil {
		return err
	}
	resp := DyadsResponse{Rank: q.Rank, Dyads: ds, Nodes: []Node{}}
	type acc struct {
		n    int
		gsum float64
	}
	byCode := map[string]*acc{}
	var order []string
	for _, d := range ds {
		for _, c := range []string{d.Source, d.Target} {
			a := byCode[c]
			if a == nil {
				a = &acc{}
				byCode[c] = a
				order = append(order, c)
			}
			if c == d.Target && d.Source == d.Target {
				continue
			}
			a.n += d.Events
			a.gsum += d.GoldsteinSum
		}
	}
	for _, c := range order {
		n := Node{Code: c, Events: byCode[c].n}
		if n.Events > 0 {
			n.GoldsteinMean = byCode[c].gsum / float64(n.Events)
		}
		resp.Nodes = append(resp.Nodes, n)
	}
	return writeJSON(w, resp)
}

// ActorsResponse is the body of GET /actors.
type ActorsResponse struct {
	Actors []dyad.ActorMatch `json:"actors"`
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, []string{"q", "date", "limit"}); err != nil {
		return err
	}
	q, err := text(v, "q")
	if err != nil {
		return err
	}
	if q == "" || len(q) > 100 {
		return &ParamError{Param: "q", Reason: "give a name or code to search for (1 to 100 bytes)"}
	}
	date, err := parseDate(v, "date")
	if err != nil {
		return err
	}
	if date.IsZero() {
		date = s.now()
	}
	limit, err := intParam(v, "limit", 10, 1, 50)
	if err != nil {
		return err
	}
	var matches []dyad.ActorMatch
	if s.Directory != nil {
		matches = s.Directory.FindActors(q, date)
	}
	var codes []string
	for _, m := range matches {
		if m.Code != "" && !slices.Contains(codes, m.Code) {
			codes = append(codes, m.Code)
		}
	}
	prefix := ""
	if len(q) <= 3 && strings.IndexFunc(q, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }) < 0 {
		prefix = strings.ToUpper(q)
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	counts, err := s.Store.ActorEvents(ctx, codes, prefix, limit)
	if err != nil {
		return err
	}
	out := []dyad.ActorMatch{}
	seen := map[string]bool{}
	for _, m := range matches {
		if m.Code == "" {
			continue
		}
		m.Events = counts[m.Code]
		key := m.Code + "/" + m.Role + "/" + m.Name
		if !seen[key] {
			seen[key] = true
			out = append(out, m)
		}
	}
	var byCode []dyad.ActorMatch
	for c, n := range counts {
		if slices.Contains(codes, c) || !strings.HasPrefix(c, prefix) || prefix == "" {
			continue
		}
		m := dyad.ActorMatch{Code: c, Kind: "code", Events: n}
		if s.Directory != nil {
			for _, d := range s.Directory.FindActors(c, date) {
				if d.Code == c && d.Name != "" {
					m.Name = d.Name
					break
				}
			}
		}
		byCode = append(byCode, m)
	}
	slices.SortFunc(byCode, func(a, b dyad.ActorMatch) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Code, b.Code)
	})
	out = append(out, byCode...)
	if len(out) > limit {
		out = out[:limit]
	}
	return writeJSON(w, ActorsResponse{Actors: out})
}

// ArticleResponse is the body of GET /articles/{id}: the article and the
// events coded from it.
type ArticleResponse struct {
	dyad.Article
	// DuplicateOf names the article this one republishes, if any.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Similarity is a duplicate's estimated similarity to the original.
	Similarity float64 `json:"similarity,omitempty"`
	// Ingested is when the article was first stored.
	Ingested time.Time `json:"ingested,omitzero"`
	// Events are the events coded from the article (its original's, for
	// a duplicate), at most MaxLimit.
	Events []dyad.StoredEvent `json:"events"`
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	a, err := s.Store.Article(ctx, id)
	if err != nil {
		return err
	}
	resp := ArticleResponse{Article: a.Article, DuplicateOf: a.DuplicateOf, Similarity: a.Similarity, Ingested: a.Ingested}
	of := id
	if a.DuplicateOf != "" {
		of = a.DuplicateOf
	}
	page, err := s.Store.EventPage(ctx, dyad.EventFilter{ArticleID: of, Limit: MaxLimit})
	if err != nil {
		return err
	}
	resp.Events = page.Events
	return writeJSON(w, resp)
}

// CodeRequest is the JSON body of POST /code.
type CodeRequest struct {
	// Text is the article text to code (required).
	Text string `json:"text"`
	// Title, ID and Source describe the article (optional).
	Title  string `json:"title,omitempty"`
	ID     string `json:"id,omitempty"`
	Source string `json:"source,omitempty"`
	// Date is the article's date, YYYY-MM-DD; today when empty.
	Date string `json:"date,omitempty"`
}

// CodeResponse is the body of an answer to POST /code.
type CodeResponse struct {
	Events []dyad.Event `json:"events"`
	// Warning says what was not coded when the text reached a limit on
	// what one article may cost (its sentences, its events).
	Warning string `json:"warning,omitempty"`
}

func (s *Server) code(w http.ResponseWriter, r *http.Request) error {
	if s.Coder == nil {
		s.problem(w, r, http.StatusNotImplemented, "Not implemented", "this server has no coder", "")
		return nil
	}
	v := r.URL.Query()
	if err := checkParams(v, []string{"date"}); err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody()))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return &errBody{reason: "could not read the body"}
	}
	var req CodeRequest
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return &errBody{reason: "the body is not a code request: " + truncate(err.Error(), 200) + ` (want {"text": "...", "date": "YYYY-MM-DD"})`}
		}
	case "text/plain", "":
		req.Text = string(body)
		req.Date = v.Get("date")
	default:
		s.problem(w, r, http.StatusUnsupportedMediaType, "Unsupported media type", "post application/json or text/plain", "")
		return nil
	}
	if strings.TrimSpace(req.Text) == "" || !utf8.ValidString(req.Text) {
		return &errBody{reason: "text is missing or not UTF-8"}
	}
	a := &dyad.Article{ID: req.ID, Title: req.Title, Source: req.Source, Text: req.Text}
	if a.ID == "" {
		a.ID = "posted"
	}
	if req.Date != "" {
		d, err := time.Parse(time.DateOnly, req.Date)
		if err != nil {
			return &ParamError{Param: "date", Reason: fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", truncate(req.Date, 40))}
		}
		a.Published = d
	} else {
		n := s.now().UTC()
		a.Published = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	evs, err := s.Coder.CodeArticle(ctx, a)
	var resp CodeResponse
	var le *dyad.LimitError
	switch {
	case err == nil:
	case errors.As(err, &le) && le.Partial:
		resp.Warning = le.Error()
	case errors.As(err, &le):
		s.problem(w, r, http.StatusRequestEntityTooLarge, "Article too large", le.Error(), "")
		return nil
	default:
		return err
	}
	resp.Events = evs
	if resp.Events == nil {
		resp.Events = []dyad.Event{}
	}
	return writeJSON(w, resp)
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, dyad.FilterParams(), []string{"format", "limit"}); err != nil {
		return err
	}
	format := v.Get("format")
	if format == "" {
		format = "jsonl"
	}
	if err := s.Export.Check(format); err != nil {
		return &ParamError{Param: "format", Reason: err.Error()}
	}
	f, err := ParseFilter(v)
	if err != nil {
		return err
	}
	if f.Limit, err = intParam(v, "limit", 0, 1, 100_000_000); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*s.timeout())
	defer cancel()
	w.Header().Set("Content-Disposition", "attachment; filename="+url.PathEscape("dyad-events"+s.Export.Extension(format)))
	tw := &trackWriter{w: w, contentType: s.Export.ContentType(format)}
	if err := s.Export.Write(ctx, tw, format, s.Store, f); err != nil {
		if !tw.wrote {
			w.Header().Del("Content-Disposition")
			return err
		}
		// The status is sent; a truncated body is all the client sees.
		if s.Logger != nil {
			s.Logger.Error("export failed", "format", format, "err", err)
		}
	}
	if !tw.wrote { // nothing selected: an empty file
		w.Header().Set("Content-Type", tw.contentType)
	}
	return nil
}

// trackWriter sets the content type on the first write and remembers that
// the response has started.
type trackWriter struct {
	w           http.ResponseWriter
	contentType string
	wrote       bool
}

func (t *trackWriter) Write(p []byte) (int, error) {
	if !t.wrote {
		t.wrote = true
		t.w.Header().Set("Content-Type", t.contentType)
	}
	return t.w.Write(p)
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openAPI)
	return err
}
