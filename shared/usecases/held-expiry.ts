/**
 * Keeps each post's held count exact when DynamoDB's TTL deletes a comment nobody approved (see
 * `heldMoves`): the table's stream delivers the deletion, filtered to TTL's own (the service is
 * its `userIdentity`) of comment items, and each is taken off its post's count once. Every other
 * way a held comment stops counting (approval, rejection, its author's delete, erasure) moves the
 * count in its own transaction. Records are handled in order; a failure reports it and the rest
 * for the event source mapping to retry from there.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { heldMoves } from '../domain/comment-lifecycle';
import { matchesPattern, type FilterPattern } from '../event-filter';
import { countHeldExpiry } from '../store/held-expiry';
import { commentFromImage } from '../store/stream-images';

/** TTL deletions of comment items, as Lambda event-filter patterns (the CDK mapping and the local poller use these). */
export const HELD_EXPIRY_FILTER_PATTERNS: readonly FilterPattern[] = [
  {
    eventName: ['REMOVE'],
    userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
    dynamodb: { OldImage: { type: { S: ['comment'] } } },
  },
];

export const isHeldExpiryRecord = (record: unknown): boolean =>
  HELD_EXPIRY_FILTER_PATTERNS.some((pattern) => matchesPattern(pattern, record));

const handleRecord = async (record: DynamoDBRecord, nowSeconds: number): Promise<void> => {
  if (!isHeldExpiryRecord(record)) return;
  const gone = commentFromImage(record.dynamodb?.OldImage);
  if (!gone || heldMoves(gone, null).length === 0) return;
  await countHeldExpiry(gone, nowSeconds);
};

export const handleHeldExpiryEvent = async (
  event: DynamoDBStreamEvent,
  log: (line: string) => void = console.log,
): Promise<DynamoDBBatchResponse> => {
  for (const [index, record] of event.Records.entries()) {
    try {
      await handleRecord(record, Math.floor(Date.now() / 1000));
    } catch (error) {
      log(`held expiry: record ${record.eventID ?? '?'} failed: ${error instanceof Error ? error.name : 'error'}`);
      return {
        batchItemFailures: event.Records.slice(index).map((failed) => ({
          itemIdentifier: failed.dynamodb?.SequenceNumber ?? '',
        })),
      };
    }
  }
  return { batchItemFailures: [] };
};
