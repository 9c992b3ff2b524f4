/**
 * The widget's promises to readers, in a real browser against the real local stack: safe
 * rendering of hostile input, one API request for the first render and nothing off-host,
 * keyboard-only posting, retries that never double a comment, errors at the right field,
 * pagination and sorting, a 320 px layout, and the author's delete.
 */
import type { Browser } from 'playwright-core';
import { ApiError, errorText } from '../../web/src/api';
import type { TestApi } from '../support/local-api';
import {
  apiCalls,
  launchBrowser,
  newReader,
  screenshot,
  seedApproved,
  startDemoApi,
  signInToConsole,
} from '../support/browser';
import posts from '../../web/demo/posts.json';

jest.setTimeout(30_000);

const [, busy, xss, keyboard, retry, invalid, locked] = posts.map((p) => p.slug) as string[];
let browser: Browser;
let api: TestApi;
let token: string;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting anything
  api = await startDemoApi();
  token = await api.moderatorToken('alice');
  for (let i = 1; i <= 22; i++)
    await seedApproved(api, token, { post: busy, name: 'Seeder', body: `Seed comment ${i}` });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const url = (slug: string | undefined) => `${api.url}/posts/${slug}`;

test('every error code of docs/api.md, and a network failure, has its own readable message', () => {
  const codes = [
    'validation_failed',
    'invalid_json',
    'invalid_cursor',
    'unauthorized',
    'forbidden',
    'edit_window_closed',
    'thread_locked',
    'not_found',
    'post_not_found',
    'idempotency_conflict',
    'conflict',
    'payload_too_large',
    'unsupported_media_type',
    'rate_limited',
    'unavailable',
    'network',
  ];
  const generic = errorText(new ApiError('something_new', 500, ''), 'post');
  for (const code of codes) expect(errorText(new ApiError(code, 400, '<b>echo</b>'), 'post')).not.toBe(generic);
  expect(errorText(new ApiError('rate_limited', 429, '', {}, 30), 'post')).toContain('wait 30 seconds');
  expect(errorText(new ApiError('unavailable', 503, '', {}, 5), 'post')).toContain('5 seconds');
});

test('first render makes exactly one API request and no page makes a request off 127.0.0.1', async () => {
  const { page, requests, context } = await newReader(browser);
  await page.goto(url(busy));
  await page.locator('.parley-c').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(apiCalls(requests)).toEqual([`${api.url}/v1/comments?post=${encodeURIComponent(busy!)}&sort=oldest`]);
  const firstRender = () =>
    page.evaluate(() => [
      performance.getEntriesByName('parley:first-render')[0]?.duration ?? NaN,
      performance.getEntriesByName('parley:rendered')[0]?.startTime ?? NaN,
      performance.getEntriesByType('resource').find((e) => e.name.includes('/v1/comments'))?.duration ?? NaN,
    ]);
  const [cold, coldNav, coldApi] = await firstRender();
  expect(cold).toBeGreaterThan(0);
  await page.reload();
  await page.locator('.parley-c').first().waitFor();
  const [warm, warmNav, warmApi] = await firstRender();
  console.log(
    `widget script start -> first comment rendered: ${cold!.toFixed(0)} ms on a cold handler (API request ${coldApi!.toFixed(0)} ms; ` +
      `${coldNav!.toFixed(0)} ms after navigation), ${warm!.toFixed(0)} ms warm (API request ${warmApi!.toFixed(0)} ms; ${warmNav!.toFixed(0)} ms after navigation)`,
  );
  for (const path of ['/', '/admin']) await page.goto(api.url + path, { waitUntil: 'networkidle' });
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((u) => !u.startsWith(`${api.url}/`))).toEqual([]);
  await context.close();
});

