import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, createRemoteJWKSet, generateKeyPair, importJWK } from 'jose';
import { addAccount, ensureDefaultModerator, removeAccount, DEFAULT_MODERATOR } from '../../infra/local/oidc/accounts';
import { mintLocalToken } from '../../infra/local/oidc/mint-token';
import { startOidcProvider, type RunningOidcProvider } from '../../infra/local/oidc/provider';
import { verifyCognitoToken } from '../../infra/local/oidc/verify-token';
import { CookieJar, browse, decodeJwt, follow, formAction, hiddenInputs, pkcePair } from '../support/oidc-client';

const REDIRECT_URI = 'http://127.0.0.1:9/admin/';
const READER = { email: 'bob@example.org', password: 'bob-reads-only' };

let dataDir: string;
let op: RunningOidcProvider;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-oidc-'));
  await ensureDefaultModerator(dataDir);
  await addAccount(dataDir, { ...READER, groups: [] });
  op = await startOidcProvider({ port: 0, dataDir, consoleRedirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
  await op?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const verifyOptions = () => ({
  issuer: op.issuer,
  jwks: createRemoteJWKSet(new URL(op.jwksUri)),
  audience: [op.clientId],
});

interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
}

const tokenRequest = async (form: Record<string, string>): Promise<Response> =>
  fetch(`${op.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: op.clientId, ...form }).toString(),
  });

/** GET /auth up to the sign-in form; returns the form page. */
const openSignIn = async (jar: CookieJar, challenge: string): Promise<Response> => {
  const auth = new URL(`${op.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: op.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'state-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const page = await follow(jar, op.issuer, await browse(jar, auth.href));
  if (page instanceof URL) throw new Error(`expected the sign-in form, was sent to ${page.href}`);
  return page;
};

/** The whole code + PKCE flow, as the console will drive it. */
const signIn = async (email: string, password: string): Promise<{ tokens: Tokens; jar: CookieJar }> => {
  const jar = new CookieJar();
  const { verifier, challenge } = pkcePair();
  const form = await (await openSignIn(jar, challenge)).text();
  const posted = await browse(jar, formAction(form, op.issuer), { form: { email, password } });
  const back = await follow(jar, op.issuer, posted);
  if (!(back instanceof URL)) throw new Error(`expected a redirect to the console, got ${back.status}`);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
  expect(back.searchParams.get('state')).toBe('state-1');
  const code = back.searchParams.get('code') ?? '';
  const response = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  expect(response.status).toBe(200);
  return { tokens: (await response.json()) as Tokens, jar };
};

describe('discovery and keys', () => {
  test('the discovery document names the code flow with S256 PKCE, refresh and end_session', async () => {
    const doc = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({
      issuer: op.issuer,
      jwks_uri: op.jwksUri,
      authorization_endpoint: op.authorizationEndpoint,
      token_endpoint: op.tokenEndpoint,
      end_session_endpoint: op.endSessionEndpoint,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  test('the JWKS publishes one public RSA key and no private part', async () => {
    const { keys } = (await (await fetch(op.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  test('a restarted provider on the same data dir publishes the same key', async () => {
    const again = await startOidcProvider({ port: 0, dataDir, consoleRedirectUris: [REDIRECT_URI] });
    try {
      const kids = async (uri: string) => ((await (await fetch(uri)).json()) as { keys: { kid: string }[] }).keys;
      expect(await kids(again.jwksUri)).toEqual(await kids(op.jwksUri));
    } finally {
      await again.stop();
    }
  });
});

describe('sign-in', () => {
  test('the sign-in page asks for Email and Password in labelled fields', async () => {
    const html = await (await openSignIn(new CookieJar(), pkcePair().challenge)).text();
    expect(html).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/);
    expect(html).toMatch(
      /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/,
    );
  });

  test('a wrong password is refused with the form shown again and no code issued', async () => {
    const jar = new CookieJar();
    const form = await (await openSignIn(jar, pkcePair().challenge)).text();
    const posted = await browse(jar, formAction(form, op.issuer), {
      form: { email: DEFAULT_MODERATOR.email, password: 'not-the-password' },
    });
    expect(posted.status).toBe(401);
    expect(posted.headers.get('location')).toBeNull();
    expect(await posted.text()).toContain('Incorrect email or password.');
  });

  test('an authorization request without PKCE is refused', async () => {
    const auth = new URL(`${op.issuer}/auth`);
    auth.search = new URLSearchParams({
      client_id: op.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
    }).toString();
    const location = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location') ?? '', op.issuer);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
  });

  test('a code cannot be exchanged without the right code_verifier', async () => {
    const jar = new CookieJar();
    const form = await (await openSignIn(jar, pkcePair().challenge)).text();
    const posted = await browse(jar, formAction(form, op.issuer), { form: DEFAULT_MODERATOR });
    const back = (await follow(jar, op.issuer, posted)) as URL;
    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('tokens from the code flow', () => {
  test('the moderator gets Cognito-shaped ID and access tokens, a refresh token, and no consent screen', async () => {
    const { tokens } = await signIn(DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const id = await verifyCognitoToken(tokens.id_token, verifyOptions());
    expect(id).toMatchObject({
      token_use: 'id',
      aud: op.clientId,
      iss: op.issuer,
      email: DEFAULT_MODERATOR.email,
      email_verified: true,
      'cognito:groups': ['moderators'],
    });
    expect(id['cognito:username']).toBe(id.sub);
    const access = await verifyCognitoToken(tokens.access_token, verifyOptions());
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: op.clientId,
      sub: id.sub,
      username: id.sub,
      'cognito:groups': ['moderators'],
      scope: 'openid email profile',
    });
  });

  test('a non-moderator signs in but their tokens carry no moderators group', async () => {
    const { tokens } = await signIn(READER.email, READER.password);
    const id = decodeJwt(tokens.id_token);
    const access = decodeJwt(tokens.access_token);
    expect(id.email).toBe(READER.email);
    expect(id).not.toHaveProperty('cognito:groups');
    expect(access).not.toHaveProperty('cognito:groups');
  });

  test('the refresh token grant returns new tokens with no user action and keeps the refresh token', async () => {
    const { tokens } = await signIn(DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    const response = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as Tokens;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    await expect(verifyCognitoToken(refreshed.access_token, verifyOptions())).resolves.toMatchObject({
      token_use: 'access',
      'cognito:groups': ['moderators'],
    });
    await expect(verifyCognitoToken(refreshed.id_token, verifyOptions())).resolves.toMatchObject({ token_use: 'id' });
    // Like Cognito without rotation: the same refresh token keeps working.
    const again = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(again.status).toBe(200);
  });

  test('a user removed after signing in can no longer refresh', async () => {
    const leaving = { email: 'leaving@example.org', password: 'about-to-go' };
    await addAccount(dataDir, { ...leaving, groups: ['moderators'] });
    const { tokens } = await signIn(leaving.email, leaving.password);
    await removeAccount(dataDir, leaving.email);
    const response = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('logout ends the session, returns to the console, and the next /auth asks for the password again', async () => {
    const { tokens, jar } = await signIn(DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    const end = new URL(op.endSessionEndpoint);
    end.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: REDIRECT_URI,
      client_id: op.clientId,
    }).toString();
    const confirm = await browse(jar, end.href);
    const html = await confirm.text();
    expect(html).toContain('document.forms[0].submit()');
    const submitted = await browse(jar, formAction(html, op.issuer), { form: hiddenInputs(html) });
    const back = await follow(jar, op.issuer, submitted);
    expect(back instanceof URL && `${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    const page = await openSignIn(jar, pkcePair().challenge);
    expect(await page.text()).toContain('<label for="password">Password</label>');
  });
});

describe('verifyCognitoToken refuses what the JWT authorizer refuses', () => {
  const mint = (overrides: Partial<Parameters<typeof mintLocalToken>[0]> = {}) =>
    mintLocalToken({ dataDir, issuer: op.issuer, username: 'carol', groups: ['moderators'], ...overrides });

  test('a minted token from the provider key is accepted with its groups', async () => {
    await expect(verifyCognitoToken(await mint(), verifyOptions())).resolves.toMatchObject({
      token_use: 'access',
      client_id: op.clientId,
      'cognito:groups': ['moderators'],
    });
  });

  test('a token minted for a local user carries that user’s sub', async () => {
    const { tokens } = await signIn(READER.email, READER.password);
    const minted = decodeJwt(await mint({ username: READER.email, groups: [] }));
    expect(minted.sub).toBe(decodeJwt(tokens.id_token).sub);
  });

  test('a token signed by another key is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const kid = ((await (await fetch(op.jwksUri)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
    const forged = await new SignJWT({ ...decodeJwt(await mint()) })
      .setProtectedHeader({ alg: 'RS256', kid })
      .sign(privateKey);
    await expect(verifyCognitoToken(forged, verifyOptions())).rejects.toThrow(/signature/);
  });

  test('a token from another issuer is refused', async () => {
    await expect(
      verifyCognitoToken(await mint({ issuer: 'https://elsewhere.example' }), verifyOptions()),
    ).rejects.toThrow(/"iss"/);
  });

  test('an access token for another client is refused', async () => {
    await expect(verifyCognitoToken(await mint({ clientId: 'someone-else' }), verifyOptions())).rejects.toThrow(
      /client_id/,
    );
  });

  test('an ID token for another audience is refused', async () => {
    const { tokens } = await signIn(DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    await expect(
      verifyCognitoToken(tokens.id_token, { ...verifyOptions(), audience: ['another-client'] }),
    ).rejects.toThrow(/"aud"/);
  });

  test('a token whose token_use is neither id nor access is refused', async () => {
    const jwk = JSON.parse(fs.readFileSync(path.join(dataDir, 'oidc-signing-key.json'), 'utf8'));
    const refreshLike = await new SignJWT({ ...decodeJwt(await mint()), token_use: 'refresh' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .sign(await importJWK(jwk, 'RS256'));
    await expect(verifyCognitoToken(refreshLike, verifyOptions())).rejects.toThrow(/token_use/);
  });

  test('an expired token is refused', async () => {
    await expect(verifyCognitoToken(await mint({ expiresInSeconds: -60 }), verifyOptions())).rejects.toThrow(/"exp"/);
  });
});
