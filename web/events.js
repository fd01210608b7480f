// events.js - the event tables: the paged list of stored events (rows open the event's
// sentence with source, verb and target highlighted) and the events of a coded story.

import { renderSentence } from './highlight.js';

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text === undefined || text === null ? '' : String(text);
  row.append(td);
  return td;
}

function formatGoldstein(value) {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(1) : '';
}

/**
 * Fills `tbody` with one row per event of `events`; clicking a row calls `onOpen(event, row)`.
 */
export function fillEventRows(tbody, events, onOpen) {
  tbody.replaceChildren();
  for (const event of events) {
    const row = document.createElement('tr');
    cell(row, event.date);
    cell(row, event.source);
    cell(row, event.code).title = `root ${event.root}, quad class ${event.quad}`;
    cell(row, event.target);
    cell(row, formatGoldstein(event.goldstein));
    cell(row, event.verb_text);
    cell(row, event.sent !== undefined ? `${event.doc} #${event.sent}` : event.doc);
    row.tabIndex = 0;
    row.addEventListener('click', () => onOpen(event, row));
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') onOpen(event, row); });
    tbody.append(row);
  }
}

/** Shows `event` in the detail panel `aside`: its highlighted sentence and its fields. */
export function showEventDetail(aside, event) {
  aside.replaceChildren();
  const title = document.createElement('h3');
  title.textContent = `${event.source} \u2192 ${event.target}: ${event.code}`;
  aside.append(title, renderSentence(event));
  const list = document.createElement('dl');
  const fields = [
    ['date', event.date], ['story', event.doc], ['sentence', event.sent],
    ['source', `${event.source} \u201c${event.source_text || ''}\u201d`],
    ['verb', `${event.code} \u201c${event.verb_text || ''}\u201d`],
    ['target', `${event.target} \u201c${event.target_text || ''}\u201d`],
    ['root / quad', `${event.root} / ${event.quad}`],
    ['Goldstein', formatGoldstein(event.goldstein)],
  ];
  for (const [name, value] of fields) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value === undefined || value === null ? '' : String(value);
    list.append(dt, dd);
  }
  aside.append(list);
  aside.hidden = false;
}

/** Fills `tbody` with the events of a coded story, each with its highlighted sentence. */
export function fillCodedRows(tbody, events) {
  tbody.replaceChildren();
  for (const event of events) {
    const row = document.createElement('tr');
    cell(row, event.sent);
    cell(row, event.source);
    cell(row, event.code);
    cell(row, event.target);
    cell(row, formatGoldstein(event.goldstein));
    const td = document.createElement('td');
    td.append(renderSentence(event));
    row.append(td);
    tbody.append(row);
  }
}
