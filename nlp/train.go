package nlp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"
)

// TrainConfig says how to build a model from UD treebank directories.
type TrainConfig struct {
	// Treebanks are directories each holding one *-train.conllu and one
	// *-dev.conllu file (as UD releases name them, *-ud-train.conllu);
	// the model is trained on all their train files together, and their
	// dev files together pick the best training passes.
	Treebanks []string
	// Folds is the number of jackknife folds used to give the parser
	// realistic (predicted) tags to train on; 0 or 1 trains it on gold
	// tags.
	Folds int
	// Tagger and Parser are the component options.
	Tagger TaggerOptions
	Parser ParserOptions
	// Log receives progress; nil discards it.
	Log *slog.Logger
}

// Train builds a pipeline from the treebanks named by cfg: lemmatizer and
// tagger on the train files, parser on jackknifed tags.
func Train(ctx context.Context, cfg TrainConfig) (*Pipeline, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if len(cfg.Treebanks) == 0 {
		return nil, errors.New("train: no treebank")
	}
	var train, dev []TreebankSentence
	var names []string
	for _, dir := range cfg.Treebanks {
		trainPath, err := findTreebankFile(dir, "train")
		if err != nil {
			return nil, err
		}
		devPath, err := findTreebankFile(dir, "dev")
		if err != nil {
			return nil, err
		}
		tr, err := ReadCoNLLUFile(trainPath)
		if err != nil {
			return nil, err
		}
		dv, err := ReadCoNLLUFile(devPath)
		if err != nil {
			return nil, err
		}
		log.Info("treebank read", "train", trainPath, "sentences", len(tr), "dev", devPath, "dev_sentences", len(dv))
		train, dev = append(train, tr...), append(dev, dv...)
		names = append(names, filepath.Base(trainPath))
	}
	start := time.Now()

	lem := TrainLemmatizer(train)
	log.Info("lemmatizer trained", "elapsed", time.Since(start).Round(time.Millisecond))

	cfg.Tagger.Log = log
	tagger, err := TrainTagger(train, dev, cfg.Tagger)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	log.Info("tagger trained", "elapsed", time.Since(start).Round(time.Second))
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	parserTrain := train
	if cfg.Folds > 1 {
		parserTrain, err = JackknifeTags(train, cfg.Folds, cfg.Tagger)
		if err != nil {
			return nil, fmt.Errorf("jackknife: %w", err)
		}
		log.Info("jackknifed tags for the parser", "folds", cfg.Folds, "elapsed", time.Since(start).Round(time.Second))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parserDev := retag(tagger, dev)
	cfg.Parser.Log = log
	parser, err := TrainParser(parserTrain, parserDev, cfg.Parser)
	if err != nil {
		return nil, fmt.Errorf("parser: %w", err)
	}
	log.Info("parser trained", "elapsed", time.Since(start).Round(time.Second))

	info := ModelInfo{
		Treebank: strings.Join(names, "+"),
		Trained:  time.Now().UTC().Format(time.RFC3339),
		Options: map[string]any{
			"folds":                    cfg.Folds,
			"tagger_iterations":        cfg.Tagger.Iterations,
			"tagger_min_weight":        cfg.Tagger.MinWeight,
			"parser_iterations":        cfg.Parser.Iterations,
			"parser_min_weight":        cfg.Parser.MinWeight,
			"parser_seed":              cfg.Parser.Seed,
			"parser_tag_alternatives":  cfg.Parser.TagAlternatives,
			"parser_beam":              cfg.Parser.Beam,
			"parser_greedy_iterations": cfg.Parser.GreedyIterations,
		},
	}
	return NewPipeline(info, tagger, lem, parser), nil
}

// retag returns a copy of sents whose UPOS, XPOS and AltUPOS are predicted
// by t.
func retag(t *Tagger, sents []TreebankSentence) []TreebankSentence {
	out := make([]TreebankSentence, len(sents))
	for i, s := range sents {
		words := make([]TreebankWord, len(s.Words))
		copy(words, s.Words)
		forms := s.Forms()
		upos, xpos, alt := make([]string, len(forms)), make([]string, len(forms)), make([]string, len(forms))
		t.TagAlternatives(forms, upos, xpos, alt)
		for j := range words {
			words[j].UPOS, words[j].XPOS, words[j].AltUPOS = upos[j], xpos[j], alt[j]
		}
		s.Words = words
		out[i] = s
	}
	return out
}

// findTreebankFile finds the one *-<part>.conllu file in dir.
func findTreebankFile(dir, part string) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, "*-"+part+".conllu"))
	if err != nil {
		return "", fmt.Errorf("treebank %s: %w", dir, err)
	}
	if len(m) != 1 {
		return "", fmt.Errorf("treebank %s: want one *-%s.conllu file, found %d", dir, part, len(m))
	}
	return m[0], nil
}
