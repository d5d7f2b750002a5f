import { explainPair, type PairExplanation } from './explain.ts';
import { probabilityFromWeight, weightFromProbability } from './model.ts';
import type { LinkResult } from './pipeline.ts';

/**
 * `--report report.html`: one self-contained, accessible HTML page (no script, no external file)
 * with inline SVG charts — match-weight histogram with the threshold, m and u per comparison level,
 * comparisons per blocking rule, and waterfalls of weights for sample pairs near the threshold.
 * Every chart has a title and description (role="img") and the same numbers in a table beside it,
 * so nothing is shown only as a picture.
 */

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number): string => x.toLocaleString('en-GB');
const f = (x: number, digits = 4): string => x.toFixed(digits);

let chartId = 0;

/** An SVG bar chart (vertical bars) with its accessible name and description. */
function barChart(
  title: string,
  desc: string,
  bars: { label: string; value: number; highlight?: boolean }[],
  options: { marker?: { at: number; label: string }; log?: boolean } = {},
): string {
  const id = `chart-${++chartId}`;
  const W = 720;
  const H = 240;
  const pad = { l: 56, r: 12, t: 12, b: 56 };
  const values = bars.map((b) => (options.log ? Math.log10(1 + b.value) : b.value));
  const max = Math.max(1e-9, ...values);
  const bw = (W - pad.l - pad.r) / Math.max(1, bars.length);
  const y = (v: number): number => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const rects = bars
    .map((b, k) => {
      const x = pad.l + k * bw;
      const top = y(values[k]!);
      const label =
        bars.length <= 24 || k % Math.ceil(bars.length / 24) === 0
          ? `<text x="${x + bw / 2}" y="${H - pad.b + 14}" font-size="10" text-anchor="end" transform="rotate(-45 ${x + bw / 2} ${H - pad.b + 14})">${esc(b.label)}</text>`
          : '';
      return `<rect x="${x + 1}" y="${top}" width="${Math.max(1, bw - 2)}" height="${H - pad.b - top}" fill="${b.highlight ? '#d4351c' : '#1d70b8'}"><title>${esc(`${b.label}: ${n(b.value)}`)}</title></rect>${label}`;
    })
    .join('');
  const marker = options.marker
    ? `<line x1="${pad.l + options.marker.at * bw}" x2="${pad.l + options.marker.at * bw}" y1="${pad.t}" y2="${H - pad.b}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 3"/><text x="${pad.l + options.marker.at * bw + 4}" y="${pad.t + 12}" font-size="12">${esc(options.marker.label)}</text>`
    : '';
  const axis = `<line x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}" stroke="#0b0c0c"/><text x="4" y="${pad.t + 10}" font-size="11">${options.log ? 'log scale' : n(Math.round(max))}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${axis}${rects}${marker}</svg>`;
}

