package coder

import (
	"strings"

	"github.com/dyad-events/dyad/dict"
)

// The CAMEO codebook gives each kind of cooperation the same place under
// the roots of intent (03), appeal (02), demand (10), refusal (12) and
// threat (13): an appeal for economic aid is 0231, a demand for it 1031, an
// intent to give it 0331, a refusal 1221. embedCode maps the code of an
// embedded event ("send aid" 071) to the code of the act that embeds it
// (a pledge to send aid -> 0331). The table is keyed by code prefix, most
// specific first.

// embedRow is one row: the embedded code prefix and the codes for intent,
// appeal, demand, refusal and threat ("" where the codebook has none).
type embedRow struct {
	prefix                                 string
	intent, appeal, demand, refuse, threat string
}

func embedTable() []embedRow {
	return []embedRow{
		{"0311", "0311", "0211", "1011", "1211", ""},
		{"0312", "0312", "0212", "1012", "1212", ""},
		{"0313", "0313", "0213", "1013", "121", ""},
		{"0314", "0314", "0214", "1014", "121", ""},
		{"0331", "0331", "0231", "1031", "1221", ""},
		{"0332", "0332", "0232", "1032", "1222", ""},
		{"0333", "0333", "0233", "1033", "1223", ""},
		{"0334", "0334", "0234", "1034", "1224", ""},
		{"0351", "0351", "0251", "1051", "1241", ""},
		{"0353", "0353", "0253", "1053", "1243", ""},
		{"0356", "0356", "0256", "1056", "1246", ""},
		{"061", "0311", "0211", "1011", "1211", ""},
		{"062", "0312", "0212", "1012", "1212", ""},
		{"063", "0313", "0213", "1013", "121", ""},
		{"064", "0314", "0214", "1014", "121", ""},
		{"060", "031", "021", "101", "121", ""},
		{"071", "0331", "0231", "1031", "1221", "1311"},
		{"072", "0332", "0232", "1032", "1222", "1311"},
		{"073", "0333", "0233", "1033", "1223", "1311"},
		{"074", "0334", "0234", "1034", "1224", ""},
		{"075", "033", "023", "103", "122", ""},
		{"070", "033", "023", "103", "122", ""},
		{"0831", "0341", "0241", "1041", "1231", ""},
		{"0832", "0342", "0242", "1042", "1232", ""},
		{"0833", "0343", "0243", "1043", "1233", ""},
		{"0834", "0344", "0244", "1044", "1234", ""},
		{"083", "034", "024", "104", "123", ""},
		{"081", "0351", "0251", "1051", "1241", ""},
		{"082", "0352", "0252", "1052", "1242", ""},
		{"084", "0353", "0253", "1053", "1243", ""},
		{"085", "0354", "0254", "1054", "1244", ""},
		{"086", "0355", "0255", "1055", "1245", ""},
		{"087", "0356", "0256", "1056", "1246", ""},
		{"080", "035", "025", "105", "124", ""},
		{"045", "039", "028", "108", "126", ""},
		{"04", "036", "026", "106", "125", ""},
		{"038", "038", "028", "108", "126", ""},
		{"039", "039", "028", "108", "126", ""},
		{"037", "037", "027", "107", "127", ""},
		{"036", "036", "026", "106", "125", ""},
		{"057", "030", "027", "107", "127", ""},
		{"05", "032", "022", "102", "120", ""},
		{"06", "031", "021", "101", "121", ""},
		{"03", "030", "020", "100", "120", ""},
		{"09", "", "020", "100", "120", ""},
		{"1312", "", "", "", "", "1312"},
		{"161", "", "", "", "", "1313"},
		{"162", "", "", "", "", "1311"},
		{"163", "", "", "", "", "1312"},
		{"164", "", "", "", "", "134"},
		{"165", "", "", "", "", "135"},
		{"166", "", "", "", "", "136"},
		{"16", "", "", "", "", "131"},
		{"1721", "", "", "", "", "1321"},
		{"1722", "", "", "", "", "1322"},
		{"1723", "", "", "", "", "1323"},
		{"1724", "", "", "", "", "1324"},
		{"172", "", "", "", "", "132"},
		{"17", "", "", "", "", "137"},
		{"14", "", "", "", "", "133"},
		{"191", "", "", "", "", "1381"},
		{"192", "", "", "", "", "1382"},
		{"18", "", "", "", "", "1383"},
		{"204", "", "", "", "", "1385"},
		{"19", "", "", "", "", "138"},
		{"20", "", "", "", "", "1383"},
	}
}

// embedCode returns the code an embedding act of kind k gives an embedded
// event of code code, or "" when the codebook has none.
func embedCode(table []embedRow, k dict.EmbedKind, code string) string {
	for _, r := range table {
		if !strings.HasPrefix(code, r.prefix) {
			continue
		}
		switch k {
		case dict.EmbedIntent, dict.EmbedCarrier:
			return r.intent
		case dict.EmbedAppeal:
			return r.appeal
		case dict.EmbedDemand:
			return r.demand
		case dict.EmbedRefuse:
			return r.refuse
		case dict.EmbedThreat:
			return r.threat
		}
		return ""
	}
	return ""
}

// futureCode codes an event stated in the future ("will send aid"): a
// commitment under root 03 for cooperation, a threat under root 13 for
// force; "" for acts that a future tense only predicts.
func futureCode(table []embedRow, code string) string {
	switch code[:2] {
	case "03":
		return code
	case "04", "05", "06", "07", "08":
		return embedCode(table, dict.EmbedIntent, code)
	case "15", "16", "17", "18", "19", "20":
		return embedCode(table, dict.EmbedThreat, code)
	}
	return ""
}

// negFutureCode codes a negated future ("will not withdraw"): a refusal
// under root 12 for cooperation; for force, an intent to de-escalate
// ("would not open fire" -> 0356).
func negFutureCode(table []embedRow, code string) string {
	switch code[:2] {
	case "04", "05", "06", "07", "08":
		return embedCode(table, dict.EmbedRefuse, code)
	case "18", "19", "20":
		return "0356"
	}
	return ""
}
