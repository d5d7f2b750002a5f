/**
 * Partner agencies in Waypoint and the involvement index: a health visitor records an involvement
 * (a mistake first); the school's safeguarding lead raises a concern from their involvement with
 * Jayden and asks who else is involved (with a reason); the front door sees the concern to link;
 * the data protection officer’s review of look-ups on the council’s records; a social worker sees
 * the agencies on the journey page; a shielded child (Nadia, in a refuge) is not disclosed to the
 * school asking, her health visitor is emailed who asked, and the NHS trust's DPO sees the
 * look-up. Every page axe-clean.
 */
import { expect, test } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

test('a health visitor records an involvement, fixing a mistake first', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'health.visitor');
  await page.goto('/involvements');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Record an involvement' }).click();
  await expectAccessible(page);
  await page.getByLabel('Child’s given name').fill('Ember');
  await page.getByLabel('Child’s family name').fill('Quayle');
  await page.getByRole('button', { name: /Save|Record/ }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('There is a problem');
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  const dob = page.getByRole('group', { name: 'Child’s date of birth' });
  await dob.getByLabel('Day').fill('12');
  await dob.getByLabel('Month').fill('5');
  await dob.getByLabel('Year').fill('2025');
  await page.getByLabel('Service').fill('Health visiting');
  await page.getByLabel('Your role with the child').fill('Health visitor');
  await page.getByLabel('Named contact').fill('Hana Health-Visitor');
  await page.getByLabel('Work phone number').fill('01632 960 440');
  await page.getByLabel('Work email address').fill('health.visitor@demo.waypoint.example');
  const since = page.getByRole('group', { name: 'Involved since' });
  await since.getByLabel('Day').fill('1');
  await since.getByLabel('Month').fill('6');
  await since.getByLabel('Year').fill('2025');
  await page.getByLabel('A health need').check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: /Save|Record/ }).click();

  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Involvement recorded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ember Quayle');
  await expectAccessible(page);
  await page.goto('/involvements');
  await expect(page.getByRole('link', { name: 'Ember Quayle' })).toBeVisible();
});

