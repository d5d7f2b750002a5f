/**
 * @waypoint/index: the national involvement index. A standalone service with its own database
 * (PGlite or PostgreSQL) and API over keyed encodings made on each publisher's side with
 * `@waypoint/pprl`; it never holds a name, date of birth, address or identifier in plaintext, nor
 * the linkage secret, and never returns a similarity score.
 *
 * @example
 * const index = await openIndex({ dataDir: 'data/index' });
 * await index.client.publish({ publisher, ref: 'inv-1', version: 1, encoding, service, role, contact, since, until: null, shielded: false });
 * await index.client.lookup({ encoding, caller, reason: 'welfare_concern', reasonText: null });
 */
export * from './types.ts';
export { openIndex, type OpenedIndex, type OpenedLocalIndex, type OpenIndexOptions } from './open.ts';
export { buildIndexServer } from './server.ts';
export { httpIndexClient, IndexHttpError } from './http-client.ts';
export { addClient, issueToken, clientForToken, type IndexApiClient } from './clients.ts';
export { LocalIndex, verifyAudit, blockNumber, readEncoding, type MatchOptions } from './service.ts';
export { cpisCheckChain, MAIN_CHAIN } from './audit.ts';
export { IndexDirInUseError } from './dir-lock.ts';
export {
  openIndexDatabase,
  readIndexMigrations,
  type IndexDatabase,
  type IndexSchema,
  type Engine,
} from './db.ts';
// Backups (src/backup/): the encrypted file, the key file, the logical dump, shared with the app.
export * from './backup/dump-file.ts';
export * from './backup/database-dump.ts';
export * from './backup/key-file.ts';
export * from './backup/logical-dump.ts';
export * from './backup/open-backup.ts';
export * from './backup/sealed-stream.ts';
export * from './backup/index-backup.ts';
