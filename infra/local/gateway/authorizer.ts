/**
 * The JWT authorizer of moderator routes. Its interface is one function from the Authorization
 * header to claims or a refusal, so where the keys come from (today the local signing key in
 * jwt.ts) can change without the gateway noticing.
 */
import { TokenError, toApiGatewayClaims, verifyToken } from '../jwt';

export type AuthorizerResult = { readonly claims: Record<string, string> } | { readonly unauthorized: string };

/** Answers a refusal (a 401) for a missing or rejected token; throws when it cannot check at all (a 500). */
export type Authorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerResult>;

export const localJwtAuthorizer =
  (options: { readonly dataDir?: string } = {}): Authorizer =>
  async (authorizationHeader) => {
    // Like the JWT authorizer, take the token with or without its "Bearer " prefix.
    const token = (authorizationHeader ?? '').replace(/^bearer\s+/i, '').trim();
    if (!token) return { unauthorized: 'A moderator token is required: Authorization: Bearer <token>' };
    try {
      return { claims: toApiGatewayClaims(await verifyToken(token, { dataDir: options.dataDir })) };
    } catch (error) {
      // Only a rejected token is a 401; a broken key file is our failure, a 500.
      if (!(error instanceof TokenError)) throw error;
      return { unauthorized: `Invalid token: ${error.message}` };
    }
  };
