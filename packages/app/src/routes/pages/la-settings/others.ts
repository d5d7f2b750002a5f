/** `/admin/settings/{credentials,partnership,retention}`: the administrator's other settings. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requestMeta } from '../../../auth/actor.ts';
import { requireAdministrator } from '../../../auth/admin/access.ts';
import { parseForm } from '../../../http/forms/issues.ts';
import { NotFoundError } from '../../../http/errors.ts';
import {
  credentialNames,
  credentialStatus,
  partnershipForSettings,
  placeLegalHold,
  retentionDue,
  recordKinds,
  retentionRules,
  saveRetentionRule,
  setCredential,
  settingsKey,
} from '../../../la-settings/index.ts';

const credentialForm = z.object({
  name: z.enum(credentialNames, { error: 'Select a credential' }),
  value: z
    .string({ error: 'Enter the key' })
    .trim()
    .min(1, 'Enter the key')
    .max(500, 'The key must be 500 characters or fewer'),
});

const ruleForm = z.object({
  kind: z.enum(recordKinds, { error: 'Select the kind of record' }),
  basis: z.enum(['birthday', 'years_after_closure'], { error: 'Select when the period is counted from' }),
  years: z.coerce
    .number({ error: 'Enter the number of years as a whole number' })
    .int('Enter the number of years as a whole number')
    .min(1, 'The period must be at least 1 year')
    .max(150, 'The period must be 150 years or fewer'),
});

const holdForm = z.object({
  personId: z.uuid({ error: 'Select a record' }),
  reason: z
    .string({ error: 'Enter why the record is held' })
    .trim()
    .min(1, 'Enter why the record is held')
    .max(500, 'The reason must be 500 characters or fewer'),
});

const credentialLabels = { notify_api_key: 'GOV.UK Notify API key', dfe_api_key: 'DfE data collection key' };

export const otherSettingsPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const config = app.deps.config;

  const credentialsView = async (laCode: string) => ({
    status: await credentialStatus(db, laCode),
    names: credentialNames.map((n) => ({ value: n, text: credentialLabels[n] })),
    credentialLabels,
  });
  app.get('/admin/settings/credentials', async (req, reply) => {
    const admin = requireAdministrator(req);
    const saved = (req.query as Record<string, unknown>).saved === '1';
    return reply.view('pages/la-settings/credentials.njk', {
      ...(await credentialsView(admin.laCode)),
      saved,
      values: {},
    });
  });
  app.post('/admin/settings/credentials', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(credentialForm, req.body);
    if (!form.ok) {
      // The key typed is never sent back to the browser.
      const values = { name: form.values.name };
      return reply.code(400).view('pages/la-settings/credentials.njk', {
        ...(await credentialsView(admin.laCode)),
        values,
        errors: form.errors,
      });
    }
    await setCredential(db, settingsKey(config), admin, form.data.name, form.data.value, requestMeta(req));
    return reply.redirect('/admin/settings/credentials?saved=1', 303);
  });

  app.get('/admin/settings/partnership', async (req, reply) => {
    const admin = requireAdministrator(req);
    return reply.view('pages/la-settings/partnership.njk', {
      partnership: await partnershipForSettings(db, admin.laCode),
    });
  });

  app.get('/admin/settings/retention', async (req, reply) => {
    const admin = requireAdministrator(req);
    const saved = (req.query as Record<string, unknown>).saved === '1';
    return reply.view('pages/la-settings/retention.njk', {
      rules: await retentionRules(db, admin.laCode),
      saved,
      values: {},
    });
  });
  app.post('/admin/settings/retention', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(ruleForm, req.body);
    if (!form.ok)
      return reply.code(400).view('pages/la-settings/retention.njk', {
        rules: await retentionRules(db, admin.laCode),
        values: form.values,
        errors: form.errors,
      });
    await saveRetentionRule(db, admin, form.data, requestMeta(req));
    return reply.redirect('/admin/settings/retention?saved=1', 303);
  });

  const dueView = async (req: Parameters<typeof requireAdministrator>[0]) => {
    const admin = requireAdministrator(req);
    const today = new Date().toISOString().slice(0, 10);
    return { today, ...(await retentionDue(db, admin, today, requestMeta(req))) };
  };
  app.get('/admin/settings/retention/due', async (req, reply) => {
    const held = (req.query as Record<string, unknown>).held === '1';
    return reply.view('pages/la-settings/retention-due.njk', {
      ...(await dueView(req)),
      isHeld: held,
      values: {},
    });
  });
  app.post('/admin/settings/retention/holds', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(holdForm, req.body);
    if (!form.ok)
      return reply.code(400).view('pages/la-settings/retention-due.njk', {
        ...(await dueView(req)),
        values: form.values,
        errors: form.errors,
      });
    if (!(await placeLegalHold(db, admin, form.data.personId, form.data.reason, requestMeta(req))))
      throw new NotFoundError('no such record');
    return reply.redirect('/admin/settings/retention/due?held=1', 303);
  });
};
