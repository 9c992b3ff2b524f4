/**
 * The local stand-in for the Cognito user pool and API Gateway's JWT authorizer: a local RS256 key
 * signs ID-token-shaped JWTs, and `verifyToken` checks what the authorizer checks (key id,
 * algorithm, signature, issuer, audience, expiry), no more and no less.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

export const LOCAL_ISSUER = 'https://parley.local/local-user-pool';
export const LOCAL_AUDIENCE = 'parley-local-client';
import { MODERATORS_GROUP } from '../../shared/http/require-moderator';
import { localDataDir } from './paths';
const KEY_FILE = 'jwt-signing-key.json';

export interface IdTokenClaims extends JWTPayload {
  sub: string;
  'cognito:username': string;
  'cognito:groups'?: string[];
  token_use: 'id';
  email?: string;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const createKeyFile = async (file: string): Promise<void> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stored: StoredKey = {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then hard-linked into place: link fails if another process won the race, and then its key is used.
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(temp, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(temp);
  }
};

const loadKey = async (file: string): Promise<SigningKey> => {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await createKeyFile(file);
    text = await fs.readFile(file, 'utf8');
  }
  const stored = JSON.parse(text) as StoredKey;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, 'RS256')) as CryptoKey,
  };
};

const keys = new Map<string, Promise<SigningKey>>();
const signingKey = (dataDir = localDataDir()): Promise<SigningKey> => {
  const file = path.resolve(dataDir, KEY_FILE);
  let key = keys.get(file);
  if (!key) {
    key = loadKey(file);
    key.catch(() => keys.delete(file));
    keys.set(file, key);
  }
  return key;
};

export interface IssueTokenOptions {
  readonly username: string;
  readonly moderator: boolean;
  /** Further groups; Cognito omits `cognito:groups` entirely for a user in none. */
  readonly groups?: readonly string[];
  readonly email?: string;
  /** Default one hour, Cognito's default ID token validity. Negative values make expired tokens for tests. */
  readonly expiresInSeconds?: number;
  /** Epoch seconds; default now. */
  readonly issuedAt?: number;
  /** Overrides for tests that need a token from another pool or app client. */
  readonly issuer?: string;
  readonly audience?: string;
  readonly dataDir?: string;
}

/** A stable UUID-shaped `sub` per username, as Cognito keeps one per user. */
const subFor = (username: string): string => {
  const hex = createHash('sha256').update(`parley-local:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const issueToken = async (options: IssueTokenOptions): Promise<string> => {
  const key = await signingKey(options.dataDir);
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const groups = [...new Set([...(options.moderator ? [MODERATORS_GROUP] : []), ...(options.groups ?? [])])];
  const claims: IdTokenClaims = {
    sub: subFor(options.username),
    ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
    ...(options.email === undefined ? {} : { email: options.email, email_verified: true }),
    'cognito:username': options.username,
    token_use: 'id',
    auth_time: iat,
    iss: options.issuer ?? LOCAL_ISSUER,
    aud: options.audience ?? LOCAL_AUDIENCE,
    iat,
    exp: iat + (options.expiresInSeconds ?? 3600),
    jti: randomUUID(),
  };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
};

/** Returns the claims of a token the JWT authorizer would accept; throws a TokenError otherwise. */
export const verifyToken = async (token: string, options: { dataDir?: string } = {}): Promise<IdTokenClaims> => {
  const key = await signingKey(options.dataDir);
  try {
    const { payload } = await jwtVerify<IdTokenClaims>(
      token,
      (header) => {
        if (header.kid !== key.kid) throw new TokenError('unknown signing key');
        return key.publicKey;
      },
      { algorithms: ['RS256'], issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, requiredClaims: ['exp', 'iat'] },
    );
    // The authorizer requires iat in the past; jose only checks it when a maximum age is given.
    if (payload.iat === undefined || payload.iat > Date.now() / 1000)
      throw new TokenError('"iat" claim is in the future');
    return payload;
  } catch (error) {
    if (error instanceof TokenError) throw error;
    throw new TokenError(error instanceof Error ? error.message : 'invalid token');
  }
};

/**
 * The claims as API Gateway hands them to Lambda in `requestContext.authorizer.jwt.claims`: every
 * value a string, arrays flattened to `[a b]`.
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
