/**
 * Verifies each tenant's audit hash chain: events numbered 1..n without gaps, each one's
 * `prev_hash` equal to the previous event's hash, each hash equal to the hash recomputed from its
 * fields, and the chain head agreeing with the last event. Any altered, removed or reordered event
 * breaks one of these. Every break is named, not only the first: after a break the check carries
 * on from the stored row, so a harmless-looking early break cannot hide later tampering.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { auditEventHash, GENESIS_HASH, payloadState } from './canonical.ts';

export interface ChainBreak {
  laCode: string;
  seq: number;
  eventId: string | null;
  problem: string;
}

export interface VerifyResult {
  tenants: number;
  events: number;
  /** Events whose personal fields disposal erased (their digest still in the chain). */
  erased: number;
  /** Every break found, in tenant and sequence order. */
  breaks: ChainBreak[];
  /** The first of `breaks`, or null when every chain is intact. */
  firstBreak: ChainBreak | null;
}

const PAGE = 5000;

/** Reads the whole audit in pages (as the database owner: run it from the `waypoint` command). */
export async function verifyAuditChain(
  db: Kysely<Schema>,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  const heads = await db.selectFrom('audit_chain_heads').selectAll().orderBy('la_code').execute();
  const tenants = new Set([
    ...heads.map((h) => h.la_code),
    ...(await db.selectFrom('audit_events').select('la_code').distinct().execute()).map((r) => r.la_code),
  ]);
  const breaks: ChainBreak[] = [];
  let events = 0;
  let erased = 0;
  for (const laCode of [...tenants].sort()) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let after = 0;
    for (;;) {
      const page = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('la_code', '=', laCode)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const e of page) {
        const seq = e.seq;
        let gap = false;
        if (seq !== expectedSeq) {
          gap = true;
          breaks.push({
            laCode,
            seq: expectedSeq,
            eventId: null,
            problem:
              seq === expectedSeq + 1
                ? `event ${expectedSeq} is missing (next is ${seq})`
                : `events ${expectedSeq} to ${seq - 1} are missing (next is ${seq})`,
          });
        }
        // After a gap the link cannot match: the missing events explain it.
        if (!gap && e.prev_hash !== prevHash)
          breaks.push({
            laCode,
            seq,
            eventId: e.id,
            problem: 'its previous-hash does not match the event before it (removed or reordered)',
          });
        const fields = { ...e, seq, occurred_at: new Date(e.occurred_at) };
        const recomputed = auditEventHash(e.prev_hash, fields);
        // Version 2: the personal fields must match their digest, unless disposal erased them.
        const payload = payloadState(fields);
        if (payload === 'erased') erased += 1;
        if (recomputed !== e.hash || payload === 'altered')
          breaks.push({
            laCode,
            seq,
            eventId: e.id,
            problem: 'its contents do not match its hash (altered)',
          });
        // Carry on from the stored row, so each later break is found on its own.
        prevHash = e.hash;
        lastSeq = seq;
        after = seq;
        expectedSeq = seq + 1;
        events += 1;
      }
      onProgress?.(events);
      if (page.length < PAGE) break;
    }
    const head = heads.find((h) => h.la_code === laCode);
    if (head === undefined) {
      breaks.push({ laCode, seq: lastSeq, eventId: null, problem: 'the chain head is missing' });
    } else if (head.seq !== lastSeq || head.hash !== prevHash) {
      breaks.push({
        laCode,
        seq: lastSeq + 1,
        eventId: null,
        problem:
          head.seq > lastSeq
            ? `the chain head says ${head.seq} events but ${lastSeq} remain (events removed from the end)`
            : `the chain head (event ${head.seq}) does not match the last event (${lastSeq})`,
      });
    }
  }
  return { tenants: tenants.size, events, erased, breaks, firstBreak: breaks[0] ?? null };
}
