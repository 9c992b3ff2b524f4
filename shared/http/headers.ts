import { AppError, validationError } from '../errors';
import { ID_PATTERN } from '../ids';
import type { ApiRequest } from './api-request';

const PRINTABLE_ASCII = /^[\x21-\x7E]{1,128}$/;

/** The optional `Idempotency-Key` header: 1 to 128 visible ASCII characters. */
export const idempotencyKeyOf = (req: ApiRequest): string | undefined => {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!PRINTABLE_ASCII.test(key))
    throw validationError({ 'Idempotency-Key': 'Must be 1 to 128 visible ASCII characters' });
  return key;
};

export const editTokenOf = (req: ApiRequest): string | undefined => req.headers['x-edit-token'] || undefined;

export const pathId = (req: ApiRequest): string => {
  const id = req.pathParameters.id;
  // A malformed id names no comment: answer as for any unknown one.
  if (!id || !ID_PATTERN.test(id)) throw new AppError('not_found', 'No such comment');
  return id;
};
