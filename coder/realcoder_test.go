package coder

import (
	"sync"
	"testing"

	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/nlp"
)

// realCoder is a coder on the embedded model and dictionaries, built once
// per test binary and shared (a Coder is safe for concurrent use).
var realCoder = sync.OnceValues(func() (*Coder, error) {
	d, err := dict.Default()
	if err != nil {
		return nil, err
	}
	an, err := nlp.Load()
	if err != nil {
		return nil, err
	}
	return New(an, d, cameo.Default(), Options{}), nil
})

// testRealCoder returns the shared real coder and its dictionary, skipping
// in -short runs (loading the model takes a few hundred milliseconds).
func testRealCoder(t *testing.T) *Coder {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the embedded model")
	}
	c, err := realCoder()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
