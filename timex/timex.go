// Package timex finds date expressions in news text and resolves them
// against the article's date, so that an event can carry the date it
// happened rather than the date it was reported.
//
// Find returns every date expression of a text; Resolve resolves one
// expression given on its own. Both are pure functions of their arguments:
// no package state, safe for concurrent use, and no input makes them panic.
//
// # Conventions
//
// Dates are returned at midnight in the location of the article date ref.
// An expression that needs ref (a weekday, "yesterday", "March 3" without a
// year) is skipped when ref is the zero time.
//
// Tense. News reports mostly past events, so by default a date without a
// year or a bare weekday is taken as the latest such date on or before ref:
// "on Monday" in a story dated Monday is that Monday; in a story dated
// Wednesday it is two days earlier; "on Dec. 30" in a story dated 2 January
// is the previous year's. FindWithTense(text, ref, true) is for clauses the
// caller knows to be about the future ("will meet on Monday"): it takes the
// earliest such date on or after ref. "last Monday" is always strictly
// before ref and "next Monday" strictly after it, whatever the tense;
// "last March" is the latest March before ref's month, "next March" the
// earliest after it.
//
// Precision. dyad has no week precision. "last week", "this week", "next
// week" and "N weeks ago" resolve to the Monday that starts the week (for
// "N weeks ago", the day N weeks before ref) with PrecisionMonth, the finest
// precision that does not claim a day the text does not give;
// Expression.Until still marks the end of the week. "last month", "in
// February", "February 2022" give the first of the month with
// PrecisionMonth; "last year", "in 2019" give 1 January with PrecisionYear.
// Modifiers ("early", "late", "mid-", "earlier", "later") are part of the
// expression and keep its precision: "earlier this month" is the month.
//
// Rejected rather than guessed: impossible dates ("February 30", "April 31",
// "February 29, 2023", "2025-13-01"), numeric dates with slashes ("3/5/2024"
// could be March or May), two-digit years, and bare month names that are not
// introduced by a preposition or modifier ("in May", "since March", "early
// June" are dates; "May" alone is a verb too). Month names must be
// capitalised; weekday names and relative words ("yesterday") may be in any
// case.
package timex

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
)

// Expression is one date expression found in a text.
type Expression struct {
	// Start and End are the byte offsets [Start, End) of the expression in
	// the text that was searched. A leading preposition ("on", "in") is not
	// part of it; modifiers ("last", "early", "two days ago") are.
	Start, End int
	// Text is the expression as written: text[Start:End].
	Text string
	// Date is the first day of the period the expression names, at midnight
	// in the location of the reference date.
	Date time.Time
	// Until is the end (exclusive) of the period the expression names: the
	// day after Date for a day, the first of the next month for a month,
	// seven days after Date for a week.
	Until time.Time
	// Precision says which part of Date the text supports: day, month or
	// year.
	Precision dyad.DatePrecision
}

// Find returns every date expression in text, in order of position and not
// overlapping, resolved against the article date ref with the past-tense
// convention (see the package documentation).
func Find(text string, ref time.Time) []Expression {
	return FindWithTense(text, ref, false)
}

// FindWithTense is Find for a text whose clause the caller knows to be
// about the past (future false) or the future (future true): the tense
// decides which way weekdays, year-less dates and bare months resolve.
func FindWithTense(text string, ref time.Time, future bool) []Expression {
	s := newScanner(text, ref, future)
	var out []Expression
	for i := 0; i < len(s.toks); {
		m, ok := s.match(i, s.prepBefore(i))
		if !ok {
			i++
			continue
		}
		out = append(out, s.expression(m))
		i = m.j
	}
	return out
}

// Resolve resolves a single date expression ("last week", "on March 3",
// "2025-05-19") against ref with the past-tense convention. It reports
// false unless the whole of expr, after an optional leading preposition, is
// one date expression that resolves.
func Resolve(expr string, ref time.Time) (time.Time, dyad.DatePrecision, bool) {
	s := newScanner(expr, ref, false)
	if len(s.toks) == 0 {
		return time.Time{}, "", false
	}
	i := 0
	if isLeadingPrep(s.word(0)) && len(s.toks) > 1 {
		i = 1
	}
	m, ok := s.match(i, i == 1)
	if !ok || m.j != len(s.toks) {
		return time.Time{}, "", false
	}
	return m.date, m.prec, true
}

// token kinds
const (
	kWord = iota + 1
	kNum
	kPunct
)

