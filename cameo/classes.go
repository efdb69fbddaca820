package cameo

import "strings"

// Class is a named set of CAMEO codes that coding conventions treat alike:
// a root ("the threats", 13), a union of roots ("force", 18-20) or roots
// and codes under them ("sanctions", 16 and 171). The event coder's rules
// name classes rather than spell out roots, so what "force" covers is said
// once, here.
type Class int

// The classes. Each lists its roots and codes in Prefixes.
const (
	// Statements: make a public statement (root 01).
	Statements Class = iota + 1
	// Appeals: appeal for something (root 02).
	Appeals
	// Intents: express an intent to cooperate (root 03).
	Intents
	// Investigations: investigate (root 09).
	Investigations
	// Demands: demand (root 10).
	Demands
	// Disapprovals: disapprove, criticise, accuse (root 11).
	Disapprovals
	// Rejections: reject (root 12).
	Rejections
	// Protests: protest, demonstrate, strike (root 14).
	Protests
	// ReducedRelations: reduce relations: sanctions, ties cut, expulsions
	// (root 16).
	ReducedRelations
	// Fights: fight with conventional military force (root 19).
	Fights
	// MassViolence: use unconventional mass violence (root 20).
	MassViolence
	// Force: assault, fight and mass violence (roots 18-20): what is done
	// to people where they are.
	Force
	// Sanctions: the acts that sanction a party: reduced relations (16)
	// and the seizure or freezing of property (171).
	Sanctions
	// CooperativeActs: consult, cooperate diplomatically or materially,
	// give aid, yield (roots 04-08): acts that a future tense commits to
	// and a negated future refuses.
	CooperativeActs
	// HostileActs: exhibit force, reduce relations, coerce, assault, fight,
	// use mass violence (roots 15-20): acts that a future tense threatens.
	HostileActs
	// PhysicalConflict: the material conflict done on the ground: protest,
	// force posture, coercion, assault, fight, mass violence (roots 14, 15
	// and 17-20; not 16, which is decided rather than done): a participle
	// that follows one of them ("shelled the town, killing four") is its
	// consequence, not an event of its own.
	PhysicalConflict
	// Deeds: acts that a statement or report cannot do, because they need
	// someone to go, give or strike: consult, material cooperation, aid,
	// yield, force posture, reduced relations, coercion, force (roots 04,
	// 06-08, 15-20).
	Deeds
	// Grievances: appeals, demands and disapproval (roots 02, 10, 11):
	// what a protest is for, not acts of their own beside it.
	Grievances
	// Discourse: statements, appeals, intents, consultations, demands,
	// disapproval, rejections and threats (roots 01-04, 10-13): acts that
	// have a topic ("talks on reopening the border").
	Discourse
	// Embedding: appeals, investigations, demands, disapproval, rejections
	// and threats (roots 02, 09-13), a policy option considered (014) and
	// a denial (016): acts whose complement is what they say, ask or
	// refuse, not an event that happened.
	Embedding
	// PopulationActs: yield, coerce, assault, fight, use mass violence
	// (roots 08, 17-20): acts that can be done to people or property that
	// no actor names ("released 40 prisoners", "shelled a village").
	PopulationActs
	// Assistance: sympathy, pledges of aid and aid given (018, 033,
	// 070-073; not protection or asylum): acts for a recipient that a
	// story names once and then leaves out ("Norway pledged $4 million").
	Assistance
	// Undirected: appeals for material aid (023) and force posture (15):
	// acts that need no addressee ("appealed for food aid", "deployed
	// troops to the border"); with none named the target is null.
	Undirected
)

// Prefixes returns the roots and codes of the class: a code belongs to it
// when one of them is a prefix of the code.
func (c Class) Prefixes() []string { return strings.Fields(c.spec()) }

// spec is the class's roots and codes, separated by spaces.
func (c Class) spec() string {
	switch c {
	case Statements:
		return "01"
	case Appeals:
		return "02"
	case Intents:
		return "03"
	case Investigations:
		return "09"
	case Demands:
		return "10"
	case Disapprovals:
		return "11"
	case Rejections:
		return "12"
	case Protests:
		return "14"
	case ReducedRelations:
		return "16"
	case Fights:
		return "19"
	case MassViolence:
		return "20"
	case Force:
		return "18 19 20"
	case Sanctions:
		return "16 171"
	case CooperativeActs:
		return "04 05 06 07 08"
	case HostileActs:
		return "15 16 17 18 19 20"
	case PhysicalConflict:
		return "14 15 17 18 19 20"
	case Deeds:
		return "04 06 07 08 15 16 17 18 19 20"
	case Grievances:
		return "02 10 11"
	case Discourse:
		return "01 02 03 04 10 11 12 13"
	case Embedding:
		return "02 09 10 11 12 13 014 016"
	case PopulationActs:
		return "08 17 18 19 20"
	case Assistance:
		return "018 033 070 071 072 073"
	case Undirected:
		return "023 15"
	}
	return ""
}

