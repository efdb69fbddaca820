// Overview: event volume over time by QuadClass, the most active and the
// fastest-changing dyads, the latest events. Everything is aggregated by
// the API (/series, /dyads) or paged (/events?limit=20).
import { get } from './api.js';
import { h, card, eventTable, num, QUADS, QUAD_COLORS, goldColor } from './util.js';
import { lineChart, intervalFor } from './charts.js';

// dyadRows lists ranked dyads, each linking to the dyad view.
export function dyadTable(dyads, ctx, change) {
  if (!dyads.length) return h('p', { class: 'muted' }, 'No dyads in this period.');
  return h('div', { class: 'tablewrap' }, h('table', { class: 'dyads' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Dyad'), h('th', { class: 'num' }, 'Events'),
      change ? [h('th', { class: 'num' }, 'Before'), h('th', { class: 'num' }, 'Change')]
        : [h('th', { class: 'num' }, 'Coop.'), h('th', { class: 'num' }, 'Conflict')],
      h('th', { class: 'num' }, 'Goldstein'))),
    h('tbody', {}, dyads.map(d => h('tr', {},
      h('td', {}, h('a', { href: ctx.href(`/dyad/${d.source}/${d.target}`) }, `${d.source} → ${d.target}`)),
      h('td', { class: 'num' }, num(d.events)),
      change ? [h('td', { class: 'num' }, num(d.previous)), h('td', { class: 'num' }, (d.change > 0 ? '+' : '') + d.change)]
        : [h('td', { class: 'num' }, num(d.cooperation)), h('td', { class: 'num' }, num(d.conflict))],
      // A dyad with no events in the period has no mean: blank, not 0.00
      // (a real, neutral value).
      h('td', { class: 'num' }, d.events ? h('span', { style: { color: goldColor(d.goldstein_mean) } }, d.goldstein_mean.toFixed(2)) : ''))))));
}

// dayISO is a time's date as YYYY-MM-DD.
const dayISO = t => new Date(t).toISOString().slice(0, 10);

// dataPeriod is the period the overview opens on when the address names
// none: from the month by which 2% of the events had happened to the end of
// the last month with events, so that a few stray old dates (a background
// sentence about 2010) do not stretch the chart over years of empty
// months. It is null when that is the whole span already.
export async function dataPeriod(f, signal) {
  const s = await get('/series', { ...f, interval: 'month' }, signal);
  const pts = s.points.filter(p => p.events > 0);
  if (pts.length < 2) return null;
  const total = pts.reduce((n, p) => n + p.events, 0);
  let seen = 0, first = pts[0];
  for (const p of pts) {
    seen += p.events;
    if (seen >= 0.02 * total) { first = p; break; }
  }
  if (first === pts[0]) return null;
  const last = new Date(pts[pts.length - 1].date);
  const end = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 0);
  return { from: dayISO(first.date), to: dayISO(end) };
}

export async function render(main, ctx) {
  let f = ctx.filter, df = ctx.dyadFilter;
  // Without dates in the address the overview opens on the period that
  // holds the data; all=1 (the "See all" link) shows the whole span.
  const all = ctx.params.get('all') === '1';
  const period = !f.from && !f.to && !all ? await dataPeriod(f, ctx.signal) : null;
  if (period) {
    f = { ...f, ...period };
    df = { ...df, ...period };
  }
  const allParams = new URLSearchParams(ctx.params);
  allParams.set('all', '1');
  const dataParams = new URLSearchParams(ctx.params);
  dataParams.delete('all');
  const periodNote = period
    ? h('p', { class: 'muted small', id: 'period' }, `Showing ${period.from} to ${period.to}, the months that hold the data (98% of the events). `,
      h('a', { href: ctx.href('/', allParams), id: 'period-all' }, 'See all'))
    : all && !f.from && !f.to
      ? h('p', { class: 'muted small', id: 'period' }, 'Showing every date. ', h('a', { href: ctx.href('/', dataParams), id: 'period-data' }, 'Show the period that holds the data'))
      : '';
  const interval = ctx.params.get('interval') || intervalFor(f.from, f.to);
  const [series, active, changing, latest] = await Promise.all([
    get('/series', { ...f, interval, by: 'quad' }, ctx.signal),
    get('/dyads', { ...df, rank: 'volume', limit: 10 }, ctx.signal),
    get('/dyads', { ...df, rank: 'change', limit: 10 }, ctx.signal),
    get('/events', { ...f, limit: 20 }, ctx.signal),
  ]);
  const total = series.points.reduce((n, p) => n + p.events, 0);
  const chartEl = h('div', { class: 'chart', id: 'chart-volume', role: 'img', 'aria-label': `Events per ${interval} by QuadClass` });
  main.replaceChildren(
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid' },
      card('span-12', `Event volume per ${interval} by QuadClass`,
        periodNote,
        h('p', { class: 'muted small', id: 'volume-span' }, `${num(total)} events`, series.from ? ` from ${series.from.slice(0, 10)} to ${series.to.slice(0, 10)}` : ''),
        chartEl),
      card('span-6', 'Most active dyads', dyadTable(active.dyads, ctx, false)),
      card('span-6', 'Fastest-changing dyads', h('p', { class: 'muted small' }, f.from ? 'Against the period of the same length before.' : 'The last 30 days against the 30 before.'),
        dyadTable(changing.dyads, ctx, true)),
      card('span-12', 'Latest events', eventTable(latest.events, ctx.codes),
        h('p', {}, h('a', { href: ctx.href('/map') }, 'See them on the map'), ' · ', h('a', { href: ctx.href('/network') }, 'as a network'))),
    ),
  );
  const xs = series.points.map(p => p.date);
  lineChart(chartEl, xs, [1, 2, 3, 4].map(q => ({
    label: QUADS[q], color: QUAD_COLORS[q],
    values: series.points.map(p => (p.counts && p.counts[q]) || 0),
  })));
}
