/** One child's 903 rows, this year and last, with the derived facts many rules share (computed once). */
import { addYears } from '../../dates.ts';
import type { Ssda903Table } from '../tables.ts';
import { ukToIso } from './dates.ts';
import type { Context903, Row903, Tables903 } from './types.ts';

/** An episode row with its dates read. */
export interface Episode903 {
  row: Row903;
  decom: string | null;
  dec: string | null;
}

const EMPTY: readonly Row903[] = [];

/** One child's view of the return: rows by table and derived facts, cached. */
export class ChildView {
  readonly id: string;
  readonly ctx: Context903;
  private readonly cur: Tables903;
  private readonly prev: Tables903;
  private epsCache?: Episode903[];
  private lastEpsCache?: Episode903[];
  private claCache?: boolean;

  constructor(id: string, ctx: Context903, cur: Tables903, prev: Tables903 = {}) {
    this.id = id;
    this.ctx = ctx;
    this.cur = cur;
    this.prev = prev;
  }

  /** This year's rows of a table for the child. */
  rows(table: Ssda903Table): readonly Row903[] {
    return this.cur[table] ?? EMPTY;
  }

  /** Last year's rows of a table for the child. */
  lastRows(table: Ssda903Table): readonly Row903[] {
    return this.prev[table] ?? EMPTY;
  }

  /** The child's (first) Header row. */
  get header(): Row903 | undefined {
    return this.rows('Header')[0];
  }

  /** Last year's Header row. */
  get lastHeader(): Row903 | undefined {
    return this.lastRows('Header')[0];
  }

  /** Date of birth (ISO) from the Header. */
  get dob(): string | null {
    return ukToIso(this.header?.DOB);
  }

  /** The child's age in whole years on a date, or null without a date of birth. */
  ageOn(iso: string | null): number | null {
    const dob = this.dob;
    if (!dob || !iso) return null;
    let age = Number(iso.slice(0, 4)) - Number(dob.slice(0, 4));
    if (iso.slice(5) < dob.slice(5)) age -= 1;
    return age;
  }

  /** The date the child turns `years` old. */
  birthday(years: number): string | null {
    const dob = this.dob;
    return dob ? addYears(dob, years) : null;
  }

  /** 1 (UASC) or 0, derived as the reference does from whether the child has a UASC row. */
  get uasc(): '1' | '0' {
    return this.rows('UASC').length > 0 ? '1' : '0';
  }

  /** This year's episodes, oldest first (episodes with no valid start date last). */
  get episodes(): readonly Episode903[] {
    this.epsCache ??= sortEpisodes(this.rows('Episodes'));
    return this.epsCache;
  }

  /** Last year's episodes, oldest first. */
  get lastEpisodes(): readonly Episode903[] {
    this.lastEpsCache ??= sortEpisodes(this.lastRows('Episodes'));
    return this.lastEpsCache;
  }

  /** The episode before and after `i` in date order. */
  prevEpisode(i: number): Episode903 | undefined {
    return i > 0 ? this.episodes[i - 1] : undefined;
  }

  /** The latest episode of the year. */
  get lastEpisode(): Episode903 | undefined {
    return this.episodes[this.episodes.length - 1];
  }

  /** True when the child is looked after on 31 March (an episode open at the end of the year). */
  get lookedAfterAtEnd(): boolean {
    const end = this.ctx.end;
    return this.episodes.some((e) => e.decom !== null && e.decom <= end && (e.dec === null || e.dec > end));
  }

  /**
   * Looked after continuously for the 12 months to 31 March (the OC2 cohort): in care during the year,
   * with no episode that starts care after 1 April, ends care before 31 March, or is respite (V3/V4).
   */
  get continuouslyLookedAfter(): boolean {
    if (this.claCache === undefined) {
      const { start, end } = this.ctx;
      let during = false;
      let broken = false;
      for (const e of this.episodes) {
        const inYear = e.decom !== null && e.decom <= end && (e.dec === null || e.dec >= start);
        if (inYear) during = true;
        const r = e.row;
        if (r.RNE === 'S' && e.decom !== null && e.decom > start && e.decom <= end) broken = true;
        if (r.REC !== 'X1' && e.dec !== null && e.dec >= start && e.dec < end) broken = true;
        if ((r.LS === 'V3' || r.LS === 'V4') && inYear) broken = true;
      }
      this.claCache = during && !broken;
    }
    return this.claCache;
  }
}

function sortEpisodes(rows: readonly Row903[]): Episode903[] {
  const eps = rows.map((row) => ({ row, decom: ukToIso(row.DECOM), dec: ukToIso(row.DEC) }));
  return eps.sort((a, b) => (a.decom ?? '9999').localeCompare(b.decom ?? '9999'));
}
