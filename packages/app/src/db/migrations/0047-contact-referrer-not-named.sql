-- Whether the person who raised a contact asked not to be named to the family (the contact step,
-- journey/steps/front-door.ts). A subject access bundle always takes such a referrer out
-- (subject-access/cast.ts). Contacts recorded before this column, and any recorded without the
-- answer, are treated as asked: the safe side, since nobody recorded that the referrer agreed to
-- be named.
alter table contacts add column referrer_asked_not_named boolean not null default true;
