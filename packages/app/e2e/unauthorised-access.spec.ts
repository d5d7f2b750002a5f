/**
 * The "unauthorised access" suite: two-actor stories in Chromium against the demo borough, signed in
 * through the real pages. A record the person may not see is "Page not found", never a hint that it
 * exists; every page visited passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs, signInAs } from './support/sign-in.ts';

const notFound = async (page: import('@playwright/test').Page, url: string) => {
  const res = await page.goto(url);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
};

test.describe.configure({ mode: 'serial' });

test('a social worker cannot open a child in the neighbouring LA by id', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await notFound(page, `/children/${DEMO_CHILDREN.neighbour.id}`);
  await expect(page.getByText(DEMO_CHILDREN.neighbour.family)).toHaveCount(0);
  await expectAccessible(page);
});

test('a social worker sees their allocated child, and gets "Page not found" for another team’s child', async ({
  browser,
}) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/children/${DEMO_CHILDREN.allocated.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jayden Okafor');
  await expectAccessible(page);
  await notFound(page, `/children/${DEMO_CHILDREN.otherTeam.id}`);
});

test('break glass: a worker finds a child in another team, gives a reason, and reads the record', async ({
  browser,
}) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto('/search');
  await page.getByLabel('Name').fill('Mia Hughs');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: /Request emergency access/ }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('at least 10 characters');
  await expectAccessible(page);
  await page
    .getByLabel('Why do you need to see this record now?')
    .fill('Hospital called out of hours about an injury to this child');
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mia Hughes');
  // The record says the access is emergency, read-only, and when it ends.
  const banner = page.getByTestId('emergency-access');
  await expect(banner).toContainText('You are seeing this record with emergency access');
  await expect(banner).toContainText('You can read it but not change it');
  await expect(banner).toContainText(
    /Your access ends at \d{1,2}:\d{2}(am|pm) on \d{1,2} [A-Z][a-z]+ \d{4}\./,
  );
  await expect(page.getByRole('button', { name: 'Record a visit' })).toHaveCount(0);
  await expectAccessible(page);
});

test("the principal social worker and the child's manager are told which child, by a job after commit", async ({
  browser,
}) => {
  for (const who of ['principal.social.worker', 'service.manager'] as const) {
    const page = await pageSignedInAs(browser, who);
    await page.goto('/notifications');
    // The job queue's worker in `waypoint serve` writes the notification just after the grant commits.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('used emergency access to the record of Mia Hughes')).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: 'Open record' }).first()).toBeVisible();
    await expectAccessible(page);
  }
  // The administrator sees the job, never whom it was about.
  // axe needs a page in its own context (browser.newPage() pages are refused by @axe-core/playwright).
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, 'admin');
  await admin.goto('/admin/jobs');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Jobs');
  await expect(admin.getByRole('cell', { name: 'break-glass.notify' })).toBeVisible();
  await expect(admin.getByText('Mia')).toHaveCount(0);
  await expectAccessible(admin);
});

test('a restricted child never appears in search results to others', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto(`/search?name=${DEMO_CHILDREN.restricted.family}`);
  await expect(page.getByText('0 results')).toBeVisible();
  await notFound(page, `/children/${DEMO_CHILDREN.restricted.id}`);
});

test('a police officer sees only the child they are involved with', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'partner.police');
  await page.goto(`/children/${DEMO_CHILDREN.allocated.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jayden Okafor');
  await notFound(page, `/children/${DEMO_CHILDREN.otherTeam.id}`);
  await notFound(page, `/children/${DEMO_CHILDREN.screening.id}/break-glass`);
});

test('the team manager sees who has viewed their child’s record', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'team.manager');
  await page.goto(`/children/${DEMO_CHILDREN.allocated.id}/viewers`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who has viewed this record');
  await expect(page.getByRole('cell', { name: /Sam Social-Worker/ }).first()).toBeVisible();
  await expectAccessible(page);
});

test('signed-out people are sent to sign in', async ({ page }) => {
  await page.goto(`/children/${DEMO_CHILDREN.allocated.id}`);
  await expect(page).toHaveURL(/\/sign-in/);
});
