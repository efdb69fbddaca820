package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/eval"
	"github.com/dyad-events/dyad/nlp"
)

// This file is `dyad eval --errors`, `--split` and `--ids`: which gold
// records are scored, and why each event of them was missed or coded
// falsely, from the coder's decisions.

// selectIDs returns the IDs of the gold records to score: those of half
// split ("a" or "b") of the gold file in splitsPath (a JSON object keyed by
// gold file name, then by half, of record IDs; "" means splits.json beside
// the gold file), and those listed in the file idsPath (one ID a line, # for
// comments); both when both are given. It returns nil when neither is.
func selectIDs(goldPath, split, splitsPath, idsPath string) (map[string]bool, error) {
	var keep map[string]bool
	if split != "" {
		if splitsPath == "" {
			splitsPath = filepath.Join(filepath.Dir(goldPath), "splits.json")
		}
		ids, err := readSplit(splitsPath, filepath.Base(goldPath), split)
		if err != nil {
			return nil, err
		}
		keep = ids
	}
	if idsPath != "" {
		ids, err := readIDs(idsPath)
		if err != nil {
			return nil, err
		}
		if keep == nil {
			keep = ids
		} else {
			for id := range keep {
				if !ids[id] {
					delete(keep, id)
				}
			}
		}
	}
	return keep, nil
}

// readSplit reads half split of the gold file named name from a splits
// file.
func readSplit(path, name, split string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--split: %w", err)
	}
	var splits map[string]map[string][]string
	if err := json.Unmarshal(data, &splits); err != nil {
		return nil, fmt.Errorf("--split: %s: want {file: {half: [ids]}}: %w", path, err)
	}
	halves, ok := splits[name]
	if !ok {
		return nil, fmt.Errorf("--split: %s has no split of %s (it has %s)", path, name, strings.Join(slices.Sorted(maps.Keys(splits)), ", "))
	}
	ids, ok := halves[split]
	if !ok {
		return nil, fmt.Errorf("--split: %s splits %s into %s, not %q", path, name, strings.Join(slices.Sorted(maps.Keys(halves)), ", "), split)
	}
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	return keep, nil
}

// readIDs reads a file of record IDs, one a line; blank lines and lines
// starting with # are skipped.
func readIDs(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--ids: %w", err)
	}
	defer f.Close()
	keep := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		keep[l] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--ids: %s: %w", path, err)
	}
	return keep, nil
}

// keepRecords returns the records of s whose IDs keep holds, in s's order,
// and the IDs of keep that s lacks.
func keepRecords(s *eval.Set, keep map[string]bool) (*eval.Set, []string) {
	out := &eval.Set{Events: map[string][]map[string]any{}}
	for _, id := range s.Order {
		if keep[id] {
			out.Order = append(out.Order, id)
			out.Events[id] = s.Events[id]
		}
	}
	var missing []string
	for _, id := range slices.Sorted(maps.Keys(keep)) {
		if _, ok := s.Events[id]; !ok {
			missing = append(missing, id)
		}
	}
	return out, missing
}

// errGoldRecord is a gold record as --errors reads it: the text to code and
// the events, which in article records say their sentence.
type errGoldRecord struct {
	goldRecord
	Events []errGoldEvent `json:"events"`
}

// errGoldEvent is a gold event with the index of its sentence (article
// records only).
type errGoldEvent struct {
	eval.Event
	Sentence *int `json:"sentence"`
}

// evalError is one missed or false event and the cause --errors gives it.
type evalError struct {
	// Kind is "missed" (in the gold, not coded) or "false" (coded, not in
	// the gold).
	Kind string `json:"kind"`
	// ID and Sentence say where: the record and the sentence's index in
	// it, -1 for a record scored as a whole.
	ID       string `json:"id"`
	Sentence int    `json:"sentence"`
	// Event is the event as source -> target root (code).
	Event string `json:"event"`
	// Cause groups the errors; Stage is its stage; Detail says what the
	// rule or pattern did here.
	Cause  string `json:"cause"`
	Stage  string `json:"stage"`
	Detail string `json:"detail,omitempty"`
	// Text is the sentence (the record's text when it has no sentence
	// index).
	Text string `json:"text"`
}

// errorGroup is the errors of one cause.
type errorGroup struct {
	Cause  string      `json:"cause"`
	Stage  string      `json:"stage"`
	Missed int         `json:"missed"`
	False  int         `json:"false"`
	Errors []evalError `json:"errors"`
}

// errorReport is what --errors prints.
type errorReport struct {
	Missed int          `json:"missed"`
	False  int          `json:"false"`
	Groups []errorGroup `json:"groups"`
}

