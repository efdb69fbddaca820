package http_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/cameo"
	dyadhttp "github.com/dyad-events/dyad/http"
	"github.com/dyad-events/dyad/store"
)

// benchActors are the actors of the synthetic store, most active first;
// actor i is drawn with weight 1/(i+1) (a Zipf law, as news coverage is).
var benchActors = []string{"USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SYR", "IRQ",
	"SAU", "YEM", "SDN", "ETH", "SOM", "KEN", "NGA", "MLI", "COD", "VEN", "COL", "MEX", "BRA", "PRK", "KOR", "JPN", "TWN", "AFG",
	"LBN", "EGY", "LBY", "IGO", "NGO", "POL", "BLR", "GEO", "ARM", "AZE", "SRB", "MMR", "PHL", "IDN", "THA", "ZAF", "ZWE"}

var benchRoles = []string{"", "", "GOV", "GOV", "MIL", "REB", "OPP", "COP", "CVL", "BUS", "MED", "JUD"}

var benchPlaces = []dyad.Place{
	{Name: "Kyiv", Country: "UKR", Admin1: "Kyiv City", Lat: 50.45, Lon: 30.52, Precision: dyad.PlacePoint},
	{Name: "Kharkiv", Country: "UKR", Admin1: "Kharkiv Oblast", Lat: 49.99, Lon: 36.23, Precision: dyad.PlacePoint},
	{Name: "Moscow", Country: "RUS", Admin1: "Moscow", Lat: 55.75, Lon: 37.62, Precision: dyad.PlacePoint},
	{Name: "Gaza", Country: "PSE", Admin1: "Gaza Strip", Lat: 31.50, Lon: 34.47, Precision: dyad.PlacePoint},
	{Name: "Khartoum", Country: "SDN", Admin1: "Khartoum", Lat: 15.50, Lon: 32.56, Precision: dyad.PlacePoint},
	{Name: "Washington", Country: "USA", Admin1: "District of Columbia", Lat: 38.90, Lon: -77.04, Precision: dyad.PlacePoint},
	{Name: "Beijing", Country: "CHN", Admin1: "Beijing", Lat: 39.90, Lon: 116.40, Precision: dyad.PlacePoint},
	{Name: "Mogadishu", Country: "SOM", Admin1: "Banaadir", Lat: 2.04, Lon: 45.34, Precision: dyad.PlacePoint},
}

