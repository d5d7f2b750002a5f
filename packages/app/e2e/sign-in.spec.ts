/**
 * Sign-in in Chromium as a person does it: email and password, then the TOTP code (computed here
 * from the demo account's published secret), account pages, tokens and signing out. Every page
 * visited is checked with axe.
 */
import { expect, test } from '@playwright/test';
import { TOTP } from 'otpauth';
import { DEMO_PASSWORD } from '../src/seed/demo-accounts.ts';
import { expectAccessible } from './support/axe.ts';
import { demoAccount, signInAs } from './support/sign-in.ts';

test('a team manager signs in with password and two-factor code, creates an API token and signs out', async ({
  page,
}) => {
  const account = demoAccount('team.manager');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Waypoint');
  await expectAccessible(page);

  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Enter a correct email address and password',
  );
  await expectAccessible(page);

  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Enter your security code')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Enter your security code').fill('12345');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the 6-digit code');
  await expectAccessible(page);

  const totp = new TOTP({ secret: account.totpSecret, digits: 6, period: 30 });
  await page.getByLabel('Enter your security code').fill(totp.generate());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await expect(page.getByText(account.email)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'API access tokens' }).click();
  await expectAccessible(page);
  await page.getByLabel('Name').fill('Weekly caseload report');
  await page.getByLabel('children:read').check();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toHaveText(/^wpt_/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to your tokens' }).click();
  await expect(page.getByRole('cell', { name: 'Weekly caseload report', exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign out everywhere ends the sessions in other browsers', async ({ page, browser }) => {
  await signInAs(page, 'director');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.context().addCookies(await page.context().cookies());
  await otherPage.goto('/account');
  await expect(otherPage.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});

test('a form posted from a stale page gets a clear "form has expired" page', async ({ page }) => {
  await page.goto('/sign-in');
  await page.context().clearCookies();
  await page.getByLabel('Email address').fill('someone@example.test');
  await page.getByLabel('Password', { exact: true }).fill('whatever password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This form has expired');
  await expectAccessible(page);
});
