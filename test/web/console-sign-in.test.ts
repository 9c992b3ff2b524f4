/**
 * The moderation console signed in like any web app, in headless Chromium against the real local
 * stack and its OpenID provider: Sign in on the provider's page, the queue, an approval, the
 * owner's reply with its badge in the widget, Sign out; on a desktop and a 360 px phone screen.
 * Tokens live 8 s here, so renewal without the moderator's help is part of every run.
 * The console runs under the deployed console's Content-Security-Policy (infra/console-headers.ts):
 * Chromium must refuse nothing it does.
 */
import type { Browser } from 'playwright-core';
import { addAccount } from '../../infra/local/oidc/accounts';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, screenshot, signInToConsole, SLUG, startDemoApi } from '../support/browser';

jest.setTimeout(90_000);

const TOKEN_TTL_SECONDS = 8;
const READER = { email: 'bob@example.org', password: 'bob-reads-only' };
let browser: Browser;
let api: TestApi;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startDemoApi({}, { tokenTtlSeconds: TOKEN_TTL_SECONDS });
  await addAccount(api.keyDir, { ...READER, groups: [] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const postPending = async (name: string, body: string): Promise<string> => {
  const res = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, author: { name }, body, elapsedMs: 60_000 },
  });
  expect(res.status).toBe(201);
  return res.json.comment.id as string;
};

test.each([
  ['a desktop', 1100],
  ['a 360 px phone', 360],
])(
  'on %s a moderator signs in, approves, replies as the owner with a badge readers see, and signs out',
  async (_screen, width) => {
    const name = `Reader ${width}`;
    const id = await postPending(name, `A question from a ${width} px screen`);
    const { page, context, requests, cspViolations } = await newReader(browser, { width });
    const consolePage = page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/');

    const clicked = Date.now();
    await signInToConsole(page, api);
    const item = page.locator(`li.item[data-id="${id}"]`);
    await item.waitFor();
    console.log(`${width} px: from "Sign in" to the queue in ${Date.now() - clicked} ms`);
    expect(await page.locator('.user .who').textContent()).toBe('alice@example.org');
    expect((await (await consolePage).allHeaders())['content-security-policy']).toContain("default-src 'none'");
    // Usable on the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('approved');
    const approved = page.locator(`li.item[data-id="${id}"]`);
    await approved.getByText('Reply as the author').click();
    await approved.getByLabel(/Your reply to/).fill(`Thanks, ${name}: the owner answers.`);
    await approved.getByRole('button', { name: 'Publish reply' }).click();
    await page.locator('.msg', { hasText: `Your reply to ${name} is published.` }).waitFor();
    await screenshot(page, `console-${width}.png`);

    const reader = await newReader(browser, { width });
    await reader.page.goto(`${api.url}/posts/${SLUG}`);
    const reply = reader.page.locator(`#parley-c-${id}`).locator('xpath=../ol/li/article').first();
    await reply.waitFor();
    expect(await reply.textContent()).toContain('the owner answers');
    const badge = reply.locator('.parley-mod');
    expect(await badge.textContent()).toBe('Moderator');
    expect(await badge.getAttribute('aria-label')).toBe('Verified moderator');
    expect(await reader.page.locator(`#parley-c-${id} .parley-mod`).count()).toBe(0);
    await reader.context.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const before = requests.length;
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('li.item').count()).toBe(0);
    expect(requests.slice(before).filter((u) => u.includes('/v1/admin/'))).toEqual([]);
    // Signed in, tokens fetched, decided, replied, signed out: nothing was refused by the policy.
    expect(cspViolations).toEqual([]);
    await context.close();
  },
);

test('an expired token is renewed without the moderator noticing', async () => {
  const { page, context, requests, cspViolations } = await newReader(browser);
  await signInToConsole(page, api);
  const tokenCalls = () => requests.filter((u) => u.endsWith('/token')).length;
  const afterSignIn = tokenCalls();
  // Past the first ID token's expiry: the console must have renewed it by itself.
  await page.waitForTimeout((TOKEN_TTL_SECONDS + 2) * 1000);
  expect(tokenCalls()).toBeGreaterThan(afterSignIn);
  const id = await postPending('Late reader', 'Still there?');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator(`li.item[data-id="${id}"]`).waitFor();
  expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(false);
  // The renewal's token requests go to the provider's origin, which connect-src names.
  expect(cspViolations).toEqual([]);
  await context.close();
});

test('a revoked session sends the moderator back to sign-in with the place kept, never a raw 401', async () => {
  const { page, context } = await newReader(browser);
  await signInToConsole(page, api);
  await page.getByLabel('Status').selectOption('spam');
  // On the next load, before the console runs: the refresh token is refused (as after a revocation)
  // and the stored ID token is long expired. (Set at load time, so no renewal can overwrite it.)
  await page.addInitScript(() => {
    const key = 'parley:admin-session';
    const s = sessionStorage.getItem(key);
    if (s)
      sessionStorage.setItem(
        key,
        JSON.stringify({ ...JSON.parse(s), refreshToken: 'revoked', expiresAt: 1, issuedAt: 0 }),
      );
  });
  await page.reload();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
  expect(await page.locator('.msg').textContent()).toBe(
    'Your session has ended. Sign in again to carry on where you left off.',
  );
  // The provider still knows alice (as Cognito's managed login keeps its own session): no password asked.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.user .who').waitFor();
  expect(await page.getByLabel('Status').inputValue()).toBe('spam');
  await context.close();
});

test('a signed-in reader without the moderators group sees "Not a moderator" and no queue', async () => {
  const { page, context, requests } = await newReader(browser, { width: 360 });
  await signInToConsole(page, api, READER);
  await page.getByRole('heading', { name: 'Not a moderator' }).waitFor();
  expect(await page.locator('.not-moderator').textContent()).toContain('bob@example.org');
  expect(await page.locator('.queue-section').isVisible()).toBe(false);
  expect(requests.filter((u) => u.includes('/v1/admin/'))).toEqual([]);
  await context.close();
});

test('the counts show at a glance and follow a decision made with the keyboard (j, then a)', async () => {
  await postPending('Keyboard reader', 'Approve me with a key');
  const { page, context } = await newReader(browser);
  await signInToConsole(page, api);
  await page.locator('li.item').first().waitFor();
  const pendingCount = async () =>
    Number(/Pending: (\d+)/.exec((await page.locator('.counts').textContent()) ?? '')?.[1]);
  await page.locator('.counts', { hasText: 'Pending:' }).waitFor();
  const before = await pendingCount();
  expect(before).toBeGreaterThan(0);
  expect(await page.locator('.shortcuts').textContent()).toContain('j next, k previous, a approve, r reject, s spam');
  const first = page.locator('li.item').first();
  const name = await first.locator('header strong').textContent();
  await page.keyboard.press('j');
  expect(await first.evaluate((li) => li.classList.contains('current'))).toBe(true);
  await page.keyboard.press('a');
  await page.locator('.msg', { hasText: `Approved the comment by ${name}.` }).waitFor();
  await page.locator('.counts', { hasText: `Pending: ${before - 1}` }).waitFor();
  await context.close();
});
