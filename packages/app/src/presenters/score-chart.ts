/**
 * A small line chart of a goal's 0–10 scores over time, as inline SVG: server-rendered, no
 * JavaScript, with a text alternative. Hand-written because it is forty lines and a charting
 * library would bring a browser runtime the page does not otherwise need.
 */
const W = 240;
const H = 64;
const PAD = 6;

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function scoreChartSvg(goal: string, scores: readonly { on: string; score: number }[]): string {
  if (scores.length === 0) return '';
  const times = scores.map((s) => Date.parse(`${s.on}T00:00:00Z`));
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0 || 1;
  const x = (t: number) => (scores.length === 1 ? W / 2 : PAD + ((t - t0) / span) * (W - 2 * PAD));
  const y = (v: number) => H - PAD - (v / 10) * (H - 2 * PAD);
  const pts = scores.map((s, i) => `${x(times[i] ?? t0).toFixed(1)},${y(s.score).toFixed(1)}`);
  const first = scores[0]?.score ?? 0;
  const last = scores.at(-1)?.score ?? 0;
  const label = `${goal}: scored ${first} out of 10 on ${scores[0]?.on ?? ''}${scores.length > 1 ? `, now ${last} out of 10 on ${scores.at(-1)?.on ?? ''} (${scores.length} scores)` : ''}`;
  return [
    `<svg class="app-score-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" focusable="false">`,
    `<line x1="${PAD}" y1="${y(10)}" x2="${W - PAD}" y2="${y(10)}" class="app-score-chart__grid"/>`,
    `<line x1="${PAD}" y1="${y(5)}" x2="${W - PAD}" y2="${y(5)}" class="app-score-chart__grid"/>`,
    `<line x1="${PAD}" y1="${y(0)}" x2="${W - PAD}" y2="${y(0)}" class="app-score-chart__grid"/>`,
    `<polyline points="${pts.join(' ')}" class="app-score-chart__line"/>`,
    ...pts.map((p) => {
      const [cx, cy] = p.split(',');
      return `<circle cx="${cx}" cy="${cy}" r="3" class="app-score-chart__point"/>`;
    }),
    '</svg>',
  ].join('');
}
