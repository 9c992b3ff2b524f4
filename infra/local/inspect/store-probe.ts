/**
 * SDK middleware on the handlers' own DynamoDB client (`db()`): counts the requests each API call
 * makes, asks for and records consumed capacity, and injects faults at the wire (throttling, a
 * cancelled transaction, a timeout after the write committed). Used by the reliability tests and by
 * `npm run bench`; it only observes or replaces what crosses the HTTP boundary to DynamoDB, so the
 * product code runs unchanged.
 *
 * Calls are attributed to the API request that made them: `taggedHandlers()` wraps every route's
 * Lambda handler so that its work runs in an AsyncLocalStorage scope named by API Gateway's request
 * id, which the local server also returns as the `apigw-requestid` response header.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REPO_ROOT } from '../paths';
import type { LambdaHandler } from '../gateway/server';
import { routes } from '../../../shared/routes';
import { db } from '../../../shared/store/client';

export type Fault =
  /** The store refuses the call: a real DynamoDB error response, parsed by the SDK's own deserializer (the SDK retries it). */
  | { readonly kind: 'throttle'; readonly type?: 'ProvisionedThroughputExceededException' | 'ThrottlingException' }
  /** A TransactWriteItems cancelled because a concurrent transaction held one of its items. */
  | { readonly kind: 'transaction-conflict' }
  /** The request reaches DynamoDB and commits, then the client sees a timeout instead of the answer. */
  | { readonly kind: 'timeout-after-commit' };

export interface StoreCall {
  /** API Gateway request id of the API call that issued it (undefined outside a tagged handler). */
  readonly requestId: string | undefined;
  /** DynamoDB operation, e.g. `TransactWriteItems`. */
  readonly operation: string;
  /** The command input as the product built it (document form, before ReturnConsumedCapacity was added). */
  readonly input: Readonly<Record<string, unknown>>;
  /** HTTP attempts the SDK made (retries included). */
  attempts: number;
  consumed: ConsumedCapacity[];
  /** Items the call returned (GetItem 0 or 1, BatchGetItem/Query/Scan their count). */
  returned: number;
  error: string | undefined;
  faults: Fault['kind'][];
}

export interface FaultContext {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** 1 for the first HTTP attempt of this call, 2 for the SDK's first retry, ... */
  readonly attempt: number;
  readonly requestId: string | undefined;
}

export interface StoreProbe {
  /** Every call made while `recording` is true, in completion order. */
  readonly calls: StoreCall[];
  recording: boolean;
  /** Adds ReturnConsumedCapacity to every data-plane call that does not set it. */
  capacity: 'TOTAL' | 'INDEXES' | undefined;
  /** Decides, per HTTP attempt, whether to inject a fault. */
  inject: ((context: FaultContext) => Fault | undefined) | undefined;
  /** HTTP attempts seen since the last reset (all calls, recorded or not). */
  attempts: number;
  reset(): void;
  callsOf(requestId: string): StoreCall[];
}

const DATA_PLANE = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
  'TransactGetItems',
  'BatchWriteItem',
]);
const CALL = Symbol('parley-store-call');
const requestScope = new AsyncLocalStorage<string>();
const probes = new WeakMap<object, StoreProbe>();

const asArray = (value: unknown): ConsumedCapacity[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as ConsumedCapacity[]) : [value as ConsumedCapacity];

/** A DynamoDB (awsJson1_0) error response, as the service would send it. */
const errorResponse = (type: string, extra: Record<string, unknown> = {}) => ({
  statusCode: 400,
  reason: 'Bad Request',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': `fault-${Math.random().toString(36).slice(2)}`,
  },
  body: Buffer.from(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `Injected ${type}`, ...extra }),
  ),
});

const drain = (body: unknown): void => {
  const stream = body as { resume?: () => void } | undefined;
  if (stream && typeof stream.resume === 'function') stream.resume();
};

