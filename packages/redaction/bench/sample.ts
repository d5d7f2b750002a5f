/**
 * Writes a fictional sample review for trying the CLI: review.txt, cast.json and policy.json.
 * Usage: npx tsx packages/redaction/bench/sample.ts OUT_DIR [--pages N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCase } from '../src/corpus/generate.ts';

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: sample.ts OUT_DIR [--pages N]\n');
  process.exit(2);
}
const pages = Number(rest[rest.indexOf('--pages') + 1] ?? 0) || 10;
// About 3,000 characters a page; the chronology is capped at 200 entries (about 60 pages).
const c = generateCase({
  seed: 'sample',
  draw: 'dev',
  episodes: Math.min(200, Math.max(10, Math.round(pages * 8))),
});
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'review.txt'), c.text);
writeFileSync(join(dir, 'cast.json'), JSON.stringify(c.cast, null, 2) + '\n');
writeFileSync(
  join(dir, 'policy.json'),
  JSON.stringify(
    { dates: 'month-year', ages: 'band', allow: ['Riverside Safeguarding Partnership'] },
    null,
    2,
  ) + '\n',
);
process.stderr.write(
  `wrote ${join(dir, 'review.txt')} (${(c.text.length / 1000).toFixed(0)} kB), cast.json and policy.json\n`,
);
