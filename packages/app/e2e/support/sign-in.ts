/**
 * Signs in through the real pages as a demo account: email and password, then the TOTP code
 * computed from the account's published demo secret. A code already used in this 30-second window
 * may be refused as a replay, so a refusal waits for the next window once.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/seed/demo-accounts.ts';

export function demoAccount(local: string) {
  const a = DEMO_ACCOUNTS.find((x) => x.email.startsWith(`${local}@`));
  if (a === undefined) throw new Error(`no demo account ${local}`);
  return a;
}

export async function signInAs(page: Page, local: string): Promise<void> {
  const account = demoAccount(local);
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const totp = new TOTP({ secret: account.totpSecret, digits: 6, period: 30 });
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel('Enter your security code').fill(totp.generate());
    await page.getByRole('button', { name: 'Continue' }).click();
    if (!(await page.locator('.govuk-error-summary').isVisible())) break;
    await page.waitForTimeout(31_000 - (Date.now() % 30_000));
  }
  await expect(page.getByLabel('Enter your security code')).toHaveCount(0);
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const signedIn = new Map<string, StorageState>();

/**
 * A page signed in as the demo account, signing in through the pages the first time and reusing
 * that session afterwards (a second sign-in in the same 30 seconds would wait for a fresh code).
 */
export async function pageSignedInAs(browser: Browser, local: string): Promise<Page> {
  const state = signedIn.get(local);
  const context = await browser.newContext(state === undefined ? {} : { storageState: state });
  const page = await context.newPage();
  if (state === undefined) {
    await signInAs(page, local);
    signedIn.set(local, await context.storageState());
  }
  return page;
}
