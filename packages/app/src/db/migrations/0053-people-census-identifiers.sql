-- A census child is found again by their LA child ID or UPN (people/by-census-id.ts: the data
-- import's plan and write, each child in its own transaction; the 903's match). Without an index
-- on either, that look-up read every person of the LA, so an import's cost per child grew with the
-- people it had already written. Partial: most people (adults, children never in a return) carry
-- neither. The look-up's `la_child_id = … or upn = …` is then a BitmapOr of the two.
create index people_la_child_id on people (la_code, la_child_id) where la_child_id is not null;
create index people_upn on people (la_code, upn) where upn is not null;
