// Small DOM and formatting helpers shared by the views.

// h builds an element: h('a', {href: '#/'}, 'text', child...). Attributes
// starting with "on" are listeners; text children are escaped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const QUADS = {
  1: 'Verbal cooperation', 2: 'Material cooperation', 3: 'Verbal conflict', 4: 'Material conflict',
};
export const QUAD_COLORS = { 1: '#2c7fb8', 2: '#1b9e77', 3: '#e6a117', 4: '#d7301f' };

export function quadDot(q) {
  return h('span', { class: 'quad q' + q, title: QUADS[q] || '', 'aria-hidden': 'true' });
}

// actor formats an actor: "RUS GOV (Vladimir Putin)".
export function actor(a) {
  if (!a || !a.code) return '—';
  return a.code + (a.role ? ' ' + a.role : '');
}

export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '';
}

export function num(n) {
  return Number(n || 0).toLocaleString('en');
}

// goldColor maps a Goldstein value (-10..10) to a colour: red for
// conflict, grey at zero, blue for cooperation.
export function goldColor(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 6));
  const grey = [150, 156, 164], red = [215, 48, 31], blue = [44, 127, 184];
  const to = t < 0 ? red : blue, a = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (to[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function card(cls, title, ...body) {
  return h('section', { class: 'card ' + cls }, title ? h('h2', {}, title) : null, ...body);
}

export function errorBox(err) {
  return h('p', { class: 'error', role: 'alert' }, String(err && err.message ? err.message : err));
}

// eventLink is a link to an event's detail page.
export function eventLink(e, text) {
  return h('a', { href: '#/event/' + encodeURIComponent(e.id), class: 'event-link' }, text);
}

// eventTable lists events: date, dyad, code and name, place; every row
// links to the event's detail. compact leaves out the place and the
// article count, for narrow panels.
export function eventTable(events, codes, compact) {
  if (!events.length) return h('p', { class: 'muted' }, 'No events match.');
  return h('div', { class: 'tablewrap' }, h('table', { class: 'events' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Date'), h('th', {}, 'Source'), h('th', {}, 'Target'),
      h('th', {}, 'Event'), compact ? null : [h('th', { class: 'hide-narrow' }, 'Place'), h('th', { class: 'num hide-narrow' }, 'Articles')])),
    h('tbody', {}, events.map(e => h('tr', { dataset: { id: e.id } },
      h('td', {}, day(e.date)),
      h('td', {}, actor(e.source)),
      h('td', {}, actor(e.target)),
      h('td', {}, quadDot(e.quad_class), eventLink(e, e.code + ' ' + ((codes && codes[e.code] && codes[e.code].name) || ''))),
      compact ? null : [h('td', { class: 'hide-narrow' }, e.place ? e.place.name : ''),
        h('td', { class: 'num hide-narrow' }, e.num_articles)])))));
}

// bars draws a horizontal bar list of [label, value, colour] rows.
export function bars(rows) {
  const max = Math.max(1, ...rows.map(r => r[1]));
  if (!rows.length) return h('p', { class: 'muted' }, 'Nothing to show.');
  return h('div', { class: 'bars', role: 'list' }, rows.map(([label, v, color]) => [
    h('span', { role: 'listitem' }, label),
    h('span', {}, h('span', { class: 'bar', style: { width: (100 * v / max).toFixed(1) + '%', background: color || '' } })),
    h('span', { class: 'num' }, num(v)),
  ]));
}
