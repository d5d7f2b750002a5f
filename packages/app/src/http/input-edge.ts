/**
 * The input edge: one hook that every request passes after its body is parsed and before any
 * route sees it (pages and API alike, so no route can forget it).
 *
 * - Path ids are canonicalised once: a uuid sent in upper case, mixed case or braces becomes the
 *   lower-case hyphenated form the database stores, so it is compared, audited and hashed as
 *   stored. Anything that is not a uuid is left alone, and the record lookup answers the same 404
 *   as for an id that does not exist.
 * - A NUL character (U+0000) anywhere in the path, the query or the body (a value or a field
 *   name, at any depth) is refused with a 400 naming where it is: PostgreSQL cannot store it in
 *   text, and nothing legitimate sends it.
 * - A signed-in caller's refused request is audited (`request.refused`, denied, naming the route,
 *   the record id in its path if any, and where the bad input was, never the input itself), so an
 *   attempt on a record is in the LA's chain even when it never reached the record.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestMeta } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTenant } from '../db/tenant.ts';
import { canonicalUuid } from '../db/uuid.ts';
import { AppError, type FieldError } from './errors.ts';

const NUL = '\u0000';

/** How deep a body may nest: far beyond any form or API input, and refused before it is walked. */
export const MAX_DEPTH = 32;

/** A body nested deeper than MAX_DEPTH. */
export class TooDeepError extends AppError {
  constructor() {
    super('bad_request', `The request is nested more than ${MAX_DEPTH} levels deep, which is not allowed`);
  }
}

/**
 * Where in `value` a NUL character is, as field paths (`summary`, `people.0.name`), at most
 * `limit`. Walks without recursion, so no input can exhaust the stack.
 * @throws TooDeepError when `value` nests more than MAX_DEPTH levels
 */
export function nulPaths(value: unknown, limit = 20): string[] {
  const found: string[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0 && found.length < limit) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push(path === '' ? '(the value)' : path);
      continue;
    }
    // A file's content is bytes, not text: NUL is allowed there.
    if (typeof v !== 'object' || v === null || Buffer.isBuffer(v) || v instanceof Uint8Array) continue;
    if (depth >= MAX_DEPTH) throw new TooDeepError();
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [String(i), x] as [string, unknown])
      : Object.entries(v);
    // Pushed in reverse so fields are reported in order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      const at = path === '' ? k : `${path}.${k}`;
      if (k.includes(NUL)) found.push(at.replaceAll(NUL, '[U+0000]'));
      else stack.push({ v: x, path: at, depth: depth + 1 });
    }
  }
  return found;
}

const partWords = { params: 'The path parameter', query: 'The query parameter', body: 'The field' } as const;

/** @throws AppError (400) naming each place a NUL character was sent */
export function refuseNul(req: Pick<FastifyRequest, 'params' | 'query' | 'body' | 'url'>): void {
  const fields: FieldError[] = [];
  // The raw URL too: a NUL in a part of the path that is not a parameter.
  const rawPath = req.url.split('?')[0] ?? '';
  let pathHasNul = false;
  try {
    pathHasNul = decodeURIComponent(rawPath).includes(NUL);
  } catch {
    pathHasNul = /%00/.test(rawPath);
  }
  for (const part of ['params', 'query', 'body'] as const) {
    for (const field of nulPaths(req[part])) {
      fields.push({
        field,
        message: `${partWords[part]} ${field} contains a NUL character (U+0000), which is not allowed`,
      });
    }
  }
  if (fields.length === 0 && pathHasNul)
    fields.push({
      field: 'path',
      message: 'The path contains a NUL character (U+0000), which is not allowed',
    });
  if (fields.length > 0)
    throw new AppError('bad_request', fields[0]!.message, {
      fields,
      detail: `NUL character in ${fields.map((f) => f.field).join(', ')}`,
    });
}

/** Path parameters with every uuid in its canonical form. */
export function canonicalParams(params: unknown): void {
  if (typeof params !== 'object' || params === null) return;
  const p = params as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    if (typeof v !== 'string') continue;
    const id = canonicalUuid(v);
    if (id !== null) p[k] = id;
  }
}

/**
 * Registers the edge. Call after the body parsers (including multipart's, which parses in its
 * own preValidation hook), so the body is checked as parsed.
 */
export function registerInputEdge(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    try {
      refuseNul(req);
    } catch (err) {
      if (req.actor !== null && err instanceof AppError) await auditRefusal(req, err);
      throw err;
    }
    canonicalParams(req.params);
  });
}

/** One `request.refused` event in the caller's chain: the route, a record id in its path, where. */
async function auditRefusal(req: FastifyRequest, err: AppError): Promise<void> {
  const actor = req.actor!;
  const params = (typeof req.params === 'object' && req.params !== null ? req.params : {}) as Record<
    string,
    unknown
  >;
  const recordId =
    Object.values(params)
      .map((v) => (typeof v === 'string' ? canonicalUuid(v) : null))
      .find((id) => id !== null) ?? null;
  const route = req.routeOptions.url ?? '(no route)';
  const where = (err.options.fields ?? []).map((f) => f.field.replaceAll(NUL, '[U+0000]')).join(', ');
  await inTenant(req.server.deps.database.db, actor.laCode, (tx) =>
    recordAudit(tx, actor, requestMeta(req), {
      action: 'request.refused',
      outcome: 'denied',
      recordType: 'request',
      recordId,
      reason:
        `${req.method} ${route}: ${err instanceof TooDeepError ? 'nested too deep' : `NUL in ${where}`}`.slice(
          0,
          500,
        ),
    }),
  );
}
