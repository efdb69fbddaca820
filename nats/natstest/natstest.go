// Package natstest runs an embedded NATS server with JetStream for tests
// of the queue (package nats) and of the commands that use it, so that
// they need no nats-server installed.
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server starts a NATS server with JetStream on a free port of 127.0.0.1,
// keeping its streams in a temporary directory, shuts it down when the
// test ends, and returns its URL (nats://127.0.0.1:PORT).
func Server(tb testing.TB) string {
	tb.Helper()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: tb.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		tb.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		tb.Fatal("natstest: the NATS server is not ready after 10 s")
	}
	tb.Cleanup(ns.Shutdown)
	return ns.ClientURL()
}
