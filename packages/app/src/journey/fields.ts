/**
 * The building blocks of journey forms: zod pieces with messages in GOV.UK style, and a field
 * description the generic form page renders with the GOV.UK Frontend macros. One schema per
 * step is used by both the page and the JSON API.
 */
import { z } from 'zod';
import type { CodeList } from './codes.ts';
import { codes } from './codes.ts';

/** A YYYY-MM-DD string naming a day that exists. */
export const realDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
};
export const today = () => new Date().toISOString().slice(0, 10);

/** A real date, today or earlier. `what` names it in messages: "the date of the contact". */
export const pastDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as a real date`)
    .refine(realDate, `${capitalise(what)} must be a real date`)
    .refine((d) => d <= today(), `${capitalise(what)} must be today or in the past`);

/** A real date, in the past or future (a timescale, an expected date of birth). */
export const anyDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as a real date`)
    .refine(realDate, `${capitalise(what)} must be a real date`);

export const text = (what: string, max = 20_000) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${capitalise(what)} must be ${max.toLocaleString('en-GB')} characters or fewer`);

export const optionalText = (max = 20_000) => z.string().trim().max(max).optional();

export const code = (list: CodeList, message: string) => z.enum(codes(list), { error: message });

export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How a field appears on the generic form page. `name` is the input's key in the schema. */
export type Field =
  | { kind: 'date'; name: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'text'; name: string; label: string; hint?: string; optional?: boolean; width?: 2 | 4 | 10 | 20 }
  | { kind: 'textarea'; name: string; label: string; hint?: string; optional?: boolean; rows?: number }
  | { kind: 'number'; name: string; label: string; hint?: string; optional?: boolean; suffix?: string }
  | { kind: 'radios'; name: string; label: string; hint?: string; optional?: boolean; options: CodeList }
  | { kind: 'select'; name: string; label: string; hint?: string; optional?: boolean; options: CodeList }
  | { kind: 'checkboxes'; name: string; label: string; hint?: string; optional?: boolean; options: CodeList }
  /** A 0–10 score for each goal of the plans in place: inputs named `scores-{goalId}`. */
  | {
      kind: 'scores';
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      goals: { id: string; goal: string; plan: string }[];
    };

type Form = Record<string, string | string[] | undefined>;

/** Turns a posted form into the step's input: GOV.UK date inputs joined, blanks left out. */
export function formToInput(fields: readonly Field[], body: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  for (const f of fields) {
    if (f.kind === 'date') {
      const part = (p: string) => (one(body[`${f.name}-${p}`]) ?? '').trim();
      const [d, m, y] = [part('day'), part('month'), part('year')];
      if (d !== '' || m !== '' || y !== '')
        out[f.name] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    } else if (f.kind === 'scores') {
      const scores: Record<string, string> = {};
      for (const g of f.goals) {
        const v = one(body[`${f.name}-${g.id}`])?.trim();
        if (v !== undefined && v !== '') scores[g.id] = v;
      }
      out[f.name] = scores;
    } else if (f.kind === 'checkboxes') {
      const v = body[f.name];
      out[f.name] = v === undefined ? [] : Array.isArray(v) ? v : [v];
    } else {
      const v = one(body[f.name]);
      if (v !== undefined && v.trim() !== '') out[f.name] = v;
    }
  }
  return out;
}

/** Date-input errors point at the day box, so the error summary link lands on a real input. */
export function fieldIdFor(fields: readonly Field[], path: readonly PropertyKey[]): string {
  const name = String(path[0] ?? 'body');
  const f = fields.find((x) => x.name === name);
  if (f?.kind === 'scores') return path.length > 1 ? `${name}-${String(path[1])}` : name;
  if (f?.kind === 'date') return `${name}-day`;
  if (f?.kind === 'radios' || f?.kind === 'checkboxes') return name;
  return name;
}

/** Scores 0–10 for goals, keyed by goal id. */
export const scores = z
  .record(
    z.uuid({ error: 'Score a goal of this child’s plan' }),
    z.coerce
      .number({ error: 'Enter a score from 0 to 10' })
      .int('Enter a whole number from 0 to 10')
      .min(0, 'Enter a score from 0 to 10')
      .max(10, 'Enter a score from 0 to 10'),
  )
  .default({});
