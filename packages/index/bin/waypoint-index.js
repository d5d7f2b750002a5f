#!/usr/bin/env node
// Runs the command built by @waypoint/build into dist/ (by `npm install`, or here when a source
// changed since), so it starts as plain Node. Decision 0006.
import { launch } from '@waypoint/build';

await launch(import.meta.url, '../src/cli.ts');
