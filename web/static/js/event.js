// Event detail: the sentence with the source, target, trigger, date and
// place highlighted from the provenance's spans, the code and its name, the
// pattern that fired, how the date was resolved, the place and every
// article that reports the event.
import { get } from './api.js';
import { h, card, actor, day, QUADS, goldColor } from './util.js';

const KINDS = ['source', 'target', 'trigger', 'date', 'place'];
const PRECISION = {
  day: 'the text names the day',
  month: 'the text names the month',
  year: 'the text names the year only',
  article: "the text gives no date: the article's date is used",
};
const FLAGS = {
  reported: 'coded from reported speech',
  mirror: 'the counterpart of another event of the sentence',
  resolved: 'an actor was resolved from a pronoun, title or description',
  commitment: 'a future commitment (root 03)',
  refusal: 'a negated future, coded as a refusal',
};

// highlighted splits sentence at the highlights' byte offsets (UTF-8) and
// marks each piece with the kinds that cover it.
export function highlighted(sentence, hls) {
  const enc = new TextEncoder(), dec = new TextDecoder();
  const bytes = enc.encode(sentence);
  const cuts = new Set([0, bytes.length]);
  const ok = (hls || []).filter(x => x.start >= 0 && x.end <= bytes.length && x.start < x.end);
  for (const x of ok) { cuts.add(x.start); cuts.add(x.end); }
  const pts = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const [s, e] = [pts[i], pts[i + 1]];
    const text = dec.decode(bytes.subarray(s, e));
    const kinds = KINDS.filter(k => ok.some(x => x.kind === k && x.start <= s && x.end >= e));
    out.push(kinds.length ? h('mark', { class: kinds.map(k => 'hl-' + k).join(' '), title: kinds.join(', '), dataset: { kind: kinds.join(' ') } }, text) : text);
  }
  return out;
}

function actorFull(a) {
  if (!a || !a.code) return '— (none)';
  return actor(a) + (a.name ? ` (${a.name})` : '');
}

export async function render(main, ctx) {
  const id = ctx.args[0];
  const e = await get('/events/' + encodeURIComponent(id), {}, ctx.signal);
  const p = e.provenance || {};
  const code = ctx.codes[e.code] || {};
  const root = ctx.codes[e.root] || {};
  const hl = e.highlights || [];
  const dateWords = hl.find(x => x.kind === 'date');
  const place = e.place;
  const reports = e.reports || [];
  const pair = e.source && e.target && e.source.code && e.target.code && e.source.code !== e.target.code;
  main.replaceChildren(
    h('h1', {}, `${actor(e.source)} → ${actor(e.target)}: ${e.code} ${code.name || ''}`),
    h('div', { class: 'grid' },
      card('span-12', 'The sentence',
        h('p', { class: 'sentence', id: 'sentence' }, highlighted(p.sentence_text || '', hl)),
        h('div', { class: 'legend' }, KINDS.filter(k => hl.some(x => x.kind === k)).map(k => h('span', {}, h('mark', { class: 'key hl-' + k }, k)))),
        h('p', { class: 'muted small' }, `Sentence ${p.sentence + 1} of article `, h('code', {}, p.article_id), '.')),
      card('span-6', 'Event',
        h('dl', { class: 'facts' },
          h('dt', {}, 'Source'), h('dd', {}, actorFull(e.source)),
          h('dt', {}, 'Target'), h('dd', {}, actorFull(e.target)),
          h('dt', {}, 'Code'), h('dd', { id: 'event-code' }, h('strong', {}, e.code), ' ', code.name || ''),
          h('dt', {}, 'Root'), h('dd', {}, `${e.root} ${root.name || ''}`),
          h('dt', {}, 'QuadClass'), h('dd', {}, h('span', { class: 'quad q' + e.quad_class }), `${e.quad_class} ${QUADS[e.quad_class] || ''}`),
          h('dt', {}, 'Goldstein'), h('dd', {}, h('span', { style: { color: goldColor(e.goldstein) } }, e.goldstein.toFixed(1))),
          h('dt', {}, 'PLOVER'), h('dd', {}, e.plover_type ? e.plover_type + (e.plover_mode ? ' / ' + e.plover_mode : '') : '— (a statement PLOVER does not code)'),
          h('dt', {}, 'Pattern'), h('dd', { id: 'event-pattern' }, h('code', {}, p.pattern_id || '—')),
          p.flags && p.flags.length ? [h('dt', {}, 'Flags'), h('dd', {}, p.flags.map(f => h('span', { class: 'pill', title: FLAGS[f] || '' }, f)))] : null,
          p.reported_by ? [h('dt', {}, 'Reported by'), h('dd', {}, actorFull(p.reported_by))] : null,
          h('dt', {}, 'Articles'), h('dd', {}, `${e.num_articles} from ${e.num_sources} source${e.num_sources === 1 ? '' : 's'}`)),
        pair ? h('p', {}, h('a', { href: ctx.href(`/dyad/${e.source.code}/${e.target.code}`, new URLSearchParams()) }, `${e.source.code} ↔ ${e.target.code} over time`)) : null),
      card('span-6', 'When and where',
        h('dl', { class: 'facts' },
          h('dt', {}, 'Date'), h('dd', { id: 'event-date' }, day(e.date)),
          h('dt', {}, 'Precision'), h('dd', {}, `${e.date_precision}: ${PRECISION[e.date_precision] || ''}`),
          h('dt', {}, 'From the words'), h('dd', {}, dateWords ? h('mark', { class: 'hl-date' }, dateWords.text) : '—'),
          p.date_span && p.date_span.end > p.date_span.start ? [h('dt', {}, 'Date span'), h('dd', {}, `bytes ${p.date_span.start}–${p.date_span.end} of the article`)] : null,
          h('dt', {}, 'Place'), h('dd', { id: 'event-place' }, place ? `${place.name}${place.admin1 && place.admin1 !== place.name ? ', ' + place.admin1 : ''}, ${place.country}` : '— (not placed)'),
          place ? [
            h('dt', {}, 'Precision'), h('dd', {}, place.precision + (place.basis ? ` (from the ${place.basis})` : '')),
            h('dt', {}, 'Coordinates'), h('dd', {}, `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}`),
          ] : null)),
      card('span-12', `Reported by ${reports.length} article${reports.length === 1 ? '' : 's'}`,
        h('ul', { id: 'reports' }, reports.map(r => h('li', {},
          h('strong', {}, r.title || r.article_id), ' — ', r.source || 'unknown source', r.published ? ', ' + day(r.published) : '',
          r.original ? h('span', { class: 'pill' }, 'coded from this one') : h('span', { class: 'pill' }, 'republication'),
          ' ', r.url ? h('a', { href: r.url, rel: 'noopener noreferrer', target: '_blank' }, 'source') : null,
          ' · ', h('a', { href: '/api/v1/articles/' + encodeURIComponent(r.article_id) }, 'article JSON'))))),
    ),
  );
}
