/**
 * Agreement between the validator and our reading of the D2I validator (`oracle.ts`) on census
 * XML files: (rule, child) pairs counted once per file, per rule and over all the rules read.
 */
import { parseCinXml } from '../../src/cin/parse-xml.ts';
import { validateCinCensus } from '../../src/cin/validate/validate.ts';
import type { CollectionYear } from '../../src/years.ts';
import { ORACLE_RULES, d2iReading, type Pair } from './oracle.ts';
import { explain, type Cause } from './explain.ts';
import { readD2iTables } from './tables.ts';

export interface RuleAgreement {
  rule: string;
  both: number;
  /** Pairs the validator reports and the reading does not. */
  oursOnly: number;
  /** Pairs the reading reports and the validator does not. */
  readingOnly: number;
}

export interface Difference {
  file: string;
  rule: string;
  child: string | null;
  side: 'ours only' | 'reading only';
  /** The known cause of the difference (`explain.ts`), or `unexplained`. */
  cause: Cause;
}

export interface Agreement {
  rules: RuleAgreement[];
  differences: Difference[];
}

const key = (p: Pair) => `${p.rule}\u0001${p.child ?? ''}`;

/** The validator's pairs for the rules the reading covers. */
export function ourPairs(xml: string, year: CollectionYear): Pair[] {
  const rules = new Set(ORACLE_RULES);
  return validateCinCensus(parseCinXml(xml), { year })
    .issues.filter((i) => rules.has(i.rule))
    .map((i) => ({ rule: i.rule, child: i.child }));
}

/** Compares both sides over files of one year; `name` labels each file in the differences. */
export function compare(files: { name: string; xml: string; year: CollectionYear }[]): Agreement {
  const per = new Map(ORACLE_RULES.map((r) => [r, { rule: r, both: 0, oursOnly: 0, readingOnly: 0 }]));
  const differences: Difference[] = [];
  for (const f of files) {
    const tables = readD2iTables(f.xml);
    const ours = new Map(ourPairs(f.xml, f.year).map((p) => [key(p), p]));
    const theirs = new Map(d2iReading(tables, f.year).map((p) => [key(p), p]));
    const note = (p: Pair, side: Difference['side']) => {
      const d = { file: f.name, rule: p.rule, child: p.child, side };
      differences.push({ ...d, cause: explain({ ...d, cause: 'unexplained' }, tables, f.year) });
    };
    for (const [k, p] of ours) {
      const row = per.get(p.rule)!;
      if (theirs.has(k)) row.both += 1;
      else {
        row.oursOnly += 1;
        note(p, 'ours only');
      }
    }
    for (const [k, p] of theirs)
      if (!ours.has(k)) {
        per.get(p.rule)!.readingOnly += 1;
        note(p, 'reading only');
      }
  }
  return { rules: [...per.values()], differences };
}

/** F1 of (rule, child) pairs: 2·both / (2·both + ours only + reading only); 1 when neither side has any. */
export function f1(rows: readonly RuleAgreement[]): number {
  const both = rows.reduce((s, r) => s + r.both, 0);
  const diff = rows.reduce((s, r) => s + r.oursOnly + r.readingOnly, 0);
  return both + diff === 0 ? 1 : (2 * both) / (2 * both + diff);
}
