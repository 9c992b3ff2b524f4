import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes with the deployment secret. Each purpose has its own label so that, say, the
 * avatar hash of an email can never be compared with the trust key of the same email.
 */
export type HashPurpose = 'ip' | 'email' | 'avatar' | 'duplicate' | 'cursor' | 'edit-token' | 'moderator';

export const keyedHash = (
  secret: string,
  purpose: HashPurpose,
  value: string,
  encoding: 'base64url' | 'hex' = 'base64url',
): string => createHmac('sha256', secret).update(purpose).update('\0').update(value).digest(encoding);

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

export const randomToken = (): string => randomBytes(32).toString('base64url');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * What an email becomes once stored: the public identicon seed (`avatar`, 32 hex characters) and
 * the private key of the author's trust record. Two purposes, so one cannot be matched to the other.
 */
export const authorHashes = (secret: string, email: string): { avatar: string; authorKey: string } => ({
  avatar: keyedHash(secret, 'avatar', email.toLowerCase(), 'hex').slice(0, 32),
  authorKey: keyedHash(secret, 'email', email.toLowerCase()),
});
