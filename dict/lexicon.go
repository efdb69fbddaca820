package dict

import (
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The lexicon: the word classes the event coder's rules name, as data.
//
// A dictionary file may hold a `lexicon:` mapping from class name to its
// words. A plain class lists lemmas or phrases; a tagged class maps each
// tag (a CAMEO agent code, or CAMEO roots separated by spaces) to its
// words:
//
//	lexicon:
//	  speech_verbs: [say, tell, announce]
//	  agent_roles:
//	    MIL: [troop, soldier]
//	  event_anaphors:
//	    "18 19 20": [attack, bombing]
//
// Every class must be one of WordClasses. Words are lower-cased. A class
// defined in a directory laid over the defaults (--dict DIR) replaces the
// default class of that name whole: to add a word, list the class again
// with it.

// TagKind says what the tags of a tagged word class are.
type TagKind string

// The kinds of tags.
const (
	// TagNone: a plain class, a list of words.
	TagNone TagKind = ""
	// TagRole: each word is tagged with a CAMEO agent code (MIL, COP).
	TagRole TagKind = "role"
	// TagRoots: each word is tagged with CAMEO roots ("18 19 20").
	TagRoots TagKind = "roots"
)

// WordClass describes one word class of the lexicon.
type WordClass struct {
	// Name is the class's key in the lexicon ("speech_verbs").
	Name string
	// Tags says whether and how its words are tagged.
	Tags TagKind
	// Doc says what words the class holds and what the coder does with
	// them.
	Doc string
}

// WordClasses returns the word classes a lexicon holds, in name order.
// The coder's rules name these classes; a dictionary lacking one of them
// codes without it, and `dyad dict check` says so.
func WordClasses() []WordClass {
	cs := []WordClass{
		{"addressee_prepositions", TagNone, "prepositions that name whom an appeal is addressed to (appealed to donors): such an addressee that is no actor gives a null target"},
		{"agent_roles", TagRole, "agent nouns the dictionary's agents lack, by role: they give an actor's role when composed with a country"},
		{"agreement_verbs", TagNone, "verbs of agreeing: agreeing to stop firing is an agreed ceasefire; a compound subject agreeing to an act commits each party to the other"},
		{"aspect_heads", TagNone, "verbs whose infinitive complement is asserted as they are (began to, continued to)"},
		{"appeal_modals", TagNone, "modals and heads of obligation (should, need to) that make a clause a speaker reports an appeal to its subject"},
		{"attribution_prepositions", TagNone, "prepositions that attribute a report to its source (according to)"},
		{"audience_nouns", TagNone, "audiences of a statement that are not political actors (reporters, the press): a statement to them is no event"},
		{"backer_participles", TagNone, "participles of a hyphenated modifier that name a backer, not the owner (Iranian-backed)"},
		{"belief_verbs", TagNone, "verbs of belief, estimate and doubt: their clausal complement is not asserted"},
		{"blame_words", TagNone, "predicates of blame, as the word or its preposition (X is responsible for, X was behind the attack): what a speaker says so of an actor is an accusation"},
		{"wrongdoing_verbs", TagNone, "verbs of wrongdoing no pattern codes (X meddled in the vote, X rigged the count): what a speaker says another actor did so is an accusation"},
		{"onset_verbs", TagNone, "verbs by which an act of protest or force breaks out, its noun the subject (clashes erupted between A and B, protests broke out in the capital): the act happened"},
		{"persuasion_verbs", TagNone, "verbs of pressing someone to act (pushed the cabinet to deport the activist): the act pressed for is not asserted"},
		{"allegation_verbs", TagNone, "verbs of allegation (claimed Moscow was behind the fires): words of blame a speaker claims of another actor are an accusation"},
		{"claim_verbs", TagNone, "verbs by which a doer claims an act (the group claimed it shot an officer): a claim of responsibility, not the act"},
		{"occurrence_verbs", TagNone, "verbs that say an act happens, with the act's noun as subject (our demonstrations will continue, its raids will intensify): said of the future, a threat"},
		{"means_markers", TagNone, "markers of a participle that says how an act was done (violated the truce by shelling the town): the act itself, not its consequence"},
		{"decision_verbs", TagNone, "verbs of an authority's decision (decided to expel, voted to suspend): a sanction or coercion decided is done, not only intended"},
		{"harm_nouns", TagNone, "nouns of a harm one is blamed for, beside the event nouns (responsible for the deaths, behind the violence): blame, not praise"},
		{"countermeasure_nouns", TagNone, "nouns of a measure one side takes against another (measures, steps, action): with an escalation modifier and said of the future, a threat (would consider further measures against X)"},
		{"escalation_modifiers", TagNone, "adjectives that make measures an escalation (further, additional, tougher measures): with a countermeasure noun said of the future, a threat"},
		{"retaliation_nouns", TagNone, "nouns of an answer a speaker threatens (our response will be painful, there will be consequences for X): said of the future, a threat"},
		{"labelling_verbs", TagNone, "verbs that name a thing by a description (condemned what it called a coup, rejected what he described as interference): a free relative on one is the thing it names"},
		{"cleft_ordinals", TagNone, "ordinals of the focus of a cleft (it was the fourth month that ...): the that-clause is asserted"},
		{"capital_nouns", TagNone, "nouns of a state's capital: with a demonym (arrived in the Iraqi capital) the host of a visit is that state's government"},
		{"capital_place_prepositions", TagNone, "prepositions through which a government acts on its own capital's people (a curfew on Nairobi)"},
		{"carrier_negators", TagNone, "determiners and adjectives that negate a noun of willingness (little willingness, no intention)"},
		{"complement_prepositions", TagNone, "prepositions that introduce what an appeal, demand, threat or accusation is about (called for, accused of)"},
		{"conditional_auxiliaries", TagNone, "auxiliaries of a hypothetical (would): not asserted unless reported"},
		{"conditional_markers", TagNone, "subordinators of hypothetical clauses (if, unless)"},
		{"content_markers", TagNone, "markers of a clause that says what an accusation or criticism is for (accused X of violating)"},
		{"counterpart_nouns", TagNone, "nouns of the other side's equal (his Burundian counterpart): the possessor is not their country"},
		{"date_bound_fillers", TagNone, "words between a bounding word and its date (before the end of the month)"},
		{"date_bound_words", TagNone, "words that make a date a bound of the event rather than its date (since 2022, until May)"},
		{"prior_event_markers", TagNone, "subordinators of a clause that, measured from the story's event, tells an earlier one (a week after ten were killed): the story's one attacker is not its agent"},
		{"elapsed_time_nouns", TagNone, "units of elapsed time that measure the distance to an earlier event (three days after)"},
		{"definite_determiners", TagNone, "determiners of a definite description of an earlier event (the attack, these sanctions)"},
		{"state_nouns", TagNone, "nouns that describe a state (the kingdom, the Gulf state, the island nation): a definite one alone is the state named last"},
		{"casualty_verbs", TagNone, "verbs of dying and being hurt (were killed, were wounded): an agentless passive of one names victims, not an attack by someone unidentified"},
		{"ordering_verbs", TagNone, "verbs of command whose object names an act the authority thereby does (ordered the withdrawal of its troops, decreed the release of the prisoners)"},
		{"mass_quantities", TagNone, "words that count people en masse (dozens, scores, hundreds, thousands): victims so counted make a killing a mass killing"},
		{"mass_killing_verbs", TagNone, "verbs that are mass killing by themselves (massacre, slaughter), whatever the victims' number"},
		{"local_modifiers", TagNone, "modifiers that make a people named by its demonym the locals of where the story happens, not its namesake state's (ethnic Armenians in southern Georgia)"},
		{"domestic_roles", TagNone, "agent roles (CAMEO agent codes) of a state's domestic actors other than its government (OPP, COP, REB): an act of theirs aimed at no one named is aimed at their own state"},
		{"victim_nouns", TagNone, "nouns of people held or harmed (prisoners, hostages, civilians): unnamed, they never take the country of whoever holds or harms them"},
		{"conduct_nouns", TagNone, "nouns of an actor's conduct whose 'of' names who acted (the actions of the state, the decision of the court): condemning or criticising one targets that actor"},
		{"demand_modals", TagNone, "modals and heads of obligation (must, have to) that make a clause a speaker reports a demand on its subject"},
		{"denial_verbs", TagNone, "verbs whose gerund complement did not happen (denied supplying)"},
		{"document_nouns", TagNone, "statements and reports: as a subject they say, but do not travel, give or fight"},
		{"issuer_prepositions", TagNone, "prepositions, besides \"by\", of the issuer of a document (a statement from the ministry)"},
		{"compass_short_names", TagNone, "compass words that alone, capitalised and definite, name the state named before whose name begins with them (the North after North Korea)"},
		{"event_anaphors", TagRoots, "nouns of an act that a definite description refers back to, by the roots of the events they can name"},
		{"event_nouns", TagNone, "nouns of an event that name no actor (the invasion, the killing), beside the nominalised patterns"},
		{"force_place_prepositions", TagNone, "prepositions of where force was used (strikes across Gaza)"},
		{"future_auxiliaries", TagNone, "auxiliaries of the future (will, shall)"},
		{"future_bound_markers", TagNone, "subordinators of a clause still to come when in the present tense (before the president flies)"},
		{"future_speech_verbs", TagNone, "verbs besides the speech verbs that report a future as said (warned that ... would)"},
		{"gathering_nouns", TagNone, "meetings and occasions whose venue is not a party (a summit in Switzerland)"},
		{"group_head_nouns", TagNone, "nouns that a group noun before them makes an armed group (the paramilitary force, rebel fighters)"},
		{"mission_nouns", TagNone, "a state's diplomatic missions abroad, whose country a diplomat with no country of his own named in the same sentence takes (the ambassador, at the Swedish embassy)"},
		{"international_modifiers", TagNone, "modifiers that make an envoy, monitor or force with no country of its own one of an international organisation (an international envoy, multinational peacekeepers)"},
		{"collective_nouns", TagNone, "nouns of a body of people whose \"of\" names who they are (a force of 600 rebels, a band of gunmen): the body takes its members' role"},
		{"group_nouns", TagNone, "nouns that describe an armed group (the rebels, the militia): a definite one is the group named last"},
		{"group_pronouns", TagNone, "plural pronouns resolved to the last actor (they, their)"},
		{"habit_adverbs", TagNone, "adverbs that make a clause a habit, not an event (routinely)"},
		{"hedge_adverbs", TagNone, "adverbs that make a clause speculative (allegedly, possibly); not reportedly, which reports an event as fact"},
		{"hedge_heads_with_to", TagNone, "unasserting heads that hedge only with an infinitive (have to)"},
		{"implied_agents", TagRole, "verbs whose agentless passive has an agent the story makes clear (were arrested: the police of the country), by the agent's role"},
		{"leader_nouns", TagNone, "nouns of the leader of a group: a group modifier gives their role (rebel leaders)"},
		{"legal_prepositions", TagNone, "prepositions of a target slot through which a legal noun names whom it is aimed at (a warrant for the arrest of X)"},
		{"legal_nouns", TagNone, "legal acts whose of-complement names whom they are aimed at (a warrant for the arrest of X)"},
		{"locative_words", TagNone, "words right before a name that make it a place, not a party (in Iran, across Syria)"},
		{"military_strike_nouns", TagNone, "nouns of a strike that is military when a state, army or weapon strikes, not a labour strike"},
		{"modal_auxiliaries", TagNone, "modal auxiliaries that make a clause speculative (may, could, should)"},
		{"negators", TagNone, "adverbs and particles that negate a clause (not, never)"},
		{"noun_actor_prepositions", TagNone, "prepositions through which a noun that names no actor names one (the resignation of the minister)"},
		{"non_context_verbs", TagNone, "context words that are no context as verbs (called on, called for are no phone call)"},
		{"non_role_modifiers", TagNone, "adjectives that look like agents but name no role (a general strike)"},
		{"official_protest_words", TagNone, "protest words that are a diplomatic complaint when a government protests"},
		{"organisation_nouns", TagNone, "nouns that describe an international organisation (the bloc): a definite one is the organisation named last"},
		{"owner_prepositions", TagNone, "prepositions of a modifier that gives a noun its country or organisation (police in Lusaka, troops of the UN)"},
		{"ownership_prepositions", TagNone, "prepositions on the way from property to its owner (bases of the army, depots belonging to X)"},
		{"owning_verbs", TagNone, "participles that link property to whoever holds it (used by, belonging to)"},
		{"pair_nouns", TagNone, "nouns of a definite description of two parties (the two leaders, both sides)"},
		{"pair_party_nouns", TagNone, "pair nouns that name states or forces rather than people (both sides, the two countries)"},
		{"pair_quantifiers", TagNone, "words that make a plural noun two parties (two, both)"},
		{"pair_all_nouns", TagNone, "pair nouns that \"all\" makes the article's parties (all sides, all parties)"},
		{"pair_definite_nouns", TagNone, "pair nouns whose definite plural alone is the article's two parties (the neighbours)"},
		{"rival_modifiers", TagNone, "adjectives that make a plural noun the two sides of one state's conflict (Libya's rival governments)"},
		{"person_nouns", TagNone, "nouns of people who speak for the actor they belong to (spokesman, envoy, official)"},
		{"person_pronouns", TagNone, "pronouns of a person (he, her)"},
		{"phrasal_particles", TagNone, "particles that make a phrasal verb of a light verb (call off, hold up)"},
		{"place_prepositions", TagNone, "prepositions that name a place inside a noun phrase rather than its owner (a protest in Cairo)"},
		{"political_nouns", TagNone, "nouns of groups a state sends that are not agents of the dictionary (delegation, mission)"},
		{"population_nouns", TagNone, "people, places and property that force or coercion is used against"},
		{"pronouns", TagNone, "personal pronouns resolved against the sentence and the article"},
		{"pundit_nouns", TagNone, "speakers whose statements are assessments, not reports (analysts said)"},
		{"relative_pronouns", TagNone, "relative pronouns whose clause takes the noun it modifies as subject"},
		{"report_nouns", TagNone, "nouns of an account of an act rather than the act (reports of mass killings)"},
		{"schedule_heads", TagNone, "heads whose infinitive complement is a commitment (is due to, is set to)"},
		{"speaker_pronouns", TagNone, "pronouns of the speaker in a quotation (we, I, our)"},
		{"speech_verbs", TagNone, "verbs of saying: their clausal complement is a reported event"},
		{"stopping_verbs", TagNone, "verbs of stopping: what their complement names is stopped, not done"},
		{"strong_belief_verbs", TagNone, "verbs of belief that hedge what follows them even when the parse does not link them"},
		{"thing_pronouns", TagNone, "pronouns of a state, organisation or thing (it, its)"},
		{"title_place_prepositions", TagNone, "prepositions of a place inside a title's phrase that gives its country (the mayor of Nablus)"},
		{"topic_markers", TagNone, "markers of a gerund clause that is the topic of talks or statements (talks about reopening)"},
		{"unasserting_heads", TagNone, "heads whose infinitive complement is not asserted (expected to, tried to, urged to)"},
		{"venue_prepositions", TagNone, "prepositions of the place a meeting or event is held (in, at)"},
		{"weapon_words", TagNone, "words that make a strike military (missile strikes, air strikes)"},
	}
	cs = append(cs, patternClasses()...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	return cs
}

// patternClasses are the word classes that patterns name ("@class" in a
// match string, see Pattern) rather than the coder's rules: classes of
// light verbs and of the words a constraint accepts.
func patternClasses() []WordClass {
	return []WordClass{
		{"act_nouns", TagNone, "nouns of a party's act that others welcome or condemn (welcomed the decision, the signing): the party is the target"},
		{"attacking_verbs", TagNone, "light verbs of an armed attack (launch, mount, carry out an attack or offensive)"},
		{"building_nouns", TagNone, "buildings and compounds of government, power or diplomacy that crowds or forces storm (stormed the parliament, the embassy)"},
		{"diplomat_nouns", TagNone, "diplomats and a mission's staff whom a state expels or declares persona non grata"},
		{"explosive_nouns", TagNone, "bombs and explosive devices that are detonated, planted or set off"},
		{"relief_goods", TagNone, "goods of relief that are sent, delivered or handed out to people in need (sent meals, delivered blankets): humanitarian aid"},
		{"property_nouns", TagNone, "goods, weapons, vehicles and vessels that a party takes or carries off from another (took two trucks, captured the weapons): seizing property"},
		{"projectile_nouns", TagNone, "things thrown at people in a riot or an attack (hurled stones, threw petrol bombs)"},
		{"claim_nouns", TagNone, "nouns of an accusation or an account that a party denies or rejects (denied the allegations, the army's account): a denial"},
		{"condemnation_words", TagNone, "words of condemnation as a predicative complement (called the vote deplorable, described the raid as a crime): criticism"},
		{"expressing_verbs", TagNone, "light verbs of a stated attitude (express, voice, reiterate support, concern or hope)"},
		{"holding_verbs", TagNone, "light verbs of talks and negotiations (hold, have, open, resume talks)"},
		{"imposing_verbs", TagNone, "light verbs that put a penalty in force (impose, issue, slap sanctions or a ban)"},
		{"lifting_verbs", TagNone, "light verbs that take a penalty away (lift, ease, remove sanctions or an embargo)"},
		{"military_units", TagNone, "armed forces and weapons that a state moves, sends, deploys or masses (moved a squadron of jets): force posture"},
		{"praise_words", TagNone, "words of praise as a predicative complement (hailed the deal as historic, called the talks constructive): praise"},
	}
}

// PatternClasses returns the names of the word classes that patterns
// name rather than the coder's rules, in name order: the coder does not
// read them itself.
func PatternClasses() []string {
	var out []string
	for _, c := range patternClasses() {
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out
}

// wordClass returns the class called name.
func wordClass(name string) (WordClass, bool) {
	for _, c := range WordClasses() {
		if c.Name == name {
			return c, true
		}
	}
	return WordClass{}, false
}

// lexClass is one word class as read from a file.
type lexClass struct {
	name  string
	words []lexWord
	pos
}

// lexWord is one word of a class with its tags.
type lexWord struct {
	text string
	tags []string
	pos
}

// lexicon reads the value of a `lexicon:` key.
func (p *parser) lexicon(n *yaml.Node, src *entries) error {
	return p.mapping(n, func(k string, key, v *yaml.Node) error {
		c, err := p.lexClass(k, key, v)
		if err != nil {
			return err
		}
		src.lexicon = append(src.lexicon, c)
		return nil
	})
}

// lexClass reads one word class: a list of words, or for a tagged class a
// mapping of tags to lists of words.
func (p *parser) lexClass(name string, key, v *yaml.Node) (*lexClass, error) {
	wc, ok := wordClass(name)
	if !ok {
		return nil, p.errf(key, "unknown word class %q (see dict.WordClasses)", name)
	}
	c := &lexClass{name: name, pos: p.pos(key)}
	words := func(n *yaml.Node, tags []string) error {
		if n.Kind != yaml.SequenceNode && !isNull(n) {
			return p.errf(n, "word class %s: want a list of words, got %s", name, kindName(n))
		}
		return p.seq(n, func(w *yaml.Node) error {
			s, err := p.scalar(w, "word of "+name)
			if err != nil {
				return err
			}
			if len(s) > 64 {
				return p.errf(w, "word of %s %.20q... is too long", name, s)
			}
			c.words = append(c.words, lexWord{text: strings.ToLower(s), tags: tags, pos: p.pos(w)})
			return nil
		})
	}
	if wc.Tags == TagNone {
		return c, words(v, nil)
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, "word class %s: want a mapping of %s tags to words, got %s", name, wc.Tags, kindName(v))
	}
	err := p.mapping(v, func(tag string, tk, tv *yaml.Node) error {
		tags := strings.Fields(tag)
		if len(tags) == 0 {
			return p.errf(tk, "word class %s: empty tag", name)
		}
		for _, t := range tags {
			switch wc.Tags {
			case TagRole:
				if len(tags) != 1 || !isCode(t) {
					return p.errf(tk, "word class %s: bad role %q: want one CAMEO agent code (three upper-case letters)", name, tag)
				}
			case TagRoots:
				if len(t) != 2 || !isDigits(t) {
					return p.errf(tk, "word class %s: bad roots %q: want CAMEO roots (two digits) separated by spaces", name, tag)
				}
			}
		}
		return words(tv, tags)
	})
	return c, err
}

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// buildLexicon indexes the word classes: class -> word -> tags.
func buildLexicon(classes []*lexClass) map[string]map[string][]string {
	out := make(map[string]map[string][]string, len(classes))
	for _, c := range classes {
		ws := make(map[string][]string, len(c.words))
		for _, w := range c.words {
			ws[w.text] = append(ws[w.text], w.tags...)
		}
		out[c.name] = ws
	}
	return out
}

// Words returns the words of lexicon class name as a set the caller may
// keep and change. A class the dictionary lacks gives an empty set.
func (d *Dictionary) Words(class string) map[string]bool {
	out := map[string]bool{}
	if d == nil {
		return out
	}
	for w := range d.lexicon[class] {
		out[w] = true
	}
	return out
}

// TaggedWords returns the words of a tagged lexicon class with their tags
// (for agent_roles, each word's role; for event_anaphors, the roots it can
// name), as a map the caller may keep and change.
func (d *Dictionary) TaggedWords(class string) map[string][]string {
	out := map[string][]string{}
	if d == nil {
		return out
	}
	for w, tags := range d.lexicon[class] {
		out[w] = append([]string(nil), tags...)
	}
	return out
}
