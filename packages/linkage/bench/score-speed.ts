// Scoring speed alone: prepare, block and train once, then score every blocked pair on this
// thread (and on workers with --workers N), reporting comparisons per CPU second and per second.
//   npx tsx bench/score-speed.ts [records] [workers]
import { buildBlocking, PERSON_BLOCKING_RULES } from '../src/blocking.ts';
import { countComparisons } from '../src/blocking-report.ts';
import { LinkageModel, weightFromProbability } from '../src/model.ts';
import { scoreAll } from '../src/parallel/score-parallel.ts';
import { RecordStore } from '../src/store.ts';
import { generatePeople } from '../src/synthetic/generate.ts';
import { trainModel } from '../src/training/train.ts';

const size = Number(process.argv[2] ?? 300_000);
const workers = Number(process.argv[3] ?? 1);
const records = generatePeople({ size, seed: 2026 });
const model = trainModel(RecordStore.from(records).data, LinkageModel.untrained());
const minWeight = weightFromProbability(model.json.threshold);
for (let round = 0; round < 3; round++) {
  // A fresh store each round, so nothing the comparisons remember carries over.
  const d = RecordStore.from(records).data;
  const index = buildBlocking(d, PERSON_BLOCKING_RULES, 'dedupe');
  const total = countComparisons(d, index).total;
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = await scoreAll(d, model, index, minWeight, { workers, minParallelComparisons: 0 });
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const processCpu = (used.user + used.system) / 1e6;
  const cpuSeconds = r.cpuSeconds;
  console.log(
    `${size} records, ${r.comparisons} comparisons (${total} planned), ${r.pairs.length} pairs: ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} CPU s scoring threads (${processCpu.toFixed(2)} process);` +
      ` ${Math.round(r.comparisons / cpuSeconds).toLocaleString('en-GB')} per CPU second, ${Math.round(r.comparisons / wall).toLocaleString('en-GB')} per second`,
  );
}
