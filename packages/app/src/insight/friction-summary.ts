/**
 * The PSW's view of "What got in the way?" reports: by page, by theme (themes.ts) and counts by
 * month, each group with its reports. Reports never name who made them here.
 */
import type { FrictionReport } from './friction.ts';
import { themes } from './themes.ts';

export interface FrictionSummary {
  total: number;
  byMonth: { month: string; label: string; count: number }[];
  byPage: { page: string; count: number; reports: FrictionReport[] }[];
  byTheme: { name: string; count: number; reports: FrictionReport[] }[];
}

const monthLabel = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/** Groups the reports (newest first) by page, theme and month (the last 12 months, oldest first). */
export function summariseFriction(reports: readonly FrictionReport[], now = new Date()): FrictionSummary {
  const months: { month: string; label: string; count: number }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
    months.push({ month: monthKey(d), label: monthLabel.format(d), count: 0 });
  }
  for (const r of reports) {
    const m = months.find((x) => x.month === monthKey(r.createdAt));
    if (m !== undefined) m.count++;
  }
  const pages = new Map<string, FrictionReport[]>();
  for (const r of reports) pages.set(r.page, [...(pages.get(r.page) ?? []), r]);
  return {
    total: reports.length,
    byMonth: months,
    byPage: [...pages.entries()]
      .map(([page, rs]) => ({ page, count: rs.length, reports: rs }))
      .sort((a, b) => b.count - a.count || a.page.localeCompare(b.page)),
    byTheme: themes(reports, (r) => r.body).map((t) => ({
      name: t.name,
      count: t.items.length,
      reports: t.items,
    })),
  };
}
