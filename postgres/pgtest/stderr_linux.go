package pgtest

import (
	"os"
	"strconv"
	"syscall"
)

// The system calls that take a file descriptor of another process (Linux
// 5.6); their numbers are the same on every architecture.
const (
	sysPidfdOpen  = 434
	sysPidfdGetfd = 438
)

// parentStderr returns the parent process's standard error, or nil. It
// takes the parent's very descriptor (pidfd_getfd), so that what is written
// lands where the parent writes next, also in a file the parent writes by
// offset; where that is not allowed it opens the descriptor anew through
// /proc unless it is a regular file, whose new offset would let the parent
// overwrite the message.
func parentStderr() *os.File {
	ppid := os.Getppid()
	pidfd, _, errno := syscall.Syscall(sysPidfdOpen, uintptr(ppid), 0, 0)
	if errno == 0 {
		defer syscall.Close(int(pidfd))
		fd, _, errno := syscall.Syscall(sysPidfdGetfd, pidfd, 2, 0)
		if errno == 0 {
			return os.NewFile(fd, "parent stderr")
		}
	}
	path := "/proc/" + strconv.Itoa(ppid) + "/fd/2"
	if fi, err := os.Stat(path); err != nil || fi.Mode().IsRegular() {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil
	}
	return f
}
