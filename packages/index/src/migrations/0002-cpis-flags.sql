-- CP-IS flags (child protection plan, looked after, unborn child protection plan) as entries of
-- the index, keyed by a keyed pseudonym of the NHS number that the publishing LA computes: the
-- index never holds an NHS number, a name or a date of birth. `dob_key` is a keyed pseudonym of the
-- NHS number with the date of birth that confirms it, so a check can say "held, but not with this
-- date of birth" without the index knowing either. One row per (publisher, reference, kind);
-- a publication replaces all of a reference's flags.
create table cpis_flag_sets (
  organisation_id text not null,
  ref text not null,
  version bigint not null,
  la_code text not null,
  organisation_name text not null,
  updated_at timestamptz not null default now(),
  primary key (organisation_id, ref)
);

create table cpis_flags (
  organisation_id text not null,
  ref text not null,
  kind text not null check (kind in ('cpp', 'lac', 'unborn-cpp')),
  key_id text not null,
  nhs_key text not null,
  dob_key text,
  since date not null,
  until date,
  expected_date_of_birth date,
  restricted boolean not null default false,
  primary key (organisation_id, ref, kind),
  foreign key (organisation_id, ref) references cpis_flag_sets (organisation_id, ref) on delete cascade
);

create index cpis_flags_by_key on cpis_flags (nhs_key, key_id);
