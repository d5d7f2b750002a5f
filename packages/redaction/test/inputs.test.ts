import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CastError, parseCast } from '../src/cast.ts';
import { parseArgs, UsageError } from '../src/cli-args.ts';
import { readInput } from '../src/input.ts';
import { parsePolicy, PolicyError } from '../src/policy.ts';
import { checkSpans, SpanError } from '../src/render.ts';
import { CAST } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'waypoint-redact-in-'));

describe('inputs', () => {
  it('reads Markdown and text as they are, without a byte-order mark', async () => {
    writeFileSync(join(dir, 'a.md'), '\uFEFF# Background\n\n**Jayden** lives here.\n');
    expect(await readInput(join(dir, 'a.md'))).toBe('# Background\n\n**Jayden** lives here.\n');
  });
  it('refuses binary files that are not .docx', async () => {
    writeFileSync(join(dir, 'a.txt'), Buffer.from([0, 1, 2, 3]));
    await expect(readInput(join(dir, 'a.txt'))).rejects.toThrow(/not a text file/);
  });
  it('checks a cast and names the field that is wrong', () => {
    expect(parseCast(CAST).people).toHaveLength(CAST.people.length);
    expect(() => parseCast({ people: [{ id: 'x', role: 'wizard', names: ['A'] }] })).toThrow(
      /cast.people\[0\].role must be one of/,
    );
    expect(() => parseCast({ people: [{ id: 'x', names: [] }] })).toThrow(CastError);
    expect(() => parseCast({ people: [{ id: 'x', names: ['A'], dob: '3/3/2015' }] })).toThrow(
      /dob must be YYYY-MM-DD/,
    );
    expect(() =>
      parseCast({ people: [{ id: 'x', names: ['A'] }], places: [{ id: 'x', names: ['B'] }] }),
    ).toThrow(/used twice/);
  });
  it('fills and checks a policy', () => {
    expect(parsePolicy({ dates: 'relative' })).toMatchObject({
      dates: 'relative',
      ages: 'keep',
      detectUncast: true,
    });
    expect(() => parsePolicy({ dates: 'fortnightly' })).toThrow(PolicyError);
    expect(() => parsePolicy({ minConfidence: 2 })).toThrow(/minConfidence/);
  });
  it('parses the command line and refuses what it does not know', () => {
    expect(parseArgs(['detect', '--input', 'a', '--out', 'b'])).toEqual({
      command: 'detect',
      opts: { input: 'a', out: 'b' },
      quiet: false,
    });
    expect(() => parseArgs(['detect', '--input', 'a'])).toThrow(/detect needs --out/);
    expect(() => parseArgs(['apply', '--input', 'a', '--spans', 's', '--out', 'o', '--cast', 'c'])).toThrow(
      UsageError,
    );
    expect(() => parseArgs(['frobnicate'])).toThrow(/unknown command/);
  });
  it('refuses spans that do not fit the input', () => {
    const span = {
      start: 0,
      end: 6,
      type: 'PERSON' as const,
      text: 'Jayden',
      entity: 'e1',
      replacement: 'Child A',
      detector: 'cast',
      confidence: 1,
    };
    expect(() => {
      checkSpans('Jayden', [span]);
    }).not.toThrow();
    expect(() => {
      checkSpans('Kerry!', [span]);
    }).toThrow(/another document/);
    expect(() => {
      checkSpans('Jay', [span]);
    }).toThrow(SpanError);
    expect(() => {
      checkSpans('Jayden', [span, { ...span, start: 3 }]);
    }).toThrow(/overlaps|another document/);
  });
});
