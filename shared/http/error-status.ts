import type { ErrorKind } from '../errors';

/** The one place where an error kind becomes an HTTP status code. */
export const ERROR_STATUS: Readonly<Record<ErrorKind, number>> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  forbidden: 403,
  edit_window_closed: 403,
  thread_locked: 403,
  reactions_off: 403,
  not_found: 404,
  post_not_found: 404,
  idempotency_conflict: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  queue_full: 429,
  unavailable: 503,
};
