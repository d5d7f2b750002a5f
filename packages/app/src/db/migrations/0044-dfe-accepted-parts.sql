-- The DfE daily feed (dfe-feed/, migration 0033): the parts of a request the DfE has accepted.
-- A request the DfE answers 413 "Too many records" is sent in halves (and so on down); each part
-- it accepts is recorded here as it is accepted, [{ at, receipt, children: [la_child_id …] }], in
-- the same transaction that keeps those children's pushed state, so a retry after a later part
-- failed (429, 5xx, no answer) sends only the children not yet accepted, in order, and every
-- part's receipt is kept. Holds LA child IDs and receipts only, never a child's details.
alter table dfe_push_requests add column accepted_parts jsonb not null default '[]';
