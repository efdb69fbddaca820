package nlp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// embeddedModel is the default English model, trained on UD English EWT by
// `dyad nlp train` and compressed with gzip.
//
//go:embed model/en-ewt.model.gz
var embeddedModel []byte

// modelMagic opens every model file.
const modelMagic = "dyad-nlp-model 1\n"

// ModelInfo describes how a model was trained; it is stored in the model.
type ModelInfo struct {
	// Treebank names the training data.
	Treebank string `json:"treebank"`
	// Trained is when the model was built (RFC 3339).
	Trained string `json:"trained"`
	// Options records the training settings.
	Options map[string]any `json:"options,omitempty"`
}

// Pipeline is the whole English pipeline: segmenter, tokenizer, tagger,
// lemmatizer and parser. Build it once (Load) and share it: it is safe for
// concurrent use.
type Pipeline struct {
	Info       ModelInfo
	tagger     *Tagger
	lemmatizer *Lemmatizer
	parser     *Parser
	scratch    sync.Pool // *pipelineScratch
}

type pipelineScratch struct {
	words, upos, xpos, rels []string
	heads                   []int
	// alt holds the tagger's runner-up tags of a document's tokens from
	// tagging to parsing, when the parser reads them.
	alt []string
}

// NewPipeline assembles a pipeline from trained parts.
func NewPipeline(info ModelInfo, t *Tagger, l *Lemmatizer, p *Parser) *Pipeline {
	return &Pipeline{Info: info, tagger: t, lemmatizer: l, parser: p}
}

// Load returns the pipeline with the embedded default model.
func Load() (*Pipeline, error) {
	p, err := ReadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return p, nil
}

// LoadFile returns a pipeline with the model in a file written by
// WriteModel (gzip-compressed).
func LoadFile(path string) (*Pipeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// ReadModel reads a gzip-compressed model written by WriteModel.
func ReadModel(r io.Reader) (*Pipeline, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a gzip-compressed model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a dyad nlp model (bad header)")
	}
	line, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("model info: %w", err)
	}
	var info ModelInfo
	if err := json.Unmarshal(line, &info); err != nil {
		return nil, fmt.Errorf("model info: %w", err)
	}
	var sections [3][]byte
	for i, name := range sectionNames {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%s section length: %w", name, err)
		}
		if n > maxSectionBytes {
			return nil, fmt.Errorf("%s section: implausible length %d", name, n)
		}
		sections[i] = make([]byte, n)
		if _, err := io.ReadFull(br, sections[i]); err != nil {
			return nil, fmt.Errorf("%s section: %w", name, err)
		}
	}
	t, err := ReadTagger(bytes.NewReader(sections[0]))
	if err != nil {
		return nil, err
	}
	l, err := ReadLemmatizer(bytes.NewReader(sections[1]))
	if err != nil {
		return nil, err
	}
	ps, err := ReadParser(bytes.NewReader(sections[2]))
	if err != nil {
		return nil, err
	}
	return NewPipeline(info, t, l, ps), nil
}

// sectionNames are the parts of a model file, in order; each is written as
// a uvarint length and the part's own (checksummed) format.
var sectionNames = [3]string{"tagger", "lemmatizer", "parser"}

// maxSectionBytes bounds a model section, so a corrupt length cannot
// allocate without limit.
const maxSectionBytes = 1 << 30

// WriteModel writes the pipeline's model, gzip-compressed.
func (p *Pipeline) WriteModel(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	info, err := json.Marshal(p.Info)
	if err != nil {
		return err
	}
	bw.WriteString(modelMagic)
	bw.Write(info)
	bw.WriteByte('\n')
	parts := [3]io.WriterTo{p.tagger, p.lemmatizer, p.parser}
	for i, part := range parts {
		var sec bytes.Buffer
		if _, err := part.WriteTo(&sec); err != nil {
			return fmt.Errorf("%s: %w", sectionNames[i], err)
		}
		var tmp [binary.MaxVarintLen64]byte
		bw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(sec.Len()))])
		bw.Write(sec.Bytes())
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// maxSentenceTokens caps the tokens analysed per sentence: a longer
// "sentence" (a table, a list without punctuation) is cut into pieces of
// this size so that time and memory stay linear in the input.
const maxSentenceTokens = 250

