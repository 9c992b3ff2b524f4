import { keyedHash, safeEqual } from './crypto';

/**
 * The form token: the thread response carries one, signed with the deployment secret over the
 * time it was issued, and the widget sends it back with a new comment. Its age is the server's
 * own measure of how long the form was open, which a client cannot shorten by claiming a number.
 * A token is not bound to one use: it proves only that a reader's page was loaded a while ago.
 */
export const FORM_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
const CLOCK_SKEW_MS = 5000;

const signature = (secret: string, issued: string): string => keyedHash(secret, 'form-token', issued);

export const issueFormToken = (secret: string, nowMs: number): string => {
  const issued = nowMs.toString(36);
  return `${issued}.${signature(secret, issued)}`;
};

/**
 * Milliseconds since the token was issued, or null for no token, a forged one, one from the
 * future or one older than its lifetime: all of them count as "no valid token".
 */
export const formTokenAge = (secret: string, token: string | undefined, nowMs: number): number | null => {
  const [issued, mac, ...rest] = (token ?? '').split('.');
  if (!issued || !mac || rest.length > 0 || !safeEqual(mac, signature(secret, issued))) return null;
  const age = nowMs - parseInt(issued, 36);
  // Lambdas' clocks may differ by a little: a token a few seconds "from the future" is fresh.
  if (!Number.isFinite(age) || age < -CLOCK_SKEW_MS || age > FORM_TOKEN_LIFETIME_MS) return null;
  return Math.max(0, age);
};
