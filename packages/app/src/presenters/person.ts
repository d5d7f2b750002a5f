/**
 * What leaves the server about a person, for a given viewer's abilities. Rows never go straight
 * to a page or to JSON.
 */
import { formatNhsNumber } from '@waypoint/identifiers';
import type { Abilities } from '../access/policy.ts';
import type { PersonRow } from '../records/person-records.ts';

export interface PersonView {
  id: string;
  kind: 'child' | 'adult' | 'unborn';
  name: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  age: string | null;
  sex: string | null;
  nhsNumber: string | null;
  isRestricted: boolean;
  /** For optimistic locking: send it back with a change. */
  version: number;
}

/** Age in whole years (or months under two), on `today`. */
export function ageOn(dateOfBirth: string | null, today = new Date()): string | null {
  if (dateOfBirth === null) return null;
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let months = (today.getUTCFullYear() - y) * 12 + (today.getUTCMonth() + 1 - m);
  if (today.getUTCDate() < d) months -= 1;
  if (months < 0) return null;
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`;
  return `${Math.floor(months / 12)} years`;
}

export function presentPerson(p: PersonRow, _abilities: Abilities): PersonView {
  return {
    id: p.id,
    kind: p.kind,
    name: `${p.given_name} ${p.family_name}`,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    expectedDateOfBirth: p.expected_date_of_birth,
    age: ageOn(p.date_of_birth),
    sex: p.sex,
    nhsNumber: p.nhs_number === null ? null : formatNhsNumber(p.nhs_number),
    isRestricted: p.is_restricted,
    version: p.version,
  };
}

/** A search result: the name and date of birth only, plus what the viewer can do next. */
export function presentSearchResult(p: PersonRow, abilities: Abilities) {
  return {
    id: p.id,
    name: `${p.given_name} ${p.family_name}`,
    dateOfBirth: p.date_of_birth,
    canOpen: abilities.view,
    canBreakGlass: abilities.break_glass,
    canViewAudit: abilities.view_audit,
  };
}
