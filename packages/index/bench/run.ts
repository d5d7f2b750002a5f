/**
 * `npm run bench:index`: the involvement index at scale, on PGlite and PostgreSQL.
 *
 *   npm run bench:index -- [--sizes 1000000,2000000] [--engines postgres,pglite] [--lookups 300]
 *     [--publish 2000] [--accuracy 50000] [--postgres-url URL] [--database NAME] [--rebuild]
 *
 * The population: `@waypoint/linkage`'s generator in chunks of 250,000 records (each child known
 * to one to five agencies, each record with its own recording errors), encoded once with
 * `@waypoint/pprl` under the default schema and cached as JSON Lines in `.bench/`. Each engine's
 * index is grown once (bulk loaded, see README) and kept: PGlite in `.bench/pglite/`, PostgreSQL
 * in the database `waypoint_index_bench`. A run measures every requested size the index can reach,
 * growing it in order; sizes already passed are reported from `.bench/results.json`.
 * Measured: publish throughput through `publish()` (1 and 50 callers), look-up p50/p95 and
 * look-ups/s through `lookup()` (with its audit and notices) at 1 and 50 callers, candidates per
 * look-up, disk and memory per million, and accuracy (true involvements found, wrong agencies
 * among those returned) on the big population and on the second, independent generator.
 */
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generatePeople, generateSecondSet } from '@waypoint/linkage';
import { defaultSchema, Encoder, encodingToJson, pprlRecordOf } from '@waypoint/pprl';
import { sql } from 'kysely';
import pg from 'pg';
import { openIndex, type OpenedLocalIndex } from '../src/open.ts';
import type { Candidate } from '../src/candidates.ts';
import { unpackFields } from '../src/field-filters.ts';
import { blockNumber, decide, type PairScorer, pairScore, readEncoding } from '../src/service.ts';
import type { IndexCaller, IndexPublication } from '../src/types.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,2000000' },
    engines: { type: 'string', default: 'postgres,pglite' },
    lookups: { type: 'string', default: '300' },
    publish: { type: 'string', default: '2000' },
    accuracy: { type: 'string', default: '50000' },
    'postgres-url': { type: 'string' },
    // The PostgreSQL database the index is grown in (created when missing).
    database: { type: 'string', default: 'waypoint_index_bench' },
    rebuild: { type: 'boolean', default: false },
    // For a quick check of the script itself: smaller chunks, another cache directory.
    chunk: { type: 'string', default: '250000' },
    dir: { type: 'string' },
  },
});
const SIZES = args.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ENGINES = args.engines.split(',') as ('postgres' | 'pglite')[];
const LOOKUPS = Number(args.lookups);
const PUBLISHES = Number(args.publish);
const ACCURACY = Number(args.accuracy);
const PG_BASE =
  args['postgres-url'] ??
  process.env.INDEX_BENCH_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/waypoint_index';
const CHUNK = Number(args.chunk);
const DIR = args.dir ?? new URL('../.bench/', import.meta.url).pathname;
mkdirSync(DIR, { recursive: true });
const SECRET = new TextEncoder().encode('index benchmark secret, fictional');
const encoder = new Encoder(defaultSchema(), SECRET);
const LAS = 150;
const THRESHOLDS = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];

const log = (s: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
};
const results: Record<string, unknown> = existsSync(join(DIR, 'results.json'))
  ? (JSON.parse(readFileSync(join(DIR, 'results.json'), 'utf8')) as Record<string, unknown>)
  : {};
const saveResults = (): void => {
  writeFileSync(join(DIR, 'results.json'), JSON.stringify(results, null, 2));
};

interface Row {
  ref: string;
  org: string;
  t: string;
  e: string;
}

const laOf = (trueId: string): number => {
  let h = 2166136261;
  for (const c of trueId) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % LAS;
};

