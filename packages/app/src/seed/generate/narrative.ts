/**
 * Narrative text for generated records (contact worries, visits, what the child said, case notes,
 * assessment analysis), written from templates with placeholders and marked with the personal
 * data in it. Placeholders: {child} {child:full} {mum} {mum:ts} {dad} {adult} {sib} {carer}
 * {worker} {teacher} {hv} {officer} {school} {gp} {hospital} {home} {street} {postcode} {date}
 * {age} {nhs} {upn}. `ts` is title and surname ("Ms Khan").
 */
import type { Family, Member } from './family.ts';
import { NoteBuilder, writtenDate, type MarkedText } from './note-builder.ts';
import { ageOn, type Random } from './random.ts';
import * as T from './templates.ts';

export interface Professional {
  key: string;
  given: string;
  family: string;
  title: string;
}

export interface Scene {
  r: Random;
  family: Family;
  child: Member;
  worker: Professional;
  teacher: Professional;
  healthVisitor: Professional;
  officer: Professional;
  hospital: string;
  /** The date the text is about. */
  on: string;
}

const find = (f: Family, ...roles: Member['role'][]) => f.members.find((m) => roles.includes(m.role));

/** Writes a template, marking each placeholder's text. */
export function fill(s: Scene, template: string): MarkedText {
  const b = new NoteBuilder();
  const { r, family, child } = s;
  const person = (m: Member, form: string) => {
    const given = m.input.givenName;
    const fam = m.input.familyName;
    const text =
      form === 'full' ? `${given} ${fam}` : form === 'ts' && m.title !== '' ? `${m.title} ${fam}` : given;
    b.span(text, 'PERSON', m.key);
  };
  const pro = (p: Professional, form: string) =>
    b.span(
      form === 'given' ? p.given : p.title === '' ? `${p.given} ${p.family}` : `${p.title} ${p.family}`,
      'PERSON',
      p.key,
      p.key === 'worker',
    );
  for (const part of template.split(/(\{[a-z]+(?::[a-z]+)?\})/)) {
    const m = /^\{([a-z]+)(?::([a-z]+))?\}$/.exec(part);
    if (m === null) {
      b.text(part);
      continue;
    }
    const [, name, form = ''] = m as unknown as [string, string, string | undefined];
    const mum = find(family, 'mother', 'grandmother')!;
    switch (name) {
      case 'child':
        person(child, form);
        break;
      case 'mum':
        person(mum, form);
        break;
      case 'dad':
      case 'adult':
        person(find(family, 'step-parent', 'father', 'grandfather') ?? mum, form);
        break;
      case 'carer':
        person(family.members.find((x) => x.role !== 'child' && x.livesAtHome) ?? mum, form);
        break;
      case 'sib': {
        const sib = family.subjects.find((x) => x !== child && x.input.kind === 'child');
        if (sib === undefined) b.text('the other children');
        else person(sib, form);
        break;
      }
      case 'worker':
        pro(s.worker, form);
        break;
      case 'teacher':
        pro(s.teacher, form);
        break;
      case 'hv':
        pro(s.healthVisitor, form);
        break;
      case 'officer':
        b.span(`PC ${s.officer.family}`, 'PERSON', s.officer.key, false);
        break;
      case 'school': {
        const age = child.input.dateOfBirth === undefined ? 0 : ageOn(child.input.dateOfBirth, s.on);
        const [name, key] =
          age < 4
            ? [family.school.nursery, 'nursery']
            : age < 11
              ? [family.school.primary, 'school']
              : [family.school.secondary, 'school'];
        b.span(name, 'ORGANISATION', key);
        break;
      }
      case 'gp':
        b.span(family.school.gp, 'ORGANISATION', 'gp');
        break;
      case 'hospital':
        b.span(s.hospital, 'ORGANISATION', 'hospital', false);
        break;
      case 'home':
        b.span(
          `${family.address.line1}, ${family.address.town} ${family.address.postcode}`,
          'ADDRESS',
          'home',
        );
        break;
      case 'street':
        b.span(family.address.street, 'PLACE', 'street');
        break;
      case 'postcode':
        b.span(family.address.postcode, 'POSTCODE', 'home');
        break;
      case 'date':
        b.span(writtenDate(s.on, r.pick([0, 1, 2] as const)), 'DATE', 'date', false);
        break;
      case 'age': {
        const n =
          child.input.dateOfBirth === undefined ? 0 : Math.max(0, ageOn(child.input.dateOfBirth, s.on));
        b.span(r.chance(0.5) ? `aged ${n}` : `${n} years old`, 'AGE', 'age', false);
        break;
      }
      case 'nhs':
        if (child.input.nhsNumber !== undefined) b.span(child.input.nhsNumber, 'NHS_NUMBER', 'nhs');
        else b.text('not yet known');
        break;
      case 'upn':
        if (child.input.upn !== undefined) b.span(child.input.upn, 'ID', 'upn');
        else b.text('not known');
        break;
      default:
        throw new Error(`unknown placeholder ${part}`);
    }
  }
  return b.build();
}

const ageAt = (s: Scene) =>
  s.child.input.dateOfBirth === undefined ? -1 : ageOn(s.child.input.dateOfBirth, s.on);

export const contactWorries = (s: Scene, source: string): MarkedText =>
  fill(s, s.r.pick(T.worriesBySource(source, ageAt(s))));

export function visitSummary(s: Scene, seen: 'seen' | 'seen-alone' | 'not-seen'): MarkedText {
  const pool = seen === 'not-seen' ? T.VISIT_NOT_SEEN : ageAt(s) < 0 ? T.VISIT_PREBIRTH : T.VISIT_SEEN;
  const a = fill(s, s.r.pick(pool));
  return s.r.chance(0.5) ? a : joinTwo(a, fill(s, s.r.pick(T.VISIT_EXTRA)));
}

/** What the child said, in their words; none for babies. */
export function childSaid(s: Scene): MarkedText | undefined {
  const age = ageAt(s);
  if (age < 3) return undefined;
  return fill(s, s.r.pick(age < 8 ? T.SAID_YOUNG : age < 13 ? T.SAID_MIDDLE : T.SAID_TEEN));
}

export function caseNote(s: Scene): { title: string; body: MarkedText } {
  const [title, templates] = s.r.pick(T.CASE_NOTES);
  return { title, body: fill(s, s.r.pick(templates)) };
}

export const analysis = (s: Scene, outcome: string): MarkedText =>
  fill(s, s.r.pick(T.ANALYSIS[outcome] ?? T.ANALYSIS.nfa!));

function joinTwo(a: MarkedText, b: MarkedText): MarkedText {
  return new NoteBuilder().append(a).text(' ').append(b).build();
}
