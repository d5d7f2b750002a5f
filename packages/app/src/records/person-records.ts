/**
 * The caller-bound repository for people's records. Every read and write of a child's or adult's
 * record goes through it: it confines the transaction to the caller's tenant, decides access from
 * the relationships computed in SQL and the declarative policy, and writes the audit event in the
 * same transaction. A refused or unknown record is audited as denied and answered as not found.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { buildAccessContext, type AccessContext } from '../access/access-context.ts';
import { can } from '../access/capabilities.ts';
import { relationshipsGranting, type Abilities, type Relationship } from '../access/policy.ts';
import {
  accessColumns,
  accessOf,
  anyOf,
  restrictionAllowsSql,
  transferAllowsSql,
  withoutAccessColumns,
} from '../access/relationships.ts';
import type { AuditAction } from '../audit/actions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import type { PeopleTable, Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { NotFoundError } from '../http/errors.ts';
import { nameParts, rankName } from '../people/search-rank.ts';

export type PersonRow = Selectable<PeopleTable>;

/** What `search` takes: any of these, combined with AND. */
export interface PersonSearch {
  name?: string | undefined;
  dateOfBirth?: string | undefined;
  nhsNumber?: string | undefined;
  postcode?: string | undefined;
}

export interface OpenedRecord {
  person: PersonRow;
  abilities: Abilities;
  relationships: Relationship[];
}

export class PersonRecords {
  constructor(
    private readonly db: Kysely<Schema>,
    readonly actor: Actor,
    readonly meta: RequestMeta,
  ) {}

  /** Runs `fn` in the caller's tenant with the access context built. */
  async transaction<T>(fn: (tx: Tx, ctx: AccessContext) => Promise<T>): Promise<T> {
    return inTenant(this.db, this.actor.laCode, async (tx) =>
      fn(tx, await buildAccessContext(tx, this.actor)),
    );
  }

  /**
   * Loads a person with the caller's relationships and abilities, inside `tx`. Returns null when
   * the person is not in the caller's tenant, is restricted from them, or the caller lacks `need`.
   */
  async loadIn(
    tx: Tx,
    ctx: AccessContext,
    personId: string,
    need: keyof Abilities,
  ): Promise<OpenedRecord | null> {
    // Compared and audited in its canonical form: an id in upper case or braces is the same record.
    const id = canonicalUuid(personId);
    if (id === null) return null;
    const row = await tx
      .selectFrom('people')
      .selectAll('people')
      .select(accessColumns(ctx))
      .where('people.id', '=', personId)
      .where('people.la_code', '=', this.actor.laCode)
      .executeTakeFirst();
    if (row === undefined) return null;
    const { held, abilities, restrictionAllows } = accessOf(this.actor.roles, row);
    if (!restrictionAllows || !abilities[need]) return null;
    const person: PersonRow = withoutAccessColumns(row);
    return { person, abilities, relationships: held };
  }

  /**
   * The one way to work on a person's record: in one tenant transaction, checks the caller may
   * `need` it, audits a refusal (committed) and, unless `auditSuccess` is false (the work writes its own
   * event, or nothing happened worth recording), the success; then runs `work`. @throws NotFoundError after committing the denial
   */
  async withRecord<T>(
    personId: string,
    need: keyof Abilities,
    action: AuditAction,
    work: (tx: Tx, opened: OpenedRecord, ctx: AccessContext) => Promise<T>,
    opts: { auditSuccess?: boolean } = {},
  ): Promise<T> {
    const result = await this.transaction(async (tx, ctx) => {
      const opened = await this.loadIn(tx, ctx, personId, need);
      if (opened === null) {
        await this.audit(tx, action, 'denied', personId);
        return { denied: true as const };
      }
      const value = await work(tx, opened, ctx);
      // Audited last: the tenant's audit chain is locked from this write to the commit, so
      // writing it after the reads keeps concurrent viewers from queueing behind each other.
      if (opts.auditSuccess !== false) await this.audit(tx, action, 'success', personId);
      return { denied: false as const, value };
    });
    if (result.denied) throw new NotFoundError(`${this.actor.userId} may not ${need} person ${personId}`);
    return result.value;
  }