function table(caption: string, head: string[], rows: (string | number)[][]): string {
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, k) => (k === 0 ? `<th scope="row">${esc(String(c))}</th>` : `<td>${esc(String(c))}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

/** A waterfall of one pair's weight: the prior, then each comparison's part, to the total. */
function waterfall(e: PairExplanation): string {
  const id = `chart-${++chartId}`;
  const W = 720;
  const rowH = 22;
  const steps = [
    { label: 'prior', weight: e.priorWeight },
    ...e.terms.map((t) => ({ label: `${t.comparison}: ${t.label}`, weight: t.weight })),
  ];
  let run = 0;
  const spans = steps.map((s) => {
    const from = run;
    run += s.weight;
    return { ...s, from, to: run };
  });
  const lo = Math.min(0, ...spans.map((s) => Math.min(s.from, s.to)));
  const hi = Math.max(0, ...spans.map((s) => Math.max(s.from, s.to)));
  const x = (v: number): number => 260 + ((W - 280) * (v - lo)) / Math.max(1e-9, hi - lo);
  const H = rowH * (spans.length + 1) + 10;
  const bars = spans
    .map((s, k) => {
      const a = x(Math.min(s.from, s.to));
      const b = x(Math.max(s.from, s.to));
      return `<text x="4" y="${k * rowH + 16}" font-size="11">${esc(s.label)}</text><rect x="${a}" y="${k * rowH + 4}" width="${Math.max(1, b - a)}" height="${rowH - 8}" fill="${s.weight >= 0 ? '#00703c' : '#d4351c'}"><title>${esc(`${s.label}: ${s.weight >= 0 ? '+' : ''}${f(s.weight, 2)}`)}</title></rect>`;
    })
    .join('');
  const total = `<text x="4" y="${spans.length * rowH + 16}" font-size="11" font-weight="bold">total ${f(e.matchWeight, 2)} (p = ${f(e.matchProbability, 4)})</text><line x1="${x(0)}" x2="${x(0)}" y1="0" y2="${H}" stroke="#0b0c0c"/>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${esc(`Weights of ${e.idL} and ${e.idR}`)}</title><desc id="${id}-d">${esc(`Prior ${f(e.priorWeight, 2)}, then ${e.terms.map((t) => `${t.comparison} ${t.label} ${f(t.weight, 2)}`).join(', ')}; total ${f(e.matchWeight, 2)}.`)}</desc>${bars}${total}</svg>`;
}

/** Up to `count` scored pairs whose weights are nearest the threshold's. */
function pairsNearThreshold(
  result: LinkResult,
  scored: LinkResult['pairs'],
  count: number,
): [number, number][] {
  const target = weightFromProbability(result.threshold);
  const ks = Array.from({ length: scored.length }, (_, k) => k);
  ks.sort((a, b) => Math.abs(scored.weight[a]! - target) - Math.abs(scored.weight[b]! - target));
  return ks.slice(0, count).map((k) => [scored.left[k]!, scored.right[k]!]);
}

/**
 * The report as an HTML string. `scored` are all pairs scored above the floor (for the sample
 * pairs near the threshold); the result's pairs are used when not given.
 * @example writeFileSync('report.html', linkageReport(result));
 */
export function linkageReport(
  result: LinkResult,
  options: { title?: string; samplePairs?: number } = {},
): string {
  chartId = 0;
  const t = result.thresholdChoice;
  const s = result.stats;
  const est = t.estimate;
  const br = result.blockingRecall;
  const hist = t.histogram;
  const thresholdWeight = weightFromProbability(result.threshold);
  const markerAt = hist.length === 0 ? 0 : thresholdWeight - hist[0]!.from;
  const summary = table(
    'Summary',
    ['measure', 'value'],
    [
      ['records', n(s.records)],
      ['comparisons scored', n(s.comparisons)],
      ['estimated blocking recall', `${f(100 * br.recall, 1)}%`],
      ['threshold (match probability)', `${result.threshold} (${t.reason})`],
      ['estimated precision', f(est.precision)],
      ['estimated recall', f(est.recall)],
      ['estimated F1', f(est.f1)],
      ['pairs found', n(s.pairsFound)],
      ['clusters', n(s.clusters)],
    ],
  );
  const histogram =
    barChart(
      'Match-weight histogram',
      `Scored pairs by match weight in 1-bit bins from ${hist[0]?.from ?? 0} to ${hist[hist.length - 1]?.to ?? 0}; the dashed line is the threshold, weight ${f(thresholdWeight, 2)} (probability ${result.threshold}).`,
      hist.map((b) => ({
        label: `${b.from} to ${b.to}`,
        value: b.pairs,
        highlight: b.from >= thresholdWeight,
      })),
      { marker: { at: markerAt, label: `threshold ${result.threshold}` }, log: true },
    ) +
    table(
      'Scored pairs by match weight',
      ['match weight', 'match probability from', 'pairs'],
      hist.map((b) => [`${b.from} to ${b.to}`, f(probabilityFromWeight(b.from), 4), n(b.pairs)]),
    );
  const curve = table(
    'Estimated precision and recall by threshold',
    ['threshold', 'pairs', 'expected matches', 'precision', 'recall', 'F1'],
    t.curve.map((c) => [
      c.threshold,
      n(c.pairs),
      f(c.expectedMatches, 1),
      f(c.precision),
      f(c.recall),
      f(c.f1),
    ]),
  );
  const model = result.model;
  const mu = model.json.comparisons
    .map((c, ci) => {
      const levels = c.levels.filter((_, k) => model.defs[ci]!.levels[k]!.kind === 'level');
      const chart = barChart(
        `m and u of ${c.name}`,
        `For each level of ${c.name}, the log10 of m (share among matches) and u (share among non-matches), as bars scaled from 1e-6.`,
        levels.flatMap((l) => [
          { label: `m ${l.label}`, value: Math.max(0, 6 + Math.log10(Math.max(1e-6, l.m))) },
          { label: `u ${l.label}`, value: Math.max(0, 6 + Math.log10(Math.max(1e-6, l.u))), highlight: true },
        ]),
      );
      return (
        `<h3>${esc(c.name)}</h3>` +
        chart +
        table(
          `m and u of ${c.name}`,
          ['level', 'm', 'u', 'weight log2(m/u)'],
          c.levels.map((l, k) => [
            l.label,
            l.m.toPrecision(3),
            l.u.toPrecision(3),
            f(model.weights[ci]![k]!, 2),
          ]),
        )
      );
    })
    .join('');
  const rules = result.blocking.rules;
  const blocking =
    barChart(
      'Comparisons added by each blocking rule',
      `New comparisons each rule adds, in the order applied; ${n(result.blocking.total)} in all.`,
      rules.map((r) => ({ label: r.rule, value: r.newComparisons })),
    ) +
    table(
      'Blocking rules',
      ['rule', 'comparisons', 'new comparisons', 'largest block'],
      rules.map((r) => [r.rule, n(r.comparisons), n(r.newComparisons), n(r.largestBlock)]),
    ) +
    (result.blockingChoices.some((c) => !c.used)
      ? table(
          'Candidate rules not used',
          ['rule', 'why', 'comparisons it would add'],
          result.blockingChoices.filter((c) => !c.used).map((c) => [c.rule, c.reason, n(c.comparisons)]),
        )
      : '');
  const near = pairsNearThreshold(result, result.scoredPairs ?? result.pairs, options.samplePairs ?? 4);
  const waterfalls = near
    .map(([i, j]) => {
      const e = explainPair(model, result.store.data, i, j, result.threshold);
      return (
        waterfall(e) +
        table(
          `Weights of ${e.idL} and ${e.idR}`,
          ['comparison', 'record A', 'record B', 'level', 'weight'],
          [
            ['prior', '', '', '', f(e.priorWeight, 2)],
            ...e.terms.map((x) => [x.comparison, x.valueL ?? '–', x.valueR ?? '–', x.label, f(x.weight, 2)]),
            ['total', '', '', e.isMatch ? 'match' : 'not a match', f(e.matchWeight, 2)],
          ],
        )
      );
    })
    .join('');
  const warnings = (model.json.training?.fallbacks ?? [])
    .map((w) => `<p class="warning"><strong>Warning:</strong> ${esc(w)}</p>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title ?? 'Record linkage report')}</title>
