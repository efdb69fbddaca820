package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"time"

	"github.com/dyad-events/dyad"
)

// Webhook delivers alerts as JSON POSTs (the body is the dyad.Alert), each
// try bounded by a timeout, retried with exponential backoff. A 2xx answer
// is a delivery; anything else, or no answer, is a failure.
type Webhook struct {
	// Client sends the requests (http.DefaultClient's transport when
	// nil).
	Client *http.Client
	// Timeout bounds one try (default 10 s).
	Timeout time.Duration
	// Tries is how many times one Deliver tries (default 3).
	Tries int
	// Backoff is the wait before the second try, doubled before each
	// one after (default 1 s).
	Backoff time.Duration
	// UserAgent names the sender (default "dyad-alert/1").
	UserAgent string
}

// Deliver POSTs a to url, trying up to w.Tries times. It returns the last
// failure, naming the URL (without its query, where webhooks keep their
// secrets: the error is stored and shown) and the status or error.
func (w *Webhook) Deliver(ctx context.Context, a dyad.Alert, url string) error {
	shown := dyad.RedactURL(url)
	body, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", shown, err)
	}
	tries, backoff, timeout := w.Tries, w.Backoff, w.Timeout
	if tries <= 0 {
		tries = 3
	}
	if backoff <= 0 {
		backoff = time.Second
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	client := w.Client
	if client == nil {
		client = &http.Client{}
	}
	ua := w.UserAgent
	if ua == "" {
		ua = "dyad-alert/1"
	}
	var last error
	for try := 0; try < tries; try++ {
		if try > 0 {
			t := time.NewTimer(backoff)
			select {
			case <-ctx.Done():
				t.Stop()
				return fmt.Errorf("webhook %s: %w (after: %v)", shown, ctx.Err(), last)
			case <-t.C:
			}
			backoff *= 2
		}
		if last = w.try(ctx, client, url, ua, body, timeout); last == nil {
			return nil
		}
	}
	return fmt.Errorf("webhook %s: %d tries: %w", shown, tries, last)
}

func (w *Webhook) try(ctx context.Context, client *http.Client, url, ua string, body []byte, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return errors.New("not a URL that can be posted to")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		// A *url.Error quotes the whole URL, secret included.
		var ue *neturl.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("answered %s", resp.Status)
	}
	return nil
}
