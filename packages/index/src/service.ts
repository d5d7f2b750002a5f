/**
 * The index over its database: publish, withdraw, look up, notices, look-ups on a publisher's
 * records. Candidates come from SQL (the btree of `block_keys`, by the query's blocking keys and
 * LSH bands, never a scan); they are scored in Node: field by field with Fellegi–Sunter weights
 * fitted on the index's own encodings when both sides carry field filters (src/field-model.ts),
 * else with `@waypoint/pprl`'s Dice of the record filters; the twin guard in both.
 */
import { type Candidate, fetchCandidates, type Scorable } from './candidates.ts';
import { appendAudit } from './audit.ts';
import { checkCpisFlags, publishCpisFlags } from './cpis-flags.ts';
import { compareFields, COMPARISONS, identifierAgrees } from './field-compare.ts';
import { packFields, unpackFields } from './field-filters.ts';
import { type FieldModel, matchProbability } from './field-model.ts';
import { type FieldModelOptions, FieldModels, type ScoredBy } from './field-models.ts';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, dice, EncodingFileError, parseEncodings, TWIN_GIVEN_NAME_DICE } from '@waypoint/pprl';
import type { Encoding } from '@waypoint/pprl';
import { type Kysely, type Transaction } from 'kysely';
import type { IndexSchema } from './db.ts';
export { appendAudit, verifyAudit } from './audit.ts';
import {
  lookupSchema,
  lookupsOnQuerySchema,
  noticesQuerySchema,
  parseInput,
  publicationSchema,
  withdrawalSchema,
} from './schemas.ts';
import {
  type CpisFlagCheck,
  type CpisFlagIndex,
  type CpisFlagHit,
  type CpisFlagPublication,
  type IndexAgency,
  type IndexCaller,
  type IndexClient,
  type IndexContact,
  IndexInputError,
  type IndexLookupAnswer,
  type IndexLookupQuery,
  type IndexLookupRecord,
  type IndexNotice,
  type IndexPublication,
  type IndexReason,
  type IndexWithdrawal,
} from './types.ts';

export interface MatchOptions {
  /** Score at or above which a candidate is a confident match. Default 0.85 (README: the sweep at 1M). */
  threshold?: number;
  /**
   * Ambiguity gap: when a candidate that is not the same child as the best one scores within this
   * of the best, the answer is 'ambiguous'. Default 0.05.
   */
  gap?: number;
  /**
   * How the field models are fitted (src/field-fit.ts) and kept (src/field-models.ts: look-ups
   * never wait for a fit; refit once the encodings double).
   */
  fieldModel?: FieldModelOptions;
}

const MAX_CLK_BYTES = 1024;
const MAX_DOB_BYTES = 128;
const MAX_BLOCKS = 64;

/** A parsed, checked encoding as the index keeps it. */
export interface HeldEncoding {
  schema: string;
  key: string;
  clk: Uint8Array;
  dob: Uint8Array | null;
  nhs: string | null;
  /** The field-level filters packed (src/field-filters.ts), or null when the encoding has none. */
  fields: Uint8Array | null;
  blocks: string[];
}

/** 64 bits of the SHA-256 of a blocking key, as a signed decimal (a PostgreSQL bigint). */
export function blockNumber(block: string): string {
  return createHash('sha256').update(block).digest().readBigInt64BE(0).toString();
}

/** Parse and check one encoding line. @throws IndexInputError */
export function readEncoding(json: string): HeldEncoding {
  let list: Encoding[];
  try {
    list = parseEncodings(json, 'encoding');
  } catch (err) {
    if (err instanceof EncodingFileError) throw new IndexInputError(err.message);
    throw err;
  }
  if (list.length !== 1) throw new IndexInputError('encoding: must be exactly one encoding');
  const e = list[0]!;
  if (e.clk.length > MAX_CLK_BYTES) throw new IndexInputError('encoding: "clk" is too long');
  if (e.dob !== null && (e.dob.length > MAX_DOB_BYTES || e.dob.length % 2 !== 0))
    throw new IndexInputError('encoding: "dob" has an impossible length');
  if (e.blocks.length === 0) throw new IndexInputError('encoding: no blocking keys');
  if (e.blocks.length > MAX_BLOCKS) throw new IndexInputError('encoding: too many blocking keys');
  for (const s of [e.schema, e.key, ...e.blocks])
    if (s.length > 200 || s.includes('\u0000'))
      throw new IndexInputError('encoding: a schema, key or blocking key is malformed');
  const blocks = [...new Set(e.blocks)];
  const n = blocks.find((b) => b.startsWith('n:'));
  return {
    schema: e.schema,
    key: e.key,
    clk: e.clk,
    dob: e.dob,
    nhs: n === undefined ? null : blockNumber(n),
    fields: packFields(e.fields),
    blocks,
  };
}

