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
   * default model of the version's schema (src/default-field-model.json, fitted the same way on a
   * synthetic population by bench/fit-default-model.ts) is used: too few pairs say little about m
   * and u.
   */
  minEncodings?: number;
}

export const DEFAULT_MIN_ENCODINGS = 2000;

/** What a fit gives a schema and key version. */
export interface FitResult {
  /**
   * The model to score the version with: its own fit; the default model when it holds fewer than
   * `minEncodings` and is of the default model's schema; else null (the record filter's Dice).
   */
  model: FieldModel | null;
  /** Encodings with field filters the version held when the fit counted them. */
  encodings: number;
}

/** The default model, for versions of its schema too small to fit their own. */
export const DEFAULT_FIELD_MODEL: FieldModel = {
  schema: defaultModel.schema,
  weights: defaultModel.weights,
  priorWeight: defaultModel.priorWeight,
  report: { ...defaultModel.report, source: 'default' },
};

/**
 * The default model when `schema` is the one it was fitted for, else null: its weights say how
 * that schema's comparisons agree, and never apply to another schema's encodings.
 */
export function defaultFieldModel(schema: string): FieldModel | null {
  return schema === DEFAULT_FIELD_MODEL.schema ? DEFAULT_FIELD_MODEL : null;
}

type Drawn = FieldSide & { id: string };

/** Encodings with field filters the schema and key version holds (one count over them). */
export async function countFieldEncodings(
  db: Kysely<IndexSchema>,
  schema: string,
  key: string,
): Promise<number> {
  const held = await sql<{ n: string }>`
    select count(*)::text as n from encodings e join publications p on p.id = e.publication_id
     where p.schema_id = ${schema} and p.key_id = ${key} and not p.withdrawn and e.fields is not null`.execute(
    db,
  );
  return Number(held.rows[0]!.n);
}

/**
 * Fit the model for (schema, key) on its own encodings (see {@link FitResult} for what a version
 * too small to fit gets). `signal` stops the fit between its queries (the index is closing).
 * @throws the database's error, or the signal's reason once aborted
 */
export async function fitIndexFieldModel(
  db: Kysely<IndexSchema>,
  schema: string,
  key: string,
  opts: FitOptions = {},
  signal?: AbortSignal,
): Promise<FitResult> {
  const encodings = await countFieldEncodings(db, schema, key);
  if (encodings < (opts.minEncodings ?? DEFAULT_MIN_ENCODINGS)) {
    const d = encodings === 0 ? null : defaultFieldModel(schema);
    return { model: d === null ? null : { ...d, report: { ...d.report, encodings } }, encodings };
  }
  signal?.throwIfAborted();
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
    signal?.throwIfAborted();
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
  return {
    model: fitFieldModel({ schema, random, candidates, queries: queries.length, encodings }),
    encodings,
  };
}
