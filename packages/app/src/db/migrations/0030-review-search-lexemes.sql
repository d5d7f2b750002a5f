-- The public search's per-word lists (review-repository/README.md, "Search"). Ranking a common word
-- read every matching section's vector out of TOAST (28,000 sections at 2,000 reviews: 270-410 ms
-- p95), so each word (lexeme) keeps a list of the reviews it ranks best, by the score the search
-- ranks with (the sum of the review's sections' ts_rank for that word) and the section that ranks
-- it best, written when a review is published, in the same transaction, and taken out when it is
-- withdrawn. A word in at most list_size reviews has all of them listed (`floor` null: complete);
-- a commoner word keeps its best list_size, and `floor` is the best score of any review left out,
-- so every review not listed scores at most `floor` and every listed one at least it. The search
-- reads a word's list by index; several words or a phrase take candidates from their lists and
-- rank only those exactly; when the lists give too few it falls back to the GIN index.
-- These are a national index over published reviews (not tenant rows): the public may read them,
-- and only the functions below write them, as the migration's owner.
create table review_search_settings (
  singleton boolean primary key default true check (singleton),
  -- How many reviews each word's list keeps (a deployment may tune it; lowering it applies as
  -- reviews are next published).
  list_size integer not null check (list_size between 1 and 100000)
);
insert into review_search_settings (list_size) values (500);

create table published_lexeme_stats (
  lexeme text primary key,
  -- Listed (published, not withdrawn) reviews whose text has the word.
  reviews integer not null check (reviews >= 0),
  -- Rows in its list.
  kept integer not null check (kept >= 0),
  -- Null: every review with the word is listed. Else no review left out scores above it.
  floor real
);

create table published_review_lexemes (
  lexeme text not null,
  -- A published review's id (no foreign key: only the functions below write here, from a review
  -- they have just read, and reviews are never deleted; the check would cost a look-up per word).
  review_id uuid not null,
  score real not null,
  -- The section that ranks the word best (its extract comes from there).
  "position" integer not null,
  published_on date not null,
  primary key (lexeme, review_id)
);
-- The search's order within one word's list (score, then newest, then id), read forwards by the
-- search and backwards to prune.
create index published_review_lexemes_rank on published_review_lexemes (lexeme, score desc, published_on desc, review_id);
create index published_review_lexemes_review on published_review_lexemes (review_id);

alter table published_reviews add column search_indexed boolean not null default false;

alter table review_search_settings enable row level security;
alter table published_lexeme_stats enable row level security;
alter table published_review_lexemes enable row level security;
create policy public_read on review_search_settings for select to waypoint_app using (true);
create policy public_read on published_lexeme_stats for select to waypoint_app using (true);
create policy public_read on published_review_lexemes for select to waypoint_app using (true);
revoke insert, update, delete, truncate on review_search_settings, published_lexeme_stats, published_review_lexemes
  from waypoint_app;

-- Adds one listed review to the lists (no tenant check: the publishing wrapper below checks).
create function published_review_lexemes_add(rid uuid) returns void
  language plpgsql security definer
  set search_path = public, pg_temp
as $$
declare
  k integer;
