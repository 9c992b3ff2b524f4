/**
 * Every failure Parley reports to a client is an AppError of a known kind. Domain code throws
 * them; `shared/http/error-status.ts` maps each kind to its HTTP status, in one place.
 */
export type ErrorKind =
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_cursor'
  | 'unauthorized'
  | 'forbidden'
  | 'edit_window_closed'
  | 'thread_locked'
  | 'reactions_off'
  | 'not_found'
  | 'post_not_found'
  | 'idempotency_conflict'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'queue_full'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Field path -> reason, for `validation_failed`. */
    readonly fields?: Readonly<Record<string, string>>,
    /** Seconds the client should wait, for `rate_limited`, `queue_full` and `unavailable`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A 409 `conflict` because the thing changed since the caller saw it; `current` (what it is now)
 * goes into the error body so the caller can look again before deciding.
 */
export class StaleVersionError extends AppError {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super('conflict', message);
  }
}

export const validationError = (fields: Record<string, string>, message?: string): AppError => {
  const [first] = Object.entries(fields);
  return new AppError('validation_failed', message ?? (first ? `${first[0]}: ${first[1]}` : 'invalid request'), fields);
};
