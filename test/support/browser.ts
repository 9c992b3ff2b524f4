/**
 * Shared set-up of the browser tests: the REAL local stack (startTestApi) with the demo site
 * plugged in as its fallback, Debian's Chromium driven by playwright-core, one context per
 * reader, and a record of every request the pages make.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDemoSite } from '../../infra/local/demo-site';
import { DEFAULT_MODERATOR } from '../../infra/local/oidc/accounts';
import { localConsoleConfig } from '../../infra/local/oidc/console-config';
import type { Fallback } from '../../infra/local/gateway/server';
import { startTestApi, type TestApi } from './local-api';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
export const SLUG = '2011/11/cloud-blog-on-wired-site-time-to-value';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** The local stack with the demo blog at `/`. Writes are not rate limited here: many readers share 127.0.0.1. */
export async function startDemoApi(
  env: Record<string, string> = {},
  options: { tokenTtlSeconds?: number } = {},
): Promise<TestApi> {
  const started: { api?: TestApi } = {};
  const stackOptions: Parameters<typeof startTestApi>[0] & { fallback?: Fallback } = {
    env: { RATE_LIMIT_MAX: '1000', ...env },
    // The console signs in against this stack's own provider, known once the stack runs.
    fallback: createDemoSite({ consoleConfig: () => started.api && localConsoleConfig(started.api.oidc) }),
    tokenTtlSeconds: options.tokenTtlSeconds,
  };
  const api = (started.api = await startTestApi(stackOptions));
  const home = await api.request('GET', '/');
  if (home.status !== 200 || !home.text.includes('data-parley-count')) {
    await api.close();
    throw new Error('The demo site is not plugged in: startTestApi must pass `fallback` on to startLocalStack');
  }
  return api;
}

export interface Reader {
  context: BrowserContext;
  page: Page;
  /** Every URL any page of this context requested. */
  requests: string[];
  dialogs: string[];
  /** What Chromium refused under a page's Content-Security-Policy (its console reports each refusal). */
  cspViolations: string[];
}

/** A fresh browser context (its own localStorage), recording requests and dialogs; nothing is let off 127.0.0.1. */
export async function newReader(browser: Browser, options: { width?: number } = {}): Promise<Reader> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1024, height: 900 },
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(5_000);
  const requests: string[] = [];
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { context, page, requests, dialogs, cspViolations };
}

/** Signs in on /admin/ as a person would: Sign in, the provider's page, back to the console. */
export async function signInToConsole(
  page: Page,
  api: TestApi,
  account: { email: string; password: string } = DEFAULT_MODERATOR,
  path = '/admin/',
): Promise<void> {
  await page.goto(`${api.url}${path}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === new URL(api.url).origin && url.pathname === '/admin/');
  await page.locator('.user .who').waitFor();
}

export const apiCalls = (requests: string[]): string[] =>
  requests.filter((u) => new URL(u).pathname.startsWith('/v1/'));

/** Posts a comment straight to the API and approves it as a moderator; returns its id. */
export async function seedApproved(
  api: TestApi,
  token: string,
  comment: { post?: string; name: string; body: string; website?: string; parentId?: string },
): Promise<string> {
  const res = await api.request('POST', '/v1/comments', {
    body: {
      post: comment.post ?? SLUG,
      parentId: comment.parentId ?? null,
      author: { name: comment.name, website: comment.website },
      body: comment.body,
      elapsedMs: 60_000,
    },
  });
  if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${res.text}`);
  const id = res.json.comment.id as string;
  const ok = await api.request('POST', `/v1/admin/comments/${id}/approve`, {
    headers: { authorization: `Bearer ${token}` },
    body: {},
  });
  if (ok.status !== 200) throw new Error(`approving failed: ${ok.status} ${ok.text}`);
  return id;
}

export const screenshot = async (page: Page, name: string): Promise<void> => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
};
