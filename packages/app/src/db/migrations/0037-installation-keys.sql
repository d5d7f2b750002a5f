-- The keys kept outside the database (the linkage key that encodes children's identities for the
-- involvement index, the settings key that seals the LA's credentials), known here only by their
-- fingerprints (a SHA-256 of the key, never the key), recorded when a key is first used. A start
-- whose key file is missing or different is then refused (backup/installation-keys.ts) instead of
-- silently making a new key that no encoding or sealed credential would ever match again.
-- One row per installation and key, not per tenant: no LA key and no row-level rules, and the
-- app's role may read it but never change it (only the owner, at start or restore, writes it).
create table installation_keys (
  name text primary key check (name in ('linkage', 'settings')),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{32}$'),
  recorded_at timestamptz not null default now()
);

revoke insert, update, delete, truncate on installation_keys from waypoint_app;
