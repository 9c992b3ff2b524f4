/**
 * The authorizer `npm start` and the tests use: what API Gateway's JWT authorizer does with a
 * Cognito user pool, against the local OpenID provider. Keys come from the provider's JWKS (fetched
 * and cached by jose, as API Gateway caches Cognito's), and verifyCognitoToken checks the rest.
 */
import { createRemoteJWKSet } from 'jose';
import { toApiGatewayClaims } from './authorizer';
import { CognitoTokenError, verifyCognitoToken } from '../oidc/verify-token';
import type { Authorizer } from './authorizer';

export interface OidcAuthorizerOptions {
  readonly issuer: string;
  readonly jwksUri: string;
  /** The accepted app client ids. */
  readonly audience: readonly string[];
}

export const oidcAuthorizer = (options: OidcAuthorizerOptions): Authorizer => {
  const jwks = createRemoteJWKSet(new URL(options.jwksUri));
  return async (authorizationHeader) => {
    // Like the JWT authorizer, take the token with or without its "Bearer " prefix.
    const token = (authorizationHeader ?? '').replace(/^bearer\s+/i, '').trim();
    if (!token) return { unauthorized: 'A moderator token is required: Authorization: Bearer <token>' };
    try {
      const claims = await verifyCognitoToken(token, { issuer: options.issuer, jwks, audience: options.audience });
      return { claims: toApiGatewayClaims(claims) };
    } catch (error) {
      // Only a rejected token is a 401; an unreachable JWKS is our failure, a 500.
      if (!(error instanceof CognitoTokenError)) throw error;
      return { unauthorized: `Invalid token: ${error.message}` };
    }
  };
};
