/**
 * Configuration from environment variables, validated once at start. A bad value stops the app
 * with a message naming the variable and what is wrong.
 */
import { isIP } from 'node:net';
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

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies in front of Waypoint may set X-Forwarded-For (and -Proto, -Host): none (`false`,
 * the default), a number of hops (`1` for one load balancer), or a comma-separated list of their
 * addresses or CIDR ranges. `true` (every hop) is refused: anyone could then forge their address,
 * defeating the sign-in rate limit and writing what they like into the audit.
 */
const trustProxySchema = z
  .string()
  .default('false')
  .transform((v, ctx): false | number | string[] => {
    const value = v.trim();
    if (value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          'may not be true: that trusts every hop, so anyone can forge X-Forwarded-For. Set the number of proxies in front of Waypoint (e.g. 1) or their addresses (e.g. 10.0.0.0/8,192.0.2.7)',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 20) return hops;
      ctx.addIssue({ code: 'custom', message: 'must be at most 20 hops' });
      return z.NEVER;
    }
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (bad.length === 0) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `must be false, a number of hops, or a comma-separated list of IP addresses or CIDR ranges (not ${bad.map((b) => JSON.stringify(b)).join(', ')})`,
    });
    return z.NEVER;
  });

const envSchema = z.object({
  // No default here: production when DATABASE_URL is set, development otherwise (see loadConfig).
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  WAYPOINT_DATA_DIR: z.string().min(1).default('./data'),
  // No default here: the demo only for the embedded database outside production (see loadConfig).
  WAYPOINT_SEED_ON_START: z.enum(['demo', 'none']).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int('must be a whole number')
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: wholeNumber(1, 72, 12),
  TRUST_PROXY: trustProxySchema,
  // 'none' when separate `waypoint jobs run` processes run every job (PostgreSQL only).
  WAYPOINT_JOBS_WORKER: z.enum(['in-process', 'none']).default('in-process'),
  // GOV.UK Notify: messages go through Notify when the key is set, else to the local outbox.
  NOTIFY_API_KEY: z.string().min(20, 'must be a GOV.UK Notify API key').optional(),
  NOTIFY_TEMPLATE_IDS: z
    .string()
    .transform((v, ctx): Record<string, string> => {
      try {
        const parsed: unknown = JSON.parse(v);
        const ids = z.record(z.string(), z.uuid()).safeParse(parsed);
        if (ids.success)
          return Object.fromEntries(Object.entries(ids.data).map(([k, id]) => [k, id.toLowerCase()]));
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a JSON object of "template:channel" to Notify template id, e.g. {"feedback-request:email":"<uuid>"}',
      });
      return z.NEVER;
    })
    .optional(),
  // The 256-bit key that seals the LA's stored credentials (la-settings/credentials.ts); without it,
  // a key file under <WAYPOINT_DATA_DIR>/keys/ is made on first use.
  WAYPOINT_SECRETS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit key)')
    .optional(),
  // The involvement index (involvement/): in-process on PGlite in <WAYPOINT_DATA_DIR>/index/ unless
  // a URL is set; the linkage secret, else <WAYPOINT_DATA_DIR>/keys/linkage.key made once.
  WAYPOINT_INDEX_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  WAYPOINT_INDEX_CLIENT_ID: z.string().min(1).optional(),
  WAYPOINT_INDEX_CLIENT_SECRET: z.string().min(1).optional(),
  // The DfE children's social care API (dfe-feed/): the base the daily push POSTs
  // /children_social_care_data/{la_code}/children to; unset, nothing is sent (dry runs only).
  DFE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  WAYPOINT_LINKAGE_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (32 random bytes are best)')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  /** `production` unless NODE_ENV says otherwise when DATABASE_URL is set; `development` without it. */
  env: NodeEnv;
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * Seed the fictional demo authority (and its demo accounts, with their published password) on
   * first start: by default only on the embedded database outside production; on PostgreSQL only
   * when WAYPOINT_SEED_ON_START=demo is set, and never in production.
   */
  seedOnStart: boolean;
  logLevel: Env['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /**
   * The proxies whose X-Forwarded-* headers are believed (Fastify's `trustProxy`): false for none,
   * a number of hops, or their addresses and CIDR ranges. Never `true`.
   */
  trustProxy: false | number | string[];
  /** `waypoint serve` runs the job queue's worker in its own process. */
  jobsInProcess: boolean;
  /** GOV.UK Notify's API key: set, messages are sent through Notify; unset, to the local outbox. */
  notifyApiKey: string | undefined;
  /** Notify's template id for each `template:channel` (messaging/templates.ts). */
  notifyTemplateIds: Record<string, string>;
  /** The key sealing stored credentials (hex); undefined: the key file in `dataDir/keys/`. */
  secretsKey: string | undefined;
  /** The involvement index over HTTP (with its client credentials); undefined: in-process in `dataDir/index/`. */
  index: { url: string; clientId: string; clientSecret: string } | undefined;
  /** The linkage secret; undefined: the key file `dataDir/keys/linkage.key`. */
  linkageSecret: string | undefined;
  /** The DfE children's social care API base URL (no trailing slash); undefined: the daily push sends nothing. */
  dfeApiUrl: string | undefined;
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
  // A council that sets DATABASE_URL and forgets NODE_ENV gets production, not the demo.
  const env: NodeEnv = e.NODE_ENV ?? (e.DATABASE_URL !== undefined ? 'production' : 'development');
  const seed =
    e.WAYPOINT_SEED_ON_START ?? (e.DATABASE_URL === undefined && env !== 'production' ? 'demo' : 'none');
  if (seed === 'demo' && env === 'production')
    throw new ConfigError(
      `Configuration error:\n  WAYPOINT_SEED_ON_START may not be demo in production (NODE_ENV=production${
        e.NODE_ENV === undefined ? ', the default when DATABASE_URL is set' : ''
      }): the demo accounts have a published password. Set NODE_ENV=development to run the demo on PostgreSQL (got "demo")`,
    );
  if (
    e.WAYPOINT_INDEX_URL !== undefined &&
    (e.WAYPOINT_INDEX_CLIENT_ID === undefined || e.WAYPOINT_INDEX_CLIENT_SECRET === undefined)
  )
    throw new ConfigError(
      'Configuration error:\n  WAYPOINT_INDEX_URL needs WAYPOINT_INDEX_CLIENT_ID and WAYPOINT_INDEX_CLIENT_SECRET (from `waypoint-index clients add`)',
    );
  return {
    env,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.WAYPOINT_DATA_DIR),
    seedOnStart: seed === 'demo',
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: e.TRUST_PROXY,
    jobsInProcess: e.WAYPOINT_JOBS_WORKER === 'in-process',
    notifyApiKey: e.NOTIFY_API_KEY,
    notifyTemplateIds: e.NOTIFY_TEMPLATE_IDS ?? {},
    secretsKey: e.WAYPOINT_SECRETS_KEY,
    index:
      e.WAYPOINT_INDEX_URL === undefined
        ? undefined
        : {
            url: e.WAYPOINT_INDEX_URL,
            clientId: e.WAYPOINT_INDEX_CLIENT_ID ?? '',
            clientSecret: e.WAYPOINT_INDEX_CLIENT_SECRET ?? '',
          },
    linkageSecret: e.WAYPOINT_LINKAGE_SECRET,
    dfeApiUrl: e.DFE_API_URL,
  };
}

/**
 * Fastify's `trustProxy` for the configured proxies. A list is compiled by proxy-addr. A hop count
 * is passed as proxy-addr's own rule for a count (the nearest `hops` addresses are proxies),
 * because Fastify now treats a bare number as "trust nothing": a count cannot tell a proxy from a
 * client that reached Waypoint directly, so it is only right when Waypoint cannot be reached except
 * through its proxies (the README says so, and recommends the list).
 */
export function fastifyTrustProxy(
  config: Pick<Config, 'trustProxy'>,
): false | string[] | ((address: string, hop: number) => boolean) {
  const tp = config.trustProxy;
  if (typeof tp !== 'number') return tp;
  return (_address, hop) => hop < tp;
}

/** Served behind a (TLS-terminating) proxy: turns on HSTS and Secure cookies. */
export function behindProxy(config: Pick<Config, 'trustProxy'>): boolean {
  return config.trustProxy !== false;
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
