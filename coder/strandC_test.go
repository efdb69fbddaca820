package coder

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// decidedBy reports whether rule took part in one of the decisions: it
// decided a candidate, acted on one as a step, or found an event's actor
// or convention.
func decidedBy(ds []dyad.Decision, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
		for _, st := range d.Steps {
			if strings.HasPrefix(st, rule+":") {
				return true
			}
		}
		for _, e := range d.Events {
			if e.SourceRule == rule || e.TargetRule == rule || e.SourceActor == rule || e.TargetActor == rule || e.Convention == rule {
				return true
			}
		}
	}
	return false
}

// eventKeys lists events as "SRC->TGT CODE", sorted.
func eventKeys(evs []dyad.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, fmt.Sprintf("%s->%s %s", e.Source.Code, e.Target.Code, e.Code))
	}
	slices.Sort(out)
	return out
}

// TestMoodFilterRulesC runs one invented sentence per rule of the moods,
// filters and sourcing (strand C of issue 14) through the real coder and
// checks that the rule took part and which events came out.
func TestMoodFilterRulesC(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct {
		rule, text string
		want       []string
	}{
		{ruleObligationModal, "The Egyptian foreign minister said Ethiopia must withdraw its troops from the border.",
			[]string{"EGY->ETH 1056"}},
		{ruleObligation, "Kenyan President William Ruto said Somalia should release the detained fishermen.",
			[]string{"KEN->SOM 0253"}},
		{"mood.obligation-head", "The Egyptian foreign minister said Ethiopia has to withdraw its troops from the border.",
			[]string{"EGY->ETH 1056"}},
		// an obligation on the speaker's own side asks no one
		{ruleObligation, "The Sudanese army said it must withdraw its troops from the disputed town.", nil},
		// an obligation no one reports is only a possibility
		{ruleModal, "Eritrea must withdraw its troops from the border.", nil},
		{ruleImpliedAuthority, "Three opposition activists were arrested in Nairobi on Tuesday.",
			[]string{"KEN->KEN 173"}},
		// no place: the reporting state, else the story's country
		{ruleImpliedAuthority, "Ugandan police said 40 opposition supporters had been arrested on Sunday.",
			[]string{"UGA->UGA 173"}},
		{ruleImpliedAuthority, "Kenyan police fired tear gas at protesters in Nairobi on Tuesday. Twelve protesters were arrested.",
			[]string{"KEN->KEN 173", "KEN->KEN 175"}},
		// a relative clause describes its noun: no agent is implied
		{ruleAgentless, "A Somali reporter who had been detained in Nairobi left the country on Friday.", nil},
		{ruleOneAttacker, "Ugandan troops shelled rebel positions near Gulu on Sunday.\n\nA second rebel camp was shelled on Monday.",
			[]string{"UGA->UGA 194", "UGA->UGA 194"}},
		// an attribution after the comma that the parse hung on the clause
		// reports it
		{"repair.trailing-attribution", "Tajikistan should immediately release blogger Rustam Nazarov, Human Rights Watch said today.",
			[]string{"NGO->TJK 0253"}},
		// how an attributed account reached the reporter is no consultation
		{"filter.attribution-clause", "Kenyan police detained two reporters in Mombasa on Friday, according to the newspaper's editor, who spoke to Human Rights Watch by phone.",
			[]string{"KEN->KEN 173"}},
		// a relative clause the parse took for a complement is about the
		// noun before its pronoun, not an actor the article named
		{ruleNoSource, "Ugandan troops shelled a rebel camp near Gulu on Friday.\n\nLocal monitors recorded new unrest on Sunday that killed nine people.",
			[]string{"UGA->UGA 194"}},
		// "reportedly" reports an event as fact; "allegedly" hedges it
		{"mood.asserted", "Kenyan police reportedly fired tear gas at opposition supporters in Nairobi on Tuesday.",
			[]string{"KEN->KEN 175"}},
		{"mood.hedge-adverb", "Kenyan police allegedly fired tear gas at opposition supporters in Nairobi on Tuesday.", nil},
		// an attacker no one names is of the country where it happened
		// (convention 7)
		{ruleUnknownAttacker, "Two mortar rounds were fired at the Kenyan embassy in Mogadishu on Friday.",
			[]string{"SOM->KEN 194"}},
		// victims named with no attack
		{ruleAgentless, "Five Kenyan soldiers were killed in Somalia on Friday.", nil},
		// an attacker only inferred leaves the one the story names alone
		{ruleOneAttacker, "Rockets were fired at a Turkish military base in northern Iraq on Sunday.\n\nPKK militants attacked a Turkish border post on Monday.\n\nA second Turkish post was shelled on Tuesday.",
			[]string{"IRQ->TUR 194", "TUR->TUR 190", "TUR->TUR 194"}},
		{"argument.document-issuer", "The Arab League passed a resolution calling on Israel to halt its strikes.",
			[]string{"IGO->ISR 0256"}},
		{"argument.document-issuer", "The Kenyan foreign ministry issued a statement condemning the Ugandan raid.",
			[]string{"KEN->UGA 111"}},
		// a document no one is said to issue acts for no one
		{ruleNoSource, "A report accusing the Ugandan army of abuses was published on Monday.", nil},
		{ruleLinked, "Kenya's foreign minister arrived in the Tanzanian capital on Monday for talks on trade.",
			[]string{"KEN->TZA 042", "TZA->KEN 043"}},
		// the capital makes the host political, not the visitor
		{"filter.visit-political", "The Dutch orchestra arrived in the Kenyan capital on Friday.", nil},
		{"filter.event-subject", "Talks between Ethiopia and Egypt continued in Cairo on Tuesday.", nil},
		// talks held are the event, the noun the object of its light verb
		{"convention.mutual", "Ethiopia held talks with Egypt in Cairo on Tuesday.", []string{"EGY->ETH 046", "ETH->EGY 046"}},
		{"filter.audience", "A Ugandan official, speaking to reporters in Kampala, said Rwanda had shelled the border town.",
			[]string{"RWA->RWA 194"}},
		// a call between two actors is no statement to the press
		{"convention.mutual", "The Kenyan foreign minister, who spoke to the Somali president by phone, said the border would reopen.",
			[]string{"KEN->SOM 041", "SOM->KEN 041"}},
		{"actor.quote-attribution", `"The Kenyan army attacked us at dawn. We are still fighting," a Somali rebel commander told reporters on Monday.`,
			[]string{"KEN->SOM 190"}},
		{ruleQuoteSpeaker, `"The Kenyan army attacked us at dawn. We are still fighting," a Somali rebel commander told reporters on Monday.`,
			[]string{"KEN->SOM 190"}},
		// a quotation no one is said to speak: "us" is no one
		{ruleNoTarget, `"The Kenyan army attacked us at dawn. We are still fighting in the hills."`, nil},
		// two bodies of one code and role are two actors (the self-dyad
		// filters drop only an actor acting on itself)
		{"argument.target-slot", "M23 rebels attacked Mai-Mai militiamen near Goma.", []string{"COD->COD 190"}},
		{"argument.target-slot", "The African Union praised ECOWAS for its mediation in Niger.", []string{"IGO->IGO 051"}},
		// a body and its own pronoun are one
		{ruleNoTarget, "Fighters of the Lord's Resistance Army laid down their weapons near Gulu.", nil},
		// (the protests said to resume are the opposition's threat, 133:
		// mood.threatened-act)
		{"repair.speech-participle", "The Zambian opposition leader announced on Friday that the marches would start again next week, accusing the cabinet of broken promises.",
			[]string{"ZMB->ZMB 112", "ZMB->ZMB 133"}},
		// a participle that is no speech act stays with its clause
		{ruleNoTarget, "The Ethiopian minister said the army would withdraw from the town, leaving it to the Eritrean troops.", nil},
		// two attackers in the story: the passive's agent is not clear
		{ruleAgentless, "Ethiopian troops shelled rebel positions near Gondar on Sunday, and Eritrean forces attacked a border post.\n\nA second rebel camp was shelled on Monday.",
			[]string{"ERI->ERI 190", "ETH->ETH 194"}},
	}
	date := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for i, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			art := &dyad.Article{ID: fmt.Sprintf("C%d", i), Text: tt.text, Published: date}
			evs, ds, err := c.Decide(context.Background(), art)
			if err != nil {
				t.Fatal(err)
			}
			if !decidedBy(ds, tt.rule) {
				t.Errorf("%q: rule %s took no part", tt.text, tt.rule)
			}
			if got := eventKeys(evs); !slices.Equal(got, tt.want) {
				t.Errorf("%q: events %v, want %v", tt.text, got, tt.want)
			}
			if tt.rule != ruleImpliedAuthority && tt.rule != ruleOneAttacker && tt.rule != ruleUnknownAttacker {
				return
			}
			for _, d := range ds {
				for _, e := range d.Events {
					if e.SourceRule == tt.rule && !slices.ContainsFunc(evs, func(ev dyad.Event) bool {
						return ev.Code == e.Code && slices.Contains(ev.Provenance.Flags, dyad.FlagInferred)
					}) {
						t.Errorf("%q: the event of %s is not flagged %q", tt.text, tt.rule, dyad.FlagInferred)
					}
				}
			}
		})
	}
}

