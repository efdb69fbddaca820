package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestGeoLookup(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string // substrings of stdout
		wantErr string
	}{
		{"city", []string{"lookup", "Kharkiv"}, []string{`"Kharkiv": `, "Kharkiv", "UKR", "point", "geonames 706483"}, ""},
		{"ambiguous", []string{"lookup", "Tripoli"}, []string{"LBY", "LBN"}, ""},
		{"country filter", []string{"lookup", "Tripoli", "--country", "lbn"}, []string{`"Tripoli" in LBN: 1 match`, "LBN"}, ""},
		{"division and country", []string{"lookup", "Georgia"}, []string{"GEO  country", "USA  admin1"}, ""},
		{"multi-word", []string{"lookup", "Rio", "de", "Janeiro"}, []string{"BRA"}, ""},
		{"no match", []string{"lookup", "Xyzzyville"}, []string{"no match"}, "no match"},
		{"bad country", []string{"lookup", "Paris", "--country", "FR"}, nil, "alpha-3"},
		{"no name", []string{"lookup"}, nil, "want a NAME"},
		{"unknown", []string{"find", "Paris"}, nil, "unknown subcommand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &cliEnv{stdout: &out, stderr: &errb}
			err := runGeo(context.Background(), env, tt.args)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("runGeo(%v): %v", tt.args, err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("runGeo(%v): error %v, want %q", tt.args, err, tt.wantErr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("runGeo(%v) output lacks %q:\n%s", tt.args, w, out.String())
				}
			}
		})
	}
	var out, errb bytes.Buffer
	if err := runGeo(context.Background(), &cliEnv{stdout: &out, stderr: &errb}, nil); !errors.Is(err, errUsage) {
		t.Errorf("runGeo with no args: %v, want usage", err)
	}
}
