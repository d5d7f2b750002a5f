-- Disposal under the retention schedule (issue 20; packages/app/src/disposal/README.md).
--
-- 1. Batches proposed daily by a job and their items (one record each), approved by a named officer.
-- 2. The audit's personal fields (subject, record id, reason) become erasable without breaking the
--    hash chain: from this migration on, each event stores a salted digest of them
--    (payload_digest = sha256 of [salt, subject, record id, reason]) and the chain hashes the digest
--    (chain_version 2, audit/canonical.ts). Erasure removes the three fields and the salt, so the
--    digest stays (the chain verifies) and cannot be reversed by guessing. Events written before
--    (chain_version 1) hash the fields themselves and cannot be erased without breaking the chain.
-- 3. dispose_person(): THE one privileged path that removes a person's record, in the caller's
--    tenant, only for a record in an approved batch and never under a legal hold (the person row is
--    locked first: a hold placed meanwhile takes a key-share lock on it through its foreign key).

create table disposal_batches (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  proposed_on date not null,
  proposed_at timestamptz not null default now(),
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'disposed')),
  approved_by uuid references users,
  approved_at timestamptz,
  disposed_at timestamptz,
  unique (la_code, proposed_on),
  check ((status = 'proposed') = (approved_by is null)),
  check (status <> 'disposed' or disposed_at is not null)
);

