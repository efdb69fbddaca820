// The dashboard's shell: routes on the address's fragment (#/view?filters),
// keeps the filters in it so that a view can be shared by its address, and
// renders one view at a time into <main>.
import { takeTokenFromHash, token, codebook } from './api.js';
import { h, errorBox } from './util.js';
import { disposeCharts } from './charts.js';
import * as overview from './overview.js';
import * as dyadView from './dyad.js';
import * as mapView from './map.js';
import * as networkView from './network.js';
import * as eventView from './event.js';
import * as situations from './situations.js';

const FILTERS = ['from', 'to', 'actor', 'country', 'code', 'quad', 'interval'];

const routes = [
  [/^\/?$/, 'overview', overview],
  [/^\/dyad\/([A-Z]{3})\/([A-Z]{3})$/, 'dyad', dyadView],
  [/^\/map$/, 'map', mapView],
  [/^\/network$/, 'network', networkView],
  [/^\/event\/(.+)$/, 'event', eventView],
  [/^\/situations$/, 'situations', situations],
  [/^\/situations\/([^/]+)$/, 'situation', situations],
];

// parseHash splits "#/path?query" into its path and parameters.
export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const params = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  return { path: path || '/', params };
}

// href builds a fragment for path with the current filters (or params).
export function href(path, params) {
  const p = params || filterParams(parseHash().params);
  const s = p.toString();
  return '#' + path + (s ? '?' + s : '');
}

function filterParams(params) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (params.get(k)) p.set(k, params.get(k));
  return p;
}

// apiFilter turns the address's filters into API parameters for /events
// and /series; dyads=true gives those /dyads takes (codes become roots).
export function apiFilter(params, dyads = false) {
  const f = {};
  for (const k of ['from', 'to', 'actor', 'quad']) if (params.get(k)) f[k] = params.get(k);
  if (f.actor) f.actor = f.actor.toUpperCase();
  const code = (params.get('code') || '').replace(/\s+/g, '');
  if (dyads) {
    if (code) f.root = [...new Set(code.split(',').filter(Boolean).map(c => c.slice(0, 2)))].join(',');
  } else {
    if (code) f.code = code;
    if (params.get('country')) f.country = params.get('country').toUpperCase();
  }
  return f;
}

const form = () => document.getElementById('filters');

function syncForm(params) {
  const f = form();
  for (const k of FILTERS) if (f.elements[k]) f.elements[k].value = params.get(k) || '';
}

function submitFilters(ev) {
  ev.preventDefault();
  const f = form();
  const { path, params } = parseHash();
  for (const k of FILTERS) {
    const v = (f.elements[k].value || '').trim();
    if (v) params.set(k, k === 'actor' || k === 'country' ? v.toUpperCase() : v); else params.delete(k);
  }
  location.hash = href(path === '/' ? '/' : path, params);
}

let current = null; // {abort, cleanup}

async function route() {
  if (takeTokenFromHash()) { /* the address was rewritten to #/ */ }
  const { path, params } = parseHash();
  if (current) {
    current.abort.abort();
    if (current.cleanup) try { current.cleanup(); } catch (e) { console.warn('cleanup', e); }
  }
  disposeCharts();
  const main = document.getElementById('main');
  delete main.dataset.ready;
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  syncForm(params);
  document.getElementById('token-state').textContent = token() ? 'token: set (writes allowed)' : 'read-only (open the URL dyad serve printed to write)';
  let found = null, args = [];
  for (const [re, name, mod] of routes) {
    const m = re.exec(path);
    if (m) { found = { name, mod }; args = m.slice(1).map(decodeURIComponent); break; }
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    const on = found && (a.dataset.nav === found.name || (a.dataset.nav === 'situations' && found.name === 'situation'));
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    a.setAttribute('href', href(a.getAttribute('href').replace(/^#/, '').split('?')[0]));
  }
  form().hidden = !found || ['event', 'situations', 'situation'].includes(found.name);
  if (!found) {
    main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'No view at this address. ', h('a', { href: '#/' }, 'Go to the overview.')));
    main.dataset.ready = 'notfound';
    return;
  }
  const abort = new AbortController();
  current = { abort, cleanup: null };
  const t0 = performance.now();
  try {
    const codes = await codebook();
    const ctx = { name: found.name, args, params, filter: apiFilter(params), dyadFilter: apiFilter(params, true), signal: abort.signal, codes, href };
    const cleanup = await found.mod.render(main, ctx);
    if (abort.signal.aborted) { if (cleanup) cleanup(); return; }
    current.cleanup = cleanup || null;
    const ms = Math.round(performance.now() - t0);
    window.dyadReady = { view: found.name, ms };
    main.dataset.ready = found.name;
    // A link that led here is gone with the old view: give the keyboard
    // the new one.
    if (!document.activeElement || document.activeElement === document.body) main.focus({ preventScroll: true });
    document.title = (main.querySelector('h1') ? main.querySelector('h1').textContent + ' · ' : '') + 'dyad';
  } catch (err) {
    if (abort.signal.aborted || (err && err.name === 'AbortError')) return;
    console.error(err);
    main.replaceChildren(h('h1', {}, 'Could not load this view'), errorBox(err));
    main.dataset.ready = 'error';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  form().addEventListener('submit', submitFilters);
  document.getElementById('filters-clear').addEventListener('click', () => {
    location.hash = '#' + parseHash().path;
  });
  window.addEventListener('hashchange', () => { window.scrollTo(0, 0); route(); });
  route();
});