/** Chunk k of the population, encoded (cached in .bench/). */
async function chunk(k: number): Promise<Row[]> {
  const file = join(DIR, `people-${CHUNK}-${k}.jsonl`);
  // Another run (the other engine) may be encoding this chunk: wait for it rather than redo it.
  let mine = false;
  while (!existsSync(file) && !mine) {
    try {
      closeSync(openSync(`${file}.part`, 'wx'));
      mine = true;
    } catch {
      log(`waiting for chunk ${k} (being encoded by another run)…`);
      await new Promise((r) => setTimeout(r, 15_000));
    }
  }
  if (mine) {
    log(`generating and encoding chunk ${k} (${CHUNK.toLocaleString()} records)…`);
    const people = generatePeople({ size: CHUNK, seed: 1500 + k });
    const lines: string[] = [];
    const t0 = Date.now();
    for (const [i, r] of people.entries()) {
      const t = `k${k}-${r.trueId}`;
      // The agency: its kind from the record's source, in the child's LA area.
      const org = `${r.source ?? 'school'}-${laOf(t)}`;
      lines.push(
        JSON.stringify({ ref: `k${k}-${r.id}`, org, t, e: encodingToJson(encoder.encode(pprlRecordOf(r))) }),
      );
      if (i % 50_000 === 49_999)
        log(`  chunk ${k}: ${i + 1} encoded (${Math.round((i + 1) / ((Date.now() - t0) / 1000))}/s)`);
    }
    writeFileSync(`${file}.tmp`, lines.join('\n') + '\n');
    renameSync(`${file}.tmp`, file);
    rmSync(`${file}.part`, { force: true });
  }
  const out: Row[] = [];
  const rl = createInterface({ input: createReadStream(file) });
  for await (const line of rl) if (line !== '') out.push(JSON.parse(line) as Row);
  return out;
}

const contact = { name: 'Duty desk', phone: '0300 000 0000', email: 'duty@agency.example' };

