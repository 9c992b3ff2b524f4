import type { DynamoDBStreamHandler } from 'aws-lambda';
import { handleHeldExpiryEvent } from '../shared/usecases/held-expiry';

export const handler: DynamoDBStreamHandler = (event) => handleHeldExpiryEvent(event);
