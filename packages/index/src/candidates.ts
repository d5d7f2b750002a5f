/**
 * A look-up's candidates from SQL: the publications sharing a blocking key with the query (the
 * btree of `block_keys`, never a scan), of the query's schema and key version, not withdrawn,
 * with what scoring needs (record filter, date-of-birth component, NHS-number key, field filters).
 */
import { sql, type Kysely } from 'kysely';
import type { IndexSchema } from './db.ts';
import { type FieldFilters, unpackFields } from './field-filters.ts';

/** What a pair score reads of each side. */
export interface Scorable {
  clk: Uint8Array;
  dob: Uint8Array | null;
  nhs: string | null;
  /** Field-level filters by place in PPRL_FIELDS, or null when published without them. */
  fields: FieldFilters | null;
}

export interface Candidate extends Scorable {
  id: string;
  organisation_id: string;
  ref: string;
  organisation_name: string;
  la_code: string | null;
  service: string;
  role: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  since: string;
  until: string | null;
  shielded: boolean;
  /** The score the decision uses: a match probability with field filters, else Dice. */
  score: number;
}

type Row = Omit<Candidate, 'score' | 'nhs' | 'fields' | 'clk' | 'dob'> & {
  clk: Uint8Array;
  dob: Uint8Array | null;
  fields: Uint8Array | null;
  nhs_block: string | null;
};

/** The candidates sharing any of `blocks` (block numbers), unscored (score 0). */
export async function fetchCandidates(
  db: Kysely<IndexSchema>,
  blocks: string[],
  schema: string,
  key: string,
): Promise<Candidate[]> {
  const rows = await sql<Row>`
    select p.id::text as id, p.organisation_id, p.ref, p.organisation_name, p.la_code, p.service, p.role,
           p.contact_name, p.contact_phone, p.contact_email, p.since, p.until, p.shielded,
           e.clk, e.dob, e.fields, e.nhs_block::text as nhs_block
      from (select distinct publication_id from block_keys where block = any(${blocks}::bigint[])) b
      join publications p on p.id = b.publication_id
      join encodings e on e.publication_id = b.publication_id
     where p.schema_id = ${schema} and p.key_id = ${key} and not p.withdrawn`.execute(db);
  return rows.rows.map(({ nhs_block, ...r }) => ({
    ...r,
    clk: new Uint8Array(r.clk),
    dob: r.dob === null ? null : new Uint8Array(r.dob),
    fields: unpackFields(r.fields === null ? null : new Uint8Array(r.fields)),
    nhs: nhs_block,
    score: 0,
  }));
}