test('a school’s safeguarding lead raises a concern and asks who else is involved', async ({ browser }) => {
  test.setTimeout(210_000);
  const page = await pageSignedInAs(browser, 'school.safeguarding');
  await page.goto('/involvements');
  await page.getByRole('link', { name: 'Jayden Okafor' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Raise a concern' }).click();
  await expectAccessible(page);
  await page
    .getByLabel('What are you worried about?')
    .fill('Jayden has arrived hungry three days running and said he is scared to go home.');
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: /Send|Raise/ }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(
    'Concern sent to the council’s front door',
  );
  await expectAccessible(page);

  // Who else is involved: a reason first (refused without one), then the answer.
  await page.getByRole('link', { name: 'Who else is involved?' }).click();
  const whoElse = page.url();
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Select why you need to know');
  await expectAccessible(page);
  // The GP and the neighbouring LA's police publish after the demo starts (jobs): asked again until
  // they are there. Each agency with its named contact, phone and email.
  const agencies = page.getByTestId('agencies-involved');
  await expect(async () => {
    await page.goto(whoElse);
    await page.getByLabel('A concern about the child’s welfare I am acting on').check();
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(agencies).toContainText('Dr Gita Green', { timeout: 1_000 });
    await expect(agencies).toContainText('Missing persons unit (Neighbour Borough)', { timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
  await expect(
    page.getByText('You asked because: A concern about the child’s welfare I am acting on'),
  ).toBeVisible();
  const gp = agencies.locator('.govuk-summary-card', { hasText: 'Demo Green Surgery' });
  await expect(gp).toContainText('General practice');
  await expect(gp).toContainText('01632 960 410');
  await expect(gp).toContainText('gita.green@gp.demo.waypoint.example');
  const police = agencies.locator('.govuk-summary-card', { hasText: 'Demo Shire Police' });
  await expect(police).toContainText('Parker Police');
  await expect(police).toContainText('partner.police@demo.waypoint.example');
  // Not the school itself (its own publication is left out), never the shielded health visitor.
  await expect(agencies).not.toContainText('Demo Park Academy');
  await expect(agencies).not.toContainText('Hana Health-Visitor');
  await expect(page.getByText('Possible matches')).toHaveCount(0);
  await expectAccessible(page);

  // The front door sees the concern waiting, with the partner's involvement to link.
  const frontDoor = await pageSignedInAs(browser, 'front.door');
  await frontDoor.goto('/front-door/involvements');
  const waiting = frontDoor.getByTestId('to-link');
  await expect(waiting.getByRole('row', { name: /Jayden Okafor.*Demo Park Academy/ })).toContainText(
    'Concern',
  );
  await expectAccessible(frontDoor);
});

test('the data protection officer reviews look-ups on the council’s records', async ({ browser }) => {
  const page = await pageSignedInAs(browser, 'data.protection');
  await page.goto('/involvements/lookups');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Look-ups on your records');
  await expectAccessible(page);
  const from = page.getByRole('group', { name: 'From' });
  await from.getByLabel('Day').fill('31');
  await from.getByLabel('Month').fill('2');
  await from.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Show look-ups' }).click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await expectAccessible(page);
});

test('a social worker sees the agencies involved with Jayden on the journey page', async ({ browser }) => {
  test.setTimeout(210_000);
  const page = await pageSignedInAs(browser, 'social.worker');
  const journey = `/children/${DEMO_CHILDREN.allocated.id}`;
  await page.goto(journey);
  await page.getByRole('link', { name: 'Who else is involved?' }).click();
  await expectAccessible(page);
  const agencies = page.getByTestId('agencies-involved');
  // Published by the GP, the school and the police of the neighbouring LA after the demo started
  // (jobs, behind the LA's own publications), and matched on encodings: asked again until there.
  await expect(async () => {
    await page.goto(`${journey}/who-else`);
    await page.getByLabel('A child and family assessment').check();
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(agencies).toContainText('Dr Gita Green', { timeout: 1_000 });
    await expect(agencies).toContainText('Missing persons unit (Neighbour Borough)', { timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
  await expect(agencies).toContainText('Sade Safeguarding-Lead');
  // The health visitor's shielded involvement is with another child, and never shown here.
  await expect(agencies).not.toContainText('Hana Health-Visitor');
  await expectAccessible(page);
  await page.goto(journey);
  await expect(page.getByText('From the involvement index, just now')).toBeVisible();
  await expect(page.getByTestId('agencies-involved')).toContainText('Dr Gita Green');
  await expectAccessible(page);
});

test('a shielded child is not disclosed: the health visitor is told who asked, and their DPO sees it', async ({
  browser,
}) => {
  test.setTimeout(330_000);
  // A new pupil at the school: Nadia, in a refuge, whose health visitor shielded her involvement.
  const school = await pageSignedInAs(browser, 'school.safeguarding');
  await school.goto('/involvements/new');
  await school.getByLabel('Child’s given name').fill('Nadia');
  await school.getByLabel('Child’s family name').fill('Brennan');
  const dob = school.getByRole('group', { name: 'Child’s date of birth' });
  await dob.getByLabel('Day').fill('9');
  await dob.getByLabel('Month').fill('8');
  await dob.getByLabel('Year').fill('2014');
  await school.getByLabel('Service').fill('Designated safeguarding lead');
  await school.getByLabel('Your role with the child').fill('Designated safeguarding lead');
  await school.getByLabel('Named contact').fill('Sade Safeguarding-Lead');
  await school.getByLabel('Work phone number').fill('01632 960 420');
  await school.getByLabel('Work email address').fill('school.safeguarding@demo.waypoint.example');
  const since = school.getByRole('group', { name: 'Involved since' });
  await since.getByLabel('Day').fill('2');
  await since.getByLabel('Month').fill('3');
  await since.getByLabel('Year').fill('2026');
  await school.getByLabel('Education, attendance or special educational needs').check();
  await school.getByLabel('No', { exact: true }).check();
  await school.getByRole('button', { name: /Save|Record/ }).click();
  await expect(school.getByRole('heading', { level: 1 })).toHaveText('Nadia Brennan');
  await school.getByRole('link', { name: 'Who else is involved?' }).click();
  const whoElse = school.url();

  // The NHS trust's data protection officer sees each look-up on its records straight from the
  // index: asked until the school's look-up has hit the health visitor's involvement (published by
  // jobs after the demo starts). The school is told nothing of it, every time.
  const dpo = await pageSignedInAs(browser, 'nhs.data.protection');
  const agencies = school.getByTestId('agencies-involved');
  await expect(async () => {
    await school.goto(whoElse);
    await school.getByLabel('A concern about the child’s welfare I am acting on').check();
    await school.getByRole('button', { name: 'Look up' }).click();
    await expect(agencies).toContainText('No other agency has recorded an involvement', { timeout: 1_000 });
    await expect(agencies).not.toContainText('Health visiting');
    await expect(agencies).not.toContainText('Hana Health-Visitor');
    await expect(agencies).not.toContainText('Demo Valley NHS Foundation Trust');
    await dpo.goto('/involvements/lookups');
    await expect(dpo.getByTestId('lookups-on')).toContainText('school.safeguarding@demo.waypoint.example', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 150_000 });
  await expect(school.locator('main')).not.toContainText('01632 960 440');
  await expectAccessible(school);

  const row = dpo
    .getByTestId('lookups-on')
    .getByRole('row', { name: /Sade Safeguarding-Lead/ })
    .first();
  await expect(row).toContainText('Demo Park Academy');
  await expect(row).toContainText('A concern about the child’s welfare I am acting on');
  await expect(row).toContainText('Not disclosed');
  await expect(row).toContainText('Health visiting');
  await expect(dpo.getByRole('link', { name: 'Look-ups on your records' })).toBeVisible();
  await expectAccessible(dpo);

  // The health visitor (the shielded involvement's named contact) is emailed who is trying to reach
  // the child's practitioners, with their contact details and reason, and nothing about the child:
  // the index's notice, polled every minute, then the message queue.
  const visitor = await pageSignedInAs(browser, 'health.visitor');
  const email = visitor
    .locator('h2', { hasText: 'Email to health.visitor@demo.waypoint.example' })
    .locator('xpath=following-sibling::dl[1]');
  await expect(async () => {
    await visitor.goto('/outbox');
    await expect(email.first()).toContainText('involvement-shielded-hit', { timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
  const message = email.filter({ hasText: 'involvement-shielded-hit' }).first();
  await expect(message).toContainText('Sade Safeguarding-Lead');
  await expect(message).toContainText('Demo Park Academy');
  await expect(message).toContainText('school.safeguarding@demo.waypoint.example');
  await expect(message).toContainText('A concern about the child’s welfare I am acting on');
  await expect(message).not.toContainText('Nadia');
  await expect(message).not.toContainText('Brennan');
  await expectAccessible(visitor);
});
