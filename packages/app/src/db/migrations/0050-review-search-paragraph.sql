-- The public search's extract comes from the best section's first paragraph that matches
-- (review-repository/README.md, "Search"). It was found by splitting the whole section into
-- paragraphs (regexp_split_to_table makes them all before the first is tested, and converts the
-- whole text for the regular expression): for 20 sections of a long review, 25,000 characters
-- each, most of the extracts' time, nearly all of it on paragraphs after the one shown. This
-- splits the section a window at a time (4,000 characters, grown when one paragraph is longer)
-- and stops at the first paragraph that matches, with the same breaks (a newline, any white
-- space, a newline), the same sieve (one of the query's stems as a substring of the lower-cased
-- paragraph) and the same test (its own vector matches the query): the same paragraph as
-- before, or null when none matches (the caller then uses the whole section). A window's last
-- part may be cut short, so it is tested only when the window reaches the end; the paragraphs
-- before it are whole and the same as splitting everything gives (a break starts at its first
-- newline wherever the window ends, and the next window starts where it ends, or at its last
-- newline when its white space runs to the window's end).
create function published_section_paragraph(body text, q tsquery, stems text[]) returns text
  language plpgsql stable parallel safe
  set search_path = pg_catalog, pg_temp
as $$
declare
  here integer := 1;
  win integer := 4000;
  chunk text;
  parts text[];
  k integer;
  is_end boolean;
begin
  loop
    chunk := substr(body, here, win);
    is_end := length(chunk) < win;
    parts := regexp_split_to_array(chunk, '\n\s*\n');
    k := cardinality(parts);
    for i in 1 .. case when is_end then k else k - 1 end loop
      if exists (select 1 from unnest(stems) st where st <> '' and strpos(lower(parts[i]), st) > 0)
          and to_tsvector('english', parts[i]) @@ q then
        return parts[i];
      end if;
    end loop;
    if is_end then
      return null;
    end if;
    if k = 1 then
      win := win * 4;
    elsif parts[k] ~ '^\s*$' then
      -- The white space after the last break runs to the window's end, so the break may go on:
      -- the next window starts at its last newline (its first part is then empty).
      here := here + length(chunk) - length(parts[k]) - 1;
      win := 4000;
    else
      here := here + length(chunk) - length(parts[k]);
      win := 4000;
    end if;
  end loop;
end
$$;
