/**
 * API clients of the index (client credentials). A client is registered for one or more
 * organisation ids and may only publish, withdraw, look up as, and read the notices and look-ups
 * of those. Secrets and tokens are 32 random bytes, stored as SHA-256 only.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IndexSchema } from './db.ts';
import { IndexInputError } from './types.ts';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const TOKEN_SECONDS = 3600;

export interface IndexApiClient {
  id: string;
  name: string;
  organisations: string[];
}

/** Register a client; returns its id and its secret (shown once, never stored). */
export async function addClient(
  db: Kysely<IndexSchema>,
  opts: { name: string; organisations: string[] },
): Promise<{ clientId: string; clientSecret: string }> {
  if (opts.name.trim() === '' || opts.name.includes('\u0000'))
    throw new IndexInputError('client name is empty');
  if (
    opts.organisations.length === 0 ||
    opts.organisations.some((o) => o.trim() === '' || o.includes('\u0000'))
  )
    throw new IndexInputError('a client needs at least one organisation id');
  const clientId = `ix_${randomUUID()}`;
  const clientSecret = randomBytes(32).toString('base64url');
  await db
    .insertInto('index_clients')
    .values({
      id: clientId,
      name: opts.name,
      secret_hash: sha256(clientSecret),
      organisations: opts.organisations,
    })
    .execute();
  return { clientId, clientSecret };
}

/** Exchange client credentials for a bearer token, or null when they are wrong. */
export async function issueToken(
  db: Kysely<IndexSchema>,
  clientId: string,
  clientSecret: string,
): Promise<{ token: string; expiresIn: number } | null> {
  const row = await db.selectFrom('index_clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (row === undefined) return null;
  const a = Buffer.from(row.secret_hash, 'hex');
  const b = Buffer.from(sha256(clientSecret), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('index_tokens')
    .values({
      token_hash: sha256(token),
      client_id: clientId,
      expires_at: new Date(Date.now() + TOKEN_SECONDS * 1000),
    })
    .execute();
  await db.deleteFrom('index_tokens').where('expires_at', '<', new Date()).execute();
  return { token, expiresIn: TOKEN_SECONDS };
}

/** The client a bearer token belongs to, or null when unknown or expired. */
export async function clientForToken(db: Kysely<IndexSchema>, token: string): Promise<IndexApiClient | null> {
  const row = await db
    .selectFrom('index_tokens as t')
    .innerJoin('index_clients as c', 'c.id', 't.client_id')
    .select(['c.id', 'c.name', 'c.organisations'])
    .where('t.token_hash', '=', sha256(token))
    .where('t.expires_at', '>', new Date())
    .executeTakeFirst();
  return row ?? null;
}
