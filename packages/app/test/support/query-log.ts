/**
 * Counts what the app sends to the database while `work` runs: every statement through
 * node-postgres's `Client.query` (both engines: PGlite is reached through the same client), so a
 * test can say how many transactions (`begin`) a request opened.
 */
import pg from 'pg';

/** Runs `work` and returns its result with the statements sent meanwhile, lower-cased. */
export async function logQueries<T>(work: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const statements: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : (q as { text?: unknown } | null)?.text;
    if (typeof text === 'string') statements.push(text.trim().toLowerCase());
    return original.apply(this, args);
  };
  try {
    return { value: await work(), statements };
  } finally {
    proto.query = original;
  }
}

/** How many transactions the statements opened. */
export const transactionsIn = (statements: readonly string[]) =>
  statements.filter((s) => s === 'begin').length;
