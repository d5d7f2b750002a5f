/**
 * The development corpus: fictional, seeded, deterministic review-style narratives with gold spans
 * and the cast a reviewer would write. Nothing here describes a real person or case.
 */
import type { Cast } from '../cast.ts';
import { DocBuilder, hardWrap, type GoldSpan } from './builder.ts';
import {
  makeOutsiders,
  makePeople,
  makePlaces,
  NameMaker,
  nhsNumber,
  phone,
  postcode,
  toCast,
  upn,
  type Person,
  type Place,
} from './people.ts';
import type { Draw } from './pools.ts';
import { hashSeed, Random as Rng } from '@waypoint/random';
import { DISTRACTOR, EPISODE, FINDINGS, INTRO, TITLE } from './templates.ts';

export interface GeneratedCase {
  text: string;
  gold: GoldSpan[];
  cast: Cast;
  /** Names of people outside the cast, for the leak and gazetteer checks. */
  outsiders: Person[];
  people: Person[];
}

export interface GenerateOptions {
  seed: number | string;
  /** `dev` or `heldout` half of the name pools. */
  draw: Draw;
  /** Chronology entries (default 30, about 8 kB of text). */
  episodes?: number;
}

/** January … December, from the platform's own English calendar. */
const MONTHS = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
);
const ORD = (d: number): string =>
  d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const pad = (n: number): string => String(n).padStart(2, '0');

