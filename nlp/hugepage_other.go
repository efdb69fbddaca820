//go:build !linux

package nlp

// hugeSlice returns make([]T, n) and a free that does nothing: huge pages
// are advised on linux only.
func hugeSlice[T any](n int) ([]T, func()) { return make([]T, n), func() {} }

// freeWith does nothing where hugeSlice does not map memory.
func freeWith[O any](owner *O, free func()) {}
