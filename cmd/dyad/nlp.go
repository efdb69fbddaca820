package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/dyad-events/dyad/nlp"
)

// runNLP trains, evaluates and runs the language pipeline.
func runNLP(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" {
		nlpUsage(env.stderr)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "train":
		return runNLPTrain(ctx, env, args[1:])
	case "eval":
		return runNLPEval(ctx, env, args[1:])
	case "parse":
		return runNLPParse(ctx, env, args[1:])
	}
	nlpUsage(env.stderr)
	return usagef("nlp: unknown subcommand %q (want train, eval or parse)", args[0])
}

func nlpUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: dyad nlp <subcommand> [flags]

  train [--treebank DIR] [--out FILE]  train the tagger, lemmatizer and parser from a UD treebank
  eval --treebank FILE.conllu          tagging, lemma and attachment scores; word and sentence F1
  parse [FILE...]                      analyse raw text (files, or stdin) and print CoNLL-U

Run dyad help nlp SUBCOMMAND for its flags.
`)
}

func runNLPTrain(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dyad nlp train", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	treebank := fs.String("treebank", "../shared/ud-ewt", "directory with the UD treebank's *-ud-train.conllu and *-ud-dev.conllu")
	out := fs.String("out", "nlp/model/en-ewt.model.gz", "where to write the model")
	folds := fs.Int("folds", 5, "jackknife folds for the parser's training tags (1 = gold tags)")
	tagIter := fs.Int("tagger-iterations", 0, "tagger training iterations (0 = the tagger's default)")
	tagMin := fs.Float64("tagger-min-weight", 0, "drop tagger weights below this magnitude (0 = default)")
	parIter := fs.Int("parser-iterations", 0, "parser training iterations (0 = the parser's default)")
	parMin := fs.Float64("parser-min-weight", 0, "drop parser weights below this magnitude (0 = default)")
	seed := fs.Int64("seed", 1, "random seed for the parser's exploration")
	tagAlt := fs.Bool("parser-tag-alternatives", false, "train a parser that also reads the tagger's runner-up tag of words it was unsure of (see README: more accurate, about 6% slower)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dyad nlp train [--treebank DIR] [--out FILE] [flags]\n\nBuilds the tagger, lemmatizer and parser from a UD treebank (train split; dev for early stopping only).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg := nlp.TrainConfig{
		Treebank: *treebank, Folds: *folds,
		Tagger: nlp.TaggerOptions{Iterations: *tagIter, MinWeight: float32(*tagMin)},
		Parser: nlp.ParserOptions{Iterations: *parIter, MinWeight: float32(*parMin), Seed: *seed, TagAlternatives: *tagAlt},
		Log:    env.log,
	}
	p, err := nlp.Train(ctx, cfg)
	if err != nil {
		return err
	}
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := p.WriteModel(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", *out, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	env.log.Info("model written", "path", *out, "bytes", st.Size())
	return nil
}

func loadPipeline(path string) (*nlp.Pipeline, error) {
	if path == "" {
		return nlp.Load()
	}
	return nlp.LoadFile(path)
}

func runNLPEval(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dyad nlp eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	treebank := fs.String("treebank", "", "CoNLL-U file to evaluate on (required)")
	model := fs.String("model", "", "model file (default: the embedded model)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dyad nlp eval --treebank FILE.conllu [--model FILE]\n\nPrints UPOS, XPOS, lemma accuracy, UAS and LAS with gold tokenization,\nand word and sentence F1 when starting from the raw text.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *treebank == "" {
		fs.Usage()
		return errUsage
	}
	start := time.Now()
	p, err := loadPipeline(*model)
	if err != nil {
		return err
	}
	loadTime := time.Since(start)
	sents, err := nlp.ReadCoNLLUFile(*treebank)
	if err != nil {
		return err
	}
	start = time.Now()
	sc := p.EvaluateTreebank(sents)
	elapsed := time.Since(start)
	seg := nlp.EvaluateSegmentation(sents)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	w := env.stdout
	fmt.Fprintf(w, "treebank   %s (%d sentences, %d words)\n", *treebank, sc.Sentences, sc.Words)
	fmt.Fprintf(w, "gold tokenization:\n")
	fmt.Fprintf(w, "  UPOS     %6.2f%%\n  XPOS     %6.2f%%\n  Lemma    %6.2f%%\n", 100*sc.UPOS, 100*sc.XPOS, 100*sc.Lemma)
	fmt.Fprintf(w, "  UAS      %6.2f%%\n  LAS      %6.2f%%   (universal relation, CoNLL 2018)\n  LAS full %6.2f%%   (relation with subtype)\n", 100*sc.UAS, 100*sc.LAS, 100*sc.LASFull)
	fmt.Fprintf(w, "raw text:\n  words    P %6.2f%%  R %6.2f%%  F1 %6.2f%%\n  sentences P %5.2f%%  R %6.2f%%  F1 %6.2f%%\n",
		100*seg.WordPrecision, 100*seg.WordRecall, 100*seg.WordF1, 100*seg.SentencePrecision, 100*seg.SentenceRecall, 100*seg.SentenceF1)
	fmt.Fprintf(w, "model load %v; tag+lemma+parse %.0f sentences/s; heap in use %.0f MB\n",
		loadTime.Round(time.Millisecond), float64(sc.Sentences)/elapsed.Seconds(), float64(ms.HeapInuse)/(1<<20))
	return nil
}

func runNLPParse(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("dyad nlp parse", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	model := fs.String("model", "", "model file (default: the embedded model)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dyad nlp parse [--model FILE] [FILE...]\n\nAnalyses raw text (files, or stdin) and prints CoNLL-U.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := loadPipeline(*model)
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	for _, in := range inputs {
		var data []byte
		if in == "-" {
			data, err = io.ReadAll(env.stdin)
		} else {
			data, err = os.ReadFile(in)
		}
		if err != nil {
			return err
		}
		if err := nlp.WriteCoNLLU(env.stdout, p.Process(string(data))); err != nil {
			return err
		}
	}
	return nil
}
