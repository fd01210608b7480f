// highlight.js - an event's sentence with its source, verb and target marked.  The API
// gives UTF-8 byte offsets into the sentence (-1 when absent); this turns them into
// string pieces, dropping spans that are absent, out of range or overlap an earlier one.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Splits `sentence` into pieces [{text, kind}] in order, kind one of null (plain text),
 * "source", "verb", "target".  `spans` is [{kind, start, end}] with byte offsets
 * (end exclusive).  Joining the pieces' text gives back the sentence.
 */
export function segmentSentence(sentence, spans) {
  const bytes = encoder.encode(sentence || '');
  const usable = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) &&
                   s.start >= 0 && s.end > s.start && s.end <= bytes.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces = [];
  let at = 0;
  for (const span of usable) {
    if (span.start < at) continue;  // overlaps a span already taken
    if (span.start > at) pieces.push({ text: decoder.decode(bytes.subarray(at, span.start)), kind: null });
    pieces.push({ text: decoder.decode(bytes.subarray(span.start, span.end)), kind: span.kind });
    at = span.end;
  }
  if (at < bytes.length) pieces.push({ text: decoder.decode(bytes.subarray(at)), kind: null });
  return pieces;
}

/** The source, verb and target spans of an API event, for segmentSentence. */
export function eventSpans(event) {
  return [
    { kind: 'source', start: event.source_start, end: event.source_end },
    { kind: 'verb', start: event.verb_start, end: event.verb_end },
    { kind: 'target', start: event.target_start, end: event.target_end },
  ];
}

/** A <p class="sentence"> element showing `event`'s sentence with <mark>ed spans. */
export function renderSentence(event) {
  const paragraph = document.createElement('p');
  paragraph.className = 'sentence';
  for (const piece of segmentSentence(event.sentence, eventSpans(event))) {
    if (piece.kind) {
      const mark = document.createElement('mark');
      mark.className = piece.kind;
      mark.textContent = piece.text;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(piece.text));
    }
  }
  return paragraph;
}
