/**
 * Generates a fictional LA through the domain model: the demo borough (990) with `children`
 * generated children and its neighbour (991) with a twentieth as many, deterministic from the seed
 * number (and `today`). Each family is written in its own tenant transaction. An LA already
 * generated (its seed user has created people) is left alone.
 *
 * @example await generateFictionalLas(db, { children: 300, seed: 1 })
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { DEMO_LA_CODE, DEMO_NEIGHBOUR_LA_CODE } from '../demo-accounts.ts';
import type { Action } from './actions.ts';
import { castFor, type CorpusLine } from './corpus.ts';
import { generateFamily, type Family } from './family.ts';
import { JourneyPlanner } from './journey-plan.ts';
import { asLongChildFamily, LONG_CHILD_ID, planLongChild } from './long-child.ts';
import type { Professional } from './narrative.ts';
import { professionalName } from './names.ts';
import { areaFor } from './places.ts';
import { addDays, daysBetween, Random } from './random.ts';
import { ensureWorkforce, seedUserEmail } from './workforce.ts';
import { writeFamily, type PlannedFamily, type Workforce, type WrittenText } from './write-family.ts';

export { LONG_CHILD_ID };

export interface GenerateOptions {
  children: number;
  seed: number;
  /** The generated data ends here (YYYY-MM-DD); default today. Same seed and today, same data. */
  today?: string;
  /** Add the child with ~1,000 timeline events. Default: when children ≥ 10,000. */
  longChild?: boolean;
  /** Children for the neighbouring LA; default a twentieth of `children` (at least 5). */
  neighbourChildren?: number;
  /** Families written at once (PostgreSQL benefits; PGlite has one connection). */
  concurrency?: number;
  onCorpus?: (line: CorpusLine) => void;
  onProgress?: (p: Progress) => void;
  /**
   * Stops between families (the families written so far stay committed; the next run carries on
   * where this one stopped). Between families the generator also yields to the event loop, so a
   * server generating its demo in the background keeps answering.
   */
  signal?: AbortSignal;
}

export interface Progress {
  laCode: string;
  children: number;
  total: number;
  people: number;
  events: number;
  ms: number;
}

export interface GeneratedLa extends Progress {
  skipped: boolean;
  longChildId: string | null;
}

/** Whether `laCode` has been generated before (its seed user has created people). */
export async function isGenerated(db: Kysely<Schema>, laCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .innerJoin('users', 'users.id', 'people.created_by')
    .select('people.id')
    .where('users.email', '=', seedUserEmail(laCode))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The day a generation began: the day its seed user was made in the demo borough. A run that was
 * stopped carries on with the same day, so it plans the same families.
 */
async function generationDay(db: Kysely<Schema>): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('created_at')
    .where(sql<string>`lower(email)`, '=', seedUserEmail(DEMO_LA_CODE))
    .executeTakeFirst();
  return row === undefined ? undefined : new Date(row.created_at).toISOString().slice(0, 10);
}

