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
	"sync"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
)

// Evaluator checks every alert rule now, records the alerts that fire and
// delivers them; package alert provides one. POST /alerts/evaluate runs it.
type Evaluator interface {
	Evaluate(ctx context.Context) ([]dyad.Alert, error)
}

// SituationRequest is the JSON body of POST /situations.
type SituationRequest struct {
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Actors      []string    `json:"actors,omitempty"`
	Dyads       [][2]string `json:"dyads,omitempty"`
	Codes       []string    `json:"codes,omitempty"`
	Plover      []string    `json:"plover,omitempty"`
}

// SituationsResponse is the body of GET /situations.
type SituationsResponse struct {
	Situations []dyad.Situation `json:"situations"`
}

// RuleRequest is the JSON body of POST /situations/{id}/rules.
type RuleRequest struct {
	Kind         dyad.RuleKind `json:"kind"`
	Codes        []string      `json:"codes,omitempty"`
	Threshold    int           `json:"threshold,omitempty"`
	WindowDays   int           `json:"window_days,omitempty"`
	BaselineDays int           `json:"baseline_days,omitempty"`
	Factor       float64       `json:"factor,omitempty"`
	Webhook      string        `json:"webhook,omitempty"`
}

// RulesResponse is the body of GET /situations/{id}/rules.
type RulesResponse struct {
	Rules []dyad.AlertRule `json:"rules"`
}

// AlertsResponse is the body of GET /alerts and of POST /alerts/evaluate
// (the alerts that fired in that run).
type AlertsResponse struct {
	Alerts []dyad.Alert `json:"alerts"`
}

// situationRoutes are the endpoints of situations and alerts; those that
// change the store need the token.
func situationRoutes() []route {
	return []route{
		{method: "GET", path: "/api/v1/situations", handle: (*Server).listSituations},
		{method: "POST", path: "/api/v1/situations", handle: (*Server).createSituation, store: true},
		{method: "GET", path: "/api/v1/situations/{id}", handle: (*Server).getSituation},
		{method: "DELETE", path: "/api/v1/situations/{id}", handle: (*Server).deleteSituation, store: true},
		{method: "GET", path: "/api/v1/situations/{id}/events", handle: (*Server).situationEvents},
		{method: "GET", path: "/api/v1/situations/{id}/series", handle: (*Server).situationSeries},
		{method: "GET", path: "/api/v1/situations/{id}/rules", handle: (*Server).listRules},
		{method: "POST", path: "/api/v1/situations/{id}/rules", handle: (*Server).createRule, store: true},
		{method: "DELETE", path: "/api/v1/situations/{id}/rules/{rule}", handle: (*Server).deleteRule, store: true},
		{method: "GET", path: "/api/v1/alerts", handle: (*Server).listAlerts},
		{method: "POST", path: "/api/v1/alerts/evaluate", handle: (*Server).evaluate, store: true},
	}
}

// readJSON decodes a JSON request body into v, refusing unknown fields,
// other media types and oversized bodies. example is shown when the body
// does not decode.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any, example string) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return &errMedia{}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody()))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return &errBody{reason: "could not read the body"}
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &errBody{reason: "the body is not valid: " + truncate(err.Error(), 200) + " (want " + example + ")"}
	}
	if dec.More() {
		return &errBody{reason: "the body holds more than one JSON value"}
	}
	return nil
}

// errMedia is a request body that is not JSON.
type errMedia struct{}

func (*errMedia) Error() string { return "post application/json" }

// fieldError turns a *dyad.FieldError into a 400 naming the field.
func fieldError(err error) error {
	var fe *dyad.FieldError
	if errors.As(err, &fe) {
		return &ParamError{Param: fe.Field, Reason: fe.Reason}
	}
	return err
}

// ploverTypes is the set of PLOVER types the codebook maps codes to.
var ploverTypes = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range cameo.Default().All() {
		if c.PloverType != "" {
			m[c.PloverType] = true
		}
	}
	return m
})

// checkCodes refuses CAMEO codes the codebook lacks.
func checkCodes(field string, codes []string) error {
	for _, c := range codes {
		if !cameo.Default().Valid(c) {
			return &ParamError{Param: field, Reason: fmt.Sprintf("%q is not a CAMEO code of the codebook (see GET /api/openapi.json; 036, 04, 1246)", truncate(c, 40))}
		}
	}
	return nil
}

func (s *Server) listSituations(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sits, err := s.Situations.Situations(ctx)
	if err != nil {
		return err
	}
	return writeJSON(w, SituationsResponse{Situations: sits})
}

func (s *Server) createSituation(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	var req SituationRequest
	if err := s.readJSON(w, r, &req, `{"name": "...", "actors": ["RUS"], "dyads": [["RUS", "UKR"]], "codes": ["036"], "plover": ["CONSULT"]}`); err != nil {
		return err
	}
	sit := &dyad.Situation{Name: req.Name, Description: req.Description, Actors: req.Actors, Dyads: req.Dyads, Codes: req.Codes, Plover: req.Plover}
	if err := sit.Normalize(); err != nil {
		return fieldError(err)
	}
	if err := checkCodes("codes", sit.Codes); err != nil {
		return err
	}
	for _, p := range sit.Plover {
		if !ploverTypes()[p] {
			known := make([]string, 0, len(ploverTypes()))
			for k := range ploverTypes() {
				known = append(known, k)
			}
			slices.Sort(known)
			return &ParamError{Param: "plover", Reason: fmt.Sprintf("%q is not a PLOVER event type (known: %s)", truncate(p, 40), strings.Join(known, ", "))}
		}
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	if err := s.Situations.CreateSituation(ctx, sit); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/situations/"+url.PathEscape(sit.ID))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(sit)
}

// situation reads the situation the path names.
func (s *Server) situation(ctx context.Context, r *http.Request) (*dyad.Situation, error) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		return nil, err
	}
	return s.Situations.Situation(ctx, id)
}

