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
  const { dynamoEndpoint, storeTimeoutMillis } = config();
  const key = `${dynamoEndpoint ?? ''} ${storeTimeoutMillis}`;
  if (cached?.key !== key) {
    const base = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      maxAttempts: 3,
      // Without throwOnRequestTimeout the handler only warns when requestTimeout passes, and a store
      // that accepts connections but never answers would hold every request until Lambda's timeout.
      requestHandler: {
        connectionTimeout: storeTimeoutMillis,
        requestTimeout: storeTimeoutMillis,
        throwOnRequestTimeout: true,
      },
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

/** Read by shape, not `instanceof`: network errors may come from another realm (a test VM, a worker). */
const isUnavailable = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $metadata } = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  return (
    (name !== undefined && (UNAVAILABLE.has(name) || name === 'AbortError')) ||
    (status !== undefined && status >= 500) ||
    (code !== undefined && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR)/.test(code))
  );
};

export const storeUnavailable = (): AppError =>
  new AppError('unavailable', 'The comment store is busy or unreachable; try again shortly', undefined, 2);

/** Runs a store call, turning throttling, timeouts and outages into a 503 `unavailable`. */
export const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw storeUnavailable();
    throw error;
  }
};
