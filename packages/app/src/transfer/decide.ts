/**
 * The receiving LA decides on an incoming transfer: accept (the child's record is created here, or
 * matched by the people duplicate check to one already here, with the package kept as the
 * record's imported history) or decline with a reason. The sending LA may withdraw a transfer
 * not yet decided. Each in one tenant transaction that locks the transfer row first, so of two
 * decisions at once the second finds it decided and is refused cleanly.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import type { Schema } from '../db/schema.ts';
import type { Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { today } from '../http/forms/dates.ts';
import { parseInput, safeParseInput } from '../http/forms/issues.ts';
import { text } from '../journey/fields.ts';
import { allocateTo } from '../people/allocation.ts';
import { duplicateCandidates, lockCandidateKeys, type DuplicateCandidate } from '../people/duplicates.ts';
import { addressInput, insertAddress, insertPerson, personInput } from '../people/person-input.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { closeTransferOut } from './close-out.ts';
import type { TransferPackage } from './package.ts';
import { transferInConferenceDue } from './working-days.ts';

const statusWords = { accepted: 'accepted', declined: 'declined', withdrawn: 'withdrawn' } as const;

export const acceptInput = z
  .object({
    /** 'new' to create the record; a duplicate candidate's id to match it; absent to be shown the candidates. */
    match: z.string().trim().max(100).optional(),
  })
  .strict();
export const declineInput = z
  .object({ reason: text('why your local authority declines the transfer', 2_000) })
  .strict();

export type AcceptResult =
  | { accepted: true; personId: string; matched: boolean; conferenceDue: string | null }
  | { accepted: false; candidates: DuplicateCandidate[] };

/** The transfer, locked, when it is `side`'s of the caller's LA; otherwise not found. */
async function lockTransfer(tx: Tx, id: string, laCode: string, side: 'incoming' | 'outgoing') {
  const key = canonicalUuid(id);
  if (key === null) return undefined;
  return tx
    .selectFrom('transfers')
    .selectAll()
    .where('id', '=', key)
    .where(side === 'incoming' ? 'receiving_la_code' : 'la_code', '=', laCode)
    .forUpdate()
    .executeTakeFirst();
}

function refuseDecided(status: string): void {
  if (status !== 'requested')
    throw new ConflictError(
      `This transfer has already been ${statusWords[status as keyof typeof statusWords] ?? status}`,
    );
}

/** The package's child as the people schema's input (the receiving LA's own rules apply to it). */
function childInput(pkg: TransferPackage) {
  const c = pkg.child;
  const person = safeParseInput(personInput, {
    kind: c.kind,
    givenName: c.givenName,
    familyName: c.familyName,
    ...(c.dateOfBirth !== null ? { dateOfBirth: c.dateOfBirth } : {}),
    ...(c.expectedDateOfBirth !== null ? { expectedDateOfBirth: c.expectedDateOfBirth } : {}),
    ...(c.sex !== null ? { sex: c.sex } : {}),
    ...(c.nhsNumber !== null ? { nhsNumber: c.nhsNumber } : {}),
    ...(c.upn !== null ? { upn: c.upn } : {}),
    ...(c.ethnicity !== null ? { ethnicity: c.ethnicity } : {}),
    disabilities: c.disabilities,
    ...(c.firstLanguage !== null ? { firstLanguage: c.firstLanguage } : {}),
    ...(c.interpreterNeeded !== null ? { interpreterNeeded: c.interpreterNeeded ? 'yes' : 'no' } : {}),
  });
  if (!person.ok) throw new ValidationError(person.errors);
  const a = pkg.address;
  const address =
    a === null
      ? undefined
      : safeParseInput(addressInput, {
          line1: a.line1,
          ...(a.line2 !== null ? { line2: a.line2 } : {}),
          ...(a.town !== null ? { town: a.town } : {}),
          postcode: a.postcode,
          startedOn: a.startedOn,
        });
  return { person: person.data, address: address?.ok === true ? address.data : undefined };
}

/**
 * Accepts incoming transfer `id`. Without `match`, when the duplicate check finds people who may be
 * this child, answers them (nothing written); with `match: 'new'` the record is created, with a
 * candidate's id the child is matched to them. Then, in a second transaction, the sending LA's side
 * closes (`closeTransferOut`).
 * @throws NotFoundError for a transfer not to the caller's LA; ConflictError when already decided;
 * AppError forbidden without `receive_transfers` or a team; ValidationError for a match that is not a candidate
 */
