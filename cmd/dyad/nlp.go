package main

import (
	"context"
	"errors"
)

// runNLP trains and evaluates the language pipeline.
func runNLP(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("dyad nlp: not built yet")
}
