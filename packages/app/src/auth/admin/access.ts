/**
 * Administration is for the LA's system administrators, over their own LA only. Anyone else gets
 * "not found", as for any page they may not see.
 */
import type { FastifyRequest } from 'fastify';
import { can } from '../../access/capabilities.ts';
import type { Actor } from '../actor.ts';
import { requireActor } from '../actor.ts';
import { NotFoundError } from '../../http/errors.ts';

export function requireAdministrator(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!can(actor.roles, 'administer')) throw new NotFoundError('not a system administrator');
  return actor;
}

/** The audit's "who" for an administrator. */
export function auditWho(actor: Actor) {
  return { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode };
}
