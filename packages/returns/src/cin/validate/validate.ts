/** The CIN census validator: runs every rule of the collection year over a census. */
import { addDays, addYears, isoOrNull } from '../../dates.ts';
import { type CollectionYear, referenceDateOf, yearOfReferenceDate } from '../../years.ts';
import type { CinCensus } from '../census.ts';
import { ALL_RULES } from '../rules/index.ts';
import type { Finding, Issue, Rule, RuleContext } from './types.ts';

export interface ValidationReport {
  year: CollectionYear;
  children: number;
  issues: Issue[];
}

/** Thrown when the census's collection year cannot be worked out. */
export class UnknownYearError extends Error {}

/** The rules of a collection year. */
export function rulesFor(year: CollectionYear): Rule[] {
  return ALL_RULES.filter((r) => r.years.includes(year));
}

/** The collection year a census belongs to, from its reference date. */
export function censusYear(census: CinCensus): CollectionYear | null {
  const ref = isoOrNull(census.header.referenceDate);
  if (ref) return yearOfReferenceDate(ref);
  const y = Number(census.header.year);
  return Number.isInteger(y) ? yearOfReferenceDate(`${y}-03-31`) : null;
}

/**
 * Validates a census against every rule of the year (by default the year of its reference date).
 * @example validateCinCensus(parseCinXml(xml)).issues.filter((i) => i.kind === 'error')
 * @throws UnknownYearError when no year is given and the header does not name a supported one.
 */
export function validateCinCensus(
  census: CinCensus,
  options: {
    year?: CollectionYear;
    /** Check a provisional census as at this reference date with `year`'s rules (default: the year's 31 March). */
    referenceDate?: string;
    onProgress?: (done: number, total: number) => void;
  } = {},
): ValidationReport {
  const year = options.year ?? censusYear(census);
  if (!year)
    throw new UnknownYearError(
      `cannot tell the collection year from reference date ${census.header.referenceDate ?? '(none)'}; give --year`,
    );
  const referenceDate = options.referenceDate ?? referenceDateOf(year);
  const ctx: RuleContext = {
    year,
    referenceDate,
    censusStart: addDays(addYears(referenceDate, -1), 1),
    header: census.header,
  };
  const issues: Issue[] = [];
  const rules = rulesFor(year);
  const toIssue = (rule: Rule, child: string | null, f: Finding): Issue => ({
    rule: rule.code,
    kind: rule.code.endsWith('Q') ? 'query' : 'error',
    child,
    module: f.module ?? rule.module,
    field: f.field ?? rule.fields[0] ?? '',
    message: rule.message,
    values: f.values,
  });
  for (const rule of rules) {
    if (rule.scope === 'return')
      rule.check(census.children, ctx, (f) => issues.push(toIssue(rule, f.child ?? null, f)));
  }
  // One reporter per rule, reading the current child's ID, rather than a closure per child and rule.
  let id: string | null = null;
  const childRules = rules
    .filter((r) => r.scope === 'child')
    .map((rule) => ({ rule, report: (f: Finding) => issues.push(toIssue(rule, id, f)) }));
  const total = census.children.length;
  for (let i = 0; i < total; i++) {
    const child = census.children[i]!;
    id = child.laChildId || null;
    for (const { rule, report } of childRules) rule.check(child, ctx, report);
    if (options.onProgress && (i + 1) % 5000 === 0) options.onProgress(i + 1, total);
  }
  return { year, children: total, issues };
}
