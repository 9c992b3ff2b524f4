/**
 * The moderation page's tools in a real browser against the real local stack: a moderator locks
 * a thread and a reader's comment is refused with the widget's "closed" message, unlocking
 * reopens it; a reason travels with an approval; bulk actions over more than 100 comments go out
 * in chunks of 100 and list what was not changed; the audit log shows it all with the
 * moderator's name, newest first, page by page. The tests run in order and share state.
 */
import type { Browser } from 'playwright-core';
import posts from '../../web/demo/posts.json';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, screenshot, startDemoApi, type Reader, signInToConsole } from '../support/browser';

jest.setTimeout(30_000);

const [, , , , , , , LOCKED, BULK] = posts.map((p) => p.slug) as string[];
let browser: Browser;
let api: TestApi;
let token: string;
let moderator: Reader;
let readerCommentId = '';
/** Console errors of the moderation page (a CSP violation would show here). */
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting anything
  api = await startDemoApi();
  token = await api.moderatorToken('alice');
  moderator = await newReader(browser, { width: 1100 });
  const { page } = moderator;
  page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(m.text())));
  page.on('pageerror', (e) => void pageErrors.push(e.message));
  await signInToConsole(page, api);
  await page.locator('.msg', { hasText: 'No pending comments.' }).waitFor();
}, 60_000);

afterAll(async () => {
  await moderator?.context.close();
  await browser?.close();
  await api?.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });
const post = (slug: string, name: string, body: string) =>
  api.request('POST', '/v1/comments', { body: { post: slug, author: { name }, body, elapsedMs: 60_000 } });

test('a moderator locks a thread on /admin, a reader is told comments are closed, unlocking reopens it', async () => {
  const reader = await newReader(browser);
  await reader.page.goto(`${api.url}/posts/${LOCKED}`);
  await reader.page.getByLabel('Name', { exact: true }).fill('Lena Late');
  await reader.page.getByLabel('Comment', { exact: true }).fill('Am I too late to say something?');

  // The thread's post id follows the queue's post filter.
  const { page } = moderator;
  await page.getByLabel('Post', { exact: true }).fill(LOCKED!);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const threadPost = page.getByLabel('Post id', { exact: true });
  expect(await threadPost.inputValue()).toBe(LOCKED);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const state = page.locator('.thread [role=status]');
  await state.filter({ hasText: 'is locked' }).waitFor();
  expect(await state.textContent()).toBe(`Thread ${LOCKED} is locked: readers cannot comment.`);
  expect(await state.locator('a').getAttribute('href')).toBe(`/posts/${LOCKED}`);

  // The reader's page still shows the form it loaded before the lock; sending is refused.
  await reader.page.getByRole('button', { name: 'Post comment' }).click();
  await reader.page.locator('.parley-closed', { hasText: 'Comments are closed.' }).waitFor();
  expect(await reader.page.locator('.parley-compose form:not(.parley-manage-form)').count()).toBe(0);
  const refused = await post(LOCKED!, 'Direct', 'Straight to the API.');
  expect([refused.status, refused.json.error.code]).toEqual([403, 'thread_locked']);

  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await state.filter({ hasText: 'is unlocked' }).waitFor();
  expect(await state.textContent()).toBe(`Thread ${LOCKED} is unlocked: readers can comment.`);

  await reader.page.reload();
  await reader.page.getByLabel('Name', { exact: true }).fill('Lena Late');
  await reader.page.getByLabel('Comment', { exact: true }).fill('Am I too late to say something?');
  await reader.page.getByRole('button', { name: 'Post comment' }).click();
  const mine = reader.page.locator('.parley-pending', { hasText: 'too late' });
  await mine.waitFor();
  readerCommentId = (await mine.getAttribute('data-id')) ?? '';
  expect(readerCommentId).not.toBe('');
  await reader.context.close();
});

test('an approval carries the optional reason, which is then cleared', async () => {
  const { page } = moderator;
  await page.getByRole('button', { name: 'Refresh' }).click();
  const item = page.locator('li.item', { hasText: 'Lena Late' });
  await page.getByLabel('Reason (optional)').fill('Welcome back, Lena');
  await item.getByRole('button', { name: 'Approve' }).click();
  await item.waitFor({ state: 'detached' });
  expect(await page.locator('.msg').textContent()).toBe('Approved the comment by Lena Late.');
  expect(await page.getByLabel('Reason (optional)').inputValue()).toBe('');
  const approved = await api.request('GET', `/v1/admin/comments?status=approved&post=${encodeURIComponent(LOCKED!)}`, {
    headers: auth(),
  });
  expect(approved.json.comments[0].moderation).toEqual([
    expect.objectContaining({ action: 'approve', by: 'alice@example.org', reason: 'Welcome back, Lena' }),
  ]);
});

