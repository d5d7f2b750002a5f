import type { PersonRecord } from '../src/person.ts';
import { RecordStore } from '../src/store.ts';
import type { StoreData } from '../src/store.ts';

/** A store holding records a and b (indices 0 and 1). */
export function two(a: Omit<PersonRecord, 'id'>, b: Omit<PersonRecord, 'id'>): StoreData {
  return RecordStore.from([
    { id: 'a', ...a },
    { id: 'b', ...b },
  ]).data;
}

/** Level of a comparison function for two records. */
export function level(
  fn: (d: StoreData, i: number, j: number) => number,
  a: Omit<PersonRecord, 'id'>,
  b: Omit<PersonRecord, 'id'>,
): number {
  return fn(two(a, b), 0, 1);
}
