/**
 * `npm run bench:returns`: generates a fictional 20,000-child authority, builds the 2025/26 CIN
 * census XML, parses and validates it, and builds Annex A (xlsx) — printing the time of each step
 * and the peak memory (resident set) of the process.
 *
 *   npm run bench:returns [-- --children 20000 --seed 1]
 */
import { parseArgs } from 'node:util';
import { buildAnnexA } from '../src/annex-a/build.ts';
import { toXlsx } from '../src/annex-a/write.ts';
import { parseCinXml } from '../src/cin/parse-xml.ts';
import { censusFromInput } from '../src/cin/scope.ts';
import { validateCinCensus } from '../src/cin/validate/validate.ts';
import { writeCinXml } from '../src/cin/write-xml.ts';
import { generateInput } from '../src/generate/generate.ts';

const { values } = parseArgs({
  options: { children: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' } },
});
const n = Number(values.children);
const year = '2025-26';

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const times: [string, number][] = [];
async function step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  times.push([name, performance.now() - t]);
  peak = Math.max(peak, process.memoryUsage().rss);
  return out;
}

const input = await step('generate model', () =>
  generateInput({ children: n, seed: Number(values.seed), year }),
);
const xml = await step('CIN build (scope + XML)', () => writeCinXml(censusFromInput(input, year), year));
const census = await step('CIN parse XML', () => parseCinXml(xml));
const report = await step('CIN validate (109 rules)', () => validateCinCensus(census));
const lists = await step('Annex A build', () => buildAnnexA(input, '2026-01-15'));
const xlsx = await step('Annex A xlsx', () => toXlsx(lists));
clearInterval(sampler);

const ms = (name: string): number => times.find(([k]) => k === name)![1];
const cin = ms('CIN build (scope + XML)') + ms('CIN parse XML') + ms('CIN validate (109 rules)');
console.log(
  `returns benchmark: ${input.children.length} children generated (seed ${values.seed}), ${census.children.length} in the ${year} CIN census`,
);
for (const [name, t] of times) console.log(`  ${name.padEnd(28)} ${(t / 1000).toFixed(2)} s`);
console.log(`  CIN build + parse + validate ${(cin / 1000).toFixed(2)} s (aim < 10 s)`);
console.log(
  `  XML ${(xml.length / 1e6).toFixed(1)} MB; ${report.issues.length} issues (${report.issues.filter((i) => i.kind === 'error').length} errors)`,
);
console.log(
  `  Annex A rows ${lists.reduce((s, l) => s + l.rows.length, 0)}; xlsx ${(xlsx.length / 1e6).toFixed(1)} MB`,
);
console.log(`  peak memory (RSS) ${(peak / 1024 / 1024).toFixed(0)} MB`);
