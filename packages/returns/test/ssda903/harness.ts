/**
 * Test harness for the 903 rules: a clean child (no finding from any rule), and table-driven cases
 * that change it so that one rule fails for its own reason, and (optionally) so that it passes.
 */
import { describe, expect, it } from 'vitest';
import { SSDA903_TABLES, type Ssda903Table } from '../../src/ssda903/tables.ts';
import { validate903Child, type Validate903Options } from '../../src/ssda903/validate/validate.ts';
import type { Row903 } from '../../src/ssda903/validate/types.ts';
import type { CollectionYear } from '../../src/years.ts';

export type Rows = Record<string, string>;
/** A child's tables, this year and (when a case needs it) last year. */
export interface Fixture {
  t: Record<Ssda903Table, Rows[]>;
  last: Partial<Record<Ssda903Table, Rows[]>> | null;
  opts: Partial<Validate903Options>;
}

/** A blank row of a table with the child's id and date of birth. */
export function row(table: Ssda903Table, values: Rows = {}): Rows {
  const r: Rows = {};
  for (const c of SSDA903_TABLES[table]) r[c] = '';
  r.CHILD = 'C1';
  if ('DOB' in r) r.DOB = '06/05/2012';
  if ('SEX' in r) r.SEX = 'F';
  return Object.assign(r, values);
}

/**
 * The clean child (2025/26: 1 April 2025 – 31 March 2026): a girl born 6 May 2012, looked after since
 * 10 January 2024 in foster care, with her OC2 outcomes, a review and a social worker.
 */
export function base(): Fixture {
  return {
    t: {
      Header: [row('Header', { ETHNIC: 'WBRI', UPN: 'A201000000011', MOTHER: '0' })],
      Episodes: [
        row('Episodes', {
          DECOM: '10/01/2024',
          RNE: 'S',
          LS: 'C2',
          CIN: 'N1',
          PLACE: 'U4',
          PLACE_PROVIDER: 'PR1',
          HOME_POST: 'SW1A 1AA',
          PL_POST: 'M1 1AE',
          URN: 'XXXXXXX',
        }),
      ],
      Reviews: [row('Reviews', { REVIEW: '01/06/2025', REVIEW_CODE: 'PN1' })],
      UASC: [],
      OC2: [
        row('OC2', {
          SDQ_SCORE: '14',
          CONVICTED: '0',
          IMMUNISATIONS: '1',
          TEETH_CHECK: '1',
          HEALTH_ASSESSMENT: '1',
          SUBSTANCE_MISUSE: '0',
        }),
      ],
      OC3: [],
      AD1: [],
      PlacedAdoption: [],
      PrevPerm: [],
      Missing: [],
      SWEpisodes: [row('SWEpisodes', { SW_ID: 'SW123456', SW_DECOM: '10/01/2024', SW_REASON: 'TSPROC' })],
    },
    last: null,
    opts: {},
  };
}

/** The first row of a table (throws when there is none, to keep cases honest). */
export function first(f: Fixture, table: Ssda903Table): Rows {
  const r = f.t[table][0];
  if (!r) throw new Error(`no ${table} row`);
  return r;
}

/** The codes of the rules that fire on a fixture. */
export function findings(
  f: Fixture,
  year: CollectionYear = '2025-26',
): { rule: string; module: string; field: string }[] {
  const last = f.last
    ? (Object.fromEntries(
        (Object.keys(SSDA903_TABLES) as Ssda903Table[]).map((t) => [t, (f.last![t] ?? []) as Row903[]]),
      ) as Validate903Options['last'])
    : undefined;
  return validate903Child(f.t, { year, ...f.opts, last }).issues;
}

export interface RuleCase {
  rule: string;
  /** Why the failing variant fails. */
  fails: string;
  fail: (f: Fixture) => void;
  passes?: string;
  pass?: (f: Fixture) => void;
  /** Years to check (default 2025/26). */
  years?: CollectionYear[];
}

/** One failing and one passing test per rule. */
export function ruleCases(name: string, cases: RuleCase[]): void {
  describe(`903 rules: ${name}`, () => {
    for (const c of cases) {
      for (const year of c.years ?? ['2025-26']) {
        it(`${c.rule} (${year}) fails: ${c.fails}`, () => {
          const f = base();
          c.fail(f);
          expect(findings(f, year).map((i) => i.rule)).toContain(c.rule);
        });
        it(`${c.rule} (${year}) passes: ${c.passes ?? 'the clean child'}`, () => {
          const f = base();
          c.pass?.(f);
          expect(findings(f, year).map((i) => i.rule)).not.toContain(c.rule);
        });
      }
    }
  });
}
