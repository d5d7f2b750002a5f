-- Extensions used by search and linkage (trigram similarity, phonetic codes) and by crypto helpers.
-- Loaded on both engines: PGlite bundles them, PostgreSQL ships them in contrib.
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;
create extension if not exists pgcrypto;
