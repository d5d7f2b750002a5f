-- Practice insight's figures, worked out ahead of the pages that show them (insight/summaries.ts):
-- one row per LA, kind of figures and scope ('la', or a user's id for their own recording), the
-- figures as JSON (counts and averages with small groups already withheld, and for "What got in
-- the way?" the ids of the reports in each group, never who made them), when they were worked out,
-- and when something they count last changed (a report, a reply, a family's answer). A page reads
-- its row; the job queue works the figures out again every 10 minutes and soon after a change.
create table insight_summaries (
  la_code char(3) not null references local_authorities,
  kind text not null check (kind in ('friction', 'feedback', 'help', 'recording')),
  scope text not null check (scope = 'la' or scope ~ '^[0-9a-f-]{36}$'),
  data jsonb not null,
  computed_at timestamptz not null,
  changed_at timestamptz,
  primary key (la_code, kind, scope)
);

alter table insight_summaries enable row level security;
create policy tenant_isolation on insight_summaries to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
revoke truncate on insight_summaries from waypoint_app;

