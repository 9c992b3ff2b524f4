/**
 * Load: 2,000 comments from 32 concurrent clients (each its own loopback address, so the per-client
 * rate limit applies to each), with retries that reuse the Idempotency-Key after an answer or while
 * the first attempt is still in flight, replies, held and spam comments, a moderator approving and
 * rejecting while it runs, and readers reading. Afterwards the table must hold exactly what was
 * acknowledged: every 201 stored once with byte-identical text, and every counter exact.
 */
import { keyedHash } from '../../shared/crypto';
import { renderMarkdown } from '../../shared/domain/render-markdown';
import { startTestApi, type TestApi } from '../support/local-api';
import { newComment, type CommentRequest } from '../support/reliability/bodies';
import {
  checkInvariants,
  closeTableClients,
  comments,
  countApprovedByQuery,
  scanTable,
} from '../../infra/local/inspect/table';
import { findLeaks, markersIn, Traffic, type Exchange } from '../support/reliability/traffic';

const TOTAL = 2000;
const CLIENTS = 32;
const POSTS = [
  'load/alpha',
  'load/beta',
  'load/gamma',
  'load/delta',
  'load/epsilon',
  '2011/11/cloud-blog-on-wired-site-time-to-value',
];
const clientIp = (n: number): string => `127.0.0.${10 + n}`;
const MODERATOR_IP = '127.0.0.60';
const READER_IP = '127.0.0.61';

let api: TestApi;
let traffic: Traffic;
const endpoint = (): string => process.env.DYNAMODB_ENDPOINT ?? '';

/** Deterministic pseudo-random numbers, so a failing run can be replayed. */
const prng = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

interface Planned {
  readonly request: CommentRequest;
  readonly client: number;
  /** once | after (resend after the answer) | concurrent (two at once) | storm (three at once, then one after) */
  readonly retry: 'once' | 'after' | 'concurrent' | 'storm';
  readonly kind: 'clean' | 'held' | 'spam';
  readonly rejectable: boolean;
}

interface Outcome {
  readonly planned: Planned;
  readonly answers: Exchange[];
}

const outcomes: Outcome[] = [];
const acknowledged = new Map<string, { planned: Planned; id: string; answer: Exchange }>();
/** When a comment stopped being public (rejected, edited into a held state, deleted by its author). */
const hiddenAt = new Map<string, number>();
const rejectedAt = new Map<string, number>();
const approvedByModerator = new Set<string>();

