import { verifyAuditChain } from '../audit/verify.ts';
import { migrate } from '../db/migrate.ts';
import { exitOnKnownError, openFromEnv } from './context.ts';

/**
 * `waypoint audit verify`: exits 0 when every tenant's audit chain is intact; 3 otherwise, naming
 * every break (one line each) and how many there are.
 */
export async function auditVerifyCommand(): Promise<void> {
  const { database } = await openFromEnv();
  let code = 0;
  try {
    await migrate(database.db);
    const isTty = process.stderr.isTTY;
    const result = await verifyAuditChain(database.db, (n) => {
      if (isTty) process.stderr.write(`\rchecked ${n} events…`);
    });
    if (isTty) process.stderr.write('\n');
    if (result.breaks.length === 0) {
      const erased =
        result.erased > 0 ? ` (${result.erased} with their personal details erased by disposal)` : '';
      process.stdout.write(
        `Audit chain intact: ${result.events} events in ${result.tenants} tenant(s)${erased}.\n`,
      );
    } else {
      for (const b of result.breaks)
        process.stdout.write(
          `Audit chain BROKEN in LA ${b.laCode} at event ${b.seq}${b.eventId ? ` (id ${b.eventId})` : ''}: ${b.problem}.\n`,
        );
      process.stdout.write(
        `${result.breaks.length} break(s) found in ${result.events} events in ${result.tenants} tenant(s).\n`,
      );
      code = 3;
    }
  } catch (err) {
    await database.close();
    exitOnKnownError(err);
  }
  await database.close();
  process.exitCode = code;
}
