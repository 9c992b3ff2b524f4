/**
 * The API's CORS configuration. API Gateway applies it deployed (the CDK stack passes it to the
 * HTTP API) and the local server emulates it, so the two cannot disagree. Allowed origins are a
 * deployment setting (`ALLOWED_ORIGINS`), not part of the policy.
 */
import { routes, type Route } from '../routes';

export interface CorsPolicy {
  readonly allowMethods: readonly Route['method'][];
  /** Lower-case request headers the widget and moderation tools send. */
  readonly allowHeaders: readonly string[];
  /** `Retry-After` must be readable by the widget to back off after a 429 or 503. */
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export const CORS_POLICY: CorsPolicy = {
  allowMethods: [...new Set(routes.map((route) => route.method))],
  allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-edit-token', 'x-author-credential'],
  exposeHeaders: ['retry-after'],
  // Ten minutes: Chromium caps preflight caching at two hours anyway, and a short value lets a policy change take effect quickly.
  maxAgeSeconds: 600,
};
