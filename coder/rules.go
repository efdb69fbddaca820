package coder

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
)

// trace collects --explain output.
type trace struct {
	w   interface{ Write([]byte) (int, error) }
	err error
}

func (t *trace) printf(format string, args ...any) {
	if t == nil || t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func flagString(fs []dyad.Flag) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [")
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(f))
	}
	b.WriteByte(']')
	return b.String()
}
