// Situations: define one (name, actors or dyads, codes or PLOVER types),
// follow its timeline and events, set alert rules with a webhook, check
// them now and list the alerts that fired. Writes carry the token from the
// address dyad serve printed (#token=...).
import { get, send, token } from './api.js';
import { h, card, eventTable, num, day, QUADS, QUAD_COLORS, errorBox } from './util.js';
import { lineChart, intervalFor } from './charts.js';

const list = s => (s || '').split(/[\s,;]+/).map(x => x.trim()).filter(Boolean);

function tokenNote() {
  return token() ? null : h('p', { class: 'error', role: 'note' },
    'This tab has no token, so it can read but not change situations. Open the address dyad serve printed (it ends in #token=…).');
}

// field is a labelled form control.
function field(label, control, hint) {
  return h('label', { class: 'field' }, label, control, hint ? h('span', { class: 'small' }, hint) : null);
}

function definition(s) {
  const pills = (label, xs) => xs && xs.length ? h('p', {}, h('span', { class: 'muted small' }, label + ': '), xs.map(x => h('span', { class: 'pill' }, x))) : null;
  return [
    pills('Actors', s.actors), pills('Dyads', (s.dyads || []).map(d => d[0] + ' ↔ ' + d[1])),
    pills('Codes', s.codes), pills('PLOVER', s.plover),
    !(s.actors || []).length && !(s.dyads || []).length ? h('p', { class: 'muted small' }, 'Every actor.') : null,
  ];
}

