/**
 * "What got in the way?" in Chromium: a worker reports from the page they were on (a child's name
 * is refused), the principal social worker sees it by theme and page and replies, and the worker
 * sees the reply. Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('a worker reports what got in the way and the principal social worker replies', async ({ browser }) => {
  test.setTimeout(120_000);
  const worker = await pageSignedInAs(browser, 'social.worker');
  await worker.goto('/caseload');
  await worker.getByTestId('what-got-in-the-way').getByRole('link', { name: 'What got in the way?' }).click();
  await expect(h1(worker)).toHaveText('What got in the way?');
  await expectAccessible(worker);
  await worker.getByLabel('What got in the way?').fill('Jayden Okafor’s visit form timed out');
  await worker.getByRole('button', { name: 'Send to the principal social worker' }).click();
  await expect(worker.locator('.govuk-error-summary')).toContainText(
    'must not include an NHS number or a child’s name',
  );
  await expectAccessible(worker);
  await worker
    .getByLabel('What got in the way?')
    .fill('The caseload page took a long time to load this morning');
  await worker.getByRole('button', { name: 'Send to the principal social worker' }).click();
  await expect(worker.locator('.govuk-notification-banner--success')).toContainText('Thank you');
  await expect(worker.getByTestId('my-report').first()).toContainText('No reply yet');

  const psw = await pageSignedInAs(browser, 'principal.social.worker');
  await psw.goto('/');
  await psw.getByRole('link', { name: 'What got in the way', exact: true }).first().click();
  await expect(h1(psw)).toHaveText('What got in the way');
  await expect(psw.getByTestId('friction-months-table')).toBeVisible();
  await expectAccessible(psw);
  // The newest reports are read at once; the groups are worked out by the job queue soon after.
  await expect(psw.getByTestId('figures-as-of')).toBeVisible();
  await psw.locator('li', { hasText: 'took a long time' }).first().getByRole('link').click();
  await expect(h1(psw)).toHaveText('Reply to a report');
  await expectAccessible(psw);
  await psw.getByLabel('Your reply').fill('Thank you: we have asked the supplier to look at it');
  await psw.getByLabel('What changed (optional)').fill('The caseload query was made faster');
  await psw.getByRole('button', { name: 'Save the reply' }).click();
  await expect(h1(psw)).toHaveText('What got in the way');
  await expect(psw.locator('.govuk-notification-banner--success')).toContainText('Your reply was saved');
  await expect(psw.locator('li', { hasText: 'took a long time' }).first()).toContainText(
    'asked the supplier',
  );
  // A page's reports, a group at a time.
  await psw.getByTestId('friction-pages').getByRole('link').first().click();
  await expect(psw.locator('.govuk-caption-l')).toHaveText('Reports sent from a page');
  await expectAccessible(psw);
  await psw.getByRole('link', { name: 'What got in the way', exact: true }).first().click();

  await psw.getByRole('link', { name: 'Practice insight' }).first().click();
  await expect(h1(psw)).toHaveText('Is help working?');
  await expect(psw.getByTestId('help-seen-teams')).toBeVisible();
  await expectAccessible(psw);
  await psw.getByRole('link', { name: 'What children and families tell us' }).click();
  await expect(h1(psw)).toHaveText('What children and families tell us');
  await expect(psw.getByTestId('feedback-teams')).toContainText('Assessment and Child in Need Team North');
  await expectAccessible(psw);
  await psw.getByRole('link', { name: 'The burden of recording' }).click();
  await expect(h1(psw)).toHaveText('The burden of recording');
  await expect(psw.getByTestId('burden-tasks')).toBeVisible();
  await expect(psw.getByTestId('burden-children-table')).toBeVisible();
  await expectAccessible(psw);

  await worker.goto('/what-got-in-the-way');
  await expect(worker.getByTestId('my-report').first()).toContainText('we have asked the supplier');
  await expect(worker.getByTestId('my-report').first()).toContainText('The caseload query was made faster');
  await expectAccessible(worker);
});

test('a team manager records supervision, seen by the worker and on the child’s record', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await pageSignedInAs(browser, 'team.manager');
  await manager.goto('/supervision');
  await expect(h1(manager)).toHaveText('Supervision');
  await expectAccessible(manager);
  await manager.getByRole('link', { name: 'Record a supervision' }).click();
  await manager.getByLabel('Who was supervised?').selectOption({ label: 'Sam Social-Worker' });
  await manager.getByRole('button', { name: 'Continue' }).click();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Save the supervision' }).click();
  await expect(manager.locator('.govuk-error-summary')).toContainText('Enter the reflections');
  await expectAccessible(manager);
  const now = new Date();
  await manager.locator('#heldOn-day').fill(String(now.getDate()));
  await manager.locator('#heldOn-month').fill(String(now.getMonth() + 1));
  await manager.locator('#heldOn-year').fill(String(now.getFullYear()));
  await manager.getByLabel('Jayden Okafor').check();
  await manager.getByLabel('Reflections').fill('Sam feels stuck with the father’s engagement.');
  await manager.getByLabel('Decisions').fill('Offer a joint visit with the family support worker.');
  await manager
    .getByLabel('Actions, each with who will do it (optional)')
    .fill('Book the joint visit – Sam, next week');
  await manager.getByRole('button', { name: 'Save the supervision' }).click();
  await expect(manager.locator('.govuk-notification-banner--success')).toContainText('Supervision recorded');

  const worker = await pageSignedInAs(browser, 'social.worker');
  await worker.goto('/supervision');
  await expect(worker.getByTestId('supervision').first()).toContainText('Offer a joint visit');
  await expectAccessible(worker);
  await worker.goto('/children/d0000000-0000-4000-8000-000000000001');
  await expect(worker.locator('.moj-timeline').first()).toContainText(
    'Discussed in supervision: decisions recorded',
  );
  await worker.getByRole('link', { name: 'Supervision discussions' }).first().click();
  await expect(h1(worker)).toHaveText('Supervision discussions');
  await expect(worker.getByTestId('supervision').first()).toContainText('Sam feels stuck');
  await expectAccessible(worker);

  // The supervision form was timed in the browser: the manager sees it among their own recording.
  await manager.goto('/insight/recording/mine');
  await expect(h1(manager)).toHaveText('Your recording');
  await expect(manager.getByTestId('burden-tasks')).toContainText('Record a supervision');
  await expectAccessible(manager);
  await worker.getByRole('link', { name: 'Your recording' }).first().click();
  await expect(h1(worker)).toHaveText('Your recording');
  await expectAccessible(worker);
});
