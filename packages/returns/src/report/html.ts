/** The validation report as one self-contained HTML page for a council's data officer. */
import type { IssueKind, IssueValue } from '../cin/validate/types.ts';
import { ALL_RULES } from '../cin/rules/index.ts';

/** What the page shows: the CIN census's report or the SSDA903 return's (the same shape). */
export interface ReportForHtml {
  year: string;
  children: number;
  issues: readonly {
    rule: string;
    kind: IssueKind;
    child: string | null;
    module: string;
    field: string;
    message: string;
    values: Record<string, IssueValue>;
  }[];
  /** The file checked against the DfE's schema (XSD), when it was: errors listed before the rules. */
  schema?: { valid: boolean; errors: readonly { line: number | null; message: string }[] };
}
type Issue = ReportForHtml['issues'][number];

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const h = (s: string | number | boolean | null | undefined): string =>
  String(s ?? '').replace(/[&<>"]/g, (c) => ESC[c]!);

const FIX = new Map(ALL_RULES.map((r) => [r.code, r.fix]));
/** How many issues the page lists per rule and per child before saying "and N more". */
const SHOW = 200;

function values(v: Issue['values']): string {
  return Object.entries(v)
    .map(([k, x]) => `${h(k)}: <code>${x === null ? '(blank)' : h(x)}</code>`)
    .join('; ');
}

/**
 * Renders the report: a summary, issues grouped by rule (with counts, the DfE message and what to
 * fix), then by child.
 * @example writeFileSync('report.html', renderHtmlReport(report, 'census.xml'))
 */
export function renderHtmlReport(
  report: ReportForHtml,
  source: string,
  returnName: 'Children in need census' | 'SSDA903 return' = 'Children in need census',
): string {
  // The CIN rules say what fixes each; the 903 catalogue gives the rule's message only.
  const cin = returnName === 'Children in need census';
  const byRule = new Map<string, Issue[]>();
  const byChild = new Map<string, Issue[]>();
  for (const i of report.issues) {
    const r = byRule.get(i.rule);
    if (r) r.push(i);
    else byRule.set(i.rule, [i]);
    const key = i.child ?? '(whole return)';
    const list = byChild.get(key);
    if (list) list.push(i);
    else byChild.set(key, [i]);
  }
  const errors = report.issues.filter((i) => i.kind === 'error').length;
  const queries = report.issues.length - errors;
  const rules = [...byRule.entries()].sort((a, b) =>
    a[1][0]!.kind === b[1][0]!.kind ? b[1].length - a[1].length : a[1][0]!.kind === 'error' ? -1 : 1,
  );
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${h(returnName)} validation ${h(report.year)}</title>
<style>
body{font-family:Arial,sans-serif;margin:2rem;max-width:70rem;color:#0b0c0c;line-height:1.4}
h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #0b0c0c}h3{margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid #b1b4b6;padding:.35rem;text-align:left;vertical-align:top}
.error{background:#d4351c;color:#fff;padding:0 .4rem;font-weight:bold}.query{background:#ffdd00;padding:0 .4rem;font-weight:bold}
.summary td{font-size:1.2rem}.fix{background:#f3f2f1;border-left:5px solid #1d70b8;padding:.5rem}code{font-size:.95em}
details{margin:.3rem 0}summary{cursor:pointer}
</style></head><body>`);
  out.push(`<h1>${h(returnName)} ${h(report.year)}: validation report</h1>`);
  out.push(
    `<p>File: <code>${h(source)}</code>. Checked against the DfE validation rules for ${h(report.year)}.</p>`,
  );
  out.push(
    `<table class="summary"><tr><th>Children</th><td>${report.children}</td></tr><tr><th>Errors</th><td>${errors} (must be fixed before submission)</td></tr><tr><th>Queries</th><td>${queries} (check, then fix or give a reason)</td></tr><tr><th>Rules with issues</th><td>${byRule.size}</td></tr></table>`,
  );
  if (report.schema) {
    const se = report.schema.errors;
    out.push('<h2 id="schema">Schema</h2>');
    if (se.length === 0) out.push(`<p>The file matches the DfE's ${h(report.year)} schema.</p>`);
    else {
      out.push(
        `<p>${se.length} schema error${se.length === 1 ? '' : 's'}: the DfE's collection refuses the file until they are fixed. A date that does not exist (such as 31 April) is reported here, not again as a date outside the census year (rule 8620).</p>`,
      );
      out.push('<table><thead><tr><th>Line</th><th>Error</th></tr></thead><tbody>');
      for (const e of se.slice(0, SHOW))
        out.push(`<tr><td>${e.line ?? ''}</td><td><code>${h(e.message)}</code></td></tr>`);
      out.push('</tbody></table>');
      if (se.length > SHOW) out.push(`<p>… and ${se.length - SHOW} more (all are in report.json).</p>`);
    }
  }
  if (report.issues.length === 0) out.push('<p>No issues: the return passes every rule.</p>');
  out.push('<h2 id="by-rule">Issues by rule</h2>');
  out.push('<table><thead><tr><th>Rule</th><th>Type</th><th>Count</th><th>Message</th></tr></thead><tbody>');
  for (const [code, list] of rules) {
    out.push(
      `<tr><td><a href="#rule-${h(code)}">${h(code)}</a></td><td><span class="${list[0]!.kind}">${list[0]!.kind}</span></td><td>${list.length}</td><td>${h(list[0]!.message)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  for (const [code, list] of rules) {
    const first = list[0]!;
    out.push(
      `<h3 id="rule-${h(code)}">${h(code)} <span class="${first.kind}">${first.kind}</span> — ${list.length} issue${list.length === 1 ? '' : 's'}</h3>`,
    );
    out.push(
      `<p>${h(first.message)}</p>${cin ? `<p class="fix"><strong>What to fix:</strong> ${h(FIX.get(code) ?? '')}</p>` : ''}`,
    );
    out.push(
      '<table><thead><tr><th>Child</th><th>Module</th><th>Field</th><th>Values</th></tr></thead><tbody>',
    );
    for (const i of list.slice(0, SHOW))
      out.push(
        `<tr><td>${i.child ? `<a href="#child-${h(i.child)}">${h(i.child)}</a>` : 'whole return'}</td><td>${h(i.module)}</td><td>${h(i.field)}</td><td>${values(i.values)}</td></tr>`,
      );
    out.push('</tbody></table>');
    if (list.length > SHOW) out.push(`<p>… and ${list.length - SHOW} more (all are in report.json).</p>`);
  }
  out.push('<h2 id="by-child">Issues by child</h2>');
  let shown = 0;
  for (const [child, list] of byChild) {
    if (shown++ >= 2000) {
      out.push(`<p>… and ${byChild.size - 2000} more children (all are in report.json).</p>`);
      break;
    }
    out.push(
      `<details id="child-${h(child)}"><summary><strong>${h(child)}</strong>: ${list.filter((i) => i.kind === 'error').length} errors, ${list.filter((i) => i.kind === 'query').length} queries</summary><ul>`,
    );
    for (const i of list.slice(0, SHOW))
      out.push(
        `<li><span class="${i.kind}">${h(i.rule)}</span> ${h(i.message)} <br><small>${h(i.module)} / ${h(i.field)} — ${values(i.values)}</small></li>`,
      );
    out.push('</ul></details>');
  }
  out.push('</body></html>\n');
  return out.join('\n');
}
