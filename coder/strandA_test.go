package coder

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// TestArticleActorRules codes short invented articles and checks, for one
// event of a later sentence, the actor rule that resolved its source or
// target, its codes, and the provenance an inferred or provisional actor
// leaves on the event (FlagInferred with the sentence it came from,
// FlagProvisional).
func TestArticleActorRules(t *testing.T) {
	c := testRealCoder(t)
	for _, tc := range []struct {
		name, text string
		sent       int    // the sentence of the event
		root       string // the event's root
		src, tgt   string // its codes
		rule       string // the actor rule of the source (or, with onTarget, the target)
		onTarget   bool
		flags      []dyad.Flag // flags the event must carry
		from       []int       // its InferredFrom
	}{
		{
			name: "surname of a minister named with a title and demonym",
			text: "Swedish Finance Minister Tomas Berglund arrived in Oslo on Monday. Berglund criticised Norway on Tuesday over its fishing quotas.",
			sent: 1, root: "11", src: "SWE", tgt: "NOR", rule: ruleArticleName,
			flags: []dyad.Flag{dyad.FlagInferred, dyad.FlagProvisional}, from: []int{0},
		},
		{
			name: "title before an unknown name",
			text: "Swedish Finance Minister Tomas Berglund arrived in Oslo on Monday.",
			sent: 0, root: "04", src: "SWE", tgt: "NOR", rule: ruleDescribedName,
			flags: []dyad.Flag{dyad.FlagProvisional},
		},
		{
			name: "group described in apposition",
			text: "The Sahel Freedom Front (SFF), a Malian rebel group, attacked a military convoy near Gao on Sunday.",
			sent: 0, root: "19", src: "MLI", tgt: "MLI", rule: ruleDescribedName,
			flags: []dyad.Flag{dyad.FlagProvisional},
		},
		{
			name: "acronym of a described group",
			text: "The Sahel Freedom Front (SFF), a Malian rebel group, attacked a military convoy near Gao on Sunday. The SFF later threatened the police in Gao with new attacks.",
			sent: 1, root: "13", src: "MLI", tgt: "MLI", rule: ruleArticleName,
			flags: []dyad.Flag{dyad.FlagInferred, dyad.FlagProvisional}, from: []int{0},
		},
		{
			name: "bloc with describing words",
			text: "ECOWAS leaders met in Abuja on Monday to discuss the crisis in Guinea. The 15-nation West African bloc urged the Guinean junta to hold elections within a year.",
			sent: 1, root: "02", src: "IGO", tgt: "GIN", rule: ruleBloc,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the court is the international court named before",
			text: "The International Criminal Court opened a case against a Libyan militia commander on Monday. The court's chief prosecutor, Anna Weber, asked Libya on Tuesday to hand him over.",
			sent: 1, root: "02", src: "IGO", tgt: "LBY", rule: ruleModifier,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the tribunal: an agent noun of the role of the court named before",
			text: "The International Criminal Court opened a case against a Libyan militia commander on Monday. The tribunal also asked Libya on Tuesday to hand him over.",
			sent: 1, root: "02", src: "IGO", tgt: "LBY", rule: ruleOrgDesc,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the doer of a condemned act named by its demonym",
			text: "Poland condemned the Russian invasion in a statement on Friday.",
			sent: 0, root: "11", src: "POL", tgt: "RUS", rule: ruleEventDoer, onTarget: true,
		},
		{
			name: "the doer of a condemned act named by its of-complement",
			text: "Germany condemned the actions of the Serbian government on Friday.",
			sent: 0, root: "11", src: "DEU", tgt: "SRB", rule: ruleConductOf, onTarget: true,
		},
		{
			name: "the council members after the council's name",
			text: "The UN Security Council met on Haiti on Monday. The council members urged the Haitian government to hold elections.",
			sent: 1, root: "02", src: "IGO", tgt: "HTI", rule: ruleNameHead,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "a quotation that goes on is its speaker's",
			text: "\"This is a sad day for our country,\" opposition leader Amina Diallo told reporters in Conakry on Monday. \"We call on the electoral commission of Guinea to cancel the results.\"",
			sent: 1, root: "02", src: "GIN", tgt: "GIN", rule: rulePronounSpeaker,
			flags: []dyad.Flag{dyad.FlagInferred, dyad.FlagProvisional}, from: []int{0},
		},
		{
			name: "we in a quotation attributed to he, the minister named in a sentence without events",
			text: "Kenyan Interior Minister Peter Ochieng was in Kisumu on Monday. \"We arrested twelve suspects in the attack,\" he said.",
			sent: 1, root: "17", src: "KEN", tgt: "KEN", rule: rulePronounSpeaker,
			flags: []dyad.Flag{dyad.FlagInferred, dyad.FlagProvisional}, from: []int{0},
		},
		{
			name: "a pledge for the country the story gave aid to, not an earlier donor",
			text: "A strong earthquake struck western Nepal on Saturday, killing dozens of people. Britain sent $2 million in emergency aid to Nepal on Sunday. Norway pledged $3 million on Monday.",
			sent: 2, root: "03", src: "NOR", tgt: "NPL", rule: ruleContextRecipient, onTarget: true,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{1},
		},
		{
			name: "aid for the state the story named, not the donor named before",
			text: "Floods swept through northern Bangladesh on Friday. India sent food aid on Saturday.",
			sent: 1, root: "07", src: "IND", tgt: "BGD", rule: ruleContextRecipient, onTarget: true,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "unnamed people detained abroad are of the place, not the soldiers' state",
			text: "Russian soldiers detained a dozen civilians in Kherson on Monday.",
			sent: 0, root: "17", src: "RUS", tgt: "UKR", rule: ruleForceVictims, onTarget: true,
		},
		{
			name: "police with no country in the sentence are of the dateline before the story's last state",
			text: "NAIROBI, March 9 (Reuters) - Somalia and Ethiopia signed a trade deal on Friday. Police arrested dozens of protesters on Saturday.",
			sent: 2, root: "17", src: "KEN", tgt: "KEN", rule: ruleAgentDateline,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "prisoners freed are the other party's, not their captor's",
			text: "Armenia freed four Azerbaijani soldiers on Tuesday, and Azerbaijani forces released dozens of captives in exchange.",
			sent: 0, root: "08", src: "AZE", tgt: "ARM", rule: ruleVictimCountry, onTarget: true,
		},
		{
			name: "civilians harmed are the accuser's, not the army's",
			text: "Yemen accused Britain of bombing a market, and the British military acknowledged harming civilians.",
			sent: 0, root: "01", src: "GBR", tgt: "YEM", rule: ruleVictimCountry, onTarget: true,
		},
		{
			name: "the agency with its seat is the agency named before, not its host",
			text: "The International Atomic Energy Agency inspected the plant on Monday. The Vienna-based agency criticised Iran on Tuesday.",
			sent: 1, root: "11", src: "IGO", tgt: "IRN", rule: ruleNameHead,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the kingdom is the state last named as a subject, not a topic",
			text: "Saudi Arabia hosted talks on Yemen on Monday. The kingdom criticised Iran on Tuesday.",
			sent: 1, root: "11", src: "SAU", tgt: "IRN", rule: ruleStateDesc,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the island nation",
			text: "Sri Lanka rejected the report on Monday. The island nation accused India of interference.",
			sent: 1, root: "11", src: "LKA", tgt: "IND", rule: ruleStateDesc,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "two countries resolved from the sentence before",
			text: "Chinese Foreign Minister Wang Yi met Pakistani Foreign Minister Ishaq Dar in Beijing on Monday. The two countries decided to expand trade.",
			sent: 1, root: "03", src: "CHN", tgt: "PAK", rule: rulePair,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the neighbours are the two states named before",
			text: "Armenia and Azerbaijan exchanged fire on Thursday. The neighbours also agreed to withdraw forces.",
			sent: 1, root: "03", src: "ARM", tgt: "AZE", rule: rulePair,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "all sides are the two parties, not the organisation that urges them",
			text: "Armenia and Azerbaijan exchanged fire on Thursday. The European Union urged all sides to respect the ceasefire.",
			sent: 1, root: "02", src: "IGO", tgt: "AZE", rule: rulePair, onTarget: true,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0},
		},
		{
			name: "the two countries are states, not the envoy of an organisation named since",
			text: "Kyrgyzstan and Tajikistan exchanged fire on Thursday. UN chief Antonio Guterres spoke with the Kyrgyz president on Friday. The two countries agreed to withdraw forces.",
			sent: 2, root: "03", src: "TJK", tgt: "KGZ", rule: rulePair,
			flags: []dyad.Flag{dyad.FlagInferred}, from: []int{0, 1},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			art := &dyad.Article{ID: "a", Text: tc.text, Published: time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)}
			evs, ds, err := c.Decide(context.Background(), art)
			if err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, d := range ds {
				if d.Sentence != tc.sent || d.Verdict != dyad.VerdictFired {
					continue
				}
				for _, de := range d.Events {
					if de.Dropped != "" || de.Source.Code != tc.src || de.Target.Code != tc.tgt || de.Code[:2] != tc.root {
						continue
					}
					r := de.SourceActor
					if tc.onTarget {
						r = de.TargetActor
					}
					rules = append(rules, r)
				}
			}
			if !slices.Contains(rules, tc.rule) {
				t.Fatalf("no %s %s->%s event of sentence %d resolved by %s (rules %v); decisions:\n%s", tc.root, tc.src, tc.tgt, tc.sent, tc.rule, rules, decisionDump(ds))
			}
			for _, e := range evs {
				p := e.Provenance
				if p.Sentence != tc.sent || e.Source.Code != tc.src || e.Target.Code != tc.tgt || e.Root != tc.root || p.HasFlag(dyad.FlagMirror) {
					continue
				}
				for _, f := range tc.flags {
					if !p.HasFlag(f) {
						t.Errorf("event %s %s->%s: flags %v, want %s", e.Code, e.Source.Code, e.Target.Code, p.Flags, f)
					}
				}
				if !slices.Equal(p.InferredFrom, tc.from) {
					t.Errorf("event %s %s->%s: inferred from %v, want %v", e.Code, e.Source.Code, e.Target.Code, p.InferredFrom, tc.from)
				}
				return
			}
			t.Errorf("no event %s->%s root %s in sentence %d", tc.src, tc.tgt, tc.root, tc.sent)
		})
	}
}

// decisionDump prints the fired events of decisions, for a failure.
func decisionDump(ds []dyad.Decision) string {
	s := ""
	for _, d := range ds {
		for _, e := range d.Events {
			s += fmt.Sprintf("  [%d] %s %s %s->%s source %s target %s\n", d.Sentence, d.PatternID, e.Code, e.Source.Code, e.Target.Code, e.SourceActor, e.TargetActor)
		}
	}
	return s
}
