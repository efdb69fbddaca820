//go:build !linux

package pgtest

import "os"

// parentStderr returns nil: only Linux lets a process write to its
// parent's standard error.
func parentStderr() *os.File { return nil }
