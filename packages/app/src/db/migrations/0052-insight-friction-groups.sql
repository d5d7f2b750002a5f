-- "What got in the way?": the ids of each group's reports move out of the summary row (0027) into
-- a row per group. The summary held every report's id twice (by theme and by page): for 2,000
-- reports about 157 KB of JSON, read, sent and parsed on every request of the PSW's overview,
-- which shows only each group's name and count, and of a group's page, which shows 20 of them.
-- Now the summary holds names and counts, and a group's page reads its 20 ids from its own row.
-- Worked out with the summary, in the same transaction (insight/friction-summary.ts), so a group's
-- position and ids are those of the figures the overview shows. Ids of reports only, never who
-- sent them.
create table insight_friction_groups (
  la_code char(3) not null references local_authorities,
  kind text not null check (kind in ('theme', 'page')),
  -- The group's place in the summary's list (the overview's link: ?theme=position).
  position integer not null check (position >= 0),
  -- The theme's name, or the page pattern (?on=name).
  name text not null,
  -- The group's reports, newest first.
  report_ids uuid[] not null,
  primary key (la_code, kind, position)
);

alter table insight_friction_groups enable row level security;
create policy tenant_isolation on insight_friction_groups to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true));
revoke truncate on insight_friction_groups from waypoint_app;

-- Summaries stored with ids are worked out again at their next read, with their groups.
delete from insight_summaries where kind = 'friction';
