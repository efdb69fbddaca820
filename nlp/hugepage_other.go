//go:build !linux

package nlp

// hugeSlice returns make([]T, n): huge pages are advised on linux only.
func hugeSlice[T any](n int) []T { return make([]T, n) }
