import { describe, expect, it } from 'vitest';
import { canonicalUuid } from './uuid.ts';

const id = '8f129290-1fa5-453b-b8b1-c45ed5e7534b';

describe('canonicalUuid', () => {
  it.each([
    id,
    id.toUpperCase(),
    '8F129290-1fa5-453B-b8b1-C45ED5E7534b',
    `{${id}}`,
    `{${id.toUpperCase()}}`,
    id.replace(/-/g, ''),
    '8f12-9290-1fa5-453b-b8b1-c45e-d5e7-534b',
  ])('reads %s as the canonical id', (v) => {
    expect(canonicalUuid(v)).toBe(id);
  });

  it.each([
    '',
    'not-a-uuid',
    `{${id}`,
    `${id}}`,
    `${id}0`,
    `-${id}`,
    `${id}-`,
    id.replace('8', 'g'),
    `${id}\u0000`,
    ` ${id}`,
  ])('refuses %j', (v) => {
    expect(canonicalUuid(v)).toBeNull();
  });
});
