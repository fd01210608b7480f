// series.js - the "dyad over time" view: events per period split into the four CAMEO quad
// classes (stacked bars) with the mean Goldstein score as a line on its own axis, drawn
// with Chart.js (the global `Chart` from vendor/chart.umd.min.js).

export const QUAD_CLASSES = [
  { key: 'verbal_coop', label: 'verbal cooperation', color: '#7fc97f' },
  { key: 'material_coop', label: 'material cooperation', color: '#1b7837' },
  { key: 'verbal_conflict', label: 'verbal conflict', color: '#f4a261' },
  { key: 'material_conflict', label: 'material conflict', color: '#c0392b' },
];

/**
 * Draws (or redraws) the series `periods` (the /series answer's array) on `canvas`.
 * `onPeriodClick(period)` is called with the period's label when a bar is clicked.
 * Returns the Chart instance.
 */
export function drawSeries(canvas, periods, onPeriodClick) {
  const labels = periods.map((p) => p.period);
  const datasets = QUAD_CLASSES.map((quad) => ({
    type: 'bar',
    label: quad.label,
    data: periods.map((p) => Number(p[quad.key]) || 0),
    backgroundColor: quad.color,
    stack: 'events',
    yAxisID: 'events',
    order: 2,
  }));
  datasets.push({
    type: 'line',
    label: 'mean Goldstein',
    data: periods.map((p) => (p.events > 0 ? Number(p.goldstein_mean) : null)),
    borderColor: '#2f5fb3',
    backgroundColor: '#2f5fb3',
    pointRadius: 3,
    spanGaps: true,
    yAxisID: 'goldstein',
    order: 1,
  });

  const existing = Chart.getChart(canvas);
  if (existing) existing.destroy();
  return new Chart(canvas, {
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true },
        events: { type: 'linear', position: 'left', stacked: true, beginAtZero: true,
                  title: { display: true, text: 'events' }, ticks: { precision: 0 } },
        goldstein: { type: 'linear', position: 'right', min: -10, max: 10,
                     title: { display: true, text: 'mean Goldstein' },
                     grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { position: 'bottom' } },
      onClick(_event, elements) {
        if (elements.length && onPeriodClick) onPeriodClick(labels[elements[0].index]);
      },
    },
  });
}

/** A one-line summary of `periods`: total events and their overall mean Goldstein score. */
export function summarizeSeries(periods) {
  let events = 0;
  let goldstein = 0;
  for (const p of periods) {
    events += Number(p.events) || 0;
    goldstein += Number(p.goldstein_sum) || 0;
  }
  if (!events) return 'No events for these filters.';
  return `${events} events in ${periods.length} periods; mean Goldstein ` +
         `${(goldstein / events).toFixed(2)}. Click a bar to list its events.`;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function isoDate(date) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * The first and last day {from, to} (YYYY-MM-DD) of a period label: "2025-03-14" (day),
 * "2025-03" (month), "2025-W11" (ISO week) or a week given by its first day.  `by` is the
 * series' period length; null when the label is not understood.
 */
export function periodRange(label, by) {
  let m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
    return { from: `${m[1]}-${m[2]}-01`, to: isoDate(last) };
  }
  m = /^(\d{4})-W(\d{1,2})$/.exec(label);
  if (m) {
    // ISO week 1 holds January 4th; weeks start on Monday.
    const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
    const start = new Date(monday.getTime() + (Number(m[2]) - 1) * 7 * 86400000);
    return { from: isoDate(start), to: isoDate(new Date(start.getTime() + 6 * 86400000)) };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (m) {
    if (by !== 'week') return { from: label, to: label };
    const start = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return { from: label, to: isoDate(new Date(start.getTime() + 6 * 86400000)) };
  }
  return null;
}
