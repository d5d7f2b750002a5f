// The development data sets of `npm run bench:linkage`: the two public FEBRL sets in
// ../shared/dev-data/linkage (when present), the package's own generator and the second,
// independently written generator. Each is a CSV file, the `--map` that reads it and the truth.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTHETIC_MAP, syntheticCsv } from '../src/synthetic/csv.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { generateSecondSet, SECOND_MAP, secondCsv } from '../src/synthetic/second-generator.ts';

export interface DevSet {
  name: string;
  csv: string;
  id: string;
  map: string;
  /** record id → true entity */
  truth: Map<string, string>;
}

const root = join(import.meta.dirname, '..', '..', '..');
/**
 * Where the shared development data lives: $LINKAGE_DEV_DATA, else ../shared/dev-data/linkage beside
 * the repository (or beside the directory of worktrees holding it).
 */
export const FEBRL_DIR =
  [
    process.env.LINKAGE_DEV_DATA,
    join(root, '..', 'shared', 'dev-data', 'linkage'),
    join(root, '..', '..', 'shared', 'dev-data', 'linkage'),
  ].find((p): p is string => p !== undefined && existsSync(p)) ??
  join(root, '..', 'shared', 'dev-data', 'linkage');
export const FEBRL_MAP =
  'given_name=given_name,family_name=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,town=suburb,nhs_number=soc_sec_id';

/** A FEBRL set: the true entity is the number in rec_id (rec-12-org and rec-12-dup-0 are one). */
export function febrl(file: string, name: string): DevSet | null {
  const csv = join(FEBRL_DIR, file);
  if (!existsSync(csv)) return null;
  const truth = new Map<string, string>();
  for (const line of readFileSync(csv, 'utf8').trim().split('\n').slice(1)) {
    const id = line.split(',')[0]!.trim();
    truth.set(id, id.split('-')[1]!);
  }
  return { name, csv, id: 'rec_id', map: FEBRL_MAP, truth };
}

export function ownGenerator(dir: string, size: number, seed: number): DevSet {
  const records = generatePeople({ size, seed });
  const csv = join(dir, `own-${size}-${seed}.csv`);
  writeFileSync(csv, syntheticCsv(records));
  return {
    name: `own generator ${size.toLocaleString('en-GB')}`,
    csv,
    id: 'record_ref',
    map: SYNTHETIC_MAP,
    truth: new Map(records.map((r) => [r.id, r.trueId])),
  };
}

export function secondGenerator(dir: string, size: number, seed: number): DevSet {
  const records = generateSecondSet({ size, seed });
  const csv = join(dir, `second-${size}-${seed}.csv`);
  writeFileSync(csv, secondCsv(records));
  return {
    name: `second generator ${size.toLocaleString('en-GB')}`,
    csv,
    id: 'ref',
    map: SECOND_MAP,
    truth: new Map(records.map((r) => [r.id, r.entity])),
  };
}

/**
 * A development set by name: `febrl1`, `febrl2`, `own-SIZE` or `second-SIZE` (optionally
 * `-SEED`), generated files written to `dir`.
 */
export function devSet(spec: string, dir: string): DevSet {
  if (spec === 'febrl1' || spec === 'febrl2') {
    const s = febrl(`febrl-dataset${spec.slice(-1)}.csv`, `FEBRL ${spec.slice(-1)}`);
    if (!s) throw new Error(`${spec}: no FEBRL data in ${FEBRL_DIR} (set LINKAGE_DEV_DATA)`);
    return s;
  }
  const m = /^(own|second)-(\d+)(?:-(\d+))?$/.exec(spec.replace(/_/g, ''));
  if (!m)
    throw new Error(`unknown development set "${spec}": febrl1, febrl2, own-SIZE[-SEED], second-SIZE[-SEED]`);
  const size = Number(m[2]);
  return m[1] === 'own'
    ? ownGenerator(dir, size, Number(m[3] ?? 2026))
    : secondGenerator(dir, size, Number(m[3] ?? 11));
}
