import type { Config } from '../config';
import { AppError } from '../errors';
import type { RateCharge } from '../store/rate-window';

export type RateLimitSettings = Pick<Config, 'rateLimitMax' | 'rateLimitWindowSeconds'>;

/** Fixed-window write limit per client (keyed hash of the source IP), enforced inside each write transaction. */
export const rateCharge = (settings: RateLimitSettings, clientHash: string, now: number): RateCharge => {
  const { rateLimitMax, rateLimitWindowSeconds } = settings;
  const windowStart = Math.floor(now / 1000 / rateLimitWindowSeconds) * rateLimitWindowSeconds;
  return { clientHash, windowStart, max: rateLimitMax, expiresAt: windowStart + rateLimitWindowSeconds + 60 };
};

/** `what` names what was refused: the notification routes share the window but send no comments. */
export const rateLimited = (
  settings: RateLimitSettings,
  charge: RateCharge,
  now: number,
  what = 'comments',
): AppError => {
  const retryAfter = Math.max(1, Math.ceil(charge.windowStart + settings.rateLimitWindowSeconds - now / 1000));
  return new AppError(
    'rate_limited',
    `Too many ${what} from your network; try again in ${retryAfter} seconds`,
    undefined,
    retryAfter,
  );
};
