/**
 * What the DfE feed's integration tests share: an LA with fictional children and its DfE key set,
 * a local receiver (dfe-receiver.ts) configured as the feed's DfE, a push as the daily job makes it
 * (then the job queue run until nothing is due), and reads of the feed's tables and jobs.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inTenant } from '../../src/db/tenant.ts';
import { scheduledPush } from '../../src/dfe-feed/jobs.ts';
import { configureDfeFeed } from '../../src/dfe-feed/settings.ts';
import '../../src/jobs/definitions.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { seal } from '../../src/la-settings/credentials.ts';
import { startDfeReceiver, type DfeReceiver } from './dfe-receiver.ts';
import { buildChild, buildLocalAuthority, type BuiltLa } from './factories.ts';
import type { TestApp } from './test-app.ts';

export interface DfeFeedWorld {
  la: BuiltLa;
  receiver: DfeReceiver;
  children: string[];
  setApiKey(value: string): Promise<void>;
  /** A push as the daily job makes it (a new job id each time), then the queue run until nothing is due. */
  push(): Promise<NonNullable<Awaited<ReturnType<typeof scheduledPush>>>>;
  requestsOf(pushId: string): Promise<Awaited<ReturnType<typeof requests>>>;
  pushRow(pushId: string): ReturnType<typeof pushRowOf>;
  /** The LA's returns.dfe-send jobs in queue order. */
  dfeJobs(): ReturnType<typeof jobsOf>;
  /** Makes a job waiting for its backoff due now (the wait, passed). */
  due(jobId: string): Promise<void>;
  close(): Promise<void>;
}

const requests = (t: TestApp, pushId: string) =>
  t.database.db
    .selectFrom('dfe_push_requests')
    .selectAll()
    .where('push_id', '=', pushId)
    .orderBy('request_no')
    .execute();
const pushRowOf = (t: TestApp, pushId: string) =>
  t.database.db.selectFrom('dfe_pushes').selectAll().where('id', '=', pushId).executeTakeFirstOrThrow();
const jobsOf = (t: TestApp, laCode: string) =>
  t.database.db
    .selectFrom('jobs')
    .select(['id', 'state', 'attempts', 'payload', 'last_error'])
    .where('name', '=', 'returns.dfe-send')
    .where('la_code', '=', laCode)
    .orderBy('seq')
    .execute();

/** Sets up `laCode` with `count` children (sex and ethnicity recorded) and a receiver as its DfE. */
export async function buildDfeFeedWorld(t: TestApp, laCode: string, count: number): Promise<DfeFeedWorld> {
  const db = t.database.db;
  const key = randomBytes(32);
  const receiver = await startDfeReceiver();
  configureDfeFeed({ baseUrl: receiver.url, secretsKey: () => key });
  const la = await buildLocalAuthority(db, laCode);
  const children: string[] = [];
  for (let i = 0; i < count; i++)
    children.push(
      await buildChild(db, laCode, { dateOfBirth: `2015-01-${String((i % 28) + 1).padStart(2, '0')}` }),
    );
  await db
    .updateTable('people')
    .set({ sex: 'female', ethnicity: 'WBRI' })
    .where('la_code', '=', laCode)
    .execute();
  const setApiKey = async (value: string) => {
    const sealed = seal(key, `${laCode}:dfe_api_key`, value);
    await db
      .insertInto('la_credentials')
      .values({ la_code: laCode, name: 'dfe_api_key', sealed })
      .onConflict((oc) => oc.columns(['la_code', 'name']).doUpdateSet({ sealed }))
      .execute();
  };
  await setApiKey(receiver.apiKey);
  let pushNo = 0;
  return {
    la,
    receiver,
    children,
    setApiKey,
    push: async () => {
      const planned = await scheduledPush(
        (fn) => inTenant(db, laCode, fn),
        laCode,
        `00000000-0000-4000-8000-${String(++pushNo).padStart(12, '0')}`,
      );
      if (planned === null) throw new Error('already pushed');
      await runDueJobs(db);
      return planned;
    },
    requestsOf: (pushId) => requests(t, pushId),
    pushRow: (pushId) => pushRowOf(t, pushId),
    dfeJobs: () => jobsOf(t, laCode),
    due: async (jobId) => {
      await db
        .updateTable('jobs')
        .set({ run_at: sql<Date>`now()` })
        .where('id', '=', jobId)
        .execute();
    },
    close: async () => {
      configureDfeFeed(undefined);
      await receiver.close();
    },
  };
}
