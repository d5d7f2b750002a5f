/**
 * `waypoint-returns`: build and validate statutory returns from the command line.
 *
 *   waypoint-returns cin validate --input census.xml [--year 2025-26] --out report.json [--html report.html]
 *   waypoint-returns cin build --input children.json --year 2025-26 --out census.xml
 *   waypoint-returns annex-a build --input children.json --inspection-date 2026-01-15 --out annex-a.xlsx [--csv-dir dir]
 *   waypoint-returns 903 build --input children.json --year 2025-26 --out-dir 903/
 *   waypoint-returns 903 validate --input-dir 903/ --year 2025-26 [--last-dir 903-last/] --out report.json [--html report.html]
 *
 * Bad input: one line on stderr and exit code 2, no output file. Validation issues are not
 * errors of the tool: the report is written and the exit code is 0.
 */
import { parseArgs } from 'node:util';

const USAGE = `usage:
  waypoint-returns cin validate --input census.xml [--year 2025-26] --out report.json [--html report.html]
  waypoint-returns cin build --input children.json --year 2025-26 --out census.xml
  waypoint-returns annex-a build --input children.json --inspection-date 2026-01-15 --out annex-a.xlsx [--csv-dir DIR]
  waypoint-returns 903 build --input children.json --year 2025-26 --out-dir 903/
  waypoint-returns 903 validate --input-dir 903/ --year 2025-26 [--last-dir DIR] --out report.json [--html report.html]
  waypoint-returns generate --children 1000 [--seed 1] [--year 2025-26] --out children.json   (fictional data)`;

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        out: { type: 'string' },
        'out-dir': { type: 'string' },
        'input-dir': { type: 'string' },
        'last-dir': { type: 'string' },
        year: { type: 'string' },
        html: { type: 'string' },
        'inspection-date': { type: 'string' },
        'csv-dir': { type: 'string' },
        children: { type: 'string' },
        seed: { type: 'string' },
      },
    });
    // Loaded only to run a command: `--help` needs none of the returns code (rules, XSD, xlsx).
    const { runCommand } = await import('./cli/commands.ts');
    await runCommand(positionals, values, (line) => process.stderr.write(`${line}\n`));
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`waypoint-returns: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
