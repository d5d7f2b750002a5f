-- LA settings (helper datalife): the council's names, office hours and out-of-hours numbers (the
-- CP-IS answer shows them), encrypted credentials for GOV.UK Notify and the DfE, and the LA's retention schedule
-- (per kind of record, overriding the
-- national defaults in la-settings/retention-rules.ts) with legal holds. The safeguarding partnership
-- is the learning reviews' (0014), shown on the settings page through learning-reviews/partnership.ts.
create table la_settings (
  la_code char(3) primary key references local_authorities,
  name text not null,
  service_name text not null,
  office_hours jsonb not null,
  office_phone text not null,
  office_email text,
  emergency_duty_phone text not null,
  emergency_duty_email text not null,
  emergency_duty_sms text,
  version integer not null default 1,
  updated_by uuid references users,
  updated_at timestamptz not null default now()
);

-- AES-256-GCM: iv, tag and ciphertext, base64url; the key is kept apart from the database.
create table la_credentials (
  la_code char(3) not null references local_authorities,
  name text not null check (name in ('notify_api_key', 'dfe_api_key')),
  sealed text not null,
  set_by uuid references users,
  set_at timestamptz not null default now(),
  primary key (la_code, name)
);

create table retention_rules (
  la_code char(3) not null references local_authorities,
  kind text not null,
  basis text not null check (basis in ('birthday', 'years_after_closure')),
  years integer not null check (years between 1 and 150),
  updated_by uuid references users,
  updated_at timestamptz not null default now(),
  primary key (la_code, kind)
);

create table legal_holds (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  person_id uuid not null references people,
  reason text not null,
  placed_by uuid references users,
  placed_at timestamptz not null default now(),
  lifted_by uuid references users,
  lifted_at timestamptz
);
create index legal_holds_person on legal_holds (person_id) where lifted_at is null;

do $$
declare t text;
begin
  foreach t in array array['la_settings', 'la_credentials', 'retention_rules', 'legal_holds']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
    execute format('grant select, insert, update on %I to waypoint_app', t);
  end loop;
end
$$;
