-- Every contact is dated. Contacts written without `received_on` (the demo's screening child was
-- seeded so) take the day they were recorded, in England; from now on the column is required, so
-- the journey, its API and the state that reads the screening contact never meet a contact
-- without a date.
update contacts
  set received_on = (created_at at time zone 'Europe/London')::date
  where received_on is null;
alter table contacts alter column received_on set not null;
