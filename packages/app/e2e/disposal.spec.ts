/**
 * Disposal of records in Chromium: the demo borough's data protection officer opens the day's
 * disposal batch (two fictional records past the retention schedule, seed/demo-disposal.ts), takes
 * one out with a reason (without JavaScript), is asked to confirm the approval, approves, and sees
 * the other disposed of by the job queue after the request. Every page visited is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/sign-in.ts';

test('the data protection officer approves a disposal batch', async ({ page, browser }) => {
  // The job runs after the backlog the demo's first start leaves (publishing the generated borough).
  test.setTimeout(480_000);
  await signInAs(page, 'data.protection');
  await page.goto('/');
  await page.getByRole('link', { name: 'Disposal of records' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disposal of records');
  await expectAccessible(page);

  await page.getByTestId('disposal-batches').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Batch of');
  const items = page.getByTestId('disposal-items');
  await expect(items).toContainText('Morgan Pastkept');
  await expect(items).toContainText('Riley Longago');
  await expect(items).toContainText('Until the 25th birthday');
  await expect(items).toContainText('6 years after the record closed');
  await expectAccessible(page);
  const batchUrl = page.url();

  // A record's page: a decision needs a choice and a reason.
  await items.getByRole('link', { name: /Riley Longago/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riley Longago');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save decision' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Select what to do with this record');
  await expect(summary).toContainText('Enter why');
  await expectAccessible(page);

  // Without JavaScript: take it out of the batch.
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto(page.url());
  await plain.getByLabel('Take it out of this batch').check();
  await plain.getByLabel('Why').fill('Fictional: a complaint about this record is still open.');
  await plain.getByRole('button', { name: 'Save decision' }).click();
  await expect(plain.locator('.govuk-notification-banner')).toContainText('taken out of the batch');
  await noJs.close();

  // Approval asks the named officer to confirm.
  await page.goto(batchUrl);
  await expect(page.getByTestId('disposal-items')).toContainText('Taken out');
  await page.getByRole('button', { name: 'Approve disposal' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Confirm that these records are to be disposed of',
  );
  await expectAccessible(page);
  await page.getByLabel(/I, Devon Data-Protection, approve the disposal of the 1 records/).check();
  await page.getByRole('button', { name: 'Approve disposal' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('The batch has been approved');
  await expectAccessible(page);

  // The job queue disposes of it after the request, behind any jobs enqueued before it.
  await expect
    .poll(
      async () => {
        await page.goto(batchUrl);
        return page.getByTestId('disposal-items').innerText();
      },
      { timeout: 360_000, intervals: [1000, 2000, 5000] },
    )
    .not.toContain('Morgan Pastkept');
  await expect(page.getByTestId('disposal-items')).toContainText('Disposed of on');
  await expect(page.getByTestId('disposal-items')).toContainText('Riley Longago');
  await expectAccessible(page);
});
