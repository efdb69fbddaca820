package nlp

import (
	"strings"
	"testing"
)

// FuzzReadCoNLLU feeds arbitrary text to the CoNLL-U reader (treebanks are
// files from outside: dyad nlp train and eval read them): it must not
// panic, and what it accepts is sentences whose words are numbered in
// order with heads inside the sentence and whose multi-word tokens cover
// words in order.
func FuzzReadCoNLLU(f *testing.F) {
	f.Add("# sent_id = s1\n# text = Kenya won't sign.\n" +
		"1\tKenya\tKenya\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n" +
		"2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\two\twill\tAUX\tMD\t_\t4\taux\t_\t_\n" +
		"3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n" +
		"4\tsign\tsign\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"4.1\tit\tit\tPRON\tPRP\t_\t_\t_\t_\t_\n" +
		"5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n")
	f.Add("# newdoc\n# newpar\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n")
	f.Add("1\tone\t_\t_\t_\t_\t9\tdep\t_\t_\n\n")
	f.Add("1\ttoo\tfew\tcolumns\n")
	f.Add("0-1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n1\tx\t_\t_\t_\t_\t0\troot\t_\t_\n\n") // a range from word 0 once panicked
	f.Add("2\tskipped\t_\t_\t_\t_\t0\troot\t_\t_\n")
	f.Add("3-2\tbackwards\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Add("\n\n#\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLU(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("error does not name the line: %v", err)
			}
			return
		}
		for _, s := range sents {
			if s.Line < 1 {
				t.Errorf("sentence %q at line %d", s.ID, s.Line)
			}
			for i, w := range s.Words {
				if w.Head < -1 || w.Head >= len(s.Words) {
					t.Errorf("sentence at line %d: word %d has head %d of %d words", s.Line, i+1, w.Head+1, len(s.Words))
				}
			}
			for _, m := range s.MultiWord {
				if m.First > m.Last {
					t.Errorf("sentence at line %d: multi-word token %q covers %d..%d", s.Line, m.Form, m.First+1, m.Last+1)
				}
			}
		}
	})
}
