/**
 * Verifies each tenant's audit hash chain: events numbered 1..n without gaps, each one's
 * `prev_hash` equal to the previous event's hash, each hash equal to the hash recomputed from its
 * fields, and the chain head agreeing with the last event. Any altered, removed or reordered event
 * breaks one of these, and the first break is named.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { auditEventHash, GENESIS_HASH } from './canonical.ts';

export interface ChainBreak {
  laCode: string;
  seq: number;
  eventId: string | null;
  problem: string;
}

export interface VerifyResult {
  tenants: number;
  events: number;
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
  let events = 0;
  for (const laCode of [...tenants].sort()) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    for (;;) {
      const page = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('la_code', '=', laCode)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const e of page) {
        const seq = e.seq;
        const at = (problem: string): VerifyResult => ({
          tenants: tenants.size,
          events,
          firstBreak: { laCode, seq, eventId: e.id, problem },
        });
        if (seq !== expectedSeq)
          return {
            tenants: tenants.size,
            events,
            firstBreak: {
              laCode,
              seq: expectedSeq,
              eventId: null,
              problem: `event ${expectedSeq} is missing (next is ${seq})`,
            },
          };
        if (e.prev_hash !== prevHash)
          return at('its previous-hash does not match the event before it (removed or reordered)');
        const recomputed = auditEventHash(e.prev_hash, { ...e, seq, occurred_at: new Date(e.occurred_at) });
        if (recomputed !== e.hash) return at('its contents do not match its hash (altered)');
        prevHash = e.hash;
        lastSeq = seq;
        expectedSeq += 1;
        events += 1;
      }
      onProgress?.(events);
      if (page.length < PAGE) break;
    }
    const head = heads.find((h) => h.la_code === laCode);
    if (head === undefined) {
      return {
        tenants: tenants.size,
        events,
        firstBreak: { laCode, seq: lastSeq, eventId: null, problem: 'the chain head is missing' },
      };
    }
    if (head.seq !== lastSeq || head.hash !== prevHash) {
      return {
        tenants: tenants.size,
        events,
        firstBreak: {
          laCode,
          seq: lastSeq + 1,
          eventId: null,
          problem: `the chain head says ${head.seq} events but ${lastSeq} remain (events removed from the end)`,
        },
      };
    }
  }
  return { tenants: tenants.size, events, firstBreak: null };
}
