/**
 * The data quality view for the LA's performance and data officers and managers: the CIN census,
 * the SSDA903 return and Annex A as of today, built from the record, with their findings counted
 * by rule and by team and listed child by child with the worker. One audited read of the LA.
 */
import { COLLECTION_YEARS, isCollectionYear } from '@waypoint/returns';
import type { PersonRecords } from '../records/person-records.ts';
import { buildAnnexAReturn, buildCinReturn, build903Return, type AnnexAReturn } from './build.ts';
import { figuresOf, withToday, type QualityDay, type TrendReturn } from './quality-trend.ts';
import { readLaForReturns } from './read-la.ts';
import { namedYear, reportingYearOn, type ReportingYear } from './years.ts';

export type ReturnName = 'CIN census' | 'SSDA903' | 'Annex A';

export interface QualityIssue {
  return: ReturnName;
  rule: string;
  kind: 'error' | 'query';
  message: string;
  /** LA child ID, or null for a finding about the whole return. */
  child: string | null;
  personId: string | null;
  team: string | null;
  worker: string | null;
}

export interface RuleCount {
  return: ReturnName;
  rule: string;
  kind: 'error' | 'query';
  message: string;
  count: number;
}

export interface DataQuality {
  year: ReportingYear;
  /** The years the page offers: the year in progress and every year the library knows. */
  years: { value: string; text: string }[];
  asAt: string;
  children: number;
  returns: {
    name: ReturnName;
    children: number;
    errors: number;
    queries: number;
    schema?: { valid: boolean; errors: number };
  }[];
  byRule: RuleCount[];
  byTeam: { team: string; count: number }[];
  issues: QualityIssue[];
  annexA: AnnexAReturn['lists'];
  /** Errors and queries day by day for the census and the 903 return, ending with today's (live). */
  trend: { return: TrendReturn; days: QualityDay[] }[];
}

/** The year the page shows: `requested` when it is one it offers, otherwise the year in progress. */
export function yearFor(requested: string | undefined, today: string): ReportingYear {
  const current = reportingYearOn(today);
  if (
    requested !== undefined &&
    requested !== current.label &&
    isCollectionYear(requested) &&
    requested < current.label
  )
    return namedYear(requested);
  return current;
}

/** The years offered, newest first (the year in progress, then the ones before it the library knows). */
export function yearsOffered(today: string): { value: string; text: string }[] {
  const current = reportingYearOn(today);
  const older = [...COLLECTION_YEARS].filter((y) => y < current.label).reverse();
  return [
    {
      value: current.label,
      text: current.provisional
        ? `${current.label} so far (checked with the ${current.rules} rules)`
        : `${current.label} so far`,
    },
    ...older.map((y) => ({ value: y, text: y })),
  ];
}

/**
 * Builds the three returns as of `today` (the census year chosen, Annex A for an inspection today).
 * @throws NotFoundError when the caller may not see the returns
 */
export async function dataQuality(
  records: PersonRecords,
  today: string,
  requestedYear?: string,
): Promise<DataQuality> {
  const year = yearFor(requestedYear, today);
  const asAt = year.referenceDate < today ? year.referenceDate : today;
  const la = await readLaForReturns(records, `data quality ${year.label}`, asAt, {
    year: year.label,
    until: today,
  });
  const cin = await buildCinReturn(la.input, year);
  const ssda = build903Return(la.input, year);
  const days = withToday(la.trend, [
    { day: today, return: 'CIN census', ...figuresOf(cin.report) },
    { day: today, return: 'SSDA903', ...figuresOf(ssda.report) },
  ]);
  const trend = (['CIN census', 'SSDA903'] as const).map((r) => ({
    return: r,
    days: days.filter((d) => d.return === r),
  }));
  const annex = await buildAnnexAReturn(la.input, today);
  const who = (child: string | null) => {
    const c = child === null ? undefined : la.children.get(child);
    return { personId: c?.personId ?? null, team: c?.team ?? null, worker: c?.worker ?? null };
  };
  const issues: QualityIssue[] = [
    ...cin.report.issues.map((i) => ({
      return: 'CIN census' as const,
      rule: i.rule,
      kind: i.kind,
      message: i.message,
      child: i.child,
      ...who(i.child),
    })),
    ...ssda.report.issues.map((i) => ({
      return: 'SSDA903' as const,
      rule: i.rule,
      kind: i.kind,
      message: i.message,
      child: i.child,
      ...who(i.child),
    })),
  ];
  const rules = new Map<string, RuleCount>();
  const teams = new Map<string, number>();
  for (const i of issues) {
    const key = `${i.return}:${i.rule}`;
    const r = rules.get(key);
    if (r) r.count += 1;
    else rules.set(key, { return: i.return, rule: i.rule, kind: i.kind, message: i.message, count: 1 });
    const team = i.child === null ? 'The whole return' : (i.team ?? 'Not allocated to a team');
    teams.set(team, (teams.get(team) ?? 0) + 1);
  }
  const count = (xs: { kind: string }[], kind: string) => xs.filter((x) => x.kind === kind).length;
  return {
    year,
    years: yearsOffered(today),
    asAt,
    children: la.input.children.length,
    returns: [
      {
        name: 'CIN census',
        children: cin.report.children,
        errors: count(cin.report.issues, 'error'),
        queries: count(cin.report.issues, 'query'),
        schema: { valid: cin.xsd.valid, errors: cin.xsd.errors.length },
      },
      {
        name: 'SSDA903',
        children: ssda.report.children,
        errors: count(ssda.report.issues, 'error'),
        queries: count(ssda.report.issues, 'query'),
      },
      {
        name: 'Annex A',
        children: annex.lists.reduce((n, l) => n + l.rows, 0),
        errors: annex.blanks.length,
        queries: 0,
      },
    ],
    byRule: [...rules.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    byTeam: [...teams.entries()].map(([team, n]) => ({ team, count: n })).sort((a, b) => b.count - a.count),
    issues,
    annexA: annex.lists,
    trend,
  };
}
