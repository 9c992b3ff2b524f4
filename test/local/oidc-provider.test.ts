/** The local OpenID provider over HTTP: discovery, JWKS, code + PKCE sign-in, refresh and logout. */
import { createRemoteJWKSet } from 'jose';
import { addAccount, removeAccount, DEFAULT_MODERATOR } from '../../infra/local/oidc/accounts';
import { startOidcProvider, type RunningOidcProvider } from '../../infra/local/oidc/provider';
import { verifyCognitoToken } from '../../infra/local/oidc/verify-token';
import {
  CookieJar,
  TEST_REDIRECT_URI,
  browse,
  decodeJwt,
  follow,
  formAction,
  hiddenInputs,
  openSignIn,
  pkcePair,
  signIn,
  tokenRequest,
  type Tokens,
  READER,
  useLocalProvider,
} from '../support/oidc-client';

const local = useLocalProvider();
let dataDir: string;
let op: RunningOidcProvider;
let verifyOptions: ReturnType<typeof local>['verifyOptions'];
beforeAll(() => {
  ({ dataDir, op, verifyOptions } = local());
});

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
    const again = await startOidcProvider({ port: 0, dataDir, consoleRedirectUris: [TEST_REDIRECT_URI] });
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
    const html = await (await openSignIn(op, new CookieJar(), pkcePair().challenge)).text();
    expect(html).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"/);
    expect(html).toMatch(
      /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/,
    );
  });

  test('a wrong password is refused with the form shown again and no code issued', async () => {
    const jar = new CookieJar();
    const form = await (await openSignIn(op, jar, pkcePair().challenge)).text();
    const posted = await browse(jar, formAction(form, op.issuer), {
      form: { email: DEFAULT_MODERATOR.email, password: 'not-the-password' },
    });
    expect(posted.status).toBe(401);
    expect(posted.headers.get('location')).toBeNull();
    expect(await posted.text()).toContain('Incorrect email or password.');
  });

  test('a sign-in form posted without its interaction cookie gets a clear expired page', async () => {
    const form = await (await openSignIn(op, new CookieJar(), pkcePair().challenge)).text();
    const posted = await browse(new CookieJar(), formAction(form, op.issuer), { form: DEFAULT_MODERATOR });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain('This sign-in page has expired');
  });

  test('an authorization request without PKCE is refused', async () => {
    const auth = new URL(`${op.issuer}/auth`);
    auth.search = new URLSearchParams({
      client_id: op.clientId,
      redirect_uri: TEST_REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
    }).toString();
    const location = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location') ?? '', op.issuer);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
  });

  test('a code cannot be exchanged without the right code_verifier', async () => {
    const jar = new CookieJar();
    const form = await (await openSignIn(op, jar, pkcePair().challenge)).text();
    const posted = await browse(jar, formAction(form, op.issuer), { form: DEFAULT_MODERATOR });
    const back = (await follow(jar, op.issuer, posted)) as URL;
    const response = await tokenRequest(op, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: TEST_REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('tokens from the code flow', () => {
  test('the moderator gets Cognito-shaped ID and access tokens, a refresh token, and no consent screen', async () => {
    const { tokens } = await signIn(op, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
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
    const { tokens } = await signIn(op, READER.email, READER.password);
    const id = decodeJwt(tokens.id_token);
    const access = decodeJwt(tokens.access_token);
    expect(id.email).toBe(READER.email);
    expect(id).not.toHaveProperty('cognito:groups');
    expect(access).not.toHaveProperty('cognito:groups');
  });

  test('the refresh token grant returns new tokens with no user action and keeps the refresh token', async () => {
    const { tokens } = await signIn(op, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    const response = await tokenRequest(op, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as Tokens;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    await expect(verifyCognitoToken(refreshed.access_token, verifyOptions())).resolves.toMatchObject({
      token_use: 'access',
      'cognito:groups': ['moderators'],
    });
    await expect(verifyCognitoToken(refreshed.id_token, verifyOptions())).resolves.toMatchObject({ token_use: 'id' });
    // Like Cognito without rotation: the same refresh token keeps working.
    const again = await tokenRequest(op, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(again.status).toBe(200);
  });

  test('an expired access token is refused, and the refresh token gets a valid one without signing in', async () => {
    const shortLived = await startOidcProvider({
      port: 0,
      dataDir,
      consoleRedirectUris: [TEST_REDIRECT_URI],
      tokenTtlSeconds: 1,
    });
    try {
      const options = {
        ...verifyOptions(),
        issuer: shortLived.issuer,
        jwks: createRemoteJWKSet(new URL(shortLived.jwksUri)),
      };
      const { tokens } = await signIn(shortLived, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
      expect(tokens.expires_in).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await expect(verifyCognitoToken(tokens.access_token, options)).rejects.toThrow(/"exp"/);
      const response = await tokenRequest(shortLived, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      const refreshed = (await response.json()) as Tokens;
      await expect(verifyCognitoToken(refreshed.access_token, options)).resolves.toMatchObject({ token_use: 'access' });
    } finally {
      await shortLived.stop();
    }
  });

  test('a user removed after signing in can no longer refresh', async () => {
    const leaving = { email: 'leaving@example.org', password: 'about-to-go' };
    await addAccount(dataDir, { ...leaving, groups: ['moderators'] });
    const { tokens } = await signIn(op, leaving.email, leaving.password);
    await removeAccount(dataDir, leaving.email);
    const response = await tokenRequest(op, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('logout ends the session and its refresh token, returns to the console, and the next sign-in asks for the password', async () => {
    const { tokens, jar } = await signIn(op, DEFAULT_MODERATOR.email, DEFAULT_MODERATOR.password);
    const end = new URL(op.endSessionEndpoint);
    end.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: TEST_REDIRECT_URI,
      client_id: op.clientId,
    }).toString();
    const confirm = await browse(jar, end.href);
    const html = await confirm.text();
    expect(html).toContain('document.forms[0].submit()');
    const submitted = await browse(jar, formAction(html, op.issuer), { form: hiddenInputs(html) });
    const back = await follow(jar, op.issuer, submitted);
    expect(back instanceof URL && `${back.origin}${back.pathname}`).toBe(TEST_REDIRECT_URI);
    const page = await openSignIn(op, jar, pkcePair().challenge);
    expect(await page.text()).toContain('<label for="password">Password</label>');
    // The session's refresh token dies with it, as after Cognito's sign-out.
    const refresh = await tokenRequest(op, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(refresh.status).toBe(400);
  });
});
