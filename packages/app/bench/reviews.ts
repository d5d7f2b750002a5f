/**
 * `npm run bench:reviews`: redaction of a long learning review end to end in the app, in process on
 * a real database (PGlite in a temp dir, or --postgres URL): a fictional review of --pages pages
 * (about 3,300 characters a page) naming the subject child, the household and the professionals
 * held in the record, saved as a report version; then the review screen rendered (the cast built
 * from the record, detection, decisions applied, residual risk, the publishable text re-checked),
 * a decision applied and the screen rendered again, and the publishable text produced.
 * Aim: the 300-page review redacted and ready to review (the first screen) in under 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { saveDraft } from '../src/learning-reviews/drafts.ts';
import { readRedaction, recordDecision } from '../src/learning-reviews/redaction-decisions.ts';
import type { RedactionState } from '../src/learning-reviews/redaction.ts';
import { sessionCookie } from '../test/support/factories.ts';
import { buildReviewsWorld } from '../test/support/reviews-world.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '300' }, postgres: { type: 'string' } },
});
const PAGES = Number(values.pages);
const log = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'waypoint-bench-reviews-'));
const database = await openDatabase({ databaseUrl: values.postgres, dataDir: dir });
await migrate(database.db);
const engine = values.postgres === undefined ? 'PGlite' : 'PostgreSQL';
const app = await buildApp({
  config: { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), databaseUrl: values.postgres },
  database,
});
await app.ready();

log(`bench:reviews on ${engine}: setting up the record and a ${PAGES}-page review`);
const w = await buildReviewsWorld(database.db);
const id = await w.openReview(w.children.child1, w.users.reviewer, true);
const reviewer = w.as(w.users.reviewer, ['safeguarding_reviewer']);

// A fictional review in the shape of published ones: chronology-like paragraphs naming the family,
// professionals, places, dates and ages, with ordinary narrative between.
/** January … December, from the platform's own English calendar. */
const MONTHS = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
);
const sentences = [
  (d: string) => `On ${d} the health visitor saw Jayden Okafor at home with his mother Kerry Okafor.`,
  (d: string) => `Kerry told Sam Worker on ${d} that Jayden had been unsettled at nursery.`,
  (d: string) => `The nursery recorded a bruise to Jayden's cheek on ${d} and spoke to Mrs Okafor.`,
  () =>
    'Practitioners did not always share what they knew, and the assessment did not bring the picture together.',
  () => 'The strategy discussion considered the history and agreed a section 47 enquiry.',
  (d: string) => `Jayden, aged 5, told his teacher on ${d} that he was frightened when the adults argued.`,
  () => 'The review found that supervision focused on tasks rather than on what life was like for the child.',
  (d: string) =>
    `Police attended the home on ${d} after a neighbour called; Kerry Okafor said nothing had happened.`,
  () => 'Agencies held different parts of the picture, and nobody asked what the pattern meant.',
];
const paragraphs: string[] = ['# Child A, 2025', ''];
const target = PAGES * 3_300;
let size = 0;
for (let i = 0; size < target; i++) {
  const d = `${1 + (i % 28)} ${MONTHS[i % 12]} ${2020 + (i % 5)}`;
  if (i % 40 === 0) paragraphs.push(`## Part ${i / 40 + 1}`, '');
  const p = [0, 1, 2, 3].map((k) => sentences[(i + k * 3) % sentences.length]!(d)).join(' ');
  paragraphs.push(p, '');
  size += p.length + 2;
}
const body = paragraphs.join('\n');
await saveDraft(reviewer, id, { body, baseVersion: '0' });
log(`  report saved: ${(body.length / 1e6).toFixed(2)} MB (${PAGES} pages at 3,300 characters)`);

const cookie = await sessionCookie(database.db, w.users.reviewer);
const time = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const v = await f();
  log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  results.push([what, performance.now() - t0]);
  return v;
};
const results: [string, number][] = [];
const screen = async () => {
  const res = await app.inject({
    method: 'GET',
    url: `/learning-reviews/${id}/redaction`,
    headers: { cookie },
  });
  if (res.statusCode !== 200) throw new Error(`review screen answered ${res.statusCode}`);
  return res;
};
await time('detect and render the review screen (first view, ready to review)', screen);
const s = (await readRedaction(reviewer, id)) as RedactionState;
log(`  ${s.spans.length} spans, ${s.entities.length} entities, ${s.risks.length} risk items`);
await time('a decision (accept every remaining proposal) and the screen again', async () => {
  await recordDecision(reviewer, id, { action: 'accept-all' });
  return screen();
});
const after = await time(
  'produce and re-check the publishable text',
  async () => (await readRedaction(reviewer, id)) as RedactionState,
);
log(
  `  publishable text ${(after.redacted.length / 1e6).toFixed(2)} MB; problems: ${after.problems.join('; ') || 'none'}`,
);
const first = results[0]![1];
process.stdout.write(
  `bench:reviews ${engine} pages=${PAGES} bytes=${body.length} spans=${s.spans.length} ` +
    results.map(([w, ms]) => `\n  ${w}: ${(ms / 1000).toFixed(2)} s`).join('') +
    `\n  aim: first review screen < 10 s: ${first < 10_000 ? 'met' : 'NOT met'}\n`,
);
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
