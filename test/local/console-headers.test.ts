/**
 * `npm start` serves the console's page with the deployed console's headers (infra/console-headers.ts,
 * which also writes the CloudFront policy: test/infra/edge.test.ts), its own OpenID provider in
 * place of Cognito's domain. test/web/console-sign-in.test.ts signs in under this policy in Chromium.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleCsp, consoleSecurityHeaders } from '../../infra/console-headers';
import { createDemoSite } from '../../infra/local/demo-site';
import type { RunningOidcProvider } from '../../infra/local/oidc/provider';
import { localConsoleConfig } from '../../infra/local/oidc/console-config';
import { httpRequest } from '../support/local-api';

// Where `npm start` runs its provider (OIDC_PORT's default); only its endpoints matter here.
const ISSUER = 'http://127.0.0.1:8788';
const provider = {
  issuer: ISSUER,
  clientId: 'parley-console',
  authorizationEndpoint: `${ISSUER}/auth`,
  tokenEndpoint: `${ISSUER}/token`,
  endSessionEndpoint: `${ISSUER}/session/end`,
} as RunningOidcProvider;

let server: http.Server;
let url: string;
beforeAll(async () => {
  const site = createDemoSite({ consoleConfig: () => localConsoleConfig(provider) });
  server = http.createServer((req, res) => {
    void site(req, res).then((done) => done || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("GET /admin/ carries the deployed console's CSP, with the local provider as the sign-in origin", async () => {
  const res = await httpRequest(url, 'GET', '/admin/');
  expect(res.status).toBe(200);
  expect(res.headers['content-security-policy']).toBe(consoleCsp({ signInOrigin: ISSUER }));
  expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ${ISSUER};`);
  const expected = consoleSecurityHeaders({ signInOrigin: ISSUER });
  for (const name of ['x-content-type-options', 'referrer-policy', 'x-frame-options'] as const)
    expect(res.headers[name]).toBe(expected[name]);
  // Plain HTTP: no HSTS (browsers ignore it there, and it must not pin localhost to HTTPS).
  expect(res.headers['strict-transport-security']).toBeUndefined();
}, 60_000);

test('the page needs nothing the policy refuses: no inline script or style, its files from its own origin', async () => {
  const page = (await httpRequest(url, 'GET', '/admin/')).text;
  expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  const loaded = [...page.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(([, src]) => src);
  expect(loaded).toHaveLength(3); // favicon, stylesheet, script
  for (const src of loaded) expect(src).toMatch(/^(\/(?!\/)|data:,$)/);
});
