/** The waypoint-returns command, run as a user runs it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
    expect(Object.keys(report)).toEqual(['year', 'children', 'issues', 'schema']);
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

  it('cin validate checks the schema first: an impossible closure date is a schema error, not 8620', () => {
    const input = generateInput({ children: 40, seed: 5, year: '2025-26' });
    const census = censusFromInput(input, '2025-26');
    const child = census.children.find((c) => c.cinEpisodes.some((e) => e.closureDate))!;
    const ep = child.cinEpisodes.find((e) => e.closureDate)!;
    ep.closureDate = '2025-04-31';
    const other = census.children.find((c) => c !== child && c.cinEpisodes.some((e) => e.closureDate))!;
    other.cinEpisodes.find((e) => e.closureDate)!.closureDate = '2026-04-05';
    writeFileSync(join(dir, 'impossible.xml'), writeCinXml(census, '2025-26'));
    const res = run(
      'cin',
      'validate',
      '--input',
      'impossible.xml',
      '--out',
      'imp.json',
      '--html',
      'imp.html',
    );
    expect(res.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'imp.json'), 'utf8')) as ValidationReport & {
      schema: { valid: boolean; errors: { line: number | null; message: string }[] };
    };
    expect(report.schema.valid).toBe(false);
    expect(report.schema.errors).toHaveLength(1);
    expect(report.schema.errors[0]!.message).toContain('CINclosureDate');
    expect(report.schema.errors[0]!.message).toContain('2025-04-31');
    const line = readFileSync(join(dir, 'impossible.xml'), 'utf8').split('\n')[
      report.schema.errors[0]!.line! - 1
    ];
    expect(line).toContain('2025-04-31');
    const by8620 = report.issues.filter((i) => i.rule === '8620').map((i) => i.child);
    expect(by8620).toEqual([other.laChildId]);
    expect(res.stderr).toContain('1 schema errors');
    expect(readFileSync(join(dir, 'imp.html'), 'utf8')).toContain('2025-04-31');
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

  it('903 validate reads the files whatever their names (a byte-order mark too) and writes the report', () => {
    expect(
      run('903', 'build', '--input', 'children.json', '--year', '2025-26', '--out-dir', '903v').status,
    ).toBe(0);
    // As a council's system might export them: other names, a byte-order mark, a planted bad code.
    const src = join(dir, '903v');
    const renamed = join(dir, '903-export');
    mkdirSync(renamed);
    for (const f of readdirSync(src)) {
      let text = readFileSync(join(src, f), 'utf8');
      if (f === 'Episodes.csv') {
        const lines = text.split(/\r?\n/);
        const header = lines[0]!.split(',');
        const place = header.indexOf('PLACE');
        const row = lines[1]!.split(',');
        row[place] = 'ZZ';
        lines[1] = row.join(',');
        text = lines.join('\n');
      }
      writeFileSync(join(renamed, `export_${f.toLowerCase()}`), `\ufeff${text}`);
    }
    const res = run(
      '903',
      'validate',
      '--input-dir',
      '903-export',
      '--year',
      '2025-26',
      '--out',
      'r903.json',
      '--html',
      'r903.html',
    );
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toContain('export_episodes.csv (Episodes)');
    const report = JSON.parse(readFileSync(join(dir, 'r903.json'), 'utf8')) as {
      year: string;
      children: number;
      issues: {
        rule: string;
        kind: string;
        child: string | null;
        module: string;
        field: string;
        values: object;
      }[];
      skipped: { rule: string }[];
    };
    expect(Object.keys(report)).toEqual(['year', 'children', 'issues', 'skipped']);
    expect(report.year).toBe('2025-26');
    expect(report.children).toBeGreaterThan(0);
    const bad = report.issues.find((i) => i.rule === '146');
    expect(bad).toMatchObject({ module: 'Episodes', field: 'PLACE', values: { PLACE: 'ZZ' } });
    expect(typeof bad!.child).toBe('string');
    const html = readFileSync(join(dir, 'r903.html'), 'utf8');
    expect(html).toContain('SSDA903 return 2025-26: validation report');
    expect(html).toContain('Placement type code is not a valid code.');
    expect(html).not.toContain('What to fix');

    const none = run('903', 'validate', '--input-dir', 'nowhere', '--year', '2025-26', '--out', 'r903b.json');
    expect(none.status).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'r903b.json'))).toBe(false);
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
