// Package coder turns news text into CAMEO-coded political events.
//
// For each sentence of an article the coder finds the actors (dictionary
// mentions composed with agent nouns through the dependency parse:
// "Russian troops" -> RUS MIL, "police in Lusaka" -> ZMB COP), matches the
// event patterns of the dictionary on lemmas and the dependency tree, takes
// the source from the subject (or passive agent) and the target from the
// object or prepositional object the pattern names, and then applies the
// coding conventions: no events from negated, speculative, hypothetical or
// nominalised clauses; commitments under root 03 and refusals under root
// 12; reported speech coded as the reported event; reciprocal codes in both
// directions; coordination fanned out. Pronouns, titles, capitals and
// definite descriptions resolve against the actors of the article so far.
//
// A Coder is immutable after New and safe for concurrent use.
package coder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/timex"
)

// Analyzer splits text into parsed sentences; *nlp.Pipeline is one.
type Analyzer interface {
	Process(text string) *nlp.Document
}

// Actors finds actor mentions in a sentence; *dict.Dictionary is one.
type Actors interface {
	FindActors(words, lemmas []string, date time.Time) []dict.Mention
}

// agentLookup is the optional single-word agent lookup of an Actors.
type agentLookup interface {
	Agent(lemma string) (role string, ok bool)
}

// Options tune a Coder. The zero value is usable.
type Options struct {
	// Actors overrides the dictionary's actor finder (tests use small
	// hand-made finders); nil uses the dictionary.
	Actors Actors
	// MaxSentenceTokens: longer sentences are not coded (they are almost
	// always run-on text, tables or lists); 0 means 150.
	MaxSentenceTokens int
	// MaxChunkBytes bounds the text handed to the Analyzer at once; longer
	// articles are cut at paragraph or sentence ends. 0 means 64 KiB.
	MaxChunkBytes int
	// MaxSentences stops coding an article after this many sentences: the
	// events of those are returned with a *dyad.LimitError (Partial). 0
	// means no limit.
	MaxSentences int
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
	// Places finds where events happened (a *geo.Gazetteer); nil leaves
	// every event's Place nil.
	Places PlaceFinder
}

// Coder codes articles into events. It implements dyad.EventCoder.
type Coder struct {
	an       Analyzer
	actors   Actors
	agents   agentLookup
	cb       *cameo.Codebook
	idx      dict.PatternIndex
	patterns []dict.Pattern
	lex      *lexicon
	// ctxLemmas are the lemmas patterns' context upgrades look for.
	ctxLemmas map[string]bool
	// lightVerbs are the light verbs of noun patterns ("hold" talks).
	lightVerbs map[string]bool
	opts       Options
	log        *slog.Logger
	// rules are the stages' rule tables (see rules.go).
	rules ruleTables
}

var _ dyad.EventCoder = (*Coder)(nil)

// New returns a Coder that parses with an, finds actors and patterns in d
// and fills code data from cb. A nil cb uses cameo.Default().
func New(an Analyzer, d *dict.Dictionary, cb *cameo.Codebook, opts Options) *Coder {
	if cb == nil {
		cb = cameo.Default()
	}
	if opts.MaxSentenceTokens <= 0 {
		opts.MaxSentenceTokens = 150
	}
	if opts.MaxChunkBytes <= 0 {
		opts.MaxChunkBytes = 64 << 10
	}
	c := &Coder{an: an, cb: cb, opts: opts, lex: newLexicon(d), rules: newRuleTables()}
	c.log = opts.Logger
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d != nil {
		c.actors = d
		c.agents = d
		c.patterns = d.Patterns
	}
	if opts.Actors != nil {
		c.actors = opts.Actors
		if al, ok := opts.Actors.(agentLookup); ok {
			c.agents = al
		}
	}
	c.idx = dict.IndexPatterns(c.patterns)
	c.ctxLemmas = map[string]bool{}
	c.lightVerbs = map[string]bool{}
	for i := range c.patterns {
		for _, l := range c.patterns[i].Light {
			c.lightVerbs[l] = true
		}
		if cu := c.patterns[i].Context; cu != nil {
			for _, l := range cu.Lemmas {
				c.ctxLemmas[l] = true
			}
		}
	}
	return c
}

// CodeArticle returns the events of one article, in sentence order.
func (c *Coder) CodeArticle(ctx context.Context, a *dyad.Article) ([]dyad.Event, error) {
	return c.code(ctx, a, nil)
}

// Explain codes the article and writes, for each sentence, the parse, the
// actors found, the candidate patterns, which fired and which rule
// suppressed each candidate and why, with the ID of every rule that
// decided ("  <- mood.negation"). It returns the events as CodeArticle
// does.
func (c *Coder) Explain(ctx context.Context, a *dyad.Article, w io.Writer) ([]dyad.Event, error) {
	rec := &recorder{w: w}
	evs, err := c.code(ctx, a, rec)
	if err == nil {
		err = rec.err
	}
	return evs, err
}