/** True when the twin guard stops the pair: same date of birth, given names clearly different. */
export function twinGuarded(a: Scorable, b: Scorable): boolean {
  if (a.dob === null || b.dob === null || a.dob.length !== b.dob.length) return false;
  const half = a.dob.length / 2;
  for (let k = 0; k < half; k++) if (a.dob[k] !== b.dob[k]) return false;
  const ga = a.dob.subarray(half);
  const gb = b.dob.subarray(half);
  if (ga.every((x) => x === 0) || gb.every((x) => x === 0)) return false;
  return dice(ga, gb) < TWIN_GIVEN_NAME_DICE;
}

/** A pair's score: a match probability under a field model, or Dice. */
export type PairScorer = (a: Scorable, b: Scorable) => number;

/**
 * The pair's score: two NHS-number keys decide outright (same 1, different 0). When `model` is
 * given and both sides carry field filters, their match probability under it (0 when a guard on
 * the comparison vector or the twin guard stops it, unless the NHS-number filters agree); else
 * the record filters' Dice, 0 when the twin guard stops it.
 */
export function pairScore(a: Scorable, b: Scorable, model: FieldModel | null = null): number {
  if (a.nhs !== null && b.nhs !== null) return a.nhs === b.nhs ? 1 : 0;
  if (model !== null && a.fields !== null && b.fields !== null) {
    const vec = compareFields(
      { fields: a.fields, dob: a.dob },
      { fields: b.fields, dob: b.dob },
      new Uint8Array(COMPARISONS.length),
    );
    if (!identifierAgrees(vec) && twinGuarded(a, b)) return 0;
    return matchProbability(model, vec);
  }
  if (twinGuarded(a, b)) return 0;
  return dice(a.clk, b.clk);
}

/** What a look-up decided, before anything is written. Exported for the benchmark. */
export interface Decision {
  outcome: 'answered' | 'ambiguous' | 'none';
  /** The confident matches of the child (same child as the best candidate). */
  matched: Candidate[];
  candidates: number;
}

/**
 * Decide a look-up from its scored candidates (see README: threshold and ambiguity gap); `pair`
 * scores two candidates against each other (are they the same child?), as they were scored.
 */
export function decide(
  candidates: Candidate[],
  threshold: number,
  gap: number,
  pair: PairScorer = (a, b) => pairScore(a, b),
): Decision {
  const scored = candidates.filter((c) => c.score >= threshold - gap).sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best === undefined || best.score < threshold)
    return { outcome: 'none', matched: [], candidates: candidates.length };
  const matched: Candidate[] = [best];
  for (const c of scored.slice(1)) {
    const sameChild = pair(best, c) >= threshold - gap || matched.some((m) => pair(m, c) >= threshold);
    if (sameChild) {
      if (c.score >= threshold) matched.push(c);
    } else if (c.score >= best.score - gap) {
      return { outcome: 'ambiguous', matched: [], candidates: candidates.length };
    }
  }
  return { outcome: 'answered', matched, candidates: candidates.length };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function contentHash(p: IndexPublication): string {
  return sha256(canonicalJson(p));
}

