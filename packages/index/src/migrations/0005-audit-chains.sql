-- Named audit chains beside each organisation's main chain (issue 16): CP-IS checks are recorded
-- in one chain per clinician, so the checks of many clinicians in one trust never queue on one
-- row lock. The main chain is '' (its entries hash as before); a chain is verified against its head.
alter table audit_heads add column chain text not null default '';
alter table audit_heads drop constraint audit_heads_pkey;
alter table audit_heads add primary key (organisation_id, chain);
alter table audit add column chain text not null default '';
alter table audit drop constraint audit_pkey;
alter table audit add primary key (organisation_id, chain, seq);
