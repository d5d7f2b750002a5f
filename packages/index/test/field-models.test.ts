/**
 * The field models of an index process (src/field-models.ts): a look-up never waits for a fit (it
 * is scored by the default model while the version's first fit runs, then by the fitted one); a
 * failed fit is reported and tried again, never an unhandled rejection; models are keyed by
 * schema and key version, and the default model scores only its own schema; refit once the
 * encodings double. Fits are held open or made to fail through the `fieldModel.fit` hook: no
 * timing in these tests (a look-up that waited for a held fit would never finish).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSchema, Encoder, encodingToJson, schemaId, type PprlRecord } from '@waypoint/pprl';
import { DEFAULT_FIELD_MODEL, fitIndexFieldModel } from '../src/field-fit.ts';
import type { FitFunction } from '../src/field-models.ts';
import type { OpenedLocalIndex } from '../src/open.ts';
import { LocalIndex, readEncoding, type MatchOptions } from '../src/service.ts';
import { caller, encode, engineName, freshIndex, maya, publication, publisher, SECRET } from './helpers.ts';

const DEFAULT_SCHEMA = schemaId(defaultSchema());
const otherEncoder = new Encoder({ ...defaultSchema(), name: 'waypoint-other' }, SECRET);
const encodeOther = (r: PprlRecord): string => encodingToJson(otherEncoder.encode(r));
const KEY = readEncoding(encode(maya)).key;

const school = publisher('school-qb', 'Quarry Bank Primary', 'school');
const health = publisher('health-ls', 'Leeds Health Visiting', 'health');
const police = publisher('police-wy', 'West Yorkshire Police', 'police');
const asker = caller('la-leeds', 'Leeds City Council');

/** Fictional children, distinct from Maya and from each other. */
const child = (i: number): PprlRecord => ({
  id: `c${i}`,
  given_name: ['Ibrahim', 'Sophie', 'Kacper', 'Aoife', 'Tobias', 'Freya', 'Musa', 'Harriet', 'Elan'][i % 9]!,
  family_name: ['Ashworth', 'Nwosu', 'Kowalczyk', 'Brennan', 'Lindqvist', 'Pemberton', 'Adeyemi'][i % 7]!,
  dob: `201${i % 10}-0${(i % 9) + 1}-1${i % 10}`,
  sex: i % 2 === 0 ? 'M' : 'F',
  postcode: `LS${(i % 20) + 1} ${i % 9}QT`,
  address: `${i + 2} Mill Lane`,
  town: 'Leeds',
});

/** Resolves when the test opens `gate`, or when the index closes (which aborts the fit's signal). */
function released(gate: Promise<void>, signal: AbortSignal): Promise<void> {
  return Promise.race([
    gate,
    new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => {
        resolve();
      });
    }),
  ]);
}

/** A fit hook that waits for `release()` before running the real fit; `calls` counts fits started. */
function heldFit(): { fit: FitFunction; release: () => void; calls: string[] } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const calls: string[] = [];
  const fit: FitFunction = async (db, schema, key, opts, signal) => {
    calls.push(schema);
    await released(gate, signal);
    return fitIndexFieldModel(db, schema, key, opts, signal);
  };
  return { fit, release, calls };
}

/** The real fit, counted. */
function countedFit(): { fit: FitFunction; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fit: (db, schema, key, opts, signal) => {
      calls.push(schema);
      return fitIndexFieldModel(db, schema, key, opts, signal);
    },
  };
}

const disposers: (() => Promise<void>)[] = [];
async function open(match: MatchOptions): Promise<OpenedLocalIndex> {
  const { index, dispose } = await freshIndex(match);
  disposers.push(dispose);
  return index;
}
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

const ask = (index: { lookupScored: LocalIndex['lookupScored'] }, encoding: string) =>
  index.lookupScored({ encoding, caller: asker, reason: 'welfare_concern', reasonText: null });

/** Maya known to the school, and children `from`…`from + n - 1` known to the police (under `enc`). */
async function fill(index: LocalIndex, n: number, enc = encode, from = 0, prefix = 'inv'): Promise<void> {
  if (from === 0)
    await index.publish({ ...publication(school, `${prefix}-maya`, maya), encoding: enc(maya) });
  for (let i = from; i < from + n; i++)
    await index.publish({ ...publication(police, `${prefix}-${i}`, child(i)), encoding: enc(child(i)) });
}

