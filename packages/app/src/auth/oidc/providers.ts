/** Single sign-on providers, one per LA, from the `oidc_providers` table. */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { openClientSecret, type SecretsConfig } from '../sealed-secrets.ts';

export interface OidcProvider {
  laCode: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The providers people may choose on the sign-in page (names only). */
export async function enabledProviders(
  db: Kysely<Schema>,
): Promise<{ laCode: string; displayName: string }[]> {
  const rows = await db
    .selectFrom('oidc_providers')
    .select(['la_code', 'display_name'])
    .where('enabled', '=', true)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ laCode: r.la_code, displayName: r.display_name }));
}

/**
 * The enabled provider for an LA, or null (also when its client secret does not open with this
 * installation's key: single sign-on is then unavailable rather than failing at the provider).
 */
export async function providerFor(
  db: Kysely<Schema>,
  config: SecretsConfig,
  laCode: string,
): Promise<OidcProvider | null> {
  const row = await db
    .selectFrom('oidc_providers')
    .selectAll()
    .where('la_code', '=', laCode)
    .where('enabled', '=', true)
    .executeTakeFirst();
  if (row === undefined) return null;
  const clientSecret = openClientSecret(config, row.la_code, row.client_secret);
  if (clientSecret === null) return null;
  return {
    laCode: row.la_code,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret,
  };
}