// synthStore writes n events (four an article, 1,000 articles a Save,
// over 2023-2025, actors drawn by benchActors' Zipf weights, codes
// uniformly from the CAMEO codebook, a place for three events in four)
// into the store dsn names (a SQLite path or a postgres:// URL), unless it
// holds them already. It logs the rate at which the store took them.
func synthStore(tb testing.TB, dsn string, n int) dyad.Store {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	if have, _ := db.CountEvents(ctx, dyad.EventFilter{}); have >= n {
		return db
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var cum []float64
	total := 0.0
	for i := range benchActors {
		total += 1 / float64(i+1)
		cum = append(cum, total)
	}
	actor := func() string {
		x := rng.Float64() * total
		i, _ := slices.BinarySearch(cum, x)
		return benchActors[min(i, len(benchActors)-1)]
	}
	codes := cameo.Default().All()
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	began := time.Now()
	var saving time.Duration
	const perArticle, perSave = 4, 1000
	for art := 0; art*perArticle < n; art += perSave {
		batch := make([]dyad.ArticleWrite, 0, perSave)
		for a := art; a < art+perSave && a*perArticle < n; a++ {
			id := fmt.Sprintf("synth-%07d", a)
			text := fmt.Sprintf("Synthetic article %d: talks, strikes and statements between governments, number %d.", a, a*7919%100003)
			sa := &dyad.StoredArticle{Article: dyad.Article{ID: id, Source: fmt.Sprintf("Wire %d", a%20), Text: text, Title: id},
				Fingerprint: dyad.Fingerprint{Hash: fmt.Sprintf("h%07d", a)}}
			day := start.AddDate(0, 0, rng.IntN(3*365))
			var evs []dyad.Event
			for k := range perArticle {
				src, tgt := actor(), actor()
				for tgt == src {
					tgt = actor()
				}
				c := codes[rng.IntN(len(codes))]
				e := dyad.Event{ID: fmt.Sprintf("%s-%d", id, k), Source: dyad.Actor{Code: src, Role: benchRoles[rng.IntN(len(benchRoles))]},
					Target: dyad.Actor{Code: tgt, Role: benchRoles[rng.IntN(len(benchRoles))]}, Date: day.AddDate(0, 0, -rng.IntN(3)),
					DatePrecision: dyad.PrecisionDay, Provenance: dyad.Provenance{ArticleID: id, Sentence: k, SentenceText: text, PatternID: "synth"}}
				c.Fill(&e)
				if rng.IntN(4) > 0 {
					p := benchPlaces[rng.IntN(len(benchPlaces))]
					e.Place = &p
				}
				evs = append(evs, e)
			}
			batch = append(batch, dyad.ArticleWrite{Article: sa, Events: evs})
		}
		t0 := time.Now()
		if err := db.Save(ctx, batch); err != nil {
			tb.Fatal(err)
		}
		saving += time.Since(t0)
	}
	tb.Logf("synthesised %d events in %s into %s: Save took %s, %.0f events/s, %.0f articles/s",
		n, time.Since(began).Round(time.Second), db.Location(), saving.Round(time.Second),
		float64(n)/saving.Seconds(), float64(n/perArticle)/saving.Seconds())
	return db
}

// benchStorePath is where the 1,000,000-event store is kept between runs:
// $DYAD_BENCH_DB (a SQLite path or a postgres:// URL), else a SQLite file in
// the temporary directory.
func benchStorePath() string {
	if p := os.Getenv("DYAD_BENCH_DB"); p != "" {
		return p
	}
	return filepath.Join(os.TempDir(), "dyad-bench-1m.db")
}

// apiQueries are the requests the benchmarks time: the main views of a
// dashboard over a store of 2023-2025.
var apiQueries = []struct{ name, path string }{
	{"dyad_series_year", "/api/v1/series?dyad=RUS-UKR&from=2025-01-01&to=2025-12-31&interval=day&by=quad"},
	{"actor_series_3y_weekly", "/api/v1/series?actor=USA&interval=week&by=root"},
	{"filtered_page", "/api/v1/events?source=RUS&quad=4&from=2025-01-01&to=2025-12-31&limit=50"},
	{"filtered_page_2", "/api/v1/events?dyad=USA-CHN&root=04,05&limit=50"},
	{"place_page", "/api/v1/events?country=UKR&plover=ASSAULT&limit=50"},
	{"newest_page", "/api/v1/events?limit=50"},
	{"dyads_year", "/api/v1/dyads?from=2025-01-01&to=2025-12-31&limit=20"},
	{"dyads_change", "/api/v1/dyads?rank=change&limit=20"},
	{"actors", "/api/v1/actors?q=ukr"},
}

// BenchmarkAPI1M times the main queries in process (httptest recorder, no
// network) on a store of 1,000,000 synthetic events and reports p50 and
// p99 per query. It skips in -short.
func BenchmarkAPI1M(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a store of 1,000,000 events")
	}
	db := synthStore(b, benchStorePath(), 1_000_000)
	defer db.Close()
	h := (&dyadhttp.Server{Store: db}).Handler()
	for _, q := range apiQueries {
		b.Run(q.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				req := httptest.NewRequest("GET", q.path, nil)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, req)
				lat = append(lat, time.Since(t0))
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", q.path, rec.Code, rec.Body)
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[(len(lat)*99)/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// TestLoad sends a bounded number of requests (DYAD_LOAD_REQUESTS, default
// 2,000; DYAD_LOAD_QUERIES picks apiQueries by name) from 8 concurrent Go
// clients to a server on 127.0.0.1 over the
// 1,000,000-event store, and reports throughput; every answer must be 200.
// It runs only when DYAD_LOAD is set.
func TestLoad(t *testing.T) {
	if os.Getenv("DYAD_LOAD") == "" || testing.Short() {
		t.Skip("set DYAD_LOAD=1 to run the load test")
	}
	db := synthStore(t, benchStorePath(), 1_000_000)
	defer db.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&dyadhttp.Server{Store: db}).Serve(ctx, l) }()
	defer func() { cancel(); <-done }()
	n := 2000
	fmt.Sscan(os.Getenv("DYAD_LOAD_REQUESTS"), &n)
	queries := apiQueries
	if names := os.Getenv("DYAD_LOAD_QUERIES"); names != "" { // comma-separated names of apiQueries
		queries = slices.DeleteFunc(slices.Clone(apiQueries), func(q struct{ name, path string }) bool {
			return !slices.Contains(strings.Split(names, ","), q.name)
		})
	}
	const workers = 8
	var next, errs atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	began := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				q := queries[i%int64(len(queries))]
				t0 := time.Now()
				resp, err := client.Get("http://" + l.Addr().String() + q.path)
				if err != nil {
					errs.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				if resp.StatusCode != 200 {
					errs.Add(1)
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	el := time.Since(began)
	slices.Sort(lat)
	t.Logf("%d requests (%d workers, the %d benchmark queries in turn) in %s: %.0f requests/s, p50 %s, p99 %s, %d errors",
		n, workers, len(queries), el.Round(time.Millisecond), float64(n)/el.Seconds(), lat[len(lat)/2].Round(time.Microsecond),
		lat[len(lat)*99/100].Round(time.Microsecond), errs.Load())
	if errs.Load() > 0 {
		t.Errorf("%d requests failed", errs.Load())
	}
}
