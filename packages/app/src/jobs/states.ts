/** The states of a job, in the order the admin page and `waypoint jobs list --state` show them. Light: the CLI's help reads it. */
import type { JobState } from '../db/schema.ts';

export const jobStates: readonly JobState[] = ['queued', 'running', 'retry', 'done', 'dead', 'cancelled'];
