package main

import (
	"context"
	"errors"
)

// runCode is replaced by the coder's wiring.
func runCode(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("dyad code: not built yet")
}

// runEval is replaced by the coder's wiring.
func runEval(ctx context.Context, env *cliEnv, args []string) error {
	return errors.New("dyad eval: not built yet")
}
