/**
 * The caller-bound repository for a partner agency's own involvements: the child as the partner
 * recorded them, in the partner's own space. Nothing here reads or grants the council's record:
 * an involvement opens it (within its dates) only once the LA links it (`link.ts`). Every read and
 * write is in the caller's tenant transaction with one audit event; a change enqueues its
 * publication to the index in the same transaction (`publish.ts`).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { AuditAction } from '../audit/actions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { InvolvementsTable, Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { issuesToFieldErrors, parseInput } from '../http/forms/issues.ts';
import {
  concernInput,
  endInput,
  involvementInput,
  type ConcernInput,
  type EndInput,
  type InvolvementInput,
} from './input.ts';
import { enqueuePublish } from './publish.ts';

export type InvolvementRow = Selectable<InvolvementsTable>;

/** The columns a partner's input writes (record and correct alike). */
export function partnerColumns(i: InvolvementInput) {
  return {
    child_given_name: i.givenName,
    child_family_name: i.familyName,
    child_date_of_birth: i.dateOfBirth,
    child_nhs_number: i.nhsNumber ?? null,
    child_postcode: i.postcode ?? null,
    child_sex: i.sex ?? null,
    service: i.service,
    role: i.role,
    contact_name: i.contactName,
    contact_phone: i.contactPhone,
    contact_email: i.contactEmail,
    started_on: i.since,
    ended_on: i.until ?? null,
    reason: i.reason,
    is_shielded: i.shielded === 'yes',
  };
}

export class PartnerInvolvements {
  constructor(
    private readonly db: Kysely<Schema>,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {}

  /** A partner system's client token works for its whole organisation; a person, for what they hold. */
  private get isSystem(): boolean {
    return this.actor.onBehalfOf !== undefined;
  }

  private audit(
    tx: Tx,
    action: AuditAction,
    outcome: 'success' | 'denied',
    id: string | null,
    reason?: string,
  ) {
    return recordAudit(tx, this.actor, this.meta, {
      action,
      outcome,
      recordType: 'involvement',
      recordId: id,
      reason: reason ?? null,
    });
  }

  /** Runs `fn` in the caller's tenant; refuses (audited, not found) a caller without the capability. */
  private async run<T>(action: AuditAction, id: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!can(this.actor.roles, 'record_involvements')) {
      await inTenant(this.db, this.actor.laCode, (tx) => this.audit(tx, action, 'denied', id));
      throw new NotFoundError(`${this.actor.userId} does not record involvements`);
    }
    return inTenant(this.db, this.actor.laCode, fn);
  }

  /** The involvement if the caller holds it (a system: its organisation's), locked for a change. */
  private async held(tx: Tx, id: string, forUpdate: boolean): Promise<InvolvementRow | null> {
    const canonical = canonicalUuid(id);
    if (canonical === null) return null;
    let q = tx
      .selectFrom('involvements')
      .selectAll()
      .where('id', '=', canonical)
      .where('la_code', '=', this.actor.laCode)
      .where('organisation_id', '=', this.actor.organisationId)
      .where('source', '=', 'partner')
      .where('erased_at', 'is', null);
    if (!this.isSystem) q = q.where('user_id', '=', this.actor.userId);
    if (forUpdate) q = q.forUpdate();
    return (await q.executeTakeFirst()) ?? null;
  }

  /** Loads a held involvement or audits the refusal (committed) and throws not found. */
  private async heldOrDenied<T>(
    id: string,
    action: AuditAction,
    forUpdate: boolean,
    work: (tx: Tx, row: InvolvementRow) => Promise<T>,
  ): Promise<T> {
    const r = await this.run(action, id, async (tx) => {
      const row = await this.held(tx, id, forUpdate);
      if (row === null) {
        await this.audit(tx, action, 'denied', id);
        return { denied: true as const };
      }
      return { denied: false as const, value: await work(tx, row) };
    });
    if (r.denied) throw new NotFoundError(`${this.actor.userId} holds no involvement ${id}`);
    return r.value;
  }

