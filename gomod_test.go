package dyad

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestGoModTidy checks that go.mod and go.sum are as `go mod tidy` leaves
// them: the modules dyad imports are direct requirements (not marked
// indirect) and nothing is missing or left over. It needs the module
// proxy when the module cache lacks a module's go.mod; without a network
// it says so and skips.
func TestGoModTidy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: go mod tidy is not run")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on the PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, gobin, "mod", "tidy", "-diff").CombinedOutput()
	if err == nil {
		return
	}
	msg := string(out)
	for _, offline := range []string{"dial tcp", "no such host", "connection refused", "i/o timeout", "GOPROXY=off", "network is unreachable"} {
		if strings.Contains(msg, offline) {
			t.Skipf("go mod tidy needs the module proxy, which cannot be reached: %s", firstLine(msg))
		}
	}
	t.Errorf("go.mod or go.sum is not tidy (run go mod tidy):\n%s", msg)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
