import type * as z from 'zod/mini';
import { AppError } from '../errors';
import type { ApiRequest } from './api-request';
import { parseWith } from './validation';

export const MAX_BODY_BYTES = 32 * 1024;

const isJsonContentType = (value: string | undefined): boolean => {
  if (value === undefined) return false;
  const [type, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
};

/**
 * Reads a JSON request body: 413 over 32 KiB, 415 unless `application/json` (UTF-8), 400 for
 * invalid UTF-8 (U+FFFD included), malformed JSON or a body that fails `schema`. An absent body is `{}` when `optional`.
 */
export const readJsonBody = <S extends z.core.$ZodType>(
  req: ApiRequest,
  schema: S,
  options: { optional?: boolean } = {},
): z.output<S> => {
  const raw = req.body ?? '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  // Invalid or overlong UTF-8 reaches a handler already decoded, each bad sequence replaced by
  // U+FFFD: refusing the replacement character is the only way to refuse the mangled body.
  if (raw.includes('\uFFFD')) {
    throw new AppError('invalid_json', 'The request body is not valid UTF-8 (invalid or overlong byte sequences)');
  }
  if (raw.length === 0) {
    if (options.optional) return parseWith(schema, {});
    throw new AppError('invalid_json', 'The request body must be a JSON object');
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json (UTF-8)');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('invalid_json', 'The request body must be a JSON object');
  }
  return parseWith(schema, value);
};
