/**
 * Form timing, part of the one form kit: when `renderForm` shows a form with fields to a signed-in
 * person, the form is given an opening (an id, the task as a page pattern, its inputs and how many
 * are required) that the field macro `formTiming` writes into the form as hidden inputs, with an
 * empty `_openedInBrowser` that a small script (public/application.js) stamps with the browser's
 * opening time and `_savedInBrowser` stamped when it is sent. A form shown again with errors keeps
 * its opening. What is done with openings and saves (the burden of recording) is up to the
 * capability that registers for them (insight/recording-hooks.ts); the kit only marks them.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { flatFields, type Field, type FormBody } from './form.ts';

export interface FormOpening {
  id: string;
  task: string;
  fieldNames: string[];
  required: number;
}

/** What a posted form says about its opening. */
export interface PostedTiming {
  id: string;
  openedInBrowser: number | null;
  savedInBrowser: number | null;
}

const opened = new WeakMap<FastifyRequest, FormOpening>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isField = (v: unknown): v is Field =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Field).kind === 'string' &&
  typeof (v as Field).name === 'string';

/** The fields a page's context holds (`fields`, `personFields`, …): every array of field specs. */
export function contextFields(context: Record<string, unknown>): Field[] {
  return Object.values(context).flatMap((v) =>
    Array.isArray(v) && v.length > 0 && v.every(isField) ? v : [],
  );
}

/**
 * The task a request is for: its route pattern, with parameters that are not ids filled in.
 * @example taskOf(req) // '/children/:id/record/visit'
 */
export function taskOf(req: FastifyRequest): string {
  const pattern = req.routeOptions.url ?? req.url.split('?')[0] ?? '/';
  const params = (req.params ?? {}) as Record<string, unknown>;
  return pattern
    .replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => {
      const v = params[name];
      return typeof v === 'string' && /^[a-z][a-z0-9-]{0,40}$/.test(v) && !UUID.test(v) ? v : whole;
    })
    .slice(0, 200);
}

const stamp = (v: unknown): number | null => {
  const s: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  if (typeof s !== 'string' || !/^\d{10,15}$/.test(s)) return null;
  return Number(s);
};

/** The opening a posted form carries, if any. */
export function postedTiming(body: unknown): PostedTiming | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as FormBody;
  const id = typeof b._opening === 'string' ? b._opening.toLowerCase() : '';
  if (!UUID.test(id)) return null;
  return { id, openedInBrowser: stamp(b._openedInBrowser), savedInBrowser: stamp(b._savedInBrowser) };
}

/**
 * Marks a form being shown: a new opening for a first showing to a signed-in person, or the posted
 * one carried forward when it is shown again with errors. Returns what the `formTiming` macro writes.
 */
export function markFormShown(
  req: FastifyRequest,
  context: Record<string, unknown>,
): { id: string; openedInBrowser: string } | null {
  if (req.actor === null || req.actor === undefined) return null;
  const posted = req.method === 'POST' ? postedTiming(req.body) : null;
  if (posted !== null) return { id: posted.id, openedInBrowser: String(posted.openedInBrowser ?? '') };
  if (req.method !== 'GET') return null;
  const fields = flatFields(contextFields(context));
  if (fields.length === 0) return null;
  const opening: FormOpening = {
    id: randomUUID(),
    task: taskOf(req),
    fieldNames: [...new Set(fields.map((f) => f.name))],
    required: fields.filter((f) => f.optional !== true).length,
  };
  opened.set(req, opening);
  return { id: opening.id, openedInBrowser: '' };
}

/** The opening marked on this request, for whoever records openings. */
export const openingOf = (req: FastifyRequest): FormOpening | undefined => opened.get(req);

/** How many of the named inputs a posted form filled (a date or a goal's scores counts once). */
export function inputsFilled(fieldNames: readonly string[], body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const entries = Object.entries(body as FormBody).filter(([, v]) =>
    Array.isArray(v)
      ? v.some((x) => typeof x === 'string' && x.trim() !== '')
      : typeof v === 'string' && v.trim() !== '',
  );
  return fieldNames.filter((n) => entries.some(([k]) => k === n || k.startsWith(`${n}-`))).length;
}
