/**
 * A learning review from a serious incident to the public repository, in Chromium: the business
 * manager notifies the incident, decides on a local review, sets its scope and names a reviewer;
 * the reviewer reads the subject child's journey (read-only), builds the chronology, records an
 * episode and a finding, writes the report and redacts it on the review screen; the chair, the
 * business manager and the data protection officer sign the checks in order and the review is
 * published; closing the review ends the reviewer's access to the child; the public finds the
 * review with no sign-in (search, HTML, PDF, a theme page, the feed). Every page is checked with axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CHILDREN } from '../src/seed/demo-children.ts';
import { expectAccessible } from './support/axe.ts';
import { pageSignedInAs } from './support/sign-in.ts';

const TITLE = 'Child Z, 2026';
const FINDING = 'Information about the family did not reach the nursery';
const child = DEMO_CHILDREN.allocated;
const REPORT = [
  `# ${TITLE}`,
  '',
  '## Background',
  '',
  `${child.given} ${child.family} lived with his mother. He went to a nursery beside a trampoline centre.`,
  '',
  '## What happened',
  '',
  `${child.given} said he was happy. His friend Tobias Quenby told the nursery about a bruise.`,
  '',
  '## Findings',
  '',
  `${FINDING}.`,
].join('\n');

async function date(page: Page, name: string, d: Date) {
  await page.locator(`#${name}-day`).fill(String(d.getDate()));
  await page.locator(`#${name}-month`).fill(String(d.getMonth() + 1));
  await page.locator(`#${name}-year`).fill(String(d.getFullYear()));
}
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const banner = (page: Page) => page.locator('.govuk-notification-banner--success').first();
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function signCheck(page: Page, reviewUrl: string, reason: string, extra?: () => Promise<void>) {
  await page.goto(`${reviewUrl}/checks`);
  await expectAccessible(page);
  await extra?.();
  await page.getByLabel('Reason, or what was checked and found').fill(reason);
  await page.getByRole('button', { name: 'Sign this check' }).click();
  await expect(banner(page)).toContainText('The check is signed');
}

test('a learning review from the incident to the public repository', async ({ browser }) => {
  test.setTimeout(300_000);

  // The business manager notifies the incident, decides, scopes and names the reviewer.
  const manager = await pageSignedInAs(browser, 'partnership.manager');
  await manager.goto('/');
  await manager.getByRole('link', { name: 'Learning reviews' }).click();
  await expect(h1(manager)).toHaveText('Learning reviews');
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Notify a serious incident' }).click();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Notify' }).click();
  await expect(manager.locator('.govuk-error-summary')).toBeVisible();
  await expectAccessible(manager);
  await manager.getByLabel('A short title for the review').fill(TITLE);
  await manager
    .getByLabel('What happened')
    .fill('A child was seen at hospital with a bruise no one explained.');
  await date(manager, 'incidentOn', daysAgo(20));
  await date(manager, 'knownOn', daysAgo(18));
  await manager.getByRole('button', { name: 'Notify' }).click();
  await expect(banner(manager)).toContainText('The incident is notified');
  await expect(h1(manager)).toHaveText(TITLE);
  await expectAccessible(manager);
  const reviewUrl = new URL(manager.url()).pathname;

  await manager.getByRole('link', { name: 'Record the decision on a local review' }).click();
  await manager.getByLabel('Yes, a local review').check();
  await manager.getByLabel('Reason for the decision').fill('The rapid review found learning for agencies.');
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Save the decision' }).click();
  await expect(banner(manager)).toContainText('The decision is recorded');

  await manager.getByRole('link', { name: 'Set the scope' }).click();
  await manager.getByLabel('Children', { exact: true }).fill(child.id);
  await date(manager, 'periodFrom', new Date(2015, 0, 1));
  await date(manager, 'periodTo', daysAgo(18));
  await manager.getByLabel('Terms of reference').fill('How agencies shared what they knew about the family.');
  await manager.getByLabel('No, the subject children’s records only').check();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Save the scope' }).click();
  await expect(banner(manager)).toContainText('The scope is saved');

  await manager.getByRole('link', { name: 'Name a reviewer' }).click();
  await manager.getByLabel('Robin Reviewer').check();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Name the reviewer' }).click();
  await expect(banner(manager)).toContainText('The reviewer is named');
  await expectAccessible(manager);

  // The reviewer reads the child's journey for the review, read-only, and does the work.
  const reviewer = await pageSignedInAs(browser, 'safeguarding.reviewer');
  await reviewer.goto('/learning-reviews');
  await reviewer
    .getByRole('row', { name: new RegExp(TITLE) })
    .getByRole('link')
    .click();
  await expect(h1(reviewer)).toHaveText(TITLE);
  await expectAccessible(reviewer);
  await reviewer.getByRole('link', { name: `${child.given} ${child.family}` }).click();
  await expect(h1(reviewer)).toHaveText(`${child.given} ${child.family}`);
  await expect(reviewer.locator('.govuk-warning-text')).toContainText('Read-only');
  await expectAccessible(reviewer);
  const childUrl = new URL(reviewer.url()).pathname;
  expect((await reviewer.goto(`/children/${child.id}`))?.status()).toBe(404);

  await reviewer.goto(`${reviewUrl}/chronology`);
  await reviewer.getByRole('button', { name: 'Bring in the record' }).click();
  await expect(banner(reviewer)).toContainText('The chronology is up to date with the record');
  await expectAccessible(reviewer);

  await reviewer.getByRole('link', { name: 'Analysis' }).click();
  await reviewer.getByRole('link', { name: 'Record a key practice episode' }).click();
  await reviewer.getByLabel('Key practice episode').fill('The bruise at nursery');
  await reviewer.getByLabel('What happened').fill('The nursery saw a bruise.');
  await reviewer.getByLabel('What was known at the time').fill('The nursery did not know the history.');
  await reviewer.getByLabel('Multi-agency working in assessment').check();
  await expectAccessible(reviewer);
  await reviewer.getByRole('button', { name: 'Save' }).click();
  await expect(banner(reviewer)).toContainText('The episode is recorded');
  await reviewer.getByRole('link', { name: 'Record a finding' }).click();
  await reviewer.getByLabel('Finding', { exact: true }).fill(FINDING);
  await reviewer.getByLabel('The finding in full').fill('Agencies did not share what they knew.');
  await reviewer.getByLabel('Multi-agency working in assessment').check();
  await expectAccessible(reviewer);
  await reviewer.getByRole('button', { name: 'Save' }).click();
  await expect(banner(reviewer)).toContainText('The finding is recorded');
  await expectAccessible(reviewer);

  await reviewer.getByRole('link', { name: 'Report', exact: true }).click();
  await reviewer.getByLabel('Report (Markdown)').fill(REPORT);
  await reviewer.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(banner(reviewer)).toContainText('The new version is saved');
  await expectAccessible(reviewer);

  // The review screen: a word the engine missed, every proposal accepted, each risk accepted.
  await reviewer.getByRole('link', { name: 'Redaction' }).click();
  await expect(h1(reviewer)).toHaveText('Redaction and anonymisation');
  await expect(reviewer.locator('.govuk-warning-text')).toContainText('cannot be published yet');
  await expectAccessible(reviewer);
  // Select and mark: the words selected in the report's text fill the form (typing them works too).
  const words = reviewer.getByLabel('The words, exactly as in the report');
  await expect(words).toHaveValue('');
  // As a person selecting with the mouse or keyboard would: a range over the word (in the page's own JS).
  await reviewer.evaluate(`(() => {
    const p = [...document.querySelectorAll('#report-text [data-app-markable] p')].find((e) => e.textContent.includes('Quenby'));
    const node = [...p.childNodes].find((n) => n.textContent.includes('Quenby'));
    const at = node.textContent.indexOf('Quenby');
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 'Quenby'.length);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
  })()`);
  await expect(reviewer.locator('[data-app-mark-status]')).toHaveText('Selected: “Quenby”');
  await reviewer.getByRole('button', { name: 'Mark the selected words' }).click();
  await expect(words).toHaveValue('Quenby');
  await expect(reviewer.getByLabel('What it is')).toBeFocused();
  await expectAccessible(reviewer);
  await reviewer.getByLabel('What it is').selectOption('PERSON');
  await reviewer.getByLabel('Pseudonym (optional)').fill('Friend 1');
  await reviewer.getByRole('button', { name: 'Redact these words' }).click();
  await expect(banner(reviewer)).toContainText('The decision is saved');
  await reviewer.getByRole('button', { name: /Accept every remaining proposal/ }).click();
  await expect(banner(reviewer)).toContainText('The decision is saved');
  for (let i = 0; i < 40; i++) {
    const form = reviewer.locator('form[action$="/risks"]').first();
    if ((await form.count()) === 0) break;
    await form.getByRole('textbox').fill('Checked: too common to identify anyone');
    await form.getByRole('button', { name: 'Accept the risk' }).click();
    await expect(banner(reviewer)).toContainText('The risk is recorded');
  }
  await expect(reviewer.getByText('The publishable text passes its checks')).toBeVisible();
  await expectAccessible(reviewer);

  // The checks, in order, by the chair, the business manager and the data protection officer.
  const chair = await pageSignedInAs(browser, 'partnership.chair');
  await signCheck(chair, reviewUrl, 'Siblings considered: no harm expected.', async () => {
    await chair.getByLabel('Publish in full').check();
  });
  await signCheck(manager, reviewUrl, 'No orders or reporting restrictions.');
  await signCheck(manager, reviewUrl, 'The mother was told; her views are in the report.');
  const dpo = await pageSignedInAs(browser, 'data.protection');
  await signCheck(dpo, reviewUrl, 'Anonymisation checked against the record.');
  await signCheck(manager, reviewUrl, 'Sent to the Panel and the Secretary of State.', async () => {
    await date(manager, 'noticeOn', daysAgo(1));
  });
  await signCheck(chair, reviewUrl, 'Approved by the partnership.');

  await manager.goto(`${reviewUrl}/checks`);
  await manager.getByLabel('Region').selectOption('south-east');
  await manager.getByLabel('Physical abuse').check();
  await manager.getByLabel('Information sharing').check();
  await expectAccessible(manager);
  await manager.getByRole('button', { name: 'Publish the review' }).click();
  await expect(banner(manager)).toContainText('The review is published');
  await expectAccessible(manager);
  const publicHref = await manager
    .getByRole('link', { name: 'the review in the public repository' })
    .getAttribute('href');

  // Closing the review ends the reviewer's access to the child.
  expect((await reviewer.goto(childUrl))?.status()).toBe(200);
  await manager.goto(reviewUrl);
  await manager.getByRole('button', { name: 'Close the review' }).click();
  await expect(banner(manager)).toContainText('reviewers no longer have access');
  await expectAccessible(manager);
  expect((await reviewer.goto(childUrl))?.status()).toBe(404);

  // The public, with no sign-in.
  const context = await browser.newContext();
  const pub = await context.newPage();
  await pub.goto('/reviews');
  await expect(h1(pub)).toBeVisible();
  await expectAccessible(pub);
  await pub.getByLabel('Search the text of every published review').fill('trampoline');
  await pub.getByRole('button', { name: 'Search' }).click();
  const hit = pub.getByRole('link', { name: TITLE });
  await expect(hit).toBeVisible();
  await expect(pub.locator('mark').first()).toContainText('trampoline');
  await expectAccessible(pub);
  await pub.goto('/reviews?theme=made-up');
  await expect(pub.locator('.govuk-error-summary')).toContainText('Select a theme from the list');
  await expectAccessible(pub);

  await pub.goto(publicHref!);
  await expect(h1(pub)).toHaveText(TITLE);
  const text = (await pub.locator('main').textContent()) ?? '';
  expect(text).toContain('Child A');
  expect(text).not.toMatch(new RegExp(`${child.given}|${child.family}|Quenby`));
  await expectAccessible(pub);
  const pdfHref = await pub.getByRole('link', { name: /Download this review as a PDF/ }).getAttribute('href');
  const pdf = await pub.request.get(pdfHref!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await pub.getByRole('link', { name: 'Themes' }).first().click();
  await expectAccessible(pub);
  await pub.getByRole('link', { name: /Physical abuse/ }).click();
  await expect(pub.locator('[role="img"]')).toBeVisible();
  await expectAccessible(pub);
  await pub.getByRole('link', { name: 'Learning across reviews' }).first().click();
  await expectAccessible(pub);
  await pub.getByRole('link', { name: 'Accessibility statement' }).click();
  await expectAccessible(pub);
  await pub.getByRole('link', { name: 'Privacy notice' }).click();
  await expectAccessible(pub);
  const feed = await pub.request.get('/reviews/feed.atom');
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  expect(await feed.text()).toContain(`<title>${TITLE}</title>`);
  await context.close();
});
