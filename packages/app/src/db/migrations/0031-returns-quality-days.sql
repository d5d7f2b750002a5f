-- The data quality page's trend (returns/quality-trend.ts): per LA, day and collection year, how
-- many errors and queries the CIN census and the SSDA903 return of that year had as the record
-- stood that day, and how many children each held. Counts only: never a child or a worker. Written
-- each morning by the job queue (`returns.quality-day`); the page adds today's live figures.
create table returns_quality_days (
  la_code char(3) not null references local_authorities,
  day date not null,
  collection_year text not null check (collection_year ~ '^[0-9]{4}-[0-9]{2}$'),
  return_name text not null check (return_name in ('CIN census', 'SSDA903')),
  children integer not null check (children >= 0),
  errors integer not null check (errors >= 0),
  queries integer not null check (queries >= 0),
  recorded_at timestamptz not null default now(),
  primary key (la_code, collection_year, return_name, day)
);

alter table returns_quality_days enable row level security;
create policy tenant_isolation on returns_quality_days to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
revoke truncate on returns_quality_days from waypoint_app;
