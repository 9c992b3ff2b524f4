/** The widget's view of docs/api.md: types, one fetch wrapper, and a readable sentence per error code. */
// Type-only: the response types come from the API's Zod schemas, and no Zod code reaches the bundle.
import type { AuthorComment, PostCommentResponse, PublicComment } from '../../shared/schemas/api-types';

export type { ThreadPage } from '../../shared/schemas/api-types';
/** A thread comment, or the reader's own as answered to them (then with the status its author may see). */
export type Comment = PublicComment & { status?: AuthorComment['status'] };
export type Created = PostCommentResponse;

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfter: number | null = null,
    /** On a 409 for a stale version (moderators): the thing as it is now. */
    readonly current: unknown = null,
  ) {
    super(message);
  }
}

export async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'omit' });
  } catch {
    throw new ApiError('network', 0, '');
  }
  // No body: 204, and the 202 of the notify routes (the same answer for any address).
  if (res.status === 204 || res.status === 202) return undefined as T;
  const body = await res.json().catch(() => null);
  if (res.ok && body) return body as T;
  const err = body?.error ?? {};
  const retry = Number(res.headers.get('Retry-After'));
  throw new ApiError(
    String(err.code ?? 'unknown'),
    res.status,
    String(err.message ?? ''),
    err.fields ?? {},
    retry > 0 ? retry : null,
    err.current ?? null,
  );
}

export type Context = 'post' | 'edit' | 'load' | 'admin';

const wait = (s: number | null) => (s ? `${s} second${s === 1 ? '' : 's'}` : 'a moment');

/** A sentence for every error code of docs/api.md, and for network failure. Never echoes server text as HTML. */
export function errorText(e: unknown, ctx: Context): string {
  if (!(e instanceof ApiError)) return 'Something went wrong. Please try again.';
  const { code, retryAfter } = e;
  const admin = ctx === 'admin';
  switch (code) {
    case 'validation_failed':
      return 'Please correct the highlighted fields.';
    case 'invalid_json':
    case 'unsupported_media_type':
      return 'The comment server could not read this request. Please reload the page and try again.';
    case 'invalid_cursor':
      return 'The list of comments has changed. Reload to see the latest comments.';
    case 'unauthorized':
      return admin
        ? 'Your session has ended. Sign in again to carry on where you left off.'
        : 'This browser can no longer change that comment: its edit key was not accepted.';
    case 'forbidden':
      return admin ? 'This account is not a moderator.' : 'That comment can no longer be changed.';
    case 'edit_window_closed':
      return 'The time for editing or deleting this comment has passed.';
    case 'thread_locked':
      return 'Comments on this post are closed.';
    case 'not_found':
      return 'That comment no longer exists.';
    case 'post_not_found':
      return 'Comments are not open on this page.';
    case 'idempotency_conflict':
      return 'This submission clashed with an earlier one. Please send it again.';
    case 'conflict':
      return 'Someone changed this comment at the same moment. Reload and try again.';
    case 'payload_too_large':
      return 'Your comment is too long to send. Please shorten it.';
    case 'rate_limited':
      return `You are sending comments too quickly. Please wait ${wait(retryAfter)} and try again.`;
    case 'unavailable':
      return `The comment server is busy. Please try again in ${wait(retryAfter)}.`;
    case 'network':
      return 'Could not reach the comment server. Check your connection and try again.';
    default:
      return `Something went wrong (${code}). Please try again.`;
  }
}