/** Ids of the people the LA's seed user has written. */
async function writtenPeople(db: Kysely<Schema>, laCode: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('users', 'users.id', 'people.created_by')
    .select('people.id')
    .where('people.la_code', '=', laCode)
    .where(sql<string>`lower(users.email)`, '=', seedUserEmail(laCode))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether every planned family of `laCode` has been written (its last family is there). */
async function isComplete(
  db: Kysely<Schema>,
  laCode: string,
  total: number,
  o: { seed: number; today: string },
): Promise<boolean> {
  if (!(await isGenerated(db, laCode))) return false;
  const w = await ensureWorkforce(db, laCode, total, o.seed);
  let children = 0;
  let last: PlannedFamily | undefined;
  for (let index = 0; children < total; index++) {
    last = plan(o, w, laCode, index, total - children);
    children += last.family.subjects.length;
  }
  const written = await writtenPeople(db, laCode);
  return last === undefined || written.has(last.family.members[0]!.id);
}

export async function generateFictionalLas(db: Kysely<Schema>, o: GenerateOptions): Promise<GeneratedLa[]> {
  const today = o.today ?? (await generationDay(db)) ?? new Date().toISOString().slice(0, 10);
  const neighbour = o.neighbourChildren ?? Math.max(5, Math.ceil(o.children / 20));
  // The neighbour is generated last: when its last family is there, both LAs are complete.
  if (await isComplete(db, DEMO_NEIGHBOUR_LA_CODE, neighbour, { seed: o.seed, today })) {
    const skipped = (laCode: string, total: number): GeneratedLa => ({
      laCode,
      children: 0,
      total,
      people: 0,
      events: 0,
      ms: 0,
      skipped: true,
      longChildId: null,
    });
    return [skipped(DEMO_LA_CODE, o.children), skipped(DEMO_NEIGHBOUR_LA_CODE, neighbour)];
  }
  const results = [
    await generateLa(db, DEMO_LA_CODE, o.children, {
      ...o,
      today,
      longChild: o.longChild ?? o.children >= 10_000,
    }),
    await generateLa(db, DEMO_NEIGHBOUR_LA_CODE, neighbour, { ...o, today, longChild: false }),
  ];
  // Fresh statistics for the planner. PGlite has no autovacuum to gather them, and without them a
  // search over tens of thousands of people is planned as if the tables were empty.
  if (results.some((r) => !r.skipped)) await sql`analyze`.execute(db);
  return results;
}

async function generateLa(
  db: Kysely<Schema>,
  laCode: string,
  total: number,
  o: GenerateOptions & { today: string; longChild: boolean },
): Promise<GeneratedLa> {
  const started = performance.now();
  const p: Progress = { laCode, children: 0, total, people: 0, events: 0, ms: 0 };
  const w = await ensureWorkforce(db, laCode, total, o.seed);
  // Families already written by an earlier run that was stopped are planned again but not written.
  const written = await writtenPeople(db, laCode);
  let wrote = false;
  const reason = `seed ${o.seed}: generated fictional person`;
  let next = 0;
  let lastReport = 0;
  const take = () => {
    if (p.children + queued >= total) return null;
    const index = next++;
    const family = plan(o, w, laCode, index, total - p.children - queued);
    queued += family.family.subjects.length;
    return family;
  };
  let queued = 0;
  const write = async (f: PlannedFamily) => {
    o.signal?.throwIfAborted();
    const already = written.has(f.family.members[0]!.id);
    const done = already
      ? { people: 0, events: 0 }
      : await writeFamily(db, w, f, reason, o.onCorpus && corpusSink(o.onCorpus, laCode, f, w));
    wrote ||= !already;
    queued -= f.family.subjects.length;
    p.children += f.family.subjects.length;
    p.people += done.people;
    p.events += done.events;
    const now = performance.now();
    if (o.onProgress && now - lastReport > 1000) {
      lastReport = now;
      o.onProgress({ ...p, ms: now - started });
    }
    // PGlite answers in microtasks: without a macrotask here, requests would wait for the whole LA.
    if (!already) await new Promise((resolve) => setImmediate(resolve));
  };
  const run = async () => {
    for (let f = take(); f !== null; f = take()) await write(f);
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, run));
  let longChildId: string | null = null;
  if (o.longChild) {
    await write(planLong(o, w, laCode));
    longChildId = LONG_CHILD_ID;
  }
  const result = { ...p, ms: performance.now() - started };
  o.onProgress?.(result);
  return { ...result, skipped: !wrote, longChildId };
}

function professionals(r: Random, worker: string): Omit<Professional, 'key'>[] {
  const [given, ...family] = worker.split(' ');
  const pro = () => {
    const n = professionalName(r);
    return { given: n.given, family: n.family, title: r.pick(['Mrs', 'Ms', 'Mr', 'Miss']) };
  };
  return [{ given: given!, family: family.join(' '), title: '' }, pro(), pro(), pro()];
}

