//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package nlp

import "time"

// processCPUTime reports false: the process's CPU time is not read on
// this system.
func processCPUTime() (time.Duration, bool) { return 0, false }
