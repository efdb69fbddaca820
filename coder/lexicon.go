package coder

// lexicon holds the closed word lists the coder's filters use. It is built
// by New and never changed, so a Coder stays safe for concurrent use.
type lexicon struct {
	speech      set // verbs of saying: their ccomp is a reported event
	hedge       set // verbs of belief and estimate: their ccomp is not asserted
	strongHedge set // verbs of belief that hedge what follows even unparsed
	population  set // people, places and property that force is used against
	hedgeAdv    set // adverbs that make a clause speculative
	habitual    set // adverbs that make a clause a habit, not an event
	pundit      set // speakers whose statements are assessments, not reports
	press       set // audiences of statements that are not political actors
	denyX       set // verbs whose gerund complement did not happen ("denied supplying")
	cessative   set // verbs of stopping: what their complement names is stopped, not done
	hedgeX      set // heads whose xcomp is not asserted ("expected to")
	aspect      set // heads whose xcomp is asserted as the head is ("began to")
	schedule    set // heads whose xcomp is a commitment ("is due to")
	modal       set // modal auxiliaries that make a clause speculative
	future      set // auxiliaries of the future
	neg         set // negators
	condMark    set // subordinators of hypothetical clauses
	pronoun     set // personal pronouns resolved against the article
	pairNoun    set // nouns of definite descriptions of two parties
	personNoun  set // nouns for people who speak for the actor they belong to
	carrierNeg  set // determiners that negate a carrier noun ("little willingness")
	document    set // statements and reports: they say, but do not travel or fight
	gathering   set // meetings whose venue is not a party ("a summit in Switzerland")
	agentRoles  map[string]string
}

// set is a string set.
type set map[string]bool

func mk(words ...string) set {
	s := make(set, len(words))
	for _, w := range words {
		s[w] = true
	}
	return s
}

