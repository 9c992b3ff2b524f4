/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/): the signed content is
 * `${id}.${timestamp}.${body}`, signed with HMAC-SHA256 under the base64 key after `whsec_`, and
 * sent as `v1,<base64 signature>` in `webhook-signature`.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export const webhookSignature = (secret: string, id: string, timestamp: number, body: string): string => {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
};

export const webhookHeaders = (
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': webhookSignature(secret, id, timestamp, body),
});
