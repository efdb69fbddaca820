package nlp

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenTexts returns the token texts of all sentences, joined by spaces,
// with " | " between sentences.
func tokenTexts(sents []Sentence) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteString(" | ")
		}
		for j, t := range s.Tokens {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestTokenizeTable(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		// Contractions and clitics, as EWT splits its multi-word tokens.
		{"nt", "The envoys don't agree.", "The envoys do n't agree ."},
		{"im", "I'm sure we'll see.", "I 'm sure we 'll see ."},
		{"cannot", "Kyiv cannot accept it.", "Kyiv can not accept it ."},
		{"wont", "Moscow won't budge and can't retreat.", "Moscow wo n't budge and ca n't retreat ."},
		{"gonna", "They're gonna vote, we've heard, and they'd win.", "They 're gon na vote , we 've heard , and they 'd win ."},
		{"curly", "It’s clear they didn’t sign.", "It ’s clear they did n’t sign ."},
		{"should've", "He shouldn't've gone.", "He should n't 've gone ."},
		{"no apostrophe", "dont worry im fine", "do nt worry i m fine"},
		{"possessive", "Bush's aides met the ministers' deputies.", "Bush 's aides met the ministers ' deputies ."},
		{"its", "The alliance kept its promise.", "The alliance kept its promise ."},
		{"decade", "a hit in the 80's and the '90s", "a hit in the 80's and the '90s"},
		{"OBrien", "O'Brien met Senate staff.", "O'Brien met Senate staff ."},
		// Abbreviations and initials.
		{"US", "The U.S. envoy met Gen. Smith in Washington, D.C. at 5 p.m. on Jan. 3.",
			"The U.S. envoy met Gen. Smith in Washington , D.C. at 5 p.m. on Jan. 3 ."},
		{"initials", "George W. Bush and Mr. Putin spoke.", "George W. Bush and Mr. Putin spoke ."},
		{"initial title", "Foreign Minister S. Jaishankar said so.", "Foreign Minister S. Jaishankar said so ."},
		{"two initials", "Nepal's K. P. Sharma Oli met him.", "Nepal 's K. P. Sharma Oli met him ."},
		{"initial final", "The talks were led by S. Jaishankar. The minister left.", "The talks were led by S. Jaishankar . | The minister left ."},
		{"eg", "Some states, e.g. France, agreed.", "Some states , e.g. France , agreed ."},
		{"No.", "He ranked No. 5 in the poll.", "He ranked No. 5 in the poll ."},
		{"no end", "He said no. Then he left.", "He said no . | Then he left ."},
		{"US final", "Troops left the U.S. The war ended.", "Troops left the U.S . | The war ended ."},
		{"US final newline", "They came from the U.S.\nMore later", "They came from the U.S . | More later"},
		{"Inc paren", "Acme Inc. (ACME) rose.", "Acme Inc. ( ACME ) rose ."},
		// Numbers.
		{"numbers", "Aid rose 3.5% to $1,200 and 10:30 on 9/11.", "Aid rose 3.5 % to $ 1,200 and 10:30 on 9/11 ."},
		{"units", "It cost $2bn at 5pm.", "It cost $ 2 bn at 5 pm ."},
		{"range", "the 1990-1995 war, a 4-0 win, call 713-555-0100", "the 1990 - 1995 war , a 4 - 0 win , call 713-555-0100"},
		// Quotes, dashes, brackets.
		{"quotes", `"We will fight," he said.`, `" We will fight , " he said .`},
		{"curly quotes", "“Peace is near,” she said.", "“ Peace is near , ” she said ."},
		{"dashes", "The talks - or what was left - failed -- again — and again – twice.",
			"The talks - or what was left - failed -- again — and again – twice ."},
		{"parens", "The ministry (MoD) denied it.", "The ministry ( MoD ) denied it ."},
		{"ellipsis", "Well... maybe … later.", "Well ... maybe … later ."},
		// Hyphens: EWT keeps prefixes, splits compounds.
		{"hyphens", "A well-known anti-war group held a two-day e-mail campaign with co-founders.",
			"A well - known anti-war group held a two - day e-mail campaign with co-founders ."},
		// Links.
		{"url", "See https://example.org/news?id=5, then write.", "See https://example.org/news?id=5 , then write ."},
		{"www", "Visit www.example.com.", "Visit www.example.com ."},
		{"email", "Write to press@example.org.", "Write to press@example.org ."},
		{"url paren", "(see http://example.org/a_(b))", "( see http://example.org/a_(b) )"},
		// Sentence ends.
		{"two sentences", "Russia attacked. Ukraine responded.", "Russia attacked . | Ukraine responded ."},
		{"quote end", `He said: "The war is over." Then he left.`, `He said : " The war is over . " | Then he left .`},
		{"quote excl", `"Stop!" he shouted. Nobody did.`, `" Stop ! " he shouted . | Nobody did .`},
		{"paren end", "(The talks ended.) Both sides left.", "( The talks ended . ) | Both sides left ."},
		{"question", "Will they sign? Nobody knows!", "Will they sign ? | Nobody knows !"},
		{"headline", "Russia and Ukraine agree to talks\nThe two sides met on Monday.", "Russia and Ukraine agree to talks | The two sides met on Monday ."},
		{"blank line", "First paragraph\n\nSecond paragraph", "First paragraph | Second paragraph"},
		{"lower after period", "thanks. i will call.", "thanks . | i will call ."},
		// Datelines.
		{"dateline reuters", "KYIV, Nov 26 (Reuters) - Ukraine said on Tuesday it would talk.",
			"KYIV , Nov 26 ( Reuters ) - | Ukraine said on Tuesday it would talk ."},
		{"dateline dash", "WASHINGTON — The Senate voted.", "WASHINGTON — | The Senate voted ."},
		{"dateline agency", "NEW YORK (AP) -- Markets fell.", "NEW YORK ( AP ) -- | Markets fell ."},
		{"not dateline", "NATO officials — speaking privately — said so.", "NATO officials — speaking privately — said so ."},
		{"dateline paragraph", "Headline here\nLONDON, March 3 - Talks began.", "Headline here | LONDON , March 3 - | Talks began ."},
		{"dateline hyphenated place", "PORT-AU-PRINCE, June 25 - Police arrived.", "PORT - AU - PRINCE , June 25 - | Police arrived ."},
		{"dateline colon", "OSLO: Norway voted.", "OSLO : | Norway voted ."},
		{"dateline title colon", "Quito, March 3: the party objected.", "Quito , March 3 : | the party objected ."},
		{"dateline title dash", "Manila – The navy sailed.", "Manila – | The navy sailed ."},
		{"dateline agency no dash", "LIMA (EFE) On Monday, police left.", "LIMA ( EFE ) | On Monday , police left ."},
		{"not dateline hyphen", "Kabul-based groups met.", "Kabul - based groups met ."},
		{"not dateline paired dash", "The Union – a new party – won.", "The Union – a new party – won ."},
		{"not dateline title agency", "Human Rights Watch (HRW) On Monday said so.", "Human Rights Watch ( HRW ) On Monday said so ."},
		{"not dateline subject", "Moscow rejected the plan.", "Moscow rejected the plan ."},
		// Degenerate input.
		{"empty", "", ""},
		{"spaces", " \n\t ", ""},
		{"punct only", "?!", "?!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tokenTexts(Tokenize(c.in))
			if got != c.want {
				t.Errorf("Tokenize(%q)\n got: %s\nwant: %s", c.in, got, c.want)
			}
		})
	}
}

