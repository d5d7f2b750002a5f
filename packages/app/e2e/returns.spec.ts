/**
 * Returns from the record in Chromium: a social worker's step is saved and the journey page says
 * what the census will query, with a link to the field that fixes it; the performance officer's
 * data quality page lists it with the child, the rule and the worker, and works without
 * JavaScript. Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const now = new Date();
const [d, m, y] = [String(now.getDate()), String(now.getMonth() + 1), String(now.getFullYear())];

async function date(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`#${name}-day`).fill(day);
  await page.locator(`#${name}-month`).fill(month);
  await page.locator(`#${name}-year`).fill(year);
}
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('the census query is shown after a step is saved, and on the data quality page', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto('/people/new');
  await page.getByLabel('A child', { exact: true }).check();
  await page.getByLabel('Given name').fill('Zora');
  await page.getByLabel('Family name').fill('Quillfeather');
  await date(page, 'dateOfBirth', '3', '3', String(now.getFullYear() - 9));
  await page.getByLabel('Address line 1').fill('9 Returns Row');
  await page.getByLabel('Postcode').fill('YY9 9ZZ');
  await date(page, 'startedOn', '1', '1', String(now.getFullYear() - 2));
  await page.getByRole('button', { name: 'Continue' }).click();
  if ((await h1(page).textContent()) === 'Is this one of these people?')
    await page.getByRole('button', { name: 'None of these, create a new record' }).click();
  await expect(h1(page)).toHaveText('Zora Quillfeather');
  const id = /\/children\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.getByTestId('next-steps').getByRole('link', { name: 'Record a contact', exact: true }).click();
  await date(page, 'receivedOn', d, m, y);
  await page.getByLabel('Who the contact came from').selectOption('2A');
  await page.getByLabel('What are they worried about?').fill('Zora is often late and tired at school.');
  await page.getByRole('button', { name: 'Save' }).click();
  await page
    .getByTestId('next-steps')
    .getByRole('link', { name: 'Record the front door decision', exact: true })
    .click();
  await date(page, 'decidedOn', d, m, y);
  await page.getByLabel('Refer to children’s social care (opens a child in need episode)').check();
  await page.getByLabel('Main need, for a referral (optional)').selectOption('N4');
  await page.getByLabel('Why', { exact: true }).fill('Needs an assessment.');
  await page.getByRole('button', { name: 'Save' }).click();

  // Saved (never blocked), and the journey says what the census will ask about.
  await expect(page.locator('.govuk-notification-banner').first()).toContainText(
    'Record the front door decision',
  );
  const check = page.getByTestId('census-check');
  await expect(check).toContainText(
    'The census will query this: there is no UPN for a child of school age, 8770Q.',
  );
  await expectAccessible(page);
  await check.getByRole('link', { name: 'Add the UPN' }).click();
  await expect(page).toHaveURL(new RegExp(`/children/${id}/details/edit#upn$`));
  await expect(page.locator('#upn')).toBeVisible();
  await expectAccessible(page);

  // The data team's list: axe-clean (axe needs JavaScript to run) ...
  const signedIn = await pageSignedInAs(browser, 'performance.officer');
  await signedIn.goto('/returns');
  await expect(h1(signedIn)).toHaveText('Data quality');
  await expectAccessible(signedIn);
  // ... and working without it.
  const context = await browser.newContext({
    storageState: await signedIn.context().storageState(),
    javaScriptEnabled: false,
  });
  const officer = await context.newPage();
  await officer.goto('/returns');
  await expect(h1(officer)).toHaveText('Data quality');
  await expect(officer.getByTestId('returns')).toContainText('CIN census');
  await expect(officer.getByTestId('by-rule')).toContainText('CIN census 8770Q');
  await expect(officer.getByTestId('findings')).toContainText('Sam Social-Worker');
  await officer.getByTestId('by-rule').getByRole('link', { name: 'CIN census 8770Q' }).click();
  await expect(officer.getByTestId('matching')).toContainText('for CIN census:8770Q');
  await officer.getByLabel('Collection year').selectOption({ index: 1 });
  await officer.getByRole('button', { name: 'Show this year' }).click();
  await expect(officer).toHaveURL(/year=\d{4}-\d{2}/);
  await expect(h1(officer)).toHaveText('Data quality');
  const xml = await officer.request.get('/returns/cin.xml');
  expect(xml.status()).toBe(200);
  expect(await xml.text()).toContain('<Message');
});

test('the DfE daily feed status page is linked from data quality, axe-clean and works without JavaScript', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const signedIn = await pageSignedInAs(browser, 'performance.officer');
  await signedIn.goto('/returns');
  await signedIn
    .getByRole('link', { name: 'DfE daily feed: the last push, its receipts and refusals' })
    .click();
  await expect(h1(signedIn)).toHaveText('DfE daily feed');
  await expect(signedIn.getByTestId('last-push')).toBeVisible();
  await expectAccessible(signedIn);
  const context = await browser.newContext({
    storageState: await signedIn.context().storageState(),
    javaScriptEnabled: false,
  });
  const officer = await context.newPage();
  await officer.goto('/returns/dfe-feed');
  await expect(h1(officer)).toHaveText('DfE daily feed');
  await expect(officer.getByRole('heading', { name: 'Refusals in the last 30 days' })).toBeVisible();
  await officer.getByRole('link', { name: 'Back to data quality' }).click();
  await expect(h1(officer)).toHaveText('Data quality');
});
