/** Test helpers: a fresh index database on PGlite, or on PostgreSQL when a URL is given. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSchema, Encoder, encodingToJson, type PprlRecord } from '@waypoint/pprl';
import pg from 'pg';
import { openIndex, type OpenedLocalIndex } from '../src/open.ts';
import type { MatchOptions } from '../src/service.ts';
import type { IndexCaller, IndexPublication, Publisher } from '../src/types.ts';

export const SECRET = new TextEncoder().encode('index test secret: fictional 32b');
export const encoder = new Encoder(defaultSchema(), SECRET);
export const encode = (r: PprlRecord): string => encodingToJson(encoder.encode(r));

/** A fictional child, as one agency records her. */
export const maya: PprlRecord = {
  id: 'x',
  given_name: 'Maya',
  family_name: 'Okonkwo-Hartley',
  dob: '2019-04-17',
  sex: 'F',
  postcode: 'LS11 5AB',
  address: '14 Quarry Bank Road',
  town: 'Leeds',
};

export const POSTGRES_URL = process.env.INDEX_TEST_POSTGRES_URL ?? process.env.DATABASE_URL;
export const engineName = POSTGRES_URL === undefined ? 'PGlite' : 'PostgreSQL';

/**
 * A fresh index: PGlite in a temporary directory, or a new PostgreSQL database created beside the
 * one the URL names (never the app's own tables), dropped again by `dispose`.
 */
export async function freshIndex(
  match: MatchOptions = {},
): Promise<{ index: OpenedLocalIndex; dispose: () => Promise<void> }> {
  if (POSTGRES_URL === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'waypoint-index-test-'));
    const index = await openIndex({ dataDir: dir, ...match });
    return {
      index,
      dispose: async () => {
        await index.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // Named after the URL's database, so that runs against different databases stay apart.
  const base =
    new URL(POSTGRES_URL).pathname
      .slice(1)
      .replace(/[^a-z0-9_]/g, '')
      .slice(0, 30) || 'waypoint_index';
  const name = `${base}_t${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const index = await openIndex({ url: url.toString(), poolSize: 5, ...match });
  return {
    index,
    dispose: async () => {
      await index.close();
      const a = new pg.Client({ connectionString: POSTGRES_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const publisher = (
  id: string,
  name: string,
  kind: string,
  laCode: string | null = null,
): Publisher => ({
  organisationId: id,
  organisationName: name,
  kind,
  laCode,
});

export const caller = (organisationId: string, organisationName: string): IndexCaller => ({
  userId: `u-${organisationId}`,
  name: 'Sam Practitioner',
  email: `sam@${organisationId}.example`,
  phone: '020 7946 0000',
  organisationId,
  organisationName,
  laCode: null,
});

export function publication(
  p: Publisher,
  ref: string,
  record: PprlRecord,
  extra: Partial<IndexPublication> = {},
): IndexPublication {
  return {
    publisher: p,
    ref,
    version: 1,
    encoding: encode(record),
    service: 'Safeguarding',
    role: 'Lead professional',
    contact: {
      name: `Contact at ${p.organisationName}`,
      phone: '0113 496 0000',
      email: `duty@${p.organisationId}.example`,
    },
    since: '2026-01-05',
    until: null,
    shielded: false,
    ...extra,
  };
}
