/**
 * `waypoint`: serve the app, run migrations, and (from later modules) seed, administer users and
 * verify the audit chain. Each command lives in its own file.
 */
import { Command } from 'commander';
import { auditVerifyCommand } from './audit.ts';
import { registerJobsCommands } from './jobs.ts';
import { migrateCommand } from './migrate.ts';
import { registerReturnsCommands } from './returns.ts';
import { registerSeedCommand } from './seed.ts';
import { registerUsersCommands } from './users.ts';

const program = new Command()
  .name('waypoint')
  .description("Waypoint: children's safeguarding records for local authorities and their partners")
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web application (runs pending migrations first)')
  // Loaded only when serving: the web application is most of the code, and other commands do not need it.
  .action(async () => {
    const { serveCommand } = await import('./serve.ts');
    await serveCommand();
  });
program.command('migrate').description('apply pending database migrations and exit').action(migrateCommand);
program
  .command('audit')
  .description('audit tools')
  .command('verify')
  .description("check every tenant's audit hash chain; exit 0 when intact, 3 naming the first broken event")
  .action(auditVerifyCommand);
registerUsersCommands(program);
registerSeedCommand(program);
registerJobsCommands(program);
registerReturnsCommands(program);

await program.parseAsync(process.argv);
