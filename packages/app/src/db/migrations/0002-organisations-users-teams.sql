-- Tenants, organisations, people who use the system, their roles and teams, sign-in state.
-- Directory data (who works where) is shared across tenants so partners can work in several LA
-- areas; children's and adults' records are tenant data (see 0003) and carry row-level security.

create table local_authorities (
  la_code char(3) primary key check (la_code ~ '^[0-9]{3}$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities, -- home area
  name text not null,
  kind text not null check (kind in ('local_authority', 'police', 'nhs_trust', 'gp_practice', 'school', 'early_help', 'youth_justice', 'regulator')),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

-- The LA areas an organisation works in (a police force or NHS trust covers several).
create table organisation_areas (
  organisation_id uuid not null references organisations,
  la_code char(3) not null references local_authorities,
  primary key (organisation_id, la_code)
);

create table teams (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  organisation_id uuid not null references organisations,
  name text not null,
  -- A service is a team of teams: its managers are in the management line of every team below it.
  parent_team_id uuid references teams,
  active boolean not null default true,
  deactivated_at timestamptz,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities, -- home tenant
  organisation_id uuid not null references organisations,
  email text not null,
  name text not null,
  password_hash text,                 -- argon2id; null for single-sign-on-only accounts
  totp_secret text,                   -- base32; null until two-factor is set up
  totp_confirmed_at timestamptz,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  is_demo boolean not null default false, -- refused when NODE_ENV=production
  access_ends_at timestamptz,         -- time-limited accounts (inspectors)
  active boolean not null default true,
  deactivated_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table user_roles (
  user_id uuid not null references users,
  role text not null check (role in ('social_worker', 'team_manager', 'service_manager', 'director', 'principal_social_worker',
    'front_door', 'partner_practitioner', 'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator')),
  granted_at timestamptz not null default now(),
  primary key (user_id, role)
);

create table team_memberships (
  team_id uuid not null references teams,
  user_id uuid not null references users,
  is_manager boolean not null default false,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (team_id, user_id, started_at)
);
create index team_memberships_user on team_memberships (user_id) where ended_at is null;

create table sessions (
  id_hash text primary key,           -- sha256 of the cookie value; the value itself is never stored
  user_id uuid not null references users,
  acting_la_code char(3) not null references local_authorities,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  absolute_expires_at timestamptz not null,
  mfa_verified_at timestamptz,
  ip text,
  user_agent text,
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id) where revoked_at is null;

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users,  -- a client-credentials client acts as a service user
  acting_la_code char(3) not null references local_authorities,
  kind text not null check (kind in ('personal', 'client')),
  name text not null,
  token_hash text not null unique,         -- sha256; the token is shown once
  scopes text[] not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- Single sign-on per LA (OpenID Connect).
create table oidc_providers (
  la_code char(3) primary key references local_authorities,
  display_name text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
