import { AppError } from '../errors';
import type { Moderator } from '../usecases/moderate';
import type { ApiRequest } from './api-request';

export const MODERATORS_GROUP = 'moderators';

/**
 * API Gateway's JWT authorizer flattens array claims into "[a b]"; tokens may also carry a JSON
 * array or a single name. Accept all three spellings.
 */
const groupsOf = (raw: string | undefined): string[] => {
  if (!raw) return [];
  const text = raw.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: fall through to the authorizer's own format
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

/**
 * The verified caller, who must be in the `moderators` group (the authorizer already checked the
 * token). The audit log records them by `sub`, the one claim the user pool never lets change; the
 * email and name are recorded beside it as they were. An email is only believed once the pool has
 * verified it: anyone who can change their email (or an admin who set one) could otherwise sign
 * the log with someone else's address.
 */
export const requireModerator = (req: ApiRequest): Moderator => {
  const claims = req.claims;
  if (!claims || !claims.sub) throw new AppError('unauthorized', 'A moderator token is required');
  if (!groupsOf(claims['cognito:groups']).includes(MODERATORS_GROUP)) {
    throw new AppError('forbidden', 'Your account is not in the moderators group');
  }
  // API Gateway delivers every claim as a string; a JSON boolean arrives as "true".
  const email = claims.email || null;
  if (email !== null && claims.email_verified !== 'true') {
    throw new AppError('forbidden', 'Your email address is not verified; verify it in the user pool before moderating');
  }
  // ID tokens name the user in `cognito:username`, access tokens in `username`. A pool that signs
  // in with email names its users by their sub; then the email is the readable name.
  const username = claims['cognito:username'] ?? claims.username;
  return {
    sub: claims.sub,
    email,
    username: username && username !== claims.sub ? username : (email ?? claims.sub),
  };
};
