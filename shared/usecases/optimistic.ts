import { AppError } from '../errors';

/**
 * Changes to a comment are written conditionally on the version they read. An attempt that lost
 * the race answers RACED; it is then run again (re-reading and re-deciding) a few times before the
 * client is told to retry.
 */
export const RACED = Symbol('raced');

export const untilWritten = async <T>(maxAttempts: number, attempt: () => Promise<T | typeof RACED>): Promise<T> => {
  for (let i = 0; i < maxAttempts; i++) {
    const result = await attempt();
    if (result !== RACED) return result;
  }
  throw new AppError('conflict', 'The comment kept changing under concurrent changes; try again');
};
