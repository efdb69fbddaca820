// Network: actors as nodes and the top dyads of the period as edges,
// weighted by volume and coloured by mean Goldstein (cytoscape). The table
// below the graph holds the same edges for the keyboard and screen readers.
import cytoscape from '/static/vendor/cytoscape/cytoscape.esm.min.js';
import { get } from './api.js';
import { h, card, num, goldColor } from './util.js';
import { dyadTable } from './overview.js';

export async function render(main, ctx) {
  const limit = Number(ctx.params.get('edges')) || 60;
  const res = await get('/dyads', { ...ctx.dyadFilter, rank: 'volume', limit }, ctx.signal);
  const el = h('div', { id: 'net', role: 'img', 'aria-label': `Network of ${res.nodes.length} actors and ${res.dyads.length} dyads` });
  const info = h('p', { class: 'muted small', id: 'net-info' }, 'Select an actor or a dyad.');
  main.replaceChildren(
    h('h1', {}, 'Network'),
    h('p', { class: 'muted' }, `The ${num(res.dyads.length)} most active dyads and their ${num(res.nodes.length)} actors. Edge width: events; colour: mean Goldstein (red conflict, blue cooperation).`),
    h('div', { class: 'grid' },
      card('span-8', null, el, info),
      card('span-4', 'Dyads', dyadTable(res.dyads, ctx, false))),
  );
  const maxN = Math.max(1, ...res.nodes.map(n => n.events));
  const maxE = Math.max(1, ...res.dyads.map(d => d.events));
  const elements = [
    ...res.nodes.map(n => ({ data: { id: n.code, label: n.code, size: 18 + 34 * Math.sqrt(n.events / maxN), color: goldColor(n.goldstein_mean), events: n.events, g: n.goldstein_mean } })),
    ...res.dyads.filter(d => d.source !== d.target).map(d => ({ data: {
      id: d.source + '>' + d.target, source: d.source, target: d.target, events: d.events,
      width: 1 + 9 * Math.sqrt(d.events / maxE), color: goldColor(d.goldstein_mean), g: d.goldstein_mean } })),
  ];
  const cy = cytoscape({
    container: el,
    elements,
    wheelSensitivity: 0.3,
    minZoom: 0.2, maxZoom: 4,
    style: [
      { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(label)', width: 'data(size)', height: 'data(size)',
        'font-size': 11, 'text-valign': 'center', color: '#fff', 'text-outline-color': '#333', 'text-outline-width': 1.5 } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
      { selector: ':selected', style: { 'border-width': 3, 'border-color': '#ff9f1c', 'line-color': '#ff9f1c', 'target-arrow-color': '#ff9f1c' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, numIter: 600 },
  });
  cy.on('tap', 'node', e => {
    const n = e.target.data();
    info.replaceChildren(`${n.id}: ${num(n.events)} events, mean Goldstein ${n.g.toFixed(2)}. `,
      h('a', { href: ctx.href('/', new URLSearchParams({ ...Object.fromEntries(ctx.params), actor: n.id })) }, 'Overview of ' + n.id));
  });
  cy.on('tap', 'edge', e => {
    const d = e.target.data();
    location.hash = ctx.href(`/dyad/${d.source}/${d.target}`);
  });
  window.dyadNetwork = cy;
  return () => { cy.destroy(); window.dyadNetwork = null; };
}
