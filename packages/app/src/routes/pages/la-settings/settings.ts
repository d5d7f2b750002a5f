/** `/admin/settings`: the council's names, office hours and the numbers the CP-IS answer gives. */
import type { FastifyPluginAsync } from 'fastify';
import { requestMeta } from '../../../auth/actor.ts';
import { requireAdministrator } from '../../../auth/admin/access.ts';
import { parseForm } from '../../../http/forms/issues.ts';
import {
  getLaSettings,
  saveLaSettings,
  settingsForm,
  weekdays,
  type LaSettings,
} from '../../../la-settings/index.ts';

/** The form's values from saved settings. */
function valuesOf(s: LaSettings): Record<string, unknown> {
  const hours = Object.fromEntries(
    weekdays.flatMap((d) => [
      [`${d}Start`, s.officeHours[d]?.start ?? ''],
      [`${d}End`, s.officeHours[d]?.end ?? ''],
    ]),
  );
  return {
    version: s.version,
    name: s.name,
    serviceName: s.serviceName,
    officePhone: s.officePhone,
    officeEmail: s.officeEmail ?? '',
    emergencyDutyPhone: s.emergencyDutyPhone,
    emergencyDutyEmail: s.emergencyDutyEmail,
    emergencyDutySms: s.emergencyDutySms ?? '',
    ...hours,
  };
}

const days = weekdays.map((d) => ({ id: d, label: d.charAt(0).toUpperCase() + d.slice(1) }));

export const settingsPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const page = 'pages/la-settings/settings.njk';

  app.get('/admin/settings', async (req, reply) => {
    const admin = requireAdministrator(req);
    const settings = await getLaSettings(db, admin.laCode);
    const saved = (req.query as Record<string, unknown>).saved === '1';
    return reply.view(page, { settings, values: valuesOf(settings), days, saved });
  });

  app.post('/admin/settings', async (req, reply) => {
    const admin = requireAdministrator(req);
    const form = parseForm(settingsForm, req.body);
    if (!form.ok) {
      const settings = await getLaSettings(db, admin.laCode);
      return reply.code(400).view(page, { settings, values: form.values, days, errors: form.errors });
    }
    const result = await saveLaSettings(db, admin, form.data, requestMeta(req));
    if (result.ok) return reply.redirect('/admin/settings?saved=1', 303);
    const settings = await getLaSettings(db, admin.laCode);
    return reply.code(409).view(page, {
      settings,
      values: valuesOf(settings),
      days,
      errors: [
        {
          field: 'name',
          message:
            'Someone else saved these settings while you were editing them. Their version is shown: make your changes again',
        },
      ],
    });
  });
};
