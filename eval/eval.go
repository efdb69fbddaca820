// Package eval scores coded events against hand-coded gold data, with
// exactly the figures of the project's reference scorer
// (shared/eval/score.py): micro precision, recall and F1 over (source,
// target, root) and (source, target, code) multisets per sentence, the
// false-positive rate on gold no-event sentences, and recall per root.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Record is one gold (or predicted) sentence.
type Record struct {
	// ID matches gold and predicted records.
	ID string `json:"id"`
	// Text is the sentence; Date the article date (YYYY-MM-DD) or empty.
	Text string `json:"text,omitempty"`
	Date string `json:"date,omitempty"`
	URL  string `json:"url,omitempty"`
	// Events are the coded events.
	Events []Event `json:"events"`
}

// Event is one event in the gold format. Source, Target, Code and Root
// are scored; the rest is for reading.
type Event struct {
	Source      *string `json:"source"`
	SourceActor *string `json:"source_actor"`
	SourceRole  *string `json:"source_role"`
	Target      *string `json:"target"`
	TargetActor *string `json:"target_actor"`
	TargetRole  *string `json:"target_role"`
	Code        *string `json:"code"`
	Root        *string `json:"root"`
	Quad        int     `json:"quad,omitempty"`
	Note        string  `json:"note,omitempty"`
}

// Str returns a pointer to s, or nil for the empty string (a null in
// JSON).
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// pyStr renders a decoded JSON value as Python's str() would, for the
// values gold files hold.
func pyStr(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case bool:
		if x {
			return "True", true
		}
		return "False", true
	case json.Number:
		s := x.String()
		if f, err := x.Float64(); err == nil && strings.ContainsAny(s, ".eE") {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
		return s, true
	}
	b, _ := json.Marshal(v)
	return string(b), true
}

// key is one scored triple.
type key struct{ src, tgt, k string }

// norm trims and upper-cases; "" stands for None.
func norm(v any) string {
	s, ok := pyStr(v)
	if !ok {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(s))
}

// Set is the scorer's view of a file: record ID -> its events as decoded
// JSON objects.
type Set struct {
	Events map[string][]map[string]any
	Order  []string
}

