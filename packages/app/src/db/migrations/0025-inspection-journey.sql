-- Inspection that follows the child's journey (inspection/): the kind of inspection, who tracked
-- each sampled child and from where, and the Annex A lists produced from the live record for it.
-- A tracked child is a sampled child: the `inspection_sample` relationship (access/relationships.ts)
-- grants the inspection's inspectors a read-only view between its start and end.
alter table inspections add column kind text not null default 'ilacs_standard'
  check (kind in ('ilacs_short', 'ilacs_standard', 'focused_visit', 'jtai'));
alter table inspections add constraint inspections_dates check (ends_at > starts_at);
alter table inspections add column annex_a_as_at date;
alter table inspections add column annex_a_produced_at timestamptz;
alter table inspections add column annex_a_produced_by uuid references users;

alter table inspection_samples add column source text not null default 'la' check (source in ('annex_a', 'la'));
alter table inspection_samples add column added_by uuid references users;
alter table inspection_samples add column added_at timestamptz not null default now();

alter table inspection_inspectors add column added_by uuid references users;
alter table inspection_inspectors add column added_at timestamptz not null default now();

-- One row per child of each Annex A list (lists 1–10; list 11 is adopters), as built on the day.
create table inspection_annex_a_rows (
  inspection_id uuid not null references inspections,
  la_code char(3) not null references local_authorities,
  list_name text not null,
  position integer not null,
  person_id uuid references people,
  cells jsonb not null,
  primary key (inspection_id, list_name, position)
);
create table inspection_annex_a_lists (
  inspection_id uuid not null references inspections,
  la_code char(3) not null references local_authorities,
  list_name text not null,
  title text not null,
  headers jsonb not null,
  rows integer not null,
  primary key (inspection_id, list_name)
);
create index inspection_samples_person on inspection_samples (person_id);
create index inspection_inspectors_user on inspection_inspectors (user_id);

alter table inspection_annex_a_rows enable row level security;
create policy tenant_isolation on inspection_annex_a_rows to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
alter table inspection_annex_a_lists enable row level security;
create policy tenant_isolation on inspection_annex_a_lists to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
