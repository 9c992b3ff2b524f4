/** How long an Idempotency-Key answers with its first response (and, after an erasure, with 404). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
