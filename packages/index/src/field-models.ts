/**
 * The field models of one index process, one per schema and key version (src/field-fit.ts fits
 * them). **A look-up never waits for a fit**: {@link FieldModels.current} answers at once with the
 * version's last fitted model, or before its first fit has finished with the default model of its
 * schema (src/default-field-model.json; null, the record filter, for another schema), and starts
 * the fit in the background when one is due; look-ups arriving meanwhile join it. A failed fit is
 * reported to `onFitError` and tried again after `retryMs`, never an unhandled rejection.
 *
 * Refit policy: a version is fitted again once the encodings it holds reach `refitGrowth` (default
 * 2: doubled) times those its model was fitted on, or, while it is scored by the default model (too
 * few for its own fit), once they reach `minEncodings`. Publications this process stores count at
 * once; those other processes store are seen by one count every `recheckMs` (default 1 hour).
 *
 * @example
 * const models = new FieldModels(db, { refitGrowth: 2 });
 * const model = models.current(schema, key); // never waits
 * await models.ready(schema, key); // tests and benchmarks: the fit in flight has finished
 */
import type { Kysely } from 'kysely';
import type { IndexSchema } from './db.ts';
import {
  countFieldEncodings,
  DEFAULT_MIN_ENCODINGS,
  defaultFieldModel,
  fitIndexFieldModel,
  type FitOptions,
  type FitResult,
} from './field-fit.ts';
import type { FieldModel } from './field-model.ts';

/** Which model scored a look-up: the version's own fit, the shipped default, or the record filter's Dice. */
export type ScoredBy = 'fitted' | 'default' | 'record_filter';

/** The fit of one version; the default is {@link fitIndexFieldModel}. */
export type FitFunction = (
  db: Kysely<IndexSchema>,
  schema: string,
  key: string,
  opts: FitOptions,
  signal: AbortSignal,
) => Promise<FitResult>;

export interface FieldModelOptions extends FitOptions {
  /** Refit once the encodings held reach this multiple of those of the last fit (default 2). */
  refitGrowth?: number;
  /** How often a look-up's version is counted for growth from other processes (default 1 hour). */
  recheckMs?: number;
  /** How long after a failed fit the next one may start (default 60 s). */
  retryMs?: number;
  /** The fit (default {@link fitIndexFieldModel}); tests hold it open or make it fail. */
  fit?: FitFunction;
  /** Where a failed fit is reported (default: one line on stderr). */
  onFitError?: (err: unknown, version: { schema: string; key: string }) => void;
}

interface Version {
  schema: string;
  key: string;
  /** The last finished fit, or undefined before the first. */
  result: FitResult | undefined;
  /** Publications of the version this process stored since the last count. */
  stored: number;
  /** When the growth was last counted (a fit finished, or a recheck). */
  checkedAt: number;
  failedAt: number | null;
  pending: Promise<void> | null;
}

const reportToStderr = (err: unknown, v: { schema: string; key: string }): void => {
  const why = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `waypoint-index: the field model fit of ${v.schema} / ${v.key} failed (${why}); look-ups keep the model they had, the fit is tried again later\n`,
  );
};

/** The field models of an index process (see the file's comment). */
export class FieldModels {
  private readonly versions = new Map<string, Version>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly db: Kysely<IndexSchema>,
    private readonly opts: FieldModelOptions = {},
  ) {}

  /** The model that scores the version now, without waiting; starts a fit when one is due. */
  current(schema: string, key: string): FieldModel | null {
    const v = this.version(schema, key);
    this.refreshIfDue(v);
    return v.result !== undefined ? v.result.model : defaultFieldModel(schema);
  }

  /**
   * Waits for the version's fit in flight (starting one when it is due, as a look-up would) and
   * returns the model that then scores it. Never rejects: a failed fit is reported to
   * `onFitError` and the model in use is returned.
   */
  async ready(schema: string, key: string): Promise<FieldModel | null> {
    const v = this.version(schema, key);
    this.refreshIfDue(v);
    await v.pending;
    return v.result !== undefined ? v.result.model : defaultFieldModel(schema);
  }

  /** A publication of a new encoding of the version was stored by this process. */
  stored(schema: string, key: string): void {
    const v = this.versions.get(`${schema}\u0000${key}`);
    if (v !== undefined) v.stored++;
  }

  /** Stops fits in flight (between their queries) and waits for them; no fit starts after. */
  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort(new Error('the index is closing'));
    const pending: Promise<void>[] = [];
    for (const v of this.versions.values()) if (v.pending !== null) pending.push(v.pending);
    await Promise.all(pending);
  }

  private version(schema: string, key: string): Version {
    const k = `${schema}\u0000${key}`;
    let v = this.versions.get(k);
    if (v === undefined) {
      v = { schema, key, result: undefined, stored: 0, checkedAt: 0, failedAt: null, pending: null };
      this.versions.set(k, v);
    }
    return v;
  }

  /** Encodings at which the version is fitted again (see the refit policy above). */
  private target(r: FitResult): number {
    const min = this.opts.minEncodings ?? DEFAULT_MIN_ENCODINGS;
    if (r.model?.report.source !== 'fitted') return Math.max(1, min);
    return Math.max(r.encodings + 1, Math.ceil(r.encodings * (this.opts.refitGrowth ?? 2)));
  }

  private refreshIfDue(v: Version): void {
    if (v.pending !== null || this.closed) return;
    const now = Date.now();
    if (v.failedAt !== null && now - v.failedAt < (this.opts.retryMs ?? 60_000)) return;
    if (v.result === undefined || v.result.encodings + v.stored >= this.target(v.result))
      this.start(v, false);
    else if (now - v.checkedAt >= (this.opts.recheckMs ?? 3_600_000)) this.start(v, true);
  }

  /** Starts the version's fit in the background (after a count showing growth, when `countFirst`). */
  private start(v: Version, countFirst: boolean): void {
    const fit = this.opts.fit ?? fitIndexFieldModel;
    const run = async (): Promise<void> => {
      if (countFirst && v.result !== undefined) {
        const held = await countFieldEncodings(this.db, v.schema, v.key);
        v.checkedAt = Date.now();
        if (held < this.target(v.result)) {
          v.stored = Math.max(v.stored, held - v.result.encodings);
          return;
        }
      }
      const storedBefore = v.stored;
      const result = await fit(this.db, v.schema, v.key, this.opts, this.abort.signal);
      if (result.model !== null && result.model.schema !== v.schema)
        throw new Error(`a model of schema ${result.model.schema} was fitted for ${v.schema}`);
      v.result = result;
      v.stored = Math.max(0, v.stored - storedBefore);
      v.checkedAt = Date.now();
      v.failedAt = null;
    };
    v.pending = run()
      .catch((err: unknown) => {
        v.failedAt = Date.now();
        if (this.closed) return;
        try {
          (this.opts.onFitError ?? reportToStderr)(err, { schema: v.schema, key: v.key });
        } catch {
          // A reporter that throws must not turn a failed fit into an unhandled rejection.
        }
      })
      .finally(() => {
        v.pending = null;
      });
  }
}
