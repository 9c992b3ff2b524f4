/**
 * Sign-in as any web app does it: OAuth 2.0 authorization code with PKCE against the moderators'
 * identity provider (Cognito's managed login when deployed, the local OpenID provider on
 * `npm start`), through oauth4webapi, a small standards-based client, so no token is ever typed.
 * Where the provider lives comes from `/admin/config.json`, written by the stack or the local
 * server, so the same bundle signs in everywhere.
 */
import * as oauth from 'oauth4webapi';

export interface ConsoleConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint?: string;
  readonly logoutEndpoint: string;
  /** Cognito's /logout takes client_id and logout_uri; an OpenID provider takes post_logout_redirect_uri. */
  readonly logoutStyle: 'oidc' | 'cognito';
  readonly scopes?: string;
  /** Deployed: the blog's own URL, which post links start with (the console is not on the blog's domain). */
  readonly postBase?: string;
}

/** What the console keeps of one sign-in (sessionStorage: this tab only). */
export interface Tokens {
  /** Sent to the API: it names the moderator (email) and their groups, which Cognito's access token does not. */
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Epoch ms when the ID token expires. */
  readonly expiresAt: number;
  /** Epoch ms when it was issued, to refresh at a share of its lifetime. */
  readonly issuedAt: number;
  readonly name: string;
  readonly groups: readonly string[];
}

const PENDING = 'parley:admin-signin';
const client = (c: ConsoleConfig): oauth.Client => ({ client_id: c.clientId });
const server = (c: ConsoleConfig): oauth.AuthorizationServer => ({
  issuer: c.issuer,
  authorization_endpoint: c.authorizationEndpoint,
  token_endpoint: c.tokenEndpoint,
  revocation_endpoint: c.revocationEndpoint,
});
// Plain http is only ever the local provider on this machine; oauth4webapi refuses it otherwise.
const http = (c: ConsoleConfig) =>
  new URL(c.tokenEndpoint).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
export const redirectUri = () => `${location.origin}/admin/`;

let loaded: Promise<ConsoleConfig> | undefined;
export const config = (): Promise<ConsoleConfig> =>
  (loaded ??= fetch('/admin/config.json', { credentials: 'omit' }).then((r) => {
    if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
    return r.json() as Promise<ConsoleConfig>;
  }));

/** Leaves for the provider's sign-in page; `place` (the console's URL hash) is restored on return. */
export async function beginSignIn(place: string): Promise<void> {
  const c = await config();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, place }));
  const url = new URL(c.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: c.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: c.scopes ?? 'openid email profile',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

const toTokens = (res: oauth.TokenEndpointResponse, previous?: Tokens): Tokens => {
  const claims = oauth.getValidatedIdTokenClaims(res);
  if (!res.id_token || !claims) throw new Error('The sign-in service sent no ID token');
  const groups = claims['cognito:groups'];
  return {
    idToken: res.id_token,
    // Cognito keeps the first refresh token (no rotation) and omits it from refresh answers.
    refreshToken: res.refresh_token ?? previous?.refreshToken,
    expiresAt: claims.exp * 1000,
    issuedAt: claims.iat * 1000,
    name: String(claims.email ?? claims['cognito:username'] ?? claims.sub),
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
};

/** On the redirect back: trades the code for tokens; undefined when this page load is no callback. */
export async function finishSignIn(): Promise<{ tokens: Tokens; place: string } | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    place: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  // The code is single-use and the URL may be bookmarked or shared: it leaves the address bar now.
  history.replaceState(null, '', `${location.pathname}${pending?.place ?? ''}`);
  if (!pending) throw new Error('This sign-in was not started here; sign in again.');
  const c = await config();
  const callback = oauth.validateAuthResponse(server(c), client(c), params, pending.state);
  const res = await oauth.authorizationCodeGrantRequest(
    server(c),
    client(c),
    oauth.None(),
    callback,
    redirectUri(),
    pending.verifier,
    http(c),
  );
  return {
    tokens: toTokens(await oauth.processAuthorizationCodeResponse(server(c), client(c), res)),
    place: pending.place,
  };
}

/** New tokens from the refresh token; throws when the sign-in ended (revoked, expired). */
export async function refresh(tokens: Tokens): Promise<Tokens> {
  if (!tokens.refreshToken) throw new Error('no refresh token');
  const c = await config();
  const res = await oauth.refreshTokenGrantRequest(server(c), client(c), oauth.None(), tokens.refreshToken, http(c));
  return toTokens(await oauth.processRefreshTokenResponse(server(c), client(c), res), tokens);
}

/** Ends the session at the provider too, so the next "Sign in" asks for the password again. */
export async function endSession(tokens: Tokens | undefined): Promise<void> {
  const c = await config();
  if (tokens?.refreshToken && c.revocationEndpoint) {
    // Best effort: a refresh token that cannot be revoked still dies with the provider's session.
    await oauth
      .revocationRequest(server(c), client(c), oauth.None(), tokens.refreshToken, http(c))
      .catch(() => undefined);
  }
  const url = new URL(c.logoutEndpoint);
  url.search = new URLSearchParams(
    c.logoutStyle === 'cognito'
      ? { client_id: c.clientId, logout_uri: redirectUri() }
      : {
          client_id: c.clientId,
          post_logout_redirect_uri: redirectUri(),
          ...(tokens ? { id_token_hint: tokens.idToken } : {}),
        },
  ).toString();
  location.assign(url.href);
}
