-- A transfer-in conference (0039) refers to the transfer it follows, a row of the sending LA. When
-- the sending LA disposes of its record, the transfer goes with it (0040): the receiving LA's
-- conference stays, as an initial conference with no section 47 (how the census reads it), without
-- the link. Before this, the foreign key refused the sending LA's disposal.
do $$
declare c text;
begin
  select conname into c from pg_constraint
   where conrelid = 'conferences'::regclass and contype = 'f'
     and confrelid = 'transfers'::regclass;
  if c is not null then execute format('alter table conferences drop constraint %I', c); end if;
end $$;
alter table conferences add constraint conferences_transfer_id_fkey
  foreign key (transfer_id) references transfers on delete set null;
