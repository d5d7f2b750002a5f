/**
 * "What got in the way?": a practitioner tells the principal social worker, in a sentence, what got
 * in the way of their work, from any signed-in page (recorded as a pattern, ids removed). No
 * child's details: refused before saving (child-details-check.ts). The PSW sees the reports by
 * page and by theme with counts over time, replies and records what changed; the reporter sees
 * the reply. Reports are about the work, not about children, so they sit outside the records.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { parseInput } from '../http/forms/issues.ts';
import { childDetailsProblem } from './child-details-check.ts';
import { summariesChanged } from './summaries.ts';

/** The page a report was made from, as a pattern: a path, ids replaced by `:id`, no query. */
export function pagePattern(from: unknown): string {
  if (typeof from !== 'string') return '/';
  const path = from.split('?')[0] ?? '';
  if (!/^\/[A-Za-z0-9/_.-]{0,199}$/.test(path) || path.includes('//')) return '/';
  return path.replace(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, ':id');
}

export const frictionInput = z.object({
  body: z
    .string({ error: 'Enter what got in the way' })
    .trim()
    .min(1, 'Enter what got in the way')
    .max(1000, 'What got in the way must be 1,000 characters or fewer'),
  from: z.string().optional(),
});

/**
 * Saves a report. @throws ValidationError (empty, too long, or a child's details in it)
 */
export async function reportFriction(db: Kysely<Schema>, actor: Actor, body: unknown): Promise<void> {
  const input = parseInput(frictionInput, body);
  await inTenant(db, actor.laCode, async (tx) => {
    const problem = await childDetailsProblem(tx, input.body);
    if (problem !== null) throw new ValidationError([{ field: 'body', message: problem }]);
    await tx
      .insertInto('friction_reports')
      .values({
        la_code: actor.laCode,
        reporter_user_id: actor.userId,
        page: pagePattern(input.from),
        body: input.body,
      })
      .execute();
    await summariesChanged(tx, actor.laCode, ['friction']);
  });
}

export interface FrictionReport {
  id: string;
  page: string;
  body: string;
  reply: string | null;
  repliedAt: Date | null;
  whatChanged: string | null;
  createdAt: Date;
  version: number;
}

export const frictionColumns = [
  'id',
  'page',
  'body',
  'reply',
  'replied_at',
  'what_changed',
  'created_at',
  'version',
] as const;

/** A report row as the pages see it. */
export function presentFriction(r: {
  id: string;
  page: string;
  body: string;
  reply: string | null;
  replied_at: Date | null;
  what_changed: string | null;
  created_at: Date;
  version: number;
}): FrictionReport {
  return {
    id: r.id,
    page: r.page,
    body: r.body,
    reply: r.reply,
    repliedAt: r.replied_at,
    whatChanged: r.what_changed,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** The actor's own reports, newest first, with any reply. */
export async function myReports(db: Kysely<Schema>, actor: Actor): Promise<FrictionReport[]> {
  const rows = await inTenant(db, actor.laCode, (tx) =>
    tx
      .selectFrom('friction_reports')
      .select(frictionColumns)
      .where('reporter_user_id', '=', actor.userId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
  );
  return rows.map(presentFriction);
}

function requirePsw(actor: Actor): void {
  if (!can(actor.roles, 'respond_to_reports')) throw new NotFoundError('no respond_to_reports capability');
}

/** One report, for the PSW's reply form. @throws NotFoundError */
export async function reportForReply(db: Kysely<Schema>, actor: Actor, id: string): Promise<FrictionReport> {
  requirePsw(actor);
  const row = await inTenant(db, actor.laCode, (tx) =>
    tx.selectFrom('friction_reports').select(frictionColumns).where('id', '=', id).executeTakeFirst(),
  );
  if (row === undefined) throw new NotFoundError('no such report');
  return presentFriction(row);
}

export const replyInput = z.object({
  reply: z.string().trim().max(2000, 'The reply must be 2,000 characters or fewer').optional(),
  whatChanged: z.string().trim().max(2000, 'What changed must be 2,000 characters or fewer').optional(),
  version: z.coerce.number().int().min(1).max(2_147_483_647),
});

/**
 * The PSW's reply and what changed. @throws ValidationError (nothing entered); ConflictError
 * (someone replied since `version` was read); NotFoundError
 */
export async function replyToReport(
  db: Kysely<Schema>,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<void> {
  requirePsw(actor);
  const input = parseInput(replyInput, body);
  const reply = input.reply === '' ? undefined : input.reply;
  const changed = input.whatChanged === '' ? undefined : input.whatChanged;
  if (reply === undefined && changed === undefined)
    throw new ValidationError([{ field: 'reply', message: 'Enter a reply or what changed' }]);
  await inTenant(db, actor.laCode, async (tx) => {
    const now = new Date();
    const saved = await tx
      .updateTable('friction_reports')
      .set((eb) => ({
        ...(reply === undefined ? {} : { reply, replied_by: actor.userId, replied_at: now }),
        ...(changed === undefined ? {} : { what_changed: changed, changed_at: now }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (saved !== undefined) return summariesChanged(tx, actor.laCode, ['friction']);
    const exists = await tx
      .selectFrom('friction_reports')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (exists === undefined) throw new NotFoundError('no such report');
    throw new ConflictError('Someone else replied to this report after you opened it');
  });
}
