/**
 * The moderation page decides on the text the moderator saw: when the author edits a listed
 * comment into something else, Approve is refused and the page shows the new text instead of
 * publishing it. From a listed comment, the moderator can also block its reader.
 */
import type { Browser } from 'playwright-core';
import posts from '../../web/demo/posts.json';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, signInToConsole, startDemoApi, type Reader } from '../support/browser';

jest.setTimeout(30_000);

const SLUG = posts[5]!.slug;
let browser: Browser;
let api: TestApi;
let moderator: Reader;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startDemoApi({ BLOCKED_POSTS: 'refuse' });
  moderator = await newReader(browser, { width: 1100 });
}, 60_000);

afterAll(async () => {
  await moderator?.context.close();
  await browser?.close();
  await api?.close();
});

test('approving a comment its author edited after the queue loaded shows the new text and publishes nothing', async () => {
  const posted = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, author: { name: 'Sly' }, body: 'What a thoughtful article.', elapsedMs: 60_000 },
  });
  expect(posted.status).toBe(201);
  const { page } = moderator;
  await signInToConsole(page, api);
  const item = page.locator('li.item', { hasText: 'Sly' });
  await item.locator('pre', { hasText: 'What a thoughtful article.' }).waitFor();

  const edited = await api.request('PATCH', `/v1/comments/${posted.json.comment.id}`, {
    body: { body: 'Buy followers cheap at example dot com' },
    headers: { 'x-edit-token': posted.json.editToken },
  });
  expect(edited.status).toBe(200);

  await item.getByRole('button', { name: 'Approve' }).click();
  await page.locator('.msg', { hasText: 'changed since you loaded it' }).waitFor();
  expect(await page.locator('li.item', { hasText: 'Sly' }).locator('pre').textContent()).toBe(
    'Buy followers cheap at example dot com',
  );
  const thread = await api.request('GET', `/v1/comments?post=${encodeURIComponent(SLUG)}`);
  expect(thread.json.comments).toEqual([]);
});

test('a moderator blocks the client of a listed comment with a reason, and its next comment is refused', async () => {
  const { page } = moderator;
  const posted = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, author: { name: 'Flooder' }, body: 'First of many.', elapsedMs: 60_000 },
  });
  expect(posted.status).toBe(201);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const item = page.locator('li.item', { hasText: 'Flooder' });
  await item.getByText('Block this reader').click();
  // No email: only the client can be blocked.
  expect(await item.locator('.block-target option[value=author]').isDisabled()).toBe(true);
  await item.getByRole('button', { name: 'Block', exact: true }).click();
  await page.locator('.msg', { hasText: 'Give a reason' }).waitFor();
  await page.getByLabel('Reason (optional)').fill('Flooding the thread');
  await item.getByLabel('Days').fill('3');
  await item.getByRole('button', { name: 'Block', exact: true }).click();
  await page.locator('.msg', { hasText: 'Blocked the client of Flooder until' }).waitFor();

  const again = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, author: { name: 'Flooder' }, body: 'Second of many.', elapsedMs: 60_000 },
  });
  expect([again.status, again.json.error.code]).toEqual([403, 'forbidden']);
  const audit = await api.request('GET', '/v1/admin/audit?limit=1', {
    headers: { authorization: `Bearer ${await api.moderatorToken('alice')}` },
  });
  expect(audit.json.entries[0]).toMatchObject({ action: 'block-client', reason: 'Flooding the thread (3 days)' });
});
