// app.js - the dashboard's entry point: the views' tabs and the filter bar (kept in the
// address's #fragment, so a view can be linked to), loading each view's data from the API
// and drawing it.  Each view's <section> carries data-state="loading|ready|error".
// window.dyadDashboard exposes the current chart, network and events for inspection.

import { getJSON, postJSON } from './api.js';
import { drawSeries, summarizeSeries, periodRange } from './series.js';
import { drawNetwork } from './network.js';
import { fillEventRows, showEventDetail, fillCodedRows } from './events.js';

const VIEWS = ['dyad', 'network', 'events', 'code'];
const FILTER_NAMES = ['source', 'target', 'from', 'to', 'by', 'dedup', 'quad', 'root'];
const EVENTS_PAGE = 25;
const TOP_DYADS = 15;

const filterForm = document.getElementById('filters');
const errorBox = document.getElementById('error');
const debug = { seriesChart: null, network: null, events: [], coded: null };
window.dyadDashboard = debug;

let currentView = 'dyad';
let eventsOffset = 0;

function byId(id) {
  return document.getElementById(id);
}

function showError(err) {
  errorBox.textContent = err ? String(err.message || err) : '';
  errorBox.hidden = !err;
}

function readFilters() {
  const values = {};
  for (const name of FILTER_NAMES) values[name] = filterForm.elements[name].value.trim();
  values.source = values.source.toUpperCase();
  values.target = values.target.toUpperCase();
  return values;
}

function writeFilters(values) {
  for (const name of FILTER_NAMES) {
    if (values[name] !== undefined && values[name] !== null) {
      filterForm.elements[name].value = values[name];
    }
  }
}

// The address is "#VIEW?filter=value&...": the view and the non-empty filters.
function saveLocation() {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(readFilters())) {
    if (value && !(name === 'by' && value === 'month') && !(name === 'dedup' && value === 'none')) {
      params.set(name, value);
    }
  }
  const query = params.toString();
  history.replaceState(null, '', `#${currentView}${query ? `?${query}` : ''}`);
}

