/** The columns every Annex A child list starts with, and the list windows. */
import { addMonths, ageOn, isoOrNull } from '../dates.ts';
import type { Child } from '../model/types.ts';
import { codedValue, gender } from './codes.ts';
import type { ListName } from './spec.ts';

/** A cell before formatting: ISO dates stay strings, the writer formats them by column type. */
export type Cell = string | number | null;

export interface Window {
  inspectionDate: string;
  sixMonthsBefore: string;
  twelveMonthsBefore: string;
}

export function windowOf(inspectionDate: string): Window {
  return {
    inspectionDate,
    sixMonthsBefore: addMonths(inspectionDate, -6),
    twelveMonthsBefore: addMonths(inspectionDate, -12),
  };
}

/** True when the date falls in [from, to]. */
export const within = (d: string | null | undefined, from: string, to: string): boolean =>
  !!d && d >= from && d <= to;

/** Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years). */
export function commonCells(list: ListName, child: Child, w: Window): Cell[] {
  const dob = isoOrNull(child.birthDate);
  return [
    child.laChildId,
    gender(child.sex),
    codedValue(list, 'Ethnicity', child.ethnicity),
    dob,
    dob ? ageOn(dob, w.inspectionDate) : null,
  ];
}

/** Does the Child have a Disability: Yes, No, or Unknown when nothing is recorded. */
export function disability(child: Child): string {
  const ds = child.disabilities ?? [];
  if (ds.length === 0) return 'c) Unknown';
  return ds.some((d) => d !== 'NONE') ? 'a) Yes' : 'b) No';
}

/** A "latest" date as the list should show it: blank when it is after the inspection date. */
export const asAt = (d: string | null | undefined, w: Window): string | null =>
  d && d <= w.inspectionDate ? d : null;
