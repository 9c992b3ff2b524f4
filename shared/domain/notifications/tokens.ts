/**
 * Signed, expiring tokens for the links in mails (moderator actions, confirmation, unsubscribe,
 * data access): `<payload>.<signature>`, the payload base64url JSON, the signature an HMAC-SHA256
 * with the deployment secret and a per-purpose label, so a token of one purpose never passes as
 * another. Single use is the store's job (a marker keyed by the token's nonce).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../crypto';

export type TokenPurpose = 'moderator-action' | 'confirm' | 'unsubscribe' | 'my-data';
export type ModeratorAction = 'approve' | 'reject' | 'spam';

export interface TokenClaims {
  /** The subject: a comment id (actions) or the keyed hash of an address (subscriptions, data). */
  readonly sub: string;
  /** Who acts: the moderator's id, for actions. */
  readonly by?: string;
  readonly action?: ModeratorAction;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  /** Random; the single-use marker's key. */
  readonly nonce: string;
}

export const ACTION_LINK_TTL_SECONDS = 7 * 24 * 3600;

const sign = (secret: string, purpose: TokenPurpose, payload: string): string =>
  createHmac('sha256', secret).update(`notify-token:${purpose}`).update('\0').update(payload).digest('base64url');

export const signToken = (
  secret: string,
  purpose: TokenPurpose,
  claims: Omit<TokenClaims, 'nonce' | 'exp'>,
  ttlSeconds: number,
  nowSeconds: number,
): string => {
  const full: TokenClaims = { ...claims, exp: nowSeconds + ttlSeconds, nonce: randomBytes(12).toString('base64url') };
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${sign(secret, purpose, payload)}`;
};

export type TokenCheck =
  { readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

export const verifyToken = (secret: string, purpose: TokenPurpose, token: string, nowSeconds: number): TokenCheck => {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  if (!safeEqual(signature, sign(secret, purpose, payload))) return { ok: false, reason: 'invalid' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.nonce !== 'string')
    return { ok: false, reason: 'invalid' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
};
