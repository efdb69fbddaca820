//go:build linux

package nlp

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page (linux/amd64, arm64).
const hugePage = 2 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// hugeSlice returns a zeroed slice of n T for a frozen model table. A
// table of 1 MiB or more starts on a 2 MiB boundary of a larger heap
// allocation and is advised to the kernel as huge pages (MADV_HUGEPAGE):
// the tables are read at random, about one cache line per feature, and
// with 4 KiB pages nearly every such read also misses the TLB (the
// parser's 16 MiB table spans 4,096 pages), with 2 MiB pages nearly none
// does. The table stays on the Go heap, so the collector paces itself as
// before (memory outside the heap would lower its goal and make it run
// more often). T must be a power-of-two size no larger than 4 KiB.
func hugeSlice[T any](n int) []T {
	var zero T
	sz := int(unsafe.Sizeof(zero))
	if n*sz < hugePage/2 || sz == 0 || sz&(sz-1) != 0 || sz > 4096 {
		return make([]T, n)
	}
	// one huge page more, to move the start to a boundary (a partial
	// huge page at the end keeps small pages)
	s := make([]T, n+hugePage/sz)
	base := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	skip := int((hugePage-base%hugePage)%hugePage) / sz
	s = s[skip : skip+n : skip+n]
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n*sz)
	_ = syscall.Madvise(b, madvHugepage) // advice: ignored where unsupported
	return s
}
