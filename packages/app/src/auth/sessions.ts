/**
 * Server-side sessions in the database. The cookie holds a random id; the table holds its hash.
 * A session expires after the idle timeout without use and at its absolute expiry, whichever is first.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { newSecret, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'waypoint_session';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export interface NewSession {
  userId: string;
  actingLaCode: string;
  /** Set when two-factor (or the identity provider's) verification has been passed. */
  mfaVerified: boolean;
  ip: string | null;
  userAgent: string | null;
}

/** Creates a session and returns the cookie value (shown once; only its hash is stored). */
export async function createSession(
  db: Kysely<Schema>,
  s: NewSession,
  timeouts: SessionTimeouts,
): Promise<string> {
  const id = newSecret();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: s.userId,
      acting_la_code: s.actingLaCode,
      absolute_expires_at: new Date(now.getTime() + timeouts.absoluteHours * 3_600_000),
      mfa_verified_at: s.mfaVerified ? now : null,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return id;
}

export interface LiveSession {
  idHash: string;
  userId: string;
  actingLaCode: string;
  mfaVerified: boolean;
}

/** How stale `last_seen_at` may get before a request rewrites it: idle timeouts are in minutes. */
const TOUCH_AFTER_MS = 30_000;

/**
 * The live session for a cookie value, touching its last-seen time; null when expired or revoked.
 * Reads first and writes only when the last touch is over 30 seconds old, so most requests do
 * not write.
 */
export async function findLiveSession(
  db: Kysely<Schema>,
  cookieValue: string,
  timeouts: SessionTimeouts,
): Promise<LiveSession | null> {
  const idHash = sha256(cookieValue);
  const now = new Date();
  const idleCutoff = new Date(now.getTime() - timeouts.idleMinutes * 60_000);
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'acting_la_code', 'mfa_verified_at', 'last_seen_at'])
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .where('absolute_expires_at', '>', now)
    .where('last_seen_at', '>', idleCutoff)
    .executeTakeFirst();
  if (row === undefined) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    userId: row.user_id,
    actingLaCode: row.acting_la_code,
    mfaVerified: row.mfa_verified_at !== null,
  };
}

export async function revokeSession(db: Kysely<Schema>, idHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sign out everywhere: revokes every live session of the user. Returns how many. */
export async function revokeAllSessions(db: Kysely<Schema>, userId: string): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