/** Bulk load rows (new refs only): set-based inserts of publications, encodings and block keys. */
async function bulkLoad(index: OpenedLocalIndex, rows: Row[]): Promise<void> {
  const db = index.database.db;
  const B = 5000;
  for (let s = 0; s < rows.length; s += B) {
    const part = rows.slice(s, s + B);
    const enc = part.map((r) => readEncoding(r.e));
    const ids = await sql<{ id: string; ref: string }>`
      insert into publications (organisation_id, ref, version, organisation_name, organisation_kind, service, role,
             contact_name, contact_phone, contact_email, since, shielded, schema_id, key_id, content_hash, withdrawn)
      select o, r, 1, o, split_part(o, '-', 1), 'Safeguarding', 'Lead professional', ${contact.name}, ${contact.phone},
             ${contact.email}, '2026-01-05'::date, false, ${enc[0]!.schema}, ${enc[0]!.key}, 'bulk', false
        from unnest(${part.map((r) => r.org)}::text[], ${part.map((r) => r.ref)}::text[]) as u(o, r)
      returning id::text as id, ref`.execute(db);
    const idOf = new Map(ids.rows.map((x) => [x.ref, x.id]));
    const pid = part.map((r) => idOf.get(r.ref)!);
    await sql`insert into encodings (publication_id, organisation_id, clk, dob, nhs_block, fields)
      select * from unnest(${pid}::bigint[], ${part.map((r) => r.org)}::text[],
        ${enc.map((e) => Buffer.from(e.clk))}::bytea[], ${enc.map((e) => (e.dob ? Buffer.from(e.dob) : null))}::bytea[],
        ${enc.map((e) => e.nhs)}::bigint[], ${enc.map((e) => (e.fields ? Buffer.from(e.fields) : null))}::bytea[])`.execute(
      db,
    );
    const bk: string[] = [];
    const bp: string[] = [];
    enc.forEach((e, i) => {
      for (const b of new Set(e.blocks.map(blockNumber))) {
        bk.push(b);
        bp.push(pid[i]!);
      }
    });
    await sql`insert into block_keys (block, publication_id)
      select * from unnest(${bk}::bigint[], ${bp}::bigint[]) on conflict do nothing`.execute(db);
  }
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function pool<T>(items: T[], concurrency: number, work: (t: T) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
  return (performance.now() - t0) / 1000;
}

const callerFor = (k: number): IndexCaller => ({
  userId: `bench-user-${k}`,
  name: 'Bench Caller',
  email: 'bench@caller.example',
  phone: null,
  organisationId: `caller-org-${k % 50}`,
  organisationName: `Caller organisation ${k % 50}`,
  laCode: null,
});

/** Accuracy of look-ups for sampled rows against the truth of their population. */
async function accuracy(index: OpenedLocalIndex, sample: Row[], byTrue: Map<string, Row[]>) {
  let want = 0;
  let found = 0;
  let returned = 0;
  let wrong = 0;
  let ambiguous = 0;
  const cands: number[] = [];
  let inCandidates = 0;
  const sweep = THRESHOLDS.map((t) => ({ threshold: t, found: 0, returned: 0, wrong: 0 }));
  // The same candidates scored by the record filter alone (the index before field scoring).
  const recordSweep = THRESHOLDS.map((t) => ({ threshold: t, found: 0, returned: 0, wrong: 0 }));
  const first = readEncoding(sample[0]!.e);
  // The fit the first look-up started in the background (look-ups never wait for it): wait here,
  // so that accuracy and latency are of the version's own model.
  const t0 = performance.now();
  const model = await index.client.fieldModelReady(first.schema, first.key);
  log(
    `field model ready ${round((performance.now() - t0) / 1000)} s later: ${JSON.stringify(model?.report ?? null)}`,
  );
  const scorer = index.client.scorer(model);
  const recordScorer = index.client.scorer(null);
  const tally = (
    w: { threshold: number; found: number; returned: number; wrong: number },
    c: Candidate[],
    truth: Set<string>,
    pair: PairScorer,
  ): void => {
    for (const m of decide(c, w.threshold, index.client.gap, pair).matched) {
      w.returned++;
      if (truth.has(m.ref)) w.found++;
      else w.wrong++;
    }
  };
  for (const r of sample) {
    const e = readEncoding(r.e);
    const truth = new Set((byTrue.get(r.t) ?? []).filter((x) => x.ref !== r.ref).map((x) => x.ref));
    const c = await index.client.candidates(e, [{ organisationId: r.org, ref: r.ref }], model);
    cands.push(c.length);
    for (const x of c) if (truth.has(x.ref)) inCandidates++;
    for (const w of sweep) tally(w, c, truth, scorer);
    const query = { ...e, fields: unpackFields(e.fields) };
    const byRecord = c.map((x) => ({ ...x, score: pairScore(query, x, null) }));
    for (const w of recordSweep) tally(w, byRecord, truth, recordScorer);
    const d = decide(c, index.client.threshold, index.client.gap, scorer);
    if (d.outcome === 'ambiguous') ambiguous++;
    want += truth.size;
    for (const m of d.matched) {
      returned++;
      if (truth.has(m.ref)) found++;
      else wrong++;
    }
  }
  return {
    lookups: sample.length,
    trueInvolvements: want,
    foundShare: round(found / Math.max(1, want), 4),
    wrongShare: round(wrong / Math.max(1, returned), 4),
    ambiguousShare: round(ambiguous / sample.length, 4),
    threshold: index.client.threshold,
    inCandidatesShare: round(inCandidates / Math.max(1, want), 4),
    sweep: sweep.map((w) => ({
      threshold: w.threshold,
      found: round(w.found / Math.max(1, want), 4),
      wrong: round(w.wrong / Math.max(1, w.returned), 4),
    })),
    recordFilterSweep: recordSweep.map((w) => ({
      threshold: w.threshold,
      found: round(w.found / Math.max(1, want), 4),
      wrong: round(w.wrong / Math.max(1, w.returned), 4),
    })),
    fieldModel: model?.report ?? null,
    candidatesMean: round(cands.reduce((a, b) => a + b, 0) / cands.length),
    candidatesP95: percentile(cands, 95),
  };
}

function dirBytes(d: string): number {
  let n = 0;
  for (const f of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, f.name);
    n += f.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

async function measure(engine: string, index: OpenedLocalIndex, size: number, rows: Row[]) {
  const byTrue = new Map<string, Row[]>();
  for (const r of rows.slice(0, CHUNK)) byTrue.set(r.t, [...(byTrue.get(r.t) ?? []), r]);
  // Sample look-ups among children known to more than one agency, and some known to one.
  const first = rows.slice(0, CHUNK);
  const sample: Row[] = [];
  for (let i = 0; sample.length < LOOKUPS && i < first.length; i += 97)
    sample.push(first[(i * 7919) % first.length]!);
  log(`${engine} ${size.toLocaleString()}: look-ups…`);
  // The first look-up of the version in this process: the one a model fit could hold up.
  const tFirst = performance.now();
  const firstLookup = await index.client.lookupScored({
    encoding: sample[0]!.e,
    caller: callerFor(0),
    reason: 'welfare_concern',
    reasonText: null,
    excludeRefs: [{ organisationId: sample[0]!.org, ref: sample[0]!.ref }],
  });
  const firstLookupMs = round(performance.now() - tFirst);
  log(
    `${engine} ${size.toLocaleString()}: first look-up ${firstLookupMs} ms, scored by ${firstLookup.scoredBy} (load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  const acc = await accuracy(index, sample, byTrue);
  const lat1: number[] = [];
  const secs1 = await pool(sample, 1, async (r) => {
    const t = performance.now();
    await index.client.lookup({
      encoding: r.e,
      caller: callerFor(lat1.length),
      reason: 'welfare_concern',
      reasonText: null,
      excludeRefs: [{ organisationId: r.org, ref: r.ref }],
    });
    lat1.push(performance.now() - t);
  });
  const lat50: number[] = [];
  let k = 0;
  const secs50 = await pool(sample, 50, async (r) => {
    const t = performance.now();
    await index.client.lookup({
      encoding: r.e,
      caller: callerFor(k++),
      reason: 'welfare_concern',
      reasonText: null,
      excludeRefs: [{ organisationId: r.org, ref: r.ref }],
    });
    lat50.push(performance.now() - t);
  });
  log(`${engine} ${size.toLocaleString()}: publishes…`);
  const stamp = Date.now();
  const pubs = sample
    .concat(sample, sample, sample, sample, sample, sample, sample)
    .slice(0, PUBLISHES)
    .map((r, i): IndexPublication => ({
      publisher: {
        organisationId: 'bench-publisher',
        organisationName: 'Bench publisher',
        kind: 'school',
        laCode: null,
      },
      ref: `pub-${stamp}-${i}`,
      version: 1,
      encoding: r.e,
      service: 'Safeguarding',
      role: 'Lead professional',
      contact,
      since: '2026-01-05',
      until: null,
      shielded: false,
    }));
  const half = Math.floor(pubs.length / 2);
  const pubSecs1 = await pool(pubs.slice(0, half), 1, async (p) => {
    await index.client.publish(p);
  });
  const pubSecs50 = await pool(pubs.slice(half), 50, async (p) => {
    await index.client.publish(p);
  });
  await pool(pubs, 10, async (p) =>
    index.client.withdraw({ organisationId: 'bench-publisher', ref: p.ref, version: 2 }),
  );
  let diskBytes: number;
  let tables: Record<string, number> = {};
  const sizes = await sql<{ name: string; bytes: string }>`
    select relname as name, pg_total_relation_size(oid)::text as bytes from pg_class
     where relname in ('publications', 'encodings', 'block_keys') and relkind = 'r'`.execute(
    index.database.db,
  );
  tables = Object.fromEntries(sizes.rows.map((r) => [r.name, Math.round(Number(r.bytes) / 1e6)]));
  if (engine === 'pglite') diskBytes = dirBytes(join(DIR, 'pglite'));
  else
    diskBytes = Number(
      (
        await sql<{ b: string }>`select pg_database_size(current_database())::text as b`.execute(
          index.database.db,
        )
      ).rows[0]!.b,
    );
  const mem = process.memoryUsage();
  return {
    engine,
    encodings: size,
    accuracy: acc,
    firstLookupMs,
    firstLookupScoredBy: firstLookup.scoredBy,
    lookup1: {
      p50ms: round(percentile(lat1, 50)),
      p95ms: round(percentile(lat1, 95)),
      perSecond: round(sample.length / secs1),
    },
    lookup50: {
      p50ms: round(percentile(lat50, 50)),
      p95ms: round(percentile(lat50, 95)),
      perSecond: round(sample.length / secs50),
    },
    publishPerSecond1: round(half / pubSecs1),
    publishPerSecond50: round((pubs.length - half) / pubSecs50),
    diskMBPerMillion: round(diskBytes / 1e6 / (size / 1e6)),
    tablesMB: tables,
    nodeRssMB: Math.round(mem.rss / 1e6),
    measuredAt: new Date().toISOString(),
    loadAverage: loadavg().map((x) => round(x, 2)),
  };
}

async function openEngine(engine: 'postgres' | 'pglite'): Promise<OpenedLocalIndex> {
  if (engine === 'pglite') {
    const d = join(DIR, 'pglite');
    if (args.rebuild) rmSync(d, { recursive: true, force: true });
    return openIndex({ dataDir: d });
  }
  const url = new URL(PG_BASE);
  const name = args.dir === undefined ? args.database : `${args.database}_check`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database ${name}: not a plain database name`);
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  if (args.rebuild) await admin.query(`drop database if exists ${name} with (force)`);
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return openIndex({ url: url.toString(), poolSize: 50 });
}

async function heldCount(index: OpenedLocalIndex): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*)::text as n from encodings where organisation_id <> 'bench-publisher'`.execute(
    index.database.db,
  );
  return Number(r.rows[0]!.n);
}

async function secondGeneratorAccuracy(index: OpenedLocalIndex) {
  log(`second generator: ${ACCURACY.toLocaleString()} records…`);
  const people = generateSecondSet({ size: ACCURACY, seed: 1515 });
  const enc = new Encoder(defaultSchema(), SECRET, { dateFormat: 'auto' });
  const rows: Row[] = people.map((r) => {
    const t = `s-${r.entity}`;
    return {
      ref: `s-${r.id}`,
      org: `second-${['school', 'health', 'police', 'social_care'][Number(r.id.slice(1)) % 4]}-${laOf(t)}`,
      t,
      e: encodingToJson(
        enc.encode({
          id: r.id,
          given_name: r.name_first || null,
          family_name: r.name_last || null,
          dob: r.birth || null,
          sex: r.gender || null,
          address: r.addr || null,
          town: r.town || null,
          postcode: r.pcode || null,
          phone: r.tel || null,
          email: r.mail || null,
        }),
      ),
    };
  });
  await bulkLoad(index, rows);
  const byTrue = new Map<string, Row[]>();
  for (const r of rows) byTrue.set(r.t, [...(byTrue.get(r.t) ?? []), r]);
  const sample = rows
    .filter((_, i) => i % Math.max(1, Math.floor(rows.length / LOOKUPS)) === 0)
    .slice(0, LOOKUPS);
  const acc = await accuracy(index, sample, byTrue);
  // Take them out again: the big index stays the big population.
  await sql`delete from publications where ref like 's-%'`.execute(index.database.db);
  return acc;
}

for (const engine of ENGINES) {
  const index = await openEngine(engine);
  try {
    let held = await heldCount(index);
    log(`${engine}: the index holds ${held.toLocaleString()} encodings`);
    let rows: Row[] = [];
    // Results are kept per PostgreSQL database, so indexes grown by different code stay apart.
    const label = engine === 'postgres' ? `postgres:${args.database}` : engine;
    for (const size of SIZES) {
      const key = `${label}-${size}`;
      if (held > size) {
        log(
          `${engine} ${size.toLocaleString()}: already passed (index holds ${held.toLocaleString()}); cached result ${results[key] ? 'reported' : 'missing'}`,
        );
        continue;
      }
      for (let k = 0; k < Math.ceil(size / CHUNK); k++) {
        const have = Math.min(CHUNK, Math.max(0, held - k * CHUNK));
        const part = await chunk(k);
        if (k === 0) rows = part;
        if (have >= part.length) continue;
        const t0 = Date.now();
        log(`${engine}: loading chunk ${k} (${(part.length - have).toLocaleString()} encodings)…`);
        await bulkLoad(index, part.slice(have));
        held += part.length - have;
        log(
          `${engine}: ${held.toLocaleString()} held (${Math.round((part.length - have) / ((Date.now() - t0) / 1000))}/s bulk)`,
        );
      }
      if (rows.length === 0) rows = await chunk(0);
      await sql`vacuum analyze`.execute(index.database.db);
      results[key] = await measure(engine, index, held, rows);
      saveResults();
      console.log(JSON.stringify(results[key]));
    }
    if (ACCURACY > 0 && !results[`${label}-second`]) {
      results[`${label}-second`] = { engine, size: ACCURACY, ...(await secondGeneratorAccuracy(index)) };
      saveResults();
    }
  } finally {
    await index.close();
  }
}

console.log('\nResults (also in packages/index/.bench/results.json):');
for (const [k, v] of Object.entries(results)) console.log(k, JSON.stringify(v));
