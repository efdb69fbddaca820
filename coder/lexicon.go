package coder

import "github.com/dyad-events/dyad/dict"

// lexicon holds the word classes the coder's rules name, read from the
// dictionary's lexicon (dict/data/lexicon.yaml; dict.WordClasses says
// what each is for). A rule names a class, never a closed list of its
// own. It is built by New and never changed, so a Coder stays safe for
// concurrent use.
type lexicon struct {
	addresseePreps, agreementVerbs, aspect, attribution, audience, backers                                   set
	belief, capitalPlacePreps, carrierNeg, complementPreps, conditionalAux                                   set
	condMark, contentMarkers, counterparts, dateBoundFillers, dateBoundWords                                 set
	definite, denial, documents, eventNouns, forcePlacePreps, future                                         set
	futureBoundMarkers, futureSpeech, gathering, groupNouns, groupPronouns, habit                            set
	hedgeAdverbs, hedgeWithTo, leaders, legalNouns, locative, militaryStrike                                 set
	modal, negators, nounActorPreps, nonContextVerbs, nonRoleModifiers                                       set
	compassNames, issuerPreps, officialProtest, orgNouns, ownerPreps, ownershipPreps, owningVerbs, pairNouns set
	pairParties, pairQuantifiers, personNouns, personPronouns, particles                                     set
	placePreps, politicalNouns, population, pronouns, pundits, relativePronouns                              set
	reportNouns, schedule, speakerPronouns, speech, stopping, strongBelief                                   set
	thingPronouns, titlePlacePreps, topicMarkers, unasserting, venuePreps, weapons                           set
	groupHeads, legalPreps, conductNouns, victimNouns, stateNouns, casualtyVerbs                             set
	// priorEventMarkers subordinate a clause that, measured in the
	// elapsedTime units before them ("two weeks after"), tells an earlier
	// event (argument.one-attacker).
	priorEventMarkers, elapsedTime set
	// massQuantities count people en masse (hundreds); massKillingVerbs are
	// mass killing whatever the number (massacre).
	massQuantities, massKillingVerbs set
	// orderingVerbs command an act named by their object (ordered the
	// withdrawal).
	orderingVerbs set
	// domesticRoles are the agent roles of a state's domestic actors other
	// than its government (argument.domestic-default).
	domesticRoles set
	// localModifiers make a people named by its demonym the locals of
	// where the story happens (local Serbs).
	localModifiers set
	// diplomats are the diplomat_nouns; missions the mission_nouns
	// (actor.title-embassy).
	diplomats, missions set
	// blame and condemnation are the predicates of what a statement says
	// of an actor (complement.content-blame, .content-criticism).
	blame, condemnation set
	// wrongdoing verbs are acts a speaker blames another actor for
	// (complement.content-wrongdoing).
	wrongdoing set
	// expressing are the light verbs of a stated attitude (a class of the
	// patterns; filter.attitude-participle).
	expressing set
	// claimVerbs claim an act for its doer (mood.claimed-act).
	claimVerbs set
	// allegation verbs report words of blame as a speaker's accusation
	// (mood.alleged-content).
	allegation set
	// persuasion verbs press someone to act (mood.persuaded).
	persuasion set
	// occurrence verbs say that an act happens (complement.content-threat).
	occurrence set
	// onset verbs say that an act broke out (match.onset-noun).
	onset set
	// meansMarkers mark a participle that says how an act was done
	// (filter.consequence).
	meansMarkers set
	// decision verbs put what they decide in force
	// (complement.decided-act).
	decision set
	// harm nouns name what one is blamed for (complement.content-blame).
	harm set
	// retaliation nouns name an answer a speaker threatens
	// (complement.content-threat).
	retaliation set
	// countermeasure nouns with an escalation modifier name further
	// measures a speaker threatens (complement.content-threat).
	countermeasure, escalation set
	// ordinals make "it was the Nth time that" a cleft (mood.cleft).
	ordinals set
	// labelling verbs name a thing by a description ("what it called a
	// coup"): a free relative on one is the thing (actor.free-relative).
	labelling set
	// pairAll are pair nouns that "all" makes the article's parties (all
	// sides); pairDefinite those whose definite plural alone is (the
	// neighbours).
	pairAll, pairDefinite set
	// rivalModifiers make a plural noun the two sides of one state's
	// conflict (actor.rival-sides).
	rivalModifiers set
	// appealModals and demandModals are the modals and heads of obligation
	// that make a reported clause an appeal or a demand.
	appealModals, demandModals set
	// capitalNouns name a state's capital (the Iraqi capital).
	capitalNouns set
	// agentRoles maps agent nouns the dictionary lacks to their role.
	agentRoles map[string]string
	// impliedAgents maps verbs whose agentless passive has a clear agent
	// (arrest: the police) to that agent's role.
	impliedAgents map[string]string
	// eventAnaphors maps nouns of an act to the roots of the events they
	// can name.
	eventAnaphors map[string][]string
	// collectiveNouns name a body of people by its members (a force of
	// rebels); internationalModifiers make an envoy or force with no
	// country an international organisation's (actor.agent-international).
	collectiveNouns, internationalModifiers set
}

