package cameo

// Mode is how one act names another as its content: an intent to do it,
// an appeal or a demand for it, a refusal of it, a threat of it. The
// codebook gives each kind of cooperation the same place under each of
// these roots: an appeal for economic aid is 0231, a demand for it 1031,
// an intent to give it 0331, a refusal 1221.
type Mode int

// The modes.
const (
	// ModeIntent: an intent to do the act (root 03).
	ModeIntent Mode = iota + 1
	// ModeAppeal: an appeal for it (root 02).
	ModeAppeal
	// ModeDemand: a demand for it (root 10).
	ModeDemand
	// ModeRefusal: a refusal of it (root 12).
	ModeRefusal
	// ModeThreat: a threat of it (root 13).
	ModeThreat
)

// parallelRow is one row of the table of parallel codes: the code prefix
// of the act named and the codes of an intent, an appeal, a demand, a
// refusal and a threat of it ("" where the codebook has none).
type parallelRow struct {
	prefix                                 string
	intent, appeal, demand, refuse, threat string
}

// parallelTable returns the table of parallel codes, most specific prefix
// first.
func parallelTable() []parallelRow {
	return []parallelRow{
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

// Parallel returns the code an act of mode m gets when its content is an
// act of code code (a pledge to send aid, 071 -> 0331; a threat to attack,
// 19 -> 138), or "" when the codebook has none.
func (b *Codebook) Parallel(m Mode, code string) string {
	for _, r := range b.parallel {
		if len(code) < len(r.prefix) || code[:len(r.prefix)] != r.prefix {
			continue
		}
		switch m {
		case ModeIntent:
			return r.intent
		case ModeAppeal:
			return r.appeal
		case ModeDemand:
			return r.demand
		case ModeRefusal:
			return r.refuse
		case ModeThreat:
			return r.threat
		}
		return ""
	}
	return ""
}
