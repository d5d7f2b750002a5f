-- The job queue: work after commit and on a schedule, in the same database as the work, so a job
-- is enqueued in the same transaction as what it follows (decision 0005). One row per job; the
-- payload is the job's own zod-validated input. Claimed with FOR UPDATE SKIP LOCKED.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  -- The order jobs were enqueued in: jobs with the same ordering key run in this order.
  seq bigint generated always as identity unique,
  la_code char(3) not null references local_authorities,
  name text not null check (name ~ '^[a-z0-9][a-z0-9.-]{0,99}$'),
  payload jsonb not null default '{}',
  -- queued: waiting for run_at; running: claimed by a worker until lease_until; retry: failed, waiting
  -- for its next attempt at run_at; done; dead: failed max_attempts times; cancelled by an administrator.
  state text not null default 'queued' check (state in ('queued', 'running', 'retry', 'done', 'dead', 'cancelled')),
  -- Jobs with the same key in the same LA run one at a time, in seq order, each after the previous finished.
  ordering_key text check (length(ordering_key) between 1 and 200),
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  run_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts between 1 and 100),
  lease_until timestamptz,
  locked_by text,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
-- What a worker looks for: due jobs in enqueue order.
create index jobs_due on jobs (run_at, seq) where state in ('queued', 'retry');
-- Whether an earlier job of the same key is unfinished.
create index jobs_ordering on jobs (la_code, ordering_key, seq) where ordering_key is not null and state in ('queued', 'running', 'retry', 'dead');
create index jobs_expired_leases on jobs (lease_until) where state = 'running';
create index jobs_recent on jobs (la_code, name, state, created_at desc);
-- The same idempotency key enqueues one job per LA and job name, however often it is sent.
create unique index jobs_idempotency on jobs (la_code, name, idempotency_key) where idempotency_key is not null;

-- Recurring jobs: when each LA's schedule last fired, so a restart neither repeats nor loses a run.
create table job_schedules (
  la_code char(3) not null references local_authorities,
  name text not null,
  last_fired_at timestamptz not null,
  primary key (la_code, name)
);

do $$
declare t text;
begin
  foreach t in array array['jobs', 'job_schedules']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
