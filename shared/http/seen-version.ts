import { validationError } from '../errors';

/**
 * The comment version a moderator saw, from the body's `version` or the `If-Match` header; both
 * may be sent, but then they must agree (which one would we believe otherwise?).
 */
export const seenVersion = (fromBody: number | undefined, fromIfMatch: number | undefined): number | undefined => {
  if (fromBody !== undefined && fromIfMatch !== undefined && fromBody !== fromIfMatch)
    throw validationError({ version: 'Disagrees with the If-Match header' });
  return fromBody ?? fromIfMatch;
};
