package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

// ref is the article date of the tests: Wednesday 21 May 2025.
var ref = time.Date(2025, 5, 21, 14, 30, 0, 0, time.UTC)

const (
	D = dyad.PrecisionDay
	M = dyad.PrecisionMonth
	Y = dyad.PrecisionYear
)

func TestResolve(t *testing.T) {
	tests := []struct {
		expr string
		date string // yyyy-mm-dd, "" for rejected
		prec dyad.DatePrecision
	}{
		// relative days
		{"yesterday", "2025-05-20", D},
		{"today", "2025-05-21", D},
		{"tonight", "2025-05-21", D},
		{"Tomorrow", "2025-05-22", D},
		{"last night", "2025-05-20", D},
		{"this morning", "2025-05-21", D},
		{"two days ago", "2025-05-19", D},
		{"3 days ago", "2025-05-18", D},
		{"a day ago", "2025-05-20", D},
		// weekdays (past convention: latest on or before ref)
		{"on Monday", "2025-05-19", D},
		{"Wednesday", "2025-05-21", D},
		{"on Thursday", "2025-05-15", D},
		{"Tuesday night", "2025-05-20", D},
		{"last Wednesday", "2025-05-14", D},
		{"last Monday", "2025-05-19", D},
		{"next Monday", "2025-05-26", D},
		{"next Wednesday", "2025-05-28", D},
		{"Monday, May 12, 2025", "2025-05-12", D},
		// weeks, months, years
		{"last week", "2025-05-12", M},
		{"this week", "2025-05-19", M},
		{"next week", "2025-05-26", M},
		{"a week ago", "2025-05-14", M},
		{"two weeks ago", "2025-05-07", M},
		{"last month", "2025-04-01", M},
		{"this month", "2025-05-01", M},
		{"earlier this month", "2025-05-01", M},
		{"next month", "2025-06-01", M},
		{"three months ago", "2025-02-01", M},
		{"last year", "2024-01-01", Y},
		{"late last year", "2024-01-01", Y},
		{"earlier this year", "2025-01-01", Y},
		{"two years ago", "2023-01-01", Y},
		{"the past year", "", ""},
		{"past year", "2024-01-01", Y},
		// explicit dates
		{"on March 3", "2025-03-03", D},
		{"March 3, 2024", "2024-03-03", D},
		{"March 3 2024", "2024-03-03", D},
		{"3 March", "2025-03-03", D},
		{"3 March 2024", "2024-03-03", D},
		{"the 3rd of March", "", ""},
		{"3rd of March", "2025-03-03", D},
		{"March 3rd", "2025-03-03", D},
		{"Nov. 26", "2024-11-26", D},
		{"Nov 26", "2024-11-26", D},
		{"Sept. 3", "2024-09-03", D},
		{"Sept. 3, 2023", "2023-09-03", D},
		{"May 21", "2025-05-21", D},
		{"May 22", "2024-05-22", D},
		{"Dec. 31, 1999", "1999-12-31", D},
		{"2025-05-19", "2025-05-19", D},
		{"on 2024-02-29", "2024-02-29", D},
		{"February 29", "2024-02-29", D},
		{"February 29, 2024", "2024-02-29", D},
		// months and years
		{"in February 2022", "2022-02-01", M},
		{"February of 2022", "2022-02-01", M},
		{"Feb. 2022", "2022-02-01", M},
		{"in February", "2025-02-01", M},
		{"in June", "2024-06-01", M},
		{"in May", "2025-05-01", M},
		{"early March", "2025-03-01", M},
		{"mid-March", "2025-03-01", M},
		{"last March", "2025-03-01", M},
		{"last June", "2024-06-01", M},
		{"next March", "2026-03-01", M},
		{"in 2019", "2019-01-01", Y},
		{"since 2014", "2014-01-01", Y},
		{"mid-2024", "2024-01-01", Y},
		{"early 2024", "2024-01-01", Y},
		// rejected
		{"February 30", "", ""},
		{"February 30, 2024", "", ""},
		{"February 29, 2023", "", ""},
		{"April 31", "", ""},
		{"2025-13-01", "", ""},
		{"2025-02-30", "", ""},
		{"3/5/2024", "", ""},
		{"March", "", ""},
		{"may", "", ""},
		{"2019", "", ""},
		{"Jan", "", ""},
		{"on Monday and Tuesday", "", ""},
		{"", "", ""},
		{"   ", "", ""},
		{"32 March", "", ""},
		{"March 0", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, prec, ok := Resolve(tt.expr, ref)
			if tt.date == "" {
				if ok {
					t.Errorf("Resolve(%q) = %s %s, want rejected", tt.expr, got.Format(time.DateOnly), prec)
				}
				return
			}
			if !ok {
				t.Fatalf("Resolve(%q) rejected, want %s", tt.expr, tt.date)
			}
			if got.Format(time.DateOnly) != tt.date || prec != tt.prec {
				t.Errorf("Resolve(%q) = %s %s, want %s %s", tt.expr, got.Format(time.DateOnly), prec, tt.date, tt.prec)
			}
			if got.Hour() != 0 || got.Location() != ref.Location() {
				t.Errorf("Resolve(%q) = %v, want midnight in ref's location", tt.expr, got)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []string // "text=yyyy-mm-dd/precision"
	}{
		{"The two presidents spoke by phone on Monday for two hours, the Kremlin said.",
			[]string{"Monday=2025-05-19/day"}},
		{"Talks held in Istanbul last week ended without agreement, and a new round began yesterday.",
			[]string{"last week=2025-05-12/month", "yesterday=2025-05-20/day"}},
		{"The ceasefire, agreed on March 3, 2024, collapsed in February 2025.",
			[]string{"March 3, 2024=2024-03-03/day", "February 2025=2025-02-01/month"}},
		{"Troops crossed the border on 2025-05-19 after a warning issued Nov. 26.",
			[]string{"2025-05-19=2025-05-19/day", "Nov. 26=2024-11-26/day"}},
		{"Protesters may march again, organisers said; 150 people were held in 2019.",
			[]string{"2019=2019-01-01/year"}},
		{"The minister arrived two days ago and will leave tomorrow.",
			[]string{"two days ago=2025-05-19/day", "tomorrow=2025-05-22/day"}},
		{"Fighting flared earlier this month after a lull since late last year.",
			[]string{"earlier this month=2025-05-01/month", "late last year=2024-01-01/year"}},
		{"The court ruled on February 30 that the law stands.", nil},
		{"Jan Kowalski met the envoy at 3:30 on Friday.", []string{"Friday=2025-05-16/day"}},
		{"Sales rose 3.5% in March.", []string{"March=2025-03-01/month"}},
		{"He flew to Kyiv on Sunday, March 2, 2025, and returned a day ago.",
			[]string{"Sunday, March 2, 2025=2025-03-02/day", "a day ago=2025-05-20/day"}},
		{"President Macron", nil},
		{"In May 2,000 people marched.", []string{"May=2025-05-01/month"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, e := range Find(tt.text, ref) {
				if tt.text[e.Start:e.End] != e.Text {
					t.Errorf("offsets %d:%d do not give %q", e.Start, e.End, e.Text)
				}
				got = append(got, fmt.Sprintf("%s=%s/%s", e.Text, e.Date.Format(time.DateOnly), e.Precision))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Find =\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}

func TestFuture(t *testing.T) {
	tests := []struct{ text, want string }{
		{"on Monday", "2025-05-26"},
		{"Wednesday", "2025-05-21"},
		{"on Friday", "2025-05-23"},
		{"on March 3", "2026-03-03"},
		{"on May 30", "2025-05-30"},
		{"in February", "2026-02-01"},
		{"in June", "2025-06-01"},
		{"February 29", "2028-02-29"},
		{"last Monday", "2025-05-19"},
		{"next week", "2025-05-26"},
	}
	for _, tt := range tests {
		es := FindWithTense(tt.text, ref, true)
		if len(es) != 1 || es[0].Date.Format(time.DateOnly) != tt.want {
			t.Errorf("FindWithTense(%q, future) = %+v, want %s", tt.text, es, tt.want)
		}
	}
}

func TestUntil(t *testing.T) {
	tests := []struct{ expr, from, until string }{
		{"yesterday", "2025-05-20", "2025-05-21"},
		{"last week", "2025-05-12", "2025-05-19"},
		{"in February 2024", "2024-02-01", "2024-03-01"},
		{"in 2019", "2019-01-01", "2020-01-01"},
	}
	for _, tt := range tests {
		es := Find(tt.expr, ref)
		if len(es) != 1 || es[0].Date.Format(time.DateOnly) != tt.from || es[0].Until.Format(time.DateOnly) != tt.until {
			t.Errorf("Find(%q) = %+v, want [%s, %s)", tt.expr, es, tt.from, tt.until)
		}
	}
}

func TestZeroRef(t *testing.T) {
	var zero time.Time
	es := Find("On Monday, talks resumed after the accord of March 3, 2024 and a meeting in 2019; yesterday was calm.", zero)
	var got []string
	for _, e := range es {
		got = append(got, e.Text)
	}
	if strings.Join(got, "|") != "March 3, 2024|2019" {
		t.Errorf("Find with zero ref = %q", got)
	}
	if _, _, ok := Resolve("yesterday", zero); ok {
		t.Error("Resolve(yesterday) with zero ref should fail")
	}
}

func TestLocation(t *testing.T) {
	loc := time.FixedZone("UTC+3", 3*3600)
	r := time.Date(2025, 5, 21, 1, 0, 0, 0, loc) // still 20 May in UTC
	d, _, ok := Resolve("yesterday", r)
	if !ok || d.Format(time.DateOnly) != "2025-05-20" || d.Location() != loc {
		t.Errorf("Resolve(yesterday) = %v", d)
	}
}

func TestAllocs(t *testing.T) {
	text := "Russian and Ukrainian officials met in Istanbul on Monday, two days after talks on May 17, 2025 broke down; a further round is planned for next week."
	n := testing.AllocsPerRun(100, func() { Find(text, ref) })
	if n > 6 {
		t.Errorf("Find: %v allocations per run", n)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"on Monday", "March 3, 2024", "2025-05-19", "Nov. 26", "two days ago", "mid-2024",
		"3rd of March 2024", "last week and last March", "February 30", "Monday, May 12, 2025",
		"\xff\xfe March 3", "May 2,000", "early", "last", "9999-99-99", "2025-",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, text string, future bool) {
		prev := 0
		for _, e := range FindWithTense(text, ref, future) {
			if e.Start < prev || e.End <= e.Start || e.End > len(text) {
				t.Fatalf("bad span %d:%d after %d in %q", e.Start, e.End, prev, text)
			}
			if text[e.Start:e.End] != e.Text {
				t.Fatalf("text %q != text[%d:%d]", e.Text, e.Start, e.End)
			}
			if !e.Until.After(e.Date) {
				t.Fatalf("%q: until %v not after %v", e.Text, e.Until, e.Date)
			}
			switch e.Precision {
			case dyad.PrecisionDay, dyad.PrecisionMonth, dyad.PrecisionYear:
			default:
				t.Fatalf("%q: precision %q", e.Text, e.Precision)
			}
			prev = e.End
		}
		Resolve(text, ref)
		Find(text, time.Time{})
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("Russian and Ukrainian officials met in Istanbul on Monday, two days after talks on May 17, 2025 broke down; a further round is planned for next week. ", 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, ref)
	}
}
