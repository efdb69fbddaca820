package alert

import (
	"context"
	"time"
)

// Every evaluates the rules every interval until ctx ends, as `dyad serve`
// does; failures are logged, never fatal. It returns when ctx is done.
func (e *Evaluator) Every(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := e.Evaluate(ctx); err != nil && ctx.Err() == nil {
				e.log().Warn("evaluating alert rules", "err", err)
			}
		}
	}
}
