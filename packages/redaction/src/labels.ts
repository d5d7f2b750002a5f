/** Pseudonym labels: "Child A", "Mother", "Sibling 1", "the health visitor", "School 1", "[NHS number]". */
import type { Cast, CastPerson, PlaceKind } from './cast.ts';
import type { Detection, SpanType } from './types.ts';

const FIXED: Partial<Record<CastPerson['role'], string>> = {
  mother: 'Mother',
  father: 'Father',
  'mothers-partner': "Mother's partner",
  'fathers-partner': "Father's partner",
  stepfather: 'Stepfather',
  stepmother: 'Stepmother',
  'maternal-grandmother': 'Maternal grandmother',
  'maternal-grandfather': 'Maternal grandfather',
  'paternal-grandmother': 'Paternal grandmother',
  'paternal-grandfather': 'Paternal grandfather',
};
const NUMBERED: Partial<Record<CastPerson['role'], string>> = {
  sibling: 'Sibling',
  aunt: 'Aunt',
  uncle: 'Uncle',
  relative: 'Relative',
  carer: 'Carer',
  'foster-carer': 'Foster carer',
  friend: 'Family friend',
  neighbour: 'Neighbour',
  other: 'Adult',
};
export const PLACE_LABEL: Record<PlaceKind, string> = {
  address: 'Address',
  school: 'School',
  gp: 'GP Practice',
  hospital: 'Hospital',
  nursery: 'Nursery',
  street: 'Street',
  town: 'Town',
  other: 'Place',
};

/** Hands out "Label 1", "Label 2", … per label. */
export class Counter {
  private readonly next = new Map<string, number>();
  take(label: string): string {
    const n = (this.next.get(label) ?? 0) + 1;
    this.next.set(label, n);
    return `${label} ${n}`;
  }
  /** Takes over every number `other` has handed out or seen (as `seen` on each of its labels). */
  absorb(other: Counter): void {
    for (const [label, n] of other.next) this.next.set(label, Math.max(this.next.get(label) ?? 0, n));
  }
  /** Records a label already in use ("School 3") so new ones continue after it. */
  seen(replacement: string): void {
    const m = /^(.*) (\d+)$/.exec(replacement);
    if (m) this.next.set(m[1]!, Math.max(this.next.get(m[1]!) ?? 0, Number(m[2])));
  }
}

const titleCase = (s: string): string =>
  s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase()).replace(/\bGp\b/, 'GP');

/**
 * Pseudonyms for every cast person and place, by role, stable for a given cast.
 * @example
 * castLabels({ people: [{ id: 'c', role: 'child', names: ['Jayden Smith'] }] }, new Counter()).get('c'); // 'Child A'
 */
export function castLabels(cast: Cast, counter: Counter): Map<string, string> {
  // The labels of a cast never change: computed once per cast object, replayed into the counter.
  let memo = labelMemo.get(cast);
  if (!memo) {
    const used = new Counter();
    memo = { labels: computeLabels(cast, used), used };
    labelMemo.set(cast, memo);
  }
  counter.absorb(memo.used);
  return new Map(memo.labels);
}

const labelMemo = new WeakMap<Cast, { labels: Map<string, string>; used: Counter }>();

function computeLabels(cast: Cast, counter: Counter): Map<string, string> {
  const out = new Map<string, string>();
  let child = 0;
  const professions = new Map<string, number>();
  for (const p of cast.people)
    if (p.role === 'professional')
      professions.set(
        (p.profession ?? 'professional').toLowerCase(),
        (professions.get((p.profession ?? 'professional').toLowerCase()) ?? 0) + 1,
      );
  const fixedCount = new Map<string, number>();
  for (const p of cast.people) if (FIXED[p.role]) fixedCount.set(p.role, (fixedCount.get(p.role) ?? 0) + 1);
  for (const p of cast.people) {
    let label: string;
    if (p.pseudonym) label = p.pseudonym;
    else if (p.role === 'child') label = `Child ${String.fromCharCode(65 + (child++ % 26))}`;
    else if (FIXED[p.role])
      label = (fixedCount.get(p.role) ?? 0) > 1 ? counter.take(FIXED[p.role]!) : FIXED[p.role]!;
    else if (p.role === 'professional') {
      const prof = (p.profession ?? 'professional').toLowerCase();
      label =
        (professions.get(prof) ?? 0) > 1
          ? counter.take(titleCase(prof))
          : `the ${prof === 'gp' ? 'GP' : prof}`;
    } else label = counter.take(NUMBERED[p.role] ?? 'Adult');
    counter.seen(label);
    out.set(p.id, label);
  }
  for (const pl of cast.places ?? []) {
    const label = pl.pseudonym ?? counter.take(PLACE_LABEL[pl.kind]);
    counter.seen(label);
    out.set(pl.id, label);
  }
  return out;
}

const PLACEHOLDER: Record<string, string> = {
  NHS_NUMBER: '[NHS number]',
  PHONE: '[phone number]',
  EMAIL: '[email address]',
  POSTCODE: '[postcode]',
  ID: '[ID]',
  upn: '[UPN]',
  ni: '[NI number]',
  vehicle: '[vehicle registration]',
  url: '[URL]',
  reference: '[reference]',
};

/** The placeholder for an identifier span, honouring the policy's overrides by kind then type. */
export function placeholder(
  type: SpanType,
  kind: string | undefined,
  overrides: Partial<Record<string, string>>,
): string {
  return (
    (kind && (overrides[kind] ?? PLACEHOLDER[kind])) ??
    overrides[type] ??
    PLACEHOLDER[type] ??
    `[${type.toLowerCase()}]`
  );
}

const CONTEXT_LABEL: [RegExp, string][] = [
  [/\b(?:neighbours?)\W+(?:\w+\W+)?$/i, 'Neighbour'],
  [/\b(?:friends?)\W+(?:\w+\W+)?$/i, 'Friend'],
  [/\b(?:boyfriend|girlfriend|partner|ex-partner)\W+(?:\w+\W+)?$/i, 'Partner'],
  [/\b(?:cousin|aunt|uncle|nan|grandmother|grandfather|relative)\W+(?:\w+\W+)?$/i, 'Relative'],
];

/** A label for a person outside the cast, from a title or the words before the first mention. */
export function uncastPersonLabel(text: string, d: Detection): string {
  const t = text.slice(d.start, d.end);
  if (/^Dr\b/.test(t)) return 'Doctor';
  if (/^(?:PC|DC|DS|DI|Sgt|Insp)\b/.test(t)) return 'Police Officer';
  const before = text.slice(Math.max(0, d.start - 30), d.start);
  for (const [re, label] of CONTEXT_LABEL) if (re.test(before)) return label;
  return 'Person';
}

/** The pseudonym label for a place outside the cast. */
export function uncastPlaceLabel(d: Detection): string {
  if (d.type === 'ADDRESS') return 'Address';
  const k = d.kind as PlaceKind | undefined;
  if (d.type === 'ORGANISATION' && (!k || k === 'other')) return 'Organisation';
  if (k && k in PLACE_LABEL) return PLACE_LABEL[k];
  return d.type === 'ORGANISATION' ? 'Organisation' : 'Place';
}
