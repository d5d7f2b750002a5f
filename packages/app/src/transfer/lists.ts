/**
 * Reading transfers: the receiving LA's incoming ones (and one with its package, for the decision),
 * the sending LA's outgoing ones, a child's transfer as their record shows it, and the LAs a
 * child may move to. Each through the caller-bound repository, in the caller's tenant (where the
 * row-level rule shows a transfer to its two LAs only), audited.
 */
import { sql, type Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Schema, TransferStatus } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError } from '../http/errors.ts';
import { duplicateCandidates, type DuplicateCandidate } from '../people/duplicates.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { closeTransferOut } from './close-out.ts';
import type { TransferPackage } from './package.ts';

export interface TransferSummary {
  id: string;
  status: TransferStatus;
  otherLa: { laCode: string; name: string };
  childName: string;
  dateOfBirth: string | null;
  reason: string;
  requestedAt: Date;
  requestedBy: string;
  decidedAt: Date | null;
  declineReason: string | null;
  /** The sending LA's record (outgoing) or the receiving LA's (incoming, once accepted). */
  personId: string | null;
}

function baseQuery(tx: Tx, side: 'incoming' | 'outgoing', laCode: string) {
  return tx
    .selectFrom('transfers as t')
    .innerJoin(
      'local_authorities as la',
      'la.la_code',
      side === 'incoming' ? 't.la_code' : 't.receiving_la_code',
    )
    .innerJoin('users as u', 'u.id', 't.requested_by')
    .where(side === 'incoming' ? 't.receiving_la_code' : 't.la_code', '=', laCode)
    .select([
      't.id',
      't.status',
      't.la_code',
      't.receiving_la_code',
      'la.name as la_name',
      't.reason',
      't.requested_at',
      'u.name as requested_by_name',
      't.decided_at',
      't.decline_reason',
      't.person_id',
      't.received_person_id',
      't.sender_closed_at',
      sql<string>`t.package->'child'->>'givenName' || ' ' || (t.package->'child'->>'familyName')`.as(
        'child_name',
      ),
      sql<string | null>`t.package->'child'->>'dateOfBirth'`.as('date_of_birth'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const summary = (r: Row, side: 'incoming' | 'outgoing'): TransferSummary => ({
  id: r.id,
  status: r.status,
  otherLa: { laCode: side === 'incoming' ? r.la_code : r.receiving_la_code, name: r.la_name },
  childName: r.child_name,
  dateOfBirth: r.date_of_birth,
  reason: r.reason,
  requestedAt: r.requested_at,
  requestedBy: r.requested_by_name,
  decidedAt: r.decided_at,
  declineReason: r.decline_reason,
  personId: side === 'incoming' ? r.received_person_id : r.person_id,
});

/** Transfers to the caller's LA, waiting first. @throws NotFoundError without `receive_transfers` */
export async function incomingTransfers(records: PersonRecords): Promise<TransferSummary[]> {
  if (!can(records.actor.roles, 'receive_transfers')) throw new NotFoundError('no incoming transfers');
  return records.transaction(async (tx) => {
    const rows = await baseQuery(tx, 'incoming', records.actor.laCode)
      .orderBy(sql`t.status = 'requested'`, 'desc')
      .orderBy('t.requested_at', 'desc')
      .execute();
    await records.audit(tx, 'transfer.view', 'success', null, `incoming transfers; results=${rows.length}`);
    return rows.map((r) => summary(r, 'incoming'));
  });
}

/**
 * Transfers from the caller's LA. Closes the sending side of any accepted one that has not closed yet.
 * @throws NotFoundError without `transfer_children`
 */
export async function outgoingTransfers(
  db: Kysely<Schema>,
  records: PersonRecords,
): Promise<TransferSummary[]> {
  if (!can(records.actor.roles, 'transfer_children')) throw new NotFoundError('no outgoing transfers');
  const la = records.actor.laCode;
  const pending = await records.transaction(async (tx) =>
    tx
      .selectFrom('transfers')
      .select('id')
      .where('la_code', '=', la)
      .where('status', '=', 'accepted')
      .where('sender_closed_at', 'is', null)
      .execute(),
  );
  for (const p of pending) await closeTransferOut(db, records.actor, records.meta, la, p.id);
  return records.transaction(async (tx) => {
    const rows = await baseQuery(tx, 'outgoing', la).orderBy('t.requested_at', 'desc').execute();
    await records.audit(tx, 'transfer.view', 'success', null, `outgoing transfers; results=${rows.length}`);
    return rows.map((r) => summary(r, 'outgoing'));
  });
}

export interface IncomingTransfer {
  transfer: TransferSummary;
  package: TransferPackage;
  packageSha256: string;
  /** People already in the caller's LA who may be this child (while the transfer waits). */
  candidates: DuplicateCandidate[];
}

/** One incoming transfer with its package, audited as a view of it. @throws NotFoundError */
export async function incomingTransfer(records: PersonRecords, id: string): Promise<IncomingTransfer> {
  if (!can(records.actor.roles, 'receive_transfers')) throw new NotFoundError('no incoming transfers');
  const key = canonicalUuid(id);
  if (key === null) throw new NotFoundError(`no transfer ${id}`);
  const found = await records.transaction(async (tx, ctx) => {
    const row = await baseQuery(tx, 'incoming', records.actor.laCode)
      .select(['t.package', 't.package_sha256'])
      .where('t.id', '=', key)
      .executeTakeFirst();
    if (row === undefined) {
      await records.audit(tx, 'transfer.view', 'denied', null, `transfer ${key}`);
      return null;
    }
    const pkg = row.package as TransferPackage;
    let candidates: DuplicateCandidate[] = [];
    if (row.status === 'requested') {
      const c = pkg.child;
      candidates = await duplicateCandidates(
        tx,
        ctx,
        {
          kind: c.kind,
          givenName: c.givenName,
          familyName: c.familyName,
          ...(c.dateOfBirth !== null ? { dateOfBirth: c.dateOfBirth } : {}),
          ...(c.nhsNumber !== null ? { nhsNumber: c.nhsNumber } : {}),
          ...(c.sex !== null ? { sex: c.sex } : {}),
          disabilities: [],
        },
        pkg.address === null
          ? undefined
          : {
              line1: pkg.address.line1,
              postcode: pkg.address.postcode,
              startedOn: pkg.address.startedOn,
              isRestricted: false,
            },
      );
    }
    await records.audit(
      tx,
      'transfer.view',
      'success',
      null,
      `transfer ${key} from ${row.la_code}; package read`,
    );
    return {
      transfer: summary(row, 'incoming'),
      package: pkg,
      packageSha256: row.package_sha256,
      candidates,
    };
  });
  if (found === null) throw new NotFoundError(`no incoming transfer ${id}`);
  return found;
}

/** What a child's record shows of transfers: the one waiting (sending LA), and the package they came with (receiving LA). */
export interface RecordTransfers {
  waiting: TransferSummary | null;
  cameWith: { transfer: TransferSummary; package: TransferPackage } | null;
}

/** Read inside a record the caller has opened (`withRecord`), in its transaction. */
export async function transfersOfRecord(tx: Tx, laCode: string, personId: string): Promise<RecordTransfers> {
  const waiting = await baseQuery(tx, 'outgoing', laCode)
    .where('t.person_id', '=', personId)
    .where('t.status', '=', 'requested')
    .executeTakeFirst();
  const came = await baseQuery(tx, 'incoming', laCode)
    .select('t.package')
    .where('t.received_person_id', '=', personId)
    .where('t.status', '=', 'accepted')
    .orderBy('t.decided_at', 'desc')
    .executeTakeFirst();
  return {
    waiting: waiting === undefined ? null : summary(waiting, 'outgoing'),
    cameWith:
      came === undefined
        ? null
        : { transfer: summary(came, 'incoming'), package: came.package as TransferPackage },
  };
}

/** A child's transfers, for their record's transfer page: opened for `view`, audited. @throws NotFoundError */
export async function recordTransfers(records: PersonRecords, personId: string): Promise<RecordTransfers> {
  return records.withRecord(personId, 'view', 'transfer.view', async (tx, _o, ctx) =>
    transfersOfRecord(tx, ctx.actor.laCode, personId),
  );
}

/** The LAs of this installation a child of `laCode` may move to. */
export async function otherLas(records: PersonRecords): Promise<{ laCode: string; name: string }[]> {
  return records.transaction(async (tx) => {
    const rows = await tx
      .selectFrom('local_authorities')
      .select(['la_code', 'name'])
      .where('la_code', '<>', records.actor.laCode)
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ laCode: r.la_code, name: r.name }));
  });
}

/** The transfer-out form of a record the caller may change: the child, the LAs, the transfer waiting. @throws NotFoundError */
export async function transferOutForm(records: PersonRecords, personId: string) {
  return records.withRecord(personId, 'edit', 'record.view', async (tx, opened, ctx) => {
    const las = await tx
      .selectFrom('local_authorities')
      .select(['la_code', 'name'])
      .where('la_code', '<>', ctx.actor.laCode)
      .orderBy('name')
      .execute();
    const { waiting } = await transfersOfRecord(tx, ctx.actor.laCode, personId);
    return {
      person: { id: opened.person.id, name: `${opened.person.given_name} ${opened.person.family_name}` },
      las: las.map((l) => ({ laCode: l.la_code, name: l.name })),
      waiting,
    };
  });
}
