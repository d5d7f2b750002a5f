/**
 * Every CIN census, SSDA903 and Annex A field named in `shared/domain/statutory-data.md` has a
 * source in `field-sources.ts`: from the record, derived, made by the return, or not yet recorded
 * with a reason. The specification's lists are read from the page itself, so a field added there
 * fails here until it is placed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANNEX_A_FIELDS, CIN_FIELDS, SSDA903_FIELDS, type FieldSource } from './field-sources.ts';

/** The shared specification folder: the first `shared/` beside a folder above this file. */
function sharedSpec(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'domain', 'statutory-data.md');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('shared/domain/statutory-data.md not found above the repository');
    dir = up;
  }
}

const spec = readFileSync(sharedSpec(), 'utf8');
const between = (from: string, to: string): string =>
  spec.slice(spec.indexOf(from), spec.indexOf(to, spec.indexOf(from)));

function cinFields(): string[] {
  const part = between('Flattened validation tables', 'Code lists (2024 XSD');
  const out = new Set<string>();
  for (const m of part.matchAll(/^- \*\*(\w+)\*\*: (.*)$/gm))
    for (const f of m[2]!.split(', ')) out.add(f.trim());
  return [...out];
}

function ssda903Fields(): string[] {
  const part = between('### 2.2 SSDA903', '**XML form**');
  const out = new Set<string>();
  for (const m of part.matchAll(/^\| [A-Za-z0-9]+[^|]*\| ([A-Z][A-Z_0-9, ]+)(?: \(.*\))? \|$/gm))
    for (const f of m[1]!.split(', ')) out.add(f.trim());
  return [...out];
}

function annexAFields(): string[] {
  const part = between('### 2.3 Ofsted', 'Annex A coded values');
  const out = new Set(['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)']);
  for (const m of part.matchAll(/Columns: (.*)$/gm))
    for (const f of m[1]!.replace(/^common \+ /, '').split(', '))
      out.add(
        f
          .replace(/\.$/, '')
          .replace(/\s*\[[dn]\]/, '')
          .replace(/\*$/, '')
          .trim(),
      );
  return [...out];
}

const kinds = (fields: Record<string, FieldSource>) => Object.values(fields).map((s) => Object.keys(s)[0]);

describe('every statutory field has a source', () => {
  it('reads the specification (a sanity check on the parsing)', () => {
    expect(cinFields()).toContain('CINreferralDate');
    expect(cinFields().length).toBeGreaterThan(50);
    expect(ssda903Fields()).toEqual(expect.arrayContaining(['CHILD', 'DECOM', 'SW_REASON', 'DOLO_END']));
    expect(annexAFields()).toEqual(
      expect.arrayContaining(['Date of Contact', 'Reason for leaving adoption process']),
    );
    expect(annexAFields().length).toBeGreaterThan(90);
  });

  it.each([
    ['CIN census', cinFields, CIN_FIELDS],
    ['SSDA903', ssda903Fields, SSDA903_FIELDS],
    ['Annex A', annexAFields, ANNEX_A_FIELDS],
  ] as const)('%s: each field is placed, with a reason when not recorded', (_name, read, sources) => {
    const missing = read().filter((f) => !(f in sources));
    expect(missing).toEqual([]);
    for (const [field, s] of Object.entries(sources)) {
      const text = Object.values(s)[0] as string;
      expect(text.length, field).toBeGreaterThan(2);
    }
    expect(kinds(sources)).toContain('notRecorded');
  });
});
