/**
 * What API Gateway's JWT authorizer checks on a Cognito token, and what the local authorizer will
 * call: the signature through the issuer's JWKS, `iss`, `exp` (and `iat` not in the future), and
 * the audience, which is `aud` on ID tokens and `client_id` on access tokens (Cognito access tokens
 * carry no `aud`). `token_use` must be `id` or `access`, so that a refresh token or some other JWT
 * from the same key is never taken for either.
 */
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { SIGNING_ALG } from './signing-key';

export interface CognitoTokenClaims extends JWTPayload {
  sub: string;
  token_use: 'id' | 'access';
  'cognito:groups'?: string[];
  'cognito:username'?: string;
  username?: string;
  client_id?: string;
  email?: string;
  scope?: string;
}

export interface VerifyCognitoTokenOptions {
  readonly issuer: string;
  /** e.g. jose's `createRemoteJWKSet(new URL(jwksUri))`, which caches keys as API Gateway does. */
  readonly jwks: JWTVerifyGetKey;
  /** The accepted app client ids (the authorizer's `audience` list). */
  readonly audience: readonly string[];
}

export class CognitoTokenError extends Error {
  override name = 'CognitoTokenError';
}

const audienceOf = (payload: JWTPayload): string[] => {
  if (payload.token_use === 'access') return typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (typeof payload.aud === 'string') return [payload.aud];
  return Array.isArray(payload.aud) ? payload.aud : [];
};

/** Returns the claims of a token the authorizer would accept; throws a CognitoTokenError otherwise. */
export const verifyCognitoToken = async (
  token: string,
  options: VerifyCognitoTokenOptions,
): Promise<CognitoTokenClaims> => {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.jwks, {
      algorithms: [SIGNING_ALG],
      issuer: options.issuer,
      requiredClaims: ['exp', 'iat', 'sub', 'token_use'],
    }));
  } catch (error) {
    throw new CognitoTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  // jose checks iat only when a maximum age is given; the authorizer refuses tokens from the future.
  if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + 5)
    throw new CognitoTokenError('"iat" claim is in the future');
  if (payload.token_use !== 'id' && payload.token_use !== 'access')
    throw new CognitoTokenError('"token_use" claim must be "id" or "access"');
  if (!audienceOf(payload).some((audience) => options.audience.includes(audience)))
    throw new CognitoTokenError(
      payload.token_use === 'access'
        ? '"client_id" claim is not an accepted client'
        : '"aud" claim is not an accepted client',
    );
  return payload as CognitoTokenClaims;
};
