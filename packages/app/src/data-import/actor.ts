/** The named data team member an import runs as. */
import type { Kysely } from 'kysely';
import { can } from '../access/capabilities.ts';
import type { Actor } from '../auth/actor.ts';
import { loadActor } from '../auth/load-actor.ts';
import type { Schema } from '../db/schema.ts';

/** The user as an actor of `la` holding the returns capability, or why not (in words). */
export async function actorForImport(db: Kysely<Schema>, email: string, la: string): Promise<Actor | string> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'la_code'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  if (user === undefined) return `no user ${email}`;
  if (user.la_code !== la) return `${email} works for LA ${user.la_code}, not ${la}`;
  const actor = await loadActor(db, user.id, { via: 'cli', actingLaCode: la });
  if (actor === null) return `${email} is deactivated or their access has ended`;
  if (!can(actor.roles, 'see_returns')) return `${email} may not import returns (a performance officer may)`;
  return actor;
}
