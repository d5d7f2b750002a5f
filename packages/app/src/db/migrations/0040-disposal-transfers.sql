-- Disposal of a record that took part in a transfer between LAs (transfer/, migration 0038).
--
-- A person row removed (dispose_person, the one path that deletes people) takes with it the
-- transfers this LA sent for that person (their package is a copy of the record: identity,
-- chronology, plans). A transfer another LA sent, accepted into the record now disposed of, stays
-- that LA's record: only its link to the person here goes (received_person_id), with the day.
-- Subject access requests about or from the person go with it by their foreign keys (0035).

alter table transfers add column received_disposed_on date;

do $$
declare c text;
begin
  select conname into c from pg_constraint
   where conrelid = 'transfers'::regclass and contype = 'c'
     and pg_get_constraintdef(oid) like '%received_person_id IS NOT NULL%';
  if c is not null then execute format('alter table transfers drop constraint %I', c); end if;
end $$;
alter table transfers add constraint transfers_accepted_received
  check (status <> 'accepted' or received_person_id is not null or received_disposed_on is not null);

create function people_disposed_transfers() returns trigger language plpgsql as $$
begin
  delete from transfers where person_id = old.id;
  update transfers set received_person_id = null, received_disposed_on = (now() at time zone 'Europe/London')::date
   where received_person_id = old.id;
  return old;
end
$$;
create trigger people_disposed_transfers before delete on people
  for each row execute function people_disposed_transfers();
