//go:build linux

package nlp

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page (linux/amd64, arm64).
const hugePage = 2 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// hugeSlice returns a zeroed slice of n T for a frozen model table, and a
// function that frees its memory. A table of 1 MiB or more gets memory
// of its own, mapped outside the Go heap, aligned to 2 MiB and advised to
// the kernel as huge pages (MADV_HUGEPAGE): the tables are read at random,
// about one cache line per feature, and with 4 KiB pages nearly every such
// read also misses the TLB (a 16 MiB table spans 4,096 pages), with 2 MiB
// pages nearly none does. Smaller tables, and any failure to map, use the
// heap (and a free that does nothing). T must hold no pointers.
func hugeSlice[T any](n int) ([]T, func()) {
	var zero T
	size := uintptr(n) * unsafe.Sizeof(zero)
	if size < hugePage/2 {
		return make([]T, n), func() {}
	}
	size = (size + hugePage - 1) &^ (hugePage - 1)
	// Map one huge page more than needed, then unmap the ends so that
	// what remains starts on a huge page boundary.
	b, err := syscall.Mmap(-1, 0, int(size+hugePage), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n), func() {}
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((hugePage - base%hugePage) % hugePage)
	if off > 0 {
		unmap(b[:off])
	}
	if tail := b[off+int(size):]; len(tail) > 0 {
		unmap(tail)
	}
	b = b[off : off+int(size) : off+int(size)]
	_ = syscall.Madvise(b, madvHugepage) // advice: ignored where unsupported
	s := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
	return s, func() { unmap(b) }
}

// unmap unmaps b, a part of a mapping made by hugeSlice (syscall.Munmap
// only takes whole mappings it made itself).
func unmap(b []byte) {
	_, _, _ = syscall.Syscall(syscall.SYS_MUNMAP, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)), 0)
}

// freeWith frees the memory of a table made by hugeSlice once owner, the
// only holder of the table, is unreachable.
func freeWith[O any](owner *O, free func()) {
	runtime.AddCleanup(owner, func(f func()) { f() }, free)
}
