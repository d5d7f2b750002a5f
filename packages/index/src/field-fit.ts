/**
 * Fitting the field model on the index's own encodings of one schema and key version (see
 * src/field-model.ts for the method): random pairs for u, the candidates of sampled look-ups for
 * EM. One sample query draws the encodings (`order by random()` over the version's encodings with
 * field filters: a scan, paid once per fit, not per look-up).
 */
import { sql, type Kysely } from 'kysely';
import { fetchCandidates } from './candidates.ts';
import type { IndexSchema } from './db.ts';
import { compareFields, COMPARISONS, type FieldSide } from './field-compare.ts';
import { unpackFields } from './field-filters.ts';
import { fitFieldModel, type FieldModel } from './field-model.ts';
import defaultModel from './default-field-model.json' with { type: 'json' };

export interface FitOptions {
  /** Encodings drawn for random pairs (default 1,000: up to 499,500 pairs, at most `randomPairs` used). */
  sample?: number;
  /** Random pairs counted for u (default 200,000). */
  randomPairs?: number;
  /** Sampled look-ups whose candidates feed EM (default 300). */
  queries?: number;
  /**
   * Fewest encodings with field filters for the version's own fit (default 2,000); below it the
   * default model (src/default-field-model.json, fitted the same way on a synthetic population by
   * bench/fit-default-model.ts) is used: too few pairs say little about m and u.
   */
  minEncodings?: number;
}

/** The default model, for versions too small to fit their own. */
export const DEFAULT_FIELD_MODEL: FieldModel = {
  weights: defaultModel.weights,
  priorWeight: defaultModel.priorWeight,
  report: { ...defaultModel.report, source: 'default' },
};

type Drawn = FieldSide & { id: string };

/** Fit the model for (schema, key). Null when the version holds no encoding with field filters. */
export async function fitIndexFieldModel(
  db: Kysely<IndexSchema>,
  schema: string,
  key: string,
  opts: FitOptions = {},
): Promise<FieldModel | null> {
  const held = await sql<{ n: string }>`
    select count(*)::text as n from encodings e join publications p on p.id = e.publication_id
     where p.schema_id = ${schema} and p.key_id = ${key} and not p.withdrawn and e.fields is not null`.execute(
    db,
  );
  const encodings = Number(held.rows[0]!.n);
  if (encodings === 0) return null;
  if (encodings < (opts.minEncodings ?? 2000))
    return { ...DEFAULT_FIELD_MODEL, report: { ...DEFAULT_FIELD_MODEL.report, encodings } };
  const rows = await sql<{ id: string; dob: Uint8Array | null; fields: Uint8Array }>`
    select e.publication_id::text as id, e.dob, e.fields
      from encodings e join publications p on p.id = e.publication_id
     where p.schema_id = ${schema} and p.key_id = ${key} and not p.withdrawn and e.fields is not null
     order by random() limit ${opts.sample ?? 1000}`.execute(db);
  const drawn: Drawn[] = rows.rows.map((r) => ({
    id: r.id,
    dob: r.dob === null ? null : new Uint8Array(r.dob),
    fields: unpackFields(new Uint8Array(r.fields))!,
  }));
  const vec = (a: FieldSide, b: FieldSide): Uint8Array =>
    compareFields(a, b, new Uint8Array(COMPARISONS.length));
  const random: Uint8Array[] = [];
  const limit = opts.randomPairs ?? 200_000;
  for (let i = 0; i < drawn.length && random.length < limit; i++)
    for (let j = i + 1; j < drawn.length && random.length < limit; j++)
      random.push(vec(drawn[i]!, drawn[j]!));
  const queries = drawn.slice(0, opts.queries ?? 300);
  const candidates: Uint8Array[] = [];
  for (const q of queries) {
    const blocks = await db
      .selectFrom('block_keys')
      .select(sql<string>`block::text`.as('block'))
      .where('publication_id', '=', q.id)
      .execute();
    const found = await fetchCandidates(
      db,
      blocks.map((b) => b.block),
      schema,
      key,
    );
    for (const c of found)
      if (c.id !== q.id && c.fields !== null) candidates.push(vec(q, { fields: c.fields, dob: c.dob }));
  }
  return fitFieldModel({ random, candidates, queries: queries.length, encodings });
}
