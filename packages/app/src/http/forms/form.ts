/**
 * Page forms: a field spec the one field macro (views/partials/fields.njk) renders with the GOV.UK
 * macros, the posted form turned into the schema's input (the one GOV.UK date input conversion:
 * day, month and year joined as YYYY-MM-DD for the date rules in dates.ts to judge), and schema
 * paths turned into the ids of the inputs the error summary links to.
 */
import type { FieldError } from '../errors.ts';
import { longDate } from './dates.ts';

export type Options = readonly (readonly [code: string, label: string])[];

interface Base {
  /** The input's key in the schema. */
  name: string;
  label: string;
  /** How the answer is named where it is shown rather than asked (a summary list), when the question reads differently. */
  summary?: string;
  hint?: string;
  optional?: boolean;
}

/** How a field appears on a page. */
export type Field = Base &
  (
    | { kind: 'date' }
    | { kind: 'text'; width?: 2 | 4 | 10 | 20 }
    | { kind: 'textarea'; rows?: number }
    | { kind: 'number'; suffix?: string }
    /** `reveal`: a field shown under an option when it is chosen (GOV.UK conditional reveal). */
    | { kind: 'radios'; options: Options; reveal?: Record<string, Field> }
    | { kind: 'select'; options: Options }
    | { kind: 'checkboxes'; options: Options }
    /** A 0–10 score for each goal of the plans in place: inputs named `{name}-{goalId}`. */
    | { kind: 'scores'; goals: { id: string; goal: string; plan: string }[] }
  );

export type FormBody = Record<string, unknown>;

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

/** Every field, with the fields revealed under radios options after their radios. */
export function flatFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => (f.kind === 'radios' && f.reveal ? [f, ...Object.values(f.reveal)] : [f]));
}

/**
 * The GOV.UK date input's three boxes as one `YYYY-MM-DD` string (blank or odd parts kept, for
 * the date rules to name), or undefined when all three are blank.
 * @example dateFromBoxes({ 'date-day': '5', 'date-month': '', 'date-year': '2026' }, 'date') // '2026--5'
 */
export function dateFromBoxes(body: FormBody, name: string): string | undefined {
  const part = (p: string) => (one(body[`${name}-${p}`]) ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  return d === '' && m === '' && y === '' ? undefined : `${y}-${m}-${d}`;
}

/** Turns a posted form into the schema's input: dates joined, blanks left out, checkboxes as lists. */
export function formToInput(fields: readonly Field[], body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flatFields(fields)) {
    if (f.kind === 'date') {
      const v = dateFromBoxes(body, f.name);
      if (v !== undefined) out[f.name] = v;
    } else if (f.kind === 'scores') {
      const scores: Record<string, string> = {};
      for (const g of f.goals) {
        const v = one(body[`${f.name}-${g.id}`])?.trim();
        if (v !== undefined && v !== '') scores[g.id] = v;
      }
      out[f.name] = scores;
    } else if (f.kind === 'checkboxes') {
      const v = body[f.name];
      out[f.name] = v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string');
    } else {
      const v = one(body[f.name]);
      if (v !== undefined && v.trim() !== '') out[f.name] = v;
    }
  }
  return out;
}

/** The id of the input a schema path's error links to: a date's day box, a goal's score box. */
export function fieldIdFor(fields: readonly Field[], path: string): string {
  const [name = 'body', ...rest] = path.split('.');
  const f = flatFields(fields).find((x) => x.name === name);
  if (f?.kind === 'scores') return rest.length > 0 ? `${name}-${rest.join('.')}` : name;
  if (f?.kind === 'date') return `${name}-day`;
  return f === undefined ? path : name;
}

/**
 * Domain field errors pointed at the page's inputs, one message per input (the first): an upload
 * whose name and content are both missing says "Select a file" once.
 */
export function pageErrors(
  fields: readonly Field[],
  errors: readonly FieldError[],
  alias: Record<string, string> = {},
): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = alias[e.field] ?? fieldIdFor(fields, e.field);
    if (!out.some((x) => x.field === field)) out.push({ field, message: e.message });
  }
  return out;
}

/** Schema-shaped values as form values (dates split into the three boxes), to fill a form in. */
export function inputToForm(
  fields: readonly Field[],
  input: Record<string, unknown>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of flatFields(fields)) {
    const v = input[f.name];
    if (v === undefined || v === null) continue;
    if (f.kind === 'date') {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      if (m !== null) {
        out[`${f.name}-day`] = String(Number(m[3]));
        out[`${f.name}-month`] = String(Number(m[2]));
        out[`${f.name}-year`] = m[1]!;
      }
    } else if (Array.isArray(v)) out[f.name] = v.map(String);
    else out[f.name] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Each field's value in words ("Not recorded", option labels, "1 December 2026"), for comparing versions. */
export function describeInput(
  fields: readonly Field[],
  input: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of flatFields(fields)) {
    const v = input[f.name];
    const label = (code: string) =>
      'options' in f ? (f.options.find(([c]) => c === code)?.[1] ?? code) : code;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      out[f.name] = 'Not recorded';
    else if (Array.isArray(v)) out[f.name] = v.map((x) => label(String(x))).join(', ');
    else if (f.kind === 'date' && typeof v === 'string') out[f.name] = longDate(v);
    else out[f.name] = label(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}
