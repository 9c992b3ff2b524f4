/**
 * An HTTP client for the reliability tests that (1) never waits forever (every request has a time
 * limit and a timed-out request is reported, not thrown), and (2) keeps every exchange, so that each
 * test file can finally scan all public responses for data that must never leak.
 */
import http from 'node:http';
import { encodeRequest } from '../local-api';

export interface SendOptions {
  /** An object is sent as JSON; a string or Buffer as is. Content-Type defaults to application/json. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Loopback source address, e.g. 127.0.0.7, to look like another client. */
  readonly localAddress?: string;
  readonly timeoutMs?: number;
}

export interface Exchange {
  readonly method: string;
  readonly path: string;
  /** What was sent, as text (for "the poster's own text" in the leak scan). */
  readonly requestBody: string;
  readonly requestHeaders: Readonly<Record<string, string | readonly string[]>>;
  /** 0 when no answer came within the time limit (`timedOut`) or the connection failed (`error`). */
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;

  readonly json: any;
  readonly startedAt: number;
  readonly ms: number;
  readonly timedOut: boolean;
  readonly error: string | undefined;
}

export class Traffic {
  readonly exchanges: Exchange[] = [];
  /** `localAddress`: where requests come from unless a request says otherwise (keep 127.0.0.1, the server's own address, out of the leak scan). */
  constructor(
    readonly baseUrl: string,
    readonly localAddress = '127.0.0.2',
  ) {}

  send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const { headers, payload } = encodeRequest(options);
    const startedAt = Date.now();
    const timeoutMs = options.timeoutMs ?? 15_000;
    return new Promise<Exchange>((resolve) => {
      let settled = false;
      const finish = (partial: Pick<Exchange, 'status' | 'headers' | 'text' | 'timedOut' | 'error'>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        let json: unknown;
        try {
          json = partial.text === '' ? undefined : JSON.parse(partial.text);
        } catch {
          json = undefined;
        }
        const exchange: Exchange = {
          method,
          path,
          requestBody: payload?.toString('utf8') ?? '',
          requestHeaders: headers,
          startedAt,
          ms: Date.now() - startedAt,
          json,
          ...partial,
        };
        this.exchanges.push(exchange);
        resolve(exchange);
      };
      const req = http.request(
        new URL(path, this.baseUrl),
        { method, headers, localAddress: options.localAddress ?? this.localAddress, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) =>
            finish({ status: 0, headers: res.headers, text: '', timedOut: false, error: error.message }),
          );
          res.on('end', () =>
            finish({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              timedOut: false,
              error: undefined,
            }),
          );
        },
      );
      const timer = setTimeout(() => {
        finish({ status: 0, headers: {}, text: '', timedOut: true, error: `no answer within ${timeoutMs} ms` });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error) => finish({ status: 0, headers: {}, text: '', timedOut: false, error: error.message }));
      req.end(payload);
    });
  }

  /** Everything a reader, a browser or a CDN could see: responses of routes outside /v1/admin/. */
  publicExchanges(): Exchange[] {
    return this.exchanges.filter((e) => !e.path.startsWith('/v1/admin'));
  }
}

export interface Secrets {
  /** Author emails that were sent. */
  readonly emails: Iterable<string>;
  /** Client addresses the requests came from. */
  readonly ips: Iterable<string>;
  /** Keyed IP hashes as stored (comment `ipHash`, rate window keys). */
  readonly ipHashes: Iterable<string>;
  /** Edit token hashes as stored. */
  readonly editTokenHashes: Iterable<string>;
  /** Unique markers contained in the text of comments that were never public (pending, rejected, spam). */
  readonly hiddenMarkers: Iterable<string>;
}

/** Candidate substrings of a response, found once per response and then looked up in sets. */
const IPV4 = /(?<![0-9.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9])/g;
const BASE64URL_43 = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const MARKER = /mk[0-9a-f]{10}x[0-9]+/g;

/** The comment markers (see bodies.ts `marker()`) a text contains. */
export const markersIn = (text: string): string[] => [...text.matchAll(MARKER)].map((m) => m[0]);

/**
 * Scans public responses for what must never be in them: an email address, a client address, an IP
 * hash, an edit token (except the poster's own, in the answer to their POST), an edit token hash,
 * or the text of a comment that was never approved (except in the answer to the request that sent it).
 * Edit tokens and the stored hashes are 43 base64url characters; markers come from `marker()`.
 */
export const findLeaks = (exchanges: readonly Exchange[], secrets: Secrets): string[] => {
  const leaks: string[] = [];
  const editTokens = new Set<string>();
  for (const e of exchanges) if (typeof e.json?.editToken === 'string') editTokens.add(e.json.editToken);
  const emails = new Set([...secrets.emails].filter(Boolean).map((email) => email.toLowerCase()));
  const ips = new Set(secrets.ips);
  const hashes = new Set([...secrets.ipHashes, ...secrets.editTokenHashes].filter((h) => h.length >= 16));
  const markers = new Set(secrets.hiddenMarkers);
  for (const e of exchanges) {
    const visible = `${JSON.stringify(e.headers)}\n${e.text}`;
    const where = `${e.method} ${e.path.slice(0, 80)} -> ${e.status}`;
    if (visible.includes('@') || visible.includes('%40')) {
      const lower = visible.toLowerCase();
      for (const email of emails)
        if (lower.includes(email) || lower.includes(email.replace('@', '%40'))) leaks.push(`${where}: email ${email}`);
    }
    for (const m of visible.matchAll(IPV4)) if (ips.has(m[0])) leaks.push(`${where}: client address ${m[0]}`);
    const own = e.method === 'POST' && e.path.split('?')[0] === '/v1/comments' ? e.json?.editToken : undefined;
    for (const m of visible.matchAll(BASE64URL_43)) {
      if (hashes.has(m[0])) leaks.push(`${where}: stored hash ${m[0].slice(0, 10)}...`);
      if (editTokens.has(m[0]) && m[0] !== own) leaks.push(`${where}: someone's edit token`);
    }
    for (const mark of markersIn(visible))
      if (markers.has(mark) && !e.requestBody.includes(mark))
        leaks.push(`${where}: text of a comment that was never public (${mark})`);
  }
  return leaks;
};
