/** Sign-in, account and administration pages, registered together by `pages/index.ts`. */
import type { FastifyPluginAsync } from 'fastify';
import { accountTokenRoutes } from './account-tokens.ts';
import { accountRoutes } from './account.ts';
import { adminPages } from './admin/index.ts';
import { signInSsoRoutes } from './sign-in-sso.ts';
import { signInTwoFactorRoutes } from './sign-in-two-factor.ts';
import { signInRoutes } from './sign-in.ts';

export const accountPages: FastifyPluginAsync = async (app) => {
  await app.register(signInRoutes);
  await app.register(signInTwoFactorRoutes);
  await app.register(signInSsoRoutes);
  await app.register(accountRoutes);
  await app.register(accountTokenRoutes);
  await app.register(adminPages);
};
