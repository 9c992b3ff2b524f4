/**
 * The local gateway's authorizer, as `npm start` wires it: a moderator route accepts tokens of the
 * local OpenID provider and refuses, with a 401, one whose signature, issuer, audience or
 * `token_use` is wrong, as API Gateway's JWT authorizer does with Cognito's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, importJWK } from 'jose';
import { mintLocalToken } from '../../infra/local/oidc/mint-token';
import { loadSigningKey } from '../../infra/local/oidc/signing-key';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
let otherDir: string;

beforeAll(async () => {
  api = await startTestApi();
  otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-other-key-'));
});
afterAll(async () => {
  await api?.close();
  fs.rmSync(otherDir, { recursive: true, force: true });
});

const mint = (overrides: Partial<Parameters<typeof mintLocalToken>[0]> = {}) =>
  mintLocalToken({
    dataDir: api.keyDir,
    issuer: api.oidc.issuer,
    username: 'alice',
    groups: ['moderators'],
    ...overrides,
  });

const queue = (token: string) =>
  api.request('GET', '/v1/admin/comments?status=pending', { headers: { authorization: `Bearer ${token}` } });

test('a token the local provider signed for the console is accepted', async () => {
  expect((await queue(await mint())).status).toBe(200);
});

test.each([
  ['signed by another key', () => mint({ dataDir: otherDir })],
  ['from another issuer', () => mint({ issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' })],
  ['for another app client', () => mint({ clientId: 'someone-elses-client' })],
  ['expired', () => mint({ expiresInSeconds: -60 })],
  [
    'with token_use "refresh"',
    async () => {
      const jwk = await loadSigningKey(api.keyDir);
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ token_use: 'refresh', client_id: api.oidc.clientId, 'cognito:groups': ['moderators'] })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setSubject('alice')
        .setIssuer(api.oidc.issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(await importJWK(jwk, 'RS256'));
    },
  ],
])('a token %s is refused with 401', async (_what, token) => {
  const response = await queue(await token());
  expect(response.status).toBe(401);
  expect(response.json.error.code).toBe('unauthorized');
});
