/**
 * The notifier: handles a batch of table stream records in Lambda's shape, in order. A record that
 * fails is reported in `batchItemFailures` with the records after it, so the event source mapping
 * retries from there and nothing is handled out of order; every send is guarded by a marker, so a
 * retried or redelivered record sends nothing twice.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { CommentRecord } from '../domain/comment';
import { implicationsOf, type Implication, type WebhookEventType } from '../domain/notifications/stream-change';
import { claimSend, releaseSend } from '../store/notification-markers';
import { commentFromImage } from '../store/stream-images';
import { queueForModerators } from './moderator-digest';
import { notifyParentOfReply, requestReplyNotifications } from './reply-notifications';
import { seconds, type NotifierDeps } from './notifier-deps';
import { matchesFilter, statusChanged } from './stream-filter';
import { webhookId, type WebhookSender } from './webhook-sender';

/** One delivery per event and comment version: a retried batch does not call the receiver again. */
const sendWebhookOnce = async (
  type: WebhookEventType,
  comment: CommentRecord,
  sender: WebhookSender,
  deps: NotifierDeps,
): Promise<void> => {
  const dedupeKey = `webhook#${webhookId(type, comment)}`;
  if (!(await claimSend(dedupeKey, seconds(deps.now())))) return;
  try {
    const result = await sender.send(type, comment);
    deps.log(`webhook: ${type} for comment ${comment.id} ${result.outcome} (HTTP ${result.status})`);
  } catch (error) {
    await releaseSend(dedupeKey);
    throw error;
  }
};

const act = async (implication: Implication, deps: NotifierDeps): Promise<void> => {
  switch (implication.kind) {
    case 'moderator-digest':
      return queueForModerators(implication.comment, deps);
    case 'reply-notification':
      return notifyParentOfReply(implication.reply, implication.parentId, deps);
    case 'confirmation-request':
      if (implication.comment.authorEmail) await requestReplyNotifications(implication.comment.authorEmail, deps);
      return;
    case 'webhook':
      if (deps.webhook) await sendWebhookOnce(implication.type, implication.comment, deps.webhook, deps);
      return;
  }
};

const handleRecord = async (record: DynamoDBRecord, deps: NotifierDeps): Promise<void> => {
  // The event source mapping filters already; the check is repeated for direct invocations.
  if (!matchesFilter(record) || !statusChanged(record.dynamodb as never)) return;
  const after = commentFromImage(record.dynamodb?.NewImage);
  if (!after) return;
  const before = commentFromImage(record.dynamodb?.OldImage);
  for (const implication of implicationsOf(before, after)) await act(implication, deps);
};

export const handleStreamEvent = async (
  event: DynamoDBStreamEvent,
  deps: NotifierDeps,
): Promise<DynamoDBBatchResponse> => {
  for (const [index, record] of event.Records.entries()) {
    try {
      await handleRecord(record, deps);
    } catch (error) {
      deps.log(
        `notifier: record ${record.eventID ?? '?'} failed: ${error instanceof Error ? error.name : 'error'}; retrying from it`,
      );
      return {
        batchItemFailures: event.Records.slice(index).map((failed) => ({
          itemIdentifier: failed.dynamodb?.SequenceNumber ?? '',
        })),
      };
    }
  }
  return { batchItemFailures: [] };
};
