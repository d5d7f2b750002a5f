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

test('an emergency department clinician checks a child; the allocated social worker is told and sees the attendance', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ed = await pageSignedInAs(browser, 'ed.clinician');
  await ed.goto('/');
  await ed.getByRole('link', { name: 'Check a child' }).click();
  await expect(ed.getByRole('heading', { level: 1 })).toHaveText('Check a child');
  await expectAccessible(ed);
  await ed.getByLabel('NHS number').fill('943 476 5918');
  await ed.getByRole('button', { name: 'Check' }).click();
  await expect(ed.locator('.govuk-error-summary')).toContainText('Enter a real NHS number');
  await expectAccessible(ed);
  const [y, m, d] = jayden.dob.split('-');
  await ed.getByLabel('NHS number').fill(jayden.nhs);
  await ed.locator('#dateOfBirth-day').fill(String(Number(d)));
  await ed.locator('#dateOfBirth-month').fill(String(Number(m)));
  await ed.locator('#dateOfBirth-year').fill(y!);
  await ed.getByLabel('Where are you seeing the child?').selectOption('emergency-department');
  await ed.getByRole('button', { name: 'Check' }).click();
  await expect(ed.getByRole('heading', { level: 1 })).toHaveText(
    'Child protection or looked-after information is held',
  );
  await expect(ed.getByTestId('flag')).toHaveText('Child protection plan');
  await expect(ed.getByTestId('flag-details')).toContainText('Emergency duty team');
  await expect(ed.locator('main')).not.toContainText(jayden.family);
  await expectAccessible(ed);

  const sw = await pageSignedInAs(browser, 'social.worker');
  const seen = `${jayden.given} ${jayden.family} was seen at Emergency department, Demo Valley NHS Foundation Trust`;
  await expect(async () => {
    await sw.goto('/notifications');
    await expect(sw.locator('main')).toContainText(seen);
  }).toPass({ timeout: 20_000 });
  await expectAccessible(sw);
  await sw.goto(`/children/${jayden.id}`);
  await expect(sw.locator('main')).toContainText(
    'Attendance: seen at Emergency department, Demo Valley NHS Foundation Trust',
  );
  await expectAccessible(sw);
  await sw.getByRole('link', { name: 'All attendances in unscheduled care' }).first().click();
  await expect(sw.getByTestId('attendances')).toContainText(
    'Emergency department, Demo Valley NHS Foundation Trust',
  );
});
