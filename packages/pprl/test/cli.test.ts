import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNTHETIC_MAP, syntheticCsv } from '@waypoint/linkage';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { Encoder } from '../src/encode.ts';
import { normaliseField } from '../src/normalise.ts';
import { defaultSchema, PPRL_FIELDS } from '../src/schema.ts';
import { people } from './helpers.ts';

class Capture {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const err = new Capture();
  const code = await runCli(args, err);
  return { code, err: err.text };
}

const dir = mkdtempSync(join(tmpdir(), 'pprl-cli-'));
const records = people(600, 11);
const a = join(dir, 'a.csv');
const b = join(dir, 'b.csv');
const secret = join(dir, 'key.txt');
const encodeArgs = (input: string, out: string): string[] => [
  'encode',
  '--input',
  input,
  '--id',
  'record_ref',
  '--map',
  SYNTHETIC_MAP,
  '--date-format',
  'YYYYMMDD',
  '--secret-file',
  secret,
  '--out',
  out,
];

beforeAll(async () => {
  writeFileSync(a, syntheticCsv(records.slice(0, 300)));
  writeFileSync(b, syntheticCsv(records.slice(300)));
  writeFileSync(secret, 'a fictional shared secret for the tests\n');
  expect((await run(encodeArgs(a, join(dir, 'a.clk.jsonl')))).code).toBe(0);
  expect((await run(encodeArgs(b, join(dir, 'b.clk.jsonl')))).code).toBe(0);
});

