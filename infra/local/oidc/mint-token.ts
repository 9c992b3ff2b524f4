/**
 * Tokens for curl and scripts (`npm run token`), signed by the local provider's own key, so the
 * authorizer verifies them through the same JWKS as signed-in tokens. Shaped like the access
 * tokens the provider issues (claims.ts), which are shaped like Cognito's.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { findAccountByEmail } from './accounts';
import { CONSOLE_SCOPES, LOCAL_CLIENT_ID, accessTokenExtraClaims } from './claims';
import { SIGNING_ALG, loadSigningKey } from './signing-key';

export interface MintLocalTokenOptions {
  readonly dataDir: string;
  /** The running provider's issuer (RunningOidcProvider.issuer). */
  readonly issuer: string;
  /** A local user's email (their `sub` is used) or any name (a stable UUID is derived from it). */
  readonly username: string;
  /** Cognito omits `cognito:groups` for a user in none; so does an empty list here. */
  readonly groups: readonly string[];
  readonly clientId?: string;
  /** Default one hour; negative values make expired tokens for tests. */
  readonly expiresInSeconds?: number;
}

/** A stable UUID-shaped `sub` per name, as Cognito keeps one per user. */
const subFor = (name: string): string => {
  const hex = createHash('sha256').update(`parley-local:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const mintLocalToken = async (options: MintLocalTokenOptions): Promise<string> => {
  const jwk = await loadSigningKey(options.dataDir);
  const clientId = options.clientId ?? LOCAL_CLIENT_ID;
  const account = await findAccountByEmail(options.dataDir, options.username);
  const sub = account?.sub ?? subFor(options.username);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    ...accessTokenExtraClaims({ sub, email: options.username, groups: options.groups }),
    // A name that is no local account stands for a user of a pool that signs in with usernames,
    // whose access tokens name the user in `username` (scripts and tests read "alice" back).
    ...(account ? {} : { username: options.username }),
    client_id: clientId,
    scope: CONSOLE_SCOPES.join(' '),
    auth_time: now,
    // The provider's access tokens carry aud = client id (see provider.ts); minted ones match them.
    aud: clientId,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: jwk.kid, typ: 'at+jwt' })
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .setJti(randomUUID())
    .sign(await importJWK(jwk, SIGNING_ALG));
};
