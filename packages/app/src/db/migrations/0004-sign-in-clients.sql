-- Sign-in: partner-system clients for the OAuth client-credentials grant, and the last TOTP time
-- step used by each user, so a two-factor code cannot be replayed.

alter table users add column totp_last_step bigint;

create table api_clients (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  client_id text not null unique,
  secret_hash text not null,               -- sha256 of the client secret; the secret is shown once
  user_id uuid not null references users,  -- the service user the client acts as
  name text not null,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_clients_la on api_clients (la_code);
grant select, insert, update on api_clients to waypoint_app;