// TestReporterC checks that reported speech keeps who reported it in the
// event's provenance: a speaker, "according to", a quotation attributed in
// the next sentence.
func TestReporterC(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct{ text, reporter string }{
		{"Somali militants attacked a village near Lamu on Monday, according to the Kenyan police.", "KEN"},
		{"According to the Kenyan police, Somali militants attacked a village near Lamu on Monday.", "KEN"},
		{"The Ethiopian foreign minister said Eritrean troops had shelled a border town.", "ETH"},
		{`"The Kenyan army attacked us at dawn. We are still fighting," a Somali rebel commander told reporters on Monday.`, "SOM"},
		{"Somali militants attacked a village near Lamu on Monday.", ""},
	}
	date := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for i, tt := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: fmt.Sprintf("R%d", i), Text: tt.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		got := ""
		if rb := evs[0].Provenance.ReportedBy; rb != nil {
			got = rb.Code
		}
		if got != tt.reporter || (got != "") != slices.Contains(evs[0].Provenance.Flags, dyad.FlagReported) {
			t.Errorf("%q: reported by %q (flags %v), want %q", tt.text, got, evs[0].Provenance.Flags, tt.reporter)
		}
	}
}

// TestImpliedAgentFromC checks that an agent inferred for an agentless
// arrest names the sentence it was inferred from: the sentence itself for
// a place in it, the sentence that named the story's country otherwise.
func TestImpliedAgentFromC(t *testing.T) {
	c := testRealCoder(t)
	tests := []struct {
		text string
		from int
	}{
		{"Three opposition activists were arrested in Nairobi on Tuesday.", 0},
		{"Kenyan police fired tear gas at protesters in Nairobi on Tuesday. Twelve protesters were arrested.", 0},
		{"Kenyan police fired tear gas at protesters in Nairobi on Tuesday. The rally ended at dusk. Twelve protesters were arrested.", 0},
		{"The rally in Nairobi ended at dusk. Kenyan police fired tear gas at protesters on Tuesday. Twelve protesters were arrested.", 1},
	}
	date := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	for i, tt := range tests {
		evs, err := c.CodeArticle(context.Background(), &dyad.Article{ID: fmt.Sprintf("I%d", i), Text: tt.text, Published: date})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range evs {
			if e.Code != "173" {
				continue
			}
			found = true
			if !slices.Equal(e.Provenance.InferredFrom, []int{tt.from}) {
				t.Errorf("%q: inferred from %v, want [%d]", tt.text, e.Provenance.InferredFrom, tt.from)
			}
		}
		if !found {
			t.Errorf("%q: no arrest coded", tt.text)
		}
	}
}