/** A fit hook whose first fit waits for `fail()` and then throws; later fits are the real one, counted. */
function failingOnce(): { fit: FitFunction; fail: () => void; calls: string[] } {
  let fail!: () => void;
  const gate = new Promise<void>((r) => (fail = r));
  const calls: string[] = [];
  const fit: FitFunction = async (db, schema, key, opts, signal) => {
    calls.push(calls.length === 0 ? 'failing' : 'real');
    if (calls.length === 1) {
      await released(gate, signal);
      throw new Error('the database went away');
    }
    return fitIndexFieldModel(db, schema, key, opts, signal);
  };
  return { fit, fail, calls };
}

describe(`field models on ${engineName}`, () => {
  it('answers the first look-up with the default model while the fit is held, then with the fitted one', async () => {
    const held = heldFit();
    const index = await open({ fieldModel: { minEncodings: 3, fit: held.fit } });
    await fill(index.client, 4);
    const query = encode({ ...maya, address: '14 Quarry Bank Rd' });
    // The fit is held open: a look-up that waited for it would never finish.
    const first = await ask(index.client, query);
    expect(first.scoredBy).toBe('default');
    expect(first.answer.outcome).toBe('answered');
    expect(held.calls).toEqual([DEFAULT_SCHEMA]);
    // A second look-up joins the fit in flight rather than starting another.
    expect((await ask(index.client, query)).scoredBy).toBe('default');
    expect(held.calls).toHaveLength(1);
    expect(index.client.fieldModel(DEFAULT_SCHEMA, KEY)).toBe(DEFAULT_FIELD_MODEL);
    held.release();
    const model = await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY);
    expect(model?.report.source).toBe('fitted');
    expect(model?.report.encodings).toBe(5);
    const after = await ask(index.client, query);
    expect(after.scoredBy).toBe('fitted');
    expect(held.calls).toHaveLength(1);
  });

  it('reports a failed fit and keeps answering with the default model, not retrying within retryMs', async () => {
    const errors: string[] = [];
    const f = failingOnce();
    const index = await open({
      fieldModel: {
        minEncodings: 3,
        fit: f.fit,
        retryMs: 3_600_000,
        // A reporter that itself throws must not make an unhandled rejection either.
        onFitError: (err) => {
          errors.push(err instanceof Error ? err.message : String(err));
          throw new Error('the reporter broke too');
        },
      },
    });
    await fill(index.client, 4);
    expect((await ask(index.client, encode(maya))).scoredBy).toBe('default');
    f.fail();
    // Joins the failing fit: it resolves with the model in use, the error goes to the reporter.
    expect(await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY)).toBe(DEFAULT_FIELD_MODEL);
    expect(errors).toEqual(['the database went away']);
    const second = await ask(index.client, encode(maya));
    expect(second.scoredBy).toBe('default');
    expect(second.answer.outcome).toBe('answered');
    expect(f.calls).toEqual(['failing']);
  });

  it('fits again on the next look-up once retryMs has passed since a failed fit', async () => {
    const errors: unknown[] = [];
    const f = failingOnce();
    const index = await open({
      fieldModel: { minEncodings: 3, fit: f.fit, retryMs: 0, onFitError: (e) => errors.push(e) },
    });
    await fill(index.client, 4);
    expect((await ask(index.client, encode(maya))).scoredBy).toBe('default');
    f.fail();
    expect(await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY)).toBe(DEFAULT_FIELD_MODEL);
    expect(errors).toHaveLength(1);
    expect((await ask(index.client, encode(maya))).scoredBy).toBe('default');
    expect(f.calls).toEqual(['failing', 'real']);
    expect((await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY))?.report.source).toBe('fitted');
    expect((await ask(index.client, encode(maya))).scoredBy).toBe('fitted');
    expect(errors).toHaveLength(1);
  });

  it('scores another schema by the record filter: the default model is only of its own schema', async () => {
    // The shipped model was fitted under pprl's default schema; when that schema changes, refit it
    // (npx tsx packages/index/bench/fit-default-model.ts).
    expect(DEFAULT_FIELD_MODEL.schema).toBe(DEFAULT_SCHEMA);
    const index = await open({});
    await index.client.publish(publication(school, 'inv-maya', maya));
    await index.client.publish({
      ...publication(health, 'inv-maya-other', maya),
      encoding: encodeOther(maya),
    });
    const mine = await ask(index.client, encode(maya));
    expect(mine.scoredBy).toBe('default');
    expect(mine.answer.outcome).toBe('answered');
    const theirs = await ask(index.client, encodeOther(maya));
    expect(theirs.scoredBy).toBe('record_filter');
    expect(await index.client.fieldModelReady(otherEncoder.schemaId, KEY)).toBeNull();
    const again = await ask(index.client, encodeOther(maya));
    expect(again.scoredBy).toBe('record_filter');
    if (again.answer.outcome === 'answered')
      expect(again.answer.agencies.map((a) => a.organisation)).toEqual(['Leeds Health Visiting']);
  });

  it('keys fitted models by schema: one fitted for a schema never scores another', async () => {
    const held = heldFit();
    const index = await open({ fieldModel: { minEncodings: 3, fit: held.fit } });
    await fill(index.client, 4);
    await fill(index.client, 4, encodeOther, 0, 'other');
    held.release();
    const mine = await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY);
    expect(mine?.schema).toBe(DEFAULT_SCHEMA);
    expect(mine?.report.source).toBe('fitted');
    // The other schema has no model of its own yet: the record filter, not the fitted one above.
    expect((await ask(index.client, encodeOther(maya))).scoredBy).toBe('record_filter');
    const theirs = await index.client.fieldModelReady(otherEncoder.schemaId, KEY);
    expect(theirs?.schema).toBe(otherEncoder.schemaId);
    expect(theirs).not.toBe(mine);
    expect(held.calls).toEqual([DEFAULT_SCHEMA, otherEncoder.schemaId]);
    await expect(index.client.candidates(readEncoding(encodeOther(maya)), [], mine)).rejects.toThrow(
      /cannot score encodings of waypoint-other/,
    );
  });

  it('fits again once the encodings have doubled since the last fit, counting only new encodings', async () => {
    const counted = countedFit();
    const index = await open({ fieldModel: { minEncodings: 3, fit: counted.fit } });
    await fill(index.client, 3);
    await ask(index.client, encode(maya));
    expect((await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY))?.report.encodings).toBe(4);
    expect(counted.calls).toHaveLength(1);
    await fill(index.client, 3, encode, 3); // 7 held
    // A new version of a held publication is not a new encoding.
    await index.client.publish({ ...publication(police, 'inv-0', child(0)), version: 2 });
    await ask(index.client, encode(maya));
    await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY);
    expect(counted.calls).toHaveLength(1);
    await fill(index.client, 1, encode, 6); // 8 held: doubled
    expect((await ask(index.client, encode(maya))).scoredBy).toBe('fitted'); // the last fit, meanwhile
    expect((await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY))?.report.encodings).toBe(8);
    expect(counted.calls).toHaveLength(2);
  });

  it("sees another process's publications by a count every recheckMs, and fits again once they doubled", async () => {
    const counted = countedFit();
    const index = await open({ fieldModel: { minEncodings: 3, fit: counted.fit, recheckMs: 0 } });
    await fill(index.client, 3);
    await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY);
    expect(counted.calls).toHaveLength(1);
    // A count that finds no growth fits nothing.
    await ask(index.client, encode(maya));
    await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY);
    expect(counted.calls).toHaveLength(1);
    // Another process publishes: this one's own counter does not see it, the count does.
    const writer = new LocalIndex(index.database.db);
    await fill(writer, 4, encode, 3); // 8 held
    await ask(index.client, encode(maya));
    expect((await index.client.fieldModelReady(DEFAULT_SCHEMA, KEY))?.report.encodings).toBe(8);
    expect(counted.calls).toHaveLength(2);
    await writer.close();
  });
});
