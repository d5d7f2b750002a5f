/**
 * One database into a backup, and back: its tables through `logical-dump.ts` into the
 * `DumpWriter`, its migration level and sequences for the manifest; and the load of its tables
 * from a verified backup in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { BackupError, readSections, type DumpWriter } from './dump-file.ts';
import { dumpTables, insertRows, listTables, prepareLoad, restoreSequences } from './logical-dump.ts';

export type Progress = (message: string, transient?: boolean) => void;

const migration = z.object({ version: z.number().int(), name: z.string(), checksum: z.string() });
const sequence = z.object({ name: z.string(), lastValue: z.string().nullable() });
/** One database in a manifest: its migration level and its sequences' positions. */
export const databasePartSchema = z.object({ migrations: z.array(migration), sequences: z.array(sequence) });
export type Migration = z.infer<typeof migration>;
export type Sequence = z.infer<typeof sequence>;

/** A database's migration level, from its bookkeeping table (`schema_migrations`, `index_migrations`). */
export async function migrationsOf<DB>(db: Kysely<DB>, table: string): Promise<Migration[]> {
  const rows = await sql<Migration>`
    select version, name, checksum from ${sql.table(table)} order by version`.execute(db);
  return rows.rows.map((r) => ({ version: r.version, name: r.name, checksum: r.checksum }));
}

/**
 * Writes every table of `db` but its migration table into the backup as database `name`.
 * @returns its migrations and sequences (for the manifest) and its row count
 */
export async function dumpDatabase<DB>(
  writer: DumpWriter,
  name: string,
  db: Kysely<DB>,
  migrationsTable: string,
  say: Progress,
): Promise<{ migrations: Migration[]; sequences: Sequence[]; rows: number }> {
  const dumped = await dumpTables(
    db,
    [migrationsTable],
    { table: (info) => writer.table(name, info), row: (json) => writer.row(json) },
    (table, rows) => {
      say(`${name}: ${table} ${rows.toLocaleString('en-GB')} rows`, true);
    },
  );
  const rows = dumped.tables.reduce((n, t) => n + t.rows, 0);
  say(`${name}: ${dumped.tables.length} tables, ${rows.toLocaleString('en-GB')} rows`);
  return { migrations: await migrationsOf(db, migrationsTable), sequences: dumped.sequences, rows };
}

/**
 * Empties `db`'s tables (but its migration table) and loads database `which` of a verified backup
 * into them, in one transaction with triggers and foreign keys off, then its sequences.
 * @returns the rows loaded
 */
export async function loadDatabase<DB>(
  db: Kysely<DB>,
  file: string,
  key: Buffer,
  which: string,
  migrationsTable: string,
  sequences: readonly Sequence[],
  say: Progress,
): Promise<number> {
  let rows = 0;
  await db.transaction().execute(async (tx) => {
    const tables = (await listTables(tx, [migrationsTable])).map((t) => t.table);
    await prepareLoad(tx, tables);
    for await (const { info, rows: batch } of readSections(file, key, which)) {
      if (!tables.includes(info.table))
        throw new BackupError(
          `the backup's table ${info.table} is not in this database: nothing was restored.`,
        );
      await insertRows(tx, info, batch);
      rows += batch.length;
      say(`${which}: ${info.table} (${rows.toLocaleString('en-GB')} rows loaded)`, true);
    }
    await restoreSequences(tx, sequences);
  });
  return rows;
}

/**
 * Progress for a command on stderr: on a terminal one line rewritten at most every 200 ms, and the
 * step lines; elsewhere only the step lines.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY;
  let last = 0;
  return (message, isTransient = false) => {
    if (isTransient) {
      if (!tty || Date.now() - last < 200) return;
      last = Date.now();
      stream.write(`\r\x1b[K${message}`);
      return;
    }
    stream.write(tty ? `\r\x1b[K${message}\n` : `${message}\n`);
  };
}
