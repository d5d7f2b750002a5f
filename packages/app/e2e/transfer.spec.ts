/**
 * A child who moves to another LA, in Chromium, as a two-LA story: the demo borough's team manager
 * adds a child and asks the neighbour borough (991) to take them over; the neighbour borough's
 * front door reads the package and accepts; the child's record opens there, with the package as
 * imported history, and the demo borough's manager now gets "Page not found". Every page visited
 * is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { addChild } from './support/new-child.ts';
import { pageSignedInAs } from './support/sign-in.ts';

test('a transfer asked for by one LA and accepted by the other ends the first LA’s access', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const h1 = (p: import('@playwright/test').Page) => p.getByRole('heading', { level: 1 });

  // The sending LA asks.
  const sender = await pageSignedInAs(browser, 'team.manager');
  const childId = await addChild(sender, {
    given: 'Ellis',
    family: 'Farmover',
    address: '9 Quay Street',
    postcode: 'YY9 7ZZ',
  });
  const recordUrl = `/children/${childId}`;
  await sender.getByRole('link', { name: 'Transfer to another local authority' }).click();
  await expect(h1(sender)).toHaveText('Transfer to another local authority');
  await expectAccessible(sender);
  await sender.getByRole('button', { name: 'Ask this local authority to take over' }).click();
  const summary = sender.locator('.govuk-error-summary');
  await expect(summary).toContainText('Select the local authority the child has moved to');
  await expect(summary).toContainText('Enter why the child is moving to this local authority');
  await expectAccessible(sender);
  await sender
    .getByLabel('Which local authority has the child moved to?')
    .selectOption({ label: 'Waypoint Neighbour Borough' });
  await sender
    .getByLabel('Why is the child moving there?')
    .fill('Fictional: the family moved to the neighbour borough.');
  await sender.getByRole('button', { name: 'Ask this local authority to take over' }).click();
  await expect(sender.locator('.govuk-notification-banner')).toContainText(
    'The transfer to Waypoint Neighbour Borough is waiting',
  );
  await expectAccessible(sender);
  // Until it is accepted, the record is still the sending LA's.
  await sender.goto(recordUrl);
  await expect(h1(sender)).toHaveText('Ellis Farmover');

  // The receiving LA reads the package and accepts.
  const receiver = await pageSignedInAs(browser, 'neighbour.front.door');
  await receiver.goto('/');
  await receiver.getByRole('link', { name: 'Transfers between local authorities' }).click();
  await expect(h1(receiver)).toHaveText('Transfers between local authorities');
  await expectAccessible(receiver);
  await receiver.getByRole('link', { name: 'Ellis Farmover' }).click();
  await expect(h1(receiver)).toHaveText('Ellis Farmover');
  await expect(receiver.getByText('Transfer from Waypoint Demo Borough')).toBeVisible();
  await expectAccessible(receiver);
  await receiver.getByRole('button', { name: 'Decline the transfer' }).click();
  await expect(receiver.locator('.govuk-error-summary')).toContainText(
    'Enter why your local authority declines the transfer',
  );
  await expectAccessible(receiver);
  await receiver.getByRole('button', { name: 'Accept the transfer' }).click();
  await expect(h1(receiver)).toHaveText('Ellis Farmover');
  expect(receiver.url()).not.toContain(childId);
  await expectAccessible(receiver);
  await receiver.getByRole('link', { name: 'Transferred in from Waypoint Demo Borough' }).click();
  await expect(h1(receiver)).toHaveText('Transferred in from Waypoint Demo Borough');
  await expectAccessible(receiver);

  // The sending LA's access has ended.
  await sender.goto(recordUrl);
  await expect(h1(sender)).toHaveText('Page not found');
  await sender.goto('/transfers');
  await expect(sender.getByText('Accepted')).toBeVisible();
  await expectAccessible(sender);
});