// Has reports whether code belongs to the class.
func (c Class) Has(code string) bool {
	spec := c.spec()
	for spec != "" {
		p, rest, _ := strings.Cut(spec, " ")
		if strings.HasPrefix(code, p) {
			return true
		}
		spec = rest
	}
	return false
}

// String returns the class's name ("force").
func (c Class) String() string {
	switch c {
	case Statements:
		return "statements"
	case Appeals:
		return "appeals"
	case Intents:
		return "intents"
	case Investigations:
		return "investigations"
	case Demands:
		return "demands"
	case Disapprovals:
		return "disapprovals"
	case Rejections:
		return "rejections"
	case Protests:
		return "protests"
	case ReducedRelations:
		return "reduced relations"
	case Fights:
		return "fights"
	case MassViolence:
		return "mass violence"
	case Force:
		return "force"
	case Sanctions:
		return "sanctions"
	case CooperativeActs:
		return "cooperative acts"
	case HostileActs:
		return "hostile acts"
	case PhysicalConflict:
		return "physical conflict"
	case Deeds:
		return "deeds"
	case Grievances:
		return "grievances"
	case Discourse:
		return "discourse"
	case Embedding:
		return "embedding"
	case PopulationActs:
		return "population acts"
	case Assistance:
		return "assistance"
	case Undirected:
		return "undirected acts"
	}
	return "unknown class"
}

// Classes returns every class, in declaration order.
func Classes() []Class {
	var out []Class
	for c := Statements; c <= Undirected; c++ {
		out = append(out, c)
	}
	return out
}

// Under reports whether code is parent or one of its descendants ("1431"
// is under "143").
func Under(code, parent string) bool { return strings.HasPrefix(code, parent) }

// The codes the coding conventions name.
const (
	// CodeStatement: make statement (010), the code of a bare statement.
	CodeStatement = "010"
	// CodeConsiderPolicy: consider policy option (014).
	CodeConsiderPolicy = "014"
	// CodeAcknowledge: acknowledge or claim responsibility (015).
	CodeAcknowledge = "015"
	// CodeDeny: deny responsibility (016).
	CodeDeny = "016"
	// CodeAppeal: make an appeal or request, not specified below (020).
	CodeAppeal = "020"
	// CodeDemand: demand, not specified below (100).
	CodeDemand = "100"
	// CodeIntentToMeet: express intent to meet or negotiate (036).
	CodeIntentToMeet = "036"
	// CodeIntentToDeescalate: express intent to de-escalate military
	// engagement (0356).
	CodeIntentToDeescalate = "0356"
	// CodeConsult: consult (040).
	CodeConsult = "040"
	// CodePhoneCall: discuss by telephone (041).
	CodePhoneCall = "041"
	// CodeVisit: make a visit (042).
	CodeVisit = "042"
	// CodeHostVisit: host a visit (043).
	CodeHostVisit = "043"
	// CodeThirdLocation: meet at a "third" location (044).
	CodeThirdLocation = "044"
	// CodeMediate: engage in mediation (045).
	CodeMediate = "045"
	// CodeNegotiate: engage in negotiation (046).
	CodeNegotiate = "046"
	// CodeCeasefire: declare truce, ceasefire (0871).
	CodeCeasefire = "0871"
	// CodeCriticize: criticize or denounce (111).
	CodeCriticize = "111"
	// CodeAccuse: accuse (112).
	CodeAccuse = "112"
	// CodeThreaten: threaten, not specified below (130).
	CodeThreaten = "130"
	// CodeComplainOfficially: complain officially (114).
	CodeComplainOfficially = "114"
	// CodeStrikeOrBoycott: conduct strike or boycott (143).
	CodeStrikeOrBoycott = "143"
	// CodeViolentProtest: protest violently, riot (145).
	CodeViolentProtest = "145"
	// CodeMilitaryForce: use conventional military force (190).
	CodeMilitaryForce = "190"
	// CodeMassKilling: engage in mass killings (202).
	CodeMassKilling = "202"
)
