/**
 * The moderation page decides on the text the moderator saw: when the author edits a listed
 * comment into something else, Approve is refused and the page shows the new text instead of
 * publishing it, still with the post's title and the comment it answers. From a listed comment, the moderator can also block its reader.
 */
import type { Browser } from 'playwright-core';
import posts from '../../web/demo/posts.json';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, seedApproved, signInToConsole, startDemoApi, type Reader } from '../support/browser';

jest.setTimeout(30_000);

const SLUG = posts[5]!.slug;
const TITLE = posts[5]!.title;
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

test('a reply edited after the queue loaded keeps its post title and parent after the refusal, then is approved', async () => {
  const token = await api.moderatorToken('alice');
  const meta = await api.request('PUT', `/v1/admin/posts/meta?post=${encodeURIComponent(SLUG)}`, {
    headers: { authorization: `Bearer ${token}` },
    body: { title: TITLE, url: null },
  });
  expect(meta.status).toBe(200);
  const parentId = await seedApproved(api, token, {
    post: SLUG,
    name: 'Pia',
    body: 'Tabs are better than spaces for indentation.',
  });
  const reply = await api.request('POST', '/v1/comments', {
    body: { post: SLUG, parentId, author: { name: 'Quill' }, body: 'Spaces, always.', elapsedMs: 60_000 },
  });
  expect(reply.status).toBe(201);
  const { page } = moderator;
  await page.getByRole('button', { name: 'Refresh' }).click();
  const item = page.locator('li.item', { hasText: 'Quill' });
  await item.locator('pre', { hasText: 'Spaces, always.' }).waitFor();
  /** What the item says of its post and of the comment it answers. */
  const context = async () => ({
    link: await item.getByRole('link', { name: SLUG, exact: true }).getAttribute('href'),
    post: await item.locator('dt:text-is("Post") + dd').textContent(),
    parent: await item.locator('dt:text-is("Reply to") + dd').textContent(),
  });
  const listed = await context();
  expect(listed).toEqual({
    link: expect.stringContaining(SLUG),
    post: TITLE,
    parent: 'Pia: Tabs are better than spaces for indentation.',
  });

  const edited = await api.request('PATCH', `/v1/comments/${reply.json.comment.id}`, {
    body: { body: 'Spaces, and I will not hear otherwise.' },
    headers: { 'x-edit-token': reply.json.editToken },
  });
  expect(edited.status).toBe(200);
  await item.getByRole('button', { name: 'Approve' }).click();
  await page.locator('.msg', { hasText: 'The comment by Quill changed since you loaded it' }).waitFor();
  await item.locator('pre', { hasText: 'Spaces, and I will not hear otherwise.' }).waitFor();
  expect(await item.evaluate((li) => li.classList.contains('changed'))).toBe(true);
  expect(await context()).toEqual(listed);

  await item.getByRole('button', { name: 'Approve' }).click();
  await page.locator('.msg', { hasText: 'Approved the comment by Quill.' }).waitFor();
  const thread = await api.request('GET', `/v1/comments?post=${encodeURIComponent(SLUG)}`);
  const parent = thread.json.comments.find((c: { id: string }) => c.id === parentId);
  expect(parent.replies).toEqual([
    expect.objectContaining({ id: reply.json.comment.id, html: expect.stringContaining('I will not hear otherwise') }),
  ]);
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
