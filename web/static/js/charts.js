// Time-series charts drawn with uPlot, sized to their container.
import uPlot from '/static/vendor/uplot/uPlot.esm.js';

// lineChart draws series over time in el and returns the uPlot instance.
// xs are dates (ISO strings); series are {label, values, color, width,
// gaps}; opts.yrange fixes the y-axis ([-10, 10] for Goldstein values).
export function lineChart(el, xs, series, opts = {}) {
  const x = xs.map(d => Date.parse(d) / 1000);
  const width = () => Math.max(280, el.clientWidth || 600);
  const o = {
    width: width(),
    height: opts.height || 240,
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    scales: { x: { time: true }, ...(opts.yrange ? { y: { range: opts.yrange } } : {}) },
    axes: [{}, { label: opts.ylabel || 'events', size: 50 }],
    series: [
      { label: 'date', value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10) },
      ...series.map(s => ({
        label: s.label,
        stroke: s.color,
        width: s.width || 2,
        spanGaps: !!s.gaps,
        points: { show: x.length < 60 },
        value: (u, v) => v == null ? '—' : (Number.isInteger(v) ? String(v) : v.toFixed(2)),
      })),
    ],
  };
  const u = new uPlot(o, [x, ...series.map(s => s.values)], el);
  const ro = new ResizeObserver(() => u.setSize({ width: width(), height: o.height }));
  ro.observe(el);
  u.dyadDispose = () => { ro.disconnect(); u.destroy(); };
  (window.dyadCharts = window.dyadCharts || []).push(u);
  return u;
}

// disposeCharts destroys the charts of the view being left.
export function disposeCharts() {
  for (const u of window.dyadCharts || []) u.dyadDispose();
  window.dyadCharts = [];
}

// intervalFor picks a bucket width for a date range (days), keeping a
// series to a few hundred points at most.
export function intervalFor(from, to) {
  if (!from || !to) return 'month';
  const days = (Date.parse(to) - Date.parse(from)) / 864e5;
  if (days <= 120) return 'day';
  if (days <= 730) return 'week';
  return 'month';
}
