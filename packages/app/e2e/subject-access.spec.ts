/**
 * A subject access request in Chromium: the demo borough's data protection officer records a
 * request from Joanne Fairweather for her daughter Ellie's record (seed/demo-subject-access.ts),
 * finding Ellie with the person search; checks the error messages; reviews the bundle span by span
 * (the neighbour named only in a case note, found by the engine, is proposed for taking out; the
 * officer confirms it, then takes out every mention of the brother at once) without JavaScript too; reads the bundle and downloads it as HTML. Every
 * page visited is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/sign-in.ts';

test('the data protection officer answers a subject access request', async ({ page, browser }) => {
  test.setTimeout(480_000);
  await signInAs(page, 'data.protection');
  await page.goto('/');
  await page.getByRole('link', { name: 'Subject access requests' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subject access requests');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'New request' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who is the request about?');
  await page.getByLabel('Name').fill('Ellie Fairweather');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Choose Ellie Fairweather' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The request about Ellie Fairweather');
  await expectAccessible(page);

  // Nothing chosen: clear messages.
  await page.getByRole('button', { name: 'Record the request' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter the date the request was received');
  await expectAccessible(page);

  await page.getByLabel('A parent with parental responsibility').check();
  await page.getByLabel(/Joanne Fairweather \(mother\)/).check();
  const now = new Date();
  await page.getByLabel('Day').fill(String(now.getUTCDate()));
  await page.getByLabel('Month').fill(String(now.getUTCMonth() + 1));
  await page.getByLabel('Year').fill(String(now.getUTCFullYear()));
  await page.getByRole('button', { name: 'Record the request' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('The request is recorded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ellie Fairweather');
  await expect(page.locator('main')).toContainText('a name the record does not list (found by the engine)');
  await expectAccessible(page);
  const requestUrl = page.url().split('?')[0]!;

  // Review one span without JavaScript: confirm the neighbour is taken out.
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto(requestUrl);
  await plain
    .getByRole('button', { name: /^Take out “Margaret Quennell”/ })
    .first()
    .click();
  await expect(plain.locator('.govuk-notification-banner')).toContainText('The decision is saved');
  await expect(plain.locator('main')).toContainText('Taken out: your decision');
  // And every mention of the brother at once.
  await plain
    .getByRole('button', { name: /^Take out every mention of “Harvey Fairweather” \(\d+ mentions/ })
    .first()
    .click();
  await expect(plain.locator('.govuk-notification-banner')).toContainText(
    'The decision is saved on every mention',
  );
  await noJs.close();

  // And disclose the father's name in one place.
  await page.goto(requestUrl);
  await page
    .getByRole('button', { name: /^Disclose “Craig Denholm”/ })
    .last()
    .click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('The decision is saved');
  await expectAccessible(page);

  // The bundle: accessible, with the neighbour taken out and only the redacted text.
  await page.getByRole('link', { name: 'Read the bundle' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Information held about Ellie Fairweather',
  );
  await expect(page.getByRole('navigation', { name: 'Contents' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Quennell');
  await expect(page.locator('main')).not.toContainText('Harvey');
  await expect(page.locator('main')).toContainText('Joanne Fairweather said Ellie');
  await expectAccessible(page);

  await page.goto(requestUrl);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the bundle (HTML)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^subject-access-[0-9a-f-]{36}\.html$/);
});
