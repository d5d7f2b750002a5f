/**
 * People and caseloads in Chromium: add a person through the duplicate check, their details,
 * an edit conflict, the family, search, the caseload, and a manager's team pages and allocation.
 * Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const child = DEMO_CHILDREN.allocated;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function date(page: Page, name: string, d: string, m: string, y: string) {
  await page.locator(`#${name}-day`).fill(d);
  await page.locator(`#${name}-month`).fill(m);
  await page.locator(`#${name}-year`).fill(y);
}

test('a social worker adds a child past the duplicate check, then their details and family', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await pageSignedInAs(browser, 'social.worker');
  await page.goto('/people/new');
  await expect(h1(page)).toHaveText('Add a person');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Select whether this is a child, an unborn child or an adult');
  await expect(summary).toContainText('Enter the given name');
  await expectAccessible(page);

  await page.getByLabel('A child', { exact: true }).check();
  await page.getByLabel('Given name').fill('Jaden');
  await page.getByLabel('Family name').fill('Okafor');
  await date(page, 'dateOfBirth', '1', '6', '2015');
  await page.getByLabel('Address line 1').fill('4 Elm Close');
  await page.getByLabel('Postcode').fill('ls11 5ab');
  await date(page, 'startedOn', '2', '3', '2021');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(h1(page)).toHaveText('Is this one of these people?');
  await expect(page.getByRole('cell', { name: `${child.given} ${child.family}` })).toBeVisible();
  await expect(page.getByText('Date of birth: exact').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'None of these, create a new record' }).click();
  await expect(h1(page)).toHaveText('Jaden Okafor');
  const id = /\/children\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.goto(`/children/${id}/details`);
  await expect(h1(page)).toHaveText('Details');
  await expect(page.getByText('4 Elm Close, LS11 5AB')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Add a previous name or alias' }).click();
  await page.getByLabel('A previous name').check();
  await page.getByLabel('Given name').fill('Jaden');
  await page.getByLabel('Family name').fill('Smith');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Name added');

  // Two tabs edit the same version: the second save meets the first.
  const other = await page.context().newPage();
  await page.goto(`/children/${id}/details/edit`);
  await other.goto(`/children/${id}/details/edit`);
  await expectAccessible(page);
  await page.getByLabel('First language (optional)').fill('Igbo');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Details saved');
  await other.getByLabel('First language (optional)').fill('English');
  await other.getByRole('button', { name: 'Save details' }).click();
  await expect(h1(other)).toHaveText('Someone else changed this record while you were editing it');
  await expect(other.getByRole('cell', { name: 'Igbo' })).toBeVisible();
  await expect(other.getByLabel('First language (optional)')).toHaveValue('English');
  await expectAccessible(other);
  await other.close();

  await page.goto(`/children/${id}/family`);
  await expect(h1(page)).toHaveText('Family and relationships');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Add someone new' }).click();
  await page.getByLabel('An adult').check();
  await page.getByLabel('Given name').fill('Grace');
  await page.getByLabel('Family name').fill('Adeyemi');
  await page.getByLabel('What are they to the child?').selectOption('mother');
  await page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Does the child live with them?' }).getByLabel('Yes').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add to the family' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Family member added');
  await expect(page.getByRole('link', { name: 'Grace Adeyemi' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/search?name=Jaden+Smith');
  await expect(page.getByRole('cell', { name: 'Jaden Okafor', exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Caseload' }).click();
  await expect(h1(page)).toHaveText('Your caseload');
  await expect(page.getByRole('link', { name: 'Jaden Okafor' })).toBeVisible();
  await expectAccessible(page);
});

test('a team manager sees the team, timescales passed and unallocated work, and allocates', async ({
  browser,
}) => {
  const page = await pageSignedInAs(browser, 'team.manager');
  // A session reused from an earlier spec opens on a blank page, not where signing in lands.
  await page.goto('/');
  await page.getByRole('link', { name: 'Team', exact: true }).click();
  await expect(h1(page)).toHaveText('Your teams');
  await expectAccessible(page);
  await page.locator('main ul.govuk-list a').first().click();
  await expect(page.getByRole('table', { name: 'Workers' })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/children/${child.id}/allocate`);
  await expect(h1(page)).toHaveText('Allocate or transfer');
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the reason');
  await expectAccessible(page);
});
