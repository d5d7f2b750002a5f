/**
 * The check that keeps children's details out of "What got in the way?" reports: the text is read
 * by `@waypoint/redaction`'s detectors; an NHS number is refused outright, and any person's name
 * it finds is refused when it is the name of a child in the LA (given and family name, or a
 * as well as any two words of the text that are a child's given and family names, in case the
 * detector missed a name written in lower case). One message for every refusal, so it never says
 * which child is on the record.
 */
import { detect } from '@waypoint/redaction';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';

export const CHILD_DETAILS_MESSAGE =
  'Remove the child’s details: a report must not include an NHS number or a child’s name';

/** Why the text cannot be saved, or null when it can. Runs in the caller's tenant transaction. */
export async function childDetailsProblem(tx: Tx, text: string): Promise<string | null> {
  const { spans } = detect(text);
  if (spans.some((s) => s.type === 'NHS_NUMBER')) return CHILD_DETAILS_MESSAGE;
  if (/\b\d{3}\s?\d{3}\s?\d{4}\b/.test(text)) return CHILD_DETAILS_MESSAGE;
  const words = [
    ...new Set(
      spans
        .filter((s) => s.type === 'PERSON')
        .flatMap((s) => s.text.toLowerCase().split(/[^a-z'-]+/))
        .concat(
          text
            .toLowerCase()
            .split(/[^a-z'-]+/)
            .slice(0, 300),
        )
        .filter((w) => w.length > 1),
    ),
  ];
  if (words.length < 1) return null;
  // Any child of the LA whose given and family names both appear among the names found.
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from people
    where kind in ('child', 'unborn') and la_code = current_setting('waypoint.la_code', true)
      and lower(given_name) = any(${words}) and lower(family_name) = any(${words})`.execute(tx);
  return (rows[0]?.n ?? 0) > 0 ? CHILD_DETAILS_MESSAGE : null;
}
