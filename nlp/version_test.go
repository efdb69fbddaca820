package nlp

import "testing"

func TestModelInfoVersion(t *testing.T) {
	for _, tt := range []struct {
		info ModelInfo
		want string
	}{
		{ModelInfo{Treebank: "en_ewt", Trained: "2026-11-26T10:00:00Z"}, "en_ewt@2026-11-26T10:00:00Z"},
		{ModelInfo{}, "unknown"},
	} {
		if got := tt.info.Version(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.info, got, tt.want)
		}
	}
}
