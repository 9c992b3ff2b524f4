/**
 * Reactions and the server-rendered thread, in a real browser against the real local stack: a
 * reader reacts and un-reacts across reloads, concurrent readers leave an exact count, a page
 * that includes the HTML view reads without JavaScript, and the widget takes that view over with
 * one request and no layout shift.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestApi } from '../support/local-api';
import { apiCalls, launchBrowser, newReader, seedApproved, SLUG, startDemoApi } from '../support/browser';

jest.setTimeout(40_000);

let browser: Browser;
let api: TestApi;
let token: string;
let first = '';

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startDemoApi();
  token = await api.moderatorToken('alice');
  first = await seedApproved(api, token, { name: 'Ada', body: 'The first comment' });
  await seedApproved(api, token, { name: 'Bob', body: 'A reply', parentId: first });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const likeOf = (page: Page, id: string) => page.locator(`#parley-c-${id} > .parley-tools [data-kind=like]`);
const countOf = async (id: string) =>
  (await api.request('GET', `/v1/comments?post=${encodeURIComponent(SLUG)}`)).json.comments.find(
    (c: { id: string }) => c.id === id,
  ).reactions.like as number;

/** Thread responses may sit in the HTTP cache for 5 s: a reload here must ask the API again. */
const noCache = async (page: Page) =>
  (await page.context().newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });

test('a reader reacts, reloads and still sees the count and the pressed button, then un-reacts', async () => {
  const { page, context } = await newReader(browser);
  await noCache(page);
  await page.goto(`${api.url}/posts/${SLUG}`);
  const like = likeOf(page, first);
  await expect(like.getAttribute('aria-pressed')).resolves.toBe('false');
  expect(await like.getAttribute('aria-label')).toBeNull();
  expect((await like.textContent())?.trim()).toMatch(/^👍Like$/);
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && /reactions\/like/.test(r.url()));
  await like.click();
  expect((await put).status()).toBe(200);
  await page.reload();
  await page.waitForSelector(`#parley-c-${first} [data-kind=like][aria-pressed=true]`);
  expect(await likeOf(page, first).locator('.parley-n').textContent()).toBe('1');
  expect(await countOf(first)).toBe(1);
  const del = page.waitForResponse((r) => r.request().method() === 'DELETE');
  await likeOf(page, first).click();
  expect((await del).status()).toBe(200);
  await page.reload();
  await page.waitForSelector(`#parley-c-${first} [data-kind=like][aria-pressed=false]`);
  expect(await likeOf(page, first).locator('.parley-n').textContent()).toBe('');
  expect(await countOf(first)).toBe(0);
  await context.close();
});

test('two readers reacting at the same moment, one of them double-clicking, leave an exact count', async () => {
  const target = await seedApproved(api, token, { name: 'Cy', body: 'React to me' });
  const readers = await Promise.all([newReader(browser), newReader(browser)]);
  await Promise.all(readers.map((r) => r.page.goto(`${api.url}/posts/${SLUG}`)));
  await Promise.all(readers.map((r) => likeOf(r.page, target).waitFor()));
  const answered = readers.map((r) =>
    r.page.waitForResponse((res) => res.request().method() === 'PUT' && res.url().includes(target)),
  );
  await Promise.all([likeOf(readers[0]!.page, target).click(), likeOf(readers[1]!.page, target).dblclick()]);
  await Promise.all(answered);
  await readers[1]!.page.waitForTimeout(300);
  expect(await countOf(target)).toBe(2);
  expect(await likeOf(readers[0]!.page, target).getAttribute('aria-pressed')).toBe('true');
  await Promise.all(readers.map((r) => r.context.close()));
});

test('without JavaScript, a page that includes the HTML view shows the thread and how to comment', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${api.url}/static/${SLUG}`);
  const article = page.locator(`#parley-c-${first}[itemtype="https://schema.org/Comment"]`);
  expect(await article.locator('[itemprop=text]').textContent()).toBe('The first comment');
  expect(await article.locator('[itemprop=name]').textContent()).toBe('Ada');
  expect(await page.locator('.parley-replies [itemprop=text]').first().textContent()).toBe('A reply');
  expect(await page.locator('.parley-nojs').textContent()).toContain('Commenting needs JavaScript.');
  expect(await page.locator('.parley-nojs a').getAttribute('href')).toBe(`${api.url}/posts/${SLUG}#parley`);
  await context.close();
});

test('the widget takes the HTML view over in place: one request, nothing rendered again, no layout shift', async () => {
  // The page as a static site built it a moment ago; a comment arrives after the build.
  const built = (await api.request('GET', `/static/${SLUG}`)).text;
  const later = await seedApproved(api, token, { name: 'Dee', body: 'Posted after the build' });
  const { page, requests, context } = await newReader(browser);
  await page.route(`${api.url}/static/${SLUG}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: built }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number; removed: number };
    w.shifts = 0;
    w.removed = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.shifts += (e as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver((records) => {
      for (const r of records)
        r.removedNodes.forEach((n) => (w.removed += n instanceof Element && n.matches('li, article') ? 1 : 0));
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${api.url}/static/${SLUG}`);
  await page.waitForSelector('.parley-compose form');
  await page.waitForSelector(`#parley-c-${later}`);
  await page.waitForTimeout(300);
  const { shifts, removed } = await page.evaluate(() => {
    const w = window as unknown as { shifts: number; removed: number };
    return { shifts: w.shifts, removed: w.removed };
  });
  expect(removed).toBe(0);
  expect(shifts).toBe(0);
  const calls = apiCalls(requests);
  expect(calls).toHaveLength(1);
  expect(new URL(calls[0]!).searchParams.get('sort')).toBe('newest');
  expect(await page.locator(`#parley-c-${first}`).count()).toBe(1);
  expect(await page.locator('.parley-nojs').count()).toBe(0);
  // The taken-over buttons work like the widget's own.
  const put = page.waitForResponse((r) => r.request().method() === 'PUT');
  await likeOf(page, first).click();
  expect((await put).status()).toBe(200);
  expect(await likeOf(page, first).getAttribute('aria-pressed')).toBe('true');
  await context.close();
});
