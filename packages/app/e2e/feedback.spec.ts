/**
 * Feedback from children and families in Chromium: a worker records a parent's consent and email,
 * sends her a feedback request; the parent opens the link from the outbox with no account,
 * answers, and the link then says it has been used; the answers are on the child's record. Every
 * page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { addChild } from './support/new-child.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('a parent answers a feedback request received in the outbox', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageSignedInAs(browser, 'social.worker');
  const jayden = await addChild(page, {
    given: 'Perpetua',
    family: 'Feedbackson',
    address: '3 Answer Lane',
    postcode: 'YY9 9ZZ',
  });
  await page.goto(`/children/${jayden}/family`);
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await page.getByRole('link', { name: 'Add someone new' }).click();
  await page.getByLabel('An adult').check();
  await page.getByLabel('Given name').fill('Greta');
  await page.getByLabel('Family name').fill('Feedbackson');
  await page.getByLabel('What are they to the child?').selectOption('mother');
  await page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Does the child live with them?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Add to the family' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Family member added');

  await page.goto(`/children/${jayden}`);
  await page.getByRole('link', { name: 'Feedback from the child and family' }).click();
  await expect(h1(page)).toHaveText('Feedback from the child and family');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Greta Feedbackson contact details' }).click();
  await expect(h1(page)).toHaveText('Contact details for feedback');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Select whether they agree');
  await expectAccessible(page);
  await page.getByLabel('Yes, they agreed').check();
  await page.getByLabel('Email address (optional)').fill('greta.feedbackson@example.org');
  await page.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Contact details saved');

  await page.goto(`/children/${jayden}/feedback`);
  await page.getByLabel('Greta Feedbackson').check();
  await page.getByLabel('Email', { exact: true }).check();
  await page.getByLabel('The standard form').check();
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Feedback request sent');
  await expectAccessible(page);

  // The job sends it after commit: the outbox shows it once the worker has run.
  await expect(async () => {
    await page.goto('/outbox');
    await expect(page.getByRole('heading', { name: 'Email to greta.feedbackson@example.org' })).toBeVisible();
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  const link = await page.locator('.app-pre-line a[href*="/feedback?code="]').first().getAttribute('href');
  expect(link).toBeTruthy();

  // The parent: no account, a fresh browser.
  const parentContext = await browser.newContext();
  const parent = await parentContext.newPage();
  await parent.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(h1(parent)).toHaveText('Tell us what you think');
  await expect(parent.locator('body')).not.toContainText('Perpetua');
  await expect(parent.locator('body')).not.toContainText('Feedbackson');
  await expectAccessible(parent);
  await parent
    .getByRole('group', { name: 'Do you understand why people are worried?' })
    .getByLabel('Mostly')
    .check();
  await parent.getByRole('group', { name: 'Do you feel listened to?' }).getByLabel('Yes').check();
  await parent.getByRole('group', { name: 'Is the plan helping?' }).getByLabel('Sometimes').check();
  await parent.getByLabel('What would make it better?').fill('Meetings after school hours');
  await parent.getByRole('button', { name: 'Send my answers' }).click();
  await expect(h1(parent)).toHaveText('Thank you');
  await expectAccessible(parent);
  await parent.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(h1(parent)).toHaveText('This link has already been used');
  await expectAccessible(parent);
  await parent.goto('/feedback');
  await expect(h1(parent)).toHaveText('Tell us what you think');
  await expectAccessible(parent);
  await parentContext.close();

  await page.goto(`/children/${jayden}/feedback`);
  await expect(page.getByTestId('feedback-answers')).toContainText('Meetings after school hours');
  await expectAccessible(page);
});