function loadLocation() {
  const hash = location.hash.replace(/^#/, '');
  const [view, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const values = {};
  for (const name of FILTER_NAMES) if (params.has(name)) values[name] = params.get(name);
  writeFilters(values);
  return VIEWS.includes(view) ? view : 'dyad';
}

// Runs `loader` for the view's section, marking its data-state around it.
async function withState(view, loader) {
  const section = byId(`view-${view}`);
  section.dataset.state = 'loading';
  try {
    await loader();
    section.dataset.state = 'ready';
    showError(null);
  } catch (err) {
    section.dataset.state = 'error';
    showError(err);
  }
}

function periodParams(filters) {
  return { from: filters.from, to: filters.to, dedup: filters.dedup };
}

// ------------------------------------------------------------------ dyad over time
async function loadDyad() {
  const filters = readFilters();
  const dyadName = `${filters.source || 'any source'} \u2192 ${filters.target || 'any target'}`;
  byId('series-title').textContent = `Cooperation and conflict over time: ${dyadName}`;
  const [series, graph] = await Promise.all([
    getJSON('/series', filters),
    getJSON('/network', { ...periodParams(filters), n: 200 }),
  ]);
  const periods = (series && series.periods) || [];
  debug.seriesChart = drawSeries(byId('series-chart'), periods, openPeriod);
  byId('series-summary').textContent = summarizeSeries(periods);
  fillActorList(graph.nodes || []);
  fillTopDyads(graph.edges || []);
}

function fillActorList(nodes) {
  const list = byId('actor-list');
  list.replaceChildren();
  for (const node of [...nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    const option = document.createElement('option');
    option.value = node.id;
    option.label = `${node.id} (${node.events} events)`;
    list.append(option);
  }
}

function fillTopDyads(edges) {
  const list = byId('top-dyads');
  list.replaceChildren();
  const busiest = [...edges].sort((a, b) => b.events - a.events).slice(0, TOP_DYADS);
  for (const edge of busiest) {
    const item = document.createElement('li');
    item.textContent = `${edge.source} \u2192 ${edge.target}: ${edge.events} events, ` +
                       `mean Goldstein ${Number(edge.goldstein_mean).toFixed(2)}`;
    item.dataset.source = edge.source;
    item.dataset.target = edge.target;
    item.addEventListener('click', () => pickDyad(edge.source, edge.target));
    list.append(item);
  }
}

function pickDyad(source, target) {
  writeFilters({ source, target });
  showView('dyad');
}

// A click on a period's bar: list that period's events for the dyad.
function openPeriod(label) {
  const range = periodRange(label, readFilters().by);
  if (!range) return;
  writeFilters(range);
  showView('events');
}

// ------------------------------------------------------------------ network
async function loadNetwork() {
  const filters = readFilters();
  const n = Number(byId('network-n').value) || 30;
  const graph = await getJSON('/network', { ...periodParams(filters), n });
  debug.network = drawNetwork(byId('network'), graph, debug.network, pickDyad, (id) => {
    writeFilters({ source: id, target: '' });
    showView('dyad');
  });
  const nodes = (graph.nodes || []).length;
  const edges = (graph.edges || []).length;
  byId('network-summary').textContent = nodes
    ? `${nodes} actors, ${edges} dyads${filters.from || filters.to
        ? ` from ${filters.from || 'the start'} to ${filters.to || 'the end'}` : ''}.`
    : 'No events for these filters.';
}

// ------------------------------------------------------------------ events
async function loadEvents() {
  const filters = readFilters();
  delete filters.by;
  const answer = await getJSON('/events', { ...filters, limit: EVENTS_PAGE, offset: eventsOffset });
  const events = (answer && answer.events) || [];
  const total = Number(answer && answer.total) || 0;
  debug.events = events;
  byId('event-detail').hidden = true;
  fillEventRows(document.querySelector('#events-table tbody'), events, (event, row) => {
    for (const other of row.parentElement.children) other.classList.remove('selected');
    row.classList.add('selected');
    showEventDetail(byId('event-detail'), event);
  });
  byId('events-count').textContent = `(${total} in all)`;
  byId('events-page').textContent = total
    ? `${eventsOffset + 1}\u2013${eventsOffset + events.length} of ${total}` : 'no events';
  byId('events-prev').disabled = eventsOffset === 0;
  byId('events-next').disabled = eventsOffset + events.length >= total;
}

// ------------------------------------------------------------------ code a story
async function codeStory(form) {
  const explain = form.elements.explain.checked;
  const body = { id: form.elements.id.value.trim(), date: form.elements.date.value,
                 text: form.elements.text.value };
  const answer = await postJSON('/code', body, explain ? { explain: 1 } : {});
  const events = (answer && answer.events) || [];
  debug.coded = answer;
  fillCodedRows(document.querySelector('#code-events tbody'), events);
  byId('code-count').textContent = `(${events.length})`;
  byId('code-trace').textContent = ((answer && answer.trace) || []).join('\n');
}

// ------------------------------------------------------------------ wiring
const LOADERS = { dyad: loadDyad, network: loadNetwork, events: loadEvents, code: async () => {} };

function showView(view) {
  currentView = view;
  for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
  filterForm.hidden = view === 'code';  // the filters do not apply to a pasted story
  for (const tab of document.querySelectorAll('#tabs a')) {
    tab.classList.toggle('active', tab.dataset.view === view);
  }
  if (view === 'events') eventsOffset = 0;
  saveLocation();
  return withState(view, LOADERS[view]);
}

async function loadHealth() {
  const badge = byId('health');
  try {
    const health = await getJSON('/health');
    badge.textContent = `dyad ${health.version}: ${health.events} events, ${health.stories} stories`;
    badge.classList.remove('down');
  } catch (err) {
    badge.textContent = `server: ${err.message}`;
    badge.classList.add('down');
  }
}

function setUp() {
  for (const tab of document.querySelectorAll('#tabs a')) {
    tab.addEventListener('click', (e) => {
      e.preventDefault();
      showView(tab.dataset.view);
    });
  }
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    showView(currentView === 'code' ? 'dyad' : currentView);
  });
  byId('swap-dyad').addEventListener('click', () => {
    const { source, target } = readFilters();
    writeFilters({ source: target, target: source });
  });
  byId('network-n').addEventListener('change', () => showView('network'));
  byId('events-prev').addEventListener('click', () => {
    eventsOffset = Math.max(0, eventsOffset - EVENTS_PAGE);
    withState('events', loadEvents);
  });
  byId('events-next').addEventListener('click', () => {
    eventsOffset += EVENTS_PAGE;
    withState('events', loadEvents);
  });
  const codeForm = byId('code-form');
  codeForm.elements.date.value = new Date().toISOString().slice(0, 10);
  codeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    withState('code', () => codeStory(codeForm));
  });
  loadHealth();
  showView(loadLocation());
}

setUp();
