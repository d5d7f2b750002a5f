import { generatePeople } from '@waypoint/linkage';
import { pprlRecordOf } from '@waypoint/pprl';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedLocalIndex } from '../src/open.ts';
import { caller, encode, engineName, freshIndex, publication, publisher } from './helpers.ts';

// Every text, bytea and jsonb column of every table in the index's database, after publishing
// and looking up synthetic children, holds none of their names, dates of birth (in any common
// form), postcodes (with or without the space), NHS numbers, phone numbers or street names.
const people = generatePeople({ size: 300, seed: 15 });

function identityValues(): string[] {
  const out = new Set<string>();
  for (const r of people) {
    for (const v of [r.given_name, r.family_name, r.street, r.town, r.locality])
      if (typeof v === 'string')
        for (const w of v.split(/[\s-]+/)) if (w.length >= 4) out.add(w.toLowerCase());
    if (typeof r.dob === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.dob)) {
      const [y, m, d] = r.dob.split('-') as [string, string, string];
      for (const f of [`${y}-${m}-${d}`, `${d}/${m}/${y}`, `${y}${m}${d}`, `${d}${m}${y}`, `${d}.${m}.${y}`])
        out.add(f);
    }
    if (typeof r.postcode === 'string' && r.postcode.length >= 5) {
      out.add(r.postcode.toLowerCase());
      out.add(r.postcode.replace(/\s/g, '').toLowerCase());
    }
    if (typeof r.nhs_number === 'string' && r.nhs_number.replace(/\D/g, '').length === 10)
      out.add(r.nhs_number.replace(/\D/g, ''));
    if (typeof r.phone === 'string' && r.phone.length >= 8) out.add(r.phone.replace(/\s/g, ''));
  }
  return [...out];
}

describe(`the index database holds no plaintext identity (${engineName})`, () => {
  let index: OpenedLocalIndex;
  let dispose: () => Promise<void>;
  const orgs = [1, 2, 3].map((k) => publisher(`org-${k}`, `Agency number ${k}`, 'school'));
  beforeAll(async () => {
    ({ index, dispose } = await freshIndex());
    for (const [k, r] of people.entries())
      await index.client.publish(
        publication(orgs[k % 3]!, `ref-${k}`, pprlRecordOf(r), {
          contact: { name: 'Duty desk', phone: '0113 496 0999', email: 'duty@agency.example' },
          shielded: k % 17 === 0,
        }),
      );
    for (const r of people.slice(0, 60))
      await index.client.lookup({
        encoding: encode(pprlRecordOf(r)),
        caller: caller('org-1', 'Agency number 1'),
        reason: 'welfare_concern',
        reasonText: 'Worried after a home visit',
      });
  });
  afterAll(async () => {
    await dispose();
  });

  it('dumps every text, bytea and jsonb column and finds none of the published identity values', async () => {
    const cols = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
       where table_schema = 'public'
         and data_type in ('text', 'bytea', 'jsonb', 'json', 'character varying', 'ARRAY')`.execute(
      index.database.db,
    );
    expect(cols.rows.length).toBeGreaterThan(20);
    const texts: string[] = [];
    const bytes: Buffer[] = [];
    for (const c of cols.rows) {
      const rows = await sql<{
        v: unknown;
      }>`select ${sql.ref(c.column_name)} as v from ${sql.table(c.table_name)}`.execute(index.database.db);
      for (const { v } of rows.rows) {
        if (v === null) continue;
        if (v instanceof Uint8Array) bytes.push(Buffer.from(v));
        else texts.push((typeof v === 'string' ? v : JSON.stringify(v)).toLowerCase());
      }
    }
    const dump = texts.join('\n');
    // The dump really reads the columns: what was published beside the encodings is there.
    expect(dump).toContain('duty desk');
    expect(dump).toContain('worried after a home visit');
    expect(bytes.length).toBeGreaterThanOrEqual(people.length);
    const values = identityValues();
    expect(values.length).toBeGreaterThan(500);
    const found = values.filter((v) => dump.includes(v) || bytes.some((b) => b.includes(v)));
    expect(found).toEqual([]);
  });
});
