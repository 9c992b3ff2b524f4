/**
 * The local stand-in for the Cognito user pool's OpenID side: panva's oidc-provider (certified,
 * well kept) configured to issue Cognito-shaped tokens to one public, PKCE-only console client.
 * Discovery, JWKS, authorization code + PKCE, refresh, revocation and RP-initiated logout are the
 * library's; Parley only supplies users (accounts.ts), claims (claims.ts), the key (signing-key.ts)
 * and the sign-in page (login-page.ts).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { findAccountBySub } from './accounts';
import {
  CONSOLE_SCOPES,
  LOCAL_CLIENT_ID,
  SCOPE_CLAIMS,
  accessTokenExtraClaims,
  idTokenClaims,
  userinfoClaims,
} from './claims';
import { handleInteraction, logoutSource, postLogoutSuccessSource } from './login-page';
import { SIGNING_ALG, loadSigningKey } from './signing-key';

/** The local API as a resource server: naming it is what makes oidc-provider issue JWT access tokens. */
export const LOCAL_API_RESOURCE = 'urn:parley:local-api';

/** Cognito's defaults: one hour for ID and access tokens, thirty days for refresh tokens. */
const TTL = { token: 3600, refresh: 30 * 24 * 3600, code: 300 } as const;

export interface OidcProviderOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  readonly dataDir: string;
  /** Where the console may receive the code, e.g. http://localhost:8787/admin/. */
  readonly consoleRedirectUris: readonly string[];
  /** Where logout may return to; defaults to the redirect URIs. */
  readonly consolePostLogoutRedirectUris?: readonly string[];
  /** Defaults to http://HOST:PORT. */
  readonly issuer?: string;
  /** Access and ID token lifetime in seconds (tests shorten it to watch refresh). */
  readonly tokenTtlSeconds?: number;
}

export interface RunningOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwksUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint: string;
  stop(): Promise<void>;
}

const configuration = async (options: OidcProviderOptions): Promise<Configuration> => {
  const tokenTtl = options.tokenTtlSeconds ?? TTL.token;
  const redirectOrigins = new Set(options.consoleRedirectUris.map((uri) => new URL(uri).origin));
  const scopes = CONSOLE_SCOPES.join(' ');
  return {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        // A browser app cannot keep a secret: public client, as the Cognito app client (no secret).
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.consoleRedirectUris],
        post_logout_redirect_uris: [...(options.consolePostLogoutRedirectUris ?? options.consoleRedirectUris)],
      },
    ],
    jwks: { keys: [await loadSigningKey(options.dataDir)] },
    scopes: [...CONSOLE_SCOPES],
    claims: SCOPE_CLAIMS,
    // Cognito puts the user's claims in the ID token of the code flow, not only at userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: tokenTtl,
      IdToken: tokenTtl,
      RefreshToken: TTL.refresh,
      AuthorizationCode: TTL.code,
      Interaction: 3600,
      Session: TTL.refresh,
      Grant: TTL.refresh,
    },
    // Cognito issues a refresh token to every code flow, without offline_access, and keeps the same
    // one on refresh (no rotation): the console must keep using the refresh token it first got.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    findAccount: async (_ctx, sub) => {
      const account = await findAccountBySub(options.dataDir, sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async (use) => (use === 'id_token' ? idTokenClaims(account) : userinfoClaims(account)),
      };
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = await findAccountBySub(options.dataDir, token.accountId);
      return account ? { ...accessTokenExtraClaims(account) } : undefined;
    },
    // The console is first party: like Cognito's managed login it never asks for consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId || oidc.session?.grantIdFor(oidc.client?.clientId ?? '');
      if (grantId) return oidc.provider.Grant.find(grantId);
      if (oidc.client?.clientId !== LOCAL_CLIENT_ID || !oidc.session?.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: LOCAL_CLIENT_ID, accountId: oidc.session.accountId });
      grant.addOIDCScope(scopes);
      grant.addResourceScope(LOCAL_API_RESOURCE, scopes);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === LOCAL_CLIENT_ID && redirectOrigins.has(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => LOCAL_API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== LOCAL_API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: scopes,
            // oidc-provider refuses JWT access tokens without `aud`; the client id is the closest to
            // Cognito, whose access tokens name the client only (in `client_id`).
            audience: client.clientId,
            accessTokenTTL: tokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
  };
};

const listen = (server: http.Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

/** Starts the provider on its own port; `stop()` closes it and its open connections. */
export const startOidcProvider = async (options: OidcProviderOptions): Promise<RunningOidcProvider> => {
  const host = options.host ?? '127.0.0.1';
  let handle: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  // Listen first, so that port 0 resolves to a real port before the issuer is fixed.
  const port = await listen(server, options.port, host);
  const issuer = (options.issuer ?? `http://${host}:${port}`).replace(/\/$/, '');
  const provider = new Provider(issuer, await configuration(options));
  const callback = provider.callback();
  const formTargets = [...new Set(options.consoleRedirectUris.map((uri) => new URL(uri).origin))];
  handle = (req, res) => {
    handleInteraction(provider, options.dataDir, req, res, formTargets)
      .then((handled) => {
        if (!handled) callback(req, res);
      })
      .catch((error: unknown) => {
        console.error('local OpenID provider:', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      });
  };
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    jwksUri: `${issuer}/jwks`,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    endSessionEndpoint: `${issuer}/session/end`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
