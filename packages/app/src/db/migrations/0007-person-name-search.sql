-- Finding people by name in a large LA. Row-level security lets the planner use an index only for
-- leakproof operators, and trigram similarity and Double Metaphone are not marked so: under RLS
-- every name search scanned the whole LA (measured at 20,000 people: 127 ms against 19 ms).
-- `person_name_candidates` returns only the ids of people in the current tenant whose name (or a
-- previous name or alias) is like the query, using the indexes; the caller then reads the rows
-- themselves under RLS and the access rules as before. It reads the tenant from the transaction
-- setting, never from an argument, so it cannot look into another LA.
create function person_name_candidates(q text, family text) returns setof uuid
  language sql stable security definer
  set search_path = public, pg_temp
as $$
  select id from people
    where la_code = current_setting('waypoint.la_code', true) and (given_name || ' ' || family_name) % q
  union
  select id from people
    where la_code = current_setting('waypoint.la_code', true) and q <% (given_name || ' ' || family_name)
  union
  select id from people
    where la_code = current_setting('waypoint.la_code', true) and dmetaphone(family_name) = dmetaphone(family)
  union
  select person_id from person_names
    where la_code = current_setting('waypoint.la_code', true)
      and ((given_name || ' ' || family_name) % q or dmetaphone(family_name) = dmetaphone(family))
$$;
revoke all on function person_name_candidates(text, text) from public;
grant execute on function person_name_candidates(text, text) to waypoint_app;

-- The planner's default cost of 1 per call makes trigram similarity look cheaper than the index.
alter function similarity_op(text, text) cost 100;
alter function word_similarity_op(text, text) cost 100;
