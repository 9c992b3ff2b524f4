/**
 * The widget's reply notifications and "Manage my comments", in a real browser against the
 * local stack: the opt-in box needs an address, a checked box asks for notifications, and the
 * manage form asks for a link and answers with the same sentence for any address.
 */
import type { Browser } from 'playwright-core';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, startDemoApi } from '../support/browser';
import posts from '../../web/demo/posts.json';

jest.setTimeout(30_000);

let browser: Browser;
let api: TestApi;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without Chromium, fail before starting anything
  api = await startDemoApi();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const url = (i: number) => `${api.url}/posts/${posts[i]!.slug}`;

test('the reply box is off without an email, on with one, and a checked box posts notifyReplies: true', async () => {
  const { context, page } = await newReader(browser);
  await page.goto(url(0));
  const box = page.getByLabel('Email me replies (after a confirmation mail)');
  const email = page.getByLabel('Email (optional)');
  expect(await box.isDisabled()).toBe(true);
  await email.fill('reader@example.org');
  expect(await box.isEnabled()).toBe(true);
  await email.fill('  ');
  expect(await box.isDisabled()).toBe(true); // blank is no address

  await email.fill('reader@example.org');
  await box.check();
  await page.getByLabel('Name', { exact: true }).fill('Rita Replies');
  await page.getByLabel('Comment', { exact: true }).fill('Tell me when someone answers.');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/v1/comments')),
    page.getByRole('button', { name: 'Post comment' }).click(),
  ]);
  const sent = request.postDataJSON() as { notifyReplies: boolean; author: { email?: string } };
  expect(sent.notifyReplies).toBe(true);
  expect(sent.author.email).toBe('reader@example.org');
  expect((await request.response())?.status()).toBe(201);
  await context.close();
});

test('an unchecked box posts notifyReplies: false', async () => {
  const { context, page } = await newReader(browser);
  await page.goto(url(1));
  await page.getByLabel('Name', { exact: true }).fill('Quiet Quentin');
  await page.getByLabel('Email (optional)').fill('quiet@example.org');
  await page.getByLabel('Comment', { exact: true }).fill('No mail for me, thanks.');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/v1/comments')),
    page.getByRole('button', { name: 'Post comment' }).click(),
  ]);
  expect((request.postDataJSON() as { notifyReplies: boolean }).notifyReplies).toBe(false);
  await context.close();
});

test('"Manage my comments" posts the address and shows the same neutral sentence', async () => {
  const { context, page, requests } = await newReader(browser);
  await page.goto(url(0));
  await page.getByText('Manage my comments').click();
  const send = page.getByRole('button', { name: 'Mail me a link' });
  await send.click(); // empty: the browser refuses it, nothing is sent
  await page.getByLabel('Your email').fill('nobody-here@example.org');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/v1/notify/my-data-link')),
    send.click(),
  ]);
  expect(request.method()).toBe('POST');
  expect(request.postDataJSON()).toEqual({ email: 'nobody-here@example.org' });
  expect((await request.response())?.status()).toBe(202);
  await page.getByText('If this address has comments here, a link is on its way.').waitFor();
  expect(requests.filter((u) => u.endsWith('/v1/notify/my-data-link'))).toHaveLength(1);
  await context.close();
});
