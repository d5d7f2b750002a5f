/**
 * Field-level scoring (issue 15's accuracy): candidates carrying field filters are scored by their
 * match probability under Fellegi–Sunter weights (src/field-model.ts); older publications
 * without field filters keep the record filter's Dice. Encodings flip bits at random; each case
 * below was chosen with a margin over 25 encodings (record-filter Dice given beside it), and here
 * each record's flips are drawn from a stream seeded by the record, so a run cannot fail by chance.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSchema, Encoder, encodingToJson, type PprlRecord } from '@waypoint/pprl';
import type { OpenedLocalIndex } from '../src/open.ts';
import { pairScore, readEncoding } from '../src/service.ts';
import { unpackFields } from '../src/field-filters.ts';
import {
  caller,
  engineName,
  freshIndex,
  publication as publicationOf,
  publisher,
  SECRET,
} from './helpers.ts';

/** A record's encoding with its bit flips from a stream seeded by the record: the same every run. */
function encode(r: PprlRecord): string {
  const seed = JSON.stringify(r);
  let block = 0;
  const randomBytes = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32)
      out.set(
        createHash('sha256')
          .update(`${seed}#${String(block++)}`)
          .digest()
          .subarray(0, Math.min(32, n - at)),
        at,
      );
    return out;
  };
  return encodingToJson(new Encoder(defaultSchema(), SECRET, { randomBytes }).encode(r));
}
const publication = (p: Parameters<typeof publicationOf>[0], ref: string, r: PprlRecord) =>
  publicationOf(p, ref, r, { encoding: encode(r) });

const max: PprlRecord = {
  id: 'x',
  given_name: 'Maximilian',
  family_name: 'Richardson',
  dob: '2017-03-14',
  sex: 'M',
  postcode: 'LS6 2QT',
  address: '4 Ash Grove',
  town: 'Leeds',
};
// Another boy of the same given name and date of birth, in another family and town (record-filter
// Dice 0.83–0.86 with Maximilian Richardson).
const otherMax: PprlRecord = {
  ...max,
  family_name: 'Marsden',
  postcode: 'BD7 4RR',
  address: null,
  town: 'Bradford',
};
const oliver: PprlRecord = {
  id: 'y',
  given_name: 'Oliver',
  family_name: 'Robinson',
  dob: '2015-09-30',
  sex: 'M',
  postcode: 'LS6 2QT',
  address: '22 Hyde Park Terrace',
  town: 'Leeds',
};
// The same Oliver as another agency recorded him: a typo in the family name, since moved to
// Halifax, no sex recorded (record-filter Dice 0.81–0.85 with the first, match probability 0.999).
const oliverAtHealth: PprlRecord = {
  ...oliver,
  family_name: 'Robinsn',
  postcode: 'HX1 2AB',
  address: '5 Chapel Street',
  town: 'Halifax',
  sex: null,
};

const school = publisher('school-ag', 'Ash Grove Primary', 'school');
const health = publisher('health-cv', 'Calderdale Health Visiting', 'health');
const gp = publisher('gp-bd', 'Bradford Moor Practice', 'gp');
const asker = caller('la-leeds', 'Leeds City Council');
const ask = (index: OpenedLocalIndex, r: PprlRecord) =>
  index.client.lookup({ encoding: encode(r), caller: asker, reason: 'welfare_concern', reasonText: null });
/** An encoding as pairScore reads it. */
const scorable = (json: string) => {
  const e = readEncoding(json);
  return { ...e, fields: unpackFields(e.fields) };
};
/** The encoding as published before the index kept field filters: without them. */
const withoutFields = (r: PprlRecord): string => {
  const o = JSON.parse(encode(r)) as Record<string, unknown>;
  delete o.fields;
  return JSON.stringify(o);
};

describe(`field-level scoring on ${engineName}`, () => {
  // Bit flipping moves each encoding's Dice by a few hundredths: the stranger is tested on an
  // index whose threshold (0.8) he clears by Dice every time, the typo on one (0.9) he never does.
  let index: OpenedLocalIndex;
  let loose: OpenedLocalIndex;
  const disposers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const a = await freshIndex({ threshold: 0.9 });
    const b = await freshIndex({ threshold: 0.8 });
    index = a.index;
    loose = b.index;
    disposers.push(a.dispose, b.dispose);
  });
  afterAll(async () => {
    for (const d of disposers) await d();
  });

  it('stores the field filters beside the record filter', async () => {
    await index.client.publish(publication(school, 'inv-oliver', oliver));
    const row = await index.database.db.selectFrom('encodings').select('fields').executeTakeFirstOrThrow();
    const fields = unpackFields(row.fields === null ? null : new Uint8Array(row.fields));
    // given name, family name, postcode, address, town (no NHS number recorded)
    expect(fields?.filter((f) => f !== null).length).toBe(5);
  });

  it('finds a true match with a typo in the family name whose record filter falls below the threshold', async () => {
    const q = scorable(encode(oliverAtHealth));
    const held = scorable(encode(oliver));
    expect(pairScore(q, held)).toBeLessThan(index.client.threshold); // the record filter alone misses him
    const a = await ask(index, oliverAtHealth);
    expect(a.outcome).toBe('answered');
    if (a.outcome === 'answered')
      expect(a.agencies.map((x) => x.organisation)).toEqual(['Ash Grove Primary']);
  });

  it('refuses a stranger sharing the date of birth and given name whom the record filter takes', async () => {
    await loose.client.publish(publication(gp, 'inv-other-max', otherMax));
    const q = scorable(encode(max));
    const stranger = scorable(encode(otherMax));
    expect(pairScore(q, stranger)).toBeGreaterThanOrEqual(loose.client.threshold); // Dice would disclose him
    expect((await ask(loose, max)).outcome).toBe('none');
    // …while the child himself, recorded by another agency, is still found on the same index.
    await loose.client.publish(publication(health, 'inv-max', { ...max, address: '4 Ash Gr' }));
    const a = await ask(loose, max);
    expect(a.outcome).toBe('answered');
    if (a.outcome === 'answered')
      expect(a.agencies.map((x) => x.organisation)).toEqual(['Calderdale Health Visiting']);
  });

  it('scores publications without field filters by the record filter, as before', async () => {
    const p = { ...publication(gp, 'inv-legacy', otherMax), encoding: withoutFields(otherMax) };
    await loose.client.publish(p);
    const row = await loose.database.db
      .selectFrom('encodings as e')
      .innerJoin('publications as p', 'p.id', 'e.publication_id')
      .select('e.fields')
      .where('p.ref', '=', 'inv-legacy')
      .executeTakeFirstOrThrow();
    expect(row.fields).toBeNull();
    // The stranger the field scoring refused above is taken by Dice when his record has no field filters.
    const a = await loose.client.lookup({
      encoding: encode(max),
      caller: asker,
      reason: 'welfare_concern',
      reasonText: null,
      excludeRefs: [{ organisationId: health.organisationId, ref: 'inv-max' }],
    });
    expect(a.outcome).toBe('answered');
    if (a.outcome === 'answered')
      expect(a.agencies.map((x) => x.organisation)).toEqual(['Bradford Moor Practice']);
    expect(readEncoding(withoutFields(otherMax)).fields).toBeNull();
  });
});
