-- What a learning review published: the checked, redacted text and its metadata, kept with the
-- review (the public repository serves its own copy); withdrawal keeps the row, with the reason.
create table review_publications (
  review_id uuid primary key references learning_reviews,
  la_code char(3) not null,
  draft_version integer not null,
  published_text text not null,
  metadata jsonb not null,
  published_by uuid not null references users,
  published_at timestamptz not null default now(),
  withdrawn_by uuid references users,
  withdrawn_at timestamptz,
  withdrawn_reason text
);
alter table review_publications enable row level security;
create policy tenant_isolation on review_publications to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
