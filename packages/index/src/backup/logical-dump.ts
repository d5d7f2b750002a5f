/**
 * A logical dump of one database's tables through Kysely, the same code on PGlite and PostgreSQL
 * (the app's database and the involvement index's): every table of the `public` schema but the
 * migrations' own bookkeeping, each row as `row_to_json` text, read with a cursor in one
 * read-only repeatable-read transaction (one snapshot), and loaded back with
 * `json_populate_recordset` in batches, with triggers and foreign keys off for the load
 * (`session_replication_role = replica`, as pg_restore's --disable-triggers does).
 */
import { sql, type Kysely, type Transaction } from 'kysely';

export interface TableInfo {
  table: string;
  /** Stored columns, in order (generated columns are left out: the database computes them). */
  columns: string[];
}

/** The tables to dump, by name, and their stored columns. */
export async function listTables<DB>(
  db: Kysely<DB> | Transaction<DB>,
  skip: readonly string[],
): Promise<TableInfo[]> {
  const rows = await sql<{ table: string; columns: string[] }>`
    select c.relname as table,
      array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    group by c.relname
    order by c.relname`.execute(db);
  return rows.rows.filter((r) => !skip.includes(r.table));
}

/** The sequences' positions (null: never used). */
export async function readSequences<DB>(
  db: Kysely<DB> | Transaction<DB>,
): Promise<{ name: string; lastValue: string | null }[]> {
  const rows = await sql<{ name: string; last_value: string | null }>`
    select sequencename as name, last_value::text as last_value
    from pg_sequences where schemaname = 'public' order by sequencename`.execute(db);
  return rows.rows.map((r) => ({ name: r.name, lastValue: r.last_value }));
}

export interface DumpSink {
  /** A table starts. */
  table(info: TableInfo): Promise<void>;
  /** One row, as JSON text. */
  row(json: string): Promise<void>;
}

/**
 * Reads every table (in one snapshot) into the sink, `batch` rows a fetch.
 * @returns the tables with their row counts, and the sequences
 */
export async function dumpTables<DB>(
  db: Kysely<DB>,
  skip: readonly string[],
  sink: DumpSink,
  progress: (table: string, rows: number) => void = () => {},
  batch = 2000,
): Promise<{
  tables: (TableInfo & { rows: number })[];
  sequences: { name: string; lastValue: string | null }[];
}> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`set transaction read only`.execute(tx);
      const tables = await listTables(tx, skip);
      const done: (TableInfo & { rows: number })[] = [];
      for (const info of tables) {
        await sink.table(info);
        const cols = sql.join(info.columns.map((c) => sql.id(c)));
        await sql`declare waypoint_dump no scroll cursor for
          select row_to_json(x)::text as j from (select ${cols} from ${sql.table(info.table)}) x`.execute(tx);
        let rows = 0;
        for (;;) {
          const got = await sql<{
            j: string;
          }>`fetch forward ${sql.raw(String(batch))} from waypoint_dump`.execute(tx);
          for (const r of got.rows) await sink.row(r.j);
          rows += got.rows.length;
          progress(info.table, rows);
          if (got.rows.length < batch) break;
        }
        await sql`close waypoint_dump`.execute(tx);
        done.push({ ...info, rows });
      }
      return { tables: done, sequences: await readSequences(tx) };
    });
}

/** Tables holding any row (but those named in `skip`): the database is not empty. */
export async function tablesWithRows<DB>(db: Kysely<DB>, tables: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const r = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(t)}) as any`.execute(db);
    if (r.rows[0]?.any === true) found.push(t);
  }
  return found;
}

/**
 * Loads rows into a table, inside the caller's transaction (which has set
 * `session_replication_role = replica`). `rows` are the JSON texts the dump wrote.
 */
export async function insertRows<DB>(
  tx: Transaction<DB>,
  info: TableInfo,
  rows: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = sql.join(info.columns.map((c) => sql.id(c)));
  const json = `[${rows.join(',')}]`;
  await sql`insert into ${sql.table(info.table)} (${cols}) overriding system value
    select ${cols} from json_populate_recordset(null::${sql.table(info.table)}, ${json}::json)`.execute(tx);
}

/** Empties the tables and turns triggers and foreign keys off for the rest of the transaction. */
export async function prepareLoad<DB>(tx: Transaction<DB>, tables: readonly string[]): Promise<void> {
  await sql`set local session_replication_role = replica`.execute(tx);
  if (tables.length > 0) await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(tx);
}

/** Puts each sequence where the dump found it. */
export async function restoreSequences<DB>(
  tx: Transaction<DB>,
  sequences: readonly { name: string; lastValue: string | null }[],
): Promise<void> {
  for (const s of sequences) {
    if (s.lastValue === null) continue;
    const name = `public.${JSON.stringify(s.name)}`;
    await sql`select setval(${name}::regclass, ${s.lastValue}::bigint, true)`.execute(tx);
  }
}

/**
 * Per table (but those in `skip`): its row count and an md5 over its rows' JSON in a fixed order,
 * as `count:md5`. Two databases with the same digests hold the same rows: a check after a restore.
 */
export async function tableDigests<DB>(
  db: Kysely<DB>,
  skip: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { table } of await listTables(db, skip)) {
    const r = await sql<{ n: number; h: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(j, E'\n' order by j), '')) as h
      from (select row_to_json(x)::text as j from ${sql.table(table)} x) t`.execute(db);
    out[table] = `${r.rows[0]?.n ?? 0}:${r.rows[0]?.h ?? ''}`;
  }
  return out;
}
