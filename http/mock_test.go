package http_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	dyadhttp "github.com/dyad-events/dyad/http"
	"github.com/dyad-events/dyad/mock"
)

// TestStoreErrors serves the API over a mock store whose answers are
// errors, as any backend may give them: each becomes its HTTP status as
// problem+json, and what an internal error says (a database's words, a
// password) never reaches the asker.
func TestStoreErrors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		status int
		want   string
	}{
		{"not found", fmt.Errorf("postgres: event x: %w", dyad.ErrNotFound), 404, "nothing is stored under this ID"},
		{"invalid", fmt.Errorf("postgres: events: %w: the cursor is not one this server made", dyad.ErrInvalid), 400, "the cursor is not one this server made"},
		{"too slow", fmt.Errorf("postgres: events: %w", context.DeadlineExceeded), 503, "narrow the filter"},
		{"internal", errors.New(`postgres://dyad:s3cret@db/dyad: ERROR: relation "events" does not exist (SQLSTATE 42P01)`), 500, "the failure is in its log"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var asked []string
			s := &mock.Store{
				EventDetailFn: func(_ context.Context, id string) (*dyad.EventDetail, error) {
					asked = append(asked, id)
					return nil, tt.err
				},
			}
			ts := httptest.NewServer((&dyadhttp.Server{Store: s}).Handler())
			defer ts.Close()
			status, body := get(t, ts, "/api/v1/events/ev-1", nil)
			if status != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("%d %s, want %d saying %q", status, body, tt.status, tt.want)
			}
			for _, secret := range []string{"s3cret", "SQLSTATE", "relation", "postgres"} {
				if strings.Contains(string(body), secret) {
					t.Errorf("the answer shows %q: %s", secret, body)
				}
			}
			if len(asked) != 1 || asked[0] != "ev-1" {
				t.Errorf("the store was asked for %q, want [ev-1]", asked)
			}
		})
	}
}

// TestFilterReachesStore checks that a page's filter reaches the store as
// the query string gave it, whatever the store.
func TestFilterReachesStore(t *testing.T) {
	var got dyad.EventFilter
	s := &mock.Store{
		EventPageFn: func(_ context.Context, f dyad.EventFilter) (*dyad.EventPage, error) {
			got = f
			return &dyad.EventPage{Events: []dyad.StoredEvent{}}, nil
		},
		CountEventsFn: func(context.Context, dyad.EventFilter) (int, error) { return 0, nil },
	}
	ts := httptest.NewServer((&dyadhttp.Server{Store: s}).Handler())
	defer ts.Close()
	if status, body := get(t, ts, "/api/v1/events?source=RUS&target=UKR&q=ceasefire&limit=7", nil); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	if got.Source != "RUS" || got.Target != "UKR" || got.Query != "ceasefire" {
		t.Errorf("the store got %+v", got)
	}
}
