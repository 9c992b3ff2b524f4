/**
 * The widget on blogs it knows nothing about, in a real browser: it follows the reader's colour
 * scheme unless the page pins one, keeps the page's font, stays clear of the page's CSS inside a
 * shadow root (data-isolate), and renders styled under a CSP without 'unsafe-inline'
 * (data-csp="strict", with the header docs/widget.md documents).
 */
import type { Browser, Locator } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import posts from '../../web/demo/posts.json';
import { strictWidgetCsp } from '../../web/widget-csp';
import type { TestApi } from '../support/local-api';
import { launchBrowser, newReader, seedApproved, startDemoApi, type Reader } from '../support/browser';

jest.setTimeout(30_000);

const post = posts[16]!.slug;
let browser: Browser;
let api: TestApi;

beforeAll(async () => {
  browser = await launchBrowser();
  api = await startDemoApi();
  await seedApproved(api, await api.moderatorToken('alice'), { post, name: 'Reader', body: 'A comment' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A page served from the test server's origin with the real embed.js; `headers` e.g. a CSP. */
async function blogPage(reader: Reader, o: { widget?: string; css?: string; headers?: Record<string, string> }) {
  const doc =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title>` +
    `${o.css ? `<link rel="stylesheet" href="/blog.css">` : ''}</head>` +
    `<body><h2 class="parley-title">The page's own heading</h2><div id="parley" data-post="${post}" ${o.widget ?? ''}></div>` +
    `<script src="/dist/embed.js" data-api="${api.url}"></script></body></html>`;
  await reader.context.route(`${api.url}/blog.css`, (route) =>
    route.fulfill({ contentType: 'text/css', body: o.css ?? '' }),
  );
  await reader.context.route(`${api.url}/blog`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: doc, headers: o.headers }),
  );
  await reader.page.goto(`${api.url}/blog`);
  await reader.page.locator('.parley-c').first().waitFor();
}

const style = (l: Locator, prop: string) => l.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const DARK_BG = 'rgb(30, 31, 34)';

test('the widget follows the reader’s dark scheme, and data-theme pins either scheme', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, {});
  const widget = reader.page.locator('.parley');
  await expect(style(widget, 'background-color')).resolves.toBe(TRANSPARENT);
  await reader.page.emulateMedia({ colorScheme: 'dark' });
  await expect(style(widget, 'background-color')).resolves.toBe(DARK_BG);
  await expect(style(widget, 'color')).resolves.toBe('rgb(232, 234, 237)');

  await blogPage(reader, { widget: 'data-theme="light"' });
  await expect(style(reader.page.locator('.parley'), 'background-color')).resolves.toBe(TRANSPARENT);
  await reader.page.emulateMedia({ colorScheme: 'light' });
  await blogPage(reader, { widget: 'data-theme="dark"' });
  await expect(style(reader.page.locator('.parley'), 'background-color')).resolves.toBe(DARK_BG);
  await reader.context.close();
});

test('readers who ask for reduced motion get no transitions', async () => {
  const reader = await newReader(browser);
  await reader.page.emulateMedia({ reducedMotion: 'reduce' });
  await blogPage(reader, { css: '#parley button { transition: opacity 2s; }' });
  await expect(style(reader.page.locator('.parley-primary'), 'transition-duration')).resolves.toBe('0s');
  await reader.context.close();
});

const LEAKY_CSS =
  'body { font-family: Georgia, serif; } .parley-title { color: rgb(255, 0, 0); } button { text-transform: uppercase; }';

test('without data-isolate the page’s CSS reaches the widget (what data-isolate is for)', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { css: LEAKY_CSS });
  await expect(style(reader.page.locator('.parley .parley-title'), 'color')).resolves.toBe('rgb(255, 0, 0)');
  await expect(style(reader.page.locator('.parley-primary'), 'text-transform')).resolves.toBe('uppercase');
  await reader.context.close();
});

test('data-isolate renders inside a shadow root that the page’s CSS does not reach, in the page’s font', async () => {
  const reader = await newReader(browser);
  await blogPage(reader, { css: LEAKY_CSS, widget: 'data-isolate' });
  const inShadow = await reader.page.evaluate(() => ({
    shadow: !!document.getElementById('parley')!.shadowRoot?.querySelector('.parley'),
    light: document.querySelectorAll('.parley').length,
  }));
  expect(inShadow).toEqual({ shadow: true, light: 0 });
  // Playwright's CSS locators pierce open shadow roots.
  const title = reader.page.locator('#parley .parley-title');
  await expect(style(title, 'color')).resolves.not.toBe('rgb(255, 0, 0)');
  await expect(style(reader.page.locator('#parley .parley-primary'), 'text-transform')).resolves.toBe('none');
  await expect(style(reader.page.locator('#parley .parley'), 'font-family')).resolves.toBe('Georgia, serif');
  await expect(style(reader.page.locator('#parley .parley-list').first(), 'list-style-type')).resolves.toBe('none');
  await reader.context.close();
});

test('docs/widget.md gives exactly the strict header the next test serves', () => {
  const docs = readFileSync(path.resolve(__dirname, '../../docs/widget.md'), 'utf8');
  const header = strictWidgetCsp(
    'https://d1234abcd.cloudfront.net',
    'https://abc123.execute-api.eu-west-1.amazonaws.com',
  );
  expect(docs).toContain(`Content-Security-Policy: ${header}\n`);
});

test('under the documented strict CSP, data-csp="strict" renders the widget styled with no violation', async () => {
  const reader = await newReader(browser);
  const refused: string[] = [];
  reader.page.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()));
  const headers = { 'content-security-policy': strictWidgetCsp(api.url, api.url) };
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');

  await blogPage(reader, { headers, widget: 'data-csp="strict"' });
  const button = reader.page.locator('.parley-primary');
  await expect(style(button, 'background-color')).resolves.toBe('rgb(26, 95, 180)');
  await expect(style(reader.page.locator('.parley-list').first(), 'list-style-type')).resolves.toBe('none');
  expect(refused).toEqual([]);

  // The same page without strict mode: the inline <style> is refused and the widget is unstyled.
  await blogPage(reader, { headers });
  await expect(style(reader.page.locator('.parley-list').first(), 'list-style-type')).resolves.toBe('decimal');
  expect(refused.join()).toMatch(/style/);
  await reader.context.close();
});

test('data-isolate and data-csp="strict" together: the hashed stylesheet inside the shadow root', async () => {
  const reader = await newReader(browser);
  const headers = { 'content-security-policy': strictWidgetCsp(api.url, api.url) };
  await blogPage(reader, { headers, widget: 'data-isolate data-csp="strict"' });
  await expect(style(reader.page.locator('#parley .parley-primary'), 'background-color')).resolves.toBe(
    'rgb(26, 95, 180)',
  );
  await reader.context.close();
});