/** Store an encoding's rows for a publication (after deleting any previous ones). */
async function storeEncoding(
  trx: Transaction<IndexSchema>,
  publicationId: string,
  organisationId: string,
  e: HeldEncoding,
): Promise<void> {
  await trx
    .insertInto('encodings')
    .values({
      publication_id: publicationId,
      organisation_id: organisationId,
      clk: e.clk,
      dob: e.dob,
      nhs_block: e.nhs,
      fields: e.fields,
    })
    .execute();
  await trx
    .insertInto('block_keys')
    .values(
      [...new Set(e.blocks.map(blockNumber))].map((block) => ({ block, publication_id: publicationId })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const toIso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** The index over an open database: the in-process {@link IndexClient}. */
export class LocalIndex implements IndexClient, CpisFlagIndex {
  readonly threshold: number;
  readonly gap: number;
  /** Field models by schema and key version: derived from the rows, fitted in the background. */
  private readonly models: FieldModels;

  constructor(
    readonly db: Kysely<IndexSchema>,
    opts: MatchOptions = {},
  ) {
    this.threshold = opts.threshold ?? 0.85;
    this.gap = opts.gap ?? 0.05;
    this.models = new FieldModels(db, opts.fieldModel);
  }

  /**
   * The field model that scores a schema and key version's look-ups now, without waiting: its
   * last fit, or the default model of its schema until the first fit finishes (null: the record
   * filter). Starts the fit in the background when one is due (src/field-models.ts).
   */
  fieldModel(schema: string, key: string): FieldModel | null {
    return this.models.current(schema, key);
  }

  /**
   * Waits for the version's fit in flight (starting one when due, as a look-up would) and returns
   * the model that then scores it; never rejects (a failed fit is reported, the model in use kept).
   * For tests and the benchmark: look-ups never wait for it.
   */
  fieldModelReady(schema: string, key: string): Promise<FieldModel | null> {
    return this.models.ready(schema, key);
  }

  /** Stops the field-model fits in flight and waits for them (before the database closes). */
  close(): Promise<void> {
    return this.models.close();
  }

  /** The pair scorer of look-ups under `model` (the benchmark decides with it too). */
  scorer(model: FieldModel | null): PairScorer {
    return (a, b) => pairScore(a, b, model);
  }

  async publish(input: IndexPublication): Promise<{ status: 'stored' | 'unchanged' | 'stale' }> {
    const p = parseInput(publicationSchema, input, 'publication');
    const e = readEncoding(p.encoding);
    const hash = contentHash(p);
    const org = p.publisher.organisationId;
    let added = false;
    const result = await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('publications')
        .values({ organisation_id: org, ref: p.ref, version: -1, withdrawn: true })
        .onConflict((oc) => oc.columns(['organisation_id', 'ref']).doNothing())
        .execute();
      const held = await trx
        .selectFrom('publications')
        .select(['id', 'version', 'content_hash', 'withdrawn'])
        .where('organisation_id', '=', org)
        .where('ref', '=', p.ref)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (held.version > p.version) return { status: 'stale' as const };
      if (held.version === p.version)
        return { status: held.content_hash === hash ? 'unchanged' : 'stale' } as const;
      // A new encoding (not a new version of one held) grows the version the field model counts.
      added = held.withdrawn;
      const id = String(held.id);
      await trx.deleteFrom('block_keys').where('publication_id', '=', id).execute();
      await trx.deleteFrom('encodings').where('publication_id', '=', id).execute();
      await trx
        .updateTable('publications')
        .set({
          version: p.version,
          organisation_name: p.publisher.organisationName,
          organisation_kind: p.publisher.kind,
          la_code: p.publisher.laCode,
          service: p.service,
          role: p.role,
          contact_name: p.contact.name,
          contact_phone: p.contact.phone,
          contact_email: p.contact.email,
          since: p.since,
          until: p.until,
          shielded: p.shielded,
          schema_id: e.schema,
          key_id: e.key,
          content_hash: hash,
          withdrawn: false,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await storeEncoding(trx, id, org, e);
      return { status: 'stored' as const };
    });
    if (added && e.fields !== null) this.models.stored(e.schema, e.key);
    return result;
  }

  async withdraw(input: IndexWithdrawal): Promise<void> {
    const w = parseInput(withdrawalSchema, input, 'withdrawal');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('publications')
        .values({ organisation_id: w.organisationId, ref: w.ref, version: -1, withdrawn: true })
        .onConflict((oc) => oc.columns(['organisation_id', 'ref']).doNothing())
        .execute();
      const held = await trx
        .selectFrom('publications')
        .select(['id', 'version'])
        .where('organisation_id', '=', w.organisationId)
        .where('ref', '=', w.ref)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (held.version > w.version) return;
      const id = String(held.id);
      await trx.deleteFrom('block_keys').where('publication_id', '=', id).execute();
      await trx.deleteFrom('encodings').where('publication_id', '=', id).execute();
      // Erasure: only the tombstone (organisation, reference, version) stays, so that a stale
      // publish arriving later is still ignored; the audit keeps references, never identity.
      await trx
        .updateTable('publications')
        .set({
          version: w.version,
          organisation_name: null,
          organisation_kind: null,
          la_code: null,
          service: null,
          role: null,
          contact_name: null,
          contact_phone: null,
          contact_email: null,
          since: null,
          until: null,
          shielded: false,
          schema_id: null,
          key_id: null,
          content_hash: null,
          withdrawn: true,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, w.organisationId, 'withdrawal', { ref: w.ref, version: w.version });
    });
  }

  /**
   * The candidates of a query (SQL by blocking keys), scored under `model` (the version's field
   * model when left out; null scores by the record filter). Exported for the benchmark.
   */
  async candidates(
    e: HeldEncoding,
    exclude: { organisationId: string; ref: string }[] = [],
    model?: FieldModel | null,
  ): Promise<Candidate[]> {
    const m = model !== undefined ? model : e.fields === null ? null : this.fieldModel(e.schema, e.key);
    if (m !== null && m.schema !== e.schema)
      throw new TypeError(`a field model of schema ${m.schema} cannot score encodings of ${e.schema}`);
    const found = await fetchCandidates(this.db, [...new Set(e.blocks.map(blockNumber))], e.schema, e.key);
    const query: Scorable = { ...e, fields: unpackFields(e.fields) };
    const skip = new Set(exclude.map((x) => `${x.organisationId}\u0000${x.ref}`));
    const out = found.filter((c) => !skip.has(`${c.organisation_id}\u0000${c.ref}`));
    for (const c of out) c.score = pairScore(query, c, m);
    return out;
  }

  async lookup(input: IndexLookupQuery): Promise<IndexLookupAnswer> {
    return (await this.lookupScored(input)).answer;
  }

  /**
   * A look-up, and which model scored it (`scoredBy`: the version's fitted model, the default
   * model while the first fit runs or the version is small, or the record filter). The answer
   * never says it: it is for tests and the operator, as `lookup` is for callers.
   */
  async lookupScored(input: IndexLookupQuery): Promise<{ answer: IndexLookupAnswer; scoredBy: ScoredBy }> {
    const q = parseInput(lookupSchema, input, 'look-up');
    const e = readEncoding(q.encoding);
    const model = e.fields === null ? null : this.fieldModel(e.schema, e.key);
    const scoredBy: ScoredBy = model === null ? 'record_filter' : model.report.source;
    const decision = decide(
      await this.candidates(e, q.excludeRefs, model),
      this.threshold,
      this.gap,
      this.scorer(model),
    );
    const lookupId = randomUUID();
    const disclosed = decision.matched.filter((c) => !c.shielded);
    const shielded = decision.matched.filter((c) => c.shielded);
    const outcome = decision.outcome === 'answered' && disclosed.length === 0 ? 'none' : decision.outcome;
    const agencies = groupAgencies(disclosed);
    const returned = disclosed.map((c) => ({ organisationId: c.organisation_id, ref: c.ref }));
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('lookups')
        .values({
          id: lookupId,
          caller_organisation_id: q.caller.organisationId,
          caller: JSON.stringify(q.caller),
          reason: q.reason,
          reason_text: q.reasonText,
          outcome,
          returned: JSON.stringify(returned),
        })
        .execute();
      const hits = [
        ...disclosed.map((c) => ({ c, disclosed: true })),
        ...shielded.map((c) => ({ c, disclosed: false })),
      ];
      if (hits.length > 0) {
        await trx
          .insertInto('lookup_hits')
          .values(
            hits.map((h) => ({
              lookup_id: lookupId,
              organisation_id: h.c.organisation_id,
              ref: h.c.ref,
              disclosed: h.disclosed,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
        await trx
          .insertInto('notices')
          .values(
            hits.map((h) => ({
              organisation_id: h.c.organisation_id,
              kind: h.disclosed ? 'lookup_on_records' : 'shielded_hit',
              ref: h.c.ref,
              lookup_id: lookupId,
              caller: JSON.stringify(q.caller),
              reason: q.reason,
              reason_text: q.reasonText,
              shielded_contact: h.disclosed
                ? null
                : JSON.stringify({
                    name: h.c.contact_name,
                    phone: h.c.contact_phone,
                    email: h.c.contact_email,
                  }),
            })),
          )
          .execute();
      }
      await appendAudit(trx, q.caller.organisationId, 'lookup', {
        lookupId,
        caller: q.caller,
        reason: q.reason,
        reasonText: q.reasonText,
        outcome,
        returned,
      });
    });
    if (outcome === 'answered') return { answer: { outcome, agencies, lookupId }, scoredBy };
    return { answer: { outcome, lookupId }, scoredBy };
  }

  async notices(input: {
    organisationId: string;
    after: string | null;
    limit?: number;
  }): Promise<IndexNotice[]> {
    const q = parseInput(noticesQuerySchema, input, 'notices');
    let query = this.db
      .selectFrom('notices')
      .selectAll()
      .where('organisation_id', '=', q.organisationId)
      .orderBy('id')
      .limit(q.limit ?? 100);
    if (q.after !== null) query = query.where('id', '>', q.after);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: String(r.id),
      organisationId: r.organisation_id,
      at: toIso(r.at),
      kind: r.kind as IndexNotice['kind'],
      ref: r.ref,
      caller: r.caller as IndexCaller,
      reason: r.reason as IndexReason,
      reasonText: r.reason_text,
      shieldedContact: (r.shielded_contact ?? null) as IndexContact | null,
    }));
  }

  publishCpisFlags(p: CpisFlagPublication): Promise<{ status: 'stored' | 'stale' }> {
    return publishCpisFlags(this.db, p);
  }

  checkCpisFlags(q: CpisFlagCheck): Promise<CpisFlagHit[]> {
    return checkCpisFlags(this.db, q);
  }

  async lookupsOn(input: { organisationId: string; from: string; to: string }): Promise<IndexLookupRecord[]> {
    const q = parseInput(lookupsOnQuerySchema, input, 'look-ups on records');
    const rows = await this.db
      .selectFrom('lookup_hits as h')
      .innerJoin('lookups as l', 'l.id', 'h.lookup_id')
      .select(['l.id', 'l.at', 'l.caller', 'l.reason', 'l.reason_text', 'h.ref', 'h.disclosed'])
      .where('h.organisation_id', '=', q.organisationId)
      .where('l.at', '>=', new Date(`${q.from}T00:00:00Z`))
      .where('l.at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000))
      .orderBy('l.at')
      .orderBy('h.ref')
      .execute();
    const byId = new Map<string, IndexLookupRecord>();
    for (const r of rows) {
      let rec = byId.get(r.id);
      if (rec === undefined) {
        rec = {
          lookupId: r.id,
          at: toIso(r.at),
          caller: r.caller as IndexCaller,
          reason: r.reason as IndexReason,
          reasonText: r.reason_text,
          refs: [],
          disclosed: false,
        };
        byId.set(r.id, rec);
      }
      rec.refs.push(r.ref);
      rec.disclosed ||= r.disclosed;
    }
    return [...byId.values()];
  }
}

/** One agency entry per distinct (organisation, service, role, contact, dates), by organisation. */
function groupAgencies(cs: Candidate[]): IndexAgency[] {
  const seen = new Map<string, IndexAgency>();
  for (const c of cs) {
    const a: IndexAgency = {
      organisation: c.organisation_name,
      service: c.service,
      role: c.role,
      contact: { name: c.contact_name, phone: c.contact_phone, email: c.contact_email },
      since: c.since,
      until: c.until,
      laCode: c.la_code,
    };
    seen.set(JSON.stringify(a), a);
  }
  return [...seen.values()].sort(
    (x, y) =>
      x.organisation.localeCompare(y.organisation) ||
      x.service.localeCompare(y.service) ||
      x.since.localeCompare(y.since),
  );
}