/** Attaches the probe to `client` (default: the handlers' `db()`); idempotent per client instance. */
export const attachStoreProbe = (client: DynamoDBDocumentClient = db()): StoreProbe => {
  const existing = probes.get(client);
  if (existing) return existing;
  const probe: StoreProbe = {
    calls: [],
    recording: true,
    capacity: undefined,
    inject: undefined,
    attempts: 0,
    reset() {
      this.calls.length = 0;
      this.attempts = 0;
    },
    callsOf(requestId) {
      return this.calls.filter((c) => c.requestId === requestId);
    },
  };
  probes.set(client, probe);

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      const call: StoreCall = {
        requestId: requestScope.getStore(),
        operation,
        input,
        attempts: 0,
        consumed: [],
        returned: 0,
        error: undefined,
        faults: [],
      };
      (context as Record<symbol, unknown>)[CALL] = call;
      const withCapacity =
        probe.capacity && DATA_PLANE.has(operation) && input.ReturnConsumedCapacity === undefined
          ? { ...args, input: { ...input, ReturnConsumedCapacity: probe.capacity } }
          : args;
      try {
        const result = await next(withCapacity);
        const output = result.output as {
          ConsumedCapacity?: unknown;
          Item?: unknown;
          Items?: unknown[];
          Responses?: Record<string, unknown[]>;
        };
        call.consumed = asArray(output.ConsumedCapacity);
        call.returned =
          output.Items?.length ??
          (output.Item ? 1 : 0) + Object.values(output.Responses ?? {}).reduce((n, items) => n + items.length, 0);
        return result;
      } catch (error) {
        call.error = (error as Error).name;
        throw error;
      } finally {
        if (probe.recording) probe.calls.push(call);
      }
    },
    { step: 'initialize', priority: 'high', name: 'parleyStoreProbe' },
  );

  // Innermost: below the SDK's retry and deserializer, so a fault is a wire-level event the SDK
  // handles exactly as it would a real one.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      probe.attempts++;
      const call = (context as Record<symbol, unknown>)[CALL] as StoreCall | undefined;
      if (call) call.attempts++;
      const fault =
        call &&
        probe.inject?.({
          operation: call.operation,
          input: call.input,
          attempt: call.attempts,
          requestId: call.requestId,
        });
      if (!fault || !call) return next(args);
      call.faults.push(fault.kind);
      if (fault.kind === 'throttle') {
        return { response: errorResponse(fault.type ?? 'ProvisionedThroughputExceededException') } as never;
      }
      if (fault.kind === 'transaction-conflict') {
        const items = Array.isArray(call.input.TransactItems) ? call.input.TransactItems.length : 1;
        const reasons = Array.from({ length: items }, (_, i) =>
          i === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
        );
        return {
          response: errorResponse('TransactionCanceledException', {
            message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
            CancellationReasons: reasons,
          }),
        } as never;
      }
      const result = await next(args);
      drain((result.response as { body?: unknown }).body);
      throw Object.assign(new Error('Injected: the answer did not arrive within the request timeout'), {
        name: 'TimeoutError',
      });
    },
    { step: 'deserialize', priority: 'low', name: 'parleyStoreFaults' },
  );
  return probe;
};

/** Every route's Lambda handler, wrapped so that its store calls carry the API request id. */
export const taggedHandlers = (): Record<string, LambdaHandler> => {
  const handlers: Record<string, LambdaHandler> = {};
  for (const route of routes) {
    // require, not import(): the handlers must share this module graph (and so `db()` and its probe).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.resolve(REPO_ROOT, route.entry)) as { handler: LambdaHandler };
    handlers[route.name] = (event: { requestContext?: { requestId?: string } }, context) =>
      requestScope.run(String(event.requestContext?.requestId ?? ''), () => loaded.handler(event, context));
  }
  return handlers;
};

/** Capacity units of a call, split into what it read and what it wrote, as DynamoDB Local reported them. */
export const capacityOf = (call: StoreCall): { read: number; write: number; total: number } => {
  const total = call.consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  const writes = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
  return writes.has(call.operation) ? { read: 0, write: total, total } : { read: total, write: 0, total };
};
