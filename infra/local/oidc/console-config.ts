/**
 * The console's `/admin/config.json` for the local provider: the same fields the CDK stack writes
 * for Cognito's managed login (infra/cdk/constructs/console-sign-in.ts), so one console bundle
 * signs in against either.
 */
import type { ConsoleConfig } from '../../../web/admin/oidc';
import type { RunningOidcProvider } from './provider';

export const localConsoleConfig = (op: RunningOidcProvider): ConsoleConfig => ({
  issuer: op.issuer,
  clientId: op.clientId,
  authorizationEndpoint: op.authorizationEndpoint,
  tokenEndpoint: op.tokenEndpoint,
  // oidc-provider's revocation endpoint (RFC 7009); not in RunningOidcProvider, fixed by the library.
  revocationEndpoint: `${op.issuer}/token/revocation`,
  logoutEndpoint: op.endSessionEndpoint,
  logoutStyle: 'oidc',
  scopes: 'openid email profile',
});