test('count.js fills every counter on a page with one counts request per 100 posts', async () => {
  const { page, requests, context } = await newReader(browser);
  const ids = [busy!, ...Array.from({ length: 149 }, (_, i) => `unknown-post-${i}`)];
  const html = `<!doctype html><title>index</title>${ids.map((id) => `<span data-parley-count="${id}">?</span>`).join('')}<script src="/dist/count.js" data-api=""></script>`;
  await page.route(`${api.url}/many-posts`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${api.url}/many-posts`, { waitUntil: 'networkidle' });
  const calls = apiCalls(requests);
  expect(calls.map((u) => new URL(u).searchParams.getAll('post').length)).toEqual([100, 50]);
  expect(await page.locator(`[data-parley-count="${busy}"]`).textContent()).toBe('22 comments');
  expect(await page.locator('[data-parley-count="unknown-post-148"]').textContent()).toBe('0 comments');
  await context.close();
});

test('the demo site serves hashed widget files as immutable and the stable names short-cached', async () => {
  const manifest = (await api.request('GET', '/dist/manifest.json')).json as Record<string, string>;
  const hashed = await api.request('GET', `/dist/${manifest['embed.js']}`);
  const stable = await api.request('GET', '/dist/embed.js');
  expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(stable.headers['cache-control']).toBe('public, max-age=300');
  expect(stable.text).toBe(hashed.text);
  expect(hashed.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect((await api.request('GET', '/dist/../package.json')).status).toBe(404);
});

test('"load more" fetches the next page and the sort switch shows the newest first', async () => {
  const { page, context } = await newReader(browser);
  await page.goto(url(busy));
  const top = page.locator('.parley-list > li > article');
  await top.first().waitFor();
  expect(await top.count()).toBe(20);
  await page.getByRole('button', { name: 'Load more comments' }).click();
  await top.nth(21).waitFor();
  expect(await top.count()).toBe(22);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Seed comment 21');
  expect(await page.getByRole('button', { name: 'Load more comments' }).isVisible()).toBe(false);
  await page.getByLabel('Sort').selectOption('newest');
  await top.first().filter({ hasText: 'Seed comment 22' }).waitFor();
  expect(await page.locator('.parley-title').textContent()).toBe('22 comments');
  await context.close();
});

test('at 320 px wide the thread and the form fit without horizontal scrolling', async () => {
  const { page, context } = await newReader(browser, { width: 320 });
  await page.goto(url(busy));
  await page.locator('.parley-c').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const box = await page.getByLabel('Comment', { exact: true }).boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  await screenshot(page, 'post-page-320px.png');
  await context.close();
});

test('a comment whose body, name and website are XSS attempts renders as text and fires no dialog', async () => {
  const name = '<img src=x onerror=alert("name")>';
  const author = await newReader(browser);
  await author.page.goto(url(xss));
  await author.page.getByLabel('Name', { exact: true }).fill(name);
  await author.page.getByLabel('Website (optional)').fill('https://example.org/"><svg onload=alert("site")>');
  await author.page
    .getByLabel('Comment', { exact: true })
    .fill(
      '<script>alert("body")</script>\n\n<img src=x onerror=alert("img")> [click](javascript:alert("link")) **bold**',
    );
  await author.page.getByRole('button', { name: 'Post comment' }).click();
  const pending = author.page.locator('.parley-pending');
  await pending.waitFor();
  const id = (await pending.getAttribute('data-id'))!;
  expect(await pending.locator('.parley-name').textContent()).toBe(name);
  const ok = await api.request('POST', `/v1/admin/comments/${id}/approve`, {
    headers: { authorization: `Bearer ${token}` },
    body: {},
  });
  expect(ok.status).toBe(200);

  const reader = await newReader(browser);
  await reader.page.goto(url(xss));
  const c = reader.page.locator(`#parley-c-${id}`);
  await c.locator('.parley-body strong').waitFor();
  await reader.page.waitForLoadState('networkidle');
  expect(await c.locator('.parley-name').textContent()).toBe(name);
  expect(await c.locator('.parley-name').getAttribute('href')).toMatch(/^https:\/\/example\.org\//);
  expect(
    await reader.page
      .locator('#parley script, #parley img, #parley [onerror], #parley [onload], #parley a[href^="javascript"]')
      .count(),
  ).toBe(0);
  expect(await c.locator('.parley-body').textContent()).toContain('alert("img")');

  const moderator = await newReader(browser);
  await signInToConsole(moderator.page, api);
  await moderator.page.getByLabel('Status').selectOption('approved');
  await moderator.page.locator('li.item strong', { hasText: name }).first().waitFor();
  await moderator.page.waitForLoadState('networkidle');
  expect([...author.dialogs, ...reader.dialogs, ...moderator.dialogs]).toEqual([]);
  await Promise.all([author.context.close(), reader.context.close(), moderator.context.close()]);
});

test('server validation errors are shown at the matching input, which gets focus', async () => {
  const { page, context } = await newReader(browser);
  await page.goto(url(invalid));
  await page.getByLabel('Name', { exact: true }).fill('Mallory');
  const website = page.getByLabel('Website (optional)');
  await website.fill('javascript:alert(1)');
  await page.getByLabel('Comment', { exact: true }).fill('Hello');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('.parley-error', { hasText: 'Please correct the highlighted fields.' }).waitFor();
  expect(await website.getAttribute('aria-invalid')).toBe('true');
  const errorId = (await website.getAttribute('aria-describedby'))!.split(' ').pop()!;
  expect(await page.locator(`#${errorId}`).textContent()).toMatch(/http/);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('website');
  await website.fill('https://mallory.example');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('.parley-pending', { hasText: 'Hello' }).waitFor();
  expect(await website.getAttribute('aria-invalid')).toBeNull();
  await context.close();
});

test('a locked thread shows its comments without reply buttons and says comments are closed instead of a form', async () => {
  await seedApproved(api, token, { post: locked, name: 'Early Bird', body: 'Before the lock.' });
  const lock = await api.request('PUT', `/v1/admin/posts/lock?post=${encodeURIComponent(locked!)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(lock.status).toBe(200);
  const { page, context } = await newReader(browser);
  await page.goto(url(locked));
  await page.locator('.parley-closed', { hasText: 'Comments are closed.' }).waitFor();
  expect(await page.locator('.parley-c', { hasText: 'Before the lock.' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Reply' }).count()).toBe(0);
  expect(await page.locator('.parley-form').count()).toBe(0);
  await context.close();
});

test('keyboard only: Tab reaches the form past the hidden honeypot, Enter posts, focus moves to the new comment', async () => {
  const { page, context } = await newReader(browser);
  await page.goto(url(keyboard));
  await page.locator('.parley-title', { hasText: '0 comments' }).waitFor();
  const focused = () =>
    page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? '');
  const visited: string[] = [];
  for (let i = 0; i < 20 && visited.at(-1) !== 'name'; i++) {
    await page.keyboard.press('Tab');
    visited.push(await focused());
  }
  expect(visited.at(-1)).toBe('name');
  expect(visited).not.toContain('hp');
  await page.keyboard.type('Kim Keys');
  for (const expected of ['email', 'website', 'body']) {
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(expected);
  }
  await page.keyboard.type('Typed without a mouse.');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Post comment');
  await page.keyboard.press('Enter');
  await page.locator('.parley-status', { hasText: 'awaiting moderation' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Typed without a mouse.');
  await context.close();
});

test('a submission retried after a lost response creates one comment, not two; its author can then delete it', async () => {
  const { page, context } = await newReader(browser);
  const sent: { key?: string; body: string | null }[] = [];
  await page.route(
    (u) => u.pathname === '/v1/comments',
    async (route) => {
      const req = route.request();
      if (req.method() !== 'POST') return route.continue();
      sent.push({ key: req.headers()['idempotency-key'], body: req.postData() });
      if (sent.length > 1) return route.continue();
      await route.fetch(); // the server stores the comment, then the answer is lost on the way back
      return route.abort('connectionreset');
    },
  );
  await page.goto(url(retry));
  await page.getByLabel('Name', { exact: true }).fill('Rita Retry');
  await page.getByLabel('Comment', { exact: true }).fill('Sent once, answered twice.');
  await page.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('.parley-error', { hasText: 'Could not reach the comment server' }).waitFor();
  await page.getByRole('button', { name: 'Post comment' }).click();
  const mine = page.locator('.parley-pending', { hasText: 'Sent once' });
  await mine.waitFor();
  expect(sent).toHaveLength(2);
  expect(sent[0]!.key).toMatch(/^[0-9a-f]{32}$/);
  expect(sent[1]).toEqual(sent[0]);
  expect(JSON.parse(sent[0]!.body!).elapsedMs).toBeGreaterThan(0);
  const queue = await api.request('GET', `/v1/admin/comments?status=pending&post=${encodeURIComponent(retry!)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(queue.json.comments).toHaveLength(1);

  await mine.getByRole('button', { name: 'Delete' }).click();
  await mine.getByRole('button', { name: 'Confirm delete' }).click();
  await page.locator('.parley-status', { hasText: 'Your comment was deleted.' }).waitFor();
  expect(await page.locator('.parley-pending').count()).toBe(0);
  const after = await api.request('GET', `/v1/admin/comments?status=pending&post=${encodeURIComponent(retry!)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(after.json.comments).toHaveLength(0);
  await context.close();
});

test("the widget sends its page's form token, and keeps the author credential it is given to send it back", async () => {
  const { page, context } = await newReader(browser);
  const isPost = (r: { method(): string; url(): string }) =>
    r.method() === 'POST' && new URL(r.url()).pathname === '/v1/comments';
  const sent: { credential: string | undefined; formToken: unknown }[] = [];
  const issued: Promise<string | null>[] = [];
  page.on('request', (req) => {
    if (isPost(req))
      sent.push({ credential: req.headers()['x-author-credential'], formToken: JSON.parse(req.postData()!).formToken });
  });
  page.on('response', (res) => {
    if (isPost(res.request()))
      issued.push(res.json().then((b: { authorCredential: string | null }) => b.authorCredential));
  });
  await page.goto(url(keyboard));
  for (const text of ['Cara writes once, with an email.', 'Cara writes again, same browser.']) {
    await page.getByLabel('Name', { exact: true }).fill('Cara Credential');
    await page.getByLabel('Email (optional)', { exact: true }).fill('cara@example.org');
    await page.getByLabel('Comment', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.locator('.parley-pending', { hasText: text }).waitFor();
  }
  const credentials = await Promise.all(issued);
  expect(credentials[0]).toEqual(expect.any(String));
  expect(sent.map((s) => s.credential)).toEqual([undefined, credentials[0]]);
  expect(sent.every((s) => typeof s.formToken === 'string')).toBe(true);
  await context.close();
});
