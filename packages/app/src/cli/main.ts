/**
 * `waypoint`: serve the app, run migrations, seed, administer users and jobs, verify the audit
 * chain. Each command's work lives in its own file and is imported only when that command runs,
 * so `waypoint --help` (and a mistyped command) loads nothing but commander.
 */
import { Command } from 'commander';
import { apiScopes } from '../auth/api-tokens.ts';
import { jobStates } from '../jobs/states.ts';
import { registerImportCommands } from './import.ts';
import { registerReturnsCommands } from './returns.ts';

const program = new Command()
  .name('waypoint')
  .description("Waypoint: children's safeguarding records for local authorities and their partners")
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web application (runs pending migrations first)')
  .action(async () => {
    await (await import('./serve.ts')).serveCommand();
  });
program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    await (await import('./migrate.ts')).migrateCommand();
  });
program
  .command('prepare', { hidden: true })
  .description(
    'build the PGlite template (initdb and every migration) that a first start copies; npm install runs it',
  )
  .action(async () => {
    await (await import('./prepare.ts')).prepareCommand();
  });
program
  .command('audit')
  .description('audit tools')
  .command('verify')
  .description("check every tenant's audit hash chain; exit 0 when intact, 3 naming the first broken event")
  .action(async () => {
    await (await import('./audit.ts')).auditVerifyCommand();
  });

program
  .command('backup')
  .description(
    'back up everything: the app database, the involvement index in this installation, and (in a separate file) the keys',
  )
  .requiredOption('--out <file>', 'the backup file to write (every table, with a manifest and checksums)')
  .option('--keys-out <file>', 'the key file to write, to store apart from the backup (default: <out>.keys)')
  .action(async (opts: { out: string; keysOut?: string }) => {
    await (await import('./backup.ts')).backupCommand(opts);
  });
program
  .command('restore')
  .description(
    'restore a backup into an empty installation: refused (nothing written) without its key file, with a key file that does not match, or when the backup is corrupt',
  )
  .requiredOption('--in <file>', 'the backup file (waypoint backup --out)')
  .option('--keys <file>', 'its key file (waypoint backup --keys-out); required')
  .option(
    '--force',
    'replace what the database, the index and the key files hold (otherwise a non-empty target is refused)',
  )
  .action(async (opts: { in: string; keys?: string; force?: boolean }) => {
    await (await import('./backup.ts')).restoreCommand(opts);
  });

const users = program.command('users').description('list users and issue API tokens');
users
  .command('list')
  .description('list every user')
  .option('--json', 'print JSON: [{email, name, role, organisation, laCode, active}]')
  .action(async (opts: { json?: boolean }) => {
    await (await import('./users.ts')).listCommand(opts);
  });
users
  .command('token')
  .description('print a personal access token for the JSON API (audited)')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--expires <duration>', 'lifetime: 30m, 1h, 7d …', '1h')
  .option('--scope <scope...>', `what it may do (${apiScopes.join(', ')})`, ['children:read'])
  .action(async (opts: { email: string; expires: string; scope: string[] }) => {
    await (await import('./users.ts')).tokenCommand(opts);
  });
users
  .command('client')
  .description(
    'register a partner system for POST /api/v1/oauth/token (prints client_id and client_secret once)',
  )
  .requiredOption('--email <email>', 'the service user the system acts as')
  .requiredOption('--name <name>', 'the system, as it appears in the audit ("on behalf of")')
  .option('--scope <scope...>', `what it may do (${apiScopes.join(', ')})`, ['children:read'])
  .action(async (opts: { email: string; name: string; scope: string[] }) => {
    await (await import('./users.ts')).clientCommand(opts);
  });
users
  .command('revoke-client')
  .description('revoke a partner system and the tokens it holds')
  .requiredOption('--client-id <id>', 'the client_id')
  .action(async (opts: { clientId: string }) => {
    await (await import('./users.ts')).revokeClientCommand(opts);
  });

program
  .command('seed')
  .description(
    'generate a fictional LA (990) and its neighbour (991) with families and journeys, through the domain model',
  )
  .option('--children <n>', 'children in the demo borough (the neighbour gets a twentieth)', '300')
  .option('--seed <n>', 'seed number: the same seed and date give the same data', '1')
  .option('--long-child', 'add a child with about 1,000 timeline events (always when --children >= 10000)')
  .option('--corpus <file>', 'write the generated narrative with its personal data marked, as JSONL')
  .option('--today <date>', 'the last date of the generated history (YYYY-MM-DD; default today)')
  .option('--quiet', 'no progress or summary')
  .action(async (opts: import('./seed.ts').SeedOptions) => {
    await (await import('./seed.ts')).seedCommand(opts);
  });

const jobs = program.command('jobs').description('the job queue: list, run and retry jobs');
jobs
  .command('list')
  .description('list recent jobs, newest first (never their payloads)')
  .option('--state <state>', `only jobs in this state (${jobStates.join(', ')})`)
  .option('--limit <n>', 'how many', '50')
  .option('--json', 'print JSON')
  .action(async (opts: { state?: string; json?: boolean; limit: string }) => {
    await (await import('./jobs.ts')).listCommand(opts);
  });
jobs
  .command('run')
  .description('run jobs as they fall due until stopped (or, with --once, those due now, then exit)')
  .option('--once', 'run the jobs due now and exit')
  .option('--concurrency <n>', 'jobs run at once', '2')
  .action(async (opts: { once?: boolean; concurrency: string }) => {
    await (await import('./jobs.ts')).runCommand(opts);
  });
jobs
  .command('retry')
  .description('run a failed or cancelled job again, with its attempts reset (audited)')
  .argument('<id>', 'the job id')
  .action(async (id: string) => {
    await (await import('./jobs.ts')).retryCommand(id);
  });

program
  .command('index')
  .description('the involvement index')
  .command('serve')
  .description("run the involvement index's own HTTP server over its own database")
  .option('--url <url>', 'its PostgreSQL database (default: PGlite in --data-dir)')
  .option('--data-dir <dir>', 'its PGlite directory (default: <WAYPOINT_DATA_DIR>/index)')
  .option('--port <n>', 'the port to listen on', '4300')
  .option('--host <host>', 'the address to listen on', 'localhost')
  .action(async (opts: { url?: string; dataDir?: string; port: string; host: string }) => {
    await (await import('./index-serve.ts')).indexServeCommand(opts);
  });

// The returns commands' own file keeps their heavy imports inside each action.
registerReturnsCommands(program);
registerImportCommands(program);

await program.parseAsync(process.argv);
