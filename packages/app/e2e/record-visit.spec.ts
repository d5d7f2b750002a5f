/** A social worker records a visit on one page and sees it on the child's journey. */
import { expect, test } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

test('record a visit with the three required answers, fixing a mistake first', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/children/${DEMO_CHILDREN.allocated.id}`);
  await page.getByRole('button', { name: 'Record a visit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record a visit');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Save visit' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter the date of the visit');
  await expect(summary).not.toContainText('Enter a real date');
  await expect(page).toHaveTitle(/^Error: Record a visit/);
  await expect(summary).toContainText('Select whether the child was seen');
  await expect(summary).toContainText('Enter what happened');
  await expectAccessible(page);

  await page.getByLabel('Day', { exact: true }).fill('20');
  await page.getByLabel('Month', { exact: true }).fill('11');
  await page.getByLabel('Year', { exact: true }).fill('2026');
  // "No" reveals the question why not, which is then required.
  await page.getByLabel('No', { exact: true }).check();
  await expect(page.getByLabel('Why was the child not seen?')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Yes, seen alone').check();
  await expect(page.getByLabel('Why was the child not seen?')).toBeHidden();
  await page
    .getByLabel('What happened')
    .fill('Saw Jayden at home. He showed me his room and we talked about school.');
  await page
    .getByLabel('What the child said, in their own words (optional)')
    .fill('I want to stay at my school');
  await page.getByRole('button', { name: 'Save visit' }).click();

  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Visit recorded');
  await expect(page.getByText('Visit: child seen alone').first()).toBeVisible();
  await expect(page.getByText('I want to stay at my school')).toBeVisible();
  await expectAccessible(page);
});
