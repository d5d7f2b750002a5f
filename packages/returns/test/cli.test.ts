/** The waypoint-returns command, run as a user runs it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, UsageError } from '../src/cli/commands.ts';
import { censusFromInput } from '../src/cin/scope.ts';
import { writeCinXml } from '../src/cin/write-xml.ts';
import { generateInput } from '../src/generate/generate.ts';
import type { ValidationReport } from '../src/cin/validate/validate.ts';

const BIN = fileURLToPath(new URL('../bin/waypoint-returns.js', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'returns-cli-'));
  const input = generateInput({ children: 300, seed: 2, year: '2025-26' });
  writeFileSync(join(dir, 'children.json'), JSON.stringify(input));
  const census = censusFromInput(input, '2025-26');
  census.children[0]!.ethnicity = 'XXXX';
  census.children[1]!.cinEpisodes[0]!.referralSource = '99';
  writeFileSync(join(dir, 'census.xml'), writeCinXml(census, '2025-26'));
});

describe('waypoint-returns', { timeout: 60_000 }, () => {
  it('cin validate writes report.json in the agreed shape and an HTML report, exit 0 despite issues', () => {
    const res = run(
      'cin',
      'validate',
      '--input',
      'census.xml',
      '--out',
      'report.json',
      '--html',
      'report.html',
    );
    expect(res.status).toBe(0);
    expect(res.stderr).toContain('parsed 300 children');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ValidationReport;
    expect(Object.keys(report)).toEqual(['year', 'children', 'issues']);
    expect(report.year).toBe('2025-26');
    expect(report.children).toBe(300);
    const issue = report.issues.find((i) => i.rule === '4220')!;
    expect(Object.keys(issue)).toEqual(['rule', 'kind', 'child', 'module', 'field', 'message', 'values']);
    expect(issue).toMatchObject({
      kind: 'error',
      module: 'ChildCharacteristics',
      field: 'Ethnicity',
      values: { Ethnicity: 'XXXX' },
    });
    expect(report.issues.some((i) => i.rule === '8866')).toBe(true);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Ethnicity is missing or invalid');
    expect(html).toContain('What to fix');
  });

  it('cin build, annex-a build and 903 build write their files', () => {
    expect(
      run('cin', 'build', '--input', 'children.json', '--year', '2024-25', '--out', 'out/census.xml').status,
    ).toBe(0);
    expect(readFileSync(join(dir, 'out/census.xml'), 'utf8')).toContain('<Sex>');
    const a = run(
      'annex-a',
      'build',
      '--input',
      'children.json',
      '--inspection-date',
      '2026-01-15',
      '--out',
      'annex-a.xlsx',
      '--csv-dir',
      'annex',
    );
    expect(a.status).toBe(0);
    expect(existsSync(join(dir, 'annex-a.xlsx'))).toBe(true);
    expect(readdirSync(join(dir, 'annex'))).toHaveLength(11);
    expect(
      run('903', 'build', '--input', 'children.json', '--year', '2025-26', '--out-dir', '903').status,
    ).toBe(0);
    expect(readdirSync(join(dir, '903')).sort()).toEqual(
      [
        'AD1',
        'Episodes',
        'Header',
        'Missing',
        'OC2',
        'OC3',
        'PlacedAdoption',
        'PrevPerm',
        'Reviews',
        'SWEpisodes',
        'UASC',
      ].map((f) => `${f}.csv`),
    );
  });

  it('bad input: one line on stderr, exit code 2, no output file', () => {
    const res = run('cin', 'validate', '--input', 'missing.xml', '--out', 'r0.json');
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe('waypoint-returns: input file not found: missing.xml');
    expect(existsSync(join(dir, 'r0.json'))).toBe(false);
  });

  it.each([
    [['cin', 'validate', '--input', 'children.json', '--out', 'r2.json'], 'not well-formed XML'],
    [
      ['cin', 'validate', '--input', 'census.xml', '--year', '2030-31', '--out', 'r3.json'],
      'unknown year 2030-31',
    ],
    [['cin', 'build', '--input', 'census.xml', '--year', '2025-26', '--out', 'r4.xml'], 'not JSON'],
    [
      ['annex-a', 'build', '--input', 'children.json', '--inspection-date', '15/01/2026', '--out', 'r5.xlsx'],
      'YYYY-MM-DD',
    ],
    [['cin', 'build', '--input', 'children.json', '--out', 'r6.xml'], '--year is required'],
    [['cin', 'frobnicate'], 'unknown command'],
  ])('rejects %j without writing anything', async (args, message) => {
    const positionals = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
    const opts: Record<string, string> = {};
    args.forEach((a, i) => {
      if (a.startsWith('--'))
        opts[a.slice(2)] = ['input', 'out'].includes(a.slice(2)) ? join(dir, args[i + 1]!) : args[i + 1]!;
    });
    await expect(runCommand(positionals, opts, () => undefined)).rejects.toThrow(UsageError);
    await expect(runCommand(positionals, opts, () => undefined)).rejects.toThrow(message);
    if (opts.out) expect(existsSync(opts.out)).toBe(false);
  });

  it('wrong root element is bad input', () => {
    writeFileSync(join(dir, 'other.xml'), '<?xml version="1.0"?><Census/>');
    const res = run('cin', 'validate', '--input', 'other.xml', '--out', 'r6.json');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('root element is <Census>, expected <Message>');
  });
});
