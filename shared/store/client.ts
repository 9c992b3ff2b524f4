import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { AppError } from '../errors';

let cached: { key: string; client: DynamoDBDocumentClient } | undefined;

/**
 * The one DynamoDB client of a process. Short timeouts so that an unreachable store turns into a
 * prompt 503 instead of a hanging request; the SDK's standard retries (with backoff) absorb
 * throttling first.
 */
export const db = (): DynamoDBDocumentClient => {
  const { dynamoEndpoint } = config();
  const key = dynamoEndpoint ?? '';
  if (cached?.key !== key) {
    const base = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
    });
    cached = { key, client: DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } }) };
  }
  return cached.client;
};

export const tableName = (): string => config().tableName;

const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionInProgressException',
]);

const isUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return UNAVAILABLE.has(error.name) || (status !== undefined && status >= 500) || (code !== undefined && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|ECONNRESET|UND_ERR)/.test(code)) || error.name === 'AbortError';
};

export const storeUnavailable = (): AppError => new AppError('unavailable', 'The comment store is busy or unreachable; try again shortly', undefined, 2);

/** Runs a store call, turning throttling, timeouts and outages into a 503 `unavailable`. */
export const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw storeUnavailable();
    throw error;
  }
};
