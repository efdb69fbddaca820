package nlp

import (
	"log/slog"
	"os"
	"strconv"
	"testing"
)

// TestRetrainParser is the experiment behind README's table of parser
// variants, run only on request (it takes minutes): it retrains the
// parser alone, on 10-fold jackknifed tags of EWT train with the embedded
// tagger and lemmatizer, and logs EWT dev and PUD scores of the result.
//
//	DYAD_RETRAIN_PARSER=1 [DYAD_RETRAIN_MIN_WEIGHT=1.0] [DYAD_RETRAIN_TAG_ALTERNATIVES=1] \
//	  go test ./nlp -run TestRetrainParser -v -timeout 60m
//
// With neither option it must reproduce the embedded model's scores.
func TestRetrainParser(t *testing.T) {
	if os.Getenv("DYAD_RETRAIN_PARSER") == "" {
		t.Skip("set DYAD_RETRAIN_PARSER=1 to retrain the parser (minutes)")
	}
	base := testPipeline(t)
	train := loadTreebank(t, "ud-ewt", "en_ewt-ud-train.conllu")
	dev := loadTreebank(t, "ud-ewt", "en_ewt-ud-dev.conllu")
	pud := loadTreebank(t, "ud-pud", "en_pud-ud-test.conllu")
	opt := ParserOptions{Iterations: 20, Seed: 1, TagAlternatives: os.Getenv("DYAD_RETRAIN_TAG_ALTERNATIVES") != ""}
	if v := os.Getenv("DYAD_RETRAIN_MIN_WEIGHT"); v != "" {
		w, err := strconv.ParseFloat(v, 32)
		if err != nil {
			t.Fatalf("DYAD_RETRAIN_MIN_WEIGHT: %v", err)
		}
		opt.MinWeight = float32(w)
	}
	if testing.Verbose() {
		opt.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	jk, err := JackknifeTags(train, 10, TaggerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	parser, err := TrainParser(jk, retag(base.tagger, dev), opt)
	if err != nil {
		t.Fatal(err)
	}
	p := NewPipeline(base.Info, base.tagger, base.lemmatizer, parser)
	reproduce := !opt.TagAlternatives && opt.MinWeight == 0
	for _, c := range []struct {
		name  string
		sents []TreebankSentence
	}{{"EWT dev", dev}, {"PUD", pud}} {
		sc := p.EvaluateTreebank(c.sents)
		t.Logf("%s: UAS %.2f LAS %.2f", c.name, 100*sc.UAS, 100*sc.LAS)
		if want := base.EvaluateTreebank(c.sents); reproduce && (sc.UAS != want.UAS || sc.LAS != want.LAS) {
			t.Errorf("%s: retrained with the embedded model's settings: UAS %.2f LAS %.2f, embedded model UAS %.2f LAS %.2f",
				c.name, 100*sc.UAS, 100*sc.LAS, 100*want.UAS, 100*want.LAS)
		}
	}
}
