-- The transfer-in child protection conference (issue 20; transfer/README.md): an initial conference
-- with no section 47 enquiry, held by the receiving LA for a child who moved there on a plan,
-- linked to the transfer it follows (the conference's transfer flag). The CIN census already reads
-- an initial conference with no section 47 as the episode's DateOfInitialCPC.
alter table conferences add column transfer_id uuid references transfers;
alter table conferences add constraint conferences_transfer_in
  check (transfer_id is null or (kind = 'initial' and s47_enquiry_id is null));
create unique index conferences_one_per_transfer on conferences (transfer_id) where transfer_id is not null;
