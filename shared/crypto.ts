import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes with the deployment secret. Each purpose has its own label so that, say, the
 * avatar hash of an email can never be compared with the trust key of the same email.
 */
export type HashPurpose = 'ip' | 'email' | 'avatar' | 'duplicate' | 'cursor' | 'edit-token';

export const keyedHash = (secret: string, purpose: HashPurpose, value: string, encoding: 'base64url' | 'hex' = 'base64url'): string =>
  createHmac('sha256', secret).update(purpose).update('\0').update(value).digest(encoding);

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

export const randomToken = (): string => randomBytes(32).toString('base64url');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
