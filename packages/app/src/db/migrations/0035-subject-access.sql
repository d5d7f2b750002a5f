-- Subject access requests (UK GDPR Art. 15; issue 20; packages/app/src/subject-access/README.md).
--
-- 1. A request: whose information (the subject person: the requester themself, or a child for a
--    parent with parental responsibility, the basis recorded), who asked (a person on the record, or
--    someone named outside it), when it was received, the statutory due date (one calendar month
--    later, Art. 12(3)) and an extension of up to two further months with its reason; tracked,
--    never blocking.
-- 2. The data protection officer's disclosure decisions, one per span of the bundle built from the
--    record: redact or disclose, anchored by the span's text and the words either side (as the
--    learning reviews' decisions are), with who, when and on which bundle version (its digest).
-- Both follow the subject's record: disposal of the record (dispose_person) removes them too.

create table subject_access_requests (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  subject_person_id uuid not null references people on delete cascade,
  -- The requester on the record (the subject themself, or a parent), or null with requester_name.
  requester_person_id uuid references people on delete cascade,
  requester_name text not null check (length(trim(requester_name)) between 1 and 200),
  basis text not null check (basis in ('self', 'parental_responsibility', 'authorised_representative')),
  basis_note text check (basis_note is null or length(basis_note) <= 2000),
  received_on date not null,
  due_on date not null,
  extended_to date,
  extension_reason text,
  status text not null default 'open' check (status in ('open', 'completed', 'withdrawn')),
  created_by uuid not null references users,
  created_at timestamptz not null default now(),
  updated_by uuid references users,
  updated_at timestamptz,
  completed_at timestamptz,
  version integer not null default 1,
  check (due_on > received_on and due_on <= received_on + interval '1 month'),
  check ((extended_to is null) = (extension_reason is null)),
  check (extended_to is null or (extended_to > due_on and extended_to <= received_on + interval '3 months')),
  check (basis <> 'self' or requester_person_id is null or requester_person_id = subject_person_id),
  check (status = 'open' or completed_at is not null)
);
create index subject_access_requests_la on subject_access_requests (la_code, status, due_on);
create index subject_access_requests_subject on subject_access_requests (subject_person_id);
create index subject_access_requests_requester on subject_access_requests (requester_person_id);

create table subject_access_decisions (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  request_id uuid not null references subject_access_requests on delete cascade,
  action text not null check (action in ('redact', 'disclose')),
  span_start integer not null check (span_start >= 0),
  span_end integer not null,
  span_text text not null check (length(span_text) between 1 and 1000),
  before_text text not null,
  after_text text not null,
  bundle_digest text not null check (bundle_digest ~ '^[0-9a-f]{64}$'),
  decided_by uuid not null references users,
  decided_at timestamptz not null default now(),
  check (span_end > span_start)
);
create index subject_access_decisions_request on subject_access_decisions (request_id, decided_at);

do $$
declare t text;
begin
  foreach t in array array['subject_access_requests', 'subject_access_decisions']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
revoke delete, truncate on subject_access_requests, subject_access_decisions from waypoint_app;
