-- The transfer-out child protection conference (transfer/README.md): the sending LA's review
-- conference for a child on a plan whose transfer to another LA is waiting, linked to the
-- transfer as the receiving LA's transfer-in conference is (0039). A transfer now has at most one
-- conference in each LA; a transfer-out conference is a review, a transfer-in one an initial
-- conference, neither with a section 47 enquiry.
alter table conferences drop constraint conferences_transfer_in;
alter table conferences add constraint conferences_transfer
  check (transfer_id is null or s47_enquiry_id is null);
drop index conferences_one_per_transfer;
create unique index conferences_one_per_transfer on conferences (transfer_id, la_code) where transfer_id is not null;
