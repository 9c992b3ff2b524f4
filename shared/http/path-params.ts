import { AppError } from '../errors';
import { ID_PATTERN } from '../ids';

/** Reads one path parameter of a route's template (API Gateway has already matched the path). */
export type PathParam = (raw: string | undefined) => string;

/** A comment id in the path. A malformed id names no comment: answer as for any unknown one (404, not 400). */
export const commentIdParam: PathParam = (raw) => {
  if (!raw || !ID_PATTERN.test(raw)) throw new AppError('not_found', 'No such comment');
  return raw;
};
