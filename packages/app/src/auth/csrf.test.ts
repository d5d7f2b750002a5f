import { describe, expect, it } from 'vitest';
import { csrfTokenFor, isValidCsrfToken } from './csrf.ts';

describe('CSRF tokens', () => {
  it('are valid for their own secret only, and differ each time', () => {
    const a = csrfTokenFor('secret-a'.repeat(5));
    expect(isValidCsrfToken('secret-a'.repeat(5), a)).toBe(true);
    expect(isValidCsrfToken('secret-b'.repeat(5), a)).toBe(false);
    expect(csrfTokenFor('secret-a'.repeat(5))).not.toBe(a);
  });
  it('refuse missing, malformed and altered tokens', () => {
    const secret = 's'.repeat(40);
    const token = csrfTokenFor(secret);
    for (const bad of [
      undefined,
      '',
      '.',
      'abc',
      `${token}x`,
      token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      42,
    ])
      expect(isValidCsrfToken(secret, bad)).toBe(false);
  });
});