describe('waypoint-pprl', () => {
  it('encode writes one encoding per record with schema and key ids, and a summary', async () => {
    const lines = readFileSync(join(dir, 'a.clk.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['blocks', 'clk', 'dob', 'fields', 'id', 'key', 'schema']);
    const { err } = await run(encodeArgs(a, join(dir, 'again.clk.jsonl')));
    expect(err).toMatch(/records encoded: 300/);
    expect(err).toMatch(/schema: waypoint-default:[0-9a-f]{12}, key: [0-9a-f]{16}/);
  });

  it('no input value, token or name appears in the encoded output', () => {
    const out = readFileSync(join(dir, 'a.clk.jsonl'), 'utf8');
    const parsed = out
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            schema: string;
            key: string;
            clk: string;
            dob: string | null;
            blocks: string[];
          },
      );
    // Everything but the ids, the schema and key identifiers and the encodings' bytes.
    const opaque = parsed.map((e) => [e.clk, e.dob ?? '', ...e.blocks].join(' ')).join('\n');
    const enc = new Encoder(defaultSchema(), readFileSync(secret));
    const values = new Set<string>();
    for (const r of records.slice(0, 300)) {
      for (const v of [
        r.given_name,
        r.family_name,
        r.dob,
        r.postcode,
        r.address,
        r.town,
        r.nhs_number,
        r.phone,
        r.street,
        r.house_no,
      ])
        if (typeof v === 'string' && v.length >= 3) values.add(v).add(v.toLowerCase());
      const normalised = enc.normalise({
        id: r.id,
        given_name: r.given_name ?? null,
        family_name: r.family_name ?? null,
        postcode: r.postcode ?? null,
        dob: typeof r.dob === 'string' ? r.dob : null,
      });
      for (const v of normalised.values()) if (v.length >= 3) values.add(v);
      for (const ts of enc.tokens(normalised).values()) for (const t of ts) if (t.length >= 3) values.add(t);
      const dob = normaliseField('dob', typeof r.dob === 'string' ? r.dob : null);
      if (dob) values.add(dob);
    }
    expect(values.size).toBeGreaterThan(1000);
    const found = [...values].filter((v) => opaque.includes(v) || out.includes(`"${v}"`));
    // A 3-character token can turn up in base64 by chance (1 in 2^18 per place); longer ones cannot.
    expect(found.filter((v) => v.length >= 5)).toEqual([]);
    // No field is named in the output ("dob" is the name of the date-of-birth component, whose value is a filter).
    for (const field of PPRL_FIELDS.filter((f) => f !== 'dob')) expect(out).not.toContain(`"${field}"`);
    expect(out).not.toContain('Kate');
  });

  it('link writes one-to-one pairs at or above the threshold, dedupe writes clusters', async () => {
    const pairs = join(dir, 'pairs.csv');
    const r = await run([
      'link',
      '--input',
      join(dir, 'a.clk.jsonl'),
      '--input',
      join(dir, 'b.clk.jsonl'),
      '--out',
      pairs,
      '--threshold',
      '0.8',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/blocking: [\d,]+ comparisons/);
    expect(r.err).toMatch(/pairs: [\d,]+ \(one to one\)/);
    const rows = readFileSync(pairs, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id_l,id_r,similarity');
    const body = rows.slice(1).map((l) => l.split(','));
    expect(body.length).toBeGreaterThan(20);
    expect(new Set(body.map((x) => x[0])).size).toBe(body.length);
    expect(new Set(body.map((x) => x[1])).size).toBe(body.length);
    expect(body.every((x) => Number(x[2]) >= 0.8)).toBe(true);
    const truth = new Map(records.map((x) => [x.id, x.trueId]));
    const correct = body.filter(([l, rr]) => truth.get(l!) === truth.get(rr!)).length;
    expect(correct / body.length).toBeGreaterThan(0.9);
    const d = await run([
      'dedupe',
      '--input',
      join(dir, 'a.clk.jsonl'),
      '--out',
      join(dir, 'dp.csv'),
      '--clusters',
      join(dir, 'cl.csv'),
    ]);
    expect(d.code).toBe(0);
    expect(d.err).toMatch(
      /threshold: match probability 0\.5 under the field-level Fellegi–Sunter model fitted by EM/,
    );
    expect(d.err).toMatch(/match weights \(log2 m\/u per level, best level first\): given_name /);
    expect(readFileSync(join(dir, 'cl.csv'), 'utf8').trim().split('\n')).toHaveLength(301);
  });

  it('bad input: one line naming the problem, exit code 2, no output', async () => {
    const out = join(dir, 'never.csv');
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown or missing command/],
      [encodeArgs(join(dir, 'missing.csv'), out), /file not found/],
      [[...encodeArgs(a, out).slice(0, -2), '--out', join(dir, 'nodir', 'x')], /does not exist/],
      [encodeArgs(a, out).map((x) => (x === SYNTHETIC_MAP ? 'given_name=nope' : x)), /unknown column "nope"/],
      [encodeArgs(a, out).map((x) => (x === SYNTHETIC_MAP ? 'shoe=forename' : x)), /unknown field "shoe"/],
      [encodeArgs(a, out).map((x) => (x === 'YYYYMMDD' ? 'YYMMDD' : x)), /--date-format/],
      [encodeArgs(a, out).map((x) => (x === secret ? join(dir, 'short.txt') : x)), /secret/],
      [['link', '--input', join(dir, 'a.clk.jsonl'), '--out', out], /exactly two/],
      [['dedupe', '--input', a, '--out', out], /line 1: not JSON/],
      [
        ['link', '--input', join(dir, 'a.clk.jsonl'), '--input', join(dir, 'a.clk.jsonl'), '--out', out],
        /in both inputs/,
      ],
      [['dedupe', '--input', join(dir, 'a.clk.jsonl'), '--out', out, '--threshold', '2'], /--threshold/],
      [['dedupe', '--input', join(dir, 'other-key.clk.jsonl'), '--out', out], /schema .* and key/],
    ];
    writeFileSync(join(dir, 'short.txt'), 'tiny\n');
    writeFileSync(join(dir, 'nul.csv'), 'record_ref,forename\nR1,Ka\u0000te\n');
    cases.push([
      encodeArgs(join(dir, 'nul.csv'), out).map((x) => (x === SYNTHETIC_MAP ? 'given_name=forename' : x)),
      /NUL byte/,
    ]);
    const lines = readFileSync(join(dir, 'a.clk.jsonl'), 'utf8').trim().split('\n');
    const foreign = JSON.parse(lines[1]!) as { key: string };
    foreign.key = '0123456789abcdef';
    writeFileSync(join(dir, 'other-key.clk.jsonl'), `${lines[0]!}\n${JSON.stringify(foreign)}\n`);
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });
});
