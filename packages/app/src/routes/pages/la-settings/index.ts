/** The LA settings pages, for the administrator of the LA (the `administer` capability). */
import type { FastifyPluginAsync } from 'fastify';
import { otherSettingsPages } from './others.ts';
import { settingsPages } from './settings.ts';

export const laSettingsPages: FastifyPluginAsync = async (app) => {
  await app.register(settingsPages);
  await app.register(otherSettingsPages);
};