// Decide codes the article as CodeArticle does and returns, beside its
// events, every decision the coder took on the way, in sentence order: per
// candidate (a pattern at a trigger word) the rule that fired or
// suppressed it, with the rules that chose each event's source and target;
// and the sentences skipped and the parses repaired. Tools use it to see
// why an event was or was not coded (dyad eval --errors).
func (c *Coder) Decide(ctx context.Context, a *dyad.Article) ([]dyad.Event, []dyad.Decision, error) {
	rec := &recorder{}
	evs, err := c.code(ctx, a, rec)
	return evs, rec.decisions, err
}

// code is CodeArticle with an optional recorder.
func (c *Coder) code(ctx context.Context, a *dyad.Article, tr *recorder) ([]dyad.Event, error) {
	if a == nil {
		return nil, fmt.Errorf("coder: nil article")
	}
	if c.an == nil {
		return nil, fmt.Errorf("coder: no analyzer")
	}
	text := a.Text
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	art := &article{a: a, text: text, date: a.Published}
	var out []dyad.Event
	sentIdx := 0
	start := time.Now()
	defer func() {
		c.log.Debug("coded article", "id", a.ID, "bytes", len(text), "sentences", sentIdx, "events", len(out), "took", time.Since(start))
	}()
	for _, ch := range chunks(text, c.opts.MaxChunkBytes) {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		doc := c.an.Process(text[ch[0]:ch[1]])
		if doc == nil {
			continue
		}
		firstSent, firstEv := sentIdx, len(out)
		limited := false
		for si := range doc.Sentences {
			if si%64 == 0 {
				if err := ctx.Err(); err != nil {
					return out, err
				}
			}
			if c.opts.MaxSentences > 0 && sentIdx >= c.opts.MaxSentences {
				doc.Sentences, limited = doc.Sentences[:si], true
				break
			}
			s := &doc.Sentences[si]
			shift(s, ch[0])
			art.quoteSpeaker = c.quoteAttribution(art, s, doc.Sentences[si+1:], ch[0], sentIdx+1)
			evs := c.codeSentence(art, s, sentIdx, tr)
			out = append(out, evs...)
			sentIdx++
		}
		if c.opts.Places != nil {
			c.locate(art, doc, firstSent, out[firstEv:], tr)
		}
		if limited {
			return out, &dyad.LimitError{What: "sentences", Max: c.opts.MaxSentences, Partial: true}
		}
	}
	return out, nil
}

// shift moves a sentence's byte offsets by off (a chunk's start).
func shift(s *nlp.Sentence, off int) {
	if off == 0 {
		return
	}
	s.Start += off
	s.End += off
	for i := range s.Tokens {
		s.Tokens[i].Start += off
		s.Tokens[i].End += off
	}
}

// runOnBytes is the longest stretch without a sentence end or line break
// that is still handed to the language pipeline: longer stretches are
// run-on text (lists, tables, garbage) far beyond MaxSentenceTokens.
const runOnBytes = 4096

// codable returns the pieces of text worth analysing: text without the
// stretches of more than runOnBytes that have no sentence end or line
// break.
func codable(text string) [][2]int {
	var out [][2]int
	start, last := 0, 0 // last: position after the latest sentence end
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '!', '?', '\n':
			if i+1-last > runOnBytes {
				// drop the run-on [last, i+1)
				if last > start {
					out = append(out, [2]int{start, last})
				}
				start = i + 1
			}
			last = i + 1
		}
	}
	if len(text)-last > runOnBytes {
		if last > start {
			out = append(out, [2]int{start, last})
		}
	} else if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// chunks cuts text into pieces of at most max bytes, at a paragraph break,
// else a sentence end, else a space, else a rune boundary; run-on stretches
// are left out (see codable).
func chunks(text string, max int) [][2]int {
	var out [][2]int
	for _, piece := range codable(text) {
		for _, c := range cut(text[piece[0]:piece[1]], max) {
			out = append(out, [2]int{piece[0] + c[0], piece[0] + c[1]})
		}
	}
	return out
}