/** Generates family `index` and plans each child's journey. Pure: no database. */
export function plan(
  o: { seed: number; today: string },
  w: Pick<Workforce, 'caseWorkers'>,
  laCode: string,
  index: number,
  maxChildren: number,
): PlannedFamily {
  const area = areaFor(laCode);
  const r = Random.of(o.seed, laCode, 'family', index);
  const block = laCode === DEMO_LA_CODE ? 0 : 1;
  const issuingLa = laCode === DEMO_LA_CODE ? '001' : '002';
  const family = generateFamily(r, { index, area, block, issuingLa, today: o.today, maxChildren });
  const workerIndex = r.int(0, 1_000_000);
  return { family, worker: workerIndex, plans: planJourneys(o, w, laCode, family, workerIndex, r) };
}

function planJourneys(
  o: { seed: number; today: string },
  w: Pick<Workforce, 'caseWorkers'>,
  laCode: string,
  family: Family,
  workerIndex: number,
  r: Random,
  long = false,
): Map<string, Action[]> {
  const windowStart = addDays(o.today, -3 * 365);
  const youngest = family.subjects
    .map((s) => s.input.dateOfBirth)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  const lo =
    youngest !== undefined && addDays(youngest, 3) > windowStart ? addDays(youngest, 3) : windowStart;
  const from =
    family.structure === 'expecting'
      ? addDays(o.today, -r.int(5, 140))
      : addDays(lo, r.int(0, Math.max(0, daysBetween(lo, o.today) - 1)));
  const [worker, teacher, healthVisitor, officer] = professionals(
    Random.of(o.seed, laCode, 'pros', family.index),
    w.caseWorkers[workerIndex % w.caseWorkers.length]!.name,
  ) as [
    Omit<Professional, 'key'>,
    Omit<Professional, 'key'>,
    Omit<Professional, 'key'>,
    Omit<Professional, 'key'>,
  ];
  const scene = {
    worker: { ...worker, key: 'worker' },
    teacher: { ...teacher, key: 'teacher' },
    healthVisitor: { ...healthVisitor, key: 'hv' },
    officer: { ...officer, key: 'officer' },
    hospital: areaFor(laCode).hospital,
  };
  const plans = new Map<string, Action[]>();
  for (const child of family.subjects) {
    const input = {
      fam: Random.of(o.seed, laCode, 'path', family.index),
      r: Random.of(o.seed, laCode, 'child', family.index, child.key),
      family,
      child,
      scene,
      today: o.today,
      from,
    };
    plans.set(child.key, long ? planLongChild(input) : new JourneyPlanner(input).plan());
  }
  return plans;
}

function planLong(o: { seed: number; today: string }, w: Workforce, laCode: string): PlannedFamily {
  for (let attempt = 0; ; attempt++) {
    const r = Random.of(o.seed, laCode, 'long-child', attempt);
    const f = generateFamily(r, {
      index: 20_800 - attempt,
      area: areaFor(laCode),
      block: 0,
      issuingLa: '001',
      today: o.today,
      maxChildren: 1,
    });
    if (f.subjects[0]?.input.kind !== 'child') continue;
    const family = asLongChildFamily(f, o.today);
    // The demo social worker (case worker 0 in the demo borough) holds the long child.
    return { family, worker: 0, plans: planJourneys(o, w, laCode, family, 0, r, true) };
  }
}

function corpusSink(emit: (l: CorpusLine) => void, laCode: string, f: PlannedFamily, w: Workforce) {
  const casts = new Map<string, CorpusLine['cast']>();
  const worker = w.caseWorkers[f.worker % w.caseWorkers.length]!.name;
  return (t: WrittenText) => {
    let cast = casts.get(t.personId);
    if (cast === undefined) {
      cast = castFor(f.family, t.personId, worker);
      casts.set(t.personId, cast);
    }
    emit({
      id: `${t.table}/${t.id}/${t.field}`,
      laCode,
      personId: t.personId,
      table: t.table,
      field: t.field,
      text: t.text.text,
      gold: t.text.gold,
      cast,
    });
  };
}
