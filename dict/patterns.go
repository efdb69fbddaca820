package dict

import "go.yaml.in/yaml/v3"

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

// parsePatterns reads the value of a `patterns:` key of a dictionary file.
// file names the file for error messages, which must carry file:line.
func parsePatterns(node *yaml.Node, file string) ([]Pattern, error) {
	return nil, nil
}
