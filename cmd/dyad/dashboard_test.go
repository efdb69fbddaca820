package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// findChromium returns the browser the dashboard tests drive
// ($DYAD_CHROMIUM, else Chromium or Chrome on the path), or "".
func findChromium() string {
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where the dashboard test leaves its screenshots:
// $DYAD_ARTIFACTS (CI sets it) or a temporary directory.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("DYAD_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// hookReceiver is a local webhook that records the alerts posted to it.
type hookReceiver struct {
	mu     sync.Mutex
	bodies []map[string]any
	got    chan struct{}
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.bodies = append(h.bodies, body)
	h.mu.Unlock()
	select {
	case h.got <- struct{}{}:
	default:
	}
	w.WriteHeader(http.StatusNoContent)
}

// startServe runs `dyad serve` in process with args (and an address of
// its choosing) and returns its base URL and what it wrote; it stops when
// the test ends.
func startServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serr := &syncBuffer{}
	env := &cliEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: serr, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, env, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(serr.String()); m != nil {
			return "http://" + m[1], serr
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, serr.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s", serr.String())
	return "", nil
}

// dash is a headless Chromium tab on the dashboard, with helpers that fail
// the test on the first error.
type dash struct {
	t       *testing.T
	ctx     context.Context
	art     string
	serr    *syncBuffer
	mu      sync.Mutex
	console []string
	// timings are how long each view took to draw in the browser, from
	// the address changing to the charts drawn, in ms (the last opening).
	timings map[string]float64
}

// newDash starts Chromium (skipping the test when there is none, unless
// DYAD_REQUIRE_BROWSER=1) and collects the page's console errors.
func newDash(t *testing.T, serr *syncBuffer) *dash {
	t.Helper()
	browser := findChromium()
	if browser == "" {
		if os.Getenv("DYAD_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium is not installed and DYAD_REQUIRE_BROWSER=1: install it (apt-get install chromium) or set DYAD_CHROMIUM")
		}
		t.Skip("the dashboard tests need Chromium: apt-get install chromium (or set DYAD_CHROMIUM to a Chrome binary)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	d := &dash{t: t, ctx: bctx, art: artifactDir(t), serr: serr, timings: map[string]float64{}}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[chromedp.Void](`1`)); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	// Every console error, uncaught exception and error entry of the
	// browser log (a failed load) is a failure.
	msgs := chromedp.Console(bctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				d.mu.Lock()
				d.console = append(d.console, m.String())
				d.mu.Unlock()
			}
		}
	}()
	return d
}

func (d *dash) checkConsole(where string) {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.console) > 0 {
		d.t.Errorf("%s: the browser reported:\n  %s", where, strings.Join(d.console, "\n  "))
		d.console = nil
	}
}

func (d *dash) do(where string, steps ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	ctx, cancel := context.WithTimeout(d.ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		d.t.Fatalf("%s: %v\nserve said:\n%s", where, err, d.serr.String())
	}
}

func (d *dash) eval(where, js string) float64 {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[float64](js))
	if err != nil {
		d.t.Fatalf("%s: %s: %v", where, js, err)
	}
	return v
}

func (d *dash) str(js string) string {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		d.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (d *dash) text(where string, sel chromedp.CSS) string {
	d.t.Helper()
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		d.t.Fatalf("%s: %s: %v", where, sel, err)
	}
	return v
}

// shot saves a screenshot of the viewport as dashboard-NAME.png.
func (d *dash) shot(name string) []byte {
	d.t.Helper()
	png, err := chromedp.Run(d.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		d.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(d.art, "dashboard-"+name+".png"), png, 0o644); err != nil {
		d.t.Fatal(err)
	}
	return png
}

// open runs act (a navigation, a click, a key) and waits until the view
// has drawn, failing when the page shows another view or an error.
func (d *dash) open(view string, act chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	// The marker goes first, so that the wait cannot see the view being
	// left.
	if _, err := chromedp.Run(d.ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('main') && delete document.querySelector('main').dataset.ready`)); err != nil {
		d.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(d.ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, act, chromedp.WaitVisible(chromedp.CSS(`main[data-ready]`))); err != nil {
		page, _ := chromedp.Run(d.ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 2000)`))
		d.mu.Lock()
		console := strings.Join(d.console, "\n  ")
		d.mu.Unlock()
		d.t.Fatalf("opening the %s view: %v\nthe page:\n%s\nthe console:\n  %s\nserve said:\n%s", view, err, page, console, d.serr.String())
	}
	if got := d.str(`document.querySelector('main').dataset.ready`); got != view {
		d.t.Fatalf("opening the %s view: the page shows the %q view: %s\nserve said:\n%s", view, got, d.text(view, "main"), d.serr.String())
	}
	d.timings[view] = d.eval(view, `window.dyadReady.ms`)
	if m := regexp.MustCompile(`\b(undefined|null|NaN|\[object Object\])\b`).FindString(d.str(`document.querySelector('main').innerText`)); m != "" {
		d.t.Errorf("the %s view shows %q: a value is missing", view, m)
	}
}

