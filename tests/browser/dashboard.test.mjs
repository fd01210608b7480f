// dashboard.test.mjs - the dashboard's browser test: codes the VOA stories (or
// data/sample/sample.jsonl when ../shared is absent) into a store, starts `dyad serve` on a
// free 127.0.0.1 port, and drives Debian's Chromium with playwright-core through the four
// views: picks a dyad and checks the chart against /series, checks the network against
// /network, opens an event and checks its highlighted sentence against the byte offsets,
// pastes a story and checks its events and explanation against POST /code.  Screenshots go
// to build/screenshots/.  Prints one line per check and ends with "N passed, M failed".
//
// Run from the repository root (tests/browser.sh does):
//   node tests/browser/dashboard.test.mjs [--dyad build/dyad] [--web build/web]
//        [--screenshots build/screenshots] [--chromium /usr/bin/chromium]
// Exit status: 0 all passed, 1 a check failed, 77 skipped (what is missing is printed).

import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { segmentSentence } from '../../web/highlight.js';

const SKIP = 77;
const options = {
  dyad: 'build/dyad', web: 'build/web', screenshots: 'build/screenshots',
  chromium: '/usr/bin/chromium',
};
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options)) {
    console.error(`dashboard.test: unknown option ${process.argv[i]}`);
    process.exit(2);
  }
  options[key] = process.argv[i + 1];
}

let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failed += 1;
    console.log(`FAIL ${what}${detail !== undefined ? `: ${detail}` : ''}`);
  }
  return ok;
}
function checkEqual(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  return check(g === w, what, `want ${w}, got ${g}`);
}
function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

// ------------------------------------------------------------------ prerequisites
let chromium;
try {
  const require = createRequire(path.resolve('web/package.json'));
  ({ chromium } = require('playwright-core'));
} catch {
  skip('playwright-core is not installed (run make web, which runs npm ci in web/)');
}
if (!fs.existsSync(options.chromium)) skip(`${options.chromium} is absent (apt-get install chromium)`);
if (!fs.existsSync(options.dyad)) skip(`${options.dyad} is not built (run make)`);
if (!fs.existsSync(path.join(options.web, 'index.html'))) skip(`${options.web} is empty (run make web)`);
const serveHelp = (() => {
  try {
    return execFileSync(options.dyad, ['serve', '--help'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    return `${err.stdout || ''}${err.stderr || ''}`;
  }
})();
if (!/--db/.test(serveHelp)) skip(`${options.dyad} has no 'serve' command yet`);

const SHARED_STORIES = '../shared/data/voa/voa_stories.jsonl';
let stories = SHARED_STORIES;
if (!fs.existsSync(stories)) {
  console.log('note: ../shared/data absent: using data/sample/sample.jsonl');
  stories = 'data/sample/sample.jsonl';
}

// ------------------------------------------------------------------ highlighting, offline
// Byte offsets into UTF-8 text, with multi-byte characters before and inside the spans.
{
  const sentence = 'Égypte’s Sisi met Türkiye’s Erdoğan in Cairo.';
  const bytes = Buffer.from(sentence, 'utf8');
  const span = (word) => {
    const start = bytes.indexOf(Buffer.from(word, 'utf8'));
    return { start, end: start + Buffer.byteLength(word, 'utf8') };
  };
  const pieces = segmentSentence(sentence, [
    { kind: 'source', ...span('Sisi') }, { kind: 'verb', ...span('met') },
    { kind: 'target', ...span('Erdoğan') }, { kind: 'target', start: -1, end: -1 },
  ]);
  checkEqual(pieces.filter((p) => p.kind).map((p) => [p.kind, p.text]),
             [['source', 'Sisi'], ['verb', 'met'], ['target', 'Erdoğan']],
             'highlight: byte offsets after multi-byte characters');
  checkEqual(pieces.map((p) => p.text).join(''), sentence, 'highlight: pieces rebuild the sentence');
  const overlapping = segmentSentence('abcdef', [{ kind: 'source', start: 0, end: 4 },
    { kind: 'verb', start: 2, end: 5 }, { kind: 'target', start: 4, end: 99 }]);
  checkEqual(overlapping.map((p) => [p.kind, p.text]), [['source', 'abcd'], [null, 'ef']],
             'highlight: overlapping and out-of-range spans dropped');
}

// ------------------------------------------------------------------ store and server
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dyad-browser-'));
const store = path.join(work, 'events.sqlite');
let server = null;
let serverLog = '';
let browser = null;

// Stops the server (SIGTERM, then SIGKILL after 5 s); resolves to its exit code, or to the
// signal's name when it did not exit by itself.
async function stopServer() {
  if (!server) return null;
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => { server.kill('SIGKILL'); resolve(); }, 5000);
      server.once('exit', () => { clearTimeout(timer); resolve(); });
    });
  }
  return server.exitCode !== null ? server.exitCode : server.signalCode;
}

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  fs.rmSync(work, { recursive: true, force: true });
}