test('the audit log lists the approval, the unlock and the lock with the moderator name, newest first', async () => {
  const { page } = moderator;
  await page.getByRole('button', { name: 'Show audit log' }).click();
  const rows = page.locator('table.audit tbody tr');
  await rows.first().waitFor();
  const cells = async (i: number) => rows.nth(i).locator('td').allTextContents();
  expect(await rows.count()).toBe(3);
  expect((await cells(0)).slice(1)).toEqual([
    'Approved',
    'alice@example.org',
    LOCKED,
    readerCommentId,
    'Welcome back, Lena',
  ]);
  expect((await cells(1)).slice(1)).toEqual(['Unlocked thread', 'alice@example.org', LOCKED, '—', '—']);
  expect((await cells(2)).slice(1)).toEqual(['Locked thread', 'alice@example.org', LOCKED, '—', '—']);
  expect(await rows.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(await page.getByRole('button', { name: 'Load older entries' }).isVisible()).toBe(false);
  expect(await page.locator('#audit-title').textContent()).toBe('Audit log (3)');
});

test('bulk actions over 107 comments go out as two requests of at most 100 and list what was not changed', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 106; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, 106 - i) }, (_, j) =>
        post(BULK!, `Bulk ${String(i + j).padStart(3, '0')}`, `Bulk comment number ${i + j}.`),
      ),
    );
    for (const r of batch) {
      expect(r.status).toBe(201);
      ids.push(r.json.comment.id);
    }
  }
  const created = await post(BULK!, 'Author Deletes', 'This one goes away.');
  const { page, requests } = moderator;
  await page.getByLabel('Post', { exact: true }).fill(BULK!);
  await page.getByRole('button', { name: 'Refresh' }).click();
  // The thread panel now names the bulk post, and no longer shows the other post's state.
  expect(await page.getByLabel('Post id', { exact: true }).inputValue()).toBe(BULK);
  expect(await page.locator('.thread [role=status]').textContent()).toBe('');
  const more = page.getByRole('button', { name: 'Load more' });
  for (const shown of [50, 100]) {
    await page
      .locator('li.item')
      .nth(shown - 1)
      .waitFor();
    await more.click();
  }
  await page.locator('li.item').nth(106).waitFor();
  await more.waitFor({ state: 'hidden' });
  await page.getByLabel('Select all').check();
  expect(await page.locator('.pick:checked').count()).toBe(107);

  // Meanwhile its author deletes one comment (conflict) and another moderator erases one (not found).
  const erasedId = ids[42]!;
  const selfDeleted = await api.request('DELETE', `/v1/comments/${created.json.comment.id}`, {
    headers: { 'x-edit-token': created.json.editToken },
  });
  expect(selfDeleted.status).toBe(204);
  expect((await api.request('DELETE', `/v1/admin/comments/${erasedId}`, { headers: auth() })).status).toBe(204);

  const before = requests.length;
  await page.getByLabel('Reason (optional)').fill('Bulk clean-up');
  await page.getByLabel('With selected').selectOption('approve');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await page.locator('.msg', { hasText: 'Approved 105 of 107' }).waitFor({ timeout: 15_000 });
  expect(await page.locator('.msg').textContent()).toBe(
    'Approved 105 of 107 comment(s); 1 not found, 1 in conflict (listed under "Not changed").',
  );
  expect(requests.slice(before).filter((u) => u.endsWith('/v1/admin/moderation'))).toHaveLength(2);
  const report = page.locator('.report');
  expect(await report.locator('h3').textContent()).toBe('Not changed (2)');
  expect(await report.locator(`li[data-id="${erasedId}"]`).textContent()).toBe(
    `Bulk 042 (${erasedId}): no longer exists (erased)`,
  );
  expect(await report.locator(`li[data-id="${created.json.comment.id}"]`).textContent()).toContain('Author Deletes');
  expect(await report.locator(`li[data-id="${created.json.comment.id}"]`).textContent()).toContain(
    'its author deleted it',
  );
  expect((await api.request('GET', `/v1/counts?post=${encodeURIComponent(BULK!)}`)).json.counts[BULK!]).toBe(105);
  const one = await api.request('GET', `/v1/admin/comments?status=approved&post=${encodeURIComponent(BULK!)}&limit=1`, {
    headers: auth(),
  });
  expect(one.json.comments[0].moderation.at(-1)).toMatchObject({ by: 'alice@example.org', reason: 'Bulk clean-up' });

  await screenshot(page, 'moderation-tools.png');

  // 109 audit entries now (lock, unlock, 1 + 105 approvals, 1 erase): the log pages 50 at a time, newest first, and keyboard focus follows.
  await page.getByRole('button', { name: 'Reload audit log' }).click();
  const rows = page.locator('table.audit tbody tr');
  await page.locator('#audit-title', { hasText: 'Audit log (50+)' }).waitFor();
  expect(await rows.first().locator('td').nth(2).textContent()).toBe('alice@example.org');
  await page.getByRole('button', { name: 'Load older entries' }).click();
  await page.locator('#audit-title', { hasText: 'Audit log (100+)' }).waitFor();
  expect(
    await page.evaluate(() => document.activeElement === document.querySelectorAll('table.audit tbody tr')[50]),
  ).toBe(true);
  await page.getByRole('button', { name: 'Load older entries' }).click();
  await page.locator('#audit-title', { hasText: 'Audit log (109)' }).waitFor();
  const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
  expect(actions.slice(-3)).toEqual(['approve', 'unlock', 'lock']);
  expect(actions.filter((a) => a === 'erase')).toHaveLength(1);
  expect(pageErrors).toEqual([]);
}, 60_000);
