import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexAdapter } from './index-adapter.ts';
import type { IndexClient } from './index-contract.ts';
import type { Publication } from './index-port.ts';
import { linkageKeyPath, linkageSecret } from './linkage-secret.ts';

/** Records what the adapter sends: the index's side of the wire. */
function recordingClient(): IndexClient & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    publish: async (p) => (sent.push(p), { status: 'stored' }),
    withdraw: async (w) => void sent.push(w),
    lookup: async (q) => (sent.push(q), { outcome: 'none', lookupId: 'L1' }),
    notices: async () => [],
    lookupsOn: async () => [],
  };
}

const identity = {
  givenName: 'Kezia',
  familyName: 'Ambrose-Whitfield',
  dateOfBirth: '2016-04-09',
  nhsNumber: '9434765919',
  postcode: 'LS11 5AB',
  sex: 'female' as const,
};
const publication: Publication = {
  ref: 'waypoint:901:involvement:3f1c0e6a-0000-4000-8000-000000000001',
  version: 3,
  laCode: '901',
  organisation: { id: 'org-1', name: 'Fictional Academy', kind: 'school' },
  service: 'Designated safeguarding lead',
  role: 'Designated safeguarding lead',
  contact: { name: 'Dee Lead', phone: '01632 960 222', email: 'dsl@academy.example' },
  since: '2026-01-05',
  until: null,
  shielded: false,
  identity,
};
const secret = new Uint8Array(Buffer.from('a fictional linkage secret for tests'));

describe('the index adapter', () => {
  it('encodes on the app side: no plaintext identity leaves, with the version', async () => {
    const client = recordingClient();
    await indexAdapter(client, secret).publish(publication);
    const wire = JSON.stringify(client.sent);
    for (const v of ['Kezia', 'kezia', 'Ambrose', 'ambrose', '2016-04-09', '20160409', '9434765919', 'LS11'])
      expect(wire).not.toContain(v);
    expect(client.sent[0]).toMatchObject({ ref: publication.ref, version: 3, publisher: { laCode: '901' } });
    expect(wire).not.toContain(Buffer.from(secret).toString());
  });

  it('looks up with a comparable encoding, leaving the caller’s own publication out', async () => {
    const client = recordingClient();
    const port = indexAdapter(client, secret);
    await port.publish(publication);
    const answer = await port.lookup({
      identity,
      caller: {
        userId: 'u1',
        name: 'A Worker',
        email: 'worker@example.test',
        organisationId: 'org-1',
        organisationName: 'Fictional Academy',
        laCode: '901',
        phone: null,
      },
      reason: 'assessment',
      reasonText: null,
      excludeRef: publication.ref,
    });
    expect(answer).toEqual({ outcome: 'none', indexLookupId: 'L1' });
    const [pub, q] = client.sent as [{ encoding: string }, { encoding: string; excludeRefs: unknown }];
    expect(q.excludeRefs).toEqual([{ organisationId: 'org-1', ref: publication.ref }]);
    const blocks = (e: string) => (JSON.parse(e) as { blocks: string[] }).blocks;
    // Same child, same secret: the keyed date-of-birth block agrees.
    expect(blocks(q.encoding).filter((b) => blocks(pub.encoding).includes(b)).length).toBeGreaterThan(0);
  });

  it('refuses a reason outside the closed list', async () => {
    const port = indexAdapter(recordingClient(), secret);
    await expect(
      port.lookup({
        identity,
        caller: {
          userId: 'u1',
          name: 'A',
          email: 'a@example.test',
          organisationId: 'o',
          organisationName: 'O',
          laCode: '901',
          phone: null,
        },
        reason: 'curiosity',
        reasonText: null,
        excludeRef: null,
      }),
    ).rejects.toThrow('not a look-up reason');
  });
});

describe('the linkage secret', () => {
  it('is made once in the data directory, mode 0600, and kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypoint-linkage-'));
    const first = linkageSecret({ secret: undefined, dataDir: dir });
    expect(first.length).toBe(65);
    expect(statSync(linkageKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(linkageSecret({ secret: undefined, dataDir: dir })).toEqual(first);
    expect(readFileSync(linkageKeyPath(dir), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(Buffer.from(linkageSecret({ secret: 'from the environment', dataDir: dir })).toString()).toBe(
      'from the environment',
    );
  });
});
