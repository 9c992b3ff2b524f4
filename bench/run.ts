/**
 * `npm run bench`: Parley's HTTP API against the raw DynamoDB calls behind it, on DynamoDB Local.
 *
 * Starts the local stack (in-memory DynamoDB Local, the same `startLocalStack` as `npm start` and the
 * tests) unless `--api`/`--endpoint` name a running one, seeds data (through the API where that is
 * cheap, through the store's own item mapping for volume), warms up, then measures with API and raw
 * samples interleaved (A B B A ...) so that machine noise hits both alike. Prints a table and PASS/FAIL
 * lines against the targets, and writes bench/results.json.
 *
 *   npm run bench                      # everything in-process
 *   npm run bench -- --quick           # fewer samples
 *   npm run bench -- --api http://127.0.0.1:8787 --endpoint http://127.0.0.1:8000 --table parley --data-dir .data
 *     [--issuer http://127.0.0.1:8788]
 *
 * Per-request DynamoDB calls and consumed capacity come from SDK middleware on the handlers' `db()`
 * (infra/local/inspect/store-probe.ts), so they need the handlers in this process: with `--api`
 * they are reported as n/a.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../infra/local/create-table';
import { mintLocalToken } from '../infra/local/oidc/mint-token';
import { MODERATORS_GROUP } from '../shared/http/require-moderator';
import type { LambdaHandler } from '../infra/local/gateway/server';
import { startLocalStack, type LocalStack } from '../infra/local/stack';
import { authorHashes, emailKeyOf, keyedHash, randomToken, sha256 } from '../shared/crypto';
import type { CommentRecord } from '../shared/domain/comment';
import { renderMarkdown } from '../shared/domain/render-markdown';
import { POST_ITEM_SORT_KEY } from '../shared/domain/thread-sort-keys';
import { newId } from '../shared/ids';
import { toItem } from '../shared/store/comment-items';
import { authorKey as authorItemKey, postKey } from '../shared/store/item-keys';
import { attachStoreProbe, taggedHandlers, type StoreCall, type StoreProbe } from '../infra/local/inspect/store-probe';
import { countApprovedByQuery, scanTable } from '../infra/local/inspect/table';

// ------------------------------------------------------------------------------------------ setup

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const scale = (n: number): number => (QUICK ? Math.max(4, Math.round(n / 3)) : n);
const OUT = path.resolve(__dirname, 'results.json');

/** On-demand prices, us-east-1, as published with the on-demand price cut of 1 Nov 2024 (not fetched live: update here if AWS changes them). */
const PRICE = {
  readRequestUnit: 0.125 / 1e6,
  writeRequestUnit: 0.625 / 1e6,
  region: 'us-east-1',
  asOf: 'prices published 2024-11-01 (not re-checked live by this run)',
};

const TARGETS = {
  threadP50Ratio: 1.3,
  threadP50ExtraMs: 1,
  sizeIndependence: 0.1,
  postP50Ratio: 1.5,
  requestsPerPost: 2,
  /** Write request units real DynamoDB bills (see shadowWriteUnits), issue 9 finding 4. */
  writeUnitsPerPost: 8,
  writeUnitsPerApprove: 12,
  /** Stored bytes of the largest comment a 10,000-character body can make. */
  worstItemBytes: 40 * 1024,
  requestsPerCounts: 1,
};

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

interface Env {
  readonly apiUrl: string;
  readonly endpoint: string;
  readonly tableName: string;
  readonly secret: string;
  readonly keyDir: string;
  /** The local OpenID provider's issuer: moderator tokens are minted with its key and issuer. */
  readonly issuer: string;
  readonly probe: StoreProbe | undefined;
  readonly stack: LocalStack | undefined;
  /** The route handlers this process serves (undefined with --api). */
  readonly handlers: Record<string, LambdaHandler> | undefined;
  readonly cleanup: () => Promise<void>;
}

