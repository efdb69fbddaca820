// Dyad view, A <-> B in both directions: cooperation against conflict over
// time, the mean Goldstein trend, the breakdown by CAMEO root and PLOVER
// type, and the events, paged.
import { get } from './api.js';
import { h, card, eventTable, bars, num, errorBox, QUAD_COLORS, goldColor } from './util.js';
import { lineChart, intervalFor } from './charts.js';

const ROOT_NAMES = (codes, r) => (codes[r] && codes[r].name) || r;

export async function render(main, ctx) {
  const [a, b] = ctx.args;
  const f = { ...ctx.filter };
  delete f.actor; // the dyad names the actors
  const interval = ctx.params.get('interval') || intervalFor(f.from, f.to);
  const dy = `${a}-${b}`;
  const plovers = [...new Set(Object.values(ctx.codes).map(c => c.plover).filter(Boolean))].sort();
  const [ab, ba, roots, page] = await Promise.all([
    get('/series', { ...f, source: a, target: b, interval, by: 'quad' }, ctx.signal),
    get('/series', { ...f, source: b, target: a, interval, by: 'quad' }, ctx.signal),
    get('/series', { ...f, dyad: dy, interval: 'month', by: 'root' }, ctx.signal),
    get('/events', { ...f, dyad: dy, limit: 25 }, ctx.signal),
  ]);
  // Both directions share the dates when the filter gives none: align them.
  const dates = [...new Set([...ab.points, ...ba.points].map(p => p.date))].sort();
  const at = (s) => { const m = new Map(s.points.map(p => [p.date, p])); return dates.map(d => m.get(d)); };
  const pab = at(ab), pba = at(ba);
  const coop = p => p ? ((p.counts && ((p.counts[1] || 0) + (p.counts[2] || 0))) || 0) : 0;
  const conf = p => p ? ((p.counts && ((p.counts[3] || 0) + (p.counts[4] || 0))) || 0) : 0;
  const gold = p => (p && p.events ? p.goldstein_mean : null);

  const byRoot = {};
  for (const p of roots.points) for (const [r, n] of Object.entries(p.counts || {})) byRoot[r] = (byRoot[r] || 0) + n;
  const rootRows = Object.entries(byRoot).sort((x, y) => x[0].localeCompare(y[0]))
    .map(([r, n]) => [r + ' ' + ROOT_NAMES(ctx.codes, r), n, QUAD_COLORS[ctx.codes[r] ? ctx.codes[r].quad : 1]]);
  // The API has no roll-up by PLOVER type: one count per type, after the
  // charts are drawn.
  const ploverBox = h('div', { id: 'plover-bars' }, h('p', { class: 'loading' }, 'Counting…'));
  Promise.all(plovers.map(p => get('/events', { ...f, dyad: dy, plover: p, limit: 1, count: 'true' }, ctx.signal).then(r => [p, r.total || 0])))
    .then(counts => {
      const rows = counts.filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]).map(([p, n]) => [p, n, '#5b6fb3']);
      ploverBox.replaceChildren(bars(rows));
      ploverBox.dataset.ready = '1';
    })
    .catch(err => { if (err.name !== 'AbortError') ploverBox.replaceChildren(errorBox(err)); });
  const total = ab.points.reduce((n, p) => n + p.events, 0) + ba.points.reduce((n, p) => n + p.events, 0);
  const gsum = ab.points.reduce((n, p) => n + p.goldstein_sum, 0) + ba.points.reduce((n, p) => n + p.goldstein_sum, 0);

  const coopEl = h('div', { class: 'chart', id: 'chart-coop', role: 'img', 'aria-label': 'Cooperation and conflict over time' });
  const goldEl = h('div', { class: 'chart', id: 'chart-gold', role: 'img', 'aria-label': 'Mean Goldstein value over time' });
  const list = h('div', {}, eventTable(page.events, ctx.codes));
  let next = page.next_cursor;
  const more = h('button', { type: 'button', class: 'secondary', hidden: !next, onclick: async () => {
    more.disabled = true;
    const p = await get('/events', { ...f, dyad: dy, limit: 25, cursor: next });
    next = p.next_cursor;
    list.append(eventTable(p.events, ctx.codes));
    more.disabled = false; more.hidden = !next;
  } }, 'More events');

  main.replaceChildren(
    h('h1', {}, `${a} ↔ ${b}`),
    h('p', { class: 'muted' }, `${num(total)} events in both directions; mean Goldstein `,
      h('strong', { style: { color: goldColor(total ? gsum / total : 0) } }, total ? (gsum / total).toFixed(2) : '—'),
      '. ', h('a', { href: ctx.href(`/dyad/${b}/${a}`) }, 'Swap'), ' · ',
      h('a', { href: ctx.href('/map', new URLSearchParams({ ...Object.fromEntries(ctx.params), actor: a })) }, `${a} on the map`)),
    h('div', { class: 'grid' },
      card('span-6', 'Cooperation vs conflict', coopEl),
      card('span-6', 'Goldstein trend (mean per ' + interval + ')', goldEl),
      card('span-6', 'By CAMEO root', bars(rootRows)),
      card('span-6', 'By PLOVER type', ploverBox),
      card('span-12', 'Events', list, more),
    ),
  );
  lineChart(coopEl, dates, [
    { label: `${a}→${b} cooperation`, color: QUAD_COLORS[1], values: pab.map(coop) },
    { label: `${a}→${b} conflict`, color: QUAD_COLORS[4], values: pab.map(conf) },
    { label: `${b}→${a} cooperation`, color: '#7fb3d5', values: pba.map(coop), width: 1.5 },
    { label: `${b}→${a} conflict`, color: '#f1948a', values: pba.map(conf), width: 1.5 },
  ]);
  lineChart(goldEl, dates, [
    { label: `${a}→${b}`, color: '#3b5bdb', values: pab.map(gold), gaps: true },
    { label: `${b}→${a}`, color: '#a35bd0', values: pba.map(gold), gaps: true },
  ], { ylabel: 'Goldstein', yrange: [-10, 10] });
}
