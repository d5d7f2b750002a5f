/**
 * Inspection in Chromium: the performance officer sets up an inspection, adds the demo inspector
 * and produces its Annex A lists from the record; the inspector tracks a child from a list and
 * opens them read-only; the LA sees what the inspector viewed. The inspector's pages also work
 * without JavaScript. Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { demoAccount, pageSignedInAs } from './support/sign-in.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
async function date(page: Page, name: string, iso: string) {
  const [y, m, d] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(d)));
  await page.locator(`#${name}-month`).fill(String(Number(m)));
  await page.locator(`#${name}-year`).fill(y!);
}
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('an inspector tracks a child from an Annex A list and opens them', async ({ browser }) => {
  test.setTimeout(240_000);
  const la = await pageSignedInAs(browser, 'performance.officer');
  await la.goto('/inspections');
  await expect(h1(la)).toHaveText('Inspections');
  await expectAccessible(la);
  await la.getByRole('button', { name: 'Set up an inspection' }).click();
  await expectAccessible(la);
  await la.getByRole('button', { name: 'Set up inspection' }).click();
  await expect(la.locator('.govuk-error-summary')).toContainText('Select the kind of inspection');
  await expectAccessible(la);
  await la.getByLabel('ILACS short inspection').check();
  await la.getByLabel('Name').fill('ILACS short inspection, browser test');
  await date(la, 'startsOn', inDays(0));
  await date(la, 'endsOn', inDays(5));
  await la.getByRole('button', { name: 'Set up inspection' }).click();
  await expect(h1(la)).toHaveText('ILACS short inspection, browser test');
  const inspectionUrl = la.url().replace(/\?.*$/, '');
  await expectAccessible(la);

  await la.getByRole('button', { name: 'Add an inspector' }).click();
  await la.getByLabel('Full name').fill('Indra Inspector');
  await la.getByLabel('Email address').fill(demoAccount('inspector').email);
  await la.getByRole('button', { name: 'Add inspector' }).click();
  await expect(la.getByTestId('inspectors')).toContainText('Indra Inspector');
  await la.getByRole('button', { name: 'Produce the Annex A lists' }).click();
  await expect(la.locator('.govuk-notification-banner')).toContainText('Annex A lists produced');
  await expect(la.getByTestId('annex-a-lists')).toContainText('List 1: Contacts');
  await expectAccessible(la);

  const insp = await pageSignedInAs(browser, 'inspector');
  await insp.goto('/inspections');
  await expectAccessible(insp);
  await insp.goto(inspectionUrl);
  await expectAccessible(insp);
  // The first list with a child in it.
  const link = insp.getByTestId('annex-a-lists').getByRole('link').first();
  await link.click();
  await expectAccessible(insp);
  const row = insp
    .getByTestId('annex-a-rows')
    .locator('tbody tr')
    .filter({ has: insp.getByRole('button', { name: /^Track/ }) })
    .first();
  const childId = (await row.locator('td').nth(1).textContent())!.trim();
  await row.getByRole('button', { name: /^Track/ }).click();
  await expect(insp.locator('.govuk-notification-banner')).toContainText('Child tracked');
  await expectAccessible(insp);
  await insp.goto(inspectionUrl);
  const tracked = insp.getByTestId('tracked');
  await expect(tracked).toContainText(childId);
  await tracked.getByRole('row').filter({ hasText: childId }).getByRole('link').click();
  await expect(insp.getByTestId('timeline')).toBeVisible();
  await expect(insp.getByRole('button', { name: 'Record a visit' })).toHaveCount(0);
  await expectAccessible(insp);
  const childUrl = insp.url();

  // Without JavaScript, the same view.
  const state = await insp.context().storageState();
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const plain = await noJs.newPage();
  await plain.goto(childUrl);
  await expect(plain.getByTestId('timeline')).toBeVisible();
  await noJs.close();

  await la.goto(`${inspectionUrl}/reads`);
  await expect(la.getByTestId('child-reads')).toContainText('Indra Inspector');
  await expectAccessible(la);
});
