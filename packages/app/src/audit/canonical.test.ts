/** The audit's hashed form: version 1 over every field, version 2 over the personal fields' salted digest. */
import { describe, expect, it } from 'vitest';
import {
  auditEventHash,
  GENESIS_HASH,
  payloadDigest,
  payloadState,
  type ChainedFields,
} from './canonical.ts';

const base: ChainedFields = {
  id: '6f1c2b1e-8a4f-4a57-9a56-0d3f7c1e2b10',
  la_code: '990',
  seq: 1,
  occurred_at: new Date('2026-12-04T10:00:00.000Z'),
  actor_user_id: null,
  on_behalf_of: null,
  organisation_id: null,
  subject_person_id: '0b6f4c4e-2f44-4b5e-8e0e-5d7d4c7c9a01',
  record_type: 'case_note',
  record_id: null,
  action: 'record.view',
  outcome: 'success',
  reason: 'name=fictional child; dob=2012-01-01',
  ip: null,
  request_id: null,
};
const salt = 'a'.repeat(32);
const v2 = {
  ...base,
  chain_version: 2 as const,
  payload_salt: salt,
  payload_digest: payloadDigest(salt, base),
};

describe('the chain versions', () => {
  it('version 1 hashes the personal fields themselves: changing one changes the hash', () => {
    expect(auditEventHash(GENESIS_HASH, { ...base, reason: 'other' })).not.toBe(
      auditEventHash(GENESIS_HASH, base),
    );
  });

  it('version 2 hashes their digest: erasing them keeps the hash, and the state says erased', () => {
    const erased = {
      ...v2,
      subject_person_id: null,
      reason: null,
      payload_salt: null,
      erased_on: '2026-12-05',
    };
    expect(auditEventHash(GENESIS_HASH, erased)).toBe(auditEventHash(GENESIS_HASH, v2));
    expect(payloadState(v2)).toBe('intact');
    expect(payloadState(erased)).toBe('erased');
  });

  it('version 2 still catches a changed field, a field removed without erasure, and a changed action', () => {
    expect(payloadState({ ...v2, reason: 'nothing to see' })).toBe('altered');
    expect(payloadState({ ...v2, payload_salt: null })).toBe('altered');
    expect(payloadState({ ...v2, payload_salt: null, subject_person_id: null, reason: null })).toBe(
      'altered',
    );
    expect(auditEventHash(GENESIS_HASH, { ...v2, action: 'record.create' })).not.toBe(
      auditEventHash(GENESIS_HASH, v2),
    );
  });

  it('the digest depends on the salt, so a guessed name cannot be tested without it', () => {
    expect(payloadDigest('b'.repeat(32), base)).not.toBe(payloadDigest(salt, base));
  });
});
