/** `waypoint-redact detect|apply`: one-line errors with exit code 2, never a partial output file. */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { CastError, parseCast, type Cast } from './cast.ts';
import { parseArgs, USAGE, UsageError } from './cli-args.ts';
import { DecisionError, parseDecisions } from './decisions.ts';
import { InputError, readInput } from './input.ts';
import { parsePolicy, PolicyError, type Policy } from './policy.ts';
import { SpanError } from './render.ts';
import type { SpansFile } from './types.ts';

const LARGE = 100_000;

async function readJson(path: string, what: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`,
    );
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw new InputError(`${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Writes every output to a temporary file first, then renames them all: no partial output. */
async function writeAll(files: [string, string][]): Promise<void> {
  const tmps: string[] = [];
  try {
    for (const [path, body] of files) {
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, body);
      tmps.push(tmp);
    }
    for (let i = 0; i < files.length; i++) await rename(tmps[i]!, files[i]![0]);
  } catch (e) {
    await Promise.all(tmps.map((t) => unlink(t).catch(() => undefined)));
    throw new InputError(`cannot write output: ${(e as Error).message}`);
  }
}

function progress(quiet: boolean, size: number): (f: number, stage: string) => void {
  const t0 = Date.now();
  return (f, stage) => {
    if (!quiet && size >= LARGE)
      process.stderr.write(
        `waypoint-redact: ${Math.round(f * 100)}% ${stage} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
  };
}

async function main(argv: string[]): Promise<void> {
  const { command, opts, quiet } = parseArgs(argv);
  const policy: Policy = opts.policy ? parsePolicy(await readJson(opts.policy, 'policy')) : parsePolicy({});
  const input = await readInput(opts.input!);
  if (command === 'detect') {
    const cast: Cast | undefined = opts.cast ? parseCast(await readJson(opts.cast, 'cast')) : undefined;
    // The detectors and their word lists load only once the inputs are known to be good.
    const { detect } = await import('./detect.ts');
    const onProgress = progress(quiet, input.length);
    onProgress(0, `read ${(input.length / 1e6).toFixed(2)} MB`);
    const result = detect(input, { ...(cast ? { cast } : {}), policy, onProgress });
    await writeAll([[opts.out!, JSON.stringify(result, null, 1) + '\n']]);
    if (!quiet)
      process.stderr.write(
        `waypoint-redact: ${result.spans.length} spans, ${result.entities.length} entities → ${opts.out}\n`,
      );
    return;
  }
  const spansRaw = (await readJson(opts.spans!, 'spans')) as Partial<SpansFile> | null;
  if (!spansRaw || !Array.isArray(spansRaw.spans))
    throw new InputError(`spans ${opts.spans} must be {"spans": [...]}`);
  const [{ applyDecisions }, { render }] = await Promise.all([
    import('./decisions.ts'),
    import('./render.ts'),
  ]);
  let file: SpansFile = {
    spans: spansRaw.spans,
    ...(spansRaw.entities ? { entities: spansRaw.entities } : {}),
  };
  if (opts.decisions)
    file = applyDecisions(input, file, parseDecisions(await readJson(opts.decisions, 'decisions')), policy);
  const out = render(input, file.spans);
  const outputs: [string, string][] = [[opts.out!, out.text]];
  if (opts.risk) {
    // The word lists load only for the risk report.
    const [{ residualRisk }, { buildAllowList }] = await Promise.all([
      import('./risk.ts'),
      import('./allow-list.ts'),
    ]);
    outputs.push([
      opts.risk,
      JSON.stringify(residualRisk(out.text, out.replaced, buildAllowList(policy.allow)), null, 1) + '\n',
    ]);
  }
  await writeAll(outputs);
  if (!quiet) process.stderr.write(`waypoint-redact: ${file.spans.length} spans applied → ${opts.out}\n`);
}

const KNOWN = [UsageError, InputError, CastError, PolicyError, DecisionError, SpanError];

const argv = process.argv.slice(2);
if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') process.stdout.write(`${USAGE}\n`);
else
  main(argv).catch((e: unknown) => {
    const known = KNOWN.some((k) => e instanceof k);
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`waypoint-redact: ${known ? msg : `unexpected error: ${msg.split('\n')[0]}`}\n`);
    if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  });
