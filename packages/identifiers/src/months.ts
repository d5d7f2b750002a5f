/**
 * English month names, and the month a written name stands for: "March", "mar", "Mar." and
 * "sept" (the abbreviations records and reviews use). One list for the packages that read dates
 * written in words (linkage's date parser, redaction's date detector).
 */
export const MONTH_NAMES: readonly string[] = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, m, 1)),
);

const lower = MONTH_NAMES.map((m) => m.toLowerCase());

/**
 * The month (1–12) a word names: the whole name or a prefix of it of at least three letters, with
 * an optional full stop ("Sept." too); 0 when it names none.
 */
export function monthNumber(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  if (w === 'sept') return 9;
  const k = lower.findIndex((m) => m.startsWith(w));
  return k + 1;
}
