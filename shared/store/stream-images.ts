/** Turns the DynamoDB JSON images of a stream record into records (the SDK's unmarshalling stays in the store). */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CommentRecord } from '../domain/comment';
import { fromItem } from './comment-items';

export const commentFromImage = (image: Record<string, unknown> | undefined): CommentRecord | null =>
  image === undefined ? null : fromItem(unmarshall(image as Record<string, AttributeValue>));
