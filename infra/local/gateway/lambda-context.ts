/** The Lambda side of an invocation: the context object and the integration timeout. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Route } from '../../../shared/routes';

/** Thrown when the handler outlives API Gateway's integration timeout (answered 503). */
export class GatewayTimeout extends Error {}

/** API Gateway gives up on an integration after 30 s. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000;

export const lambdaContext = (route: Route, deadline: number): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: route.name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${route.name}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${route.name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
