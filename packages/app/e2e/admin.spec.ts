/**
 * Administration in Chromium: the demo borough's administrator adds a user and a team; the new
 * user signs in with the temporary password, sets up two-factor and must change the password.
 * Every page visited is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { TOTP } from 'otpauth';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/sign-in.ts';

test('the administrator adds a user, who then signs in, sets up two-factor and changes the password', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add a user' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add user' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter the full name');
  await expect(summary).toContainText('Select an organisation');
  await expect(summary).toContainText('Select at least one role');
  await expectAccessible(page);

  const email = `new.worker.${Date.now()}@demo.waypoint.example`;
  await page.getByLabel('Full name').fill('Nova New-Worker');
  await page.getByLabel('Email address').fill(email);
  await page
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: "Waypoint Demo Borough Children's Services" });
  await page.getByLabel('Social worker', { exact: true }).check();
  await page
    .getByLabel('Team', { exact: true })
    .selectOption({ label: 'Assessment and Child in Need Team South' });
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('User added');
  const password = (await page.getByTestId('temporary-password').textContent())!.trim();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Back to users' }).click();
  await page.getByRole('link', { name: 'Nova New-Worker' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change Nova New-Worker');
  await expectAccessible(page);

  await page.goto('/admin/teams');
  await expectAccessible(page);
  await page.getByLabel('Team name').fill(`Disabled Children's Team ${Date.now()}`);
  await page.getByLabel('Part of').selectOption({ label: "Children's Social Care Service" });
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByText('The team has been created.')).toBeVisible();
  await expectAccessible(page);

  // The new user, in their own browser.
  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto('/sign-in');
  await user.getByLabel('Email address').fill(email);
  await user.getByLabel('Password', { exact: true }).fill(password);
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText('Set up two-factor sign-in');
  await expect(user.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectAccessible(user);
  const secret = (await user.getByTestId('totp-secret').textContent())!.trim();
  await user.getByLabel('Security code').fill(new TOTP({ secret, digits: 6, period: 30 }).generate());
  await user.getByRole('button', { name: 'Continue' }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText('Change your password');
  await expectAccessible(user);
  await user.getByLabel('Current password').fill(password);
  await user.getByLabel('New password', { exact: true }).fill('password1234');
  await user.getByLabel('Confirm new password').fill('password1234');
  await user.getByRole('button', { name: 'Change password' }).click();
  await expect(user.locator('.govuk-error-summary')).toContainText('too common');
  await expectAccessible(user);
  await user.getByLabel('Current password').fill(password);
  await user.getByLabel('New password', { exact: true }).fill('copper kettle meadow');
  await user.getByLabel('Confirm new password').fill('copper kettle meadow');
  await user.getByRole('button', { name: 'Change password' }).click();
  await expect(user.getByText('Your password has been changed.')).toBeVisible();
  await expectAccessible(user);
  await context.close();
});

test('people who are not administrators get "Page not found" for the administration pages', async ({
  page,
}) => {
  await signInAs(page, 'service.manager');
  const res = await page.goto('/admin/users');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