// Process analyses raw text: sentences, tokens, tags, lemmas and
// dependency trees. All sentences are tagged before any is parsed, so each
// model's weights stay in the processor's caches for a whole document.
func (p *Pipeline) Process(text string) *Document {
	doc := &Document{Text: text, Sentences: Tokenize(text)}
	doc.Sentences = splitLong(doc.Sentences, maxSentenceTokens)
	var alt []string // per token of the document, when the parser reads it
	var sc *pipelineScratch
	if p.parser != nil && p.parser.alt {
		total := 0
		for _, s := range doc.Sentences {
			total += len(s.Tokens)
		}
		sc = p.getScratch(0)
		if cap(sc.alt) < total {
			sc.alt = make([]string, total, total+total/2)
		}
		alt = sc.alt[:total]
		defer func() {
			clear(alt)
			p.putScratch(sc)
		}()
	}
	off := 0
	for i := range doc.Sentences {
		toks := doc.Sentences[i].Tokens
		p.tagTokens(toks, sliceOrNil(alt, off, len(toks)))
		off += len(toks)
	}
	off = 0
	for i := range doc.Sentences {
		toks := doc.Sentences[i].Tokens
		p.parseTokens(toks, sliceOrNil(alt, off, len(toks)))
		off += len(toks)
	}
	return doc
}

// sliceOrNil returns s[off:off+n], or nil when s is nil.
func sliceOrNil(s []string, off, n int) []string {
	if s == nil {
		return nil
	}
	return s[off : off+n]
}

// splitLong cuts sentences longer than n tokens into pieces of at most n.
func splitLong(sents []Sentence, n int) []Sentence {
	long := false
	for _, s := range sents {
		if len(s.Tokens) > n {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	out := make([]Sentence, 0, len(sents)+1)
	for _, s := range sents {
		for len(s.Tokens) > n {
			head := s.Tokens[:n:n]
			out = append(out, Sentence{Start: head[0].Start, End: head[n-1].End, Tokens: head})
			s.Tokens = s.Tokens[n:]
			s.Start = s.Tokens[0].Start
		}
		out = append(out, s)
	}
	return out
}

// AnalyzeTokens tags, lemmatises and parses one sentence whose tokens'
// Text is set, filling UPOS, XPOS, Lemma, Head and DepRel in place.
func (p *Pipeline) AnalyzeTokens(toks []Token) {
	if p.parser == nil || !p.parser.alt {
		p.tagTokens(toks, nil)
		p.parseTokens(toks, nil)
		return
	}
	sc := p.getScratch(0)
	if cap(sc.alt) < len(toks) {
		sc.alt = make([]string, len(toks), len(toks)+len(toks)/2)
	}
	alt := sc.alt[:len(toks)]
	p.tagTokens(toks, alt)
	p.parseTokens(toks, alt)
	clear(alt)
	p.putScratch(sc)
}

// getScratch returns scratch slices for a sentence of n tokens.
func (p *Pipeline) getScratch(n int) *pipelineScratch {
	sc, _ := p.scratch.Get().(*pipelineScratch)
	if sc == nil {
		sc = &pipelineScratch{}
	}
	if cap(sc.words) < n {
		c := max(n, 64)
		sc.words, sc.upos, sc.xpos, sc.rels = make([]string, c), make([]string, c), make([]string, c), make([]string, c)
		sc.heads = make([]int, c)
	}
	return sc
}

func (p *Pipeline) putScratch(sc *pipelineScratch) {
	clear(sc.words)
	clear(sc.upos)
	clear(sc.xpos)
	clear(sc.rels)
	p.scratch.Put(sc)
}

// tagTokens fills UPOS, XPOS and Lemma, and alt, when not nil, with the
// runner-up tags (Tagger.TagAlternatives).
func (p *Pipeline) tagTokens(toks []Token, alt []string) {
	n := len(toks)
	if n == 0 {
		return
	}
	sc := p.getScratch(n)
	words, upos, xpos := sc.words[:n], sc.upos[:n], sc.xpos[:n]
	for i := range toks {
		words[i] = toks[i].Text
	}
	if alt != nil {
		p.tagger.TagAlternatives(words, upos, xpos, alt)
	} else {
		p.tagger.Tag(words, upos, xpos)
	}
	for i := range toks {
		t := &toks[i]
		t.UPOS, t.XPOS = upos[i], xpos[i]
		t.Lemma = p.lemmatizer.Lemma(t.Text, t.UPOS, t.XPOS)
	}
	p.putScratch(sc)
}

// parseTokens fills Head and DepRel from the tokens' text and tags, and
// the runner-up tags alt (nil when the parser does not read them).
func (p *Pipeline) parseTokens(toks []Token, alt []string) {
	n := len(toks)
	if n == 0 {
		return
	}
	sc := p.getScratch(n)
	words, upos, xpos, rels, heads := sc.words[:n], sc.upos[:n], sc.xpos[:n], sc.rels[:n], sc.heads[:n]
	for i := range toks {
		words[i], upos[i], xpos[i] = toks[i].Text, toks[i].UPOS, toks[i].XPOS
	}
	p.parser.ParseAlternatives(words, upos, xpos, alt, heads, rels)
	for i := range toks {
		toks[i].Head, toks[i].DepRel = heads[i], rels[i]
	}
	p.putScratch(sc)
}
