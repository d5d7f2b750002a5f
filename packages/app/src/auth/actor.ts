/**
 * Who is making a request: set on `req.actor` by the authentication hook (session cookie or bearer
 * token), null when nobody is signed in. Domain functions and repositories take an Actor explicitly.
 */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../access/roles.ts';
import { AppError } from '../http/errors.ts';

export interface Actor {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  /** The tenant the actor is working in now (partners may work in several LA areas). */
  laCode: string;
  roles: readonly Role[];
  /** Active team memberships. */
  teamIds: readonly string[];
  /** How they came: a browser session, a bearer token, or the `waypoint` command run as a named user. */
  via: 'session' | 'token' | 'cli';
  sessionId?: string;
  tokenId?: string;
  /** Token scopes; sessions have every scope their roles allow. */
  scopes?: readonly string[];
  /** For tokens used by a partner system, the system's name (audited as "on behalf of"). */
  onBehalfOf?: string;
  /** Set after an administrator's password reset: pages send the user to change it first. */
  mustChangePassword?: true;
}

/** Request metadata that goes into the audit. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in actor, or an `unauthenticated` error (pages redirect to sign-in; JSON gets 401). */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor === null) throw new AppError('unauthenticated', 'Sign in to continue');
  return req.actor;
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, requestId: req.id };
}
