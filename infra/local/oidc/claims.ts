/**
 * Claims shaped like the Cognito user pool's, so that handlers, the authorizer and the console see
 * the same tokens locally as deployed. With email sign-in Cognito's username is the `sub` UUID, and
 * it omits `cognito:groups` entirely for a user in no group; both are mirrored here.
 */
import type { LocalAccount } from './accounts';

/** The first-party console's client id: the `aud` of ID tokens and `client_id` of access tokens. */
export const LOCAL_CLIENT_ID = 'parley-local-console';
/** The scopes Cognito's managed login grants the console's code flow. */
export const CONSOLE_SCOPES = ['openid', 'email', 'profile'] as const;

/** Which ID-token and userinfo claims each scope releases (oidc-provider's `claims` option). */
export const SCOPE_CLAIMS = {
  openid: ['sub', 'token_use', 'cognito:username', 'cognito:groups'],
  email: ['email', 'email_verified'],
  profile: [],
};

const groupsClaim = (account: LocalAccount): { 'cognito:groups'?: string[] } =>
  account.groups.length > 0 ? { 'cognito:groups': [...account.groups] } : {};

export interface CognitoIdClaims {
  sub: string;
  email: string;
  email_verified: true;
  'cognito:username': string;
  'cognito:groups'?: string[];
  token_use: 'id';
}

/** What the ID token says about the user; iss, aud, exp and the rest are added by the provider. */
export const idTokenClaims = (account: LocalAccount): CognitoIdClaims => ({
  sub: account.sub,
  email: account.email,
  email_verified: true,
  'cognito:username': account.sub,
  ...groupsClaim(account),
  token_use: 'id',
});

/** Cognito's userinfo endpoint answers the profile without the token-only claims. */
export const userinfoClaims = (account: LocalAccount): Omit<CognitoIdClaims, 'token_use' | 'cognito:groups'> => ({
  sub: account.sub,
  email: account.email,
  email_verified: true,
  'cognito:username': account.sub,
});

export interface CognitoAccessExtraClaims {
  token_use: 'access';
  username: string;
  'cognito:groups'?: string[];
}

/** Added to the access token next to the provider's sub, client_id, scope, iss, iat, exp and jti. */
export const accessTokenExtraClaims = (account: LocalAccount): CognitoAccessExtraClaims => ({
  token_use: 'access',
  username: account.sub,
  ...groupsClaim(account),
});