// triple is an event as the scorer compares it.
type triple struct{ src, tgt, root string }

// normCode is a scored field as the scorer reads it: trimmed, upper case,
// "" for null.
func normCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// rootOf is the root of a CAMEO code or a gold root field, two digits.
func rootOf(root, code string) string {
	r := normCode(root)
	if r == "" {
		r = normCode(code)
		if len(r) > 2 {
			r = r[:2]
		}
	}
	if len(r) == 1 {
		r = "0" + r
	}
	return r
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// show writes an event for people.
func (t triple) show(code string) string {
	tgt := t.tgt
	if tgt == "" {
		tgt = "null"
	}
	s := t.src + " -> " + tgt + " " + t.root
	if code != "" && code != t.root {
		s += " (" + code + ")"
	}
	return s
}

// errEvent is one gold or predicted event of a record being explained.
type errEvent struct {
	t       triple
	code    string
	sent    int // -1: the record as a whole
	matched bool
	// dec and ev locate a predicted event's decision and event in it.
	dec *dyad.Decision
	ev  *dyad.DecisionEvent
}

// explainErrors codes the gold records of data (those keep holds, all when
// keep is nil) with their decisions and returns every missed and false
// event with its cause.
func explainErrors(ctx context.Context, c *coder.Coder, an coder.Analyzer, data []byte, goldPath string, keep map[string]bool, alone bool) ([]evalError, error) {
	var out []evalError
	page := pageContext{alone: alone}
	err := eachGoldRecord(ctx, data, goldPath, keep, func(id string, line []byte) error {
		var g errGoldRecord
		if err := json.Unmarshal(line, &g); err != nil {
			return err
		}
		errs, err := explainRecord(ctx, c, an, id, g, page.next(g.goldRecord))
		out = append(out, errs...)
		return err
	})
	return out, err
}

// eachGoldRecord calls fn with the ID and the line of every record of the
// gold JSONL data that keep holds (every record for nil keep), in order;
// an error is returned with the file and line.
func eachGoldRecord(ctx context.Context, data []byte, goldPath string, keep map[string]bool, fn func(id string, line []byte) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), maxLine)
	n := 0
	for sc.Scan() {
		n++
		t := bytes.TrimSpace(sc.Bytes())
		if len(t) == 0 {
			continue
		}
		var r struct {
			ID json.RawMessage `json:"id"`
		}
		if err := json.Unmarshal(t, &r); err != nil {
			return fmt.Errorf("%s:%d: %v", goldPath, n, err)
		}
		id := string(r.ID)
		var s string
		if json.Unmarshal(r.ID, &s) == nil {
			id = s
		}
		if keep != nil && !keep[id] {
			continue
		}
		if err := fn(id, t); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("%s:%d: %v", goldPath, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", goldPath, err)
	}
	return nil
}

// explainRecord codes one gold record after before, the text of its
// page's earlier records (see pageContext), and explains its errors.
func explainRecord(ctx context.Context, c *coder.Coder, an coder.Analyzer, id string, g errGoldRecord, before string) ([]evalError, error) {
	a, off := withContext(id, g.goldRecord, before)
	if g.Date != nil {
		d, err := parseDate(*g.Date)
		if err != nil {
			return nil, err
		}
		a.Published = d
	}
	_, decs, err := c.Decide(ctx, &a)
	if err != nil {
		return nil, err
	}
	decs = ownDecisions(an, a.Text, decs, off)
	var gold, pred []*errEvent
	for _, e := range g.Events {
		t := triple{normCode(deref(e.Source)), normCode(deref(e.Target)), rootOf(deref(e.Root), deref(e.Code))}
		if t.root == "" {
			continue
		}
		ge := &errEvent{t: t, code: normCode(deref(e.Code)), sent: -1}
		if e.Sentence != nil {
			ge.sent = *e.Sentence
		}
		gold = append(gold, ge)
	}
	bySentence := false
	for _, ge := range gold {
		if ge.sent >= 0 {
			bySentence = true
		}
	}
	for i := range decs {
		d := &decs[i]
		if d.Verdict != dyad.VerdictFired {
			continue
		}
		for j := range d.Events {
			e := &d.Events[j]
			if e.Dropped != "" {
				continue
			}
			pe := &errEvent{t: triple{normCode(e.Source.Code), normCode(e.Target.Code), rootOf("", e.Code)}, code: e.Code, sent: -1, dec: d, ev: e}
			pred = append(pred, pe)
		}
	}
	rec := &errRecord{id: id, text: g.Text, doc: an.Process(g.Text), decs: decs, gold: gold, pred: pred}
	if bySentence {
		rec.group = goldSentences(rec.doc)
		for _, pe := range pred {
			pe.sent = rec.goldSentence(pe.dec.Sentence)
		}
	}
	matchEvents(gold, pred)
	var out []evalError
	for _, ge := range gold {
		if !ge.matched {
			out = append(out, rec.missed(ge))
		}
	}
	for _, pe := range pred {
		if !pe.matched {
			out = append(out, rec.falseEvent(pe))
		}
	}
	return out, nil
}

