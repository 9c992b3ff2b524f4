/**
 * Outgoing webhooks: `comment.pending` and `comment.approved`, signed as Standard Webhooks
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The body carries only what the public
 * thread shows plus the status: no email, IP hash, user agent, avatar hash or spam signals.
 *
 * A send is tried a few times with backoff inside the notifier's invocation; when every attempt
 * fails the error goes up, so the stream's own retries (and then its dead-letter queue) take over.
 * The `webhook-id` is the same for every attempt and redelivery, so a receiver can drop repeats.
 */
import type { CommentRecord } from '../domain/comment';
import { commentUrl } from '../domain/notifications/mail-content';
import type { WebhookEventType } from '../domain/notifications/stream-change';
import { webhookHeaders } from '../domain/notifications/webhook-signature';

export type WebhookFormat = 'standard' | 'slack' | 'discord';

export interface WebhookSenderOptions {
  readonly url: string;
  /** `whsec_<base64>` (or the bare base64 key, as Secrets Manager stores it). */
  readonly secret: () => Promise<string>;
  readonly format?: WebhookFormat;
  /** For the links in the Slack and Discord texts. */
  readonly siteUrl?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  /** Waits `backoffMs`, then 4 times that, ... between attempts. */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

export interface WebhookSender {
  send(type: WebhookEventType, comment: CommentRecord): Promise<WebhookResult>;
}

/** `delivered`, or `refused` when the receiver answered a 4xx other than 408/429 (retrying cannot help). */
export type WebhookResult = { readonly outcome: 'delivered' | 'refused'; readonly status: number };

export class WebhookError extends Error {
  override readonly name = 'WebhookError';
}

/** The event's data: the public view's fields (no avatar hash) and the status. */
export const webhookData = (comment: CommentRecord) => ({
  id: comment.id,
  post: comment.post,
  parentId: comment.parentId,
  author: comment.authorName === null ? null : { name: comment.authorName, website: comment.authorWebsite },
  html: comment.html,
  createdAt: comment.createdAt,
  status: comment.status,
});

/** One id per comment version and event, so retries and redeliveries repeat it. */
export const webhookId = (type: WebhookEventType, comment: Pick<CommentRecord, 'id' | 'version'>): string =>
  `msg_${comment.id}_${type.replace('comment.', '')}_${comment.version}`;

const chatText = (type: WebhookEventType, comment: CommentRecord, siteUrl: string | undefined): string => {
  const who = comment.authorName ?? 'Anonymous';
  const where = siteUrl ? commentUrl(siteUrl, comment.post, comment.id) : comment.post;
  return type === 'comment.pending'
    ? `New comment by ${who} awaits moderation: ${where}`
    : `Comment by ${who} approved: ${where}`;
};

export const webhookBody = (
  format: WebhookFormat,
  type: WebhookEventType,
  comment: CommentRecord,
  timestamp: Date,
  siteUrl?: string,
): string => {
  if (format === 'slack') return JSON.stringify({ text: chatText(type, comment, siteUrl) });
  // Discord would turn mentions in an author's name into pings: none are allowed.
  if (format === 'discord')
    return JSON.stringify({ content: chatText(type, comment, siteUrl), allowed_mentions: { parse: [] } });
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data: webhookData(comment) });
};

const retriable = (status: number): boolean => status >= 500 || status === 408 || status === 429;

export const webhookSender = (options: WebhookSenderOptions): WebhookSender => {
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const timeoutMs = options.timeoutMs ?? 4000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());

  const attempt = async (headers: Record<string, string>, body: string): Promise<number> => {
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is released; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  };

  return {
    async send(type, comment) {
      const secret = await options.secret();
      let lastFailure = 'no attempt';
      for (let tried = 0; tried < attempts; tried += 1) {
        if (tried > 0) await sleep(backoffMs * 4 ** (tried - 1));
        // Signed afresh per attempt: receivers reject timestamps that are too old.
        const sentAt = now();
        const body = webhookBody(options.format ?? 'standard', type, comment, sentAt, options.siteUrl);
        const headers = webhookHeaders(secret, webhookId(type, comment), Math.floor(sentAt.getTime() / 1000), body);
        try {
          const status = await attempt(headers, body);
          if (status >= 200 && status < 300) return { outcome: 'delivered', status };
          if (!retriable(status)) return { outcome: 'refused', status };
          lastFailure = `HTTP ${status}`;
        } catch (error) {
          lastFailure = error instanceof Error ? error.name : 'error';
        }
      }
      throw new WebhookError(`webhook ${type} failed after ${attempts} attempt(s): ${lastFailure}`);
    },
  };
};
