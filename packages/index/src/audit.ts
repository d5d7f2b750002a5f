/**
 * The index's hash-chained audit. Each caller organisation has its main chain (`chain` = '': its
 * look-ups, and withdrawals in the publisher's), and may have named chains beside it: CP-IS checks
 * go in one chain per clinician (`cpisCheckChain`), so fifty clinicians of one trust checking at
 * once never wait on one row lock. Every entry is hashed with the previous entry of its chain, and
 * a named chain's entries hash the chain's name too; `verifyAudit` recomputes every chain of an
 * organisation and checks each against its head (so a chain cut short, or removed, is found).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@waypoint/pprl';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { IndexSchema } from './db.ts';

const GENESIS = '0'.repeat(64);
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The organisation's main chain. */
export const MAIN_CHAIN = '';

/** The chain a clinician's CP-IS checks are recorded in (one per user of the caller organisation). */
export const cpisCheckChain = (userId: string) => `cpis-checks:${userId}`;

/** What an entry's hash covers: the main chain's form is the one of before named chains. */
function entryBody(organisationId: string, chain: string, seq: string, kind: string, entry: unknown): string {
  return chain === MAIN_CHAIN
    ? canonicalJson({ organisationId, seq, kind, entry })
    : canonicalJson({ organisationId, chain, seq, kind, entry });
}

/**
 * Appends an entry to one of an organisation's chains, in the caller's transaction (so the entry
 * commits or rolls back with what it records). Two statements: the head is created or locked and
 * read in one; the entry is inserted and the head moved on in the other. The row lock on that
 * chain's head is held to commit.
 */
export async function appendAudit(
  trx: Transaction<IndexSchema>,
  organisationId: string,
  kind: string,
  entry: Record<string, unknown>,
  chain: string = MAIN_CHAIN,
): Promise<void> {
  const { rows } = await sql<{ seq: string | number; hash: string }>`
    insert into audit_heads (organisation_id, chain, seq, hash)
      values (${organisationId}, ${chain}, 0, ${GENESIS})
      on conflict (organisation_id, chain) do update set seq = audit_heads.seq
      returning seq, hash`.execute(trx);
  const head = rows[0];
  if (head === undefined) throw new Error(`audit head of ${organisationId} could not be locked`);
  const seq = String(Number(head.seq) + 1);
  const hash = sha256(head.hash + entryBody(organisationId, chain, seq, kind, entry));
  await sql`
    with appended as (
      insert into audit (organisation_id, chain, seq, kind, entry, prev_hash, hash)
        values (${organisationId}, ${chain}, ${seq}, ${kind}, ${JSON.stringify(entry)}::jsonb, ${head.hash}, ${hash})
    )
    update audit_heads set seq = ${seq}, hash = ${hash}
      where organisation_id = ${organisationId} and chain = ${chain}`.execute(trx);
}

/**
 * Recomputes every chain of an organisation (its main chain and its named ones) and checks each
 * ends at its head. @returns the entries checked. @throws Error at the first break
 */
export async function verifyAudit(db: Kysely<IndexSchema>, organisationId: string): Promise<number> {
  const rows = await db
    .selectFrom('audit')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('chain')
    .orderBy(sql`seq::bigint`)
    .execute();
  const heads = await db
    .selectFrom('audit_heads')
    .select(['chain', 'seq', 'hash'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const ends = new Map<string, { seq: string; hash: string }>();
  const name = (chain: string) => (chain === MAIN_CHAIN ? organisationId : `${organisationId} (${chain})`);
  for (const r of rows) {
    const prev = ends.get(r.chain) ?? { seq: '0', hash: GENESIS };
    const seq = String(r.seq);
    const body = entryBody(organisationId, r.chain, seq, r.kind, r.entry);
    if (
      seq !== String(Number(prev.seq) + 1) ||
      r.prev_hash !== prev.hash ||
      sha256(prev.hash + body) !== r.hash
    )
      throw new Error(`audit chain of ${name(r.chain)} broken at entry ${seq}`);
    ends.set(r.chain, { seq, hash: r.hash });
  }
  for (const h of heads) {
    const end = ends.get(h.chain) ?? { seq: '0', hash: GENESIS };
    if (String(h.seq) !== end.seq || h.hash !== end.hash)
      throw new Error(
        `audit chain of ${name(h.chain)} broken: its head is entry ${String(h.seq)}, its last entry ${end.seq}`,
      );
    ends.delete(h.chain);
  }
  const headless = [...ends.keys()][0];
  if (headless !== undefined) throw new Error(`audit chain of ${name(headless)} broken: it has no head`);
  return rows.length;
}
