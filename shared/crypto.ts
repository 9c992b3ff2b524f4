import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hashes with the deployment secret. Each purpose has its own label so that, say, the
 * avatar hash of an email can never be compared with the trust key of the same email.
 */
export type HashPurpose =
  | 'ip'
  | 'email'
  | 'avatar'
  | 'duplicate'
  | 'cursor'
  | 'edit-token'
  | 'form-token'
  | 'author-credential'
  | 'idempotency-request'
  | 'reader'
  | 'moderator';

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
 * What an author's identity becomes once stored: the public identicon seed (`avatar`, 32 hex
 * characters) and the private key of the author's trust record. The identity is the email together
 * with the root of the author's credential (shared/author-credential.ts), so typing someone's email
 * gives neither their trust nor their identicon. Two purposes, so one cannot be matched to the other.
 */
/** The keyed hash of an address alone (see CommentRecord.emailKey). */
export const emailKeyOf = (secret: string, email: string): string => keyedHash(secret, 'email', email.toLowerCase());

export const authorHashes = (secret: string, email: string, root: string): { avatar: string; authorKey: string } => {
  const identity = `${email.toLowerCase()}\0${root}`;
  return {
    avatar: keyedHash(secret, 'avatar', identity, 'hex').slice(0, 32),
    authorKey: keyedHash(secret, 'email', identity),
  };
};