export async function acceptTransfer(
  db: Kysely<Schema>,
  records: PersonRecords,
  id: string,
  input: unknown,
): Promise<AcceptResult> {
  const actor = records.actor;
  if (!can(actor.roles, 'receive_transfers'))
    throw new AppError('forbidden', 'You cannot accept transfers from other local authorities');
  const i = parseInput(acceptInput, input);
  const result = await records.transaction(async (tx, ctx) => {
    if (!ctx.worksForLa)
      throw new AppError('forbidden', 'You cannot accept transfers for this local authority');
    const teamId = actor.teamIds[0];
    if (teamId === undefined)
      throw new AppError('forbidden', 'You need to be in a team to accept a transfer');
    const t = await lockTransfer(tx, id, actor.laCode, 'incoming');
    if (t === undefined) return { found: false as const };
    refuseDecided(t.status);
    const pkg = t.package as TransferPackage;
    const { person, address } = childInput(pkg);
    await lockCandidateKeys(tx, actor.laCode, person);
    const candidates = await duplicateCandidates(tx, ctx, person, address);
    await records.audit(
      tx,
      'record.search',
      'success',
      null,
      `transfer ${t.id} duplicate check; candidates=${candidates.length}`,
    );
    if (i.match === undefined && candidates.length > 0)
      return { found: true as const, value: { accepted: false as const, candidates }, sender: null };
    let personId: string;
    const w = { tx, laCode: actor.laCode, userId: actor.userId };
    const matched = i.match !== undefined && i.match !== 'new';
    if (matched) {
      const candidate = candidates.find((c) => c.id === canonicalUuid(i.match ?? ''));
      if (candidate === undefined)
        throw new ValidationError([
          { field: 'match', message: 'Select a record from the list, or create a new one' },
        ]);
      personId = candidate.id;
    } else {
      personId = await insertPerson(w, person);
      if (address !== undefined) await insertAddress(w, personId, address);
    }
    const allocated = await tx
      .selectFrom('allocations')
      .select('id')
      .where('person_id', '=', personId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (allocated === undefined)
      await allocateTo(w, personId, {
        teamId,
        workerUserId: actor.userId,
        reason: `Transferred in from ${pkg.from.name} by ${actor.name}`,
      });
    const on = today();
    const episode = await tx
      .selectFrom('cin_episodes')
      .select('id')
      .where('person_id', '=', personId)
      .where('closed_on', 'is', null)
      .executeTakeFirst();
    if (episode === undefined)
      await tx
        .insertInto('cin_episodes')
        .values({
          la_code: actor.laCode,
          person_id: personId,
          referral_on: on,
          source: '5C',
          reason: `Transfer in from ${pkg.from.name}: ${t.reason}`,
          recorded_by: actor.userId,
        })
        .execute();
    const onPlan = pkg.plans.some((p) => p.kind === 'cp');
    const conferenceDue = onPlan ? transferInConferenceDue(on) : null;
    if (conferenceDue !== null)
      await tx
        .insertInto('timescales')
        .values({
          la_code: actor.laCode,
          person_id: personId,
          subject: `Transfer-in child protection conference (from ${pkg.from.name})`,
          due_on: conferenceDue,
          reason:
            'The child moved here on a child protection plan: a transfer-in conference within 15 working days of notification (Working Together 2023)',
          set_by: actor.userId,
        })
        .execute();
    await tx
      .updateTable('transfers')
      .set({
        status: 'accepted',
        decided_by: actor.userId,
        decided_at: new Date(),
        received_person_id: personId,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', t.id)
      .execute();
    await records.audit(
      tx,
      'transfer.accept',
      'success',
      personId,
      `transfer ${t.id} from ${t.la_code}; ${matched ? 'matched to existing record' : 'record created'}`,
    );
    return {
      found: true as const,
      value: { accepted: true as const, personId, matched, conferenceDue },
      sender: { laCode: t.la_code, id: t.id },
    };
  });
  if (!result.found) throw new NotFoundError(`no incoming transfer ${id} for ${actor.laCode}`);
  if (result.sender !== null)
    await closeTransferOut(db, actor, records.meta, result.sender.laCode, result.sender.id);
  return result.value;
}

/**
 * Declines incoming transfer `id` with a reason; the sending LA's record is untouched.
 * @throws NotFoundError, ConflictError, AppError forbidden, ValidationError (as `acceptTransfer`)
 */
export async function declineTransfer(records: PersonRecords, id: string, input: unknown): Promise<void> {
  const actor = records.actor;
  if (!can(actor.roles, 'receive_transfers'))
    throw new AppError('forbidden', 'You cannot decline transfers from other local authorities');
  const i = parseInput(declineInput, input);
  const found = await records.transaction(async (tx, ctx) => {
    if (!ctx.worksForLa)
      throw new AppError('forbidden', 'You cannot decline transfers for this local authority');
    const t = await lockTransfer(tx, id, actor.laCode, 'incoming');
    if (t === undefined) return false;
    refuseDecided(t.status);
    await tx
      .updateTable('transfers')
      .set({
        status: 'declined',
        decided_by: actor.userId,
        decided_at: new Date(),
        decline_reason: i.reason,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', t.id)
      .execute();
    await records.audit(tx, 'transfer.decline', 'success', null, `transfer ${t.id} from ${t.la_code}`);
    return true;
  });
  if (!found) throw new NotFoundError(`no incoming transfer ${id} for ${actor.laCode}`);
}

/**
 * The sending LA withdraws transfer `id` before the receiving LA decides.
 * @throws NotFoundError, ConflictError, AppError forbidden without `transfer_children`
 */
export async function withdrawTransfer(records: PersonRecords, id: string): Promise<void> {
  const actor = records.actor;
  if (!can(actor.roles, 'transfer_children'))
    throw new AppError('forbidden', 'You cannot withdraw transfers to another local authority');
  const found = await records.transaction(async (tx) => {
    const t = await lockTransfer(tx, id, actor.laCode, 'outgoing');
    if (t === undefined) return false;
    refuseDecided(t.status);
    await tx
      .updateTable('transfers')
      .set({
        status: 'withdrawn',
        decided_by: actor.userId,
        decided_at: new Date(),
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', t.id)
      .execute();
    await records.audit(
      tx,
      'transfer.withdraw',
      'success',
      t.person_id,
      `transfer ${t.id} to ${t.receiving_la_code}`,
    );
    return true;
  });
  if (!found) throw new NotFoundError(`no outgoing transfer ${id} for ${actor.laCode}`);
}
