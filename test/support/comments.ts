import { issueFormToken } from '../../shared/form-token';
import type { TestApi, TestResponse } from './local-api';

export const POST_ID = '2011/11/cloud-blog-on-wired-site-time-to-value';

let counter = 0;

/**
 * A form token as a thread page issued it a minute ago (global-setup sets the deployment secret),
 * so a test comment passes the too-fast check unless a test means it not to.
 */
export const formToken = (ageMs = 60_000): string =>
  issueFormToken(process.env.PARLEY_SECRET ?? '', Date.now() - ageMs);

/** A valid POST /v1/comments body; each call has a distinct text so duplicate detection stays quiet. */
export const commentBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  post: POST_ID,
  author: { name: 'Terri', email: 'terri@example.org', website: 'https://example.org' },
  body: `Great point about *time to value*, number ${++counter} (${Math.random().toString(36).slice(2)}).`,
  formToken: formToken(),
  ...overrides,
});

export const expectStatus = (response: TestResponse, status: number): TestResponse => {
  if (response.status !== status)
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  return response;
};

export const post = async (
  api: TestApi,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  expectStatus(await api.request('POST', '/v1/comments', { body: commentBody(overrides), headers }), 201).json as {
    comment: {
      id: string;
      status: string;
      depth: number;
      parentId: string | null;
      author: { avatar: string | null } | null;
    };
    editToken: string;
    editableUntil: string;
    authorCredential: string;
  };

export const moderate = async (api: TestApi, id: string, action: 'approve' | 'reject' | 'spam' = 'approve') => {
  const token = await api.moderatorToken();
  return api.request('POST', `/v1/admin/comments/${id}/${action}`, { headers: { authorization: `Bearer ${token}` } });
};

/** Posts a comment and approves it; returns its id. */
export const postApproved = async (api: TestApi, overrides: Record<string, unknown> = {}): Promise<string> => {
  const { comment } = await post(api, overrides);
  expectStatus(await moderate(api, comment.id), 200);
  return comment.id;
};

export const thread = async (api: TestApi, query: string) =>
  expectStatus(await api.request('GET', `/v1/comments?${query}`), 200).json;