// Read reads a gold or prediction JSONL file as score.py does; name is for
// error messages (name:line).
func Read(r io.Reader, name string) (*Set, error) {
	s := &Set{Events: map[string][]map[string]any{}}
	br := bufio.NewReaderSize(r, 1<<20)
	n := 0
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			n++
			if t := bytes.TrimSpace(line); len(t) > 0 {
				dec := json.NewDecoder(bytes.NewReader(t))
				dec.UseNumber()
				var obj map[string]any
				if e := dec.Decode(&obj); e != nil {
					return nil, fmt.Errorf("%s:%d: bad JSON: %v", name, n, e)
				}
				idv, ok := obj["id"]
				if !ok {
					return nil, fmt.Errorf("%s:%d: record without id", name, n)
				}
				id, _ := pyStr(idv)
				if idv == nil {
					id = "None"
				}
				var evs []map[string]any
				if list, ok := obj["events"].([]any); ok {
					for _, e := range list {
						if m, ok := e.(map[string]any); ok {
							evs = append(evs, m)
						} else {
							evs = append(evs, map[string]any{})
						}
					}
				}
				if _, seen := s.Events[id]; !seen {
					s.Order = append(s.Order, id)
				}
				s.Events[id] = evs
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return s, nil
}

// keys counts the scored triples of events at level "root" or "code".
func keys(evs []map[string]any, level string) map[key]int {
	out := map[key]int{}
	for _, e := range evs {
		code := norm(e["code"])
		var k string
		if level == "root" {
			root := norm(e["root"])
			if root == "" && code != "" {
				root = code
				if len([]rune(root)) > 2 {
					root = string([]rune(root)[:2])
				}
			}
			if len([]rune(root)) == 1 {
				root = "0" + root
			}
			k = root
		} else {
			k = code
		}
		if k == "" {
			continue
		}
		out[key{norm(e["source"]), norm(e["target"]), k}]++
	}
	return out
}

// PRF holds the counts and figures of one level.
type PRF struct {
	TP        int     `json:"tp"`
	Pred      int     `json:"pred"`
	Gold      int     `json:"gold"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// NoEvent holds the figures on gold sentences without events.
type NoEvent struct {
	Sentences      int      `json:"sentences"`
	WithPrediction int      `json:"with_predictions"`
	FPRate         float64  `json:"fp_rate"`
	SpuriousEvents int      `json:"spurious_events"`
	IDs            []string `json:"ids"`
}

// RootRecall is the recall of one root.
type RootRecall struct {
	Gold    int     `json:"gold"`
	Matched int     `json:"matched"`
	Recall  float64 `json:"recall"`
}

// Result is what the scorer reports.
type Result struct {
	Sentences          int                   `json:"sentences"`
	ExtraPredictionIDs []string              `json:"extra_prediction_ids"`
	Root               PRF                   `json:"root"`
	Code               PRF                   `json:"code"`
	NoEvent            NoEvent               `json:"no_event"`
	PerRoot            map[string]RootRecall `json:"per_root_recall"`
}

func prf(tp, npred, ngold int) PRF {
	r := PRF{TP: tp, Pred: npred, Gold: ngold}
	if npred > 0 {
		r.Precision = float64(tp) / float64(npred)
	}
	if ngold > 0 {
		r.Recall = float64(tp) / float64(ngold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

func intersect(a, b map[key]int) map[key]int {
	out := map[key]int{}
	for k, n := range a {
		if m := b[k]; m > 0 {
			out[k] = min(n, m)
		}
	}
	return out
}

func sum(m map[key]int) int {
	t := 0
	for _, n := range m {
		t += n
	}
	return t
}

// Score scores pred against gold.
func Score(gold, pred *Set) *Result {
	res := &Result{Sentences: len(gold.Events), PerRoot: map[string]RootRecall{}, ExtraPredictionIDs: []string{}}
	for id := range pred.Events {
		if _, ok := gold.Events[id]; !ok {
			res.ExtraPredictionIDs = append(res.ExtraPredictionIDs, id)
		}
	}
	sort.Strings(res.ExtraPredictionIDs)
	for _, level := range []string{"root", "code"} {
		tp, np, ng := 0, 0, 0
		for _, id := range gold.Order {
			g, p := keys(gold.Events[id], level), keys(pred.Events[id], level)
			tp += sum(intersect(g, p))
			np += sum(p)
			ng += sum(g)
		}
		if level == "root" {
			res.Root = prf(tp, np, ng)
		} else {
			res.Code = prf(tp, np, ng)
		}
	}
	ne := NoEvent{IDs: []string{}}
	for _, id := range gold.Order {
		if len(gold.Events[id]) > 0 {
			continue
		}
		ne.Sentences++
		if len(pred.Events[id]) > 0 {
			ne.WithPrediction++
			ne.IDs = append(ne.IDs, id)
		}
		ne.SpuriousEvents += len(pred.Events[id])
	}
	if ne.Sentences > 0 {
		ne.FPRate = float64(ne.WithPrediction) / float64(ne.Sentences)
	}
	res.NoEvent = ne
	for _, id := range gold.Order {
		g, p := keys(gold.Events[id], "root"), keys(pred.Events[id], "root")
		hit := intersect(g, p)
		for k, c := range g {
			d := res.PerRoot[k.k]
			d.Gold += c
			d.Matched += hit[k]
			res.PerRoot[k.k] = d
		}
	}
	for r, d := range res.PerRoot {
		d.Recall = float64(d.Matched) / float64(d.Gold)
		res.PerRoot[r] = d
	}
	return res
}

// WriteText writes the result in score.py's text format.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "gold sentences: %d\n", r.Sentences)
	if len(r.ExtraPredictionIDs) > 0 {
		fmt.Fprintf(&b, "ignored prediction ids not in gold: %d\n", len(r.ExtraPredictionIDs))
	}
	for _, l := range []struct {
		m     PRF
		label string
	}{{r.Root, "(source, target, root)"}, {r.Code, "(source, target, code)"}} {
		fmt.Fprintf(&b, "%-24s P=%.3f R=%.3f F1=%.3f  (tp=%d pred=%d gold=%d)\n", l.label,
			l.m.Precision, l.m.Recall, l.m.F1, l.m.TP, l.m.Pred, l.m.Gold)
	}
	ne := r.NoEvent
	fmt.Fprintf(&b, "no-event sentences: %d, with any prediction: %d, FP rate=%.3f, spurious events=%d\n",
		ne.Sentences, ne.WithPrediction, ne.FPRate, ne.SpuriousEvents)
	b.WriteString("per-root recall on (source, target, root):\n")
	roots := make([]string, 0, len(r.PerRoot))
	for k := range r.PerRoot {
		roots = append(roots, k)
	}
	sort.Strings(roots)
	for _, k := range roots {
		v := r.PerRoot[k]
		fmt.Fprintf(&b, "  %s  %3d/%-3d  %.3f\n", k, v.Matched, v.Gold, v.Recall)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
