import { describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" at 59 s gives 94287082 (8 digits); 6 digits: 287082.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 test vector', () => {
    expect(currentTotp(rfcSecret, 59_000)).toBe('287082');
    expect(verifyTotp(rfcSecret, '287082', null, 59_000)).toBe(1);
  });
  it('accepts one step either side of now, and not two', () => {
    const s = newTotpSecret();
    const now = 1_700_000_000_000;
    expect(verifyTotp(s, currentTotp(s, now - 30_000), null, now)).not.toBeNull();
    expect(verifyTotp(s, currentTotp(s, now + 30_000), null, now)).not.toBeNull();
    expect(verifyTotp(s, currentTotp(s, now - 90_000), null, now)).toBeNull();
  });
  it('refuses a code whose step was already used, and codes that are not 6 digits', () => {
    const s = newTotpSecret();
    const now = 1_700_000_000_000;
    const step = verifyTotp(s, currentTotp(s, now), null, now)!;
    expect(verifyTotp(s, currentTotp(s, now), step, now)).toBeNull();
    expect(verifyTotp(s, 'abcdef', null, now)).toBeNull();
    expect(verifyTotp(s, '12345', null, now)).toBeNull();
  });
  it('makes an otpauth URI and an SVG QR code locally', async () => {
    const e = await totpEnrolment(rfcSecret, 'a@example.test');
    expect(e.uri).toBe(
      `otpauth://totp/Waypoint:a%40example.test?issuer=Waypoint&secret=${rfcSecret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(Buffer.from(e.qrDataUrl.split(',')[1]!, 'base64').toString()).toMatch(/^<svg/);
  });
});
