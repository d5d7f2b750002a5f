-- A child who moves to another LA (issue 20; packages/app/src/transfer/README.md).
--
-- One row per transfer, shared by the two tenants it concerns: `la_code` is the sending LA (the
-- tenant key, like every other table) and `receiving_la_code` the receiving one. The row-level
-- rule lets each of the two see and write it, and no third LA. One row (not a copy in each
-- tenant) keeps one status, so "accepted" is true for both at the same commit, the lock that
-- closes the race between two accepts is on one row, and no privileged function is needed to write
-- into the other tenant. The sending LA's access ends at that commit (the access rules read
-- `transfers` for the record: access/relationships.ts).
--
-- `package` is the sealed snapshot the sending LA built when it asked (identity, chronology,
-- current plans, professionals), with its sha256 in `package_sha256`; it never changes after.

create table transfers (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,           -- the sending LA
  receiving_la_code char(3) not null references local_authorities,
  person_id uuid not null references people,                       -- the child, in the sending LA
  reason text not null check (length(trim(reason)) > 0),
  requested_by uuid not null references users,
  requested_at timestamptz not null default now(),
  status text not null default 'requested' check (status in ('requested', 'accepted', 'declined', 'withdrawn')),
  decided_by uuid references users,
  decided_at timestamptz,
  decline_reason text,
  received_person_id uuid references people,                      -- the child in the receiving LA, once accepted
  package jsonb not null,
  package_sha256 text not null,
  -- Set once the sending side is done (allocations ended, episode closed RC5, audited in its chain).
  sender_closed_at timestamptz,
  version integer not null default 1,
  check (receiving_la_code <> la_code),
  check ((status = 'requested') = (decided_by is null and decided_at is null)),
  check (status <> 'accepted' or received_person_id is not null),
  check (status <> 'declined' or length(trim(coalesce(decline_reason, ''))) > 0)
);
-- One open transfer per child (a child who comes back and moves again has a second, later one).
create unique index transfers_one_open on transfers (person_id) where status = 'requested';
create index transfers_accepted on transfers (person_id) where status = 'accepted';
create index transfers_received on transfers (received_person_id) where received_person_id is not null;
create index transfers_incoming on transfers (receiving_la_code, status);
create index transfers_outgoing on transfers (la_code, status);

alter table transfers enable row level security;
create policy transfer_parties on transfers to waypoint_app
  using (la_code = current_setting('waypoint.la_code', true) or receiving_la_code = current_setting('waypoint.la_code', true))
  with check (la_code = current_setting('waypoint.la_code', true) or receiving_la_code = current_setting('waypoint.la_code', true));
revoke delete, truncate on transfers from waypoint_app;

-- What a transfer is, who asked and the package never change; a decided transfer is never undone.
create function transfers_guard() returns trigger language plpgsql as $$
begin
  if (new.id, new.la_code, new.receiving_la_code, new.person_id, new.reason, new.requested_by, new.requested_at,
      new.package, new.package_sha256)
     is distinct from
     (old.id, old.la_code, old.receiving_la_code, old.person_id, old.reason, old.requested_by, old.requested_at,
      old.package, old.package_sha256) then
    raise exception 'a transfer''s request and package cannot change';
  end if;
  if old.status <> 'requested' and new.status is distinct from old.status then
    raise exception 'a decided transfer cannot change status (%)', old.status;
  end if;
  return new;
end
$$;
create trigger transfers_guard before update on transfers for each row execute function transfers_guard();
