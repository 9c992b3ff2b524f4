/**
 * A minimal browser for the local OpenID provider's tests: fetch with a cookie jar and manual
 * redirects, so each hop of the authorization code + PKCE flow can be checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet } from 'jose';
import { addAccount, ensureDefaultModerator } from '../../infra/local/oidc/accounts';
import { startOidcProvider, type RunningOidcProvider } from '../../infra/local/oidc/provider';

/** Registered as the console's redirect URI in tests; never contacted (redirects to it are not followed). */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:9/admin/';

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // oidc-provider clears a cookie by setting it empty with a past expiry.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export const pkcePair = (): { verifier: string; challenge: string } => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** One request as a browser would send it: cookies in, cookies kept, redirects not followed. */
export const browse = async (
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> => {
  const response = await fetch(url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      cookie: jar.header(),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  jar.store(response);
  return response;
};

/** Follows redirects on the provider's origin until one leaves it (to the client) or a page answers. */
export const follow = async (jar: CookieJar, issuer: string, response: Response): Promise<Response | URL> => {
  let current = response;
  for (let hops = 0; hops < 10; hops++) {
    const location = current.headers.get('location');
    if (current.status < 300 || current.status >= 400 || !location) return current;
    const next = new URL(location, issuer);
    if (next.origin !== new URL(issuer).origin) return next;
    current = await browse(jar, next.href);
  }
  throw new Error('too many redirects');
};

export const formAction = (html: string, issuer: string): string => {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in page:\n${html}`);
  return new URL(action.replace(/&amp;/g, '&'), issuer).href;
};

export const hiddenInputs = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );

export const decodeJwt = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

export interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
}

export const tokenRequest = async (op: RunningOidcProvider, form: Record<string, string>): Promise<Response> =>
  fetch(`${op.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: op.clientId, ...form }).toString(),
  });

/** GET /auth up to the sign-in form; returns the form page. */
export const openSignIn = async (op: RunningOidcProvider, jar: CookieJar, challenge: string): Promise<Response> => {
  const auth = new URL(`${op.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: op.clientId,
    redirect_uri: TEST_REDIRECT_URI,
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
export const signIn = async (
  op: RunningOidcProvider,
  email: string,
  password: string,
): Promise<{ tokens: Tokens; jar: CookieJar }> => {
  const jar = new CookieJar();
  const { verifier, challenge } = pkcePair();
  const form = await (await openSignIn(op, jar, challenge)).text();
  const posted = await browse(jar, formAction(form, op.issuer), { form: { email, password } });
  const back = await follow(jar, op.issuer, posted);
  if (!(back instanceof URL)) throw new Error(`expected a redirect to the console, got ${back.status}`);
  if (`${back.origin}${back.pathname}` !== TEST_REDIRECT_URI || back.searchParams.get('state') !== 'state-1')
    throw new Error(`unexpected redirect ${back.href}`);
  const code = back.searchParams.get('code') ?? '';
  const response = await tokenRequest(op, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: TEST_REDIRECT_URI,
    code_verifier: verifier,
  });
  if (response.status !== 200) throw new Error(`token exchange answered ${response.status}`);
  return { tokens: (await response.json()) as Tokens, jar };
};

/** A local user outside the moderators group. */
export const READER = { email: 'bob@example.org', password: 'bob-reads-only' };

/**
 * One provider for a test file, with alice (moderator) and READER, stopped after the file; the
 * returned getter gives its data dir, the running provider and the authorizer's verify options.
 */
export const useLocalProvider = () => {
  let dataDir = '';
  let op: RunningOidcProvider | undefined;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-oidc-'));
    await ensureDefaultModerator(dataDir);
    await addAccount(dataDir, { ...READER, groups: [] });
    op = await startOidcProvider({ port: 0, dataDir, consoleRedirectUris: [TEST_REDIRECT_URI] });
  });
  afterAll(async () => {
    await op?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return () => ({
    dataDir,
    op: op!,
    verifyOptions: () => ({
      issuer: op!.issuer,
      jwks: createRemoteJWKSet(new URL(op!.jwksUri)),
      audience: [op!.clientId],
    }),
  });
};
