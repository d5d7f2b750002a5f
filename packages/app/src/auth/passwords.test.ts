import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password rules (NCSC style)', () => {
  const who = { email: 'sam.jones@example.test' };
  it('accept a long passphrase with no composition rules', () => {
    expect(passwordProblem('plum tractor lantern', who)).toBeNull();
    expect(passwordProblem('alllowercaseletters', who)).toBeNull();
  });
  it('refuse fewer than 12 characters', () => {
    expect(passwordProblem('short words', who)).toMatch(/12 characters or more/);
  });
  it('refuse common passwords from the deny-list, also with digits added at the end', () => {
    for (const p of ['password1234', 'qwertyuiop123', 'iloveyou1234!', 'aaaaaaaaaaaaaa'])
      expect(passwordProblem(p, who), p).toMatch(/too common/);
  });
  it('refuse the email name and the service name', () => {
    expect(passwordProblem('sam.jones is my name', who)).toMatch(/must not contain/);
    expect(passwordProblem('my waypoint password', who)).toMatch(/must not contain/);
  });
});

describe('argon2id hashes', () => {
  it('hash with argon2id and verify only the right password', async () => {
    const h = await hashPassword('plum tractor lantern');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'plum tractor lantern')).toBe(true);
    expect(await verifyPassword(h, 'plum tractor lanterns')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
