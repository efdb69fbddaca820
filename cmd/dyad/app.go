package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/alert"
	"github.com/dyad-events/dyad/cameo"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dict"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/store"
)

// Main is what a command opens once and shares: the store that --db names
// (SQLite or PostgreSQL, through store.Open), the dictionaries, and the
// coder with the versions it stamps events with. A command sets the fields
// from its flags, asks for what it needs, and closes it at the end; the
// work itself is done by the packages.
type Main struct {
	env *cliEnv
	// DSN names the store (--db, $DYAD_DB): a SQLite file or a
	// postgres:// URL.
	DSN string
	// DictDir is laid over the embedded dictionaries (--dict).
	DictDir string
	// Limits bound what one article may cost the coder.
	Limits ingest.Limits

	store  dyad.Store
	dict   *dict.Dictionary
	coder  *coder.Coder
	coding dyad.Coding
}

// Store opens the store on first use: it is created when missing.
func (m *Main) Store(ctx context.Context) (dyad.Store, error) {
	if m.store == nil {
		s, err := store.Open(ctx, m.DSN)
		if err != nil {
			return nil, err
		}
		m.store = s
	}
	return m.store, nil
}

// ExistingStore is Store for commands that only read: a SQLite file that
// is not there is an error saying how to make one, not a new empty store.
func (m *Main) ExistingStore(ctx context.Context) (dyad.Store, error) {
	if kind, path, err := store.KindOf(m.DSN); err == nil && kind == store.SQLite {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no store at %s (run dyad ingest first, or pass --db)", path)
		}
	}
	return m.Store(ctx)
}

// Dict loads the dictionaries (the embedded ones, DictDir laid over them)
// on first use.
func (m *Main) Dict() (*dict.Dictionary, error) {
	if m.dict == nil {
		d, err := loadDict(m.DictDir)
		if err != nil {
			return nil, err
		}
		m.dict = d
	}
	return m.dict, nil
}

// Coder builds the coder on first use, with the dictionary and model
// versions it codes with, for the store to stamp events with.
func (m *Main) Coder() (*coder.Coder, dyad.Coding, error) {
	if m.coder == nil {
		d, err := m.Dict()
		if err != nil {
			return nil, dyad.Coding{}, err
		}
		an, err := loadAnalyzer()
		if err != nil {
			return nil, dyad.Coding{}, err
		}
		m.coding = dyad.Coding{Dictionary: d.Version(), Model: "unknown"}
		if p, ok := an.(*nlp.Pipeline); ok {
			m.coding.Model = p.Info.Version()
		}
		opts := coder.Options{Logger: m.env.log, Places: defaultPlaces(), MaxSentences: m.Limits.WithDefaults().MaxSentences}
		m.coder = coder.New(an, d, cameo.Default(), opts)
	}
	return m.coder, m.coding, nil
}

// Ingester returns the ingester that codes with the coder into the store,
// coding workers articles at once (0: one per CPU) and taking articles
// minSimilarity alike as copies (0: the default).
func (m *Main) Ingester(ctx context.Context, workers int, minSimilarity float64) (*ingest.Ingester, error) {
	s, err := m.Store(ctx)
	if err != nil {
		return nil, err
	}
	c, coding, err := m.Coder()
	if err != nil {
		return nil, err
	}
	return &ingest.Ingester{Coder: c, Store: s, Coding: coding, Workers: workers, MinSimilarity: minSimilarity, Limits: m.Limits}, nil
}

// Evaluator returns the alert rules' evaluator over the store.
func (m *Main) Evaluator(ctx context.Context) (*alert.Evaluator, error) {
	s, err := m.Store(ctx)
	if err != nil {
		return nil, err
	}
	return &alert.Evaluator{Store: s, Events: s, Logger: m.env.log}, nil
}

// Close closes the store, if it was opened.
func (m *Main) Close() error {
	if m.store == nil {
		return nil
	}
	err := m.store.Close()
	m.store = nil
	if err != nil {
		return fmt.Errorf("closing the store: %w", err)
	}
	return nil
}