begin
  -- One publication or withdrawal at a time changes the lists (they are rare; the lists stay exact).
  perform pg_advisory_xact_lock(hashtext('published_review_lexemes'));
  if not exists (select 1 from published_reviews where id = rid and withdrawn_at is null and not search_indexed) then
    return;
  end if;
  select list_size into k from review_search_settings;
  -- Each section's ts_rank for each of its words. `||` makes an in-memory copy of the vector, so
  -- it is read out of TOAST once per section rather than once per word (2 ms a review, not 25),
  -- and the ranks are worked out before grouping (else the sort carries every vector along).
  -- Then one write of each word's counts.
  with sec as materialized (
    select s.position, s.tsv || ''::tsvector as v from published_review_sections s where s.review_id = rid
  ), scored as materialized (
    select l.lexeme, sec.position,
      ts_rank(sec.v, ('''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery) as rank
    from sec, unnest(sec.v) l
  ), per as materialized (
    select lexeme, sum(rank order by position)::real as score,
      (array_agg(position order by rank desc, position))[1] as position
    from scored group by lexeme
  ), ins as (
    insert into published_review_lexemes (lexeme, review_id, score, position, published_on)
    select p.lexeme, rid, p.score, p.position, r.published_on
    from per p left join published_lexeme_stats st on st.lexeme = p.lexeme
    cross join published_reviews r
    where r.id = rid and (st.floor is null or p.score > st.floor)
    returning lexeme
  )
  insert into published_lexeme_stats as st (lexeme, reviews, kept)
    select p.lexeme, 1, (exists (select 1 from ins where ins.lexeme = p.lexeme))::int from per p order by p.lexeme
  on conflict (lexeme) do update set reviews = st.reviews + 1, kept = st.kept + excluded.kept;
  -- Each list over list_size loses its lowest review (in the search's order), and its floor rises.
  loop
    with victim as (
      select v.lexeme, v.review_id, v.score from published_lexeme_stats st
      cross join lateral (
        select x.lexeme, x.review_id, x.score from published_review_lexemes x where x.lexeme = st.lexeme
        order by x.score, x.published_on, x.review_id desc limit 1
      ) v
      where st.kept > k and st.lexeme in (select lexeme from published_review_lexemes where review_id = rid)
    ), gone as (
      delete from published_review_lexemes x using victim v
      where x.lexeme = v.lexeme and x.review_id = v.review_id returning x.lexeme, x.score
    )
    update published_lexeme_stats st set kept = st.kept - 1, floor = greatest(coalesce(st.floor, 0), g.score)
    from gone g where st.lexeme = g.lexeme;
    exit when not found;
  end loop;
  update published_reviews set search_indexed = true where id = rid;
end
$$;

-- Takes one review out of the lists (its words' counts fall; floors stay, so lists stay sound).
create function published_review_lexemes_remove(rid uuid) returns void
  language plpgsql security definer
  set search_path = public, pg_temp
as $$
begin
  perform pg_advisory_xact_lock(hashtext('published_review_lexemes'));
  if not exists (select 1 from published_reviews where id = rid and search_indexed) then
    return;
  end if;
  with gone as (delete from published_review_lexemes where review_id = rid returning lexeme)
  update published_lexeme_stats st set kept = st.kept - 1 from gone g where st.lexeme = g.lexeme;
  update published_lexeme_stats st set reviews = st.reviews - 1
  where st.lexeme in (select distinct l.lexeme from published_review_sections s, unnest(s.tsv) l where s.review_id = rid);
  delete from published_lexeme_stats where reviews = 0;
  update published_reviews set search_indexed = false where id = rid;
end
$$;

-- What the app calls, in the publishing LA's tenant transaction: only for its own review, listed
-- when indexing, withdrawn when taking out.
create function published_review_index(rid uuid) returns void
  language plpgsql security definer
  set search_path = public, pg_temp
as $$
begin
  if not exists (select 1 from published_reviews where id = rid and withdrawn_at is null
      and la_code = current_setting('waypoint.la_code', true)) then
    raise exception 'no listed published review % in this LA', rid;
  end if;
  perform published_review_lexemes_add(rid);
end
$$;

create function published_review_unindex(rid uuid) returns void
  language plpgsql security definer
  set search_path = public, pg_temp
as $$
begin
  if not exists (select 1 from published_reviews where id = rid and withdrawn_at is not null
      and la_code = current_setting('waypoint.la_code', true)) then
    raise exception 'no withdrawn published review % in this LA', rid;
  end if;
  perform published_review_lexemes_remove(rid);
end
$$;

revoke all on function published_review_lexemes_add(uuid) from public;
revoke all on function published_review_lexemes_remove(uuid) from public;
revoke all on function published_review_index(uuid) from public;
revoke all on function published_review_unindex(uuid) from public;
grant execute on function published_review_index(uuid) to waypoint_app;
grant execute on function published_review_unindex(uuid) to waypoint_app;

-- Reviews already published get their lists now, all at once: the same scores and the same lists
-- as publishing them one by one would give (each word's best list_size, in the search's order).
-- (One by one in this one transaction would be quadratic: every review rewrites the same counts.)
create temporary table review_lexemes_fill on commit drop as
  with scored as materialized (
    select l.lexeme, s.review_id, s.position,
      ts_rank(d.v, ('''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery) as rank
    from published_reviews r
    join published_review_sections s on s.review_id = r.id
    cross join lateral (select s.tsv || ''::tsvector as v offset 0) d
    cross join lateral unnest(d.v) l
    where r.withdrawn_at is null
  ), per as (
    select lexeme, review_id, sum(rank order by position)::real as score,
      (array_agg(position order by rank desc, position))[1] as position
    from scored group by lexeme, review_id
  )
  select p.lexeme, p.review_id, p.score, p.position, r.published_on,
    row_number() over (partition by p.lexeme order by p.score desc, r.published_on desc, p.review_id) as n
  from per p join published_reviews r on r.id = p.review_id;
insert into published_review_lexemes (lexeme, review_id, score, position, published_on)
  select f.lexeme, f.review_id, f.score, f.position, f.published_on from review_lexemes_fill f
  where f.n <= (select list_size from review_search_settings);
insert into published_lexeme_stats (lexeme, reviews, kept, floor)
  select f.lexeme, count(*), count(*) filter (where f.n <= k.list_size),
    max(f.score) filter (where f.n > k.list_size)
  from review_lexemes_fill f cross join review_search_settings k group by f.lexeme, k.list_size;
update published_reviews set search_indexed = true where withdrawn_at is null;
drop table review_lexemes_fill;
