/**
 * Creating a person: validate, check for possible duplicates in the caller's LA (unless the caller
 * has confirmed none of them is this person), then write the person, their first address and the
 * allocation that gives the creator access, and audit it, in one tenant transaction.
 *
 * A front door officer's new child is not allocated: the contact they record next puts the child
 * in screening, which gives them access. Anyone else allocates the new person to themselves and
 * their team.
 */
import { can } from '../access/capabilities.ts';
import type { Role } from '../access/roles.ts';
import { AppError, ValidationError } from '../http/errors.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { allocateTo } from './allocation.ts';
import { duplicateCandidates, lockCandidateKeys, type DuplicateCandidate } from './duplicates.ts';
import {
  addressInput,
  insertAddress,
  insertPerson,
  personInput,
  type AddressInput,
  type PersonInput,
} from './person-input.ts';

export type CreateResult =
  | { created: true; id: string; kind: PersonInput['kind']; next: string }
  | { created: false; candidates: DuplicateCandidate[] };

/** Parses person and optional address input together, naming every bad field. @throws ValidationError */
export function parsePersonAndAddress(
  person: unknown,
  address: unknown,
): { person: PersonInput; address: AddressInput | undefined } {
  const p = safeParseInput(personInput, person);
  const a = address === undefined ? undefined : safeParseInput(addressInput, address);
  const errors = [...(p.ok ? [] : p.errors), ...(a === undefined || a.ok ? [] : a.errors)];
  if (!p.ok || (a !== undefined && !a.ok)) throw new ValidationError(errors);
  return { person: p.data, address: a?.data };
}

/** A front door officer with no other role that creates people: their new child is screened, not allocated. */
const isFrontDoorOnly = (roles: readonly Role[]) =>
  roles.includes('front_door') &&
  !can(
    roles.filter((r) => r !== 'front_door'),
    'create_people',
  );

/**
 * @throws ValidationError naming each bad field; AppError forbidden when the caller's roles may not create people
 * @example const r = await createPerson(records, { person, address, confirmNoDuplicate: false });
 */
export async function createPerson(
  records: PersonRecords,
  input: { person: unknown; address?: unknown; confirmNoDuplicate: boolean },
): Promise<CreateResult> {
  const { person, address } = parsePersonAndAddress(input.person, input.address);
  return records.transaction(async (tx, ctx) => {
    const { actor } = ctx;
    if (!can(actor.roles, 'create_people') || !ctx.worksForLa)
      throw new AppError('forbidden', 'You cannot add people to the record');
    const frontDoor = isFrontDoorOnly(actor.roles);
    if (frontDoor && person.kind === 'adult')
      throw new ValidationError([
        { field: 'kind', message: 'Add an adult from the family page of their child' },
      ]);
    const teamId = actor.teamIds[0];
    if (!frontDoor && teamId === undefined)
      throw new AppError('forbidden', 'You need to be in a team to add people to the record');
    if (!input.confirmNoDuplicate) {
      // Until commit, a concurrent create of the same person waits here, then finds this one.
      await lockCandidateKeys(tx, actor.laCode, person);
      const candidates = await duplicateCandidates(tx, ctx, person, address);
      await records.audit(
        tx,
        'record.search',
        'success',
        null,
        `duplicate check; candidates=${candidates.length}`,
      );
      if (candidates.length > 0) return { created: false as const, candidates };
    }
    const w = { tx, laCode: actor.laCode, userId: actor.userId };
    const id = await insertPerson(w, person);
    if (address !== undefined) await insertAddress(w, id, address);
    if (!frontDoor && teamId !== undefined)
      await allocateTo(w, id, {
        teamId,
        workerUserId: actor.userId,
        reason: `Added to the record by ${actor.name}`,
      });
    await records.audit(
      tx,
      'record.create',
      'success',
      id,
      input.confirmNoDuplicate ? 'person created; duplicates considered' : 'person created',
    );
    const next = frontDoor ? `/children/${id}/record/contact` : `/children/${id}`;
    return { created: true as const, id, kind: person.kind, next };
  });
}
