package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestParseCitiesErrors checks that malformed GeoNames rows are reported
// with file:line.
func TestParseCitiesErrors(t *testing.T) {
	good := "706483\tKharkiv\tKharkiv\tCharkiw\t49.98\t36.25\tP\tPPLA\tUA\t\t07\t\t\t\t1433886\t\t152\tEurope/Kyiv\t2024-01-01"
	tests := []struct{ name, in, want string }{
		{"columns", good + "\nbad\trow\n", "cities500.txt:2: 2 columns, want 19"},
		{"id", strings.Replace(good, "706483", "x", 1), "cities500.txt:1: bad geonameid"},
		{"coords", strings.Replace(good, "49.98", "91", 1), "cities500.txt:1: bad coordinates"},
		{"population", strings.Replace(good, "1433886", "-1", 1), "cities500.txt:1: bad population"},
		{"utf8", "\n\n" + strings.Replace(good, "Kharkiv", "\xff", 1), "cities500.txt:3: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCities("cities500.txt", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	cs, err := parseCities("cities500.txt", strings.NewReader(good+"\n"))
	if err != nil || len(cs) != 1 || cs[0].name != "Kharkiv" || cs[0].pop != 1433886 || len(cs[0].alts) != 1 {
		t.Errorf("parseCities(good) = %+v, %v", cs, err)
	}
}

func TestJSONErrLine(t *testing.T) {
	data := []byte("[\n{\"code\": \"UA.07\", \"name\": \"Kharkiv\"},\n{\"code\": 7}\n]")
	var as []admin1
	err := jsonErrOf(data, &as)
	if err == nil || !strings.Contains(err.Error(), "admin1.json:3:") {
		t.Errorf("error %v, want admin1.json:3", err)
	}
}

// jsonErrOf decodes admin1.json data, for tests of jsonErr.
func jsonErrOf(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return jsonErr("admin1.json", data, err)
	}
	return nil
}
