/**
 * The field-level filters of an encoding as the index stores them (`encodings.fields`, migration
 * 0004): a 2-byte mask of the fields present, by place in `@waypoint/pprl`'s PPRL_FIELDS (so no
 * field is named in the database), then each present field's filter, all of one length.
 *
 * @example
 * const packed = packFields(encoding.fields); // Uint8Array | null
 * unpackFields(packed)?.[PPRL_FIELDS.indexOf('family_name')]; // that field's filter, or null
 */
import { PPRL_FIELDS, type Encoding } from '@waypoint/pprl';
import { IndexInputError } from './types.ts';

/** Field filters by place in PPRL_FIELDS, null where the field is missing. */
export type FieldFilters = (Uint8Array | null)[];

const MAX_FIELD_BYTES = 512;

/** Pack an encoding's field filters, or null when it has none. @throws IndexInputError on mixed lengths */
export function packFields(fields: Encoding['fields']): Uint8Array | null {
  if (fields === undefined) return null;
  const present = PPRL_FIELDS.flatMap((f, k) => (fields[f] === undefined ? [] : [{ k, v: fields[f] }]));
  if (present.length === 0) return null;
  const len = present[0]!.v.length;
  if (len === 0 || len > MAX_FIELD_BYTES || present.some((p) => p.v.length !== len))
    throw new IndexInputError('encoding: the field filters must all have one length of 1 to 512 bytes');
  const out = new Uint8Array(2 + present.length * len);
  let mask = 0;
  present.forEach((p, i) => {
    mask |= 1 << p.k;
    out.set(p.v, 2 + i * len);
  });
  out[0] = mask >> 8;
  out[1] = mask & 0xff;
  return out;
}

/** Unpack what {@link packFields} stored (views into `packed`), or null for none. */
export function unpackFields(packed: Uint8Array | null): FieldFilters | null {
  if (packed === null || packed.length < 2) return null;
  const mask = (packed[0]! << 8) | packed[1]!;
  const places = PPRL_FIELDS.flatMap((_, k) => ((mask >> k) & 1 ? [k] : []));
  if (places.length === 0) return null;
  const len = (packed.length - 2) / places.length;
  const out: FieldFilters = PPRL_FIELDS.map(() => null);
  places.forEach((k, i) => {
    out[k] = packed.subarray(2 + i * len, 2 + (i + 1) * len);
  });
  return out;
}