beforeAll(async () => {
  api = await startTestApi({ env: { MODERATION: 'post', RATE_LIMIT_MAX: '100', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  traffic = new Traffic(api.url);
});
afterAll(async () => {
  await api.close();
  closeTableClients();
});

const post = (p: Planned): Promise<Exchange> =>
  traffic.send('POST', '/v1/comments', {
    body: p.request.body,
    headers: { 'idempotency-key': p.request.key },
    localAddress: clientIp(p.client),
    timeoutMs: 30_000,
  });

/** Sends one planned comment the way its retry behaviour says; on 503 or 409 `conflict` the client retries with the same key. */
const deliver = async (p: Planned): Promise<Exchange[]> => {
  const answers: Exchange[] = [];
  const burst = p.retry === 'concurrent' ? 2 : p.retry === 'storm' ? 3 : 1;
  answers.push(...(await Promise.all(Array.from({ length: burst }, () => post(p)))));
  if (p.retry === 'after' || p.retry === 'storm') answers.push(await post(p));
  for (let i = 0; i < 5 && !answers.some((a) => a.status === 201); i++) {
    await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    answers.push(await post(p));
  }
  return answers;
};

test('2,000 comments from 32 concurrent clients with idempotent retries: every acknowledged comment is stored once, byte for byte, and every counter is exact', async () => {
  const random = prng(20261125);
  const parents = new Map<number, string[]>(); // client -> ids of its approved, never-rejected comments
  const parentPost = new Map<string, string>();
  const plan = (client: number, index: number): Planned => {
    const r = random();
    const kind = r < 0.14 ? 'held' : r < 0.17 ? 'spam' : 'clean';
    const post = POSTS[Math.floor(random() * POSTS.length)]!;
    const own = parents.get(client) ?? [];
    const reply =
      kind === 'clean' && own.length > 0 && random() < 0.15 ? own[Math.floor(random() * own.length)] : undefined;
    const request = newComment({
      post,
      email: `author-${index % 40}@example.test`,
      elapsedMs: kind === 'held' ? 500 : 60_000,
      parentId: reply,
    });
    if (kind === 'spam') (request.body as { hp?: string }).hp = 'i am a bot';
    if (reply) (request.body as { post: string }).post = String(parentPost.get(reply));
    const q = random();
    return {
      request,
      client,
      kind,
      retry: q < 0.55 ? 'once' : q < 0.75 ? 'after' : q < 0.92 ? 'concurrent' : 'storm',
      rejectable: kind === 'clean' && !reply && random() < 0.1,
    };
  };
  const heldIds: string[] = [];
  const rejectableIds: string[] = [];
  let done = false;

  const perClient = Math.ceil(TOTAL / CLIENTS);
  const writers = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = 0; n < perClient; n++) {
      const index = client * perClient + n;
      if (index >= TOTAL) return;
      const p = plan(client, index);
      const answers = await deliver(p);
      outcomes.push({ planned: p, answers });
      const ok = answers.find((a) => a.status === 201);
      if (!ok) continue;
      const id = ok.json.comment.id as string;
      if (p.kind === 'held') heldIds.push(id);
      if (p.rejectable) rejectableIds.push(id);
      else if (p.kind === 'clean') {
        parents.set(client, [...(parents.get(client) ?? []), id]);
        parentPost.set(id, String(p.request.body.post));
      }
    }
  });

  const token = await api.moderatorToken();
  const moderator = (async () => {
    // Approves every other held comment as it arrives (the rest stay pending) and rejects the rejectable ones.
    let turn = 0;
    while (!done || heldIds.length > 0 || rejectableIds.length > 0) {
      const held = heldIds.shift();
      const approve = held !== undefined && turn++ % 2 === 0 ? held : undefined;
      const reject = rejectableIds.shift();
      if (approve) {
        const e = await traffic.send('POST', `/v1/admin/comments/${approve}/approve`, {
          headers: { authorization: `Bearer ${token}` },
          localAddress: MODERATOR_IP,
        });
        expect(e.status).toBe(200);
        approvedByModerator.add(approve);
      }
      if (reject) {
        const e = await traffic.send('POST', `/v1/admin/comments/${reject}/reject`, {
          headers: { authorization: `Bearer ${token}` },
          localAddress: MODERATOR_IP,
        });
        expect(e.status).toBe(200);
        rejectedAt.set(reject, Date.now());
        hiddenAt.set(reject, Date.now());
      }
      if (held === undefined && !reject) await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const reader = (async () => {
    for (let i = 0; !done && i < 2000; i++) {
      const p = encodeURIComponent(POSTS[i % POSTS.length]!);
      await traffic.send(
        'GET',
        i % 3 === 0
          ? `/v1/comments?post=${p}&sort=newest&limit=50`
          : i % 3 === 1
            ? `/v1/counts?post=${p}&post=load/alpha`
            : `/v1/feed${i % 2 ? `?post=${p}` : ''}`,
        { localAddress: READER_IP },
      );
    }
  })();

  await Promise.all(writers);
  done = true;
  await Promise.all([moderator, reader]);

  // Every logical comment was acknowledged, and all its acknowledgements name one comment.
  const unexpected = outcomes.flatMap((o) =>
    o.answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.text.slice(0, 120)}`),
  );
  expect(unexpected).toEqual([]);
  expect(outcomes).toHaveLength(TOTAL);
  for (const o of outcomes) {
    const ids = new Set(o.answers.filter((a) => a.status === 201).map((a) => a.json.comment.id as string));
    expect(ids.size).toBe(1);
    const answer = o.answers.find((a) => a.status === 201)!;
    acknowledged.set([...ids][0]!, { planned: o.planned, id: [...ids][0]!, answer });
    // The poster's copy is the rendering of exactly what they sent.
    expect(answer.json.comment.html).toBe(renderMarkdown(String(o.planned.request.body.body)).html);
  }
  expect(acknowledged.size).toBe(TOTAL);

  // The table holds exactly the acknowledged comments: no duplicates, no strays, text byte-identical.
  const items = await scanTable(endpoint(), api.tableName);
  const stored = comments(items);
  expect(stored).toHaveLength(TOTAL);
  const mismatches: string[] = [];
  for (const item of stored) {
    const ack = acknowledged.get(String(item.id));
    if (!ack) {
      mismatches.push(`stored comment ${String(item.id)} was never acknowledged`);
      continue;
    }
    const sent = String(ack.planned.request.body.body);
    if (!Buffer.from(String(item.body), 'utf8').equals(Buffer.from(sent, 'utf8')))
      mismatches.push(`${ack.id}: stored body differs from the sent one`);
    if (item.html !== renderMarkdown(sent).html)
      mismatches.push(`${ack.id}: stored html is not the rendering of the sent body`);
    const expectedStatus = rejectedAt.has(ack.id)
      ? 'rejected'
      : ack.planned.kind === 'spam'
        ? 'spam'
        : ack.planned.kind === 'held' && !approvedByModerator.has(ack.id)
          ? 'pending'
          : 'approved';
    if (item.status !== expectedStatus)
      mismatches.push(`${ack.id}: status ${String(item.status)}, expected ${expectedStatus}`);
  }
  expect(mismatches).toEqual([]);

  // One idempotency record per key, naming the acknowledged comment.
  const records = items.filter((i) => String(i.pk).startsWith('IDEMPOTENCY#'));
  expect(records).toHaveLength(TOTAL);
  expect(new Set(records.map((r) => String(r.commentId)))).toEqual(new Set(acknowledged.keys()));

  // Counters: each post's total, each author's trust counter and the rate windows equal what they count.
  expect(await checkInvariants(endpoint(), api.tableName, { rateHitsEqualComments: true })).toEqual([]);
  const counts = (
    await traffic.send('GET', `/v1/counts?${POSTS.map((p) => `post=${encodeURIComponent(p)}`).join('&')}`, {
      localAddress: READER_IP,
    })
  ).json.counts;
  for (const p of POSTS) expect(counts[p]).toBe(await countApprovedByQuery(endpoint(), api.tableName, p));

  // Pending comments, as the moderation queue shows them, carry the byte-identical text.
  const queue: { id: string; body: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const e: Exchange = await traffic.send(
      'GET',
      `/v1/admin/comments?status=pending&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { headers: { authorization: `Bearer ${token}` }, localAddress: MODERATOR_IP },
    );
    queue.push(...e.json.comments);
    cursor = e.json.nextCursor;
    if (!cursor) break;
  }
  expect(queue.length).toBe(stored.filter((s) => s.status === 'pending').length);
  for (const q of queue) expect(q.body).toBe(acknowledged.get(q.id)?.planned.request.body.body);

  // The public thread shows every approved comment once, with the stored html, and nothing else with content.
  for (const p of POSTS) {
    const seen = new Map<string, string>();
    let next: string | null = null;
    let total = -1;
    for (let page = 0; page < 100; page++) {
      const e: Exchange = await traffic.send(
        'GET',
        `/v1/comments?post=${encodeURIComponent(p)}&limit=100${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
        { localAddress: READER_IP },
      );
      expect(e.status).toBe(200);
      total = e.json.total;
      const walk = (nodes: { id: string; html: string; deleted: boolean; replies: unknown[] }[]): void => {
        for (const n of nodes) {
          if (!n.deleted) {
            expect(seen.has(n.id)).toBe(false);
            seen.set(n.id, n.html);
          }
          walk(n.replies as never);
        }
      };
      walk(e.json.comments);
      next = e.json.nextCursor;
      if (!next) break;
    }
    const approvedHere = stored.filter((s) => s.post === p && s.status === 'approved');
    expect(total).toBe(approvedHere.length);
    expect(new Set(seen.keys())).toEqual(new Set(approvedHere.map((s) => String(s.id))));
    for (const s of approvedHere) expect(seen.get(String(s.id))).toBe(s.html);
  }
});

test('authors edit and delete while readers read: edits are stored byte for byte, held edits and deletions leave the thread, and every counter stays exact', async () => {
  const editable = [...acknowledged.values()].filter((a) => a.planned.kind === 'clean' && !rejectedAt.has(a.id));
  expect(editable.length).toBeGreaterThan(200);
  const random = prng(7);
  const picks = editable.sort(() => random() - 0.5).slice(0, 150);
  const edits = new Map<string, string>();
  let reading = true;
  const reader = (async () => {
    for (let i = 0; reading && i < 1000; i++)
      await traffic.send('GET', `/v1/comments?post=${encodeURIComponent(POSTS[i % POSTS.length]!)}&limit=100`, {
        localAddress: READER_IP,
      });
  })();
  let writes = 0;
  await Promise.all(
    Array.from({ length: 10 }, async (_, w) => {
      for (let i = w; i < picks.length; i += 10) {
        const a = picks[i]!;
        const mark = /\((mk[0-9a-f]+x\d+)\)/.exec(String(a.planned.request.body.body))![1]!;
        const headers = { 'x-edit-token': a.answer.json.editToken as string };
        const ip = `127.0.0.${70 + w}`;
        if (i < 60) {
          const body = `Edited: still *public*, naïve café ✓ (${mark})`;
          const e = await traffic.send('PATCH', `/v1/comments/${a.id}`, { body: { body }, headers, localAddress: ip });
          expect([e.status, e.json?.comment?.status]).toEqual([200, 'approved']);
          edits.set(a.id, body);
        } else if (i < 100) {
          // Five links: a spam signal, so the edit is held for moderation and leaves the public thread.
          const body = `Edited with links https://a.example https://b.example https://c.example https://d.example https://e.example (${mark})`;
          const e = await traffic.send('PATCH', `/v1/comments/${a.id}`, { body: { body }, headers, localAddress: ip });
          expect([e.status, e.json?.comment?.status]).toEqual([200, 'pending']);
          hiddenAt.set(a.id, Date.now());
          edits.set(a.id, body);
        } else {
          const e = await traffic.send('DELETE', `/v1/comments/${a.id}`, { headers, localAddress: ip });
          expect(e.status).toBe(204);
          hiddenAt.set(a.id, Date.now());
        }
        writes++;
      }
    }),
  );
  reading = false;
  await reader;

  const stored = comments(await scanTable(endpoint(), api.tableName));
  const byId = new Map(stored.map((c) => [String(c.id), c]));
  for (const [id, body] of edits) {
    expect(byId.get(id)?.body).toBe(body);
    expect(byId.get(id)?.html).toBe(renderMarkdown(body).html);
  }
  for (const a of picks.slice(100)) expect([byId.get(a.id)?.status, byId.get(a.id)?.body]).toEqual(['deleted', '']);
  expect(await checkInvariants(endpoint(), api.tableName, { expectedRateHits: TOTAL + writes })).toEqual([]);
  for (const p of POSTS) {
    const page = (await traffic.send('GET', `/v1/counts?post=${encodeURIComponent(p)}`, { localAddress: READER_IP }))
      .json;
    expect(page.counts[p]).toBe(await countApprovedByQuery(endpoint(), api.tableName, p));
  }
});