// matchEvents pairs gold and predicted events of one triple as the scorer
// counts them (a multiset), pairing events of one sentence first.
func matchEvents(gold, pred []*errEvent) {
	for _, sameSentence := range []bool{true, false} {
		for _, ge := range gold {
			if ge.matched {
				continue
			}
			for _, pe := range pred {
				if !pe.matched && pe.t == ge.t && (!sameSentence || pe.sent == ge.sent) {
					ge.matched, pe.matched = true, true
					break
				}
			}
		}
	}
}

// errRecord is one coded gold record being explained.
type errRecord struct {
	id, text   string
	doc        *nlp.Document
	decs       []dyad.Decision
	gold, pred []*errEvent
	// group maps the coder's sentences to the gold's (nil: the record is
	// scored as a whole).
	group []int
}

// goldSentences maps the sentences of doc to the sentences of the gold's
// count: a piece without final punctuation (a dateline, "NAIROBI (Reuters)
// -") belongs to the sentence after it.
func goldSentences(doc *nlp.Document) []int {
	if doc == nil {
		return nil
	}
	group := make([]int, len(doc.Sentences))
	g := 0
	for i := range doc.Sentences {
		group[i] = g
		t := strings.TrimRight(strings.TrimSpace(doc.SentenceText(i)), "\"'”’)]")
		if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…") || strings.HasSuffix(t, ":") && !datelinePiece(doc.Sentences[i].Tokens) {
			g++
		}
	}
	return group
}

// datelinePiece reports whether a sentence closed by a colon is a dateline
// ("YANGON, Nov 11:", "Peshawar:"): capitalized words, numbers and
// punctuation only.
func datelinePiece(toks []nlp.Token) bool {
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !unicode.IsPunct(r) {
			return false
		}
	}
	return true
}

// goldSentence is the gold's index of the coder's sentence i, -1 for a
// record scored as a whole.
func (r *errRecord) goldSentence(i int) int {
	if r.group == nil || i < 0 || i >= len(r.group) {
		return -1
	}
	return r.group[i]
}

// inScope reports whether the coder's sentence i is in the gold's sentence
// sent (-1: the whole record).
func (r *errRecord) inScope(sent, i int) bool { return sent < 0 || r.goldSentence(i) == sent }

