import { importJWK, SignJWT } from 'jose';
import { LOCAL_CLIENT_ID } from '../../infra/local/oidc/claims';
import { SIGNING_ALG, loadSigningKey } from '../../infra/local/oidc/signing-key';
import { expectStatus, post } from '../support/comments';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000' } });
});
afterAll(() => api.close());

const CAROL = '3f2a9c1e-7b4d-4e8a-9c21-5d6e7f8a9b0c';

/** An ID token as the user pool issues it after an email sign-in: username = sub, a verified email. */
const tokenWithEmail = async (email: string) => {
  const jwk = await loadSigningKey(api.keyDir);
  return new SignJWT({
    token_use: 'id',
    email,
    email_verified: true,
    'cognito:username': CAROL,
    'cognito:groups': ['moderators'],
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: jwk.kid })
    .setSubject(CAROL)
    .setIssuer(api.oidc.issuer)
    .setAudience(LOCAL_CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(jwk, SIGNING_ALG));
};

const approveAs = async (email: string) => {
  const { comment } = await post(api, { post: 'audit/identity' });
  const auth = { authorization: `Bearer ${await tokenWithEmail(email)}` };
  expectStatus(await api.request('POST', `/v1/admin/comments/${comment.id}/approve`, { headers: auth }), 200);
  return auth;
};

test('the audit log names a moderator by sub, and an entry keeps the email they had when they acted', async () => {
  await approveAs('carol@example.org');
  const auth = await approveAs('carol.new@example.org'); // the same person, after changing their email
  const { entries } = expectStatus(await api.request('GET', '/v1/admin/audit?limit=2', { headers: auth }), 200).json;
  expect(entries.map((e: { byEmail: string }) => e.byEmail)).toEqual(['carol.new@example.org', 'carol@example.org']);
  expect(entries[0].by).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(entries[1].by).toBe(entries[0].by);
  expect(entries[0].by).not.toContain('@');
});
