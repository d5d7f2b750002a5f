/** The words for a disposal item's kind and rule, shared by the pages and the audit. */
import { retentionDefaults, type RecordKind, type RetentionBasis } from '../la-settings/index.ts';

/** "Until the 75th birthday", "6 years after the record closed". */
export function ruleWords(basis: RetentionBasis, years: number): string {
  if (basis === 'years_after_closure') return `${years} years after the record closed`;
  const suffix =
    years % 10 === 1 && years !== 11
      ? 'st'
      : years % 10 === 2 && years !== 12
        ? 'nd'
        : years % 10 === 3 && years !== 13
          ? 'rd'
          : 'th';
  return `until the ${years}${suffix} birthday`;
}

/** "Looked-after child". */
export const kindWords = (kind: RecordKind): string => retentionDefaults[kind].label;
