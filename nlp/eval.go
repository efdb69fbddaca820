package nlp

// TreebankScores are the accuracies of a pipeline on a treebank with gold
// tokenization, as fractions in [0, 1].
type TreebankScores struct {
	// Sentences and Words count what was scored.
	Sentences, Words int
	// UPOS, XPOS and Lemma are the shares of words with the right
	// universal tag, Penn tag and lemma.
	UPOS, XPOS, Lemma float64
	// UAS is the share of words with the right head; LAS the share with the
	// right head and universal relation (CoNLL 2018: nsubj:pass counts as
	// nsubj); LASFull the share with the right head and full relation,
	// subtype included. Punctuation is included in all three.
	UAS, LAS, LASFull float64
	// Deps is the parse's full score sheet, in percent: the same
	// attachment scores, those without punctuation, and each relation's
	// precision, recall and F1.
	Deps DepScores
}

// EvaluateTreebank analyses the words of each gold sentence (gold
// tokenization) with the pipeline and scores tags, lemmas and the parse.
func (p *Pipeline) EvaluateTreebank(gold []TreebankSentence) TreebankScores {
	var sc TreebankScores
	heads := make([][]int, len(gold))
	rels := make([][]string, len(gold))
	var upos, xpos, lemma int
	for i := range gold {
		g := &gold[i]
		toks := make([]Token, len(g.Words))
		for j, w := range g.Words {
			toks[j].Text = w.Form
		}
		p.AnalyzeTokens(toks)
		heads[i] = make([]int, len(toks))
		rels[i] = make([]string, len(toks))
		for j, t := range toks {
			w := g.Words[j]
			if t.UPOS == w.UPOS {
				upos++
			}
			if t.XPOS == w.XPOS {
				xpos++
			}
			if t.Lemma == w.Lemma {
				lemma++
			}
			heads[i][j], rels[i][j] = t.Head, t.DepRel
		}
		sc.Words += len(toks)
	}
	sc.Sentences = len(gold)
	if sc.Words == 0 {
		return sc
	}
	n := float64(sc.Words)
	sc.UPOS, sc.XPOS, sc.Lemma = float64(upos)/n, float64(xpos)/n, float64(lemma)/n
	d := ScoreDeps(gold, heads, rels)
	sc.UAS, sc.LAS, sc.LASFull = d.UAS/100, d.UniversalLAS/100, d.LAS/100
	sc.Deps = d
	return sc
}
