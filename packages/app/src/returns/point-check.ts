/**
 * The check at the point of recording: the CIN census rules (and, for a looked-after child, the
 * SSDA903 rules) that apply to one child, run on that child alone as the record stands, for the
 * collection year in progress. Each finding is said in plain words with a link to what fixes it.
 * It never blocks anything: the journey page shows it to those who can change the record, and the
 * data quality page lists the same findings for the data team.
 */
import {
  build903,
  censusFromInput,
  rulesFor,
  validate903Child,
  validateCinCensus,
  type Child,
  type CollectionYear,
} from '@waypoint/returns';
import type { Tx } from '../db/tenant.ts';
import { toReturnsChild } from './adapter.ts';
import { CIN_FIELDS, SSDA903_FIELDS } from './field-sources.ts';
import { loadChildForReturns } from './load-record.ts';
import { reportingYearOn, type ReportingYear } from './years.ts';

export interface CensusQuery {
  /** The DfE rule code, e.g. `8670Q`. */
  rule: string;
  return: 'CIN census' | 'SSDA903';
  /** What the return will query, in plain words: "the assessment has no completion date". */
  words: string;
  /** Where to fix it, and the link's words. */
  fix: { href: string; text: string } | null;
}

type Fix = (personId: string) => { href: string; text: string };
const details =
  (field: string, text: string): Fix =>
  (id) => ({ href: `/children/${id}/details/edit#${field}`, text });
const step =
  (kind: string, text: string): Fix =>
  (id) => ({ href: `/children/${id}/record/${kind}`, text });

/** Plain words for the rules a worker's record can raise, and where each is fixed. */
const PLAIN: Record<string, { words: string; fix?: Fix }> = {
  '8608': {
    words: 'the assessment ends before it starts',
    fix: step('assessment-complete', 'Check the assessment dates'),
  },
  '8670Q': {
    words: 'the assessment has no completion date, and it started more than 45 working days before 31 March',
    fix: step('assessment-complete', 'Record the assessment’s completion'),
  },
  '8897Q': {
    words: 'the completed assessment has no factors identified (use 21 if there were none)',
    fix: step('assessment-complete', 'Record the factors'),
  },
  '8869': { words: 'factor 21 (no factors) is recorded with other factors' },
  '8675Q': {
    words:
      'the section 47 enquiry started more than 15 working days before 31 March and has no conference date',
    fix: step('s47-complete', 'Record the end of the section 47 enquiry'),
  },
  '2991Q': {
    words: 'there is a section 47 enquiry but no assessment in this episode',
    fix: step('assessment', 'Record the assessment'),
  },
  '8770Q': { words: 'there is no UPN for a child of school age', fix: details('upn', 'Add the UPN') },
  '1510': { words: 'the UPN’s check letter is wrong', fix: details('upn', 'Check the UPN') },
  '4220': { words: 'the ethnicity is missing', fix: details('ethnicity', 'Add the ethnicity') },
  '8540': {
    words: 'no disability is recorded (record NONE if the child has none)',
    fix: details('disabilities', 'Record disabilities'),
  },
  '8790': {
    words: 'disabilities include both none and a disability',
    fix: details('disabilities', 'Check disabilities'),
  },
  '4180': { words: 'the sex is missing', fix: details('sex', 'Add the sex') },
  '8525Q': {
    words: 'the date of birth (or expected date of birth) is missing',
    fix: details('dateOfBirth', 'Add the date of birth'),
  },
  '8610': { words: 'the referral has no primary need code' },
  '2990': {
    words: 'the episode is closed as “closed after assessment” (RC8 or RC9) but has more than an assessment',
    fix: step('closure', 'Check the reason for closure'),
  },
  '8825Q': { words: 'the closure reason is RC8 or RC9 but there is no assessment' },
  '8840': { words: 'the child protection plan starts and ends on the same day' },
  '2885': { words: 'the child protection plan starts on a different day from the initial conference' },
};

const notRecorded = (fields: Record<string, { notRecorded?: string } | object>, field: string): boolean =>
  field in fields && 'notRecorded' in (fields[field] as object);

const childRules = new Map<CollectionYear, Set<string>>();
function childRuleCodes(year: CollectionYear): Set<string> {
  let codes = childRules.get(year);
  if (codes === undefined) {
    codes = new Set(
      rulesFor(year)
        .filter((r) => r.scope === 'child')
        .map((r) => r.code),
    );
    childRules.set(year, codes);
  }
  return codes;
}

/**
 * The queries the returns of `year` would raise about this child (pure: the child from the adapter).
 * Findings about items Waypoint does not record yet are left out: a worker cannot fix them here.
 */
export function queriesFor(
  child: Child,
  personId: string,
  laCode: string,
  year: ReportingYear,
): CensusQuery[] {
  const out: CensusQuery[] = [];
  const seen = new Set<string>();
  const add = (rule: string, ret: CensusQuery['return'], message: string) => {
    if (seen.has(`${ret}:${rule}`)) return;
    seen.add(`${ret}:${rule}`);
    const plain = PLAIN[rule];
    out.push({
      rule,
      return: ret,
      words:
        plain?.words ?? message.replace(/^Please check and either amend (data )?or provide a reason: /, ''),
      fix: plain?.fix?.(personId) ?? null,
    });
  };
  const census = censusFromInput({ laCode, children: [child] }, year.rules, undefined, year.referenceDate);
  if (census.children.length > 0) {
    const report = validateCinCensus(census, { year: year.rules, referenceDate: year.referenceDate });
    const codes = childRuleCodes(year.rules);
    for (const i of report.issues)
      if (codes.has(i.rule) && !notRecorded(CIN_FIELDS, i.field)) add(i.rule, 'CIN census', i.message);
  }
  if ((child.lookedAfter ?? []).length > 0) {
    const tables = build903({ laCode, children: [child] }, year.rules, year.referenceDate);
    if (tables.Header.length > 0) {
      const report = validate903Child(tables, {
        year: year.rules,
        referenceDate: year.referenceDate,
        laCode,
      });
      for (const i of report.issues)
        if (!notRecorded(SSDA903_FIELDS, i.field)) add(i.rule, 'SSDA903', i.message);
    }
  }
  return out;
}

/**
 * Runs the check on one child inside the caller's transaction (the journey page's `withRecord`,
 * which has already decided access and audits the view).
 * @param today YYYY-MM-DD: the year in progress is the one containing it
 */
export async function censusQueries(
  tx: Tx,
  laCode: string,
  personId: string,
  today: string,
): Promise<CensusQuery[]> {
  const loaded = await loadChildForReturns(tx, laCode, personId);
  if (loaded === null) return [];
  return queriesFor(toReturnsChild(loaded, today), personId, laCode, reportingYearOn(today));
}
