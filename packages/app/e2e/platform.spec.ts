import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';

test('the start page uses GOV.UK Frontend served locally and is accessible', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith('http://127.0.0.1')) external.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Waypoint' })).toBeVisible();
  // GOV.UK Frontend's JavaScript ran (progressive enhancement) and nothing came from another site.
  await expect(page.locator('body')).toHaveClass(/govuk-frontend-supported/);
  expect(external).toEqual([]);
  await expectAccessible(page);
});

test('an unknown page says "Page not found" and is accessible', async ({ page }) => {
  const res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expectAccessible(page);
});

test('pages work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('body')).not.toHaveClass(/govuk-frontend-supported/);
  // axe itself needs JavaScript, so accessibility is checked on the same page with it enabled above.
  await context.close();
});

test('no console errors (CSP blocks nothing the page needs)', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
