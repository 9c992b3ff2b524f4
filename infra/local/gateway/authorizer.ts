/**
 * The JWT authorizer of moderator routes, as the gateway sees it: one function from the
 * Authorization header to claims or a refusal, so where the keys come from (the local OpenID
 * provider, oidc-authorizer.ts) can change without the gateway noticing.
 */
export type AuthorizerResult = { readonly claims: Record<string, string> } | { readonly unauthorized: string };

/** Answers a refusal (a 401) for a missing or rejected token; throws when it cannot check at all (a 500). */
export type Authorizer = (authorizationHeader: string | undefined) => Promise<AuthorizerResult>;

/**
 * Claims as API Gateway's JWT authorizer hands them to the function: every value a string, arrays
 * as `[a b]` (how `cognito:groups` arrives), objects as JSON.
 */
export const toApiGatewayClaims = (claims: Readonly<Record<string, unknown>>): Record<string, string> => {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) flat[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') flat[name] = JSON.stringify(value);
    else flat[name] = String(value);
  }
  return flat;
};
