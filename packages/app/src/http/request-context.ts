/** Per-request objects for handlers: the caller-bound repository and scope checks for tokens. */
import type { FastifyRequest } from 'fastify';
import type { ApiScope } from '../auth/api-tokens.ts';
import { requestMeta, requireActor, type Actor } from '../auth/actor.ts';
import { PersonRecords } from '../records/person-records.ts';
import { AppError } from './errors.ts';

/** The person-records repository bound to the signed-in caller. */
export function recordsFor(req: FastifyRequest): PersonRecords {
  return new PersonRecords(req.server.deps.database.db, requireActor(req), requestMeta(req));
}

/** A token must carry the scope; a session has every scope its roles allow. */
export function requireScope(actor: Actor, scope: ApiScope): void {
  if (actor.via === 'token' && !(actor.scopes ?? []).includes(scope)) {
    throw new AppError('forbidden', `This token does not have the ${scope} scope`);
  }
}