function dateText(rng: Rng, y: number, m: number, d: number): string {
  switch (rng.int(0, 8)) {
    case 0:
      return `${d}${ORD(d)} ${MONTHS[m - 1]} ${y}`;
    case 1:
      return `${d} ${MONTHS[m - 1]} ${y}`;
    case 2:
      return `${pad(d)}/${pad(m)}/${y}`;
    case 3:
      return `${pad(d)}/${pad(m)}/${String(y).slice(2)}`;
    case 4:
      return `${d}.${m}.${String(y).slice(2)}`;
    case 5:
      return `${rng.pick(DAYS)} ${d} ${MONTHS[m - 1]} ${y}`;
    case 6:
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    case 7:
      return `${y}-${pad(m)}-${pad(d)}`;
    default:
      return `${d}${ORD(d)} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
  }
}

/** One misspelling: a doubled, dropped or swapped letter inside the name. */
function misspell(rng: Rng, name: string): string {
  const i = rng.int(1, name.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return name.slice(0, i) + name.charAt(i) + name.slice(i);
    case 1:
      return name.slice(0, i) + name.slice(i + 1);
    default:
      return name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
  }
}

/**
 * Generates one case.
 * @example
 * const c = generateCase({ seed: 1, draw: 'dev' });
 * c.gold.filter((g) => g.type === 'PERSON' && !g.isCast).length;
 */
export function generateCase(opts: GenerateOptions): GeneratedCase {
  const rng = new Rng(hashSeed(`${opts.draw}:${opts.seed}`) || 1);
  const names = new NameMaker(rng, opts.draw);
  const year = rng.int(2016, 2023);
  const people = makePeople(rng, names, year);
  const outsiders = makeOutsiders(rng, names);
  const places = makePlaces(rng, names);
  const ids = {
    nhs: nhsNumber(rng),
    upn: upn(rng),
    phone: phone(rng),
    email: '',
    caseRef: `CR/${year}/${String(rng.int(1000, 99999)).padStart(5, '0')}`,
  };
  const byKey = new Map<string, Person>([...people, ...outsiders].map((p) => [p.key, p]));
  const placeBy = new Map<string, Place>(places.map((p) => [p.key, p]));
  const mother = byKey.get('mother')!;
  ids.email = `${mother.first.toLowerCase()}.${mother.last.toLowerCase()}${rng.int(1, 99)}@example.com`;
  const child = byKey.get('child')!;
  const doc = new DocBuilder();
  let month = rng.int(1, 12);
  let yr = year - 1;

  const person = (p: Person, form: string): void => {
    const f = form === 'ref' ? refForm(p) : form;
    const full = [p.first, p.last].join(' ');
    switch (f) {
      case 'first':
        doc.span(p.first, 'PERSON', p.isCast, p.key);
        break;
      case 'full':
        doc.span(
          rng.chance(0.15) && p.middle ? `${p.first} ${p.middle} ${p.last}` : full,
          'PERSON',
          p.isCast,
          p.key,
        );
        break;
      case 'ts':
        if (p.title) doc.text(`${p.title} `);
        doc.span(
          rng.chance(0.02) && p.last.length > 5 ? `${p.last.slice(0, 3)}-\n${p.last.slice(3)}` : p.last,
          'PERSON',
          p.isCast,
          p.key,
        );
        break;
      case 'poss':
        doc
          .span(p.first, 'PERSON', p.isCast, p.key)
          .text(p.first.endsWith('s') && rng.chance(0.5) ? '’' : '’s');
        break;
      case 'sur':
        doc.span(p.last, 'PERSON', p.isCast, p.key);
        break;
      case 'up':
        doc.span(full.toUpperCase(), 'PERSON', p.isCast, p.key);
        break;
      case 'lower':
        doc.span(p.first.toLowerCase(), 'PERSON', p.isCast, p.key);
        break;
      case 'initials':
        doc.span(
          rng.chance(0.5) ? `${p.first[0]}${p.last[0]}` : `${p.first[0]}.${p.last[0]}.`,
          'PERSON',
          p.isCast,
          p.key,
        );
        break;
      case 'nick':
        doc.span(p.nick ?? p.first, 'PERSON', p.isCast, p.key);
        break;
      case 'miss':
        doc.span(misspell(rng, p.first.length >= 5 ? p.first : p.last), 'PERSON', p.isCast, p.key);
        break;
      default:
        throw new Error(`unknown person form ${f}`);
    }
  };
  const refForm = (p: Person): string => {
    const r = rng.next();
    if (p.key === 'child' || p.role === 'sibling')
      return r < 0.7 ? 'first' : r < 0.85 ? 'full' : r < 0.95 ? (p.nick ? 'nick' : 'first') : 'miss';
    return r < 0.35 ? 'first' : r < 0.75 ? 'ts' : r < 0.9 ? 'full' : r < 0.95 ? 'sur' : 'miss';
  };
  const place = (p: Place, short: boolean): void => {
    const type =
      p.kind === 'address' ? 'ADDRESS' : p.kind === 'street' || p.kind === 'town' ? 'PLACE' : 'ORGANISATION';
    doc.span(short && p.short ? p.short : p.text, type, p.isCast, p.key);
  };
  const date = (): void => {
    const d = rng.int(1, 28);
    doc.span(dateText(rng, yr, month, d), 'DATE', false, 'date');
  };
  const childAge = (): number => Math.max(1, yr - Number(child.dob!.slice(0, 4)));
  const fill = (template: string): void => {
    for (const part of template.split(/(\{[^}]+\})/)) {
      const m = /^\{([A-Z]+)(?::([\w]+))?(?::([\w]+))?\}$/.exec(part);
      if (!m) {
        doc.text(part);
        continue;
      }
      const [, kind, a, b] = m;
      if (kind === 'P') person(byKey.get(a!)!, b ?? 'ref');
      else if (kind === 'L') place(placeBy.get(a!)!, b === 'short');
      else if (kind === 'D' && a === 'dob') {
        const [y, mo, d] = child.dob!.split('-').map(Number) as [number, number, number];
        doc.span(dateText(rng, y, mo, d), 'DATE', true, 'dob');
      } else if (kind === 'D') date();
      else if (kind === 'DM')
        doc.span(`${MONTHS[rng.int(0, 11)]} ${yr - rng.int(0, 1)}`, 'DATE', false, 'date');
      else if (kind === 'A') {
        const n = a === 'child' ? childAge() : a === 'teen' ? rng.int(13, 17) : rng.int(19, 45);
        const s = a === 'teen' ? `${n}-year-old` : rng.chance(0.5) ? `aged ${n}` : `${n} years old`;
        doc.span(s, 'AGE', false, 'age');
      } else if (kind === 'I') identifier(a!);
      else throw new Error(`unknown placeholder ${part}`);
    }
  };
  const identifier = (k: string): void => {
    const letters = 'ABCDEFGHJKLMNPRSTVWXY';
    const L = (): string => letters[rng.int(0, letters.length - 1)]!;
    switch (k) {
      case 'nhs':
        return void doc.span(ids.nhs, 'NHS_NUMBER', true, 'nhs');
      case 'upn':
        return void doc.span(ids.upn, 'ID', true, 'upn');
      case 'phone':
        return void doc.span(ids.phone, 'PHONE', true, 'phone');
      case 'email':
        return void doc.span(ids.email, 'EMAIL', true, 'email');
      case 'caseref':
        return void doc.span(ids.caseRef, 'ID', true, 'caseref');
      case 'vrm':
        return void doc.span(`${L()}${L()}${rng.int(10, 72)} ${L()}${L()}${L()}`, 'ID', false, 'vrm');
      case 'url':
        return void doc.span(
          `https://www.facebook.com/${mother.first.toLowerCase()}.${mother.last.toLowerCase()}.${rng.int(1, 999)}`,
          'ID',
          false,
          'url',
        );
      case 'ni':
        return void doc.span(
          `${rng.pick(['AB', 'JT', 'PR', 'SN', 'WK'])} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.pick(['A', 'B', 'C', 'D'])}`,
          'ID',
          false,
          'ni',
        );
      case 'postcode':
        return void doc.span(postcode(rng), 'POSTCODE', false, 'postcode');
      default:
        throw new Error(`unknown identifier ${k}`);
    }
  };

  fill(rng.pick(TITLE));
  doc.text('\n\n1. Introduction\n\n');
  for (const t of INTRO) {
    fill(t);
    doc.text(' ');
  }
  doc.text('\n\n2. Chronology\n\n');
  const n = opts.episodes ?? 30;
  for (let e = 0; e < n; e++) {
    month += rng.int(0, 2);
    if (month > 12) {
      month -= 12;
      yr++;
    }
    const opened = rng.chance(0.5);
    if (opened) {
      doc.text('On ');
      date();
      doc.text(', ');
    } else {
      date();
      doc.text(': ');
    }
    const k = rng.int(1, 3);
    for (let s = 0; s < k; s++) {
      const t = rng.chance(0.2) ? rng.pick(DISTRACTOR) : rng.pick(EPISODE);
      // After "On 3 March 2019, " a sentence's opening function word is written in lower case.
      fill(
        s === 0 && opened && /^(?:The|A|An|In|On|Over|At|No|Nobody|According)\b/.test(t)
          ? t.charAt(0).toLowerCase() + t.slice(1)
          : t,
      );
      doc.text(' ');
    }
    doc.text('\n\n');
  }
  doc.text('3. Findings\n\n');
  for (const t of FINDINGS) {
    fill(t);
    doc.text('\n\n');
  }
  let text = doc.toString();
  if (rng.chance(0.4)) text = hardWrap(text, rng.int(60, 90));
  return { text, gold: doc.gold, cast: toCast(people, places, ids), outsiders, people };
}
