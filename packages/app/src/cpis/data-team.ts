/**
 * The LA's CP-IS data team: the report of children in scope without a verified NHS number (with
 * why, and a link to fix each), and the verification itself (the data team, or a health partner
 * involved with the child, confirms the record's NHS number; who and when are kept). Read and
 * written through the caller-bound repository, audited.
 */
import { z } from 'zod';
import { roleTable } from '../access/capabilities.ts';
import { ValidationError } from '../http/errors.ts';
import { safeParseInput } from '../http/forms/issues.ts';
import { nhsNumber } from '../people/person-input.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { matchedShare, scopeRows, type ScopeRow } from './gaps.ts';
import './tables.ts';

export interface GapReport {
  rows: (ScopeRow & { name: string; keyName: string | null; restricted: boolean })[];
  total: number;
  matched: number;
  /** Share matched, 0 to 1: CP-IS go-live needs 0.95. */
  share: number;
}

/**
 * Every child in scope with the state of the NHS number that keys their flag. Refused (not found)
 * unless the caller may see the LA's data quality; one audit event names the children read.
 * @throws NotFoundError
 */
export async function nhsNumberReport(records: PersonRecords): Promise<GapReport> {
  return records.readForReturn('cpis nhs-number gaps', async (tx) => {
    const rows = await scopeRows(tx);
    const ids = [
      ...new Set(rows.flatMap((r) => [r.personId, ...(r.keyPersonId === null ? [] : [r.keyPersonId])])),
    ];
    const people =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('people')
            .select(['id', 'given_name', 'family_name', 'is_restricted'])
            .where('id', 'in', ids)
            .execute();
    const byId = new Map(people.map((p) => [p.id, p]));
    const nameOf = (id: string | null) => {
      const p = id === null ? undefined : byId.get(id);
      if (p === undefined) return null;
      return p.is_restricted ? 'Restricted record' : `${p.given_name} ${p.family_name}`;
    };
    const out = rows.map((r) => ({
      ...r,
      name: nameOf(r.personId) ?? 'Unknown',
      keyName: r.keyPersonId === r.personId ? null : nameOf(r.keyPersonId),
      restricted: byId.get(r.personId)?.is_restricted ?? false,
    }));
    return {
      value: {
        rows: out,
        total: out.length,
        matched: out.filter((r) => r.gap === null).length,
        share: matchedShare(out),
      },
      children: [...new Set(rows.map((r) => r.personId))],
    };
  });
}

export const verifyInput = z.object({
  nhsNumber,
  note: z.string().trim().max(500, 'Note must be 500 characters or fewer').optional(),
});

/** The person whose NHS number is to be confirmed, for the form. @throws NotFoundError */
export async function openForVerification(records: PersonRecords, personId: string) {
  return records.withRecord(personId, 'verify_nhs_number', 'record.view', async (tx, opened) => {
    const last = await tx
      .selectFrom('cpis_nhs_verifications as v')
      .innerJoin('users as u', 'u.id', 'v.verified_by')
      .select(['v.nhs_number', 'v.verified_at', 'u.name', 'v.source'])
      .where('v.person_id', '=', personId)
      .orderBy('v.verified_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { person: opened.person, last: last ?? null };
  });
}

/**
 * Records that the caller confirmed `personId`'s NHS number (against the NHS's own records). The
 * number confirmed must be the one on the record; a different one is refused with a message, so
 * the record is corrected by its worker first (a number is never verified but not held).
 * @throws ValidationError; NotFoundError when the caller may not verify this record
 */
export async function verifyNhsNumber(
  records: PersonRecords,
  personId: string,
  input: unknown,
): Promise<{ nhsNumber: string }> {
  const parsed = safeParseInput(verifyInput, input);
  const result = await records.withRecord(
    personId,
    'verify_nhs_number',
    'record.update',
    async (tx, opened, ctx) => {
      if (!parsed.ok) return { errors: parsed.errors, nhsNumber: undefined };
      const { nhsNumber, note } = parsed.data;
      if (opened.person.nhs_number !== nhsNumber)
        return {
          nhsNumber: undefined,
          errors: [
            {
              field: 'nhsNumber',
              message:
                opened.person.nhs_number === null
                  ? 'The record has no NHS number: ask the allocated worker to add it, then confirm it'
                  : 'This is not the NHS number on the record: ask the allocated worker to correct it, then confirm it',
            },
          ],
        };
      const partner = ctx.actor.roles.some((r) => roleTable[r].staff === 'partner');
      await tx
        .insertInto('cpis_nhs_verifications')
        .values({
          la_code: ctx.actor.laCode,
          person_id: personId,
          nhs_number: nhsNumber,
          source: partner ? 'health_partner' : 'data_team',
          verified_by: ctx.actor.userId,
          note: note ?? null,
        })
        .execute();
      await records.audit(tx, 'record.update', 'success', personId, 'cpis nhs number verified');
      return { nhsNumber };
    },
    { auditSuccess: false },
  );
  if (result.nhsNumber === undefined) throw new ValidationError(result.errors ?? []);
  return { nhsNumber: result.nhsNumber };
}
