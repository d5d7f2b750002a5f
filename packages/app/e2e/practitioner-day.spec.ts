/**
 * A practitioner's day in Chromium, without shortcuts: sign in, record a contact, the front door
 * decision to refer, an assessment, a strategy discussion, a section 47 enquiry, the initial
 * conference that starts a child protection plan, a goal, and a visit that scores it; then every
 * step is on the child's journey. Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { addChild } from './support/new-child.ts';
import { pageSignedInAs } from './support/sign-in.ts';

/** Its own child: the demo's Jayden already has a plan (the CP-IS demo), and this walk starts one. */
const child = { given: 'Jayden', family: 'Walkthrough', address: '12 Journey Row', postcode: 'YY9 8ZZ' };

async function date(page: Page, name: string, d: string, m: string, y = '2026') {
  await page.locator(`#${name}-day`).fill(d);
  await page.locator(`#${name}-month`).fill(m);
  await page.locator(`#${name}-year`).fill(y);
}
async function open(page: Page, link: string) {
  await page.getByTestId('next-steps').getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(link);
  await expectAccessible(page);
}
async function save(page: Page, title: string) {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(title);
}

test('from a contact to a child protection plan and a visit, all on the journey', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await pageSignedInAs(browser, 'social.worker');
  const id = await addChild(page, child);
  await page.goto(`/children/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${child.given} ${child.family}`);
  await expectAccessible(page);

  await open(page, 'Record a contact');
  await page.getByRole('button', { name: 'Save' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter the date the contact was received');
  await expect(summary).toContainText('Select who the contact came from');
  await expectAccessible(page);
  await date(page, 'receivedOn', '1', '10');
  await page.getByLabel('Who the contact came from').selectOption('2A');
  await page
    .getByLabel('What are they worried about?')
    .fill('Jayden came to school hungry three days running.');
  await save(page, 'Record a contact');
  await expect(page.getByTestId('status')).toContainText('Contact being screened since 1 October 2026');

  await open(page, 'Record the front door decision');
  await date(page, 'decidedOn', '2', '10');
  await page.getByLabel('Refer to children’s social care (opens a child in need episode)').check();
  await page.getByLabel('Main need, for a referral (optional)').selectOption('N1');
  await page.getByLabel('Why', { exact: true }).fill('Repeated concerns about neglect; needs an assessment.');
  await save(page, 'Record the front door decision');

  await open(page, 'Record an assessment');
  await date(page, 'startedOn', '3', '10');
  await page.getByLabel('Parenting capacity (optional)').fill('Mum is struggling after losing her job.');
  await page.getByLabel('16A: Neglect').check();
  await page.getByLabel('Analysis (optional)').fill('Jayden’s basic needs are not being met.');
  await date(page, 'completedOn', '10', '10');
  await page.getByLabel('Strategy discussion (worried the child is suffering significant harm)').check();
  await save(page, 'Record an assessment');

  await open(page, 'Record a strategy discussion');
  await date(page, 'heldOn', '11', '10');
  await page.getByLabel('Start a section 47 enquiry').check();
  await page.getByLabel('Why', { exact: true }).fill('Police and school agree the threshold is met.');
  await save(page, 'Record a strategy discussion');

  await open(page, 'Record a section 47 enquiry');
  await date(page, 'startedOn', '11', '10');
  await date(page, 'completedOn', '20', '10');
  await page.getByLabel('Initial child protection conference').check();
  await page
    .getByLabel('What the enquiry found, and why this outcome (optional)')
    .fill('Neglect substantiated.');
  await save(page, 'Record a section 47 enquiry');

  await open(page, 'Record an initial child protection conference');
  await date(page, 'heldOn', '30', '10');
  await page.getByLabel('The child is to be subject to a child protection plan').check();
  await page.getByLabel('Neglect', { exact: true }).check();
  await page.getByLabel('Why', { exact: true }).fill('Agreed by all agencies.');
  await save(page, 'Record an initial child protection conference');
  await expect(page.getByTestId('status')).toHaveText(
    'Child protection plan since 30 October 2026 (neglect)',
  );

  await open(page, 'Add a goal to the plan');
  await page.getByLabel('Child protection plan').check();
  await page
    .getByLabel('The goal, in the family’s words')
    .fill('Jayden has breakfast before school every day');
  await date(page, 'addedOn', '30', '10');
  await page.getByLabel('Where are things now, from 0 to 10? (optional)').fill('3');
  await save(page, 'Add a goal to the plan');

  await page.getByRole('button', { name: 'Record a visit' }).click();
  await date(page, 'date', '5', '11');
  await page.getByLabel('Yes, seen alone').check();
  await page.getByLabel('What happened').fill('Saw Jayden at home; the cupboards were full.');
  await page.getByLabel('Jayden has breakfast before school every day').fill('6');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Visit recorded');

  for (const title of [
    'Contact received from schools',
    'Front door decision: referred to children’s social care',
    'Referral: child in need episode opened',
    'Assessment completed: strategy discussion',
    'Strategy discussion: section 47 enquiry to start',
    'Section 47 enquiry completed: initial conference',
    'Initial child protection conference: child protection plan (neglect)',
    'Child protection plan started: neglect',
    'Goal added to the child protection plan',
    'Visit: child seen alone',
  ])
    await expect(page.locator('.moj-timeline').getByText(title, { exact: true })).toBeVisible();
  await expect(page.getByText('Latest score: 6 out of 10')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Printable chronology' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${child.given} ${child.family}`);
  await expect(page.getByRole('cell', { name: 'Child protection plan started: neglect' })).toBeVisible();
  await expectAccessible(page);
});
