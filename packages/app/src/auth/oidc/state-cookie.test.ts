import { describe, expect, it } from 'vitest';
import { openState, sealState } from './state-cookie.ts';

const s = { laCode: '990', state: 'st', nonce: 'no', verifier: 've', next: '/' };

describe('the OIDC state cookie', () => {
  it('round-trips, and is refused when altered or older than 10 minutes', () => {
    const now = Date.now();
    const sealed = sealState(s, now);
    expect(openState(sealed, now)).toMatchObject(s);
    expect(openState(sealed, now + 601_000)).toBeNull();
    const [payload, mac] = sealed.split('.');
    const altered = Buffer.from(JSON.stringify({ ...s, laCode: '991', expiresAt: now + 600_000 })).toString(
      'base64url',
    );
    expect(openState(`${altered}.${mac}`, now)).toBeNull();
    const flipped = (mac![0] === 'A' ? 'B' : 'A') + mac!.slice(1);
    expect(openState(`${payload}.${flipped}`, now)).toBeNull();
    expect(openState(undefined, now)).toBeNull();
  });
});
