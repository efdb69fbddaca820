package coder

import (
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad"
)

// The coder is a pipeline of named stages, one file each, each an ordered
// table of named rules (see codeSentence for the order they run in):
//
//	repair      repair.go       mend parse errors the patterns trip on
//	match       match.go        patterns on the tree; the pattern's own code refinements
//	complement  complement.go   embedded acts (intent, appeal, demand, threat, refusal) and what accusations say
//	mood        mood.go         asserted, future, negated, hypothetical, speculative, reported
//	filter      filter.go       constructions that are no event (a protest's purpose, a topic, a statement to the press)
//	argument    arguments.go    the source and the target: subject, passive agent, slots, fallbacks
//	actor       actors.go       the words of an argument to actors: names, agents, pronouns, titles, places
//	convention  conventions.go  reciprocal, linked, fan-out, precedence, collapse
//	memory      memory.go       what the article remembers for later sentences
//
// Every rule has an ID "stage.name"; the decisions the rules take are
// recorded (Coder.Decide), printed by --explain and asserted by tests.

// The stages: the prefixes of rule IDs.
const (
	stageRepair     = "repair"
	stageMatch      = "match"
	stageComplement = "complement"
	stageMood       = "mood"
	stageFilter     = "filter"
	stageArgument   = "argument"
	stageActor      = "actor"
	stageConvention = "convention"
	stageMemory     = "memory"
)

// stageOf returns the stage of a rule ID: the part before the dot.
func stageOf(id string) string {
	s, _, _ := strings.Cut(id, ".")
	return s
}

// Rules returns the ID of every rule of the coder, stage by stage in
// pipeline order and in each stage's table order: what --explain can
// print in a decision.
func (c *Coder) Rules() []string {
	t := &c.rules
	var out []string
	for _, ids := range [][]string{
		idsOf(t.repairs), idsOf(t.sentences), idsOf(t.tokens), idsOf(t.constraints), {ruleBest}, idsOf(t.codes),
		complementRules(),
		idsOf(t.moodWords), {ruleReportedWould}, idsOf(t.moodLinks), {ruleNegatedReport, ruleLinearHedge, ruleQuoteSpeaker, ruleQuoteContinues, ruleCleft}, idsOf(t.moodVerdicts),
		idsOf(t.filters), {ruleStatementToPress},
		idsOf(t.subjects), {ruleSubjectLinear}, sourceRules(), idsOf(t.slots), {ruleLegalObject}, idsOf(t.targets), targetCheckRules(),
		actorRules(), idsOf(t.titleCountry), idsOf(t.agentCountry),
		conventionRules(),
		idsOf(t.memory),
	} {
		out = append(out, ids...)
	}
	return out
}

// identified is a rule of a table, with its ID.
type identified interface{ ruleID() string }

func (r repairRule) ruleID() string      { return r.id }
func (r sentenceRule) ruleID() string    { return r.id }
func (r tokenRule) ruleID() string       { return r.id }
func (r constraintRule) ruleID() string  { return r.id }
func (r codeRule) ruleID() string        { return r.id }
func (r moodWordRule) ruleID() string    { return r.id }
func (r moodLinkRule) ruleID() string    { return r.id }
func (r moodVerdictRule) ruleID() string { return r.id }
func (r filterRule) ruleID() string      { return r.id }
func (r subjectRule) ruleID() string     { return r.id }
func (r slotRule) ruleID() string        { return r.id }
func (r targetRule) ruleID() string      { return r.id }
func (r countryRule) ruleID() string     { return r.id }
func (r memoryRule) ruleID() string      { return r.id }

// idsOf returns the IDs of a table's rules, in order.
func idsOf[R identified](rs []R) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ruleID()
	}
	return out
}

// ruleTables are the ordered rule tables of the stages, built by New.
type ruleTables struct {
	repairs      []repairRule
	sentences    []sentenceRule
	tokens       []tokenRule
	constraints  []constraintRule
	codes        []codeRule
	moodWords    []moodWordRule
	moodLinks    []moodLinkRule
	moodVerdicts []moodVerdictRule
	filters      []filterRule
	subjects     []subjectRule
	slots        []slotRule
	targets      []targetRule
	nominals     []nominalRule
	agentCountry []countryRule
	titleCountry []countryRule
	memory       []memoryRule
}

// newRuleTables builds the tables.
func newRuleTables() ruleTables {
	return ruleTables{
		repairs:      repairRules(),
		sentences:    sentenceRules(),
		tokens:       tokenRules(),
		constraints:  constraintRules(),
		codes:        codeRules(),
		moodWords:    moodWordRules(),
		moodLinks:    moodLinkRules(),
		moodVerdicts: moodVerdictRules(),
		filters:      filterRules(),
		subjects:     subjectRules(),
		slots:        slotRules(),
		targets:      targetRules(),
		nominals:     nominalRules(),
		agentCountry: agentCountryRules(),
		titleCountry: titleCountryRules(),
		memory:       memoryRules(),
	}
}

// recorder keeps the decisions of an article for Decide and writes the
// --explain trace. A nil recorder records nothing: CodeArticle pays for no
// bookkeeping.
type recorder struct {
	w         io.Writer // the trace; nil for none
	err       error
	decisions []dyad.Decision
}

// printf writes to the trace.
func (r *recorder) printf(format string, args ...any) {
	if r == nil || r.w == nil || r.err != nil {
		return
	}
	_, r.err = fmt.Fprintf(r.w, format, args...)
}

// add records a decision and returns its index.
func (r *recorder) add(d dyad.Decision) int {
	d.Stage = stageOf(d.Rule)
	r.decisions = append(r.decisions, d)
	return len(r.decisions) - 1
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func flagString(fs []dyad.Flag) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [")
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(f))
	}
	b.WriteByte(']')
	return b.String()
}