  /** "My children": the involvements the caller holds (a system: its organisation's), newest first. */
  async list(opts: { includeEnded?: boolean } = {}): Promise<InvolvementRow[]> {
    return this.run('record.search', null, async (tx) => {
      let q = tx
        .selectFrom('involvements')
        .selectAll()
        .where('la_code', '=', this.actor.laCode)
        .where('organisation_id', '=', this.actor.organisationId)
        .where('source', '=', 'partner')
        .where('erased_at', 'is', null);
      if (!this.isSystem) q = q.where('user_id', '=', this.actor.userId);
      if (opts.includeEnded !== true)
        q = q.where((eb) =>
          eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', sql<string>`current_date`)]),
        );
      const rows = await q.orderBy('started_on', 'desc').orderBy('created_at', 'desc').limit(1000).execute();
      await this.audit(tx, 'record.search', 'success', null, `involvements; results=${rows.length}`);
      return rows;
    });
  }

  /** One held involvement, with its concerns, audited as a view. @throws NotFoundError */
  async view(id: string) {
    return this.heldOrDenied(id, 'record.view', false, async (tx, row) => {
      const concerns = await tx
        .selectFrom('involvement_concerns')
        .select(['id', 'concern', 'is_urgent', 'raised_at', 'taken_at'])
        .where('involvement_id', '=', row.id)
        .orderBy('raised_at', 'desc')
        .execute();
      await this.audit(tx, 'record.view', 'success', row.id);
      return { row, concerns };
    });
  }

