// network.js - the actor network view: who acts on whom in a period, drawn with Cytoscape.js
// (the global `cytoscape` from vendor/cytoscape.min.js).  Nodes are sized by their number of
// events, edges are as wide as theirs and coloured by their mean Goldstein score.

const CONFLICT = [192, 57, 43];
const NEUTRAL = [154, 163, 176];
const COOPERATION = [27, 120, 55];

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

/** The colour ("rgb(r,g,b)") of a mean Goldstein score: red at -10, grey at 0, green at +10. */
export function goldsteinColor(score) {
  const s = Math.max(-10, Math.min(10, Number(score) || 0));
  const rgb = s < 0 ? mix(NEUTRAL, CONFLICT, -s / 10) : mix(NEUTRAL, COOPERATION, s / 10);
  return `rgb(${rgb.join(',')})`;
}

function scale(value, max, low, high) {
  if (!(max > 0)) return low;
  return low + (high - low) * Math.sqrt(Math.max(0, value) / max);
}

/**
 * Draws the /network answer `graph` ({nodes, edges}) into `container`, replacing `previous`
 * (a cytoscape instance or null).  `onEdgeClick(source, target)` is called when an edge is
 * clicked, `onNodeClick(id)` when a node is.  Returns the new cytoscape instance.
 */
export function drawNetwork(container, graph, previous, onEdgeClick, onNodeClick) {
  if (previous) previous.destroy();
  const nodes = graph.nodes || [];
  const known = new Set(nodes.map((n) => n.id));
  const edges = (graph.edges || []).filter((e) => known.has(e.source) && known.has(e.target));
  const maxNode = Math.max(0, ...nodes.map((n) => n.events));
  const maxEdge = Math.max(0, ...edges.map((e) => e.events));
  const elements = [
    ...nodes.map((n) => ({
      data: { id: n.id, label: `${n.id} (${n.events})`, events: n.events,
              size: scale(n.events, maxNode, 18, 70) },
    })),
    ...edges.map((e) => ({
      data: { id: `${e.source}->${e.target}`, source: e.source, target: e.target,
              events: e.events, goldstein: e.goldstein_mean,
              color: goldsteinColor(e.goldstein_mean), width: scale(e.events, maxEdge, 1, 9) },
    })),
  ];
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        width: 'data(size)', height: 'data(size)', label: 'data(label)',
        'background-color': '#4a6fa5', color: '#1d2330', 'font-size': 11,
        'text-valign': 'bottom', 'text-margin-y': 3,
        'text-background-color': '#fff', 'text-background-opacity': 0.7 } },
      { selector: 'edge', style: {
        width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.7 } },
      { selector: 'edge:selected', style: { opacity: 1, 'overlay-opacity': 0.15 } },
    ],
    layout: { name: nodes.length > 1 ? 'cose' : 'grid', animate: false, randomize: false,
              nodeRepulsion: () => 400000, idealEdgeLength: () => 120, nodeOverlap: 20,
              edgeElasticity: () => 100, gravity: 40, numIter: 1500, padding: 25 },
  });
  cy.on('tap', 'edge', (evt) => {
    if (onEdgeClick) onEdgeClick(evt.target.data('source'), evt.target.data('target'));
  });
  cy.on('tap', 'node', (evt) => {
    if (onNodeClick) onNodeClick(evt.target.id());
  });
  return cy;
}
