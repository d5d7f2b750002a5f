/**
 * Page defects from independent testing, in Chromium with axe: the signed-in home page, a success
 * banner the URL cannot word, one error message per field with "Error:" in the title, the family
 * listing each relative once, and who viewed a record grouped by person and day in words.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const child = DEMO_CHILDREN.allocated;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe.configure({ mode: 'serial' });

test('after signing in, the home page offers the caseload, search and adding a person', async ({
  browser,
}) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto('/');
  await expect(h1(page)).toHaveText('Waypoint');
  await expect(page.getByText('Sign in to see your caseload')).toHaveCount(0);
  const links = page.getByTestId('home-links');
  await expect(links.getByRole('link', { name: 'Your caseload' })).toBeVisible();
  await expect(links.getByRole('link', { name: 'Find a child' })).toBeVisible();
  await expect(links.getByRole('link', { name: 'Add a person' })).toBeVisible();
  await expectAccessible(page);
  await links.getByRole('link', { name: 'Your caseload' }).click();
  await expect(h1(page)).toHaveText('Your caseload');
});

test('a success banner never takes its words from the URL', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/children/${child.id}?recorded=${encodeURIComponent('Call 0800 000 000 now')}`);
  await expect(h1(page)).toHaveText(`${child.given} ${child.family}`);
  await expect(page.getByText('Call 0800 000 000 now')).toHaveCount(0);
  await expect(page.locator('.govuk-notification-banner--success')).toHaveCount(0);
  await expectAccessible(page);
});

test('a note dated with letters gets one message, and the page title says "Error:"', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/children/${child.id}/record/note`);
  await page.getByLabel('Title').fill('Call with school');
  await page.getByLabel('Note', { exact: true }).fill('The school called about attendance.');
  await page.locator('#notedOn-day').fill('ab');
  await page.locator('#notedOn-month').fill('cd');
  await page.locator('#notedOn-year').fill('efgh');
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator('.govuk-error-summary__list li');
  await expect(summary).toHaveCount(1);
  await expect(summary).toHaveText('Date of the note must be a real date');
  await expect(page.locator('.govuk-error-message')).toHaveCount(1);
  await expectAccessible(page);
});

test('the family page lists each relative once', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto('/caseload');
  // A generated child of the demo borough, with the family the seed recorded both ways round.
  const hrefs: string[] = [];
  for (const a of await page.locator('table a[href^="/children/"]').all())
    hrefs.push((await a.getAttribute('href')) ?? '');
  let checked = 0;
  for (const href of hrefs.filter((h) => /^\/children\/[0-9a-f-]{36}$/.test(h)).slice(0, 6)) {
    await page.goto(`${href}/family`);
    await expect(h1(page)).toHaveText('Family and relationships');
    const names = await page.locator('tbody tr th').allInnerTexts();
    const people = names.map((n) => n.replace(/\(\d+ years?\)|\(\d+ months?\)/, '').trim());
    if (people.length === 0) continue;
    expect(new Set(people).size, `${href}: ${people.join(', ')}`).toBe(people.length);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
  await expectAccessible(page);
});

test('who has viewed a record is grouped by person and day, in words', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'team.manager');
  await page.goto(`/children/${child.id}/viewers`);
  await expect(h1(page)).toHaveText('Who has viewed this record');
  await expect(page.getByRole('columnheader', { name: 'What they did' })).toBeVisible();
  await expect(page.getByText(/Viewed the record/).first()).toBeVisible();
  await expect(page.getByText('record.view')).toHaveCount(0);
  await expect(page.locator('tbody')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await expectAccessible(page);
});
