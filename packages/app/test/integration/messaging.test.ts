/**
 * Messaging on a real database: a message is enqueued in the work's transaction, sent after
 * commit through the configured transport (the local outbox here; a stand-in Notify), once per
 * reference, retried on failure, never in production without a Notify key; /outbox shows it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant.ts';
import { runDueJobs } from '../../src/jobs/worker.ts';
import { canonicalMobile, enqueueMessage, type MessageInput } from '../../src/messaging/index.ts';
import { configureMessaging, transportFor } from '../../src/messaging/transport.ts';
import { buildLocalAuthority, buildUser, sessionCookie, type BuiltLa } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let la: BuiltLa;
const db = () => t.database.db;
beforeAll(async () => {
  t = await createTestApp();
  la = await buildLocalAuthority(db(), '941', 'Message Borough');
  await buildLocalAuthority(db(), '942', 'Other Borough');
});
afterEach(() => {
  configureMessaging(transportFor({ env: 'test', notifyApiKey: undefined, notifyTemplateIds: {} }));
});
afterAll(async () => t.close());

const message = (reference: string, over: Partial<MessageInput> = {}): MessageInput => ({
  channel: 'email',
  to: ' Parent@Example.ORG ',
  template: 'feedback-request',
  personalisation: {
    greeting: 'Hello',
    la_name: 'Message Borough',
    link: 'http://localhost/f/abc',
    code: 'ABCD-2345',
  },
  reference,
  ...over,
});
const messagesWith = (reference: string) =>
  db().selectFrom('messages').selectAll().where('reference', '=', reference).execute();

describe('enqueueMessage and messaging.send', () => {
  it('stores the message in the outbox after commit, with the words filled in and the address canonical', async () => {
    await inTenant(db(), '941', async (tx) => {
      await enqueueMessage(tx, message('test:one'));
    });
    expect(await messagesWith('test:one')).toHaveLength(0);
    await runDueJobs(db());
    const [stored] = await messagesWith('test:one');
    expect(stored).toMatchObject({
      la_code: '941',
      transport: 'outbox',
      channel: 'email',
      to_address: 'parent@example.org',
    });
    expect(stored?.subject).toBe('Message Borough: tell us what you think');
    expect(stored?.body).toContain('Answer here: http://localhost/f/abc');
    expect(stored?.body).toContain('ABCD-2345');
    expect(stored?.body).not.toContain('((');
  });

  it('sends nothing when the transaction rolls back', async () => {
    await expect(
      inTenant(db(), '941', async (tx) => {
        await enqueueMessage(tx, message('test:rolled-back'));
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await runDueJobs(db());
    expect(await messagesWith('test:rolled-back')).toHaveLength(0);
  });

  it('sends one message per reference, however often it is enqueued', async () => {
    const sent: string[] = [];
    configureMessaging({
      kind: 'notify',
      send: async (m) => {
        sent.push(m.reference);
        return { providerId: `notify-${sent.length}` };
      },
    });
    for (let i = 0; i < 3; i++)
      await inTenant(db(), '941', async (tx) => {
        await enqueueMessage(tx, message('test:once', { channel: 'sms', to: '+44 7700 900123' }));
      });
    await runDueJobs(db());
    expect(sent).toEqual(['test:once']);
    const [stored] = await messagesWith('test:once');
    expect(stored).toMatchObject({
      transport: 'notify',
      provider_id: 'notify-1',
      to_address: '07700900123',
      body: null,
    });
  });

  it('retries a failed send and records it once it goes', async () => {
    let calls = 0;
    configureMessaging({
      kind: 'notify',
      send: async () => {
        calls++;
        if (calls === 1) throw new Error('GOV.UK Notify refused the message: HTTP 500');
        return { providerId: 'notify-retried' };
      },
    });
    await inTenant(db(), '941', async (tx) => {
      await enqueueMessage(tx, message('test:retry'));
    });
    await runDueJobs(db());
    const job = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'messaging.send')
      .where('idempotency_key', '=', 'message:test:retry')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'retry', attempts: 1 });
    expect(job.last_error).toContain('HTTP 500');
    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('id', '=', job.id)
      .execute();
    await runDueJobs(db());
    expect(calls).toBe(2);
    expect(await messagesWith('test:retry')).toMatchObject([{ provider_id: 'notify-retried' }]);
  });

  it('in production without a Notify key, fails the job saying why instead of dropping the message', async () => {
    configureMessaging(transportFor({ env: 'production', notifyApiKey: undefined, notifyTemplateIds: {} }));
    await inTenant(db(), '941', async (tx) => {
      await enqueueMessage(tx, message('test:production'));
    });
    await runDueJobs(db());
    const job = await db()
      .selectFrom('jobs')
      .select(['state', 'last_error'])
      .where('idempotency_key', '=', 'message:test:production')
      .executeTakeFirstOrThrow();
    expect(job.last_error).toContain('NOTIFY_API_KEY is not set');
    expect(await messagesWith('test:production')).toHaveLength(0);
  });

  it('refuses a bad address, a channel the template lacks, or missing personalisation, in the caller’s transaction', async () => {
    const attempt = (m: MessageInput) => inTenant(db(), '941', (tx) => enqueueMessage(tx, m));
    await expect(attempt(message('test:bad1', { to: 'not an email' }))).rejects.toThrow('not valid');
    await expect(attempt(message('test:bad2', { channel: 'sms', to: '0207 946 0000' }))).rejects.toThrow(
      'not valid',
    );
    await expect(attempt(message('test:bad3', { personalisation: { greeting: 'Hi' } }))).rejects.toThrow(
      'needs personalisation',
    );
    expect(canonicalMobile('07700 900 123')).toBe('07700900123');
  });

  it('needs a Notify template id for each template and channel when Notify is used', async () => {
    const transport = transportFor({
      env: 'production',
      notifyApiKey: `key-${'0'.repeat(72)}`,
      notifyTemplateIds: {},
    });
    expect(transport.kind).toBe('notify');
    if (transport.kind !== 'notify') return;
    await expect(transport.send({ ...message('x'), to: 'parent@example.org' })).rejects.toThrow(
      'NOTIFY_TEMPLATE_IDS has no Notify template id for "feedback-request:email"',
    );
  });
});

describe('the outbox page', () => {
  it('shows a signed-in person their LA’s outbox, with links, and not another LA’s', async () => {
    await inTenant(db(), '942', async (tx) => {
      await enqueueMessage(tx, message('test:other-la', { to: 'other@example.org' }));
    });
    await runDueJobs(db());
    const user = await buildUser(db(), la, ['social_worker']);
    const res = await t.app.inject({ url: '/outbox', headers: { cookie: await sessionCookie(db(), user) } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Email to parent@example.org');
    expect(res.body).toContain('<a class="govuk-link" href="http://localhost/f/abc">');
    expect(res.body).not.toContain('other@example.org');
  });

  it('asks a visitor to sign in', async () => {
    const res = await t.app.inject({ url: '/outbox' });
    expect(res.statusCode).toBe(302);
  });
});