  /** Opens a record for `need`, audited as `action`. @throws NotFoundError (after auditing the denial) */
  async open(
    personId: string,
    need: keyof Abilities = 'view',
    action: AuditAction = 'record.view',
  ): Promise<OpenedRecord> {
    return this.withRecord(personId, need, action, async (_tx, opened) => opened);
  }

  /** Writes an audit event about a person in `tx`. */
  async audit(
    tx: Tx,
    action: AuditAction,
    outcome: 'success' | 'denied' | 'failure',
    personId: string | null,
    reason?: string,
  ): Promise<void> {
    await recordAudit(tx, this.actor, this.meta, {
      action,
      outcome,
      subjectPersonId: personId === null ? null : canonicalUuid(personId),
      recordType: 'person',
      recordId: personId,
      reason: reason ?? null,
    });
  }

  /**
   * A statutory return's read of the LA's children (CIN census, SSDA903, Annex A, the data quality
   * page): only for a caller whose roles have the `see_returns` capability, otherwise audited as
   * denied and answered as not found. `read` runs in the caller's tenant transaction and returns
   * the children it read; one audit event (`record.export`, record type `return`, id `what`) names
   * them all, in the same transaction. Restricted records are in the returns (the DfE counts every
   * child); the adapter reads no restricted address.
   * @throws NotFoundError after committing the denial
   */
  async readForReturn<T>(
    what: string,
    read: (tx: Tx, laCode: string) => Promise<{ value: T; children: readonly string[] }>,
  ): Promise<T> {
    const allowed = can(this.actor.roles, 'see_returns');
    const result = await this.transaction(async (tx) => {
      if (!allowed) {
        await recordAudit(tx, this.actor, this.meta, {
          action: 'record.export',
          outcome: 'denied',
          recordType: 'return',
          recordId: what,
        });
        return { denied: true as const };
      }
      const { value, children } = await read(tx, this.actor.laCode);
      await recordAudit(tx, this.actor, this.meta, {
        action: 'record.export',
        outcome: 'success',
        recordType: 'return',
        recordId: what,
        reason: `${what}; children=${children.length}: ${children.join(' ')}`,
      });
      return { denied: false as const, value };
    });
    if (result.denied) throw new NotFoundError(`${this.actor.userId} may not read the returns (${what})`);
    return result.value;
  }