// sentenceText is the gold's sentence sent, or the whole text for -1.
func (r *errRecord) sentenceText(sent int) string {
	if sent < 0 || r.doc == nil {
		return strings.Join(strings.Fields(r.text), " ")
	}
	var parts []string
	for i := range r.doc.Sentences {
		if r.inScope(sent, i) {
			parts = append(parts, r.doc.SentenceText(i))
		}
	}
	if len(parts) == 0 {
		return "(no such sentence in the coder's split)"
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// predicates are the lemmas of the roots of sentence sent (every sentence
// for -1).
func (r *errRecord) predicates(sent int) string {
	if r.doc == nil {
		return ""
	}
	var ps []string
	for i := range r.doc.Sentences {
		if !r.inScope(sent, i) {
			continue
		}
		s := &r.doc.Sentences[i]
		if k := s.Root(); k >= 0 {
			ps = append(ps, s.Tokens[k].Lemma)
		}
	}
	return strings.Join(ps, ", ")
}

// newError is an error of kind at event e with cause and detail.
// The stage is stage, or else the part of the cause's rule ID before the
// dot.
func (r *errRecord) newError(kind string, e *errEvent, stage, cause, detail string) evalError {
	if stage == "" {
		stage = cause
		if i := strings.IndexByte(cause, '.'); i > 0 {
			stage = cause[:i]
		}
	}
	return evalError{Kind: kind, ID: r.id, Sentence: e.sent, Event: e.t.show(e.code), Cause: cause, Stage: stage, Detail: detail, Text: r.sentenceText(e.sent)}
}

// Causes that are no rule of the coder's, and the stage of wrong actors.
const (
	causeNoPattern   = "no pattern matched"
	causeAnotherRoot = "another root"
	causeNoTarget    = "target: none found"
	stageMatch       = "match"
	stageActors      = "argument+actor"
)

// actorCause names the rules that chose the actors of predicted event p
// where it differs from gold event g: the source's when the sources differ,
// else the target's.
func actorCause(g triple, p *errEvent) (string, string) {
	ev := p.ev
	if g.src != p.t.src {
		return "source: " + ruleOr(ev.SourceRule, "argument?") + " / " + ruleOr(ev.SourceActor, "actor?"), "source " + orNullCode(p.t.src) + ", gold " + orNullCode(g.src)
	}
	if p.t.tgt == "" {
		return causeNoTarget, "gold target " + orNullCode(g.tgt)
	}
	return "target: " + ruleOr(ev.TargetRule, "argument?") + " / " + ruleOr(ev.TargetActor, "actor?"), "target " + orNullCode(p.t.tgt) + ", gold " + orNullCode(g.tgt)
}

// ruleOr is rule, or what when it is empty.
func ruleOr(rule, what string) string {
	if rule == "" {
		return what
	}
	return rule
}

// orNullCode is an actor code, "null" for none.
func orNullCode(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// missed explains a gold event the coder did not give.
func (r *errRecord) missed(g *errEvent) evalError {
	// a candidate of the root fired with other actors
	for _, p := range r.pred {
		if !p.matched && p.t.root == g.t.root && r.inScope(g.sent, p.dec.Sentence) {
			cause, detail := actorCause(g.t, p)
			return r.newError("missed", g, stageActors, cause, detail+"; coded "+p.t.show(p.code)+" by "+p.dec.PatternID)
		}
	}
	// a candidate of the root was suppressed, outranked, or its event dropped
	for _, v := range []dyad.Verdict{dyad.VerdictFired, dyad.VerdictSuppressed, dyad.VerdictOutranked, dyad.VerdictNoMatch} {
		for i := range r.decs {
			d := &r.decs[i]
			if d.Verdict != v || !r.inScope(g.sent, d.Sentence) {
				continue
			}
			if v == dyad.VerdictFired {
				for _, e := range d.Events {
					if e.Dropped != "" && rootOf("", e.Code) == g.t.root {
						return r.newError("missed", g, "", e.Dropped, "dropped "+e.Code+" of "+d.PatternID+" at \""+d.Word+"\"")
					}
				}
				continue
			}
			if rootOf("", d.Code) == g.t.root {
				detail := string(d.Verdict) + " " + d.Code + " of " + d.PatternID + " at \"" + d.Word + "\""
				if d.Why != "" {
					detail += ": " + d.Why
				}
				return r.newError("missed", g, "", ruleOr(d.Rule, string(d.Verdict)), detail)
			}
		}
	}
	// a candidate with the gold's actors fired with another root
	for _, p := range r.pred {
		if !p.matched && p.t.src == g.t.src && p.t.tgt == g.t.tgt && r.inScope(g.sent, p.dec.Sentence) {
			return r.newError("missed", g, stageMatch, causeAnotherRoot, "coded "+p.t.show(p.code)+" by "+p.dec.PatternID+" at \""+p.dec.Word+"\"")
		}
	}
	return r.newError("missed", g, stageMatch, causeNoPattern, "predicate "+strings.TrimSpace(r.predicates(g.sent)))
}

// falseEvent explains an event the coder gave that the gold lacks.
func (r *errRecord) falseEvent(p *errEvent) evalError {
	d := p.dec
	at := d.PatternID + " at \"" + d.Word + "\""
	for _, g := range r.gold {
		if !g.matched && g.t.root == p.t.root && r.inScope(g.sent, d.Sentence) {
			cause, detail := actorCause(g.t, p)
			return r.newError("false", p, stageActors, cause, detail+"; "+at)
		}
	}
	for _, g := range r.gold {
		if !g.matched && g.t.src == p.t.src && g.t.tgt == p.t.tgt && r.inScope(g.sent, d.Sentence) {
			return r.newError("false", p, stageMatch, causeAnotherRoot, "gold "+g.t.show(g.code)+"; "+at)
		}
	}
	if p.ev.Convention != "" {
		return r.newError("false", p, "", p.ev.Convention, "the "+p.ev.Convention+" event of "+at)
	}
	return r.newError("false", p, "", ruleOr(d.Rule, "fired"), "fired "+at+" (source "+ruleOr(p.ev.SourceRule, "?")+" / "+ruleOr(p.ev.SourceActor, "?")+")")
}

// groupErrors groups errors by cause, most frequent first (then by cause).
func groupErrors(errs []evalError) errorReport {
	var rep errorReport
	idx := map[string]int{}
	for _, e := range errs {
		i, ok := idx[e.Cause]
		if !ok {
			i = len(rep.Groups)
			idx[e.Cause] = i
			rep.Groups = append(rep.Groups, errorGroup{Cause: e.Cause, Stage: e.Stage})
		}
		g := &rep.Groups[i]
		g.Errors = append(g.Errors, e)
		if e.Kind == "missed" {
			g.Missed++
			rep.Missed++
		} else {
			g.False++
			rep.False++
		}
	}
	sort.SliceStable(rep.Groups, func(i, j int) bool {
		a, b := rep.Groups[i], rep.Groups[j]
		if len(a.Errors) != len(b.Errors) {
			return len(a.Errors) > len(b.Errors)
		}
		return a.Cause < b.Cause
	})
	return rep
}

// writeText writes the report for people: per cause its counts, then each
// error with its sentence.
func (rep errorReport) writeText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\nerrors: %d missed, %d false, %d causes\n", rep.Missed, rep.False, len(rep.Groups))
	for _, g := range rep.Groups {
		fmt.Fprintf(&b, "\n%4d  %s  (stage %s; %d missed, %d false)\n", len(g.Errors), g.Cause, g.Stage, g.Missed, g.False)
		for _, e := range g.Errors {
			where := e.ID
			if e.Sentence >= 0 {
				where += fmt.Sprintf("#%d", e.Sentence)
			}
			fmt.Fprintf(&b, "      %-6s %-14s %s  %s\n", e.Kind, where, e.Event, e.Detail)
			fmt.Fprintf(&b, "             %s\n", e.Text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// evalOptions are the flags of `dyad eval` that choose records and ask for
// the errors.
type evalOptions struct {
	errors             *bool
	split, splits, ids *string
}

// evalFlags defines the flags of evalOptions on fs.
func evalFlags(fs *flag.FlagSet) *evalOptions {
	return &evalOptions{
		errors: fs.Bool("errors", false, "after the figures, list every missed and false event with its sentence and the stage and rule that decided it, grouped by cause, most frequent first (with --json, as a second JSON object)"),
		split:  fs.String("split", "", "score only half `a|b` of the gold file, as the splits file lists it"),
		splits: fs.String("splits", "", "the splits `FILE` for --split (default: splits.json beside the gold file)"),
		ids:    fs.String("ids", "", "score only the records whose IDs `FILE` lists, one a line"),
	}
}

// selectGold narrows *gold to the records --split and --ids choose and
// returns their IDs (nil: all). An ID chosen that the gold lacks is
// reported on stderr; none at all is an error.
func (o *evalOptions) selectGold(env *cliEnv, goldPath string, gold **eval.Set) (map[string]bool, error) {
	keep, err := selectIDs(goldPath, *o.split, *o.splits, *o.ids)
	if err != nil || keep == nil {
		return keep, err
	}
	g, missing := keepRecords(*gold, keep)
	if len(missing) > 0 {
		fmt.Fprintf(env.stderr, "eval: %d chosen IDs are not in %s: %s\n", len(missing), goldPath, strings.Join(missing, " "))
	}
	if len(g.Order) == 0 {
		return nil, fmt.Errorf("no record of %s is chosen", goldPath)
	}
	*gold = g
	return keep, nil
}

// writeErrors writes the --errors report, as JSON when asJSON.
func (o *evalOptions) writeErrors(ctx context.Context, env *cliEnv, c *coder.Coder, data []byte, goldPath string, keep map[string]bool, alone, asJSON bool) error {
	if !*o.errors {
		return nil
	}
	an, err := loadAnalyzer()
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	errs, err := explainErrors(ctx, c, an, data, goldPath, keep, alone)
	if err != nil {
		return fmt.Errorf("eval --errors: %w", err)
	}
	rep := groupErrors(errs)
	if asJSON {
		e := json.NewEncoder(env.stdout)
		e.SetIndent("", "  ")
		e.SetEscapeHTML(false)
		return e.Encode(rep)
	}
	return rep.writeText(env.stdout)
}

// ownDecisions keeps the decisions about the record's own text, which
// begins at byte off of text, and numbers their sentences from the
// record's first.
func ownDecisions(an coder.Analyzer, text string, decs []dyad.Decision, off int) []dyad.Decision {
	if off == 0 {
		return decs
	}
	first := 0 // the index of the record's first sentence
	if doc := an.Process(text); doc != nil {
		for _, s := range doc.Sentences {
			if s.Start < off {
				first++
			}
		}
	}
	var out []dyad.Decision
	for _, d := range decs {
		if d.Sentence >= first {
			d.Sentence -= first
			out = append(out, d)
		}
	}
	return out
}
