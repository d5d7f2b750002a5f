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

-- The overview's newest reports (`where la_code = $1 order by created_at desc limit 10`): the
-- tenant policy's own condition, la_code::text = current_setting(...), is guessed to keep 1 row in
-- 200, so the planner expected to read every report through friction_reports_la before finding 10
-- and chose to read the whole table and sort it (0.85 ms at 2,000 reports, growing with every
-- report ever sent). On the policy's expression the guess is the LA's share (its statistics), and
-- the newest 10 are the index's first 10 (0.04 ms).
create index friction_reports_latest on friction_reports ((la_code::text), created_at desc);

-- Summaries stored with ids are worked out again at their next read, with their groups.
delete from insight_summaries where kind = 'friction';