func newLexicon() *lexicon {
	return &lexicon{
		document: mk("statement", "report", "announcement", "remark", "comment", "letter",
			"communique", "declaration", "news", "message", "speech", "interview",
			"article", "document", "study", "survey", "poll", "memo", "memorandum", "note"),
		gathering: mk("summit", "meeting", "conference", "talk", "talks", "forum", "gathering",
			"session", "negotiation", "ceremony", "festival",
			"olympics", "games", "tournament", "championship", "match", "exhibition", "fair"),
		speech: mk("say", "tell", "announce", "state", "report", "add", "note", "confirm",
			"declare", "write", "tweet", "explain", "stress", "quote", "tell", "reiterate",
			"disclose", "reveal", "remark", "comment", "insist", "emphasise", "emphasize", "acknowledge", "admit"),
		hedge: mk("believe", "think", "suspect", "expect", "fear", "estimate", "predict",
			"speculate", "doubt", "hope", "assume", "suggest", "allege", "claim", "rumour",
			"rumor", "reckon", "guess", "worry", "imagine", "suppose", "wonder", "question",
			"anticipate", "forecast", "project", "warn", "caution", "indicate", "signal",
			"consider", "see", "seem", "appear", "deny", "dispute", "dismiss", "reject"),
		strongHedge: mk("believe", "think", "suspect", "suggest", "speculate", "doubt", "fear",
			"assume", "estimate", "predict", "expect", "hope", "reckon", "allege", "guess", "imagine", "suppose", "wonder"),
		denyX: mk("deny", "avoid", "refrain", "refuse", "decline", "stop", "cease", "halt", "resist",
			"reject", "dismiss", "fail", "escape", "rule"),
		cessative: mk("stop", "cease", "halt", "end", "suspend", "quit"),
		press: mk("reporter", "journalist", "press", "media", "audience", "crowd", "supporter",
			"newspaper", "agency", "television", "radio", "broadcaster", "lawmaker", "parliament", "nation", "people"),
		habitual: mk("routinely", "usually", "often", "frequently", "regularly", "typically", "generally",
			"sometimes", "occasionally", "habitually", "customarily"),
		pundit: mk("analyst", "expert", "observer", "commentator", "scholar", "academic", "economist",
			"researcher", "pundit", "strategist"),
		hedgeAdv: mk("allegedly", "reportedly", "possibly", "probably", "perhaps", "maybe",
			"apparently", "purportedly", "presumably", "supposedly", "likely", "seemingly"),
		population: mk("village", "town", "city", "home", "house", "building", "civilian", "people",
			"population", "area", "region", "district", "neighbourhood", "neighborhood", "market", "school",
			"hospital", "camp", "base", "port", "convoy", "vehicle", "station", "property", "office",
			"headquarters", "settlement", "residential", "resident", "villager", "family", "man", "woman",
			"child", "children", "schoolchild", "schoolchildren", "girl", "boy", "dozen", "hundred", "worker", "passenger", "bus", "car", "truck", "train",
			"boat", "bridge", "road", "power", "plant", "facility",
			"infrastructure", "church", "mosque", "temple", "shop", "farm", "crop", "field", "protester",
			"demonstrator", "student", "journalist", "migrant", "refugee", "prisoner", "detainee", "hostage",
			"attack", "assault", "raid", "position", "post", "checkpoint", "target", "curfew", "restriction",
			"ban", "emergency", "blockade", "siege", "territory", "land", "crossing", "border",
			"protest", "demonstration", "rally", "gathering", "march", "crowd", "sit-in", "strike",
			// unnamed individuals arrested, held or killed
			"person", "individual", "suspect", "lord", "kingpin", "trafficker", "smuggler", "businessman",
			"businesswoman", "teacher", "doctor", "lawyer", "activist", "critic", "blogger", "citizen",
			"national", "tourist", "priest", "farmer", "fisherman", "trader", "member", "supporter",
			// buildings and installations hit
			"block", "apartment", "tower", "hotel", "warehouse", "depot", "airport", "airfield", "ship",
			"vessel", "tanker", "substation", "grid", "pipeline", "refinery", "university", "clinic", "factory",
			"monastery", "pagoda", "shelter"),
		hedgeX: mk("expect", "likely", "unlikely", "seem", "appear", "try", "attempt",
			"seek", "hope", "want", "wish", "aim", "need", "ought", "fail", "possible",
			"able", "unable", "have", "plan", "intend", "prepare", "consider", "mull",
			"threaten", "vow", "pledge", "promise", "refuse", "decline", "agree", "offer",
			"urge", "ask", "call", "demand", "order", "tell", "forbid", "allow", "permit",
			"struggle", "hesitate", "wait", "afraid", "eager", "keen", "reluctant", "poised", "yet",
			"deny", "avoid", "refrain", "stop", "cease", "halt", "resist", "oppose", "reject"),
		aspect: mk("begin", "start", "continue", "resume", "keep", "proceed", "manage",
			"go", "move", "help", "use", "launch", "dare", "rush", "decide"),
		schedule: mk("schedule", "due", "set", "slate", "poise", "ready", "willing", "prepared", "determined", "scheduled"),
		modal:    mk("may", "might", "could", "should", "must", "can", "ought", "need"),
		future:   mk("will", "shall", "'ll", "wo", "ll"),
		neg:      mk("not", "n't", "never", "no", "nt"),
		condMark: mk("if", "unless", "whether", "lest", "provided", "once"),
		pronoun:  mk("he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "our", "us", "hers", "theirs"),
		pairNoun: mk("leader", "side", "country", "government", "nation", "neighbour", "neighbor",
			"president", "minister", "man", "party", "state", "capital", "counterpart", "army", "force", "delegation", "camp", "rival"),
		personNoun: mk("spokesman", "spokeswoman", "spokesperson", "official", "source",
			"representative", "member", "head", "chief", "envoy", "delegation", "delegate",
			"officer", "aide", "adviser", "advisor", "negotiator", "team", "unit", "branch",
			"office", "statement", "fighter", "militant", "soldier", "troop", "leader", "commander",
			"member", "supporter", "group", "wing", "faction", "mission", "counterpart", "agency",
			"department", "authority", "administration", "cabinet", "staff", "worker", "employee",
			// titles of one person outside government: "the attorney general ... he"
			"general", "judge", "prosecutor", "attorney", "governor", "mayor", "ambassador"),
		carrierNeg: mk("little", "no", "any"),
		agentRoles: map[string]string{
			"troop": "MIL", "soldier": "MIL", "army": "MIL", "military": "MIL", "force": "MIL",
			"navy": "MIL", "airforce": "MIL", "unit": "MIL", "commander": "MIL", "general": "MIL",
			"police": "COP", "policeman": "COP", "officer": "COP",
			"government": "GOV", "ministry": "GOV", "minister": "GOV", "president": "GOV",
			"administration": "GOV", "cabinet": "GOV", "authority": "GOV", "official": "GOV",
			"leader": "GOV", "premier": "GOV", "chancellor": "GOV", "king": "GOV", "spokesman": "GOV",
			"parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "senator": "LEG",
			"court": "JUD", "judge": "JUD", "prosecutor": "JUD",
			"rebel": "REB", "militant": "REB", "insurgent": "REB", "guerrilla": "REB", "militia": "REB", "militiaman": "REB",
			"opposition": "OPP", "protester": "CVL", "demonstrator": "CVL", "civilian": "CVL",
			"journalist": "MED", "reporter": "MED", "refugee": "REF", "company": "BUS", "firm": "BUS",
			"utility": "BUS", "operator": "BUS", "teacher": "CVL", "worker": "CVL", "retiree": "CVL", "family": "CVL",
			"people": "CVL", "crowd": "CVL", "resident": "CVL", "citizen": "CVL", "villager": "CVL", "student": "CVL",
			"schoolchild": "CVL", "schoolchildren": "CVL", "child": "CVL", "passenger": "CVL", "farmer": "CVL",
			"gunman": "", "attacker": "",
		},
	}
}
