import { isReactionKind } from '../domain/reactions';
import { AppError, validationError } from '../errors';
import { ID_PATTERN } from '../ids';

/** Reads one path parameter of a route's template (API Gateway has already matched the path). */
export type PathParam = (raw: string | undefined) => string;

/** A comment id in the path. A malformed id names no comment: answer as for any unknown one (404, not 400). */
export const commentIdParam: PathParam = (raw) => {
  if (!raw || !ID_PATTERN.test(raw)) throw new AppError('not_found', 'No such comment');
  return raw;
};

/** A reaction kind in the path: one of the fixed set, else a 400 naming the set. */
export const reactionKindParam: PathParam = (raw) => {
  if (!raw || !isReactionKind(raw)) throw validationError({ kind: 'Must be like, love, laugh or insightful' });
  return raw;
};
