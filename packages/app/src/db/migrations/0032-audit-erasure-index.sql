-- Disposal's audit erasure by index (disposal/README.md). Migration 0029's erase_audit_subject
-- read every event of the LA for each record disposed of (1.0-2.4 s a record with 200,000
-- events on PostgreSQL). Events about the person are found by their subject (audit_subject
-- index); events with no subject that name them in their reason (a search's name and date of
-- birth, a list's children) by a trigram index on the reason, and by their record id. Only events
-- without a subject are in these two indexes, so record reads (which have one) pay nothing more.
create index audit_unsubjected_reason on audit_events using gin (lower(reason) gin_trgm_ops)
  where subject_person_id is null and reason is not null;
create index audit_unsubjected_record on audit_events (la_code, record_id)
  where subject_person_id is null and record_id is not null;

create or replace function erase_audit_subject(p_person uuid, needles text[])
  returns table (erased bigint, kept bigint)
  language plpgsql volatile security definer set search_path = public as $$
declare
  la text := current_setting('waypoint.la_code', true);
  pats text[];
  ids text[];
begin
  if la is null or la = '' then raise exception 'erase_audit_subject needs a tenant'; end if;
  select coalesce(array_agg('%' || lower(w) || '%'), '{}') into pats from unnest(needles) w where length(w) >= 6;
  ids := array_append(needles, p_person::text);
  return query
  with targets as (
    select e.id, e.chain_version from audit_events e
     where e.la_code = la and e.subject_person_id = p_person and e.erased_on is null
    union
    select e.id, e.chain_version from audit_events e
     where e.la_code = la and e.subject_person_id is null and e.reason is not null and e.erased_on is null
       and lower(e.reason) like any (pats)
    union
    select e.id, e.chain_version from audit_events e
     where e.la_code = la and e.subject_person_id is null and e.record_id is not null and e.erased_on is null
       and e.record_id = any (ids)
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
