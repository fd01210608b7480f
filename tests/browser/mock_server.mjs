// mock_server.mjs - a development stand-in for `dyad serve`: serves the dashboard's static
// files and answers its API (/health, /series, /network, /events, /code) from a JSON Lines
// file of events written by `dyad code --output jsonl`.  Only for working on the dashboard
// without the real server; the browser test uses the real one.
//
// Usage: node tests/browser/mock_server.mjs EVENTS.jsonl [PORT] [WEB-DIR]   (127.0.0.1 only)

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [eventsFile, portText = '8099', webDir = 'build/web'] = process.argv.slice(2);
if (!eventsFile) {
  console.error('usage: node mock_server.mjs EVENTS.jsonl [PORT] [WEB-DIR]');
  process.exit(2);
}
const events = fs.readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean)
  .map((line, i) => ({ id: i + 1, ...JSON.parse(line) }));
const QUADS = ['', 'verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function pattern(p) {
  if (!p) return () => true;
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (v) => re.test(v);
}

function select(q) {
  const src = pattern(q.get('source'));
  const tgt = pattern(q.get('target'));
  return events.filter((e) => src(e.source) && tgt(e.target) &&
    (!q.get('from') || e.date >= q.get('from')) && (!q.get('to') || e.date <= q.get('to')) &&
    (!q.get('root') || e.root === Number(q.get('root'))) &&
    (!q.get('quad') || e.quad === Number(q.get('quad'))));
}

function series(q) {
  const by = q.get('by') || 'month';
  const periods = new Map();
  for (const e of select(q)) {
    const key = by === 'day' ? e.date : e.date.slice(0, 7);
    const p = periods.get(key) || { period: key, events: 0, verbal_coop: 0, material_coop: 0,
      verbal_conflict: 0, material_conflict: 0, goldstein_sum: 0 };
    p.events += 1;
    p[QUADS[e.quad]] += 1;
    p.goldstein_sum += e.goldstein;
    periods.set(key, p);
  }
  return { periods: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period))
    .map((p) => ({ ...p, goldstein_mean: p.goldstein_sum / p.events })) };
}

function network(q) {
  const nodes = new Map();
  const edges = new Map();
  for (const e of select(new URLSearchParams({ from: q.get('from') || '', to: q.get('to') || '' }))) {
    for (const a of [e.source, e.target]) nodes.set(a, (nodes.get(a) || 0) + 1);
    const k = `${e.source}\t${e.target}`;
    const d = edges.get(k) || { source: e.source, target: e.target, events: 0, sum: 0 };
    d.events += 1;
    d.sum += e.goldstein;
    edges.set(k, d);
  }
  const n = Number(q.get('n')) || 50;
  const top = [...nodes].sort((a, b) => b[1] - a[1]).slice(0, n);
  const keep = new Set(top.map(([id]) => id));
  return { nodes: top.map(([id, count]) => ({ id, events: count })),
    edges: [...edges.values()].filter((d) => keep.has(d.source) && keep.has(d.target))
      .map((d) => ({ source: d.source, target: d.target, events: d.events, goldstein_mean: d.sum / d.events })) };
}

function send(res, status, value) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const q = url.searchParams;
  if (url.pathname === '/health') return send(res, 200, { status: 'ok', version: 'mock', events: events.length, stories: new Set(events.map((e) => e.doc)).size });
  if (url.pathname === '/series') return send(res, 200, series(q));
  if (url.pathname === '/network') return send(res, 200, network(q));
  if (url.pathname === '/events') {
    const all = select(q);
    const offset = Number(q.get('offset')) || 0;
    return send(res, 200, { events: all.slice(offset, offset + (Number(q.get('limit')) || 100)), total: all.length });
  }
  if (url.pathname === '/code' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const story = JSON.parse(body);
      send(res, 200, { events: events.slice(0, 2).map((e) => ({ ...e, doc: story.id, date: story.date })),
        trace: ['mock: no coder here', `story ${story.id}`] });
    });
    return undefined;
  }
  const file = path.join(webDir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
  fs.readFile(file, (err, data) => {
    if (err) return send(res, 404, { error: 'not found' });
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    return res.end(data);
  });
  return undefined;
}).listen(Number(portText), '127.0.0.1', () => console.log(`mock on 127.0.0.1:${portText}`));
