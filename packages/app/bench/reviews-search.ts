/**
 * `npm run bench:reviews-search [-- --reviews N --min-pages A --max-pages B --rounds R --postgres URL]`:
 * the public repository's search over generated published reviews (fictional, already anonymised,
 * `review-repository/generate.ts`), each published through publishReview (sections indexed for
 * full-text search), on PGlite in a temp dir or on an empty PostgreSQL database. Then the public search
 * (`searchReviews`, the page of 20 with ranked, highlighted extracts, as /reviews and the API run
 * it) for a fixed mix of queries, with and without filters, each run --rounds times; prints p50
 * and p95 per kind and overall. A PostgreSQL database it loaded before is searched as it is. Aim: p95 ≤ 50 ms over 2,000 reviews of 30 to 120 pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Actor } from '../src/auth/actor.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { inTenant } from '../src/db/tenant.ts';
import { generateReview } from '../src/review-repository/generate.ts';
import { publishReview } from '../src/review-repository/publish.ts';
import { searchReviews, type ReviewFilters } from '../src/review-repository/search.ts';
import { buildLocalAuthority, buildUser } from '../test/support/factories.ts';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '2000' },
    'min-pages': { type: 'string', default: '30' },
    'max-pages': { type: 'string', default: '120' },
    rounds: { type: 'string', default: '5' },
    postgres: { type: 'string' },
  },
});
const REVIEWS = Number(values.reviews);
const MIN = Number(values['min-pages']);
const MAX = Number(values['max-pages']);
const ROUNDS = Number(values.rounds);
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-reviews-search-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
const engine = values.postgres === undefined ? 'PGlite' : 'PostgreSQL';
const db = database.db;
const tm = performance.now();
const applied = await migrate(db);
if (applied.length > 0)
  log(`migrations ${applied.join(', ')} applied in ${((performance.now() - tm) / 1000).toFixed(1)} s`);

const { n: already } = await db
  .selectFrom('published_reviews')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .executeTakeFirstOrThrow();
if (Number(already) >= REVIEWS) {
  // A PostgreSQL database this bench loaded before: search what is there.
  log(`bench:reviews-search on ${engine}: ${already} published reviews already loaded`);
} else {
  const la = await buildLocalAuthority(db, '993');
  const user = await buildUser(db, la, ['partnership_business_manager']);
  const actor: Actor = {
    userId: user.id,
    name: 'Bench Manager',
    email: user.email,
    organisationId: user.organisationId,
    laCode: user.laCode,
    roles: ['partnership_business_manager'],
    teamIds: [],
    via: 'cli',
  };

  log(`bench:reviews-search on ${engine}: publishing ${REVIEWS} reviews of ${MIN} to ${MAX} pages`);
  const t0 = performance.now();
  let words = 0;
  for (let i = 0; i < REVIEWS; i++) {
    const pages = MIN + ((i * 7919) % (MAX - MIN + 1));
    const input = generateReview({ seed: 10_000 + i, pages });
    words += input.sections.reduce((n, s) => n + s.text.split(' ').length, 0);
    await inTenant(db, actor.laCode, (tx) => publishReview(tx, actor, input));
    if ((i + 1) % 100 === 0) log(`  ${i + 1} published (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // As autovacuum would soon after (it is off on some machines, which would leave the lists'
  // index unreadable without the table: no index-only scans until the visibility map is set).
  await sql`vacuum analyze`.execute(db);
  const loadSeconds = (performance.now() - t0) / 1000;
  log(
    `  ${REVIEWS} reviews, ${(words / 1e6).toFixed(1)} million words (${Math.round(words / 500 / REVIEWS)} pages each on average) in ${loadSeconds.toFixed(0)} s`,
  );
}

// Words from the generated reviews (common, in most sections) and from real reviews (rare or absent).
const kinds: Record<string, ReviewFilters[]> = {
  'one common word': [{ q: 'bruising' }, { q: 'housing' }, { q: 'supervision' }],
  'a phrase': [
    { q: '"strategy discussion"' },
    { q: 'professional curiosity' },
    { q: 'missed health appointments' },
  ],
  'a rare or absent word': [{ q: 'trampoline' }, { q: 'hearing aid' }, { q: 'interpreter' }],
  'words and filters': [
    { q: 'domestic abuse', theme: ['domestic-abuse'] },
    { q: 'self-harm', year: 2024, ageBand: ['11-15'] },
    { q: 'neglect', region: ['london', 'south-east'] },
  ],
  'filters only': [{ theme: ['neglect'] }, { year: 2023, reviewType: ['local-cspr'] }, {}],
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
// One warm-up pass (first reads of the index), not counted.
for (const list of Object.values(kinds))
  for (const f of list) await searchReviews(db, f, { page: 1, perPage: 20 });
const all: number[] = [];
log('');
log(
  `${'query'.padEnd(24)} ${'runs'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} hits (first query)`,
);
for (const [kind, list] of Object.entries(kinds)) {
  const times: number[] = [];
  let firstTotal = 0;
  for (let r = 0; r < ROUNDS; r++)
    for (const [j, f] of list.entries()) {
      const s = performance.now();
      const found = await searchReviews(db, f, { page: 1, perPage: 20 });
      times.push(performance.now() - s);
      if (r === 0 && j === 0) firstTotal = found.total;
    }
  all.push(...times);
  log(
    `${kind.padEnd(24)} ${String(times.length).padStart(5)} ${pct(times, 50).toFixed(1).padStart(8)} ${pct(times, 95).toFixed(1).padStart(8)} ${firstTotal}`,
  );
}
log(
  `${'all'.padEnd(24)} ${String(all.length).padStart(5)} ${pct(all, 50).toFixed(1).padStart(8)} ${pct(all, 95).toFixed(1).padStart(8)}`,
);
log('');
log(`aim: p95 ≤ 50 ms: ${pct(all, 95) <= 50 ? 'met' : 'NOT met'} on ${engine}`);
// How far the per-word lists' answers agree with ranking every matching section exactly: the share
// of the exact first page that the page shown also has, and the totals (~ marks an estimate).
log('');
log(`${'query'.padEnd(36)} ${'same top 20'.padStart(11)} ${'total'.padStart(8)} ${'exact'.padStart(8)}`);
for (const list of Object.values(kinds))
  for (const f of list) {
    if (f.q === undefined) continue;
    const shown = await searchReviews(db, f, { page: 1, perPage: 20 });
    const exact = await searchReviews(db, f, { page: 1, perPage: 20 }, { exact: true });
    const ids = new Set(shown.hits.map((h) => h.id));
    const same = exact.hits.filter((h) => ids.has(h.id)).length;
    const label = JSON.stringify(f).slice(0, 36);
    log(
      `${label.padEnd(36)} ${`${same}/${exact.hits.length}`.padStart(11)} ${`${shown.isEstimate ? '~' : ''}${shown.total}`.padStart(8)} ${String(exact.total).padStart(8)}`,
    );
  }
log('');
await database.close();
rmSync(dir, { recursive: true, force: true });