type token struct {
	start, end int   // byte offsets
	numEnd     int   // for kNum: end of the digits, before an ordinal suffix
	kind       uint8 // kWord, kNum or kPunct
}

// match is a resolved expression over tokens [i, j).
type match struct {
	i, j        int
	date, until time.Time
	prec        dyad.DatePrecision
}

type scanner struct {
	text   string
	toks   []token
	day    time.Time // ref at midnight
	hasRef bool
	future bool
	loc    *time.Location
}

func newScanner(text string, ref time.Time, future bool) *scanner {
	s := &scanner{text: text, future: future, loc: time.UTC}
	if !ref.IsZero() {
		s.loc = ref.Location()
		y, m, d := ref.Date()
		s.day = time.Date(y, m, d, 0, 0, 0, 0, s.loc)
		s.hasRef = true
	}
	s.toks = tokenize(text)
	return s
}

// tokenize splits text into words (runs of letters), numbers (runs of ASCII
// digits, with an ordinal suffix "st", "nd", "rd", "th" absorbed) and single
// punctuation runes; spaces separate tokens and are dropped.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			t := token{start: i, end: j, numEnd: j, kind: kNum}
			if j+2 <= len(text) && isOrdinalSuffix(text[j:j+2]) && (j+2 == len(text) || !isLetterAt(text, j+2)) {
				t.end = j + 2
			}
			toks = append(toks, t)
			i = t.end
		case c < utf8.RuneSelf:
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				j := wordEnd(text, i)
				toks = append(toks, token{start: i, end: j, kind: kWord})
				i = j
				continue
			}
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
				toks = append(toks, token{start: i, end: i + 1, kind: kPunct})
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				j := wordEnd(text, i)
				toks = append(toks, token{start: i, end: j, kind: kWord})
				i = j
				continue
			}
			if !unicode.IsSpace(r) {
				toks = append(toks, token{start: i, end: i + n, kind: kPunct})
			}
			i += n
		}
	}
	return toks
}