test('no public response during the load leaks an email, a client address, an IP hash, an edit token or the text of a comment that was not public', async () => {
  const stored = comments(await scanTable(endpoint(), api.tableName));
  const secret = process.env.PARLEY_SECRET ?? '';
  const ips = [
    ...Array.from({ length: CLIENTS }, (_, n) => clientIp(n)),
    ...Array.from({ length: 10 }, (_, w) => `127.0.0.${70 + w}`),
    MODERATOR_IP,
    READER_IP,
  ];
  const markOf = (body: unknown): string => /\((mk[0-9a-f]+x\d+)\)/.exec(String(body))?.[1] ?? '';
  const publicOnes = traffic.publicExchanges();
  const leaks = findLeaks(publicOnes, {
    emails: outcomes.map((o) => o.planned.request.email),
    ips,
    ipHashes: [...stored.map((c) => String(c.ipHash)), ...ips.map((ip) => keyedHash(secret, 'ip', ip))],
    editTokenHashes: stored.map((c) => String(c.editTokenHash)),
    hiddenMarkers: stored
      .filter((c) => c.inThread !== true)
      .map((c) => markOf(c.body))
      .filter(Boolean),
  });
  // A comment that stopped being public (rejected, edited into a held state, deleted) must be gone
  // from every answer that started after that moment; its own author's answers excepted.
  const hiddenMarks = new Map(
    [...hiddenAt].map(([id, at]) => [markOf(acknowledged.get(id)?.planned.request.body.body), at]),
  );
  for (const e of publicOnes) {
    for (const mark of markersIn(e.text)) {
      const after = hiddenMarks.get(mark);
      if (after !== undefined && e.startedAt > after && !e.requestBody.includes(mark))
        leaks.push(`${e.method} ${e.path}: comment ${mark} after it stopped being public`);
    }
  }
  expect(leaks).toEqual([]);
  expect(hiddenMarks.size).toBeGreaterThan(100);
  expect(stored.filter((c) => c.inThread !== true).length).toBeGreaterThan(100);
});