// needCharts checks that the view drew at least n uPlot charts, each with
// points and some non-zero value.
func (d *dash) needCharts(view string, n int) {
	d.t.Helper()
	type chart struct{ Points, Sum float64 }
	cs, err := chromedp.Run(d.ctx, chromedp.Evaluate[[]chart](`(window.dyadCharts||[]).map(u => ({Points: u.data[0].length,
		Sum: u.data.slice(1).flat().reduce((a, v) => a + (v == null ? 0 : Math.abs(v)), 0)}))`))
	if err != nil {
		d.t.Fatal(err)
	}
	if len(cs) < n {
		d.t.Fatalf("%s: %d charts drawn, want %d", view, len(cs), n)
	}
	for i, c := range cs {
		if c.Points == 0 || c.Sum == 0 {
			d.t.Errorf("%s: chart %d is empty (%v points, sum %v)", view, i, c.Points, c.Sum)
		}
	}
	if c := d.eval(view, `document.querySelectorAll('main .uplot canvas').length`); c < float64(n) {
		d.t.Errorf("%s: %v uPlot canvases", view, c)
	}
}

// TestDashboard drives the dashboard in headless Chromium against `dyad
// serve` run in process on a store filled with the sample corpus through
// the real ingest path: every view loads without console errors and draws
// its data, an event opens (by click and by Enter) with its highlighted
// sentence, and a situation made through the UI fires an alert to a local
// webhook when its rules are checked. Screenshots go to $DYAD_ARTIFACTS;
// with -update the overview of 2025 replaces docs/dashboard.png.
func TestDashboard(t *testing.T) {
	if findChromium() != "" {
		needPipeline(t)
	}
	const tok = "dashboard-test-token"
	var serr *syncBuffer
	d := newDash(t, nil)
	var base string
	base, serr = startServe(t, "--db", filepath.Join(t.TempDir(), "dyad.db"), "--sample", "--token", tok)
	d.serr = serr
	hook := &hookReceiver{got: make(chan struct{}, 1)}
	hookSrv := httptest.NewServer(hook)
	defer hookSrv.Close()

	// Overview, opened at the address dyad serve gives, with the token.
	d.open("overview", chromedp.Navigate(base+"/#token="+tok))
	d.needCharts("overview", 1)
	if h := d.str(`location.hash`); h != "#/" {
		t.Errorf("overview: address %q: the token should be gone from it", h)
	}
	if n := d.eval("overview", `document.querySelectorAll('table.dyads tbody tr').length * document.querySelectorAll('table.events tbody tr').length`); n == 0 {
		t.Error("overview: a table of dyads or events is empty")
	}
	d.shot("overview")
	d.checkConsole("overview")

	// The first screen spans the period that holds the data, not the
	// sample's one stray old date (2010): at most a few years, with a
	// control to see every date; a dyad with no events in the period has
	// a blank Goldstein, not 0.00.
	d.checkDataPeriod()

	// Filters live in the address: applying them reloads the view.
	d.open("overview", chromedp.Steps(
		chromedp.SetValue(chromedp.CSS(`#filters input[name=from]`), "2025-01-01"),
		chromedp.SetValue(chromedp.CSS(`#filters input[name=to]`), "2025-12-31"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`))))
	if h := d.str(`location.hash`); !strings.Contains(h, "from=2025-01-01") || !strings.Contains(h, "to=2025-12-31") {
		t.Errorf("filters: the address %q does not hold them", h)
	}
	d.needCharts("overview (filtered)", 1)
	png := d.shot("overview-2025")
	if *update {
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "dashboard.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d.checkConsole("filters")

	// An event opened by a click: its sentence with the spans marked, its
	// code and name, the articles that report it.
	d.open("event", chromedp.Click(chromedp.CSS(`table.events a.event-link`)))
	trigger := d.text("event", `#sentence mark.hl-trigger`)
	code := d.text("event", `#event-code`)
	if strings.TrimSpace(trigger) == "" || !regexp.MustCompile(`^\d{2,4} \S`).MatchString(strings.TrimSpace(code)) {
		t.Errorf("event: trigger %q, code %q", trigger, code)
	}
	if n := d.eval("event", `document.querySelectorAll('#reports li').length`); n == 0 {
		t.Error("event: no reporting article listed")
	}
	d.shot("event")
	d.checkConsole("event")

	// A dyad from the overview's ranking; then an event from its list,
	// opened with the keyboard.
	d.open("overview", chromedp.Navigate(base+"/#/"))
	d.open("dyad", chromedp.Click(chromedp.CSS(`table.dyads a`)))
	d.needCharts("dyad", 2)
	d.do("counting PLOVER types", chromedp.WaitVisible(chromedp.CSS(`#plover-bars[data-ready]`)))
	if n := d.eval("dyad", `document.querySelectorAll('#plover-bars .bar').length * document.querySelectorAll('.bars .bar').length`); n == 0 {
		t.Error("dyad: no breakdown by root or PLOVER type")
	}
	d.shot("dyad")
	d.open("event", chromedp.Steps(chromedp.Focus(chromedp.CSS(`table.events a.event-link`)), chromedp.KeyEvent(kb.Enter)))
	d.checkConsole("dyad")

	// The map: events placed and grouped; the keyboard zooms.
	d.open("map", chromedp.Navigate(base+"/#/map"))
	if n := d.eval("map", `Number(document.getElementById('map-canvas').dataset.points) * Number(document.getElementById('map-canvas').dataset.groups)`); n == 0 {
		t.Error("map: no event placed")
	}
	d.do("map zoom", chromedp.Focus(chromedp.CSS(`#map-canvas`)), chromedp.KeyEvent("+"))
	if z := d.eval("map", `Number(document.getElementById('map-canvas').dataset.zoom)`); z <= 1 {
		t.Errorf("map: zoom %v after +", z)
	}
	d.shot("map")
	d.checkConsole("map")

	// The network: actors and dyads.
	d.open("network", chromedp.Navigate(base+"/#/network"))
	if n, e := d.eval("network", `window.dyadNetwork.nodes().length`), d.eval("network", `window.dyadNetwork.edges().length`); n < 2 || e < 1 {
		t.Errorf("network: %v nodes, %v edges", n, e)
	}
	d.shot("network")
	d.checkConsole("network")

	// A situation made through the UI, a rule that posts to a local
	// webhook, and "Check now", which fires it.
	d.open("situations", chromedp.Navigate(base+"/#/situations"))
	d.open("situation", chromedp.Steps(
		chromedp.SendKeys(chromedp.CSS(`#situation-form input[name=name]`), "Russia-Ukraine talks"),
		chromedp.SendKeys(chromedp.CSS(`#situation-form input[name=dyads]`), "RUS-UKR"),
		chromedp.SendKeys(chromedp.CSS(`#situation-form input[name=codes]`), "03,04"),
		chromedp.Click(chromedp.CSS(`#situation-form button[type=submit]`))))
	d.needCharts("situation", 1)
	d.open("situation", chromedp.Steps(
		chromedp.SetValue(chromedp.CSS(`#rule-kind`), "threshold"),
		chromedp.SendKeys(chromedp.CSS(`#rule-form input[name=threshold]`), "1"),
		chromedp.SendKeys(chromedp.CSS(`#rule-form input[name=window_days]`), "3660"),
		chromedp.SendKeys(chromedp.CSS(`#rule-form input[name=webhook]`), hookSrv.URL+"/hook"),
		chromedp.Click(chromedp.CSS(`#rule-form button[type=submit]`))))
	if n := d.eval("rules", `document.querySelectorAll('#rules li').length`); n != 1 {
		t.Errorf("situation: %v rules listed, want 1", n)
	}
	d.do("check now", chromedp.Click(chromedp.CSS(`#check-now`)), chromedp.WaitVisible(chromedp.CSS(`#alerts tbody tr`)))
	d.shot("situation")
	select {
	case <-hook.got:
		hook.mu.Lock()
		t.Logf("the webhook received: %v", hook.bodies[0])
		hook.mu.Unlock()
	case <-time.After(30 * time.Second):
		t.Error("the webhook received no alert")
	}
	d.checkConsole("situations")

	// The overview on a phone-sized screen.
	d.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	d.open("overview", chromedp.Navigate(base+"/#/?from=2025-01-01"))
	d.shot("overview-phone")
	d.checkConsole("phone")

	t.Logf("views drawn, ms from the address changing to the charts drawn: %v; screenshots in %s", d.timings, d.art)
}

// TestDashboardTimings measures, on the store $DYAD_DASHBOARD_DB (the
// 1,000,000-event store of http/bench_test.go, say), how long each view
// takes to draw in the browser; it asserts only that every view draws
// without errors. It skips without the variable.
func TestDashboardTimings(t *testing.T) {
	db := os.Getenv("DYAD_DASHBOARD_DB")
	if db == "" {
		t.Skip("set DYAD_DASHBOARD_DB to a store to time the dashboard's views on it")
	}
	d := newDash(t, nil)
	base, serr := startServe(t, "--db", db, "--sample=false", "--timeout", "60s")
	d.serr = serr
	views := []struct{ view, addr string }{
		{"overview", "/#/"},
		{"overview", "/#/?from=2025-01-01&to=2025-12-31"},
		{"dyad", "/#/dyad/RUS/UKR?from=2025-01-01&to=2025-12-31"},
		{"dyad", "/#/dyad/RUS/UKR"},
		{"map", "/#/map?from=2025-01-01&to=2025-12-31"},
		{"network", "/#/network?from=2025-01-01&to=2025-12-31"},
		{"network", "/#/network"},
	}
	for round := range 2 {
		for _, v := range views {
			start := time.Now()
			d.open(v.view, chromedp.Navigate(base+v.addr))
			if v.view != "map" && v.view != "network" {
				d.needCharts(v.view, 1)
			}
			late := ""
			if v.view == "dyad" {
				// The PLOVER breakdown is counted after the charts are
				// drawn.
				d.do("counting PLOVER types", chromedp.WaitVisible(chromedp.CSS(`#plover-bars[data-ready]`)))
				late = fmt.Sprintf(" (PLOVER breakdown after %d ms, as the test saw it)", time.Since(start).Milliseconds())
			}
			if round == 1 {
				t.Logf("%-55s %5.0f ms%s", v.addr, d.timings[v.view], late)
			}
		}
	}
	d.shot("large-overview")
	d.checkConsole("large store")
}

// checkDataPeriod checks the overview's default period on the sample
// corpus (whose dates run from one background sentence about 2010 to
// 2026): it opens on the months that hold the data, "See all" shows every
// date and the way back, and empty dyads show no Goldstein mean.
func (d *dash) checkDataPeriod() {
	d.t.Helper()
	span := regexp.MustCompile(`from (\d{4})-\d\d-\d\d to (\d{4})-\d\d-\d\d`)
	years := func(where string) (int, int) {
		m := span.FindStringSubmatch(d.text(where, `#volume-span`))
		if m == nil {
			d.t.Fatalf("%s: no date span shown", where)
		}
		var a, b int
		fmt.Sscan(m[1], &a)
		fmt.Sscan(m[2], &b)
		return a, b
	}
	note := d.text("overview", `#period`)
	if !strings.Contains(note, "Showing") || strings.Contains(note, "2010") {
		d.t.Errorf("overview: the default period note is %q", note)
	}
	if a, b := years("overview"); b-a > 3 || a <= 2010 {
		d.t.Errorf("overview: opens on %d..%d, not on the period that holds the data", a, b)
	}
	if n := d.eval("overview", `[...document.querySelectorAll('table.dyads tbody tr')].filter(r => r.cells[1].textContent.trim() === '0' && r.cells[r.cells.length - 1].textContent.trim() !== '').length`); n != 0 {
		d.t.Errorf("overview: %v dyads with no events show a Goldstein mean", n)
	}
	d.open("overview", chromedp.Click(chromedp.CSS(`#period-all`)))
	if h := d.str(`location.hash`); !strings.Contains(h, "all=1") {
		d.t.Errorf("See all: address %q", h)
	}
	if a, _ := years("overview (all)"); a > 2010 {
		d.t.Errorf("See all: starts in %d, after the sample's oldest date (2010)", a)
	}
	d.open("overview", chromedp.Click(chromedp.CSS(`#period-data`)))
	if h := d.str(`location.hash`); strings.Contains(h, "all=1") {
		d.t.Errorf("back to the data's period: address %q", h)
	}
	if note := d.text("overview", `#period`); note == "" || !strings.Contains(note, "Showing") {
		d.t.Errorf("back to the data's period: the note is %q", note)
	}
}
