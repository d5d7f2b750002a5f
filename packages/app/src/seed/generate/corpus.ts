/**
 * The development corpus for the redaction engine: every narrative text the generator stored
 * (contact worries, visit summaries, what the child said, case notes, assessment analysis, plan
 * reviews), one JSON object a line, in the shape of `packages/redaction`'s corpus: the `text`, its
 * `gold` spans (`start`/`end` JavaScript string offsets, `type`, `isCast`, `entity`, `text`) and the
 * `cast` a reviewer would list for the child's record (the cast.json format of its README).
 */
import type { Family, Member } from './family.ts';
import type { GoldSpan } from './note-builder.ts';

export interface CorpusLine {
  /** `table/row id/field`: where the text is stored. */
  id: string;
  laCode: string;
  personId: string;
  table: string;
  field: string;
  text: string;
  gold: GoldSpan[];
  cast: Cast;
}

interface CastPerson {
  id: string;
  role: string;
  names: string[];
  title?: string;
  profession?: string;
  dob?: string;
  nhsNumber?: string;
  ids?: string[];
}
interface Cast {
  people: CastPerson[];
  places: { id: string; kind: string; names: string[]; postcode?: string }[];
}

const roleFor = (m: Member, child: Member): string => {
  if (m === child) return 'child';
  switch (m.role) {
    case 'child':
      return 'sibling';
    case 'mother':
      return 'mother';
    case 'father':
      return child.parents.includes(m.key) ? 'father' : 'relative';
    case 'step-parent':
      return child.parents.includes(m.key) ? 'father' : 'stepfather';
    case 'grandmother':
      return 'maternal-grandmother';
    case 'grandfather':
      return 'maternal-grandfather';
  }
};

/** The cast for one child's record: the family, the allocated social worker, home, school and GP. */
export function castFor(family: Family, personId: string, workerName: string): Cast {
  const child = family.members.find((m) => m.id === personId) ?? family.subjects[0]!;
  const people: CastPerson[] = family.members.map((m) => ({
    id: m.key,
    role: roleFor(m, child),
    names: [`${m.input.givenName} ${m.input.familyName}`],
    ...(m.title !== '' ? { title: m.title } : {}),
    ...(m.input.dateOfBirth !== undefined ? { dob: m.input.dateOfBirth } : {}),
    ...(m === child && m.input.nhsNumber !== undefined ? { nhsNumber: m.input.nhsNumber } : {}),
    ...(m === child && m.input.upn !== undefined ? { ids: [m.input.upn] } : {}),
  }));
  people.push({ id: 'worker', role: 'professional', profession: 'social worker', names: [workerName] });
  const a = family.address;
  return {
    people,
    places: [
      { id: 'home', kind: 'address', names: [`${a.line1}, ${a.town} ${a.postcode}`], postcode: a.postcode },
      { id: 'school', kind: 'school', names: [family.school.primary, family.school.secondary] },
      { id: 'nursery', kind: 'nursery', names: [family.school.nursery] },
      { id: 'gp', kind: 'gp', names: [family.school.gp] },
    ],
  };
}
