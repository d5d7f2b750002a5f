-- The involvement index's own database. It holds keyed encodings and the publishing agency's
-- service, role, contact and dates: never a name, date of birth, address or identifier in
-- plaintext, never the linkage secret. Every row carries the publisher organisation.

-- API clients (client credentials). The secret is stored as its SHA-256 only: it is 32 random
-- bytes, so a slow hash adds nothing.
create table index_clients (
  id text primary key,
  name text not null,
  secret_hash text not null,
  organisations text[] not null,
  created_at timestamptz not null default now()
);

create table index_tokens (
  token_hash text primary key,
  client_id text not null references index_clients (id) on delete cascade,
  expires_at timestamptz not null
);

-- One row per (publisher organisation, publisher's reference). A withdrawal (erasure) keeps the
-- row as a tombstone without details, so a stale publish arriving after it is still ignored.
create table publications (
  id bigserial primary key,
  organisation_id text not null,
  ref text not null,
  version integer not null,
  organisation_name text,
  organisation_kind text,
  la_code text,
  service text,
  role text,
  contact_name text,
  contact_phone text,
  contact_email text,
  since date,
  until date,
  shielded boolean not null default false,
  schema_id text,
  key_id text,
  content_hash text,
  withdrawn boolean not null default false,
  updated_at timestamptz not null default now(),
  unique (organisation_id, ref)
);

-- The encoding: the record filter and the date-of-birth component (twin guard). nhs_block is the
-- keyed NHS-number blocking key, when the publisher's record held a valid one.
create table encodings (
  publication_id bigint primary key references publications (id) on delete cascade,
  organisation_id text not null,
  clk bytea not null,
  dob bytea,
  nhs_block bigint
);

-- One row per (blocking key, encoding): the keyed blocking keys and LSH bands, each as 64 bits
-- of its SHA-256 (the keys are already keyed hashes; a collision only adds a candidate).
-- Candidate retrieval is a look-up of this primary key's btree by the query's keys.
create table block_keys (
  block bigint not null,
  publication_id bigint not null references publications (id) on delete cascade,
  primary key (block, publication_id)
);
create index block_keys_publication on block_keys (publication_id);

-- Every look-up, with what it returned (organisations and references, never scores).
create table lookups (
  id uuid primary key,
  at timestamptz not null default now(),
  caller_organisation_id text not null,
  caller jsonb not null,
  reason text not null,
  reason_text text,
  outcome text not null,
  returned jsonb not null
);
create index lookups_caller on lookups (caller_organisation_id, at);

-- Which publishers' records a look-up touched (for each publisher's DPO).
create table lookup_hits (
  lookup_id uuid not null references lookups (id) on delete cascade,
  organisation_id text not null,
  ref text not null,
  disclosed boolean not null,
  primary key (lookup_id, organisation_id, ref)
);
create index lookup_hits_organisation on lookup_hits (organisation_id, lookup_id);

-- The hash-chained audit: one chain per caller organisation, so concurrent look-ups from
-- different organisations never wait on one lock.
create table audit_heads (
  organisation_id text primary key,
  seq bigint not null,
  hash text not null
);
create table audit (
  organisation_id text not null,
  seq bigint not null,
  at timestamptz not null default now(),
  kind text not null,
  entry jsonb not null,
  prev_hash text not null,
  hash text not null,
  primary key (organisation_id, seq)
);

-- The outbox of what the index must tell a publisher, read by cursor (id), never lost.
create table notices (
  id bigserial primary key,
  organisation_id text not null,
  at timestamptz not null default now(),
  kind text not null,
  ref text not null,
  lookup_id uuid not null,
  caller jsonb not null,
  reason text not null,
  reason_text text,
  shielded_contact jsonb
);
create index notices_organisation on notices (organisation_id, id);