func TestTokenizeOffsets(t *testing.T) {
	in := "They don't know.  Mr. Lee’s plan failed!"
	sents := Tokenize(in)
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2: %s", len(sents), tokenTexts(sents))
	}
	if got := in[sents[0].Start:sents[0].End]; got != "They don't know." {
		t.Errorf("sentence 0 = %q", got)
	}
	if got := in[sents[1].Start:sents[1].End]; got != "Mr. Lee’s plan failed!" {
		t.Errorf("sentence 1 = %q", got)
	}
	do, nt := sents[0].Tokens[1], sents[0].Tokens[2]
	if do.Text != "do" || do.Start != 5 || do.End != 7 || nt.Text != "n't" || nt.Start != 7 || nt.End != 10 {
		t.Errorf("don't split as %+v %+v", do, nt)
	}
	for _, s := range sents {
		for _, tok := range s.Tokens {
			if in[tok.Start:tok.End] != tok.Text {
				t.Errorf("token %q at %d:%d is %q in the input", tok.Text, tok.Start, tok.End, in[tok.Start:tok.End])
			}
			if tok.Head != -1 || tok.UPOS != "" {
				t.Errorf("token %q has analysis fields set: %+v", tok.Text, tok)
			}
		}
	}
	pos := sents[1].Tokens[2]
	if pos.Text != "’s" || in[pos.Start:pos.End] != "’s" {
		t.Errorf("curly possessive = %+v", pos)
	}
}