function alertTable(alerts, ctx) {
  if (!alerts.length) return h('p', { class: 'muted', id: 'alerts-empty' }, 'No alerts have fired.');
  return h('div', { class: 'tablewrap' }, h('table', { id: 'alerts' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Fired'), h('th', {}, 'Situation'), h('th', {}, 'Rule'), h('th', {}, 'Why'), h('th', { class: 'num' }, 'Events'), h('th', {}, 'Webhook'))),
    h('tbody', {}, alerts.map(a => h('tr', { dataset: { id: a.id } },
      h('td', {}, String(a.fired).slice(0, 16).replace('T', ' ')),
      h('td', {}, h('a', { href: '#/situations/' + encodeURIComponent(a.situation_id) }, a.situation_name || a.situation_id)),
      h('td', {}, a.kind),
      h('td', {}, a.reason, (a.event_ids || []).length ? h('div', { class: 'small' }, a.event_ids.slice(0, 5).map((id, i) => [i ? ' · ' : '', h('a', { href: '#/event/' + encodeURIComponent(id) }, 'event ' + (i + 1))])) : null),
      h('td', { class: 'num' }, num(a.count)),
      h('td', {}, a.delivered ? 'delivered' : `not delivered (${a.attempts} tries${a.last_error ? ': ' + a.last_error : ''})`))))));
}

export async function render(main, ctx) {
  return ctx.name === 'situation' ? one(main, ctx) : index(main, ctx);
}

async function index(main, ctx) {
  const [sits, alerts] = await Promise.all([get('/situations', {}, ctx.signal), get('/alerts', { limit: 20 }, ctx.signal)]);
  const plovers = [...new Set(Object.values(ctx.codes).map(c => c.plover).filter(Boolean))].sort();
  const status = h('div', { id: 'situation-status', role: 'status' });
  const form = h('form', { id: 'situation-form', onsubmit: async ev => {
    ev.preventDefault();
    const fd = new FormData(form);
    const body = {
      name: fd.get('name'), description: fd.get('description') || undefined,
      actors: list(fd.get('actors')).map(x => x.toUpperCase()),
      dyads: list(fd.get('dyads')).map(d => d.toUpperCase().split(/[-:<>↔]+/).filter(Boolean)),
      codes: list(fd.get('codes')),
      plover: fd.getAll('plover'),
    };
    const bad = body.dyads.find(d => d.length !== 2);
    if (bad) { status.replaceChildren(errorBox('A dyad is two actor codes joined by a dash: RUS-UKR')); return; }
    try {
      const s = await send('POST', '/situations', body);
      location.hash = '#/situations/' + encodeURIComponent(s.id);
    } catch (err) { status.replaceChildren(errorBox(err)); }
  } },
    field('Name', h('input', { name: 'name', required: true, maxlength: 200, placeholder: 'Russia–Ukraine ceasefire talks' })),
    field('Description', h('input', { name: 'description', maxlength: 4000 })),
    field('Actors', h('input', { name: 'actors', placeholder: 'RUS, UKR' }), 'Events with one of these on either side.'),
    field('Dyads', h('input', { name: 'dyads', placeholder: 'RUS-UKR, USA-RUS' }), 'Events between the two, either direction.'),
    field('CAMEO codes', h('input', { name: 'codes', placeholder: '03, 04, 19' }), 'Code prefixes; empty: all codes.'),
    h('fieldset', {}, h('legend', { class: 'small muted' }, 'PLOVER types (none checked: all)'),
      h('div', { class: 'row' }, plovers.map(p => h('label', { class: 'small' }, h('input', { type: 'checkbox', name: 'plover', value: p }), ' ' + p)))),
    h('button', { type: 'submit' }, 'Create situation'), status);
  main.replaceChildren(...[
    h('h1', {}, 'Situations'),
    tokenNote(),
    h('div', { class: 'grid' },
      card('span-6', 'Watched situations', sits.situations.length ? h('ul', { id: 'situations' }, sits.situations.map(s => h('li', {},
        h('a', { href: '#/situations/' + encodeURIComponent(s.id) }, s.name), ' ', h('span', { class: 'muted small' }, 'since ' + day(s.created)), definition(s))))
        : h('p', { class: 'muted' }, 'None yet: define one.')),
      card('span-6', 'New situation', form),
      card('span-12', 'Latest alerts', alertTable(alerts.alerts, ctx)),
    ),
  ].filter(Boolean));
}

async function one(main, ctx) {
  const id = ctx.args[0];
  const path = '/situations/' + encodeURIComponent(id);
  const from = ctx.params.get('from'), to = ctx.params.get('to');
  const interval = ctx.params.get('interval') || intervalFor(from, to);
  const [s, series, page, rules, alerts] = await Promise.all([
    get(path, {}, ctx.signal),
    get(path + '/series', { from, to, interval, by: 'quad' }, ctx.signal),
    get(path + '/events', { from, to, limit: 25, count: 'true' }, ctx.signal),
    get(path + '/rules', {}, ctx.signal),
    get('/alerts', { situation: id, limit: 50 }, ctx.signal),
  ]);
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const chartEl = h('div', { class: 'chart', id: 'chart-situation', role: 'img', 'aria-label': 'The situation\'s events over time by QuadClass' });
  const evList = h('div', {}, eventTable(page.events, ctx.codes));
  let next = page.next_cursor;
  const more = h('button', { type: 'button', class: 'secondary', hidden: !next, onclick: async () => {
    more.disabled = true;
    const p = await get(path + '/events', { from, to, limit: 25, cursor: next });
    next = p.next_cursor; evList.append(eventTable(p.events, ctx.codes));
    more.disabled = false; more.hidden = !next;
  } }, 'More events');

  const ruleStatus = h('div', { role: 'status', id: 'rule-status' });
  const kind = h('select', { name: 'kind', id: 'rule-kind' },
    h('option', { value: 'new_event' }, 'a new event is stored'),
    h('option', { value: 'threshold' }, 'events in the window reach a threshold'),
    h('option', { value: 'spike' }, 'a spike against the trailing baseline'));
  const ruleForm = h('form', { id: 'rule-form', onsubmit: async ev => {
    ev.preventDefault();
    const fd = new FormData(ruleForm);
    const n = k => fd.get(k) ? Number(fd.get(k)) : undefined;
    const body = { kind: fd.get('kind'), codes: list(fd.get('codes')), threshold: n('threshold'), window_days: n('window_days'),
      baseline_days: n('baseline_days'), factor: n('factor'), webhook: fd.get('webhook') || undefined };
    try {
      await send('POST', path + '/rules', body);
      reload();
    } catch (err) { ruleStatus.replaceChildren(errorBox(err)); }
  } },
    field('Fire when', kind),
    field('Only codes', h('input', { name: 'codes', placeholder: '19, 20' }), 'Code prefixes among the situation\'s; empty: all.'),
    h('div', { class: 'row' },
      field('Threshold', h('input', { name: 'threshold', type: 'number', min: 1, step: 1, inputmode: 'numeric', size: 5 })),
      field('Window (days)', h('input', { name: 'window_days', type: 'number', min: 1, max: 3660, placeholder: '7', size: 5 })),
      field('Baseline (days)', h('input', { name: 'baseline_days', type: 'number', min: 1, max: 3660, placeholder: '28', size: 5 })),
      field('Factor', h('input', { name: 'factor', type: 'number', min: 1, step: 0.1, placeholder: '3', size: 5 }))),
    field('Webhook', h('input', { name: 'webhook', type: 'url', placeholder: 'http://127.0.0.1:9000/hook' }), 'Alerts are POSTed here as JSON; empty: only listed.'),
    h('button', { type: 'submit' }, 'Add rule'), ruleStatus);

  const checkStatus = h('span', { role: 'status', id: 'check-status', class: 'small' });
  const check = h('button', { type: 'button', id: 'check-now', onclick: async () => {
    check.disabled = true; checkStatus.textContent = 'Checking…';
    try {
      const r = await send('POST', '/alerts/evaluate');
      checkStatus.textContent = `${r.alerts.length} alert${r.alerts.length === 1 ? '' : 's'} fired.`;
      const a = await get('/alerts', { situation: id, limit: 50 });
      alertsBox.replaceChildren(alertTable(a.alerts, ctx));
    } catch (err) { checkStatus.replaceChildren(errorBox(err)); }
    check.disabled = false;
  } }, 'Check now');
  const alertsBox = h('div', { id: 'situation-alerts' }, alertTable(alerts.alerts, ctx));

  main.replaceChildren(...[
    h('h1', {}, s.name),
    s.description ? h('p', {}, s.description) : null,
    tokenNote(),
    h('div', { class: 'grid' },
      card('span-8', `Timeline (events per ${interval})`, h('p', { class: 'muted small' }, `${num(page.total || 0)} events`), chartEl),
      card('span-4', 'Definition', definition(s), h('p', {},
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          if (!confirm(`Delete the situation "${s.name}" with its rules and alerts?`)) return;
          try { await send('DELETE', path); location.hash = '#/situations'; } catch (err) { ruleStatus.replaceChildren(errorBox(err)); }
        } }, 'Delete situation'))),
      card('span-6', 'Alert rules', rules.rules.length ? h('ul', { id: 'rules' }, rules.rules.map(r => h('li', {},
        h('strong', {}, r.kind), ' ',
        r.kind === 'threshold' ? `${r.threshold}+ events in ${r.window_days} days` : r.kind === 'spike' ? `${r.factor}× the ${r.baseline_days}-day baseline in ${r.window_days} days (at least ${r.threshold})` : 'each new event',
        r.codes.length ? ` · codes ${r.codes.join(', ')}` : '', r.webhook ? h('div', { class: 'small muted' }, '→ ' + r.webhook) : null,
        ' ', h('button', { type: 'button', class: 'secondary small', 'aria-label': 'Delete rule ' + r.id, onclick: async () => {
          try { await send('DELETE', path + '/rules/' + encodeURIComponent(r.id)); reload(); } catch (err) { ruleStatus.replaceChildren(errorBox(err)); }
        } }, 'Delete'))))
        : h('p', { class: 'muted' }, 'No rules yet.'), ruleForm),
      card('span-6', 'Alerts', h('p', { class: 'row' }, check, checkStatus), alertsBox),
      card('span-12', 'Events', evList, more),
    ),
  ].filter(Boolean));
  lineChart(chartEl, series.points.map(p => p.date), [1, 2, 3, 4].map(q => ({
    label: QUADS[q], color: QUAD_COLORS[q], values: series.points.map(p => (p.counts && p.counts[q]) || 0),
  })));
}
