/**
 * Council settings in Chromium: the demo borough's administrator changes the office hours and
 * numbers (a mistake first), stores a GOV.UK Notify key that is never shown again, and reads the
 * partnership, the retention schedule and what is due for disposal. Every page visited is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/sign-in.ts';

test('the administrator keeps the council settings', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/');
  await page.getByRole('link', { name: 'Council settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Council settings');
  await expectAccessible(page);

  await page.locator('#saturdayStart').fill('10:00');
  await page.getByLabel('Telephone').first().fill('12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter both times for Saturday');
  await expect(summary).toContainText('Enter the office telephone number like');
  await expectAccessible(page);

  await page.locator('#saturdayEnd').fill('13:00');
  await page.getByLabel('Telephone').first().fill('01632 960 123');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText(
    'The council settings have been saved',
  );
  await expect(page.locator('#saturdayEnd')).toHaveValue('13:00');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Credentials' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credentials');
  await expectAccessible(page);
  await page.getByLabel('GOV.UK Notify API key').check();
  const secret = 'e2e-notify-key-not-real-0123456789';
  await page.getByLabel('Key', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('It will not be shown again');
  expect(await page.content()).not.toContain(secret);
  await expect(page.locator('.govuk-summary-list')).toContainText('Set on');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Safeguarding partnership' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safeguarding partnership');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Retention schedule' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retention schedule');
  await expect(page.locator('table')).toContainText('Until the 75th birthday');
  await page.getByLabel('Kind of record').selectOption({ label: 'Child in need' });
  await page.getByLabel('The child’s birth (kept until a birthday)').check();
  await page.getByLabel('Years').fill('');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Years').fill('26');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('saved');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Records due for disposal and legal holds' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Records due for disposal');
  await expectAccessible(page);
});