func TestTokenizeInvalidUTF8(t *testing.T) {
	in := "Kyi\xffv said \xc3 no. \x80"
	sents := Tokenize(in)
	got := tokenTexts(sents)
	want := "Kyi\uFFFDv said \uFFFD no . | \uFFFD"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	tok := sents[0].Tokens[0]
	if tok.Start != 0 || tok.End != 5 {
		t.Errorf("offsets of first token = %d:%d, want 0:5", tok.Start, tok.End)
	}
}

// checkTokenization verifies the invariants of a Tokenize result.
func checkTokenization(t *testing.T, in string, sents []Sentence) {
	t.Helper()
	valid := utf8.ValidString(in)
	prevEnd := 0
	for si, s := range sents {
		if s.Start < prevEnd || s.End > len(in) || s.Start >= s.End {
			t.Fatalf("sentence %d span %d:%d out of order or bounds (prev end %d, len %d)", si, s.Start, s.End, prevEnd, len(in))
		}
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d is empty", si)
		}
		if s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
			t.Fatalf("sentence %d span %d:%d does not match its tokens", si, s.Start, s.End)
		}
		for _, tok := range s.Tokens {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.Start < s.Start || tok.End > s.End {
				t.Fatalf("token %q span %d:%d out of order or outside sentence %d:%d", tok.Text, tok.Start, tok.End, s.Start, s.End)
			}
			if valid && tok.Text != in[tok.Start:tok.End] {
				t.Fatalf("token text %q differs from input %q", tok.Text, in[tok.Start:tok.End])
			}
			if !utf8.ValidString(tok.Text) {
				t.Fatalf("token text %q is not valid UTF-8", tok.Text)
			}
			prevEnd = tok.End
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"KYIV, Nov 26 (Reuters) - Ukraine said it can't accept the U.S. plan.",
		"WASHINGTON — \"We won't,\" he said. Then... (nothing)!\n\nNext para",
		"Mail press@example.org or see https://example.org/a(b). $1,200.50 on 9/11 at 5pm.",
		"I'm gonna say it’s the ministers' deal -- e-mail me; 713-555-0100.",
		"bad \xff\xfe bytes \xc3", "'90s", "No. 5", "a.m.", "U.S.\"", "-", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkTokenization(t, in, Tokenize(in))
	})
}

// pudText rebuilds the raw text of the PUD treebank from its "# text"
// lines, one sentence per line.
func pudText(b *testing.B) string {
	f, err := os.Open(treebankPath(b, "ud-pud", "en_pud-ud-test.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if text, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
			sb.WriteString(text)
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

func BenchmarkTokenize(b *testing.B) {
	text := pudText(b)
	ntok := 0
	for _, s := range Tokenize(text) {
		ntok += len(s.Tokens)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Tokenize(text)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
