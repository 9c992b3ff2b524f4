/**
 * A notifier rig on real parts: the local API and table (DynamoDB Local), the stream poller on the
 * table's stream, the local SES (aws-ses-v2-local) and, when asked, a fault-injecting proxy in
 * front of it.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSesLocal, type SesLocal } from '../../infra/local/ses-local';
import { startStreamPoller, type StreamPoller } from '../../infra/local/stream-poller';
import { readConfig } from '../../shared/config';
import { sesMailer } from '../../shared/mail/ses-mailer';
import { listModeratorDirectory } from '../../shared/notify/moderator-directory';
import { handleStreamEvent } from '../../shared/notify/notifier';
import type { NotifierDeps } from '../../shared/notify/notifier-deps';
import type { WebhookSender } from '../../shared/notify/webhook-sender';
import { startTestApi, type TestApi } from '../support/local-api';

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** Forwards to the local SES, but answers 429 Throttling to every send whose body contains `poison`. */
export const startFaultProxy = async (target: string, poison: string) => {
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.toString().includes(poison)) {
        refused += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end(JSON.stringify({ message: 'Maximum sending rate exceeded' }));
        return;
      }
      const url = new URL(req.url ?? '/', target);
      const forward = httpRequest(url, { method: req.method, headers: req.headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export interface NotifyRig {
  readonly api: TestApi;
  readonly ses: SesLocal;
  readonly deps: NotifierDeps;
  poller: StreamPoller;
  close(): Promise<void>;
}

export const startNotifyRig = async (
  options: {
    moderators?: string;
    sesEndpoint?: (ses: SesLocal) => Promise<string>;
    maxRetries?: number;
    webhook?: WebhookSender;
    /** Settings of the API's handlers, over the rig's own (e.g. a small RATE_LIMIT_MAX). */
    env?: Record<string, string>;
  } = {},
): Promise<NotifyRig> => {
  const api = await startTestApi({ env: { RATE_LIMIT_MAX: '100000', MODERATION: 'pre', ...options.env } });
  const ses = await startSesLocal({ port: await freePort() });
  const endpoint = options.sesEndpoint ? await options.sesEndpoint(ses) : ses.url;
  const settings = {
    ...readConfig({ NOTIFY_DIGEST_SECONDS: '0' }),
    sesEndpoint: endpoint,
    publicApiUrl: api.url,
  };
  // The routes' handlers run in this process and read their settings from the environment.
  process.env.SES_ENDPOINT = endpoint;
  process.env.PUBLIC_API_URL = api.url;
  const deps: NotifierDeps = {
    mailer: sesMailer({ from: settings.mailFrom, endpoint, maxAttempts: 1 }),
    moderators: listModeratorDirectory(options.moderators ?? 'alice=alice@moderators.example'),
    settings,
    siteTitle: 'Test blog',
    siteUrl: 'https://blog.example/',
    secret: async () => process.env.PARLEY_SECRET ?? '',
    now: () => new Date(),
    log: () => undefined,
    webhook: options.webhook,
  };
  const poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    tableName: api.tableName,
    handler: (event) => handleStreamEvent(event, deps),
    maxRetries: options.maxRetries ?? 2,
    pollIntervalMs: 100,
    retryDelayMs: 20,
  });
  const rig: NotifyRig = {
    api,
    ses,
    deps,
    poller,
    async close() {
      await rig.poller.stop();
      await ses.stop();
      await api.close();
    },
  };
  return rig;
};
