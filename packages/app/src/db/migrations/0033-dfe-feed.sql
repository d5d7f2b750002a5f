-- The DfE children's social care daily feed (packages/app/src/dfe-feed/README.md).
--
-- dfe_pushes: one row per push (the daily job's or `waypoint returns dfe-push`'s): when, what it
--   found to send (new, changed, deleted, unchanged, refused by the schema) and how it ended.
-- dfe_push_requests: the push's requests in order (at most 100 children each), each sent by one job
--   of the job queue (ordering key per LA): its body until the DfE accepts it (then cleared), what to
--   keep once accepted, and the DfE's answer (HTTP status, receipt or reason, attempts, each attempt).
-- dfe_pushed_children: what the DfE last accepted for each child (the LA child ID, a hash of the
--   record sent and the ids of its parts), so the next push sends only changes and purges what has
--   gone. Keyed by LA child ID, not by person: a disposed child's row outlives the record until the
--   DfE has accepted its purge.
create table dfe_pushes (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  trigger text not null check (trigger in ('schedule', 'command')),
  -- The recurring job that made it (a job run twice makes one push).
  job_id uuid unique,
  requested_by uuid references users,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  status text not null check (status in ('sending', 'sent', 'nothing to send', 'rejected', 'skipped')),
  children_new integer not null default 0 check (children_new >= 0),
  children_changed integer not null default 0 check (children_changed >= 0),
  children_deleted integer not null default 0 check (children_deleted >= 0),
  children_unchanged integer not null default 0 check (children_unchanged >= 0),
  children_refused integer not null default 0 check (children_refused >= 0),
  requests integer not null default 0 check (requests >= 0),
  -- Why it was skipped or rejected, in words.
  reason text,
  -- Children the schema refused: [{ laChildId, errors: [{ path, message }] }] (no values).
  refused jsonb not null default '[]',
  check ((status = 'sending') = (finished_at is null))
);
create index dfe_pushes_latest on dfe_pushes (la_code, started_at desc);

create table dfe_push_requests (
  la_code char(3) not null references local_authorities,
  push_id uuid not null references dfe_pushes on delete cascade,
  request_no integer not null check (request_no >= 1),
  children integer not null check (children between 1 and 100),
  -- The request body until accepted; cleared then (the DfE holds it; the state below is kept).
  body jsonb,
  -- What to keep once accepted: [{ laChildId, kind, hash, parts }].
  changes jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'retrying', 'accepted', 'rejected')),
  http_status integer,
  receipt text,
  reason text,
  attempts integer not null default 0 check (attempts >= 0),
  -- Every attempt: [{ at, status, reason }].
  history jsonb not null default '[]',
  at timestamptz,
  primary key (push_id, request_no)
);

create table dfe_pushed_children (
  la_code char(3) not null references local_authorities,
  la_child_id text not null,
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  parts jsonb not null default '[]',
  pushed_at timestamptz not null default now(),
  push_id uuid references dfe_pushes on delete set null,
  primary key (la_code, la_child_id)
);

do $$
declare t text;
begin
  foreach t in array array['dfe_pushes', 'dfe_push_requests', 'dfe_pushed_children']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
    execute format('revoke truncate on %I from waypoint_app', t);
  end loop;
end $$;
