-- The field-level filters of an encoding (issue 15's accuracy): @waypoint/pprl's default schema
-- encodes given name, family name, postcode, address, town and NHS number in filters of their own,
-- which the index compares field by field with Fellegi–Sunter weights. Packed by
-- src/field-filters.ts: a 2-byte mask of the fields present (by place in PPRL_FIELDS), then each
-- present field's filter. Null for encodings published without field filters (they keep the
-- record-filter score).
alter table encodings add column fields bytea;