// cut cuts text into pieces of at most max bytes.
func cut(text string, max int) [][2]int {
	var out [][2]int
	start := 0
	for len(text)-start > max {
		end := start + max
		cut := -1
		for _, sep := range []string{"\n\n", "\n", ". ", "? ", "! ", " "} {
			if i := strings.LastIndex(text[start+max/2:end], sep); i >= 0 {
				cut = start + max/2 + i + len(sep)
				break
			}
		}
		if cut < 0 {
			cut = end
			for cut > start && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if cut == start {
				cut = end
			}
		}
		out = append(out, [2]int{start, cut})
		start = cut
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// eventID is the stable hash of article, sentence, source, target and code.
// When source and target share code and role yet are named apart (two
// armed groups of one state, the two sides of its conflict), their names
// are hashed too: the event each way between them is two events
// ("M23 rebels and Mai-Mai militiamen clashed"), not one ID stored once.
func eventID(articleID string, sent int, src, tgt dyad.Actor, code string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%s/%s\x00%s/%s\x00%s", articleID, sent, src.Code, src.Role, tgt.Code, tgt.Role, code)
	if src.Code == tgt.Code && src.Role == tgt.Role && !strings.EqualFold(src.Name, tgt.Name) {
		fmt.Fprintf(h, "\x00%s\x00%s", strings.ToLower(src.Name), strings.ToLower(tgt.Name))
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// fill builds the dyad.Event for a coded candidate.
func (c *Coder) fill(art *article, s *nlp.Sentence, sentIdx int, ev *coded) dyad.Event {
	e := dyad.Event{Source: ev.src.actor, Target: ev.tgt.actor}
	if cd, ok := c.cb.Lookup(ev.code); ok {
		cd.Fill(&e)
	} else {
		e.Code, e.Root = ev.code, ev.code[:2]
		e.QuadClass = cameo.QuadClass(e.Root)
	}
	if betweenSides(ev.src, ev.tgt) {
		e.Source.Name += sideName(ev.src.side)
		e.Target.Name += sideName(ev.tgt.side)
	}
	e.ID = eventID(art.a.ID, sentIdx, e.Source, e.Target, e.Code)
	e.Date, e.DatePrecision = art.date, dyad.PrecisionArticle
	if art.date.IsZero() {
		e.DatePrecision = dyad.PrecisionUnknown // an undated article dates nothing
	}
	p := dyad.Provenance{
		ArticleID:    art.a.ID,
		Sentence:     sentIdx,
		SentenceText: art.text[s.Start:s.End],
		SourceSpan:   ev.src.span,
		TargetSpan:   ev.tgt.span,
		TriggerSpan:  ev.trigger,
		PatternID:    ev.pattern,
		Flags:        ev.flags,
	}
	if ev.reporter != nil {
		r := ev.reporter.actor
		p.ReportedBy = &r
		p.Flags = addFlag(p.Flags, dyad.FlagReported)
	}
	if ev.src.resolved || ev.tgt.resolved {
		p.Flags = addFlag(p.Flags, dyad.FlagResolved)
	}
	for _, r := range []actorRef{ev.src, ev.tgt} {
		if r.actor.Code == "" {
			continue
		}
		if r.inferred {
			p.Flags = addFlag(p.Flags, dyad.FlagInferred)
			if len(p.InferredFrom) == 0 || p.InferredFrom[0] != r.sent {
				p.InferredFrom = append(p.InferredFrom, r.sent)
			}
		}
		if r.provisional {
			p.Flags = addFlag(p.Flags, dyad.FlagProvisional)
		}
	}
	sort.Ints(p.InferredFrom)
	sort.Slice(p.Flags, func(i, j int) bool { return p.Flags[i] < p.Flags[j] })
	if ev.date != nil {
		e.Date, e.DatePrecision = ev.date.Date, ev.date.Precision
		p.DateSpan = dyad.Span{Start: s.Start + ev.date.Start, End: s.Start + ev.date.End}
	}
	e.Provenance = p
	return e
}

func addFlag(fs []dyad.Flag, f dyad.Flag) []dyad.Flag {
	for _, g := range fs {
		if g == f {
			return fs
		}
	}
	return append(fs, f)
}

// dateFor finds the date expression of the event's clause.
func dateFor(art *article, s *nlp.Sentence, sc *sentCtx, clause int, future bool) *timex.Expression {
	if art.date.IsZero() {
		return nil
	}
	tense := 0
	if future {
		tense = 1
	}
	if sc.dates[tense] == nil {
		// (each event of the sentence reads the dates in its own tense:
		// "agreed on Monday that their envoys would meet in November")
		sc.dates[tense] = timex.FindWithTense(art.text[s.Start:s.End], art.date, future)
		if sc.dates[tense] == nil {
			sc.dates[tense] = []timex.Expression{}
		}
	}
	dates := sc.dates[tense]
	if len(dates) == 0 {
		return nil
	}
	lo, hi := sc.subtreeBytes(clause)
	lo -= s.Start
	hi -= s.Start
	for i := range dates {
		d := &dates[i]
		if d.Start >= lo && d.End <= hi && sc.dateInClause(d, clause) && !sc.c.lex.boundDate(art.text[s.Start:s.End], d) {
			return d
		}
	}
	// a participle or coordinated clause shares the date of its head:
	// "spoke on Monday, discussing ..."
	if r := sc.rel(clause); r == "advcl" || r == "conj" || r == "xcomp" {
		if h := sc.tree.Head(clause); h >= 0 && sc.upos(clause) == "VERB" {
			return dateFor(art, s, sc, sc.s.Clause(h), future)
		}
	}
	return nil
}

// boundDate reports whether the date expression d of sentence text sent
// is a bound rather than the event's date, or the possessor of a noun
// ("a repeat of October's election").
func (lx *lexicon) boundDate(sent string, d *timex.Expression) bool {
	rest := strings.TrimLeft(sent[d.End:], " ")
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
		return true
	}
	before := strings.Fields(strings.ToLower(sent[:d.Start]))
	// the word before the expression, skipping "the end of", "early", ...
	for k := len(before) - 1; k >= 0 && k >= len(before)-4; k-- {
		w := strings.Trim(before[k], ",;:()\"")
		if lx.dateBoundWords[w] {
			return true
		}
		if lx.dateBoundFillers[w] {
			continue
		}
		break
	}
	return false
}
