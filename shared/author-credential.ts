import { authorHashes, keyedHash, safeEqual } from './crypto';

/**
 * The author credential: what makes "the same author" something only that reader holds, not an
 * email anyone can type. It names a root (the id of the first comment the reader posted without
 * one) and is signed over the root and the email with the deployment secret. The POST response
 * hands it out; the widget keeps it and sends it back as `X-Author-Credential`. Trust records and
 * identicons are keyed by email and root together, so a comment that only types an email starts a
 * new identity: held under `trusted`, with an identicon of its own.
 */
const signature = (secret: string, email: string, root: string): string =>
  keyedHash(secret, 'author-credential', `${root}\0${email.toLowerCase()}`);

export const issueAuthorCredential = (secret: string, email: string, root: string): string =>
  `${root}.${signature(secret, email, root)}`;

/** The root a credential names, when it is genuine and issued for this very email; else undefined. */
export const credentialRoot = (secret: string, email: string, credential: string | undefined): string | undefined => {
  const [root, mac, ...rest] = (credential ?? '').split('.');
  if (!root || !mac || rest.length > 0) return undefined;
  return safeEqual(mac, signature(secret, email, root)) ? root : undefined;
};

export interface AuthorIdentity {
  readonly avatar: string;
  readonly authorKey: string;
  readonly credential: string;
}

/**
 * The identity a comment with this email is stored under: the credential's when it presents a
 * genuine one for the email, else a new one rooted at `newRoot` (the new comment's id).
 */
export const authorIdentity = (
  secret: string,
  email: string,
  credential: string | undefined,
  newRoot: string,
): AuthorIdentity => {
  const root = credentialRoot(secret, email, credential) ?? newRoot;
  return { ...authorHashes(secret, email, root), credential: issueAuthorCredential(secret, email, root) };
};
