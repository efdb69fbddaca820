package dyad

// Verdict is what the event coder decided about a candidate event.
type Verdict string

// The verdicts.
const (
	// VerdictFired: the candidate was coded; Decision.Events holds what it
	// gave.
	VerdictFired Verdict = "fired"
	// VerdictSuppressed: the pattern matched but a rule stopped it (a
	// negation, a filter, a complement, no target actor).
	VerdictSuppressed Verdict = "suppressed"
	// VerdictNoMatch: the pattern's constraints failed at the trigger (no
	// light verb, a forbidden dependent), or the word cannot trigger an
	// event there at all (it is part of a name).
	VerdictNoMatch Verdict = "no match"
	// VerdictOutranked: the pattern matched, but a better pattern at the
	// same trigger was chosen.
	VerdictOutranked Verdict = "outranked"
	// VerdictSkipped: the whole sentence was skipped (too long, a
	// question); the decision has no pattern.
	VerdictSkipped Verdict = "skipped"
	// VerdictRepaired: the coder mended the sentence's parse before
	// matching (a verb tagged as an adjective); the decision has no
	// pattern.
	VerdictRepaired Verdict = "repaired"
)

// Decision records what the event coder decided about one candidate — a
// pattern at a trigger word of a sentence — and which rule decided it: the
// rule that suppressed it, or, for a candidate that fired, the rules that
// chose each event's source and target. Rule IDs are "stage.name"
// ("mood.negation", "filter.topic", "actor.pronoun-article"). Decisions make
// the coder inspectable: `dyad code --explain` prints them and `dyad eval
// --errors` groups a gold file's errors by them.
type Decision struct {
	// ArticleID and Sentence say where: the article and the sentence's
	// index in it (0-based, as Provenance.Sentence).
	ArticleID string `json:"article_id"`
	Sentence  int    `json:"sentence"`
	// PatternID is the dictionary pattern tried; empty for a decision
	// about the whole sentence.
	PatternID string `json:"pattern_id,omitempty"`
	// Code is the candidate's CAMEO code when it was decided: the code
	// coded for a fired candidate, else the pattern's code or what the
	// stages had made of it.
	Code string `json:"code,omitempty"`
	// Trigger is the byte span of the trigger word in the article, Word
	// its text.
	Trigger Span   `json:"trigger"`
	Word    string `json:"word,omitempty"`
	// Stage and Rule name the rule that decided: Stage is the part of
	// Rule before the dot.
	Stage string `json:"stage"`
	Rule  string `json:"rule"`
	// Verdict is what was decided, Why says it in words.
	Verdict Verdict `json:"verdict"`
	Why     string  `json:"why,omitempty"`
	// Steps are the other rules that acted on the candidate on its way, in
	// order, each with what it did ("match.refine: 070 -> 073").
	Steps []string `json:"steps,omitempty"`
	// Events are the events a fired candidate gave, dropped ones
	// included.
	Events []DecisionEvent `json:"events,omitempty"`
}

// DecisionEvent is one event a fired candidate gave, with the rules that
// chose its actors.
type DecisionEvent struct {
	// Code, Source and Target are the event's.
	Code   string `json:"code"`
	Source Actor  `json:"source"`
	Target Actor  `json:"target"`
	// SourceRule and TargetRule name the argument rule that found the
	// words of each side ("argument.subject", "argument.target-slot");
	// SourceActor and TargetActor the actor rule that resolved those words
	// ("actor.dictionary", "actor.pronoun-article"). They are empty for an
	// absent target.
	SourceRule  string `json:"source_rule,omitempty"`
	SourceActor string `json:"source_actor,omitempty"`
	TargetRule  string `json:"target_rule,omitempty"`
	TargetActor string `json:"target_actor,omitempty"`
	// Convention names the convention that made this event beside the
	// one stated ("convention.mutual" for the reverse of a reciprocal
	// act, "convention.linked" for the host of a visit); empty for the
	// event as stated.
	Convention string `json:"convention,omitempty"`
	// Dropped names the convention rule that dropped the event after it
	// was made (a meeting inside stated talks, the same act of one
	// government twice); empty for an event that was coded.
	Dropped string `json:"dropped,omitempty"`
}
