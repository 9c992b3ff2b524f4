/**
 * A reader's notification requests (subscribe, my-data link, confirm, download, erase) count
 * against the same per-client write rate window as comment writes: they send mail or write on an
 * anonymous request, and the global mail budget alone would let one client use it all up.
 */
import { keyedHash } from '../crypto';
import type { AppError } from '../errors';
import type { RateCharge } from '../store/rate-window';
import { rateCharge, rateLimited } from '../usecases/rate-limit';
import type { NotifierDeps } from './notifier-deps';

export interface ClientRate {
  readonly charge: RateCharge;
  /** The 429 `rate_limited` (with Retry-After) to answer when the window is full. */
  readonly refused: () => AppError;
}

/** The window of the client at `sourceIp`, keyed by the keyed hash of its address, as comment writes key it. */
export const clientRate = async (
  deps: Pick<NotifierDeps, 'settings' | 'secret' | 'now'>,
  sourceIp: string,
): Promise<ClientRate> => {
  const now = deps.now().getTime();
  const charge = rateCharge(deps.settings, keyedHash(await deps.secret(), 'ip', sourceIp), now);
  return { charge, refused: () => rateLimited(deps.settings, charge, now, 'requests') };
};
