package dict

// Pattern is one way an event of a CAMEO code is expressed in text, matched
// by the coder against a sentence's lemmas and dependency tree.
type Pattern struct {
	// ID identifies the pattern in provenance ("041.speak-phone").
	ID string
	// Code is the CAMEO code the pattern codes.
	Code string
	// File and Line say where the pattern was defined.
	File string
	Line int
}
