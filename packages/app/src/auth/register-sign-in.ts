/**
 * The sign-in protections every request passes through, registered once in `buildApp` after
 * authentication: CSRF on every form (see csrf.ts), per-IP rate limits for the routes that take
 * credentials (routes opt in with `config: { rateLimit: signInRateLimit }`), and the rule that a
 * user whose password was reset by an administrator changes it before doing anything else.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { can, capabilitiesOf } from '../access/capabilities.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { registerCsrf } from './csrf.ts';

/** At most 30 credential attempts a minute from one IP address, per route. */
export const signInRateLimit = { max: 30, timeWindow: '1 minute' };

const allowedWhileChanging = ['/account/change-password', '/sign-out', '/sign-in', '/api/'];

export async function registerSignInSecurity(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many attempts from your network. Wait ${ctx.after} and try again`),
  });
  registerCsrf(app, app.deps.config);
  app.addHook('preHandler', async (req, reply) => {
    if (req.actor !== null && req.pageContext.navigation === undefined) {
      req.pageContext.navigation = accountNavigation(req.actor, req.url.split('?')[0] ?? '');
      // What the signed-in person may do in general: templates test these, never role names.
      req.pageContext.capabilities = capabilitiesOf(req.actor.roles);
    }
    if (req.actor?.mustChangePassword !== true) return;
    if (allowedWhileChanging.some((p) => req.url.startsWith(p))) return;
    return reply.redirect('/account/change-password');
  });
}

/** Service navigation for a signed-in person (other modules may add their own items first). */
export function accountNavigation(
  actor: Actor,
  currentPath: string,
): { href: string; text: string; active: boolean }[] {
  const items: { href: string; text: string }[] = [];
  if (can(actor.roles, 'find_children')) items.push({ href: '/search', text: 'Find a child' });
  if (can(actor.roles, 'hold_caseload')) items.push({ href: '/caseload', text: 'Caseload' });
  if (can(actor.roles, 'see_manager_views')) items.push({ href: '/manager', text: 'Team' });
  if (can(actor.roles, 'see_returns')) items.push({ href: '/returns', text: 'Data quality' });
  if (can(actor.roles, 'record_involvements')) items.push({ href: '/involvements', text: 'My children' });
  if (can(actor.roles, 'link_involvements'))
    items.push({ href: '/front-door/involvements', text: 'Partner involvements' });
  if (can(actor.roles, 'review_index_lookups'))
    items.push({ href: '/involvements/lookups', text: 'Look-ups on your records' });
  if (can(actor.roles, 'see_practice_insight'))
    items.push({ href: '/insight/help', text: 'Practice insight' });
  if (can(actor.roles, 'hold_caseload') && !can(actor.roles, 'see_practice_insight'))
    items.push({ href: '/insight/recording/mine', text: 'Your recording' });
  if (can(actor.roles, 'respond_to_reports'))
    items.push({ href: '/insight/reports', text: 'What got in the way' });
  items.push({ href: '/notifications', text: 'Notifications' }, { href: '/account', text: 'Your account' });
  if (can(actor.roles, 'administer'))
    items.push(
      { href: '/admin/users', text: 'Users' },
      { href: '/admin/teams', text: 'Teams' },
      { href: '/admin/jobs', text: 'Jobs' },
    );
  return items.map((i) => ({ ...i, active: currentPath.startsWith(i.href) }));
}
