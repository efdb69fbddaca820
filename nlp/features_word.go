package nlp

// Word-shape helpers shared by the tagger and the lemmatizer. Everything here
// works on bytes and hashes directly, so nothing allocates.

// lowerByte folds an ASCII upper-case letter to lower case.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// normByte is the byte used for a word's identity features: ASCII lower
// case, with every digit folded to '0' so that "1984" and "2001" share
// their features.
func normByte(c byte) byte {
	if '0' <= c && c <= '9' {
		return '0'
	}
	return lowerByte(c)
}

// mixNorm mixes the normalised bytes of s (see normByte) into h; the result
// is the same as mixString of the normalised string.
func mixNorm(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(normByte(s[i]))
		h *= fnvPrime
	}
	h ^= 0xff
	h *= fnvPrime
	return h
}

// appendNorm appends the normalised form of s to b.
func appendNorm(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, normByte(s[i]))
	}
	return b
}

// appendLower appends s with ASCII letters in lower case to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, lowerByte(s[i]))
	}
	return b
}

// Word flags, combined into a bit set by wordFlags.
const (
	flagUpperFirst = 1 << iota // first byte is an upper-case ASCII letter
	flagAllUpper               // has letters and all of them are upper case
	flagHasUpper               // some letter after the first is upper case
	flagHasDigit
	flagAllDigit // only digits and number punctuation (, . -)
	flagHasHyphen
	flagHasPeriod
	flagNonASCII
	flagNoLetter // no letter or digit at all (punctuation, symbols)
)

// wordFlags returns the flag bits of w.
func wordFlags(w string) int {
	f := 0
	letters, upper, digits, alnum := 0, 0, 0, 0
	numPunct := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
			upper++
			alnum++
			if i == 0 {
				f |= flagUpperFirst
			} else {
				f |= flagHasUpper
			}
			numPunct = false
		case 'a' <= c && c <= 'z':
			letters++
			alnum++
			numPunct = false
		case '0' <= c && c <= '9':
			digits++
			alnum++
		case c == '-':
			f |= flagHasHyphen
		case c == '.':
			f |= flagHasPeriod
		case c == ',' || c == '/' || c == ':':
		case c >= 0x80:
			f |= flagNonASCII
			alnum++
			numPunct = false
		default:
			numPunct = false
		}
	}
	if letters > 0 && upper == letters {
		f |= flagAllUpper
	}
	if digits > 0 {
		f |= flagHasDigit
		if numPunct {
			f |= flagAllDigit
		}
	}
	if alnum == 0 {
		f |= flagNoLetter
	}
	return f
}

// mixShape mixes the shape of w into h: upper-case letters become 'X',
// lower-case 'x', digits 'd', other bytes stay themselves (a multi-byte
// character counts as one 'u'), and a run of the same class is cut after
// three, so "McDonald's" is "XxXxxx'x" and "1,250" is "d,ddd".
func mixShape(h uint64, w string) uint64 {
	var last byte
	run := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		var s byte
		switch {
		case 'A' <= c && c <= 'Z':
			s = 'X'
		case 'a' <= c && c <= 'z':
			s = 'x'
		case '0' <= c && c <= '9':
			s = 'd'
		case c >= 0xc0:
			s = 'u'
		case c >= 0x80:
			continue // UTF-8 continuation byte
		default:
			s = c
		}
		if s == last {
			run++
			if run >= 3 {
				continue
			}
		} else {
			last, run = s, 0
		}
		h ^= uint64(s)
		h *= fnvPrime
	}
	h ^= 0xff
	h *= fnvPrime
	return h
}