const setup = async (): Promise<Env> => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const api = flag('api');
  if (api) {
    const endpoint = flag('endpoint');
    const dataDir = path.resolve(flag('data-dir') ?? '.data');
    if (!endpoint)
      throw new Error('--api needs --endpoint (the DynamoDB the API uses) and --data-dir (its secret and JWT key)');
    const secret = process.env.PARLEY_SECRET ?? fs.readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    });
    return {
      apiUrl: api,
      endpoint,
      tableName: flag('table') ?? 'parley',
      secret,
      keyDir: dataDir,
      issuer: flag('issuer') ?? 'http://127.0.0.1:8788',
      probe: undefined,
      stack: undefined,
      handlers: undefined,
      cleanup: async () => undefined,
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  process.env.PARLEY_DATA_DIR = dataDir; // the JWT signing key of this run; never .data/
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const handlers = taggedHandlers();
  const stack = await startLocalStack({
    dataDir: null,
    tableName: 'parley-bench',
    // Writes are not what is limited here: the per-client limit would only measure 429s.
    env: {
      MODERATION: 'pre',
      RATE_LIMIT_MAX: '1000000',
      // Nor the caps on held comments: the POST samples all wait on one post.
      HELD_MAX_PER_POST: '1000000',
      HELD_MAX_PER_DAY: '1000000',
      PARLEY_SECRET: randomBytes(32).toString('base64url'),
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
    },
    handlers,
  });
  const probe = attachStoreProbe();
  probe.capacity = 'INDEXES';
  return {
    apiUrl: stack.url,
    endpoint: stack.endpoint,
    tableName: stack.tableName,
    secret: stack.env.PARLEY_SECRET!,
    keyDir: stack.keyDir,
    issuer: stack.oidc.issuer,
    probe,
    stack,
    handlers,
    cleanup: async () => {
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

// ------------------------------------------------------------------------------------------ clients

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly ms: number;
}

/** One HTTP request over a keep-alive connection (as a browser or a CDN would reuse one). */
const request = (
  base: string,
  method: string,
  target: string,
  options: { body?: unknown; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = {
      ...options.headers,
      ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
    };
    const started = performance.now();
    const req = http.request(
      new URL(target, base),
      { method, headers, agent, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${target}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });

const expectStatus = (a: Answer, status: number, what: string): Answer => {
  if (a.status !== status) throw new Error(`${what}: expected ${status}, got ${a.status}: ${a.text.slice(0, 300)}`);
  return a;
};

/** The bench's own SDK client, configured like the handlers' `db()`. */
const rawClient = (endpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

/** Loopback source addresses 127.0.0.2-254: each POST looks like another commenter. */
let nextIp = 0;
const someClient = (): string => `127.0.0.${2 + (nextIp++ % 253)}`;

// ------------------------------------------------------------------------------------------ statistics

interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

const stats = (samples: readonly number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
  };
};

/**
 * Runs A and B in alternating blocks (A B B A A B B A ...). A block is `concurrency` workers each
 * doing `perWorker` sequential calls of one kind; every call's latency is a sample.
 */
const interleaved = async (
  a: () => Promise<number>,
  b: () => Promise<number>,
  options: { blocks: number; concurrency: number; perWorker: number },
) => {
  const samples = { a: [] as number[], b: [] as number[] };
  for (let block = 0; block < options.blocks * 2; block++) {
    const kind = block % 4 === 0 || block % 4 === 3 ? 'a' : 'b';
    const run = kind === 'a' ? a : b;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (let i = 0; i < options.perWorker; i++) samples[kind].push(await run());
      }),
    );
  }
  return { a: stats(samples.a), b: stats(samples.b) };
};

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

// ------------------------------------------------------------------------------------------ seeding

const LOREM =
  'Serverless comments trade servers for per-request costs; the interesting part is what each request reads and writes, and whether that stays flat as a thread grows. ';

/** A comment text of about `bytes` bytes, unique (duplicate detection compares bodies). */
const text = (bytes: number): string => {
  const tag = ` [${randomBytes(6).toString('hex')}]`;
  let s = '';
  while (s.length + tag.length < bytes) s += LOREM;
  return `${s.slice(0, bytes - tag.length).trim()}${tag}`;
};

const postBody = (post: string, email: string, bytes = 300) => ({
  post,
  author: { name: `Reader ${email.split('@')[0]}`, email, website: 'https://example.org/me' },
  body: text(bytes),
  elapsedMs: 60_000,
});

/**
 * A comment record exactly as the API would have stored it: posted under `pre` moderation and, if
 * `approved`, approved by a moderator afterwards (version 2, one moderation entry).
 */
const seededRecord = (
  secret: string,
  post: string,
  createdAtMs: number,
  email: string,
  approved: boolean,
): CommentRecord => {
  const id = newId(createdAtMs);
  const body = text(300);
  const createdAt = new Date(createdAtMs).toISOString();
  const lower = email.toLowerCase();
  return {
    id,
    post,
    parentId: null,
    depth: 0,
    path: id,
    status: approved ? 'approved' : 'pending',
    authorName: `Reader ${lower.split('@')[0]}`,
    authorEmail: lower,
    authorWebsite: 'https://example.org/me',
    ...authorHashes(secret, lower, 'bench'),
    emailKey: emailKeyOf(secret, lower),
    body,
    html: renderMarkdown(body).html,
    ipHash: keyedHash(secret, 'ip', `127.0.0.${2 + (createdAtMs % 253)}`),
    userAgent: 'parley-bench',
    createdAt,
    editedAt: null,
    editableUntil: new Date(createdAtMs + 900_000).toISOString(),
    editTokenHash: sha256(randomToken()),
    notifyReplies: false,
    spamScore: 0,
    spamReasons: [],
    moderation: approved
      ? [{ action: 'approve', by: 'bench', at: new Date(createdAtMs + 60_000).toISOString(), reason: null }]
      : [],
    version: approved ? 2 : 1,
    inThread: approved,
    proposedTitle: null,
    proposedUrl: null,
    // As the API stores a comment posted with an Idempotency-Key (the bench's posts send one).
    idempotencyKeyHash: sha256(randomToken()),
    recentHash: keyedHash(secret, 'duplicate', body),
    expiresAt: approved ? null : Math.floor(createdAtMs / 1000) + 90 * 86400,
  };
};

/** The post's counter item, as the write path's `postCounter` leaves it. */
const postItem = (post: string, total: number, lastCommentAt: string, held = 0) => ({
  ...postKey(post),
  threadPk: post,
  threadSk: POST_ITEM_SORT_KEY,
  threadNewestSk: POST_ITEM_SORT_KEY,
  post,
  total,
  ...(held ? { held } : {}),
  lastCommentAt,
});

const batchWrite = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25) as Record<string, unknown>[]);
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let b = next++; b < batches.length; b = next++) {
        let pending = batches[b]!.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 8) throw new Error('BatchWriteItem kept leaving items unprocessed');
          if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
          const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
};

/** Seeds a post with `count` approved top-level comments (and its counter and author items) through the store's mapping. */
const seedThread = async (
  env: Env,
  raw: DynamoDBDocumentClient,
  post: string,
  count: number,
  authors: number,
): Promise<void> => {
  const start = Date.now() - 30 * 86_400_000;
  const records = Array.from({ length: count }, (_, i) =>
    // Reacted to, as the API-made comments of the 50-comment thread are, so pages have the same shape.
    ({
      ...seededRecord(env.secret, post, start + i * 1000, `thread-${post.length}-${i % authors}@example.test`, true),
      reactions: { like: 2, love: 1, laugh: 0, insightful: 0 },
    }),
  );
  const approvedByAuthor = new Map<string, number>();
  for (const r of records) approvedByAuthor.set(r.authorKey!, (approvedByAuthor.get(r.authorKey!) ?? 0) + 1);
  const authorItems = [...approvedByAuthor].map(([key, n]) => ({ ...authorItemKey(key), approvedCount: n }));
  await batchWrite(raw, env.tableName, [
    ...records.map(toItem),
    ...authorItems,
    postItem(post, count, records.at(-1)!.createdAt),
  ]);
};

// ------------------------------------------------------------------------------------------ capacity

