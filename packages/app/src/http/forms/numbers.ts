/**
 * Whole numbers sent back by forms and API clients, checked against the range of the column that
 * stores them (PostgreSQL `integer`), so an absurd value is a 400 naming the field, never a
 * database error.
 */
import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` column. */
export const MAX_INTEGER = 2_147_483_647;

/**
 * The `version` an edit is based on (optimistic locking): a whole number from 1 to the largest
 * `integer`. Forms send it as text, the API as a number; both are read the same way.
 */
export function versionRule(missing = 'The version the change is based on is missing: reload the page') {
  const range = `Version must be a whole number from 1 to ${MAX_INTEGER.toLocaleString('en-GB')} (the version you read)`;
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v === '' ? undefined : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? missing : range) })
      .int({ error: range })
      .min(1, { error: range })
      .max(MAX_INTEGER, { error: range }),
  );
}