<style>body{font-family:Arial,sans-serif;color:#0b0c0c;max-width:960px;margin:0 auto;padding:1rem;line-height:1.4}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:0.9rem}th,td{border:1px solid #b1b4b6;padding:0.2rem 0.5rem;text-align:left}
caption{font-weight:bold;text-align:left;padding:0.3rem 0}.warning{border-left:5px solid #d4351c;padding-left:0.5rem}svg{max-width:100%}</style></head>
<body><main>
<h1>${esc(options.title ?? 'Record linkage report')}</h1>
${warnings}
<h2 id="summary">Summary</h2>${summary}
<p>Estimates come from the model's own match probabilities: honest only as far as the model is calibrated. The blocking recall is estimated on ${n(br.sampledRecords)} sampled records compared with every record sharing any one fact with them (${n(br.candidatePairs)} pairs); matches sharing no single fact are not seen, so it is an upper bound.</p>
<h2 id="weights">Match weights and the threshold</h2>${histogram}${curve}
<h2 id="m-u">m and u per comparison level</h2>${mu}
<h2 id="blocking">Comparisons per blocking rule</h2>${blocking}
<h2 id="near-threshold">Sample pairs near the threshold</h2>${waterfalls || '<p>No pairs were scored.</p>'}
</main></body></html>
`;
}
