import type { DynamoDBStreamHandler } from 'aws-lambda';
import { defaultNotifierDeps } from '../shared/notify/default-deps';
import { handleStreamEvent } from '../shared/notify/notifier';

let deps: ReturnType<typeof defaultNotifierDeps> | undefined;

export const handler: DynamoDBStreamHandler = (event) => handleStreamEvent(event, (deps ??= defaultNotifierDeps()));
