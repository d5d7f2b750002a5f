/**
 * `npx tsx packages/returns/bench/d2i-agreement.ts`: the validator against our reading of the D2I CIN validator (`test/d2i-reading/oracle.ts`) for
 * the rules of issue #18, on two sets of census files: the package's generator with planted
 * errors, and an independently written XML generator with its own error mix. Prints, per set and
 * rule, the (rule, child) pairs both report, ours only and the reading's only, the F1, and every
 * difference. This is agreement with our reading of the reference, not with the reference, which
 * cannot run here.
 *
 *   npx tsx packages/returns/bench/d2i-agreement.ts [--files 6] [--children 2000] [--list 40]
 */
import { parseArgs } from 'node:util';
import { compare, f1, type Agreement } from '../test/d2i-reading/agreement.ts';
import { CAUSES } from '../test/d2i-reading/explain.ts';
import { pdDate, pdHeaderDate } from '../test/d2i-reading/pandas-dates.ts';
import { readD2iTables } from '../test/d2i-reading/tables.ts';
import { independentCensusXml } from '../test/d2i-reading/census-xml.ts';
import { plantedXml } from '../test/d2i-reading/plant.ts';
import { COLLECTION_YEARS, endYearOf } from '../src/years.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '6' },
    children: { type: 'string', default: '2000' },
    list: { type: 'string', default: '40' },
  },
});
const files = Number(values.files);
const children = Number(values.children);
const list = Number(values.list);
if (![files, children, list].every((n) => Number.isInteger(n) && n >= 0))
  throw new Error('--files, --children and --list take whole numbers');

function print(title: string, a: Agreement): void {
  console.log(`\n${title}`);
  console.log('  rule    both  ours only  reading only     F1');
  for (const r of a.rules) {
    const f = f1([r]).toFixed(4);
    console.log(
      `  ${r.rule.padEnd(6)} ${String(r.both).padStart(5)} ${String(r.oursOnly).padStart(10)} ${String(r.readingOnly).padStart(13)}  ${f}`,
    );
  }
  const t = a.rules.reduce(
    (s, r) => ({ both: s.both + r.both, o: s.o + r.oursOnly, x: s.x + r.readingOnly }),
    { both: 0, o: 0, x: 0 },
  );
  console.log(
    `  all    ${String(t.both).padStart(5)} ${String(t.o).padStart(10)} ${String(t.x).padStart(13)}  ${f1(a.rules).toFixed(4)}`,
  );
}

const started = performance.now();
const planted = [];
const independent = [];
for (let i = 0; i < files; i++) {
  const year = COLLECTION_YEARS[i % COLLECTION_YEARS.length]!;
  planted.push({ name: `planted-${i + 1}-${year}`, xml: plantedXml(i + 1, year, children), year });
  independent.push({
    name: `independent-${i + 1}-${year}`,
    xml: independentCensusXml(i + 1, endYearOf(year), children),
    year,
  });
}
const a = compare(planted);
const b = compare(independent);
print(`Set 1: the package generator with planted errors (${files} files × ${children} children)`, a);
print(`Set 2: the independent XML generator (${files} files × ${children} children)`, b);
const all = {
  rules: a.rules.map((r, i) => ({
    rule: r.rule,
    both: r.both + b.rules[i]!.both,
    oursOnly: r.oursOnly + b.rules[i]!.oursOnly,
    readingOnly: r.readingOnly + b.rules[i]!.readingOnly,
  })),
  differences: [...a.differences, ...b.differences],
};
print('Both sets', all);
// The header cause dominates when it occurs: the same comparison over the files whose header says 31 March.
const dated = [...planted, ...independent].filter(
  (f) =>
    pdHeaderDate(readD2iTables(f.xml).Header.ReferenceDate)?.day === pdDate(`${endYearOf(f.year)}-03-31`),
);
print(`Both sets, the ${dated.length} files whose header ReferenceDate is 31 March`, compare(dated));
const byCause = new Map<string, number>();
for (const d of all.differences) {
  const k = `${d.rule.padEnd(6)} ${d.side.padEnd(13)} ${CAUSES[d.cause]}`;
  byCause.set(k, (byCause.get(k) ?? 0) + 1);
}
console.log(`\nEvery difference, by rule, side and cause (${all.differences.length}):`);
for (const [k, n] of [...byCause].sort()) console.log(`  ${String(n).padStart(5)}  ${k}`);
const unexplained = all.differences.filter((d) => d.cause === 'unexplained');
console.log(`\nUnexplained (${unexplained.length}; first ${list}):`);
for (const d of unexplained.slice(0, list))
  console.log(`  ${d.file}  ${d.rule.padEnd(6)} ${String(d.child).padEnd(14)} ${d.side}`);
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
