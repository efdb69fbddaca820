package nlp

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// smallWeightTable returns a frozen table of three features.
func smallWeightTable() *weightTable {
	p := newAveragedPerceptron(5)
	for i := range 20 {
		p.tick()
		p.update([]uint64{featKey(1), featKey(2)}, i%5, 1)
		p.update([]uint64{featKey(3)}, (i+2)%5, -1)
	}
	return p.freeze(0)
}

func TestWeightTableRoundTrip(t *testing.T) {
	w := smallWeightTable()
	var buf bytes.Buffer
	if err := w.writeTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, rest, err := decodeWeightTable(append(buf.Bytes(), 7))
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 1 || rest[0] != 7 {
		t.Errorf("rest = %v, want the one byte after the table", rest)
	}
	feats := []uint64{featKey(1), featKey(2), featKey(3), featKey(4)}
	a, b := make([]float32, 5), make([]float32, 5)
	w.score(feats, a)
	r.score(feats, b)
	if a[0] == 0 && a[1] == 0 && a[2] == 0 {
		t.Fatalf("scores all zero: %v", a)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("scores after a round trip %v, before %v", b, a)
		}
	}
	for cut := 0; cut < buf.Len(); cut += 3 {
		if _, _, err := decodeWeightTable(buf.Bytes()[:cut]); err == nil {
			t.Errorf("table cut at %d of %d bytes: no error", cut, buf.Len())
		}
	}
}

// TestWeightTableEmptyRow checks that a feature with no cells, which
// writeTo never writes but a model file may hold, scores nothing.
func TestWeightTableEmptyRow(t *testing.T) {
	b := binary.LittleEndian.AppendUint64(nil, 3)   // classes
	b = binary.LittleEndian.AppendUint64(b, 1)      // features
	b = binary.LittleEndian.AppendUint64(b, 0)      // scale
	b = binary.LittleEndian.AppendUint64(b, 0x1234) // key
	b = append(b, 0)                                // no cells
	w, rest, err := decodeWeightTable(b)
	if err != nil || len(rest) != 0 {
		t.Fatalf("decode: %v, %d bytes left", err, len(rest))
	}
	sc := make([]float32, 3)
	w.score([]uint64{0x1234, 7}, sc)
	if sc[0] != 0 || sc[1] != 0 || sc[2] != 0 {
		t.Errorf("scores %v, want zeros", sc)
	}
}

// FuzzDecodeWeightTable checks that any bytes decode without a panic into
// a table whose rows lie inside it and whose classes are in range, or
// give an error.
func FuzzDecodeWeightTable(f *testing.F) {
	var buf bytes.Buffer
	smallWeightTable().writeTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		w, rest, err := decodeWeightTable(data)
		if err != nil {
			return
		}
		if len(rest) > len(data) {
			t.Fatalf("rest longer than the input")
		}
		for i, s := range w.slots {
			if s.key == 0 {
				continue
			}
			for _, c := range w.row(i) {
				if int(c.cls) >= w.nclass {
					t.Fatalf("class %d of %d", c.cls, w.nclass)
				}
			}
		}
		w.score([]uint64{1, 2, 3}, make([]float32, w.nclass))
	})
}
