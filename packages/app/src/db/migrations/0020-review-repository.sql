-- The public repository of published learning reviews (review-repository/). A review is copied
-- here, already redacted, when the partnership publishes it; each section of its text is its own
-- row with a weighted tsvector, so search ranks and highlights the matching section. Rows are
-- written only in the publishing LA's tenant; the public reads run as waypoint_app with no tenant
-- and row-level security lets them see published rows that are not withdrawn, and nothing else.
create table published_reviews (
  id uuid primary key default gen_random_uuid(),
  public_id text not null unique check (public_id ~ '^[0-9]{4}-[a-z0-9]{6}$'),
  la_code char(3) not null references local_authorities,
  source_review_id uuid,
  title text not null check (length(title) between 1 and 300),
  partnership text not null check (length(partnership) between 1 and 200),
  region text not null,
  local_authority text not null,
  published_on date not null,
  review_type text not null,
  age_band text not null,
  themes text[] not null check (cardinality(themes) >= 1),
  summary text not null,
  words integer not null,
  published_by uuid references users,
  published_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_reason text,
  withdrawn_by uuid references users
);
create index published_reviews_listed on published_reviews (published_on desc, id) where withdrawn_at is null;
create index published_reviews_themes on published_reviews using gin (themes);
create unique index published_reviews_source on published_reviews (source_review_id)
  where withdrawn_at is null and source_review_id is not null;

create table published_review_sections (
  review_id uuid not null references published_reviews,
  position integer not null,
  la_code char(3) not null,
  heading text not null,
  body text not null,
  tsv tsvector not null,
  listed boolean not null default true,
  primary key (review_id, position)
);
create index published_review_sections_tsv on published_review_sections using gin (tsv);

create table published_review_findings (
  review_id uuid not null references published_reviews,
  position integer not null,
  la_code char(3) not null,
  text text not null,
  factors jsonb not null default '[]',
  listed boolean not null default true,
  primary key (review_id, position)
);
create index published_review_findings_listed on published_review_findings (review_id) where listed;

do $$
declare t text;
begin
  foreach t in array array['published_reviews', 'published_review_sections', 'published_review_findings']
  loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy tenant_isolation on %I to waypoint_app
      using (la_code = current_setting('waypoint.la_code', true))
      with check (la_code = current_setting('waypoint.la_code', true))$p$, t);
  end loop;
end
$$;
-- What the public may read: published and not withdrawn (sections and findings follow their review).
create policy public_read on published_reviews for select to waypoint_app using (withdrawn_at is null);
-- `listed` is the review's own state copied onto its rows (withdrawal clears all three together),
-- so the search's policy is a column test rather than a look-up per section.
create policy public_read on published_review_sections for select to waypoint_app using (listed);
create policy public_read on published_review_findings for select to waypoint_app using (listed);
revoke delete, truncate on published_reviews, published_review_sections, published_review_findings from waypoint_app;
