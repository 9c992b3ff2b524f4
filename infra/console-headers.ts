/**
 * The security headers of the moderation console's page, for both places that serve it: the
 * CloudFront `/admin/*` behaviour (infra/cdk/constructs/edge.ts, as a response headers policy) and
 * the local stand-in's `/admin/` (infra/local/demo-site.ts). One function, so the policy the
 * browser tests run under is the one deployed.
 *
 * What the console needs (web/console-page.ts, web/admin/*.ts, built by web/build.ts): one external
 * script and one external stylesheet from its own origin, a `data:` favicon, `fetch` to its own
 * origin (config.json and, deployed, the API under `/v1/`) and to the sign-in service's token and
 * revocation endpoints (oauth4webapi, web/admin/oidc.ts). The page has no inline script or style,
 * and sets no `style` attribute, so no hash or 'unsafe-inline' is needed. Sign-in and sign-out
 * leave the page with `location.assign`, a navigation CSP does not govern, and its forms (filters,
 * replies) are only ever submitted by script, so `form-action 'none'`. The sign-in service's own
 * page is another document, under its own policy.
 */

/** One year; the distribution serves nothing but HTTPS. */
export const CONSOLE_HSTS = { maxAgeSeconds: 365 * 24 * 60 * 60, includeSubdomains: true } as const;

export interface ConsoleOrigins {
  /**
   * The sign-in service's origin, where the console trades codes for tokens and revokes them:
   * Cognito's managed login domain deployed, the local OpenID provider on `npm start`. None: the
   * console cannot sign in anyway (no config.json).
   */
  readonly signInOrigin?: string;
  /** The API's origin when it is not the page's own (the local demo site may point elsewhere). */
  readonly apiOrigin?: string;
}

export interface ConsoleSecurityHeaders {
  readonly 'content-security-policy': string;
  readonly 'strict-transport-security': string;
  readonly 'x-content-type-options': 'nosniff';
  /** The sign-in redirect needs no referrer: Cognito and the local provider check redirect_uri, not Referer. */
  readonly 'referrer-policy': 'no-referrer';
  readonly 'x-frame-options': 'DENY';
}

export function consoleCsp({ signInOrigin, apiOrigin }: ConsoleOrigins = {}): string {
  const connect = ["'self'", ...new Set([apiOrigin, signInOrigin].filter((o): o is string => !!o))];
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self'`,
    `img-src 'self' data:`,
    `connect-src ${connect.join(' ')}`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
    `base-uri 'none'`,
  ].join('; ');
}

export function consoleSecurityHeaders(origins: ConsoleOrigins = {}): ConsoleSecurityHeaders {
  return {
    'content-security-policy': consoleCsp(origins),
    'strict-transport-security': `max-age=${CONSOLE_HSTS.maxAgeSeconds}${CONSOLE_HSTS.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}
