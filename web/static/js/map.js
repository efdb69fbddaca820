// Map: the latest events a filter selects, placed by their location on a
// world map (Natural Earth 1:110m countries from world-atlas), drawn on a
// canvas in an equirectangular projection, coloured by QuadClass, grouped
// in a screen grid below zoom 4, with zoom and pan by wheel, drag, buttons
// and keys.
import { get } from './api.js';
import { h, card, eventTable, num, QUADS, QUAD_COLORS } from './util.js';

const PAGE = 1000, PAGES = 2; // at most 2,000 events on the map
const CELL = 44; // px, the clustering grid
let worldFeatures = null;

async function world() {
  if (!worldFeatures) {
    const r = await fetch('/static/vendor/world-atlas/countries-110m.json');
    if (!r.ok) throw new Error('world map: HTTP ' + r.status);
    const topo = await r.json();
    worldFeatures = window.topojson.feature(topo, topo.objects.countries).features;
  }
  return worldFeatures;
}

export async function render(main, ctx) {
  const f = ctx.filter;
  const [feats, first] = await Promise.all([world(), get('/events', { ...f, limit: PAGE, count: 'true' }, ctx.signal)]);
  let events = first.events, next = first.next_cursor;
  for (let i = 1; i < PAGES && next; i++) {
    const p = await get('/events', { ...f, limit: PAGE, cursor: next }, ctx.signal);
    events = events.concat(p.events); next = p.next_cursor;
  }
  const placed = events.filter(e => e.place && Number.isFinite(e.place.lat) && Number.isFinite(e.place.lon));

  const canvas = h('canvas', { id: 'map-canvas', tabindex: '0', role: 'img',
    'aria-label': `Map of ${placed.length} events; arrow keys pan, + and - zoom, Enter lists the events at the centre`,
    dataset: { points: String(placed.length) } });
  const panel = h('div', { id: 'map-list' });
  const zoomBy = (s) => { zoomAt(canvas.clientWidth / 2, canvas.clientHeight / 2, s); };
  const ctl = h('div', { class: 'mapctl' },
    h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => zoomBy(1.6) }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => zoomBy(1 / 1.6) }, '−'),
    h('button', { type: 'button', 'aria-label': 'Reset view', onclick: () => { view = { k: 1, x: 0, y: 0 }; draw(); } }, '⟲'));
  main.replaceChildren(
    h('h1', {}, 'Map'),
    h('p', { class: 'muted' }, `${num(placed.length)} placed events of the latest ${num(events.length)}`,
      first.total !== undefined ? ` (${num(first.total)} match the filter)` : '', '. Grouped below zoom 4; select a group to list its events.'),
    h('div', { class: 'legend' }, [1, 2, 3, 4].map(q => h('span', {}, h('span', { class: 'quad q' + q }), QUADS[q]))),
    h('div', { class: 'grid' },
      card('span-8', null, h('div', { class: 'mapwrap' }, canvas, ctl)),
      card('span-4', 'Events here', panel)),
  );
  showList(placed.slice(0, 20), 'The latest placed events');

  // view: zoom k, and the offset (px) of the map's origin.
  let view = { k: 1, x: 0, y: 0 };
  let groups = [];
  const dpr = () => window.devicePixelRatio || 1;
  const base = () => canvas.clientWidth / 360; // px per degree at zoom 1
  const project = (lon, lat) => {
    const s = base() * view.k;
    const top = (canvas.clientHeight - 180 * base()) / 2;
    return [(lon + 180) * s + view.x, top * view.k + (90 - lat) * s + view.y];
  };

  function zoomAt(px, py, s) {
    const k = Math.min(64, Math.max(1, view.k * s));
    const r = k / view.k;
    view = { k, x: px - (px - view.x) * r, y: py - (py - view.y) * r };
    draw();
  }

  function showList(list, title) {
    panel.replaceChildren(h('p', { class: 'muted small' }, title), eventTable(list, ctx.codes, true));
  }

  function draw() {
    const w = canvas.clientWidth, hgt = canvas.clientHeight, d = dpr();
    if (canvas.width !== Math.round(w * d) || canvas.height !== Math.round(hgt * d)) {
      canvas.width = Math.round(w * d); canvas.height = Math.round(hgt * d);
    }
    const g = canvas.getContext('2d');
    g.setTransform(d, 0, 0, d, 0, 0);
    g.clearRect(0, 0, w, hgt);
    g.fillStyle = '#f3efe6'; g.strokeStyle = '#b8b1a2'; g.lineWidth = 0.6;
    for (const ft of feats) {
      const geom = ft.geometry;
      if (!geom || ft.properties.name === 'Antarctica') continue;
      const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
      g.beginPath();
      for (const poly of polys) for (const ring of poly) {
        // A ring that crosses the antimeridian (Fiji, Chukotka) jumps
        // from +180 to -180: lift the pen there instead of drawing across.
        let prev = null;
        for (const [lon, lat] of ring) {
          const [x, y] = project(lon, lat);
          if (prev === null || Math.abs(lon - prev) > 180) g.moveTo(x, y); else g.lineTo(x, y);
          prev = lon;
        }
        g.closePath();
      }
      g.fill('evenodd'); g.stroke();
    }
    // Group the events in a screen grid below zoom 4; above it each place
    // is its own group.
    const cells = new Map();
    for (const e of placed) {
      const [x, y] = project(e.place.lon, e.place.lat);
      if (x < -CELL || y < -CELL || x > w + CELL || y > hgt + CELL) continue;
      const key = view.k < 4 ? Math.floor(x / CELL) + ',' + Math.floor(y / CELL) : e.place.lat + ',' + e.place.lon;
      let c = cells.get(key);
      if (!c) { c = { sx: 0, sy: 0, events: [], quads: [0, 0, 0, 0, 0] }; cells.set(key, c); }
      c.sx += x; c.sy += y; c.events.push(e); c.quads[e.quad_class] = (c.quads[e.quad_class] || 0) + 1;
    }
    groups = [...cells.values()].map(c => {
      const n = c.events.length;
      const q = c.quads.indexOf(Math.max(...c.quads.slice(1)));
      return { x: c.sx / n, y: c.sy / n, n, q, r: Math.min(26, 5 + 3 * Math.sqrt(n - 1)), events: c.events };
    }).sort((a, b) => b.n - a.n);
    for (const c of groups.slice().reverse()) {
      g.beginPath(); g.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
      g.fillStyle = QUAD_COLORS[c.q] + 'cc'; g.fill();
      g.lineWidth = 1.2; g.strokeStyle = '#fff'; g.stroke();
      if (c.n > 1) {
        g.fillStyle = '#fff'; g.font = '600 11px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
        g.fillText(String(c.n), c.x, c.y);
      }
    }
    canvas.dataset.groups = String(groups.length);
    canvas.dataset.zoom = view.k.toFixed(2);
  }

  function pick(px, py) {
    let best = null, bd = Infinity;
    for (const c of groups) {
      const dd = Math.hypot(c.x - px, c.y - py);
      if (dd <= Math.max(c.r, 8) + 2 && dd < bd) { best = c; bd = dd; }
    }
    return best;
  }
  function open(c) {
    if (!c) return;
    const names = [...new Set(c.events.map(e => e.place.name))];
    showList(c.events.slice(0, 50), `${c.n} event${c.n > 1 ? 's' : ''} in ${names.slice(0, 4).join(', ')}${names.length > 4 ? '…' : ''}`);
  }

  let drag = null;
  canvas.addEventListener('pointerdown', e => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }; canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointermove', e => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; draw(); }
  });
  canvas.addEventListener('pointerup', e => {
    const r = canvas.getBoundingClientRect();
    if (drag && !drag.moved) open(pick(e.clientX - r.left, e.clientY - r.top));
    drag = null;
  });
  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, e.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });
  canvas.addEventListener('keydown', e => {
    const step = 60;
    const keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (keys[e.key]) { view.x += keys[e.key][0]; view.y += keys[e.key][1]; draw(); e.preventDefault(); }
    else if (e.key === '+' || e.key === '=') { zoomBy(1.6); e.preventDefault(); }
    else if (e.key === '-') { zoomBy(1 / 1.6); e.preventDefault(); }
    else if (e.key === 'Enter') {
      const cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2;
      const c = groups.slice().sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
      open(c); e.preventDefault();
    }
  });
  const ro = new ResizeObserver(() => draw());
  ro.observe(canvas);
  draw();
  return () => ro.disconnect();
}
