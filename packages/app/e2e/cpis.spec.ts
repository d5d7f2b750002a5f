/**
 * CP-IS in Chromium: the data team's page lists the demo child in scope whose NHS number is not yet
 * confirmed, and confirming it closes the gap; a child's attendances page opens for the allocated
 * worker. Every page is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const jayden = DEMO_CHILDREN.allocated;

test('the data team confirms the NHS number of a child in CP-IS scope', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'performance.officer');
  await page.goto('/');
  await page.getByRole('link', { name: 'CP-IS: NHS numbers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('NHS numbers of children in scope');
  await expectAccessible(page);
  const gaps = page.getByTestId('gaps');
  await expect(gaps).toContainText(`${jayden.given} ${jayden.family}`);
  await gaps.getByRole('link', { name: `${jayden.given} ${jayden.family}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm the NHS number');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm NHS number' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter a real NHS number');
  await expectAccessible(page);
  await page.getByLabel('NHS number you confirmed').fill(jayden.nhs);
  await page.getByRole('button', { name: 'Confirm NHS number' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('NHS number confirmed');
  await expect(page.getByTestId('gaps').or(page.getByTestId('no-gaps'))).not.toContainText(
    `${jayden.given} ${jayden.family}`,
  );
});

test('the allocated worker sees the child’s attendances page', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/children/${jayden.id}/attendances`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attendances in unscheduled care');
  await expectAccessible(page);
});
