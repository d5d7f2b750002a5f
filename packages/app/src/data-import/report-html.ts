/** The dry run's report as one accessible HTML page (escaped; no scripts; no external assets). */
import type { ImportOutcome, ImportPlan } from './plan-cin.ts';
import type { ImportResult, WriteOutcome } from './write-cin.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const words: Record<ImportOutcome, string> = {
  create: 'Would create',
  match: 'Matched to an existing record',
  refuse: 'Refused',
};

/** The report: counts, then one row per child (refused first). */
export function importReportHtml(plan: ImportPlan, fileName: string, what = 'CIN census'): string {
  const order: ImportOutcome[] = ['refuse', 'match', 'create'];
  const rows = order
    .flatMap((o) => plan.children.filter((c) => c.outcome === o))
    .map(
      (c) =>
        `<tr><td>${esc(c.laChildId)}</td><td>${words[c.outcome]}</td><td>${c.episodes}</td><td>${c.reasons.map(esc).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${what} import dry run – LA ${esc(plan.laCode)}</title>
<style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}table{border-collapse:collapse}th,td{border-bottom:1px solid #b1b4b6;padding:.4em .8em;text-align:left;vertical-align:top}</style></head>
<body><main>
<h1>${esc(what)} import dry run</h1>
<p>File ${esc(fileName)}, LA ${esc(plan.laCode)}${plan.collectionYear === null ? '' : `, census year ${esc(plan.collectionYear)}`}. Nothing has been written.</p>
<ul><li>${plan.counts.create} would be created</li><li>${plan.counts.match} matched to existing records</li><li>${plan.counts.refuse} refused</li></ul>
<table><caption>${plan.children.length} children</caption>
<thead><tr><th scope="col">LA child ID</th><th scope="col">Outcome</th><th scope="col">Episodes</th><th scope="col">Reasons</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}

const written: Record<WriteOutcome, string> = {
  created: 'Created',
  added: 'Episodes added to the existing record',
  skipped: 'Already imported',
  refused: 'Refused (nothing written)',
};

/**
 * The report of an import that wrote: counts, then one row per child (refused first), each with
 * its reasons and the findings (what was taken as the file records it, for the data team to check).
 */
export function importResultHtml(
  result: ImportResult,
  plan: ImportPlan,
  fileName: string,
  what = 'CIN census',
): string {
  const order: WriteOutcome[] = ['refused', 'added', 'created', 'skipped'];
  const rows = order
    .flatMap((o) => result.children.filter((c) => c.outcome === o))
    .map(
      (c) =>
        `<tr><td>${esc(c.laChildId)}</td><td>${written[c.outcome]}</td><td>${c.episodes}</td><td>${c.reasons.map(esc).join('<br>')}</td><td>${c.findings.map(esc).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const n = result.counts;
  const found = result.children.filter((c) => c.findings.length > 0).length;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${what} import – LA ${esc(plan.laCode)}</title>
<style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}table{border-collapse:collapse}th,td{border-bottom:1px solid #b1b4b6;padding:.4em .8em;text-align:left;vertical-align:top}</style></head>
<body><main>
<h1>${esc(what)} import</h1>
<p>File ${esc(fileName)}, LA ${esc(plan.laCode)}${plan.collectionYear === null ? '' : `, census year ${esc(plan.collectionYear)}`}.</p>
<ul><li>${n.created} created</li><li>${n.added} existing records added to</li><li>${n.skipped} already imported</li><li>${n.refused} refused</li><li>${found} with findings to check: what the file records that Waypoint took as recorded</li></ul>
<table><caption>${result.children.length} children</caption>
<thead><tr><th scope="col">LA child ID</th><th scope="col">Outcome</th><th scope="col">Episodes written</th><th scope="col">Reasons</th><th scope="col">Findings</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}