interface Capacity {
  readonly requests: number;
  readonly attempts: number;
  /** Read units as DynamoDB Local reported them. */
  readonly read: number;
  /** Read units real DynamoDB charges (see realReadUnits). */
  readonly realRead: number;
  /** Write units as DynamoDB Local reported them. */
  readonly write: number;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

/**
 * Read units real DynamoDB charges for a call. DynamoDB Local charges nothing for a key that is not
 * found; DynamoDB does ("If you perform a read operation on an item that doesn't exist, DynamoDB will
 * still consume read throughput"): each missing key of a GetItem/BatchGetItem costs the minimum, 1
 * unit strongly consistent or 0.5 eventually consistent. Queries are charged by size, as Local does.
 */
const realReadUnits = (call: StoreCall, local: number): number => {
  if (call.operation === 'GetItem') return Math.max(local, call.input.ConsistentRead ? 1 : 0.5);
  if (call.operation !== 'BatchGetItem') return local;
  const tables = Object.values(
    (call.input.RequestItems ?? {}) as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>,
  );
  const requested = tables.reduce((n, t) => n + (t.Keys?.length ?? 0), 0);
  const unit = tables.some((t) => t.ConsistentRead) ? 1 : 0.5;
  return local + Math.max(0, requested - call.returned) * unit;
};

const capacityOfCalls = (calls: readonly StoreCall[]): Capacity => {
  let read = 0;
  let realRead = 0;
  let write = 0;
  for (const call of calls) {
    const units = call.consumed.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
    if (WRITES.has(call.operation)) write += units;
    else {
      read += units;
      realRead += realReadUnits(call, units);
    }
  }
  return { requests: calls.length, attempts: calls.reduce((s, c) => s + c.attempts, 0), read, realRead, write };
};

const averageCapacity = (all: readonly Capacity[]): Capacity => {
  const n = Math.max(1, all.length);
  const avg = (f: (c: Capacity) => number) => Math.round((all.reduce((s, c) => s + f(c), 0) / n) * 1000) / 1000;
  return {
    requests: avg((c) => c.requests),
    attempts: avg((c) => c.attempts),
    read: avg((c) => c.read),
    realRead: avg((c) => c.realRead),
    write: avg((c) => c.write),
  };
};

/**
 * What real DynamoDB would charge for a transaction's writes, measured rather than trusted: DynamoDB
 * Local's own figure for TransactWriteItems is not reliable (a transaction of four 10-byte puts
 * reported 2 units, one of a 1.5 KB and a 10-byte put 6). Each item of the transaction is replayed as
 * a standard write on a shadow table whose items are in the same state, with
 * ReturnConsumedCapacity=INDEXES: table units x2 (the transactional price), plus the global
 * secondary index units at the standard rate (index propagation is not transactional).
 */
const shadowWriteUnits = async (
  raw: DynamoDBDocumentClient,
  shadow: string,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<{ table: number; indexes: number; real: number; parts: string[] }> => {
  let table = 0;
  let indexes = 0;
  const parts: string[] = [];
  for (const item of items) {
    const before = { table, indexes };
    let out:
      | {
          ConsumedCapacity?: {
            Table?: { CapacityUnits?: number };
            GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
          };
        }
      | undefined;
    if (item.Put)
      out = await raw.send(new PutCommand({ ...item.Put, TableName: shadow, ReturnConsumedCapacity: 'INDEXES' }));
    else if (item.Update)
      out = await raw.send(new UpdateCommand({ ...item.Update, TableName: shadow, ReturnConsumedCapacity: 'INDEXES' }));
    else if (item.ConditionCheck || item.Delete) table += 1; // not used by the measured operations
    table += out?.ConsumedCapacity?.Table?.CapacityUnits ?? 0;
    const byIndex = Object.entries(out?.ConsumedCapacity?.GlobalSecondaryIndexes ?? {});
    indexes += byIndex.reduce((s, [, c]) => s + (c.CapacityUnits ?? 0), 0);
    const [kind, target] = Object.entries(item)[0] as [string, { Item?: { pk?: unknown }; Key?: { pk?: unknown } }];
    const pk = String(target.Item?.pk ?? target.Key?.pk ?? '').split('#')[0];
    const gsi = byIndex.map(([name, c]) => `${name} ${c.CapacityUnits ?? 0}`).join(', ');
    parts.push(`${kind} ${pk}: ${2 * (table - before.table)}${gsi ? ` + ${gsi}` : ''}`);
  }
  return { table, indexes, real: 2 * table + indexes, parts };
};

/** An item's size as DynamoDB bills it: attribute names plus values (strings in UTF-8 bytes). */
const itemBytes = (value: unknown, name = ''): number => {
  const own = Buffer.byteLength(name, 'utf8');
  if (typeof value === 'string') return own + Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return own + Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return own + 1;
  if (Array.isArray(value)) return own + 3 + value.reduce((n: number, v) => n + 1 + itemBytes(v), 0);
  return (
    own +
    (name ? 3 : 0) +
    Object.entries(value as Record<string, unknown>).reduce((n, [k, v]) => n + (name ? 1 : 0) + itemBytes(v, k), 0)
  );
};

// ------------------------------------------------------------------------------------------ scenarios

interface Row {
  readonly name: string;
  readonly api: Stats;
  readonly raw?: Stats;
  readonly note?: string;
}

const main = async (): Promise<void> => {
  const began = Date.now();
  const env = await setup();
  const raw = rawClient(env.endpoint);
  const probe = env.probe;
  const token = await mintLocalToken({
    dataDir: env.keyDir,
    issuer: env.issuer,
    username: 'bench',
    groups: [MODERATORS_GROUP],
  });
  const admin = { authorization: `Bearer ${token}` };
  const rows: Row[] = [];
  const verdicts: { name: string; pass: boolean; detail: string }[] = [];
  const verdict = (name: string, pass: boolean, detail: string): void => {
    verdicts.push({ name, pass, detail });
  };
  const results: Record<string, unknown> = {
    startedAt: new Date(began).toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    mode: env.stack ? 'in-process local stack (DynamoDB Local in memory)' : `external API ${env.apiUrl}`,
    quick: QUICK,
  };
  const callsOf = (a: Answer): StoreCall[] => probe?.callsOf(String(a.headers['apigw-requestid'])) ?? [];
  const get = (target: string) => request(env.apiUrl, 'GET', target);
  try {
    // ---------------------------------------------------------------- 1. thread page, 50 x 300 B
    log('seeding: 50 comments of ~300 bytes through the API (posted, then approved, then reacted to)...');
    const p50 = 'bench/thread-50';
    const seededIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const created = expectStatus(
        await request(env.apiUrl, 'POST', '/v1/comments', {
          body: postBody(p50, `t50-${i % 7}@example.test`),
          headers: { 'idempotency-key': randomToken() },
          localAddress: someClient(),
        }),
        201,
        'seed post',
      );
      const id = (JSON.parse(created.text) as { comment: { id: string } }).comment.id;
      seededIds.push(id);
      expectStatus(
        await request(env.apiUrl, 'POST', `/v1/admin/comments/${id}/approve`, { headers: admin }),
        200,
        'seed approve',
      );
    }
    // Reactions present on every comment of the page: their counts ride along in the same Query.
    const reactionCalls: number[] = [];
    for (const [i, id] of seededIds.entries()) {
      for (const kind of ['like', 'love', 'laugh', 'insightful'].slice(0, 1 + (i % 4))) {
        const reacted = expectStatus(
          await request(env.apiUrl, 'PUT', `/v1/comments/${id}/reactions/${kind}?post=${encodeURIComponent(p50)}`, {
            headers: { 'x-reader-key': randomBytes(16).toString('hex') },
            localAddress: someClient(),
          }),
          200,
          'seed reaction',
        );
        reactionCalls.push(callsOf(reacted).length);
      }
    }
    results.reactionRequests = { reactions: reactionCalls.length, dynamoCallsEach: [...new Set(reactionCalls)] };
    log(
      `reactions: ${reactionCalls.length} PUTs, DynamoDB calls each: ${[...new Set(reactionCalls)].join(', ') || 'n/a'}`,
    );
    const page50 = `/v1/comments?post=${encodeURIComponent(p50)}&limit=50`;
    const first = expectStatus(await get(page50), 200, 'thread page');
    const firstPage = JSON.parse(first.text) as { comments: unknown[]; total: number };
    if (firstPage.comments.length !== 50 || firstPage.total !== 50)
      throw new Error(`thread page has ${firstPage.comments.length} comments, total ${firstPage.total}`);
    const withCounts = (firstPage.comments as { reactions: Record<string, number> }[]).filter((c) =>
      Object.values(c.reactions).some((n) => n > 0),
    ).length;
    log(
      `thread page with reactions: ${withCounts}/50 comments carry counts; DynamoDB calls: ${callsOf(first).length || 'n/a'}`,
    );
    results.threadWithReactions = { commentsWithCounts: withCounts, dynamoCalls: callsOf(first).length };
    const threadQuery = callsOf(first).find((c) => c.operation === 'Query')?.input;
    // The raw side: the Query the handler issued, verbatim (same index, key condition and Limit).
    const rawThreadInput = (
      threadQuery
        ? structuredClone(threadQuery)
        : {
            TableName: env.tableName,
            IndexName: 'thread',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': 'threadPk' },
            ExpressionAttributeValues: { ':pk': p50 },
            Limit: 52,
          }
    ) as ConstructorParameters<typeof QueryCommand>[0];
    const rawQuery =
      (input = rawThreadInput) =>
      () =>
        timed(() => raw.send(new QueryCommand({ ...input, ReturnConsumedCapacity: 'INDEXES' })));
    const apiGet = (target: string) => async () => {
      const a = await get(target);
      if (a.status !== 200) throw new Error(`GET ${target}: ${a.status}`);
      return a.ms;
    };
    log(
      `thread page: API ${first.text.length} bytes; raw Query ${JSON.stringify({ IndexName: rawThreadInput.IndexName, KeyConditionExpression: rawThreadInput.KeyConditionExpression, Limit: rawThreadInput.Limit })}`,
    );
    if (probe) probe.recording = false; // latency runs: nothing to attribute
    await interleaved(apiGet(page50), rawQuery(), { blocks: scale(60), concurrency: 1, perWorker: 1 }); // warm-up
    for (const concurrency of [1, 16]) {
      const m =
        concurrency === 1
          ? await interleaved(apiGet(page50), rawQuery(), { blocks: scale(400), concurrency: 1, perWorker: 1 })
          : await interleaved(apiGet(page50), rawQuery(), { blocks: scale(16), concurrency: 16, perWorker: 8 });
      rows.push({ name: `GET thread page, 50 x 300 B, c=${concurrency}`, api: m.a, raw: m.b });
      const ratio = m.a.p50 / m.b.p50;
      const extra = m.a.p50 - m.b.p50;
      verdict(
        `thread page c=${concurrency}: API p50 <= ${TARGETS.threadP50Ratio}x raw and <= raw + ${TARGETS.threadP50ExtraMs} ms`,
        ratio <= TARGETS.threadP50Ratio && extra <= TARGETS.threadP50ExtraMs,
        `API p50 ${m.a.p50.toFixed(2)} ms, raw p50 ${m.b.p50.toFixed(2)} ms: ${ratio.toFixed(2)}x, +${extra.toFixed(2)} ms`,
      );
    }
    // Diagnostic: the same page from the handler called directly (no HTTP, no Lambda-style JSON round trip).
    const listHandler = env.handlers?.ListComments;
    if (listHandler) {
      const event = (): Record<string, unknown> => ({
        version: '2.0',
        routeKey: 'GET /v1/comments',
        rawPath: '/v1/comments',
        rawQueryString: page50.split('?')[1],
        headers: { host: '127.0.0.1' },
        queryStringParameters: { post: p50, limit: '50' },
        isBase64Encoded: false,
        requestContext: {
          requestId: randomBytes(8).toString('hex'),
          routeKey: 'GET /v1/comments',
          stage: '$default',
          http: {
            method: 'GET',
            path: '/v1/comments',
            protocol: 'HTTP/1.1',
            sourceIp: '127.0.0.1',
            userAgent: 'bench',
          },
        },
      });
      const direct = () =>
        timed(async () => {
          const result = (await listHandler(event(), {} as never)) as { statusCode?: number; body?: string };
          if (result.statusCode !== 200) throw new Error(`handler: ${result.statusCode}`);
        });
      const m = await interleaved(direct, rawQuery(), { blocks: scale(300), concurrency: 1, perWorker: 1 });
      rows.push({ name: 'same page, handler called directly (no HTTP), c=1', api: m.a, raw: m.b, note: 'diagnostic' });
    }

    // ---------------------------------------------------------------- 2. 10,000-comment post vs 10-comment post
    log('seeding: a 10,000-comment post and a 10-comment post through the store (BatchWriteItem of toItem records)...');
    const big = 'bench/thread-10000';
    const small = 'bench/thread-10';
    await seedThread(env, raw, big, 10_000, 97);
    await seedThread(env, raw, small, 10, 7);
    // The seeded items must be exactly what the API writes: same attributes, same types.
    const shapeOf = (item: Record<string, unknown>) =>
      Object.keys(item)
        .sort()
        .map((k) => `${k}:${Array.isArray(item[k]) ? 'list' : item[k] === null ? 'null' : typeof item[k]}`)
        .join(',');
    const scanned = await scanTable(env.endpoint, env.tableName);
    const apiItem = scanned.find((i) => i.type === 'comment' && i.post === p50)!;
    const seededItem = scanned.find((i) => i.type === 'comment' && i.post === small)!;
    const sameShape = shapeOf(apiItem) === shapeOf(seededItem);
    const bigPost = scanned.find((i) => i.pk === `POST#${big}`);
    log(
      `seeded items have the API's shape: ${sameShape ? 'yes' : `NO\n  api:    ${shapeOf(apiItem)}\n  seeded: ${shapeOf(seededItem)}`}; big post counter ${String(bigPost?.total)}, approved by query ${await countApprovedByQuery(env.endpoint, env.tableName, big)}`,
    );
    results.seeding = { sameShapeAsApiItems: sameShape, bigPostTotal: bigPost?.total };
    const pageBig = `/v1/comments?post=${encodeURIComponent(big)}&limit=10`;
    const pageSmall = `/v1/comments?post=${encodeURIComponent(small)}&limit=10`;
    await interleaved(apiGet(pageBig), apiGet(pageSmall), { blocks: scale(40), concurrency: 1, perWorker: 1 });
    const bigVsSmall = await interleaved(apiGet(pageBig), apiGet(pageSmall), {
      blocks: scale(300),
      concurrency: 1,
      perWorker: 1,
    });
    if (probe) probe.recording = true;
    const pageCapacity = async (target: string): Promise<Capacity> => {
      probe?.reset();
      const all: Capacity[] = [];
      for (let i = 0; i < 20; i++) all.push(capacityOfCalls(callsOf(await get(target))));
      return averageCapacity(all);
    };
    const capBig = await pageCapacity(pageBig);
    const capSmall = await pageCapacity(pageSmall);
    const bigFirst = JSON.parse((await get(pageBig)).text) as { nextCursor: string };
    const pageBig2 = `${pageBig}&cursor=${encodeURIComponent(bigFirst.nextCursor)}`;
    const capBig2 = await pageCapacity(pageBig2);
    rows.push({
      name: 'GET page, limit=10, 10,000-comment post',
      api: bigVsSmall.a,
      note: probe ? `${capBig.requests} req, ${capBig.realRead} RRU` : undefined,
    });
    rows.push({
      name: 'GET page, limit=10, 10-comment post',
      api: bigVsSmall.b,
      note: probe ? `${capSmall.requests} req, ${capSmall.realRead} RRU` : undefined,
    });
    const latencyRatio = bigVsSmall.a.p50 / bigVsSmall.b.p50;
    const capacityRatio = probe ? capBig.realRead / capSmall.realRead : NaN;
    verdict(
      `page cost independent of thread size: latency p50 within ${TARGETS.sizeIndependence * 100}%`,
      Math.abs(latencyRatio - 1) <= TARGETS.sizeIndependence,
      `10,000: ${bigVsSmall.a.p50.toFixed(2)} ms, 10: ${bigVsSmall.b.p50.toFixed(2)} ms (${latencyRatio.toFixed(3)}x)`,
    );
    if (probe)
      verdict(
        `page cost independent of thread size: read capacity within ${TARGETS.sizeIndependence * 100}%`,
        Math.abs(capacityRatio - 1) <= TARGETS.sizeIndependence,
        `10,000: ${capBig.realRead} RRU in ${capBig.requests} request(s), 10: ${capSmall.realRead} RRU in ${capSmall.requests} request(s)`,
      );

    // ---------------------------------------------------------------- 3. POST vs the raw TransactWriteItems
    log('POST comment vs its TransactWriteItems...');
    const writesPost = 'bench/posts';
    const postOnce = async (): Promise<Answer> =>
      expectStatus(
        await request(env.apiUrl, 'POST', '/v1/comments', {
          body: postBody(writesPost, `poster-${nextIp % 31}@example.test`),
          headers: { 'idempotency-key': randomToken() },
          localAddress: someClient(),
        }),
        201,
        'POST',
      );
    const template = await postOnce();
    const capturedTx = callsOf(template).find((c) => c.operation === 'TransactWriteItems')?.input as
      TransactWriteCommandInput | undefined;
    const capturedPrefetch = callsOf(template).find((c) => c.operation === 'BatchGetItem')?.input;
    const templateId = (JSON.parse(template.text) as { comment: { id: string } }).comment.id;
    /**
     * The handler's own transaction, rebuilt with fresh keys: every key that makes a comment new
     * (comment id, idempotency-key hash, duplicate-marker hash) is replaced by a fresh value of the
     * same length, so sizes, expressions and conditions are identical.
     */
    const rebuild = (): TransactWriteCommandInput => {
      if (!capturedTx) throw new Error('no captured transaction (needs the in-process stack)');
      let json = JSON.stringify(capturedTx);
      json = json.split(templateId).join(newId());
      for (const item of capturedTx.TransactItems ?? []) {
        const pk = String(item.Put?.Item?.pk ?? '');
        const m = /^(IDEMPOTENCY|RECENT)#(.+)$/.exec(pk);
        if (m) json = json.split(m[2]!).join(randomBytes(32).toString('base64url').slice(0, m[2]!.length));
      }
      return JSON.parse(json) as TransactWriteCommandInput;
    };
    /** The handler's prefetch (idempotency record, duplicate marker), for keys as fresh as a new comment's. */
    const rebuildPrefetch = (): ConstructorParameters<typeof BatchGetCommand>[0] => {
      let json = JSON.stringify(capturedPrefetch);
      for (const m of json.matchAll(/"(?:IDEMPOTENCY|RECENT)#([A-Za-z0-9_-]+)"/g))
        json = json.split(m[1]!).join(randomBytes(32).toString('base64url').slice(0, m[1]!.length));
      return JSON.parse(json) as ConstructorParameters<typeof BatchGetCommand>[0];
    };
    const apiPost = async () => (await postOnce()).ms;
    const rawPost = capturedTx
      ? () => {
          const input = rebuild(); // outside the timing, as building the request is on the API side too
          return timed(() => raw.send(new TransactWriteCommand({ ...input, ReturnConsumedCapacity: 'INDEXES' })));
        }
      : undefined;
    if (rawPost) {
      await interleaved(apiPost, rawPost, { blocks: scale(40), concurrency: 1, perWorker: 1 });
      probe?.reset();
      const m = await interleaved(apiPost, rawPost, { blocks: scale(300), concurrency: 1, perWorker: 1 });
      rows.push({
        name: 'POST comment (300 B) vs its TransactWriteItems, c=1',
        api: m.a,
        raw: m.b,
        note: 'diagnostic',
      });
      const postCalls = new Map<string, StoreCall[]>();
      for (const call of probe?.calls ?? [])
        if (call.requestId) postCalls.set(call.requestId, [...(postCalls.get(call.requestId) ?? []), call]);
      const perPost = averageCapacity([...postCalls.values()].map(capacityOfCalls));
      results.postRequests = perPost;
      verdict(
        `DynamoDB requests per POST <= ${TARGETS.requestsPerPost}`,
        perPost.requests <= TARGETS.requestsPerPost,
        `${perPost.requests} requests (${[...new Set([...postCalls.values()][0]?.map((c) => c.operation))].join(' + ')}), ${perPost.attempts} HTTP attempts`,
      );
      if (capturedPrefetch) {
        if (probe) probe.recording = false;
        const both = () => {
          const prefetch = rebuildPrefetch();
          const tx = rebuild();
          return timed(async () => {
            await raw.send(new BatchGetCommand({ ...prefetch, ReturnConsumedCapacity: 'INDEXES' }));
            await raw.send(new TransactWriteCommand({ ...tx, ReturnConsumedCapacity: 'INDEXES' }));
          });
        };
        const m2 = await interleaved(apiPost, both, { blocks: scale(200), concurrency: 1, perWorker: 1 });
        rows.push({ name: 'POST comment vs its BatchGetItem + TransactWriteItems, c=1', api: m2.a, raw: m2.b });
        // Every POST reads, then writes: its raw counterpart is both calls, one after the other.
        verdict(
          `POST p50 <= ${TARGETS.postP50Ratio}x its raw BatchGetItem + TransactWriteItems`,
          m2.a.p50 / m2.b.p50 <= TARGETS.postP50Ratio,
          `API p50 ${m2.a.p50.toFixed(2)} ms, raw ${m2.b.p50.toFixed(2)} ms: ${(m2.a.p50 / m2.b.p50).toFixed(2)}x`,
        );
        if (probe) probe.recording = true;
      } else
        verdict(
          `POST p50 <= ${TARGETS.postP50Ratio}x the raw TransactWriteItems`,
          m.a.p50 / m.b.p50 <= TARGETS.postP50Ratio,
          `API p50 ${m.a.p50.toFixed(2)} ms, raw ${m.b.p50.toFixed(2)} ms: ${(m.a.p50 / m.b.p50).toFixed(2)}x`,
        );
      results.postTransaction = {
        items: capturedTx?.TransactItems?.map(
          (i) => Object.keys(i)[0] + ':' + String(i.Put?.Item?.pk ?? i.Update?.Key?.pk ?? '').split('#')[0],
        ),
      };
    } else {
      rows.push({
        name: 'POST comment (300 B), c=1 (raw side n/a with --api)',
        api: (await interleaved(apiPost, apiPost, { blocks: scale(100), concurrency: 1, perWorker: 1 })).a,
      });
    }

    // ---------------------------------------------------------------- 4. counts for 100 posts
    log('counts for 100 posts...');
    const countPosts = Array.from({ length: 100 }, (_, i) => `bench/count-${String(i).padStart(3, '0')}`);
    await batchWrite(
      raw,
      env.tableName,
      countPosts.filter((_, i) => i % 4 !== 3).map((p, i) => postItem(p, i * 3, new Date().toISOString())),
    ); // a quarter never commented on
    const countsTarget = `/v1/counts?${countPosts.map((p) => `post=${encodeURIComponent(p)}`).join('&')}`;
    const countsFirst = expectStatus(await get(countsTarget), 200, 'counts');
    const countsCall = callsOf(countsFirst).find((c) => c.operation === 'BatchGetItem')?.input;
    const rawCounts = countsCall
      ? () =>
          timed(() =>
            raw.send(
              new BatchGetCommand({
                ...(structuredClone(countsCall) as ConstructorParameters<typeof BatchGetCommand>[0]),
                ReturnConsumedCapacity: 'INDEXES',
              }),
            ),
          )
      : () =>
          timed(() =>
            raw.send(
              new BatchGetCommand({
                RequestItems: {
                  [env.tableName]: {
                    Keys: countPosts.map(postKey),
                    ProjectionExpression: 'pk, #total, title, postUrl, locked',
                    ExpressionAttributeNames: { '#total': 'total' },
                  },
                },
                ReturnConsumedCapacity: 'INDEXES',
              }),
            ),
          );
    if (probe) probe.recording = false;
    await interleaved(apiGet(countsTarget), rawCounts, { blocks: scale(40), concurrency: 1, perWorker: 1 });
    const counts = await interleaved(apiGet(countsTarget), rawCounts, {
      blocks: scale(200),
      concurrency: 1,
      perWorker: 1,
    });
    if (probe) probe.recording = true;
    const capCounts = probe ? await pageCapacity(countsTarget) : undefined;
    rows.push({
      name: 'GET counts for 100 posts vs its BatchGetItem',
      api: counts.a,
      raw: counts.b,
      note: capCounts ? `${capCounts.requests} req, ${capCounts.realRead} RRU` : undefined,
    });
    if (capCounts)
      verdict(
        'counts for 100 posts: one DynamoDB request',
        capCounts.requests <= TARGETS.requestsPerCounts,
        `${capCounts.requests} request(s), ${capCounts.realRead} RRU`,
      );

    // ---------------------------------------------------------------- 5. moderation: approve 1,000 at c=16
    log('seeding 1,000 pending comments; approving them at concurrency 16...');
    const modPost = 'bench/moderation';
    const modStart = Date.now() - 86_400_000;
    const pending = Array.from({ length: 1000 }, (_, i) =>
      seededRecord(env.secret, modPost, modStart + i * 1000, `mod-${i % 41}@example.test`, false),
    );
    await batchWrite(raw, env.tableName, [
      ...pending.map(toItem),
      postItem(modPost, 0, pending.at(-1)!.createdAt, pending.length),
    ]);
    probe?.reset();
    const queue = pending.map((r) => r.id);
    const approvalMs: number[] = [];
    const approvalCapacity: Capacity[] = [];
    const approvalTx: { id: string; tx: TransactWriteCommandInput }[] = [];
    let refused = 0;
    const approveStarted = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          for (let attempt = 0; ; attempt++) {
            const a = await request(env.apiUrl, 'POST', `/v1/admin/comments/${id}/approve`, { headers: admin });
            approvalMs.push(a.ms);
            const calls = callsOf(a);
            if (a.status === 200) {
              approvalCapacity.push(capacityOfCalls(calls));
              const tx = calls.find((c) => c.operation === 'TransactWriteItems');
              if (tx && approvalTx.length < 30)
                approvalTx.push({ id, tx: structuredClone(tx.input) as TransactWriteCommandInput });
              break;
            }
            refused++;
            if (attempt >= 5) throw new Error(`approve ${id}: ${a.status} ${a.text.slice(0, 200)}`);
            await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          }
        }
      }),
    );
    const approveSeconds = (performance.now() - approveStarted) / 1000;
    const approvedByQuery = await countApprovedByQuery(env.endpoint, env.tableName, modPost);
    const afterScan = await scanTable(env.endpoint, env.tableName);
    const modTotal = Number(afterScan.find((i) => i.pk === `POST#${modPost}`)?.total);
    const modAuthorKeys = new Set(pending.map((r) => r.authorKey!));
    const authorSum = afterScan
      .filter((i) => String(i.pk).startsWith('AUTHOR#') && modAuthorKeys.has(String(i.pk).slice(7)))
      .reduce((s, i) => s + Number(i.approvedCount ?? 0), 0);
    const perAuthorExact = [...modAuthorKeys].every(
      (key) =>
        Number(afterScan.find((i) => i.pk === `AUTHOR#${key}`)?.approvedCount ?? 0) ===
        afterScan.filter((i) => i.type === 'comment' && i.authorKey === key && i.status === 'approved').length,
    );
    const approvalStats = stats(approvalMs);
    rows.push({
      name: 'approve 1,000 pending comments, c=16',
      api: approvalStats,
      note: `${(1000 / approveSeconds).toFixed(0)} approvals/s, ${refused} refused and retried`,
    });
    results.moderation = {
      approvals: 1000,
      seconds: Math.round(approveSeconds * 100) / 100,
      perSecond: Math.round(1000 / approveSeconds),
      refusedThenRetried: refused,
      postTotal: modTotal,
      approvedByQuery,
      authorCounterSum: authorSum,
      perAuthorExact,
    };
    verdict(
      'moderation: the post total equals the approved items counted by query',
      modTotal === approvedByQuery && approvedByQuery === 1000,
      `total ${modTotal}, approved by query ${approvedByQuery}`,
    );
    verdict(
      'moderation: the author counters add up exactly',
      authorSum === 1000 && perAuthorExact,
      `sum of ${modAuthorKeys.size} author counters ${authorSum}, each equal to its count: ${perAuthorExact}`,
    );

    // ---------------------------------------------------------------- 6. capacity and cost per operation
    if (probe && capturedTx) {
      log('capacity: replaying sampled transactions as standard writes on a shadow table...');
      const shadow = `${env.tableName}-shadow`;
      await ensureTable({ endpoint: env.endpoint, tableName: shadow });
      // POST: replay a run of rebuilt transactions in order, as a post receiving comments would.
      const postUnits: number[] = [];
      let postParts: string[] = [];
      const postLocal: number[] = [];
      for (let i = 0; i < 12; i++) {
        const tx = rebuild();
        const local = await raw.send(new TransactWriteCommand({ ...tx, ReturnConsumedCapacity: 'TOTAL' }));
        postLocal.push((local.ConsumedCapacity ?? []).reduce((s, c) => s + (c.CapacityUnits ?? 0), 0));
        const units = await shadowWriteUnits(raw, shadow, tx.TransactItems ?? []);
        if (i >= 2) postUnits.push(units.real);
        if (i === 2) postParts = units.parts;
      }
      // Approvals: the pending comment and the counters in their before state, then the approval's writes.
      const approveUnits: number[] = [];
      let approveParts: string[] = [];
      for (const { id, tx } of approvalTx.slice(0, 12)) {
        const before = pending.find((r) => r.id === id)!;
        await raw.send(new PutCommand({ TableName: shadow, Item: toItem(before) }));
        await raw.send(new PutCommand({ TableName: shadow, Item: postItem(modPost, 10, before.createdAt, 10) }));
        const units = await shadowWriteUnits(raw, shadow, tx.TransactItems ?? []);
        approveUnits.push(units.real);
        approveParts = units.parts;
      }
      const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)) * 100) / 100;
      const perPost = results.postRequests as Capacity;
      const approvals = averageCapacity(approvalCapacity);
      verdict(
        `write units per POST <= ${TARGETS.writeUnitsPerPost}`,
        mean(postUnits) <= TARGETS.writeUnitsPerPost,
        `${mean(postUnits)} WRU per new comment (300 B, with Idempotency-Key), as real DynamoDB bills it: ${postParts.join('; ')}`,
      );
      verdict(
        `write units per approve <= ${TARGETS.writeUnitsPerApprove}`,
        mean(approveUnits) <= TARGETS.writeUnitsPerApprove,
        `${mean(approveUnits)} WRU per approval: ${approveParts.join('; ')}`,
      );
      // The worst case: 10,000 characters chosen to grow most once stored ('&' becomes '&amp;').
      const worst = async (body: string) => {
        const a = await request(env.apiUrl, 'POST', '/v1/comments', {
          body: { ...postBody('bench/worst-case', 'worst@example.test'), body },
          localAddress: someClient(),
        });
        if (a.status !== 201) return { status: a.status, bytes: 0 };
        const id = (JSON.parse(a.text) as { comment: { id: string } }).comment.id;
        const item = (await scanTable(env.endpoint, env.tableName)).find((i) => i.pk === `COMMENT#${id}`)!;
        return { status: a.status, bytes: itemBytes(item) };
      };
      const allAmps = await worst('&'.repeat(10_000));
      const largest = await Promise.all([
        worst(`${'&'.repeat(3_270)}${'a'.repeat(6_730)}`),
        worst('€'.repeat(5_400)),
        worst('x'.repeat(10_000)),
      ]);
      const worstBytes = Math.max(...largest.map((w) => w.bytes));
      results.worstCaseItem = { allAmpersands: allAmps, largestAccepted: largest };
      verdict(
        `stored item of a worst-case 10,000-character body <= ${TARGETS.worstItemBytes} bytes`,
        worstBytes <= TARGETS.worstItemBytes && allAmps.status !== 201,
        `10,000 '&': HTTP ${allAmps.status}${allAmps.bytes ? ` (${allAmps.bytes} B)` : ''}; largest accepted item ${worstBytes} B (${largest.map((w) => `${w.status}:${w.bytes}`).join(', ')})`,
      );
      const ops = [
        {
          op: 'GET thread page (first page, limit=50, 50 comments, all with reactions)',
          ...(await pageCapacity(page50)),
          realWrite: 0,
        },
        { op: 'GET thread page (first page, limit=10, 10,000-comment post)', ...capBig, realWrite: 0 },
        { op: 'GET thread page (later page, limit=10, 10,000-comment post)', ...capBig2, realWrite: 0 },
        { op: 'GET counts (100 posts)', ...capCounts!, realWrite: 0 },
        { op: 'POST comment (300 B, with Idempotency-Key)', ...perPost, realWrite: mean(postUnits) },
        { op: 'POST approve (moderator)', ...approvals, realWrite: mean(approveUnits) },
      ].map((o) => {
        const costPerMillion = (o.realRead * PRICE.readRequestUnit + o.realWrite * PRICE.writeRequestUnit) * 1e6;
        return { ...o, localReportedWrite: o.write, costPerMillion: Math.round(costPerMillion * 1000) / 1000 };
      });
      results.capacity = {
        ops,
        price: PRICE,
        localTransactionFigures: {
          postTransactionAsReportedByLocal: mean(postLocal),
          sameTransactionReplayedStandardTimesTwoPlusIndexes: mean(postUnits),
        },
      };
    }

    // ---------------------------------------------------------------- report
    results.rows = rows;
    results.verdicts = verdicts;
    results.seconds = Math.round((Date.now() - began) / 1000);
    fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);

    const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(2));
    const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
    const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
    log('');
    log(
      `Parley vs raw DynamoDB (DynamoDB Local), ${results.mode}; ${os.cpus().length} CPUs, Node ${process.version}; latencies in ms`,
    );
    log(
      `${pad('measurement', 56)}${lpad('n', 6)}${lpad('API p50', 9)}${lpad('p95', 8)}${lpad('p99', 8)}${lpad('raw p50', 9)}${lpad('p95', 8)}${lpad('p99', 8)}${lpad('p50 ratio', 10)}  note`,
    );
    for (const r of rows) {
      log(
        `${pad(r.name, 56)}${lpad(String(r.api.n), 6)}${lpad(fmt(r.api.p50), 9)}${lpad(fmt(r.api.p95), 8)}${lpad(fmt(r.api.p99), 8)}${lpad(fmt(r.raw?.p50), 9)}${lpad(fmt(r.raw?.p95), 8)}${lpad(fmt(r.raw?.p99), 8)}${lpad(r.raw ? `${(r.api.p50 / r.raw.p50).toFixed(2)}x` : '', 10)}  ${r.note ?? ''}`,
      );
    }
    const capacity = results.capacity as
      | {
          ops: {
            op: string;
            requests: number;
            attempts: number;
            read: number;
            realRead: number;
            localReportedWrite: number;
            realWrite: number;
            costPerMillion: number;
          }[];
        }
      | undefined;
    if (capacity) {
      log('');
      log(
        `Consumed capacity per operation and DynamoDB cost per million operations (${PRICE.region} on-demand: $0.125 per million read request units, $0.625 per million write request units; ${PRICE.asOf}).`,
      );
      log(
        'Write units for real DynamoDB: each transaction item replayed as a standard write (ReturnConsumedCapacity=INDEXES), table units x2 for the transactional price, index units at the standard rate.',
      );
      log(
        'Read units for real DynamoDB: as Local reports them, plus the minimum charge Local omits for each requested key that does not exist.',
      );
      log(
        `${pad('operation', 60)}${lpad('requests', 9)}${lpad('RRU (Local)', 12)}${lpad('RRU (real)', 11)}${lpad('WRU (Local)', 12)}${lpad('WRU (real)', 11)}${lpad('$ per 1M ops', 14)}`,
      );
      for (const o of capacity.ops)
        log(
          `${pad(o.op, 60)}${lpad(String(o.requests), 9)}${lpad(fmt(o.read), 12)}${lpad(fmt(o.realRead), 11)}${lpad(fmt(o.localReportedWrite), 12)}${lpad(fmt(o.realWrite), 11)}${lpad(o.costPerMillion.toFixed(2), 14)}`,
        );
    } else log('\nConsumed capacity: n/a (needs the handlers in this process; run without --api)');
    log('');
    for (const v of verdicts) log(`${v.pass ? 'PASS' : 'FAIL'}  ${v.name}: ${v.detail}`);
    log(`\n${results.seconds} s; results in ${path.relative(process.cwd(), OUT)}`);
  } finally {
    raw.destroy();
    agent.destroy();
    await env.cleanup();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
