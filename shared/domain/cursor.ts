import { keyedHash, safeEqual } from '../crypto';
import { AppError } from '../errors';

/**
 * Opaque, tamper-evident pagination cursors: the position, bound to a scope (the post and sort of
 * a thread, the status and post of a queue), signed with the deployment secret. A cursor that was
 * altered, forged or used in another scope is refused.
 */
export const encodeCursor = (secret: string, scope: string, position: unknown): string => {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${keyedHash(secret, 'cursor', `${scope}\0${payload}`)}`;
};

export const decodeCursor = <T>(
  secret: string,
  scope: string,
  cursor: string,
  isPosition: (value: unknown) => value is T,
): T => {
  const invalid = new AppError(
    'invalid_cursor',
    'The cursor is not valid for this request; start again from the first page',
  );
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid;
  if (!safeEqual(signature, keyedHash(secret, 'cursor', `${scope}\0${payload}`))) throw invalid;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!isPosition(position)) throw invalid;
  return position;
};

export const isString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length < 1024;

export const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');
