package cameo

// agentList returns the CAMEO agent codes dyad knows, with short names, as
// the CAMEO manual's actor chapter defines them: the domestic role codes,
// the sector codes that can stand as primary or secondary roles, the
// non-state actor types, and a few specific organisations' codes.
func agentList() []Agent {
	return []Agent{
		// Domestic government and armed roles.
		{"GOV", "government"},
		{"MIL", "military"},
		{"COP", "police"},
		{"JUD", "judiciary"},
		{"LEG", "legislature"},
		{"SPY", "state intelligence services"},
		{"OPP", "political opposition"},
		{"PTY", "political party"},
		{"REB", "rebels"},
		{"INS", "insurgents"},
		{"SEP", "separatist rebels"},
		{"UAF", "unaligned armed forces"},
		{"UIS", "unidentified state actor"},
		// Sectors and social groups.
		{"AGR", "agriculture"},
		{"BUS", "business"},
		{"CRM", "criminals"},
		{"CVL", "civilians"},
		{"DEV", "development"},
		{"EDU", "education"},
		{"ELI", "elites"},
		{"ENV", "environment"},
		{"HLH", "health"},
		{"HRI", "human rights"},
		{"LAB", "labor"},
		{"MED", "media"},
		{"REF", "refugees"},
		{"REL", "religious"},
		{"SET", "settlers"},
		// Modifiers.
		{"MOD", "moderate"},
		{"RAD", "radical"},
		// Non-state and international actor types.
		{"IGO", "intergovernmental organization"},
		{"IMG", "international militarized group"},
		{"INT", "international or transnational actor"},
		{"MNC", "multinational corporation"},
		{"NGO", "non-governmental organization"},
		{"NGM", "non-governmental movement"},
		{"PKO", "peacekeeping force"},
		{"UNO", "United Nations"},
		// Specific organisations with their own codes.
		{"AMN", "Amnesty International"},
		{"IRC", "Red Cross"},
		{"GRP", "Greenpeace"},
	}
}

// SocialRole reports whether an agent code is a sector or social group
// that acts for no state: business, media, civilians, criminals,
// education, refugees, sport, health, agriculture, religion, labour and
// the environment. Their visits and meetings are not diplomacy.
func SocialRole(code string) bool {
	switch code {
	case "BUS", "MED", "CVL", "CRM", "EDU", "REF", "SPO", "HLH", "AGR", "REL", "LAB", "ENV":
		return true
	}
	return false
}
