/**
 * Enqueuing a job: one insert in the caller's tenant transaction, so the job exists exactly when
 * the work it follows was committed (a rolled-back transaction enqueues nothing).
 */
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { jobDefinition } from './registry.ts';

export interface EnqueueOptions {
  /**
   * Ordering key: jobs with the same key in the same LA run one at a time, in the order they were
   * enqueued, each only after the one before it finished (an end never overtakes its start).
   */
  key?: string;
  /** Not before this time (default: as soon as the transaction commits). */
  runAt?: Date;
  /** The same key enqueues one job (per LA and job name), however often it is sent. */
  idempotencyKey?: string;
  /** Overrides the job's registered maximum attempts. */
  maxAttempts?: number;
}

/**
 * Enqueues `name` with `payload` (validated by the job's schema) in `tx`, which must be a tenant
 * transaction (`inTenant`): the job carries that LA's code and runs under it. Answers the job's id
 * (the existing job's, when the idempotency key was used before).
 * @throws Error for an unknown job, a payload its schema refuses, or a transaction with no tenant
 * @example
 * await inTenant(db, 'E09', async (tx) => {
 *   const grant = await insertGrant(tx);
 *   await enqueue(tx, 'break-glass.notify', { grantId: grant.id }, { key: grant.personId });
 * });
 */
export async function enqueue(
  tx: Tx,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<string> {
  const definition = jobDefinition(name);
  if (definition === undefined) throw new Error(`enqueue: no job is registered as "${name}"`);
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.code}`).join('; ');
    throw new Error(`enqueue: the payload of "${name}" does not fit its schema (${where})`);
  }
  // The tenant, and with a key its lock, in one statement: the lock serialises enqueues of one key
  // until commit, so enqueue order (seq) is commit order. (Taken before the tenant is checked: a
  // transaction with no tenant fails below, releasing it.)
  const key = options.key;
  const { rows } = await (
    key === undefined
      ? sql<{ la: string | null }>`select current_setting('waypoint.la_code', true) as la`
      : sql<{ la: string | null }>`select current_setting('waypoint.la_code', true) as la,
        pg_advisory_xact_lock(hashtextextended('waypoint.jobs:' || coalesce(current_setting('waypoint.la_code', true), '') || ':' || ${key}::text, 0))::text as locked`
  ).execute(tx);
  const laCode = rows[0]?.la ?? '';
  if (laCode === '')
    throw new Error('enqueue: needs a tenant transaction (inTenant), so the job carries its LA');
  const inserted = await tx
    .insertInto('jobs')
    .values({
      la_code: laCode,
      name,
      payload: JSON.stringify(parsed.data ?? {}),
      ordering_key: options.key ?? null,
      idempotency_key: options.idempotencyKey ?? null,
      run_at: options.runAt ?? sql<Date>`now()`,
      max_attempts: options.maxAttempts ?? definition.maxAttempts,
    })
    .onConflict((oc) =>
      oc.columns(['la_code', 'name', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined) return inserted.id;
  const existing = await tx
    .selectFrom('jobs')
    .select('id')
    .where('la_code', '=', laCode)
    .where('name', '=', name)
    .where('idempotency_key', '=', options.idempotencyKey ?? '')
    .executeTakeFirstOrThrow();
  return existing.id;
}
