/** The SSDA903 validator: runs every rule of the year over the return, child by child. */
import { addDays, addYears } from '../../dates.ts';
import { type CollectionYear, referenceDateOf } from '../../years.ts';
import { SSDA903_TABLES, type Ssda903Table } from '../tables.ts';
import { ALL_903_RULES } from '../rules/index.ts';
import { ChildView } from './child.ts';
import type {
  Context903,
  Issue903,
  PostcodeLookup,
  Provider903,
  Rule903,
  Row903,
  Tables903,
} from './types.ts';

export interface Validation903Report {
  year: CollectionYear;
  children: number;
  issues: Issue903[];
  /** Rules of the year that did not run, with why (a table or reference data not loaded). */
  skipped: { rule: string; reason: string }[];
}

export interface Validate903Options {
  year: CollectionYear;
  /** Last year's return (rules 202–208, 502–503J, 559–561, 576, 624, 626, NoE, SW16…). */
  last?: Tables903;
  laCode?: string | null;
  /** Check a provisional return as at this 31 March with `year`'s rules (default: the year's own). */
  referenceDate?: string;
  /** The Ofsted provider lists by URN (rules 1008 register check, 219, 221, 224, 227–229). */
  providers?: ReadonlyMap<string, Provider903> | null;
  /** A postcode look-up (rules 164, 169, 179, 392a, 406, 411, 420, 452, 453, 503G/H/J, 1015). */
  postcodes?: PostcodeLookup | null;
  onProgress?: (done: number, total: number) => void;
}

/** The rules of a collection year. */
export function rules903For(year: CollectionYear): Rule903[] {
  return ALL_903_RULES.filter((r) => r.years.includes(year));
}

const TABLES = Object.keys(SSDA903_TABLES) as Ssda903Table[];

function context(
  opts: Validate903Options,
  loaded: Set<Ssda903Table>,
  loadedLast: Set<Ssda903Table>,
): Context903 {
  const end = opts.referenceDate ?? referenceDateOf(opts.year);
  return {
    year: opts.year,
    start: addDays(addYears(end, -1), 1),
    end,
    laCode: opts.laCode ?? null,
    loaded,
    loadedLast,
    providers: opts.providers ?? null,
    postcodes: opts.postcodes ?? null,
  };
}

function whyNot(rule: Rule903, ctx: Context903): string | null {
  const missing = rule.tables.filter((t) => !ctx.loaded.has(t));
  if (missing.length > 0) return `${missing.join(', ')} not loaded`;
  if (rule.needs.includes('last') && ctx.loadedLast.size === 0) return "last year's return not loaded";
  if (rule.needs.includes('providers') && !ctx.providers) return 'Ofsted provider lists not loaded';
  if (rule.needs.includes('postcodes') && !ctx.postcodes) return 'postcode look-up not loaded';
  return null;
}

/** Groups each table's rows by CHILD. */
function byChild(tables: Tables903): Map<string, Record<string, Row903[]>> {
  const out = new Map<string, Record<string, Row903[]>>();
  for (const t of TABLES) {
    for (const row of tables[t] ?? []) {
      const id = row.CHILD ?? '';
      let c = out.get(id);
      if (!c) out.set(id, (c = {}));
      (c[t] ??= []).push(row);
    }
  }
  return out;
}

function runner(rules: Rule903[], issues: Issue903[]) {
  let view: ChildView;
  const prepared = rules.map((rule) => {
    const seen = new Set<Row903>();
    const report = (table: Ssda903Table, row: Row903, field?: string): void => {
      if (seen.has(row)) return;
      seen.add(row);
      const values: Issue903['values'] = {};
      for (const f of rule.fields) if (f in row) values[f] = row[f] === '' ? null : row[f]!;
      if (Object.keys(values).length === 0) values.CHILD = row.CHILD ?? null;
      issues.push({
        rule: rule.code,
        kind: rule.code === 'EPI' ? 'query' : 'error',
        child: row.CHILD || view.id || null,
        module: table,
        field: field ?? rule.fields.find((f) => f in row) ?? 'CHILD',
        message: rule.message,
        values,
      });
    };
    return { rule, report, seen };
  });
  return (v: ChildView): void => {
    view = v;
    for (const p of prepared) {
      p.seen.clear();
      p.rule.check(v, p.report);
    }
  };
}

/**
 * Validates a whole 903 return (the tables as read from its files) against every rule of the year.
 * A rule whose tables, last year's return or reference data are not loaded is listed in `skipped`.
 * @example validate903Return(readSsda903Dir('903/').tables, { year: '2025-26' }).issues
 */
export function validate903Return(tables: Tables903, opts: Validate903Options): Validation903Report {
  const loaded = new Set(TABLES.filter((t) => tables[t] !== undefined));
  const loadedLast = new Set(TABLES.filter((t) => opts.last?.[t] !== undefined));
  const ctx = context(opts, loaded, loadedLast);
  const all = rules903For(opts.year);
  const skipped: Validation903Report['skipped'] = [];
  const run: Rule903[] = [];
  for (const r of all) {
    const why = whyNot(r, ctx);
    if (why) skipped.push({ rule: r.code, reason: why });
    else run.push(r);
  }
  const issues: Issue903[] = [];
  const check = runner(run, issues);
  const cur = byChild(tables);
  const last = opts.last ? byChild(opts.last) : new Map<string, Record<string, Row903[]>>();
  const total = cur.size;
  let done = 0;
  for (const [id, rows] of cur) {
    check(new ChildView(id, ctx, rows, last.get(id)));
    done += 1;
    if (opts.onProgress && done % 5000 === 0) opts.onProgress(done, total);
  }
  const children = (tables.Header ?? []).length || total;
  return { year: opts.year, children, issues, skipped };
}

/**
 * Validates one child's rows (every table counts as loaded: no rows means none recorded), for the
 * check at the point of recording. The rules are the same as for the whole return.
 * @example validate903Child(build903({ laCode, children: [child] }, year), { year }).issues
 */
export function validate903Child(tables: Tables903, opts: Validate903Options): Validation903Report {
  const full: Tables903 = {};
  for (const t of TABLES) full[t] = tables[t] ?? [];
  return validate903Return(full, opts);
}
