/**
 * Adds a child through the real "Add a person" page, as the signed-in worker, so a browser test
 * owns a child with an empty journey (the demo children have histories other specs rely on).
 * Looks like someone already known? The test says none of these is the child.
 */
import { expect, type Page } from '@playwright/test';

async function date(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`#${name}-day`).fill(day);
  await page.locator(`#${name}-month`).fill(month);
  await page.locator(`#${name}-year`).fill(year);
}

/** @returns the new child's id; the page is left on the child's record. */
export async function addChild(
  page: Page,
  child: { given: string; family: string; address: string; postcode: string; age?: number },
): Promise<string> {
  const year = new Date().getFullYear();
  const h1 = page.getByRole('heading', { level: 1 });
  await page.goto('/people/new');
  await page.getByLabel('A child', { exact: true }).check();
  await page.getByLabel('Given name').fill(child.given);
  await page.getByLabel('Family name').fill(child.family);
  await date(page, 'dateOfBirth', '4', '4', String(year - (child.age ?? 10)));
  await page.getByLabel('Address line 1').fill(child.address);
  await page.getByLabel('Postcode').fill(child.postcode);
  await date(page, 'startedOn', '1', '1', String(year - 2));
  await page.getByRole('button', { name: 'Continue' }).click();
  if ((await h1.textContent()) === 'Is this one of these people?')
    await page.getByRole('button', { name: 'None of these, create a new record' }).click();
  await expect(h1).toHaveText(`${child.given} ${child.family}`);
  return /\/children\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}
