// The `waypoint-pprl` command line; see cli/main.ts and the package README.
import { runCli } from './cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2));
