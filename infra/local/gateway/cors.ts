/** The CORS headers API Gateway adds from its CORS configuration, which the deployed stack shares (CORS_POLICY). */
import { CORS_POLICY } from '../../../shared/http/cors-policy';

/** The CORS headers API Gateway adds for an allowed origin; none at all for any other. */
export const corsHeaders = (
  origin: string | undefined,
  allowed: readonly string[],
  preflight: boolean,
): Record<string, string> => {
  if (origin === undefined || !allowed.includes(origin)) return {};
  const policy: Record<string, string> = preflight
    ? {
        'access-control-allow-methods': CORS_POLICY.allowMethods.join(','),
        'access-control-allow-headers': CORS_POLICY.allowHeaders.join(','),
        'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
      }
    : { 'access-control-expose-headers': CORS_POLICY.exposeHeaders.join(',') };
  return { 'access-control-allow-origin': origin, vary: 'Origin', ...policy };
};