create table disposal_items (
  id uuid primary key default gen_random_uuid(),
  la_code char(3) not null references local_authorities,
  batch_id uuid not null references disposal_batches,
  -- Null once disposed: the item then says only the kind, the rule and the day.
  person_id uuid references people,
  record_kind text not null check (record_kind in ('looked_after', 'child_protection', 'child_in_need', 'contact_only')),
  rule_basis text not null check (rule_basis in ('birthday', 'years_after_closure')),
  rule_years integer not null,
  -- Null once disposed (a birthday rule's day would give the date of birth away).
  kept_until date,
  status text not null default 'proposed' check (status in ('proposed', 'removed', 'held', 'disposed')),
  reason text,
  decided_by uuid references users,
  decided_at timestamptz,
  disposed_on date,
  check (status <> 'disposed' or (person_id is null and kept_until is null and reason is null and disposed_on is not null)),
  check (status = 'disposed' or (person_id is not null and kept_until is not null)),
  check (status not in ('removed', 'held') or length(trim(coalesce(reason, ''))) > 0)
);
-- A record is in at most one batch waiting to be disposed of.
create unique index disposal_items_pending on disposal_items (person_id) where status = 'proposed';
create index disposal_items_batch on disposal_items (batch_id);

do $$
declare t text;
begin
  foreach t in array array['disposal_batches', 'disposal_items']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
revoke delete, truncate on disposal_batches, disposal_items from waypoint_app;

-- The audit's erasable payload.
alter table audit_events
  add column chain_version smallint not null default 1,
  add column payload_digest text,
  add column payload_salt text,
  add column erased_on date;
alter table audit_events alter column chain_version set default 2;
alter table audit_events add constraint audit_events_v2_digest check (chain_version = 1 or payload_digest is not null);

-- Still insert-only, with one exception: a chain_version 2 event's subject, record id, reason and
-- salt may be set to null together (erasure), nothing else changed, never undone.
create or replace function audit_events_are_insert_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.chain_version = 2 and old.erased_on is null
    and new.subject_person_id is null and new.record_id is null and new.reason is null
    and new.payload_salt is null and new.erased_on is not null
    and (new.id, new.la_code, new.seq, new.occurred_at, new.actor_user_id, new.on_behalf_of,
         new.organisation_id, new.record_type, new.action, new.outcome, new.ip, new.request_id,
         new.prev_hash, new.hash, new.chain_version, new.payload_digest)
      is not distinct from
        (old.id, old.la_code, old.seq, old.occurred_at, old.actor_user_id, old.on_behalf_of,
         old.organisation_id, old.record_type, old.action, old.outcome, old.ip, old.request_id,
         old.prev_hash, old.hash, old.chain_version, old.payload_digest)
  then
    return new;
  end if;
  raise exception 'audit events are insert-only: % is not allowed', tg_op;
end
$$;

-- Erases the audit's personal fields of the tenant's events about a person being disposed of:
-- events whose subject is the person, and events whose reason names them (`needles`: their id and
-- the ids of their rows, their full names, NHS number). Answers the events erased and those that
-- could not be (chain_version 1).
create function erase_audit_subject(p_person uuid, needles text[])
  returns table (erased bigint, kept bigint)
  language plpgsql volatile security definer set search_path = public as $$
declare
  la text := current_setting('waypoint.la_code', true);
begin
  if la is null or la = '' then raise exception 'erase_audit_subject needs a tenant'; end if;
  return query
  with targets as (
    select e.id, e.chain_version from audit_events e
     where e.la_code = la and e.erased_on is null
       and (e.subject_person_id = p_person
            or e.record_id = p_person::text
            or exists (select 1 from unnest(needles) w
                        where length(w) >= 6 and (strpos(lower(e.reason), lower(w)) > 0 or e.record_id = w)))
  ), done as (
    update audit_events e
       set subject_person_id = null, record_id = null, reason = null, payload_salt = null, erased_on = current_date
      from targets t
     where e.id = t.id and t.chain_version = 2
    returning 1
  )
  select (select count(*) from done), (select count(*) from targets where chain_version = 1);
end
$$;
revoke all on function erase_audit_subject(uuid, text[]) from public;
grant execute on function erase_audit_subject(uuid, text[]) to waypoint_app;

-- Removes a person's record from every table of the caller's tenant that holds it, in one
-- statement list (the caller's transaction). The person row is locked first; a record under a
-- legal hold answers 'held' and nothing is removed; a record not in an approved batch is refused.
-- The people row goes last, so a table added later that references people and is not listed here
-- makes disposal fail (a foreign key violation) rather than leave its rows behind.
create function dispose_person(p_person uuid) returns text
  language plpgsql volatile security definer set search_path = public as $$
declare
  la text := current_setting('waypoint.la_code', true);
  item uuid;
  involvement_ids uuid[];
  request_ids uuid[];
  addresses_to text[];
  names text[];
begin
  if la is null or la = '' then raise exception 'dispose_person needs a tenant'; end if;
  perform 1 from people where id = p_person and la_code = la for update;
  if not found then raise exception 'dispose_person: no record % in LA %', p_person, la; end if;
  if exists (select 1 from legal_holds where person_id = p_person and lifted_at is null) then
    return 'held';
  end if;
  select i.id into item from disposal_items i join disposal_batches b on b.id = i.batch_id
   where i.person_id = p_person and i.la_code = la and i.status = 'proposed' and b.status = 'approved'
   for update of i;
  if item is null then
    raise exception 'dispose_person: record % is not in an approved disposal batch', p_person;
  end if;

  select coalesce(array_agg(id), '{}') into involvement_ids from involvements where person_id = p_person;
  select coalesce(array_agg(id), '{}') into request_ids from feedback_requests
   where child_id = p_person or respondent_person_id = p_person;
  select coalesce(array_agg(a), '{}') into addresses_to from (
    select email as a from contact_details where person_id = p_person and email is not null
    union select mobile from contact_details where person_id = p_person and mobile is not null) x;
  select coalesce(array_agg(n), '{}') into names from (
    select given_name || ' ' || family_name as n from people where id = p_person
    union select given_name || ' ' || family_name from person_names where person_id = p_person) x;

  -- The journey.
  delete from goal_scores where person_id = p_person
    or goal_id in (select id from plan_goals where person_id = p_person)
    or visit_id in (select id from visits where person_id = p_person);
  delete from plan_reviews where person_id = p_person;
  delete from plan_goals where person_id = p_person;
  delete from timescales where person_id = p_person;
  delete from missing_episodes where person_id = p_person;
  delete from care_reviews where person_id = p_person;
  delete from cp_plans where person_id = p_person;
  delete from conferences where person_id = p_person;
  delete from s47_enquiries where person_id = p_person;
  delete from strategy_discussions where person_id = p_person;
  delete from assessments where person_id = p_person;
  delete from cin_plans where person_id = p_person;
  delete from care_episodes where person_id = p_person;
  delete from involvement_concerns where involvement_id = any(involvement_ids)
    or contact_id in (select id from contacts where person_id = p_person);
  delete from early_help_episodes where person_id = p_person;
  delete from cin_episodes where person_id = p_person;
  delete from contacts where person_id = p_person;
  delete from visits where person_id = p_person;
  delete from case_notes where person_id = p_person;
  delete from documents where person_id = p_person;
  -- Involvements (the council's and partners' linked to the child) and their look-ups and notices;
  -- the index is told by the disposal job after commit.
  delete from involvement_index_notices where involvement_id = any(involvement_ids);
  delete from involvement_lookups where person_id = p_person or involvement_id = any(involvement_ids);
  delete from involvements where id = any(involvement_ids);
  -- Learning reviews: the child's membership and the chronology entries taken from their record.
  delete from review_episode_entries where entry_id in (select id from review_chronology where person_id = p_person);
  delete from review_chronology where person_id = p_person;
  delete from review_children where person_id = p_person;
  -- CP-IS.
  update cpis_flags set key_person_id = null where key_person_id = p_person and person_id <> p_person;
  delete from cpis_flags where person_id = p_person;
  delete from cpis_nhs_verifications where person_id = p_person;
  delete from cpis_attendances where person_id = p_person;
  -- Feedback, messages and notifications about them.
  delete from feedback_responses where child_id = p_person or request_id = any(request_ids);
  delete from feedback_requests where id = any(request_ids);
  delete from contact_details where person_id = p_person;
  delete from messages where la_code = la and (
    reference = any(select 'feedback-request:' || r::text from unnest(request_ids) r)
    or to_address = any(addresses_to)
    or strpos(body, p_person::text) > 0
    or exists (select 1 from unnest(names) n where strpos(lower(body), lower(n)) > 0));
  delete from notifications where person_id = p_person;
  -- Inspection, supervision, access.
  delete from inspection_annex_a_rows where person_id = p_person;
  delete from inspection_samples where person_id = p_person;
  delete from supervision_children where person_id = p_person;
  delete from break_glass_grants where person_id = p_person;
  delete from restricted_access where person_id = p_person;
  delete from allocations where person_id = p_person;
  delete from legal_holds where person_id = p_person;
  -- Identity and family.
  delete from person_relationships where person_id = p_person or related_person_id = p_person;
  delete from person_names where person_id = p_person;
  delete from addresses where person_id = p_person;
  -- Jobs that carried them (finished, or waiting: there is nothing left for them to do).
  delete from jobs where la_code = la and state <> 'running' and (
    strpos(payload::text, p_person::text) > 0
    or exists (select 1 from unnest(involvement_ids) i where strpos(payload::text, i::text) > 0)
    or exists (select 1 from unnest(request_ids) r where strpos(payload::text, r::text) > 0)
    or exists (select 1 from unnest(addresses_to) a where strpos(payload::text, a) > 0));
  -- The batch item keeps the kind, the rule and the day; earlier decisions about the record go.
  delete from disposal_items where person_id = p_person and id <> item;
  update disposal_items set person_id = null, kept_until = null, reason = null, status = 'disposed',
    disposed_on = current_date, decided_at = now() where id = item;
  delete from people where id = p_person;
  return 'disposed';
end
$$;
revoke all on function dispose_person(uuid) from public;
grant execute on function dispose_person(uuid) to waypoint_app;
