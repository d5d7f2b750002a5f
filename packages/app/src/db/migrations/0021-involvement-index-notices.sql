-- What the involvement index tells a publisher (issue 15): a shielded hit (someone with a reason
-- is trying to reach the child's practitioners: the shielding agency's named contact is emailed)
-- and a look-up on its records (for its data protection officer). A job polls the index's notices
-- per organisation from the last one seen, and keeps each notice once.
create table involvement_index_cursors (
  organisation_id uuid primary key references organisations,
  la_code char(3) not null references local_authorities,
  last_notice_id text,
  polled_at timestamptz not null default now()
);

create table involvement_index_notices (
  organisation_id uuid not null references organisations,
  notice_id text not null,
  la_code char(3) not null references local_authorities,
  kind text not null check (kind in ('shielded_hit', 'lookup_on_records')),
  involvement_id uuid references involvements,
  caller_name text not null,
  caller_organisation text not null,
  caller_email text not null,
  caller_phone text,
  reason text not null,
  reason_text text,
  noticed_at timestamptz not null,
  -- For a shielded hit: the message to the named contact, when it could be sent (a valid email).
  message_job_id text,
  received_at timestamptz not null default now(),
  primary key (organisation_id, notice_id)
);
create index involvement_index_notices_organisation on involvement_index_notices (organisation_id, noticed_at desc);

do $$
declare t text;
begin
  foreach t in array array['involvement_index_cursors', 'involvement_index_notices']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
    execute format('grant select, insert, update on %I to waypoint_app', t);
  end loop;
end
$$;