func (s *Server) getSituation(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sit, err := s.situation(ctx, r)
	if err != nil {
		return err
	}
	return writeJSON(w, sit)
}

func (s *Server) deleteSituation(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	if err := s.Situations.DeleteSituation(ctx, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) situationEvents(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, []string{"from", "to", "sort", "limit", "cursor", "count"}); err != nil {
		return err
	}
	q, err := ParseEventsQuery(v)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sit, err := s.situation(ctx, r)
	if err != nil {
		return err
	}
	f := sit.Filter()
	f.Since, f.Until, f.Sort, f.Limit, f.Cursor = q.Since, q.Until, q.Sort, q.Limit, q.Cursor
	return s.writeEventPage(ctx, w, f, v.Get("count") == "true")
}

func (s *Server) situationSeries(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, []string{"from", "to", "interval", "by"}); err != nil {
		return err
	}
	q, err := ParseSeriesQuery(v)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sit, err := s.situation(ctx, r)
	if err != nil {
		return err
	}
	f := sit.Filter()
	f.Since, f.Until = q.Filter.Since, q.Filter.Until
	q.Filter = f
	return s.writeSeries(ctx, w, q)
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sit, err := s.situation(ctx, r)
	if err != nil {
		return err
	}
	rules, err := s.Situations.Rules(ctx, sit.ID)
	if err != nil {
		return err
	}
	if !s.holdsToken(r) {
		// A webhook keeps its secret in its query: only the token's
		// holder, who can change the rules, sees it.
		for i := range rules {
			rules[i].Webhook = dyad.RedactURL(rules[i].Webhook)
		}
	}
	return writeJSON(w, RulesResponse{Rules: rules})
}

func (s *Server) createRule(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	var req RuleRequest
	if err := s.readJSON(w, r, &req, `{"kind": "new_event|threshold|spike", "codes": ["036"], "threshold": 5, "window_days": 7, "baseline_days": 28, "factor": 3, "webhook": "http://127.0.0.1:9000/hook"}`); err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	sit, err := s.situation(ctx, r)
	if err != nil {
		return err
	}
	rule := &dyad.AlertRule{SituationID: sit.ID, Kind: req.Kind, Codes: req.Codes, Threshold: req.Threshold, WindowDays: req.WindowDays,
		BaselineDays: req.BaselineDays, Factor: req.Factor, Webhook: req.Webhook}
	if err := rule.Normalize(sit); err != nil {
		return fieldError(err)
	}
	if err := checkCodes("codes", rule.Codes); err != nil {
		return err
	}
	if err := s.Situations.CreateRule(ctx, rule); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/situations/"+url.PathEscape(sit.ID)+"/rules/"+url.PathEscape(rule.ID))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(rule)
}

func (s *Server) deleteRule(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	id, rule := r.PathValue("id"), r.PathValue("rule")
	if err := checkID(id); err != nil {
		return err
	}
	if err := checkID(rule); err != nil {
		return &ParamError{Param: "rule", Reason: "not an ID"}
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	if err := s.Situations.DeleteRule(ctx, id, rule); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, []string{"situation", "limit"}); err != nil {
		return err
	}
	sit, err := text(v, "situation")
	if err != nil {
		return err
	}
	limit, err := intParam(v, "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	if sit != "" {
		if _, err := s.Situations.Situation(ctx, sit); err != nil {
			if errors.Is(err, dyad.ErrNotFound) {
				return &ParamError{Param: "situation", Reason: fmt.Sprintf("no situation %q is stored", truncate(sit, 40))}
			}
			return err
		}
	}
	alerts, err := s.Situations.Alerts(ctx, dyad.AlertFilter{SituationID: sit, Limit: limit})
	if err != nil {
		return err
	}
	if !s.holdsToken(r) {
		for i := range alerts { // a delivery error may quote a webhook
			alerts[i].LastError = dyad.RedactURLs(alerts[i].LastError)
		}
	}
	return writeJSON(w, AlertsResponse{Alerts: alerts})
}

func (s *Server) evaluate(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return err
	}
	if s.Evaluator == nil {
		s.problem(w, r, http.StatusNotImplemented, "Not implemented", "this server does not evaluate alert rules", "")
		return nil
	}
	// Webhooks are retried with backoff: give the run more than a query.
	ctx, cancel := context.WithTimeout(r.Context(), 6*s.timeout())
	defer cancel()
	alerts, err := s.Evaluator.Evaluate(ctx)
	if err != nil {
		return err
	}
	if alerts == nil {
		alerts = []dyad.Alert{}
	}
	return writeJSON(w, AlertsResponse{Alerts: alerts})
}
