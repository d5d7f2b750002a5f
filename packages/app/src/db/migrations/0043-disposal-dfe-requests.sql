-- Disposal and the DfE daily feed (dfe-feed/, migration 0033): a request the DfE has not accepted
-- yet (queued, retrying, or refused and waiting to be retried) keeps its body, which holds each
-- child's record as sent. A person row removed (dispose_person) replaces their record in any such
-- body with the purge the DfE would be sent for them ({la_child_id, purge: true}), so nothing of
-- the record outlives it there; the next push purges them again, which the DfE takes as it is.
-- The LA child ID is the record's own, or the last 20 hex digits of its id (returns/adapter.ts).
create function people_disposed_dfe_requests() returns trigger language plpgsql as $$
declare
  child text := coalesce(old.la_child_id, upper(right(replace(old.id::text, '-', ''), 20)));
begin
  update dfe_push_requests r
     set body = (select jsonb_agg(case when x.e->>'la_child_id' = child
                                       then jsonb_build_object('la_child_id', child, 'purge', true)
                                       else x.e end order by x.n)
                   from jsonb_array_elements(r.body) with ordinality as x(e, n))
   where r.la_code = old.la_code and r.body is not null
     and r.body @> jsonb_build_array(jsonb_build_object('la_child_id', child));
  return old;
end
$$;
create trigger people_disposed_dfe_requests before delete on people
  for each row execute function people_disposed_dfe_requests();
