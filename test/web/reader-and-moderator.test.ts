/**
 * The whole story in a real browser against the real local stack: a reader comments, a
 * moderator approves on /admin, other readers see it, replies nest, the author edits, the
 * index counts follow. The tests run in order and share the story's state.
 */
import type { Browser } from 'playwright-core';
import type { TestApi } from '../support/local-api';
import {
  apiCalls,
  launchBrowser,
  newReader,
  screenshot,
  SLUG,
  startDemoApi,
  type Reader,
  signInToConsole,
} from '../support/browser';

jest.setTimeout(30_000);

const POST = `/posts/${SLUG}`;
let browser: Browser;
let api: TestApi;
let token: string;
let author: Reader;
let moderator: Reader;
let commentId = '';

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting anything
  api = await startDemoApi();
  token = await api.moderatorToken('alice');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const article = (id: string) => `#parley-c-${id}`;

test('the index lists the 24 posts newest first, counted "0 comments" with one counts request', async () => {
  const { page, requests } = await newReader(browser);
  await page.goto(`${api.url}/`);
  const count = page.locator(`[data-parley-count="${SLUG}"]`);
  await page.waitForFunction(() =>
    document.querySelectorAll('[data-parley-count]')[0]?.textContent?.endsWith('comments'),
  );
  expect(await page.locator('.posts > li').count()).toBe(24);
  expect(await page.locator('.posts h2').first().textContent()).toBe('Cloud Blog on Wired site: Time To Value');
  expect(await count.textContent()).toBe('0 comments');
  expect(apiCalls(requests)).toHaveLength(1);
  expect(apiCalls(requests)[0]).toContain('/v1/counts?post=');
  await page.context().close();
});

test('a reader posts a comment and sees it awaiting moderation, also after reloading', async () => {
  author = await newReader(browser);
  const { page } = author;
  await page.goto(api.url + POST);
  await page.getByLabel('Name', { exact: true }).fill('Terri Reader');
  await page.getByLabel('Email (optional)').fill('terri@example.org');
  await page.getByLabel('Website (optional)').fill('https://terri.example.org');
  await page.getByLabel('Comment', { exact: true }).fill('Great point about *time to value*.');
  await page.getByRole('button', { name: 'Post comment' }).click();

  const mine = page.locator('.parley-pending', { hasText: 'Great point about' });
  await mine.waitFor();
  commentId = (await mine.getAttribute('data-id')) ?? '';
  expect(await mine.textContent()).toContain('Awaiting moderation');
  expect(await mine.locator('em').textContent()).toBe('time to value');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`parley-c-${commentId}`);
  expect(await page.locator('.parley-status').textContent()).toBe('Thanks! Your comment is awaiting moderation.');

  await page.reload();
  await page.locator(article(commentId)).waitFor();
  expect(await page.locator(article(commentId)).textContent()).toContain('Awaiting moderation');
  expect(await page.locator('.parley-title').textContent()).toBe('0 comments');
});

test('a moderator signs in on the provider page, sees everything needed to decide, and approves the comment', async () => {
  moderator = await newReader(browser, { width: 1100 });
  const { page } = moderator;
  await signInToConsole(page, api);
  const item = page.locator('li.item', { hasText: 'Terri Reader' });
  await item.waitFor();
  expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(false);
  const text = (await item.textContent()) ?? '';
  for (const expected of [
    SLUG,
    'terri@example.org',
    'https://terri.example.org',
    'Great point about *time to value*.',
    'pending',
    'HeadlessChrome',
  ])
    expect(text).toContain(expected);
  expect(await item.locator('.preview em').textContent()).toBe('time to value');
  expect(await item.locator('dt:text-is("IP hash") + dd').textContent()).toMatch(/^[\w-]{16,}$/);
  expect(await item.locator('dt:text-is("Spam score") + dd').textContent()).toMatch(/^\d\.\d\d/);

  await page.reload(); // the session survives in sessionStorage
  await item.waitFor();
  await screenshot(page, 'moderation-page.png');
  await item.getByRole('button', { name: 'Approve' }).click();
  await item.waitFor({ state: 'detached' });
  expect(await page.locator('.msg').textContent()).toBe('Approved the comment by Terri Reader.');
  expect((await api.request('GET', `/v1/comments?post=${SLUG}`)).json.total).toBe(1);
});

test('a fresh reader sees the approved comment with identicon, safe author link and exact time on hover', async () => {
  const { page } = await newReader(browser);
  await page.goto(api.url + POST);
  const c = page.locator(article(commentId));
  await c.waitFor();
  expect(await c.getAttribute('class')).not.toContain('parley-pending');
  expect(await c.locator('.parley-body em').textContent()).toBe('time to value');
  expect(await page.locator('.parley-title').textContent()).toBe('1 comment');
  expect(await c.locator('svg.parley-avatar rect').count()).toBeGreaterThan(0);
  const link = c.locator('a.parley-name');
  expect([await link.textContent(), await link.getAttribute('href'), await link.getAttribute('rel')]).toEqual([
    'Terri Reader',
    'https://terri.example.org/',
    'nofollow ugc noopener',
  ]);
  const time = c.locator('time');
  expect(new Date((await time.getAttribute('datetime')) ?? '').getTime()).toBeGreaterThan(Date.now() - 120_000);
  expect(await time.getAttribute('title')).toMatch(/\d{4}/);
  expect(await time.textContent()).toMatch(/just now|minute/);
  await page.context().close();
});