  /** Inserts a parsed involvement in `tx` (no audit): for `record` and the bulk API. */
  async insert(tx: Tx, i: InvolvementInput): Promise<string> {
    const { id } = await tx
      .insertInto('involvements')
      .values({
        la_code: this.actor.laCode,
        person_id: null,
        organisation_id: this.actor.organisationId,
        user_id: this.actor.userId,
        source: 'partner',
        created_by: this.actor.userId,
        ...partnerColumns(i),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueuePublish(tx, id);
    return id;
  }

  /**
   * Records an involvement in the partner's own space and enqueues its publication. It grants no
   * access to the council's record. @throws ValidationError naming each field
   */
  async record(input: unknown): Promise<string> {
    const i = parseInput(involvementInput, input);
    return this.run('record.create', null, async (tx) => {
      const id = await this.insert(tx, i);
      await this.audit(tx, 'record.create', 'success', id, `involvement ${i.service}`);
      return id;
    });
  }

  /**
   * Records many involvements (a partner system's bulk publication) in one transaction: all or
   * none. Each is checked first; errors name the item (`involvements.3.contactEmail`).
   * @throws ValidationError
   */
  async recordMany(inputs: readonly unknown[]): Promise<string[]> {
    const errors: { field: string; message: string }[] = [];
    const parsed = inputs.map((input, n) => {
      const r = involvementInput.safeParse(input);
      if (!r.success)
        for (const e of issuesToFieldErrors(r.error.issues))
          errors.push({ field: `involvements.${n}.${e.field}`, message: e.message });
      return r.data;
    });
    if (errors.length > 0) throw new ValidationError(errors);
    return this.run('record.create', null, async (tx) => {
      const ids: string[] = [];
      for (const i of parsed) if (i !== undefined) ids.push(await this.insert(tx, i));
      await this.audit(
        tx,
        'record.create',
        'success',
        null,
        `involvements; created=${ids.length}: ${ids.join(' ')}`,
      );
      return ids;
    });
  }

  /**
   * Ends many held involvements in one transaction: all or none (an unknown id is not found; a
   * stale version is a conflict naming it). @throws NotFoundError, ConflictError, ValidationError
   */
  async endMany(
    ends: readonly { id: string; endedOn: string; endReason?: string | undefined; version: number }[],
  ): Promise<number> {
    const r = await this.run('record.update', null, async (tx) => {
      const rows: InvolvementRow[] = [];
      // Every one checked before any is changed: a refusal commits its audit and nothing else.
      for (const e of ends) {
        const row = await this.held(tx, e.id, true);
        if (row === null) {
          await this.audit(tx, 'record.update', 'denied', e.id);
          return { missing: e.id };
        }
        rows.push(row);
      }
      for (const [n, e] of ends.entries()) {
        const row = rows[n]!;
        if (row.version !== e.version)
          throw new ConflictError(`Involvement ${row.id} was changed since you read it`, {
            id: row.id,
            current: row.version,
          });
        if (e.endedOn < row.started_on)
          throw new ValidationError([
            { field: `ends.${n}.endedOn`, message: 'The end date must be on or after the date it started' },
          ]);
        await tx
          .updateTable('involvements')
          .set({
            ended_on: e.endedOn,
            end_reason: e.endReason ?? null,
            version: row.version + 1,
            updated_at: new Date(),
          })
          .where('id', '=', row.id)
          .execute();
        await enqueuePublish(tx, row.id);
      }
      await this.audit(
        tx,
        'record.update',
        'success',
        null,
        `involvements ended=${ends.length}: ${ends.map((e) => e.id).join(' ')}`,
      );
      return { missing: null };
    });
    if (r.missing !== null) throw new NotFoundError(`holds no involvement ${r.missing}`);
    return ends.length;
  }

  /** Corrects a held involvement at the version seen; published again. @throws ConflictError, ValidationError */
  async correct(id: string, input: unknown, version: number): Promise<void> {
    const i = parseInput(involvementInput, input);
    await this.heldOrDenied(id, 'record.update', true, async (tx, row) => {
      if (row.version !== version)
        throw new ConflictError('The involvement was changed since you opened it', { current: row.version });
      await tx
        .updateTable('involvements')
        .set({ ...partnerColumns(i), version: row.version + 1, updated_at: new Date() })
        .where('id', '=', row.id)
        .execute();
      await enqueuePublish(tx, row.id);
      await this.audit(tx, 'record.update', 'success', row.id, 'involvement corrected');
    });
  }

  /** Ends a held involvement; the end is published after its publication. @throws ConflictError, ValidationError */
  async end(id: string, input: unknown): Promise<void> {
    const e: EndInput = parseInput(endInput, input);
    await this.heldOrDenied(id, 'record.update', true, async (tx, row) => {
      if (row.version !== e.version)
        throw new ConflictError('The involvement was changed since you opened it', { current: row.version });
      if (e.endedOn < row.started_on)
        throw new ValidationError([
          { field: 'endedOn', message: 'Date the involvement ended must be on or after the date it started' },
        ]);
      await tx
        .updateTable('involvements')
        .set({
          ended_on: e.endedOn,
          end_reason: e.endReason ?? null,
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
      await enqueuePublish(tx, row.id);
      await this.audit(tx, 'record.update', 'success', row.id, `involvement ended ${e.endedOn}`);
    });
  }

  /**
   * Erases an involvement recorded in error: the child's details are removed from the partner's
   * space and the index is told to withdraw it. @throws NotFoundError
   */
  async erase(id: string): Promise<void> {
    await this.heldOrDenied(id, 'record.update', true, async (tx, row) => {
      await tx
        .updateTable('involvements')
        .set({
          erased_at: new Date(),
          child_given_name: null,
          child_family_name: null,
          child_date_of_birth: null,
          child_nhs_number: null,
          child_postcode: null,
          child_sex: null,
          version: row.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
      await enqueuePublish(tx, row.id);
      await this.audit(tx, 'record.update', 'success', row.id, 'involvement erased');
    });
  }

  /** Raises a concern about the child with the LA's front door. @throws ValidationError, NotFoundError */
  async raiseConcern(id: string, input: unknown): Promise<string> {
    const c: ConcernInput = parseInput(concernInput, input);
    return this.heldOrDenied(id, 'record.create', false, async (tx, row) => {
      const { id: concernId } = await tx
        .insertInto('involvement_concerns')
        .values({
          la_code: this.actor.laCode,
          involvement_id: row.id,
          concern: c.concern,
          is_urgent: c.urgent === 'yes',
          raised_by: this.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit(
        tx,
        'record.create',
        'success',
        row.id,
        `concern ${concernId}${c.urgent === 'yes' ? ' urgent' : ''}`,
      );
      return concernId;
    });
  }
}
