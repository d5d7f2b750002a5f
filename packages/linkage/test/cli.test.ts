import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { syntheticCsv, SYNTHETIC_MAP } from '../src/synthetic/csv.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const stream = new PassThrough();
  let err = '';
  stream.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, stream as unknown as NodeJS.WriteStream);
  return { code, err };
}

let dir = '';
const people = () => join(dir, 'people.csv');
const base = () => [
  'dedupe',
  '--input',
  people(),
  '--id',
  'record_ref',
  '--map',
  SYNTHETIC_MAP,
  '--date-format',
  'YYYYMMDD',
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'waypoint-link-'));
  writeFileSync(people(), syntheticCsv(generatePeople({ size: 2500, seed: 9 })));
});

describe('waypoint-link', () => {
  it('dedupes: writes pairs.csv, clusters.csv and the model, and a summary on stderr', async () => {
    const out = join(dir, 'pairs.csv');
    const { code, err } = await run([
      ...base(),
      '--out',
      out,
      '--clusters',
      join(dir, 'clusters.csv'),
      '--save-model',
      join(dir, 'model.json'),
    ]);
    expect(code).toBe(0);
    const pairs = readFileSync(out, 'utf8').trim().split('\n');
    expect(pairs[0]).toBe('id_l,id_r,match_probability,match_weight');
    expect(pairs.length).toBeGreaterThan(100);
    for (const line of pairs.slice(1, 50)) expect(Number(line.split(',')[2])).toBeGreaterThanOrEqual(0.9);
    const clusters = readFileSync(join(dir, 'clusters.csv'), 'utf8').trim().split('\n');
    expect(clusters[0]).toBe('id,cluster_id');
    expect(clusters.length).toBe(2501);
    expect(err).toMatch(/records: 2,500/);
    expect(err).toMatch(/comparisons: /);
    expect(err).toMatch(/blocking: [\d,]+ comparisons to score\n {2}nhs_number: /);
    expect(err).toMatch(/pairs found: /);
    expect(err).toMatch(/time: /);

    // Reusing the saved model with a higher threshold gives a subset of the pairs.
    const strict = join(dir, 'strict.csv');
    expect(
      (await run([...base(), '--out', strict, '--model', join(dir, 'model.json'), '--threshold', '0.999']))
        .code,
    ).toBe(0);
    const fewer = readFileSync(strict, 'utf8').trim().split('\n');
    expect(fewer.length).toBeLessThan(pairs.length);
  });

  it('chooses the threshold from the estimated curve, honours --min-precision and writes --report', async () => {
    const out = join(dir, 'pairs-min.csv');
    const report = join(dir, 'report.html');
    const { code, err } = await run([
      ...base(),
      '--out',
      out,
      '--min-precision',
      '0.999',
      '--report',
      report,
    ]);
    expect(code).toBe(0);
    const m = /threshold: ([\d.]+) \(([^)]+)\); estimated precision ([\d.]+)/.exec(err)!;
    expect(m[2]).toMatch(/minimum precision|best estimated F1/);
    if (m[2] !== 'best estimated F1') expect(Number(m[3])).toBeGreaterThanOrEqual(0.999);
    expect(err).toMatch(/blocking recall: an estimated [\d.]+% of matches are blocked/);
    expect(err).toMatch(/estimated curve: 0.5: P /);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<h2 id="near-threshold">');
    expect(html).toContain(`<td>${m[1]} (`);
  });

  it('links two files, pairing only across them', async () => {
    const text = readFileSync(people(), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'a.csv'), [text[0], ...text.slice(1, 1200)].join('\n'));
    writeFileSync(join(dir, 'b.csv'), [text[0], ...text.slice(1200)].join('\n'));
    const out = join(dir, 'linked.csv');
    const { code } = await run([
      'link',
      '--input',
      join(dir, 'a.csv'),
      '--input',
      join(dir, 'b.csv'),
      '--id',
      'record_ref',
      '--map',
      SYNTHETIC_MAP,
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const inA = new Set(text.slice(1, 1200).map((l) => l.split(',')[0]));
    for (const line of readFileSync(out, 'utf8').trim().split('\n').slice(1)) {
      const [l, r] = line.split(',');
      expect(inA.has(l)).toBe(true);
      expect(inA.has(r)).toBe(false);
    }
  });

  it('counts unparseable dates as missing and reports them', async () => {
    writeFileSync(
      join(dir, 'dates.csv'),
      'ref,first,last,born\n1,Kate,Smith,2015-03-07\n2,Katie,Smith,07/03/2015\n3,Tom,Jones,not a date\n',
    );
    const { code, err } = await run([
      'dedupe',
      '--input',
      join(dir, 'dates.csv'),
      '--id',
      'ref',
      '--map',
      'given_name=first,family_name=last,dob=born',
      '--date-format',
      'YYYY-MM-DD',
      '--out',
      join(dir, 'd.csv'),
    ]);
    expect(code).toBe(0);
    expect(err).toMatch(/unparseable dates: 2/);
  });

  const bad: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['dedupe', '--input', join(dir, 'nope.csv'), '--id', 'record_ref', '--map', SYNTHETIC_MAP],
      /nope\.csv: file not found/,
    ],
    [
      'an unknown column',
      () => [...base().slice(0, 5), '--map', 'given_name=first_name'],
      /unknown column "first_name"/,
    ],
    [
      'an unknown id column',
      () => ['dedupe', '--input', people(), '--id', 'ref', '--map', SYNTHETIC_MAP],
      /unknown id column "ref"/,
    ],
    [
      'an unknown field',
      () => [...base().slice(0, 5), '--map', 'shoe_size=forename'],
      /unknown field "shoe_size"/,
    ],
    [
      'an empty file',
      () => ['dedupe', '--input', join(dir, 'empty.csv'), '--id', 'id', '--map', 'given_name=a'],
      /empty file/,
    ],
    [
      'ragged rows',
      () => ['dedupe', '--input', join(dir, 'ragged.csv'), '--id', 'id', '--map', 'given_name=a'],
      /ragged row at line 3/,
    ],
    [
      'the wrong encoding',
      () => ['dedupe', '--input', join(dir, 'latin1.csv'), '--id', 'id', '--map', 'given_name=a'],
      /wrong encoding/,
    ],
    [
      'an unknown date format',
      () => [...base().slice(0, 7), '--date-format', 'DDMMYY'],
      /--date-format "DDMMYY"/,
    ],
    ['a bad threshold', () => [...base(), '--threshold', '2'], /--threshold/],
    ['a bad minimum precision', () => [...base(), '--min-precision', '1.5'], /--min-precision/],
    [
      'a threshold and a minimum precision',
      () => [...base(), '--threshold', '0.9', '--min-precision', '0.99'],
      /not both/,
    ],
    [
      'repeated ids',
      () => ['dedupe', '--input', join(dir, 'dupes.csv'), '--id', 'id', '--map', 'given_name=a'],
      /id "1" repeated/,
    ],
    ['a bad model file', () => [...base(), '--model', join(dir, 'people.csv')], /--model/],
    ['a link with one input', () => ['link', ...base().slice(1)], /at least two/],
  ];
  it.each(bad)('refuses %s with one line, exit code 2 and no output file', async (_name, args, message) => {
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'ragged.csv'), 'id,a\n1,x\n2,y,z\n');
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from('id,a\n1,Zo\xeb\n', 'latin1'));
    writeFileSync(join(dir, 'dupes.csv'), 'id,a\n1,x\n1,y\n');
    const out = join(dir, `bad-${Math.random().toString(36).slice(2)}.csv`);
    const { code, err } = await run([...args(), '--out', out]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
  });
});