  /** The caller's allocated children (their caseload), audited as one list read. */
  async caseload(): Promise<PersonRow[]> {
    return this.transaction(async (tx) => {
      const rows = await tx
        .selectFrom('people')
        .selectAll('people')
        .where('people.la_code', '=', this.actor.laCode)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('allocations as a')
              .select('a.id')
              .whereRef('a.person_id', '=', 'people.id')
              .where('a.worker_user_id', '=', this.actor.userId)
              .where('a.ended_at', 'is', null),
          ),
        )
        .orderBy('people.family_name')
        .orderBy('people.given_name')
        .execute();
      await recordAudit(tx, this.actor, this.meta, {
        action: 'record.search',
        outcome: 'success',
        recordType: 'person',
        reason: `caseload; results=${rows.length}`,
      });
      return rows;
    });
  }

  /**
   * Finds people among those the caller may see, or may ask emergency access to, or may audit, by
   * any of: name (typos by trigram, sound-alikes by Double Metaphone, nicknames from the linkage
   * list, previous names and aliases), date of birth, NHS number (exact) and current postcode (a
   * full postcode exactly, or an outward code). Criteria combine with AND; ranked by name. Restricted
   * records never appear to others. Audited as one search.
   */
  async search(q: PersonSearch, limit = 50): Promise<{ person: PersonRow; abilities: Abilities }[]> {
    return this.transaction(async (tx, ctx) => {
      const roles = this.actor.roles;
      const visible = [
        ...new Set([
          ...relationshipsGranting(roles, 'view'),
          ...relationshipsGranting(roles, 'break_glass'),
          ...relationshipsGranting(roles, 'view_audit'),
          ...relationshipsGranting(roles, 'record_contact'),
        ]),
      ].sort((a, b) => Number(b === 'same_la') - Number(a === 'same_la')); // the cheap test first
      const name = q.name?.trim().replace(/\s+/g, ' ') ?? '';
      const { given, family } = nameParts(name);
      const full = sql<string>`(people.given_name || ' ' || people.family_name)`;
      let query = tx
        .selectFrom('people')
        .select(['people.id', 'people.given_name', 'people.family_name'])
        .select([
          sql<number>`${name === '' ? sql`0` : sql`similarity(${full}, ${name})`}`.as('name_similarity'),
          sql<boolean>`${given === null ? sql`false` : sql`dmetaphone(people.given_name) = dmetaphone(${given})`}`.as(
            'given_sounds',
          ),
          sql<boolean>`${name === '' ? sql`false` : sql`dmetaphone(people.family_name) = dmetaphone(${family})`}`.as(
            'family_sounds',
          ),
        ])
        .where('people.la_code', '=', this.actor.laCode)
        .where(() => anyOf(ctx, visible))
        .where(() => restrictionAllowsSql(ctx))
        .where(() => transferAllowsSql(ctx));
      let candidates: string[] | null = null;
      if (name !== '') {
        // Index look-ups by trigram and Double Metaphone (migration 0007), so a big LA is never scanned
        // whole; a statement of their own, so no planner re-runs them per person (PGlite, no statistics).
        const c = await sql<{
          id: string | null;
        }>`select person_name_candidates(${name}, ${family}) as id`.execute(tx);
        candidates = c.rows.flatMap((r) => (r.id === null ? [] : [r.id]));
        query = query.where(sql<boolean>`people.id = any(${candidates}::uuid[])`);
      }
      if (q.dateOfBirth !== undefined && q.dateOfBirth !== '')
        query = query.where('people.date_of_birth', '=', q.dateOfBirth);
      if (q.nhsNumber !== undefined && q.nhsNumber !== '')
        query = query.where('people.nhs_number', '=', q.nhsNumber.replace(/[\s-]/g, ''));
      const postcode = q.postcode?.trim().toUpperCase() ?? '';
      if (postcode !== '') {
        const match = postcode.includes(' ')
          ? sql`a.postcode = ${postcode}`
          : sql`a.postcode like ${`${postcode} %`}`;
        query = query.where(
          sql<boolean>`exists (select 1 from addresses a where a.person_id = people.id and a.ended_on is null and ${match})`,
        );
      }
      const rows =
        candidates !== null && candidates.length === 0
          ? []
          : await query
              .orderBy(sql`name_similarity`, 'desc')
              .orderBy('people.family_name')
              .orderBy('people.given_name')
              .limit(name === '' ? limit : Math.max(limit, 2000))
              .execute();
      const ranked =
        name === ''
          ? rows
          : rows
              .map((r) => ({
                r,
                score: rankName(name, {
                  given: r.given_name,
                  family: r.family_name,
                  similarity: r.name_similarity,
                  givenSounds: r.given_sounds,
                  familySounds: r.family_sounds,
                }),
              }))
              .sort((x, y) => y.score - x.score)
              .map((x) => x.r);
      // Then the records themselves, with the caller's relationships, for the ranked few only.
      const ids = ranked.slice(0, limit).map((r) => r.id);
      const found =
        ids.length === 0
          ? []
          : await tx
              .selectFrom('people')
              .selectAll('people')
              .select(accessColumns(ctx))
              .where('people.id', 'in', ids)
              .execute();
      const results = ids.flatMap((id) => found.filter((f) => f.id === id));
      await recordAudit(tx, this.actor, this.meta, {
        action: 'record.search',
        outcome: 'success',
        recordType: 'person',
        reason: `name=${name}; dob=${q.dateOfBirth ?? ''}; nhs=${q.nhsNumber ? 'given' : ''}; postcode=${postcode}; results=${results.length}`,
      });
      return results.map((row) => ({
        person: withoutAccessColumns(row),
        abilities: accessOf(this.actor.roles, row).abilities,
      }));
    });
  }
}