// set is a set of words.
type set map[string]bool

// plainClasses pairs each plain word class with the field that holds it.
func (lx *lexicon) plainClasses() []struct {
	name string
	set  *set
} {
	return []struct {
		name string
		set  *set
	}{
		{"addressee_prepositions", &lx.addresseePreps}, {"agreement_verbs", &lx.agreementVerbs},
		{"aspect_heads", &lx.aspect}, {"attribution_prepositions", &lx.attribution},
		{"audience_nouns", &lx.audience}, {"backer_participles", &lx.backers},
		{"belief_verbs", &lx.belief}, {"capital_place_prepositions", &lx.capitalPlacePreps},
		{"carrier_negators", &lx.carrierNeg}, {"complement_prepositions", &lx.complementPreps},
		{"conditional_auxiliaries", &lx.conditionalAux}, {"conditional_markers", &lx.condMark},
		{"content_markers", &lx.contentMarkers}, {"counterpart_nouns", &lx.counterparts},
		{"date_bound_fillers", &lx.dateBoundFillers}, {"date_bound_words", &lx.dateBoundWords},
		{"prior_event_markers", &lx.priorEventMarkers}, {"elapsed_time_nouns", &lx.elapsedTime},
		{"definite_determiners", &lx.definite}, {"denial_verbs", &lx.denial},
		{"document_nouns", &lx.documents}, {"issuer_prepositions", &lx.issuerPreps}, {"compass_short_names", &lx.compassNames}, {"event_nouns", &lx.eventNouns},
		{"force_place_prepositions", &lx.forcePlacePreps}, {"future_auxiliaries", &lx.future},
		{"future_bound_markers", &lx.futureBoundMarkers}, {"future_speech_verbs", &lx.futureSpeech},
		{"gathering_nouns", &lx.gathering}, {"group_nouns", &lx.groupNouns},
		{"group_pronouns", &lx.groupPronouns}, {"habit_adverbs", &lx.habit},
		{"hedge_adverbs", &lx.hedgeAdverbs}, {"hedge_heads_with_to", &lx.hedgeWithTo},
		{"leader_nouns", &lx.leaders}, {"legal_nouns", &lx.legalNouns},
		{"locative_words", &lx.locative}, {"military_strike_nouns", &lx.militaryStrike},
		{"modal_auxiliaries", &lx.modal}, {"negators", &lx.negators},
		{"noun_actor_prepositions", &lx.nounActorPreps}, {"non_context_verbs", &lx.nonContextVerbs},
		{"non_role_modifiers", &lx.nonRoleModifiers}, {"official_protest_words", &lx.officialProtest},
		{"organisation_nouns", &lx.orgNouns}, {"owner_prepositions", &lx.ownerPreps},
		{"ownership_prepositions", &lx.ownershipPreps}, {"owning_verbs", &lx.owningVerbs},
		{"pair_nouns", &lx.pairNouns}, {"pair_party_nouns", &lx.pairParties},
		{"pair_quantifiers", &lx.pairQuantifiers}, {"person_nouns", &lx.personNouns},
		{"person_pronouns", &lx.personPronouns}, {"phrasal_particles", &lx.particles},
		{"place_prepositions", &lx.placePreps}, {"political_nouns", &lx.politicalNouns},
		{"population_nouns", &lx.population}, {"pronouns", &lx.pronouns},
		{"pundit_nouns", &lx.pundits}, {"relative_pronouns", &lx.relativePronouns},
		{"report_nouns", &lx.reportNouns}, {"schedule_heads", &lx.schedule},
		{"speaker_pronouns", &lx.speakerPronouns}, {"speech_verbs", &lx.speech},
		{"stopping_verbs", &lx.stopping}, {"strong_belief_verbs", &lx.strongBelief},
		{"thing_pronouns", &lx.thingPronouns}, {"title_place_prepositions", &lx.titlePlacePreps},
		{"topic_markers", &lx.topicMarkers}, {"unasserting_heads", &lx.unasserting},
		{"venue_prepositions", &lx.venuePreps}, {"weapon_words", &lx.weapons},
		{"group_head_nouns", &lx.groupHeads}, {"legal_prepositions", &lx.legalPreps},
		{"conduct_nouns", &lx.conductNouns}, {"victim_nouns", &lx.victimNouns},
		{"casualty_verbs", &lx.casualtyVerbs}, {"mass_quantities", &lx.massQuantities},
		{"mass_killing_verbs", &lx.massKillingVerbs}, {"ordering_verbs", &lx.orderingVerbs},
		{"state_nouns", &lx.stateNouns},
		{"pair_all_nouns", &lx.pairAll}, {"pair_definite_nouns", &lx.pairDefinite},
		{"rival_modifiers", &lx.rivalModifiers},
		{"appeal_modals", &lx.appealModals}, {"demand_modals", &lx.demandModals},
		{"capital_nouns", &lx.capitalNouns},
		{"domestic_roles", &lx.domesticRoles}, {"local_modifiers", &lx.localModifiers},
		{"blame_words", &lx.blame}, {"claim_verbs", &lx.claimVerbs},
		{"wrongdoing_verbs", &lx.wrongdoing},
		{"allegation_verbs", &lx.allegation}, {"persuasion_verbs", &lx.persuasion},
		{"occurrence_verbs", &lx.occurrence}, {"onset_verbs", &lx.onset}, {"means_markers", &lx.meansMarkers},
		{"decision_verbs", &lx.decision}, {"harm_nouns", &lx.harm},
		{"retaliation_nouns", &lx.retaliation}, {"cleft_ordinals", &lx.ordinals},
		{"countermeasure_nouns", &lx.countermeasure}, {"escalation_modifiers", &lx.escalation},
		{"labelling_verbs", &lx.labelling},
		{"collective_nouns", &lx.collectiveNouns}, {"international_modifiers", &lx.internationalModifiers},
		{"mission_nouns", &lx.missions},
	}
}

// newLexicon reads the word classes of d; a nil d gives empty classes.
func newLexicon(d *dict.Dictionary) *lexicon {
	lx := &lexicon{agentRoles: map[string]string{}, impliedAgents: map[string]string{}}
	for _, c := range lx.plainClasses() {
		*c.set = d.Words(c.name)
	}
	for w, tags := range d.TaggedWords("agent_roles") {
		if len(tags) > 0 {
			lx.agentRoles[w] = tags[0]
		}
	}
	for w, tags := range d.TaggedWords("implied_agents") {
		if len(tags) > 0 {
			lx.impliedAgents[w] = tags[0]
		}
	}
	lx.eventAnaphors = d.TaggedWords("event_anaphors")
	// a class of the patterns (111 "call X deplorable") that the content
	// rules read too (complement.content-criticism)
	lx.condemnation = d.Words("condemnation_words")
	// (and the light verbs of a stated attitude, for
	// filter.attitude-participle)
	lx.expressing = d.Words("expressing_verbs")
	// (and the diplomats of the patterns, for actor.title-embassy)
	lx.diplomats = d.Words("diplomat_nouns")
	return lx
}