// wordEnd returns the end of the run of letters that starts at i.
func wordEnd(text string, i int) int {
	for i < len(text) && isLetterAt(text, i) {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return i
}

func isLetterAt(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func isOrdinalSuffix(s string) bool {
	return eq(s, "st") || eq(s, "nd") || eq(s, "rd") || eq(s, "th")
}

// eq reports whether s equals the lower-case ASCII word w, ignoring case.
func eq(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

func (s *scanner) expression(m match) Expression {
	start, end := s.toks[m.i].start, s.toks[m.j-1].end
	return Expression{Start: start, End: end, Text: s.text[start:end], Date: m.date, Until: m.until, Precision: m.prec}
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kWord {
		return ""
	}
	return s.text[s.toks[i].start:s.toks[i].end]
}

func (s *scanner) punct(i int, c byte) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == kPunct && s.text[s.toks[i].start] == c
}

// adjacent reports whether tokens i and i+1 touch.
func (s *scanner) adjacent(i int) bool {
	return i >= 0 && i+1 < len(s.toks) && s.toks[i].end == s.toks[i+1].start
}

// num returns the value of number token i with at most maxDigits digits,
// and whether it had an ordinal suffix.
func (s *scanner) num(i, maxDigits int) (n int, ordinal, ok bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kNum {
		return 0, false, false
	}
	t := s.toks[i]
	if t.numEnd-t.start > maxDigits {
		return 0, false, false
	}
	for _, c := range []byte(s.text[t.start:t.numEnd]) {
		n = n*10 + int(c-'0')
	}
	return n, t.end != t.numEnd, true
}

// year returns the value of token i if it is a plain four-digit year
// between 1000 and 2999 that does not run into a word or number.
func (s *scanner) year(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kNum {
		return 0, false
	}
	t := s.toks[i]
	if t.end-t.start != 4 || t.numEnd != t.end {
		return 0, false
	}
	y, _, _ := s.num(i, 4)
	if y < 1000 || y > 2999 || s.touchesWord(i) {
		return 0, false
	}
	return y, true
}

// touchesWord reports whether token i is glued to a word or number on
// either side ("A320", "19th", "2019abc").
func (s *scanner) touchesWord(i int) bool {
	if s.adjacent(i-1) && s.toks[i-1].kind != kPunct {
		return true
	}
	return s.adjacent(i) && s.toks[i+1].kind != kPunct
}

func isPrep(w string) bool {
	switch len(w) {
	case 2:
		return eq(w, "in") || eq(w, "on") || eq(w, "by") || eq(w, "of")
	case 3:
		return eq(w, "mid")
	case 4:
		return eq(w, "from") || eq(w, "till") || eq(w, "late") || eq(w, "last") || eq(w, "next") || eq(w, "this") || eq(w, "past")
	case 5:
		return eq(w, "since") || eq(w, "until") || eq(w, "early") || eq(w, "after")
	case 6:
		return eq(w, "during") || eq(w, "before")
	case 7:
		return eq(w, "through") || eq(w, "between")
	case 10:
		return eq(w, "throughout")
	}
	return false
}

// isLeadingPrep reports whether w is a preposition that Resolve skips at
// the start of an expression.
func isLeadingPrep(w string) bool {
	return eq(w, "on") || eq(w, "in") || eq(w, "since") || eq(w, "by") || eq(w, "until") ||
		eq(w, "during") || eq(w, "from") || eq(w, "after") || eq(w, "before") || eq(w, "of")
}

func (s *scanner) prepBefore(i int) bool { return isPrep(s.word(i - 1)) }

// match tries to read a date expression starting at token i; prep says a
// preposition or modifier introduces it.
func (s *scanner) match(i int, prep bool) (match, bool) {
	if i >= len(s.toks) {
		return match{}, false
	}
	if m, ok := s.iso(i); ok {
		return m, true
	}
	if w := s.word(i); eq(w, "early") || eq(w, "late") || eq(w, "mid") || eq(w, "earlier") || eq(w, "later") {
		j := i + 1
		if s.punct(j, '-') && s.adjacent(i) {
			j++
		}
		if m, ok := s.core(j, true); ok {
			m.i = i
			return m, true
		}
		return match{}, false
	}
	return s.core(i, prep)
}

func (s *scanner) core(i int, prep bool) (match, bool) {
	w := s.word(i)
	if w == "" {
		if m, ok := s.dayFirst(i); ok {
			return m, true
		}
		if y, ok := s.year(i); ok && prep {
			return s.yearMatch(i, i+1, y), true
		}
		if s.hasRef {
			return s.ago(i)
		}
		return match{}, false
	}
	if !s.hasRef {
		// Only absolute dates can be resolved without a reference date.
		return s.monthFirst(i, prep)
	}
	switch {
	case eq(w, "today") || eq(w, "tonight"):
		return s.dayMatch(i, i+1, s.day), true
	case eq(w, "yesterday"):
		return s.dayMatch(i, i+1, s.day.AddDate(0, 0, -1)), true
	case eq(w, "tomorrow"):
		return s.dayMatch(i, i+1, s.day.AddDate(0, 0, 1)), true
	case eq(w, "this") || eq(w, "last") || eq(w, "next") || eq(w, "past"):
		return s.relative(i, w)
	}
	if m, ok := s.ago(i); ok {
		return m, true
	}
	if wd, ok := weekday(w); ok {
		return s.weekdayMatch(i, wd)
	}
	return s.monthFirst(i, prep)
}

// iso reads YYYY-MM-DD.
func (s *scanner) iso(i int) (match, bool) {
	if i+4 >= len(s.toks) || s.toks[i].kind != kNum || s.toks[i].end-s.toks[i].start != 4 {
		return match{}, false
	}
	if !s.punct(i+1, '-') || !s.punct(i+3, '-') {
		return match{}, false
	}
	for k := i; k < i+4; k++ {
		if !s.adjacent(k) {
			return match{}, false
		}
	}
	if s.toks[i+2].end-s.toks[i+2].start != 2 || s.toks[i+4].end-s.toks[i+4].start != 2 {
		return match{}, false
	}
	y, _, _ := s.num(i, 4)
	mo, _, ok1 := s.num(i+2, 2)
	d, _, ok2 := s.num(i+4, 2)
	if !ok1 || !ok2 || (s.adjacent(i-1) && s.toks[i-1].kind != kPunct) {
		return match{}, false
	}
	t, ok := s.date(y, time.Month(mo), d)
	if !ok {
		return match{}, false
	}
	return s.dayMatch(i, i+5, t), true
}

// date builds a valid calendar date.
func (s *scanner) date(y int, m time.Month, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func (s *scanner) dayMatch(i, j int, t time.Time) match {
	return match{i: i, j: j, date: t, until: t.AddDate(0, 0, 1), prec: dyad.PrecisionDay}
}

func (s *scanner) monthMatch(i, j, y int, m time.Month) match {
	t := time.Date(y, m, 1, 0, 0, 0, 0, s.loc)
	return match{i: i, j: j, date: t, until: t.AddDate(0, 1, 0), prec: dyad.PrecisionMonth}
}

func (s *scanner) yearMatch(i, j, y int) match {
	t := time.Date(y, 1, 1, 0, 0, 0, 0, s.loc)
	return match{i: i, j: j, date: t, until: t.AddDate(1, 0, 0), prec: dyad.PrecisionYear}
}

func (s *scanner) weekMatch(i, j int, start time.Time) match {
	return match{i: i, j: j, date: start, until: start.AddDate(0, 0, 7), prec: dyad.PrecisionMonth}
}

// monday returns the Monday that starts the week of t.
func monday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// relative reads "this/last/next/past" + week, month, year, weekday or
// month name, and "last night", "this morning".
func (s *scanner) relative(i int, w string) (match, bool) {
	next := s.word(i + 1)
	if next == "" {
		return match{}, false
	}
	last, this, nxt := eq(w, "last") || eq(w, "past"), eq(w, "this"), eq(w, "next")
	if eq(w, "past") && !eq(next, "week") && !eq(next, "month") && !eq(next, "year") {
		return match{}, false
	}
	y, mo, _ := s.day.Date()
	switch {
	case eq(next, "week"):
		start := monday(s.day)
		if last {
			start = start.AddDate(0, 0, -7)
		} else if nxt {
			start = start.AddDate(0, 0, 7)
		}
		return s.weekMatch(i, i+2, start), true
	case eq(next, "month"):
		first := time.Date(y, mo, 1, 0, 0, 0, 0, s.loc)
		if last {
			first = first.AddDate(0, -1, 0)
		} else if nxt {
			first = first.AddDate(0, 1, 0)
		}
		return s.monthMatch(i, i+2, first.Year(), first.Month()), true
	case eq(next, "year"):
		if last {
			y--
		} else if nxt {
			y++
		}
		return s.yearMatch(i, i+2, y), true
	case eq(next, "night") && last:
		return s.dayMatch(i, i+2, s.day.AddDate(0, 0, -1)), true
	case (eq(next, "morning") || eq(next, "afternoon") || eq(next, "evening")) && this:
		return s.dayMatch(i, i+2, s.day), true
	}
	if wd, ok := weekday(next); ok {
		var d int
		switch {
		case last:
			d = -((int(s.day.Weekday())-int(wd)+6)%7 + 1)
		case nxt:
			d = (int(wd)-int(s.day.Weekday())+6)%7 + 1
		default:
			d = s.weekdayOffset(wd)
		}
		m := s.dayMatch(i, i+2, s.day.AddDate(0, 0, d))
		m.j = s.partOfDay(m.j)
		return m, true
	}
	if m, ok := s.monthName(i + 1); ok {
		if !s.capital(i + 1) {
			return match{}, false
		}
		mo2, end := m, s.monthEnd(i+1)
		switch {
		case last:
			if mo2 >= mo {
				y--
			}
		case nxt:
			if mo2 <= mo {
				y++
			}
		}
		return s.monthMatch(i, end, y, mo2), true
	}
	return match{}, false
}

// weekdayOffset is the number of days from ref to the weekday wd in the
// scanner's tense: zero or negative in the past, zero or positive in the
// future.
func (s *scanner) weekdayOffset(wd time.Weekday) int {
	if s.future {
		return (int(wd) - int(s.day.Weekday()) + 7) % 7
	}
	return -((int(s.day.Weekday()) - int(wd) + 7) % 7)
}

// partOfDay extends an expression ending before token j over a following
// "morning", "afternoon", "evening" or "night".
func (s *scanner) partOfDay(j int) int {
	if w := s.word(j); eq(w, "morning") || eq(w, "afternoon") || eq(w, "evening") || eq(w, "night") {
		return j + 1
	}
	return j
}

func (s *scanner) weekdayMatch(i int, wd time.Weekday) (match, bool) {
	// "Monday, March 3, 2025": the explicit date wins.
	if s.punct(i+1, ',') {
		if m, ok := s.monthFirst(i+2, true); ok && m.prec == dyad.PrecisionDay {
			m.i = i
			return m, true
		}
	}
	if m, ok := s.dayFirst(i + 1); ok && m.prec == dyad.PrecisionDay {
		m.i = i // "Monday 3 March"
		return m, true
	}
	m := s.dayMatch(i, i+1, s.day.AddDate(0, 0, s.weekdayOffset(wd)))
	m.j = s.partOfDay(m.j)
	return m, true
}

// ago reads "<count> <unit> ago": "two days ago", "a week ago".
func (s *scanner) ago(i int) (match, bool) {
	n, ok := countWord(s.word(i))
	if !ok {
		if v, ord, isNum := s.num(i, 3); isNum && !ord {
			n, ok = v, true
		}
	}
	if !ok || !eq(s.word(i+2), "ago") {
		return match{}, false
	}
	unit := s.word(i + 1)
	plural := n != 1
	is := func(u string) bool {
		if plural {
			return len(unit) == len(u)+1 && eq(unit[:len(u)], u) && (unit[len(u)] == 's' || unit[len(u)] == 'S')
		}
		return eq(unit, u)
	}
	switch {
	case is("day"):
		return s.dayMatch(i, i+3, s.day.AddDate(0, 0, -n)), true
	case is("week"):
		return s.weekMatch(i, i+3, s.day.AddDate(0, 0, -7*n)), true
	case is("month"):
		t := time.Date(s.day.Year(), s.day.Month()-time.Month(n), 1, 0, 0, 0, 0, s.loc)
		return s.monthMatch(i, i+3, t.Year(), t.Month()), true
	case is("year"):
		return s.yearMatch(i, i+3, s.day.Year()-n), true
	}
	return match{}, false
}

func countWord(w string) (int, bool) {
	switch {
	case eq(w, "a"), eq(w, "an"), eq(w, "one"):
		return 1, true
	case eq(w, "two"):
		return 2, true
	case eq(w, "three"):
		return 3, true
	case eq(w, "four"):
		return 4, true
	case eq(w, "five"):
		return 5, true
	case eq(w, "six"):
		return 6, true
	case eq(w, "seven"):
		return 7, true
	case eq(w, "eight"):
		return 8, true
	case eq(w, "nine"):
		return 9, true
	case eq(w, "ten"):
		return 10, true
	case eq(w, "eleven"):
		return 11, true
	case eq(w, "twelve"):
		return 12, true
	}
	return 0, false
}

func weekday(w string) (time.Weekday, bool) {
	switch {
	case eq(w, "sunday"):
		return time.Sunday, true
	case eq(w, "monday"):
		return time.Monday, true
	case eq(w, "tuesday"):
		return time.Tuesday, true
	case eq(w, "wednesday"):
		return time.Wednesday, true
	case eq(w, "thursday"):
		return time.Thursday, true
	case eq(w, "friday"):
		return time.Friday, true
	case eq(w, "saturday"):
		return time.Saturday, true
	}
	return 0, false
}

// monthName reads a month name or abbreviation at token i. A bare
// abbreviation ("Jan") is returned too; callers decide whether it stands.
func (s *scanner) monthName(i int) (time.Month, bool) {
	w := s.word(i)
	switch len(w) {
	case 3, 4:
		switch {
		case eq(w, "jan"):
			return time.January, true
		case eq(w, "feb"):
			return time.February, true
		case eq(w, "mar"):
			return time.March, true
		case eq(w, "apr"):
			return time.April, true
		case eq(w, "may"):
			return time.May, true
		case eq(w, "jun"), eq(w, "june"):
			return time.June, true
		case eq(w, "jul"), eq(w, "july"):
			return time.July, true
		case eq(w, "aug"):
			return time.August, true
		case eq(w, "sep"), eq(w, "sept"):
			return time.September, true
		case eq(w, "oct"):
			return time.October, true
		case eq(w, "nov"):
			return time.November, true
		case eq(w, "dec"):
			return time.December, true
		}
	default:
		switch {
		case eq(w, "january"):
			return time.January, true
		case eq(w, "february"):
			return time.February, true
		case eq(w, "march"):
			return time.March, true
		case eq(w, "april"):
			return time.April, true
		case eq(w, "august"):
			return time.August, true
		case eq(w, "september"):
			return time.September, true
		case eq(w, "october"):
			return time.October, true
		case eq(w, "november"):
			return time.November, true
		case eq(w, "december"):
			return time.December, true
		}
	}
	return 0, false
}

// isAbbrev reports whether the month word at i is an abbreviation rather
// than a full name ("May", "June" and "July" count as full names).
func (s *scanner) isAbbrev(i int) bool {
	w := s.word(i)
	return len(w) <= 4 && !eq(w, "may") && !eq(w, "june") && !eq(w, "july")
}

// monthEnd returns the token after the month word at i, past an
// abbreviation's full stop.
func (s *scanner) monthEnd(i int) int {
	if s.isAbbrev(i) && s.punct(i+1, '.') && s.adjacent(i) {
		return i + 2
	}
	return i + 1
}

// capital reports whether token i starts with an upper-case letter.
func (s *scanner) capital(i int) bool {
	c := s.text[s.toks[i].start]
	return c >= 'A' && c <= 'Z'
}

// day reads a day of the month (1-31, optionally ordinal) at token i.
func (s *scanner) dayNum(i int) (int, bool) {
	d, _, ok := s.num(i, 2)
	if !ok || d < 1 || d > 31 || s.adjacent(i) && s.toks[i+1].kind != kPunct {
		return 0, false
	}
	// "3:30", "3.5", "3,000" are not days.
	if s.adjacent(i) && (s.punct(i+1, ':') || (s.punct(i+1, '.') || s.punct(i+1, ',')) && i+2 < len(s.toks) && s.toks[i+2].kind == kNum && s.adjacent(i+1)) {
		return 0, false
	}
	return d, true
}

// yearAfter reads an optional ", 2024" / " 2024" / " of 2024" after token
// j, returning the year and the token after it.
func (s *scanner) yearAfter(j int) (int, int, bool) {
	k := j
	if s.punct(k, ',') || eq(s.word(k), "of") {
		k++
	}
	if y, ok := s.year(k); ok {
		return y, k + 1, true
	}
	return 0, j, false
}

// monthFirst reads "March 3", "Nov. 26, 2024", "February 2022" and bare
// "March" after a preposition.
func (s *scanner) monthFirst(i int, prep bool) (match, bool) {
	mo, ok := s.monthName(i)
	if !ok || !s.capital(i) {
		return match{}, false
	}
	j := s.monthEnd(i)
	if d, ok := s.dayNum(j); ok {
		return s.dayOfMonth(i, j+1, mo, d)
	}
	k := j
	if s.punct(k, ',') && !s.isAbbrev(i) {
		k++
	}
	if eq(s.word(k), "of") {
		k++
	}
	if y, ok := s.year(k); ok {
		return s.monthMatch(i, k+1, y, mo), true
	}
	if !prep || s.isAbbrev(i) || !s.hasRef {
		return match{}, false
	}
	y, m := s.day.Year(), s.day.Month()
	if s.future && mo < m {
		y++
	} else if !s.future && mo > m {
		y--
	}
	return s.monthMatch(i, j, y, mo), true
}

// dayFirst reads "3 March", "3rd of March 2024".
func (s *scanner) dayFirst(i int) (match, bool) {
	d, ok := s.dayNum(i)
	if !ok {
		return match{}, false
	}
	j := i + 1
	if eq(s.word(j), "of") {
		j++
	}
	mo, ok := s.monthName(j)
	if !ok || !s.capital(j) {
		return match{}, false
	}
	return s.dayOfMonth(i, s.monthEnd(j), mo, d)
}

// dayOfMonth completes a day of month mo that starts at word i and whose
// day and month end before word j: with a year after j ("March 3, 2024",
// "3 March 2024"), else resolved by tense against the article date.
func (s *scanner) dayOfMonth(i, j int, mo time.Month, d int) (match, bool) {
	if y, k, ok := s.yearAfter(j); ok {
		t, ok := s.date(y, mo, d)
		if !ok {
			return match{}, false
		}
		return s.dayMatch(i, k, t), true
	}
	if !s.hasRef {
		return match{}, false
	}
	t, ok := s.yearless(mo, d)
	if !ok {
		return match{}, false
	}
	return s.dayMatch(i, j, t), true
}

// yearless resolves a month and day without a year by tense: the latest
// such date on or before ref, or in the future the earliest on or after
// it. February 29 looks back (or ahead) to the nearest leap year.
func (s *scanner) yearless(mo time.Month, d int) (time.Time, bool) {
	y := s.day.Year()
	step := -1
	if s.future {
		step = 1
	}
	for n := 0; n < 9; n++ {
		t, ok := s.date(y, mo, d)
		if ok && (s.future && !t.Before(s.day) || !s.future && !t.After(s.day)) {
			return t, true
		}
		y += step
	}
	return time.Time{}, false
}