let base = '';
async function api(pathAndQuery, init) {
  const response = await fetch(base + pathAndQuery, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

// The number of drawn (non-transparent) pixels in the canvases under `selector`.
function drawnPixels(page, selector) {
  return page.evaluate((sel) => {
    let count = 0;
    for (const canvas of document.querySelectorAll(sel)) {
      if (!canvas.width || !canvas.height) continue;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count += 1;
    }
    return count;
  }, selector);
}

function waitReady(page, view) {
  return page.waitForSelector(`#view-${view}[data-state="ready"]`, { timeout: 20000 });
}

async function main() {
  execFileSync(options.dyad, ['code', '--quiet', '--db', store, stories], { stdio: 'pipe' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(options.dyad, ['serve', '--db', store, '--listen', `127.0.0.1:${port}`,
                                '--web', options.web], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  let health = null;
  for (let i = 0; i < 100 && !health && server.exitCode === null; i += 1) {
    try {
      health = await api('/health');
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!check(health && health.status === 'ok' && health.events > 0,
             'dyad serve answers /health over a non-empty store', JSON.stringify(health))) {
    throw new Error(`server did not come up: ${serverLog.slice(-2000)}`);
  }

  fs.mkdirSync(options.screenshots, { recursive: true });
  const shot = (page, name) => page.screenshot({ path: path.join(options.screenshots, name), fullPage: true });
  // A fresh profile each run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: options.chromium,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });

  // ---- the dyad over time: pick the busiest dyad with the pickers
  const everything = await api('/network?n=500');
  const busiest = [...everything.edges].sort((a, b) => b.events - a.events)[0];
  check(busiest !== undefined, 'the store has at least one dyad');
  const dyad = { source: busiest.source, target: busiest.target };
  await page.goto(`${base}/`);
  await waitReady(page, 'dyad');
  check(await page.locator('#top-dyads li').count() > 0, 'dyad view lists the busiest dyads');
  await page.fill('#filters input[name=source]', dyad.source);
  await page.fill('#filters input[name=target]', dyad.target);
  await page.selectOption('#filters select[name=by]', 'day');
  await page.click('#apply');
  await page.waitForFunction((want) => document.getElementById('series-title').textContent.includes(want),
                             `${dyad.source} \u2192 ${dyad.target}`, { timeout: 20000 });
  await waitReady(page, 'dyad');
  const series = await api(`/series?source=${dyad.source}&target=${dyad.target}&by=day`);
  const chart = await page.evaluate(() => {
    const c = Chart.getChart(document.getElementById('series-chart'));
    return { labels: c.data.labels, datasets: c.data.datasets.map((d) => ({ label: d.label, data: d.data })) };
  });
  checkEqual(chart.labels, series.periods.map((p) => p.period), 'chart periods are the /series periods');
  const quadKeys = ['verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];
  checkEqual(chart.datasets.slice(0, 4).map((d) => d.data),
             quadKeys.map((k) => series.periods.map((p) => p[k])),
             'chart bars are the /series quad-class counts');
  const seriesEvents = series.periods.reduce((n, p) => n + p.events, 0);
  check(seriesEvents === busiest.events, 'the picked dyad\'s series counts its network events',
        `series ${seriesEvents}, network ${busiest.events}`);
  check(await drawnPixels(page, '#series-chart') > 2000, 'the time-series chart is drawn');
  check((await page.textContent('#series-summary')).includes(`${seriesEvents} events`),
        'the series summary gives the event count');
  await shot(page, '01-dyad-series.png');

  // ---- the network
  await page.click('#tabs a[data-view=network]');
  await waitReady(page, 'network');
  const graph = await api('/network?n=30');
  const drawn = await page.evaluate(() => {
    const cy = window.dyadDashboard.network;
    return { nodes: cy.nodes().map((n) => n.id()).sort(), edges: cy.edges().length,
             colours: cy.edges().map((e) => [e.data('goldstein'), e.style('line-color')]) };
  });
  checkEqual(drawn.nodes, graph.nodes.map((n) => n.id).sort(), 'network nodes are the /network nodes');
  check(drawn.edges === graph.edges.length && drawn.edges > 0, 'network edges are the /network edges',
        `drawn ${drawn.edges}, api ${graph.edges.length}`);
  const rgb = (text) => (text.match(/\d+/g) || []).map(Number);
  const wrongColour = drawn.colours.filter(([g, colour]) => {
    const [r, gr] = rgb(colour);
    return (g <= -3 && !(r > gr)) || (g >= 3 && !(gr > r));
  });
  check(wrongColour.length === 0, 'edges are red for conflict, green for cooperation',
        JSON.stringify(wrongColour.slice(0, 3)));
  check(await drawnPixels(page, '#network canvas') > 2000, 'the network is drawn');
  await shot(page, '02-network.png');

  // ---- the events of the dyad; open one
  await page.click('#tabs a[data-view=events]');
  await waitReady(page, 'events');
  const listed = await api(`/events?source=${dyad.source}&target=${dyad.target}&limit=25&offset=0`);
  const rows = page.locator('#events-table tbody tr');
  check(await rows.count() === listed.events.length && listed.events.length > 0,
        'the event table shows a page of the dyad\'s events', `${await rows.count()} rows`);
  check((await page.textContent('#events-count')).includes(String(listed.total)), 'the table gives the total');
  // the first event with all three spans
  const index = Math.max(0, listed.events.findIndex((e) => e.source_start >= 0 && e.verb_start >= 0 && e.target_start >= 0));
  const event = listed.events[index];
  await rows.nth(index).click();
  await page.waitForSelector('#event-detail:not([hidden]) .sentence', { timeout: 10000 });
  const bytes = Buffer.from(event.sentence, 'utf8');
  for (const kind of ['source', 'verb', 'target']) {
    const start = event[`${kind}_start`];
    const want = start >= 0 ? bytes.subarray(start, event[`${kind}_end`]).toString('utf8') : null;
    const marks = await page.locator(`#event-detail mark.${kind}`).allTextContents();
    checkEqual(marks, want === null ? [] : [want], `the opened event's ${kind} is highlighted`);
  }
  checkEqual((await page.textContent('#event-detail .sentence')), event.sentence,
             'the opened event shows its whole sentence');
  await shot(page, '03-event-opened.png');

  // ---- a click on the busiest period's bar lists that period's events
  await page.click('#tabs a[data-view=dyad]');
  await waitReady(page, 'dyad');
  const busiestPeriod = series.periods.reduce((a, b) => (b.events > a.events ? b : a));
  const barAt = await page.evaluate((label) => {
    const canvas = document.getElementById('series-chart');
    const c = Chart.getChart(canvas);
    const index = c.data.labels.indexOf(label);
    const bar = c.getDatasetMeta(0).data[index];
    const box = canvas.getBoundingClientRect();
    return { x: box.left + bar.x, y: box.top + (c.chartArea.bottom - 3) };
  }, busiestPeriod.period);
  await page.mouse.click(barAt.x, barAt.y);
  await page.waitForFunction(() => !document.getElementById('view-events').hidden, null, { timeout: 10000 });
  await waitReady(page, 'events');
  checkEqual([await page.inputValue('#filters input[name=from]'), await page.inputValue('#filters input[name=to]')],
             [busiestPeriod.period, busiestPeriod.period], 'a click on a day\'s bar sets the period');
  check((await page.textContent('#events-count')).includes(`(${busiestPeriod.events} in all)`),
        'the period\'s events are listed', await page.textContent('#events-count'));

  // ---- code a pasted story
  const story = {
    id: 'pasted-story',
    date: '2025-03-20',
    text: 'Iraq accused Iran of attacking its border. ' +
          'The Iraqi prime minister met the Turkish president in Baghdad on Thursday.',
  };
  const coded = await api('/code?explain=1', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(story),
  });
  await page.click('#tabs a[data-view=code]');
  await page.fill('#code-form input[name=id]', story.id);
  await page.fill('#code-form input[name=date]', story.date);
  await page.fill('#code-form textarea[name=text]', story.text);
  await page.click('#code-submit');
  await page.waitForFunction(() => document.getElementById('code-trace').textContent.length > 0,
                             null, { timeout: 20000 });
  await waitReady(page, 'code');
  check(coded.events.length > 0, 'POST /code finds events in the pasted story');
  const codedRows = await page.$$eval('#code-events tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].slice(1, 4).map((td) => td.textContent)));
  checkEqual(codedRows, coded.events.map((e) => [e.source, e.code, e.target]),
             'the pasted story\'s events are listed');
  check(await page.locator('#code-events mark.verb').count() > 0, 'the coded sentences are highlighted');
  checkEqual((await page.textContent('#code-trace')).split('\n'), coded.trace,
             'the explanation is shown');
  await shot(page, '04-code-story.png');

  check(pageErrors.length === 0, 'no errors in the page', pageErrors.slice(0, 5).join(' | '));

  await browser.close();
  browser = null;
  const status = await stopServer();
  check(status === 0, 'dyad serve shuts down cleanly on SIGTERM', `exit ${status}`);
  const sanitizer = serverLog.split('\n').filter((l) => /Sanitizer|runtime error:/.test(l));
  check(sanitizer.length === 0, 'no sanitizer report from dyad serve', sanitizer.slice(0, 5).join('\n'));
}

try {
  await main();
} catch (err) {
  check(false, 'browser test ran to the end', err.stack || String(err));
  if (serverLog) console.log(`--- dyad serve output ---\n${serverLog.slice(-3000)}`);
} finally {
  await cleanUp();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
