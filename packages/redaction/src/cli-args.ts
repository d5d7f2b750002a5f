/** Argument parsing for `waypoint-redact`. */

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `usage:
  waypoint-redact detect --input review.txt [--cast cast.json] [--policy policy.json] --out spans.json
  waypoint-redact apply --input review.txt --spans spans.json [--decisions decisions.json] [--policy policy.json] --out redacted.txt [--risk risk.json]`;

const FLAGS: Record<string, string[]> = {
  detect: ['input', 'cast', 'policy', 'out'],
  apply: ['input', 'spans', 'decisions', 'policy', 'out', 'risk'],
};
const REQUIRED: Record<string, string[]> = { detect: ['input', 'out'], apply: ['input', 'spans', 'out'] };

export interface Args {
  command: 'detect' | 'apply';
  opts: Record<string, string>;
  quiet: boolean;
}

/**
 * Parses `detect|apply --flag value …`.
 * @throws UsageError for an unknown command or flag, or a missing required flag.
 */
export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'detect' && command !== 'apply')
    throw new UsageError(`unknown command "${command ?? ''}"; expected detect or apply`);
  const opts: Record<string, string> = {};
  let quiet = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--quiet') {
      quiet = true;
      continue;
    }
    const name = a.replace(/^--/, '');
    if (!a.startsWith('--') || !FLAGS[command]!.includes(name))
      throw new UsageError(`unknown option ${a} for ${command}`);
    const v = rest[++i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
    opts[name] = v;
  }
  for (const r of REQUIRED[command]!) if (!opts[r]) throw new UsageError(`${command} needs --${r}`);
  return { command, opts, quiet };
}
