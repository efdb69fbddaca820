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
      h('td', { class: 'num' }, h('span', { style: { color: goldColor(d.goldstein_mean) } }, d.goldstein_mean.toFixed(2))))))));
}

export async function render(main, ctx) {
  const f = ctx.filter;
  const interval = ctx.params.get('interval') || intervalFor(f.from, f.to);
  const [series, active, changing, latest] = await Promise.all([
    get('/series', { ...f, interval, by: 'quad' }, ctx.signal),
    get('/dyads', { ...ctx.dyadFilter, rank: 'volume', limit: 10 }, ctx.signal),
    get('/dyads', { ...ctx.dyadFilter, rank: 'change', limit: 10 }, ctx.signal),
    get('/events', { ...f, limit: 20 }, ctx.signal),
  ]);
  const total = series.points.reduce((n, p) => n + p.events, 0);
  const chartEl = h('div', { class: 'chart', id: 'chart-volume', role: 'img', 'aria-label': `Events per ${interval} by QuadClass` });
  main.replaceChildren(
    h('h1', {}, 'Overview'),
    h('div', { class: 'grid' },
      card('span-12', `Event volume per ${interval} by QuadClass`,
        h('p', { class: 'muted small' }, `${num(total)} events`, series.from ? ` from ${series.from.slice(0, 10)} to ${series.to.slice(0, 10)}` : ''),
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
