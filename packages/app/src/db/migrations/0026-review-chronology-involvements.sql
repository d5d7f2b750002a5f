-- The learning review's chronology shows the extent of other agencies' involvement: each agency's
-- involvement with a subject child during the review's period, from the record ('involvement':
-- linked partner involvements and the LA's own services) and from the national involvement index
-- ('index': agencies of other areas, found by a look-up the reviewer makes, audited and on the
-- child's timeline like any other).
alter table review_chronology drop constraint review_chronology_source_check;
alter table review_chronology add constraint review_chronology_source_check
  check (source in ('journey', 'agency-form', 'agency-csv', 'agency-docx', 'involvement', 'index'));
