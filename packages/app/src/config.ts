/**
 * Configuration from environment variables, validated once at start. A bad value stops the app
 * with a message naming the variable and what is wrong.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A whole number from an environment variable, with a message people can act on. */
function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  WAYPOINT_DATA_DIR: z.string().min(1).default('./data'),
  WAYPOINT_SEED_ON_START: z.enum(['demo', 'none']).default('demo'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: wholeNumber(1, 72, 12),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // 'none' when separate `waypoint jobs run` processes run every job (PostgreSQL only).
  WAYPOINT_JOBS_WORKER: z.enum(['in-process', 'none']).default('in-process'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  seedOnStart: boolean;
  logLevel: Env['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  /** `waypoint serve` runs the job queue's worker in its own process. */
  jobsInProcess: boolean;
}

/** A configuration problem: the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates configuration.
 * @throws ConfigError naming every bad variable, e.g. `PORT must be a whole number (got "abc")`.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, emptyToUndefined(source[k])]));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message.replace(/^Invalid input: /, '')} (got ${JSON.stringify(raw[name])})`;
    });
    throw new ConfigError(`Configuration error:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.WAYPOINT_DATA_DIR),
    seedOnStart: e.WAYPOINT_SEED_ON_START === 'demo',
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: e.TRUST_PROXY === 'true',
    jobsInProcess: e.WAYPOINT_JOBS_WORKER === 'in-process',
  };
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
