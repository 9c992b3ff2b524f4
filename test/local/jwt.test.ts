import { createHmac, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, issueToken, toApiGatewayClaims, verifyToken } from '../../infra/local/jwt';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-jwt-'));
const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-jwt-other-'));
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(otherDir, { recursive: true, force: true });
});

const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const parts = (
  token: string,
): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } => {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
    signature,
  };
};
const now = (): number => Math.floor(Date.now() / 1000);

describe('issued tokens', () => {
  test('a moderator token verifies and carries Cognito ID-token claims with the moderators group', async () => {
    const token = await issueToken({ username: 'alice', moderator: true, email: 'alice@example.org', dataDir });
    const claims = await verifyToken(token, { dataDir });
    expect(claims).toMatchObject({
      'cognito:username': 'alice',
      'cognito:groups': ['moderators'],
      token_use: 'id',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      email: 'alice@example.org',
    });
    expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    expect(parts(token).header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
  });

  test('a reader token verifies and, like Cognito for a user in no group, has no cognito:groups claim', async () => {
    const claims = await verifyToken(await issueToken({ username: 'bob', moderator: false, dataDir }), { dataDir });
    expect(claims['cognito:username']).toBe('bob');
    expect(claims).not.toHaveProperty('cognito:groups');
    expect(claims).not.toHaveProperty('email');
  });

  test('the same username always gets the same sub', async () => {
    const first = await verifyToken(await issueToken({ username: 'carol', moderator: false, dataDir }), { dataDir });
    const second = await verifyToken(await issueToken({ username: 'carol', moderator: true, dataDir }), { dataDir });
    expect(second.sub).toBe(first.sub);
  });

  test('the signing key is created once, as a file only its owner can read, and reused', async () => {
    await issueToken({ username: 'alice', moderator: true, dataDir });
    const file = path.join(dataDir, 'jwt-signing-key.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { kid } = JSON.parse(fs.readFileSync(file, 'utf8')) as { kid: string };
    expect(parts(await issueToken({ username: 'dave', moderator: false, dataDir })).header.kid).toBe(kid);
  });
});

describe('refused tokens', () => {
  test('an expired token is refused', async () => {
    const token = await issueToken({
      username: 'alice',
      moderator: true,
      issuedAt: now() - 7200,
      expiresInSeconds: 3600,
      dataDir,
    });
    await expect(verifyToken(token, { dataDir })).rejects.toThrow(/exp/);
  });

  test('a token for another audience (app client) is refused', async () => {
    const token = await issueToken({ username: 'alice', moderator: true, audience: 'some-other-client', dataDir });
    await expect(verifyToken(token, { dataDir })).rejects.toThrow(/aud/);
  });

  test('a token from another issuer (user pool) is refused', async () => {
    const token = await issueToken({
      username: 'alice',
      moderator: true,
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other',
      dataDir,
    });
    await expect(verifyToken(token, { dataDir })).rejects.toThrow(/iss/);
  });

  test('a token issued in the future is refused', async () => {
    const token = await issueToken({ username: 'alice', moderator: true, issuedAt: now() + 600, dataDir });
    await expect(verifyToken(token, { dataDir })).rejects.toThrow(/iat/);
  });

  test('a token with a tampered signature is refused', async () => {
    const token = await issueToken({ username: 'alice', moderator: true, dataDir });
    const [header, payload, signature = ''] = token.split('.');
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    await expect(
      verifyToken(`${header}.${payload}.${signature.slice(0, 10)}${flipped}${signature.slice(11)}`, { dataDir }),
    ).rejects.toThrow();
  });

  test('a reader token whose payload was edited to add the moderators group is refused', async () => {
    const token = await issueToken({ username: 'bob', moderator: false, dataDir });
    const { header, payload, signature } = parts(token);
    const forged = `${b64url(header)}.${b64url({ ...payload, 'cognito:groups': ['moderators'] })}.${signature}`;
    await expect(verifyToken(forged, { dataDir })).rejects.toThrow(/signature/);
  });

  test('an unsigned token (alg: none) is refused', async () => {
    const { header, payload } = parts(await issueToken({ username: 'alice', moderator: true, dataDir }));
    const unsigned = `${b64url({ ...header, alg: 'none' })}.${b64url(payload)}.`;
    await expect(verifyToken(unsigned, { dataDir })).rejects.toThrow();
  });

  test('an HS256 token whose HMAC key is the public key is refused (algorithm confusion)', async () => {
    const { header, payload } = parts(await issueToken({ username: 'alice', moderator: true, dataDir }));
    const { publicJwk } = JSON.parse(fs.readFileSync(path.join(dataDir, 'jwt-signing-key.json'), 'utf8')) as {
      publicJwk: object;
    };
    const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const signingInput = `${b64url({ ...header, alg: 'HS256' })}.${b64url(payload)}`;
    const signature = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
    await expect(verifyToken(`${signingInput}.${signature}`, { dataDir })).rejects.toThrow(/alg/i);
  });

  test('a token signed by another key is refused, even when it names this key id', async () => {
    const foreign = await issueToken({ username: 'alice', moderator: true, dataDir: otherDir });
    await expect(verifyToken(foreign, { dataDir })).rejects.toThrow(/signing key/);
    const { kid } = parts(await issueToken({ username: 'alice', moderator: true, dataDir })).header;
    const { payload, signature } = parts(foreign);
    const relabelled = `${b64url({ alg: 'RS256', kid })}.${b64url(payload)}.${signature}`;
    await expect(verifyToken(relabelled, { dataDir })).rejects.toThrow(/signature/);
  });

  test('a string that is not a JWT is refused', async () => {
    await expect(verifyToken('not-a-jwt', { dataDir })).rejects.toThrow();
  });
});

describe('claims as API Gateway passes them to Lambda', () => {
  test('every value becomes a string and arrays are flattened to "[a b]"', () => {
    expect(
      toApiGatewayClaims({
        'cognito:groups': ['moderators', 'editors'],
        exp: 1700000000,
        email_verified: true,
        sub: 'abc',
        missing: undefined,
      }),
    ).toEqual({ 'cognito:groups': '[moderators editors]', exp: '1700000000', email_verified: 'true', sub: 'abc' });
  });

  test('a single-group claim flattens to "[moderators]"', async () => {
    const claims = await verifyToken(await issueToken({ username: 'alice', moderator: true, dataDir }), { dataDir });
    const flat = toApiGatewayClaims(claims);
    expect(flat['cognito:groups']).toBe('[moderators]');
    expect(Object.values(flat).every((value) => typeof value === 'string')).toBe(true);
  });
});
