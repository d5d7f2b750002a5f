/**
 * Writes `corpus/gum-split.json`: the GUM development documents split by document into a training
 * part and a held-back part (see `splitDocs`). Run once before any tuning; `--check` verifies that
 * the committed list still matches the rule and the data.
 * Usage: npx tsx packages/redaction/scripts/split-dev-data.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { devDataDir, splitDocs } from '../src/corpus/dev-data.ts';

const dir = devDataDir();
if (!dir) throw new Error('shared/dev-data/redaction not found (set WAYPOINT_SHARED)');
const docs = readFileSync(`${dir}/gum-names.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { doc: string; genre: string });
const split = splitDocs(docs);
const list = {
  source: 'shared/dev-data/redaction/gum-names.jsonl (GUM V11.1.0, CC BY 4.0 annotations)',
  rule: 'within each genre, documents ordered by SHA-256 of the doc id; every third (positions 2, 5, 8, …) is held back',
  train: docs.filter((d) => split.get(d.doc) === 'train').map((d) => d.doc),
  heldback: docs.filter((d) => split.get(d.doc) === 'heldback').map((d) => d.doc),
};
const out = new URL('../corpus/gum-split.json', import.meta.url);
const body = JSON.stringify(list, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== body) throw new Error('corpus/gum-split.json does not match the rule');
  process.stderr.write('gum-split.json matches\n');
} else {
  writeFileSync(out, body);
  process.stderr.write(`train ${list.train.length} documents, held back ${list.heldback.length}\n`);
}
