/**
 * The widget and the counts in the page's language, in a real browser: labels, relative dates
 * and plural forms from the locale file the page asks for (and no locale request for English),
 * right-to-left layout for Arabic, region-to-language fallback.
 */
import type { Browser } from 'playwright-core';
import posts from '../../web/demo/posts.json';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, seedApproved, startDemoApi, type Reader } from '../support/browser';

jest.setTimeout(30_000);

const [one, two, five, owner] = posts.slice(12, 16).map((p) => p.slug) as [string, string, string, string];
let browser: Browser;
let api: TestApi;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startDemoApi();
  const token = await api.moderatorToken('alice');
  for (const [post, n] of [
    [one, 1],
    [two, 2],
    [five, 5],
  ] as const)
    for (let i = 1; i <= n; i++) await seedApproved(api, token, { post, name: `Leser ${i}`, body: `Kommentar ${i}` });
  const parent = await seedApproved(api, token, { post: owner, name: 'Lectrice', body: 'Une question ?' });
  const reply = await api.request('POST', `/v1/admin/comments/${parent}/reply`, {
    headers: { authorization: `Bearer ${token}` },
    body: { body: 'Une réponse.' },
  });
  if (reply.status !== 201) throw new Error(`owner reply failed: ${reply.status} ${reply.text}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A blog page of our own making, served from the test server's origin with the real widget files. */
async function blogPage(reader: Reader, html: { lang?: string; widget?: string; body?: string }): Promise<void> {
  const doc =
    `<!doctype html><html${html.lang ? ` lang="${html.lang}"` : ''}><head><meta charset="utf-8"><title>Blog</title></head>` +
    `<body>${html.body ?? `<div id="parley" data-post="${two}" ${html.widget ?? ''}></div>`}` +
    `<script src="/dist/embed.js" data-api="${api.url}"></script><script src="/dist/count.js" data-api="${api.url}"></script></body></html>`;
  await reader.context.route(`${api.url}/blog`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: doc }),
  );
  await reader.page.goto(`${api.url}/blog`);
}

const localeRequests = (r: Reader) =>
  r.requests.filter((u) => /\/dist\/locale-/.test(u)).map((u) => u.split('/').pop());

test('data-lang="de" shows German labels and German relative dates, from one extra request', async () => {
  const reader = await newReader(browser);
  await reader.page.clock.setFixedTime(Date.now() + 3 * 86400e3);
  await blogPage(reader, { lang: 'en', widget: 'data-lang="de"' });
  const widget = reader.page.locator('.parley');
  await widget.locator('.parley-c').first().waitFor();
  await expect(widget.locator('.parley-title').textContent()).resolves.toBe('2 Kommentare');
  await expect(widget.locator('.parley-sort').textContent()).resolves.toMatch(/^Sortieren/);
  await expect(widget.locator('.parley-primary').textContent()).resolves.toBe('Kommentar senden');
  await expect(widget.locator('.parley-time').first().textContent()).resolves.toBe('vor 3 Tagen');
  await expect(widget.locator('.parley-time').first().getAttribute('title')).resolves.toMatch(
    /(Mon|Diens|Donners|Frei|Sams|Sonn)tag|Mittwoch/,
  );
  await expect(widget.getAttribute('lang')).resolves.toBe('de');
  expect(localeRequests(reader)).toEqual([expect.stringMatching(/^locale-de\.[0-9a-f]{10}\.json$/)]);
  await reader.context.close();
});

test('an English page fetches no locale file', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { lang: 'en-GB' });
  await reader.page.locator('.parley-c').first().waitFor();
  await expect(reader.page.locator('.parley-title').textContent()).resolves.toBe('2 comments');
  await reader.page.waitForLoadState('networkidle');
  expect(localeRequests(reader)).toEqual([]);
  await reader.context.close();
});

test('<html lang="ar"> lays the widget out right to left, in Arabic', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { lang: 'ar' });
  const widget = reader.page.locator('.parley');
  await widget.locator('.parley-c').first().waitFor();
  await expect(widget.getAttribute('dir')).resolves.toBe('rtl');
  await expect(widget.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl');
  await expect(widget.locator('.parley-title').textContent()).resolves.toBe('تعليقان');
  // The author's name column starts at the right edge: the avatar is right of the name.
  const avatar = await widget.locator('.parley-avatar').first().boundingBox();
  const name = await widget.locator('.parley-name').first().boundingBox();
  expect(avatar!.x).toBeGreaterThan(name!.x);
  await reader.context.close();
});

test('a region the widget lacks falls back to its language: pt-BR reads Portuguese', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { lang: 'pt-BR' });
  await reader.page.locator('.parley-c').first().waitFor();
  await expect(reader.page.locator('.parley-title').textContent()).resolves.toBe('2 comentários');
  await expect(reader.page.locator('.parley').getAttribute('dir')).resolves.toBe('ltr');
  await reader.context.close();
});

test('Japanese from data-lang and simplified Chinese from <html lang="zh-CN">', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { lang: 'en', widget: 'data-lang="ja"' });
  await reader.page.locator('.parley-c').first().waitFor();
  await expect(reader.page.locator('.parley-title').textContent()).resolves.toBe('コメント 2 件');
  await blogPage(reader, { lang: 'zh-CN' });
  await reader.page.locator('.parley-c').first().waitFor();
  await expect(reader.page.locator('.parley-title').textContent()).resolves.toBe('2 条评论');
  await expect(reader.page.locator('.parley-primary').textContent()).resolves.toBe('发表评论');
  await reader.context.close();
});

test("the owner's reply wears the moderator badge in the page's language", async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { body: `<div id="parley" data-post="${owner}" data-lang="fr"></div>` });
  const badge = reader.page.locator('.parley-mod');
  await badge.waitFor();
  await expect(badge.textContent()).resolves.toBe('Modérateur');
  await expect(badge.getAttribute('aria-label')).resolves.toBe('Modérateur vérifié');
  await reader.context.close();
});

test("count.js writes each count with the plural form of the page's language", async () => {
  const reader = await newReader(browser);
  const links = [one, two, five].map((p) => `<a href="#" data-parley-count="${p}">…</a>`).join(' ');
  await blogPage(reader, { lang: 'ru', body: links });
  const counts = reader.page.locator('[data-parley-count]');
  await reader.page.waitForFunction(() => !document.body.textContent!.includes('…'));
  await expect(counts.allTextContents()).resolves.toEqual(['1 комментарий', '2 комментария', '5 комментариев']);
  await reader.context.close();
});
