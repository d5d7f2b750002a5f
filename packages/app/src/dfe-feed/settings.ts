/**
 * Where the DfE feed sends and how it opens the LA's DfE key: `DFE_API_URL` (config.ts; unset, the
 * daily push does nothing and only `--dry-run` works) and the settings key that seals the LA's
 * `dfe_api_key` (la-settings/credentials.ts). Taken from the environment's configuration on first
 * use, or set by a test.
 */
import { loadConfig } from '../config.ts';
import { settingsKey } from '../la-settings/credentials.ts';

export interface DfeFeedSettings {
  /** e.g. `https://find-and-use-an-api.education.gov.uk/api`; undefined: nothing is sent. */
  baseUrl: string | undefined;
  /** The key that opens the LA's sealed credentials (read when a request is sent). */
  secretsKey: () => Buffer;
}

let configured: DfeFeedSettings | undefined;

/** Sets the feed's settings (a test's receiver). */
export function configureDfeFeed(settings: DfeFeedSettings | undefined): void {
  configured = settings;
}

/** The configured settings, or those of the environment's configuration. */
export function dfeFeedSettings(): DfeFeedSettings {
  if (configured !== undefined) return configured;
  const config = loadConfig();
  let key: Buffer | undefined;
  configured = { baseUrl: config.dfeApiUrl, secretsKey: () => (key ??= settingsKey(config)) };
  return configured;
}