test('a reply nests under the comment and, once approved in bulk, shows nested to every reader', async () => {
  const replier = await newReader(browser);
  await replier.page.goto(api.url + POST);
  await replier.page.locator(article(commentId)).getByRole('button', { name: 'Reply' }).click();
  expect(await replier.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
  const form = replier.page.getByRole('form', { name: 'Reply to Terri Reader' });
  await form.getByLabel('Name', { exact: true }).fill('Bob');
  await form.getByLabel('Comment', { exact: true }).fill('I agree, **six months** is typical.');
  await form.getByRole('button', { name: 'Post reply' }).click();
  const nested = `li:has(> ${article(commentId)}) > ol.parley-replies > li > article`;
  await replier.page.locator(`${nested}.parley-pending`, { hasText: 'six months' }).waitFor();

  const { page } = moderator;
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('li.item', { hasText: 'Bob' }).getByRole('checkbox').check();
  // The queue names the comment the reply answers, and how it starts.
  expect(await page.locator('li.item', { hasText: 'Bob' }).locator('.parent strong').textContent()).toBe(
    'Terri Reader',
  );
  await page.getByLabel('With selected').selectOption('approve');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await page.locator('.msg', { hasText: 'Approved 1 comment(s).' }).waitFor();

  const third = await newReader(browser);
  await third.page.goto(api.url + POST);
  await third.page.locator(nested, { hasText: 'six months' }).waitFor();
  expect(await third.page.locator(`${nested} strong`).textContent()).toBe('six months');
  expect(await third.page.locator('.parley-title').textContent()).toBe('2 comments');
  await screenshot(third.page, 'post-page.png');
  await third.context.close();
  await replier.context.close();
});

test('the author edits the comment within the edit window and the edit shows', async () => {
  const { page } = author;
  await page.reload();
  const c = page.locator(article(commentId));
  await c.getByRole('button', { name: 'Edit' }).click();
  const box = c.getByLabel('Edit your comment');
  expect(await box.inputValue()).toBe('Great point about *time to value*.');
  await box.fill('Great point about *time to value*, and about lead times.');
  await c.getByRole('button', { name: 'Save' }).click();
  const edited = page.locator(article(commentId), { hasText: 'and about lead times' });
  await edited.waitFor();
  // Under the default `pre` policy an edit is moderated again.
  expect(await edited.textContent()).toContain('Awaiting moderation');
  expect(await page.locator('.parley-status').textContent()).toBe('Your edit was saved and is awaiting moderation.');

  const ok = await api.request('POST', `/v1/admin/comments/${commentId}/approve`, {
    headers: { authorization: `Bearer ${token}` },
    body: {},
  });
  expect(ok.status).toBe(200);
  const fresh = await newReader(browser);
  await fresh.page.goto(api.url + POST);
  const seen = fresh.page.locator(article(commentId), { hasText: 'and about lead times' });
  await seen.waitFor();
  expect(await seen.locator('.parley-edited').textContent()).toBe('(edited)');
  await fresh.context.close();
});

test('the index page counts follow moderation: "2 comments" for the post, "0 comments" elsewhere', async () => {
  const { page } = await newReader(browser);
  await page.goto(`${api.url}/`);
  await page.locator(`[data-parley-count="${SLUG}"]`, { hasText: '2 comments' }).waitFor();
  expect(await page.locator('[data-parley-count]').nth(1).textContent()).toBe('0 comments');
  await page.context().close();
});

test('a moderator marks a comment as spam, finds it under "spam" and erases it for good', async () => {
  const posted = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, author: { name: 'Spammy Sam' }, body: 'Cheap watches here', elapsedMs: 60_000 },
  });
  const id = posted.json.comment.id as string;
  const { page } = moderator;
  await page.getByLabel('Status').selectOption('pending');
  const item = page.locator('li.item', { hasText: 'Spammy Sam' });
  await item.getByRole('button', { name: 'Spam' }).click();
  await item.waitFor({ state: 'detached' });
  await page.getByLabel('Status').selectOption('spam');
  await item.getByRole('button', { name: 'Erase' }).click();
  await item.getByRole('button', { name: 'Confirm erase' }).click();
  await item.waitFor({ state: 'detached' });
  expect(await page.locator('.msg').textContent()).toBe('Erased the comment by Spammy Sam.');
  const gone = await api.request('POST', `/v1/admin/comments/${id}/approve`, {
    headers: { authorization: `Bearer ${token}` },
    body: {},
  });
  expect(gone.status).toBe(404);
  await moderator.context.close();
  await author.context.close();
});
