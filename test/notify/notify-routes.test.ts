/**
 * The issue's done-when checks, over HTTP against the local stack (DynamoDB Local and its stream,
 * aws-ses-v2-local) with NOTIFY_DIGEST_SECONDS=0: mail links open pages that change nothing, and
 * only the pages' POSTs act.
 */
import { sentMail, waitForMail, type StoredMail } from '../../infra/local/ses-local';
import { getComment } from '../../shared/store/reads';
import { expectStatus, moderate, post, thread, POST_ID } from '../support/comments';
import { startNotifyRig, type NotifyRig } from './support';

let rig: NotifyRig;
beforeAll(async () => {
  rig = await startNotifyRig({ moderators: 'alice=alice@example.org' });
});
afterAll(() => rig?.close());

const to = (address: string) => (mail: StoredMail) => mail.destination.to.includes(address);
const mentioning = (text: string) => (mail: StoredMail) => (mail.body.text ?? '').includes(text);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The path and query of the first link to `path` in the mail, e.g. `/v1/notify/action?token=...`. */
const linkIn = (mail: StoredMail, path: string, nth = 0): string => {
  const links = [...(mail.body.text ?? '').matchAll(new RegExp(`${rig.api.url}(${path}\\?token=[^\\s>]+)`, 'g'))];
  const link = links[nth]?.[1];
  if (!link) throw new Error(`no ${path} link in the mail`);
  return link;
};
const tokenOf = (link: string): string => new URL(link, rig.api.url).searchParams.get('token') ?? '';
const postForm = (path: string, fields: Record<string, string>) =>
  rig.api.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: FORM });

describe('a moderator acting from a digest mail', () => {
  const text = `Please moderate me ${Date.now()}`;
  let id: string;
  let approveLink: string;

  beforeAll(async () => {
    id = (await post(rig.api, { body: text, author: { name: 'Pat', email: 'pat@example.net' } })).comment.id;
  });

  test('a pending comment puts a mail to alice@example.org in the local SES store within 10 seconds', async () => {
    const mails = await waitForMail(
      rig.ses.url,
      (all) => all.some((m) => to('alice@example.org')(m) && mentioning(text)(m)),
      10_000,
    );
    const mail = mails.find((m) => to('alice@example.org')(m) && mentioning(text)(m)) as StoredMail;
    approveLink = linkIn(mail, '/v1/notify/action');
    expect(`${mail.body.text}${mail.body.html}`).not.toContain('pat@example.net');
  });

  test('GET on the approve link shows the comment and a button, under a no-script policy, and changes nothing', async () => {
    const page = expectStatus(await rig.api.request('GET', approveLink), 200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain(text);
    expect(page.text).toContain('<form method="post" action="action">');
    expect(page.text).not.toContain('<script');
    expect((await getComment(id))?.status).toBe('pending');
  });

  test('POST from the page approves it: thread, counts and audit log show it, by alice via email', async () => {
    const count = async () =>
      (
        expectStatus(await rig.api.request('GET', `/v1/counts?post=${encodeURIComponent(POST_ID)}`), 200).json as {
          counts: Record<string, number>;
        }
      ).counts[POST_ID] ?? 0;
    const countBefore = await count();
    const done = expectStatus(await postForm('/v1/notify/action', { token: tokenOf(approveLink) }), 200);
    expect(done.text).toContain('The comment is approved.');
    const page = await thread(rig.api, `post=${encodeURIComponent(POST_ID)}&limit=100`);
    expect(JSON.stringify(page)).toContain(id);
    expect(await count()).toBe(countBefore + 1);
    const auth = { authorization: `Bearer ${await rig.api.moderatorToken()}` };
    const audit = expectStatus(await rig.api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200);
    const entry = (audit.json as { entries: { commentId: string; action: string; by: string }[] }).entries.find(
      (e) => e.commentId === id,
    );
    expect(entry).toMatchObject({ action: 'approve', byName: 'alice (via email)' });
  });

  test('a second POST of the same link is refused as already used', async () => {
    const again = expectStatus(await postForm('/v1/notify/action', { token: tokenOf(approveLink) }), 409);
    expect(again.text).toContain('This link was already used.');
  });

  test('a tampered or missing token gets a clear page, not a 500', async () => {
    const bad = expectStatus(await rig.api.request('GET', '/v1/notify/action?token=nonsense'), 400);
    expect(bad.text).toContain('This link is not valid.');
    expectStatus(await rig.api.request('GET', '/v1/notify/action'), 400);
    expectStatus(await postForm('/v1/notify/action', {}), 400);
  });

  test('a page speaks the language of ?lang=, else of Accept-Language', async () => {
    const de = await rig.api.request('GET', `${approveLink}&lang=de`);
    expect(de.text).toContain('<html lang="de"');
    const fr = await rig.api.request('GET', approveLink, {
      headers: { 'accept-language': 'xx, fr-CA;q=0.8, en;q=0.5' },
    });
    expect(fr.text).toContain('<html lang="fr"');
  });
});

describe('a reader who opts in to reply notifications', () => {
  const reader = `reader-${Date.now()}@example.net`;
  const others = ['ann@example.org', 'bob@example.org'];
  let parentId: string;
  const toReader = async () => (await sentMail(rig.ses.url)).filter(to(reader));
  const approvedReply = async (body: string, email: string) => {
    const reply = (await post(rig.api, { parentId, body, author: { name: 'Other', email } })).comment.id;
    expectStatus(await moderate(rig.api, reply), 200);
    await rig.poller.drain();
    return reply;
  };

  beforeAll(async () => {
    parentId = (await post(rig.api, { notifyReplies: true, author: { name: 'Rae', email: reader } })).comment.id;
    expectStatus(await moderate(rig.api, parentId), 200);
  });

  test('gets one confirmation mail, and before confirming an approved reply sends them nothing', async () => {
    await waitForMail(rig.ses.url, (all) => all.some(to(reader)));
    await approvedReply(`Too early ${Date.now()}`, others[0]!);
    expect(await toReader()).toHaveLength(1);
  });

  test('the confirmation page changes nothing; its POST confirms; then a reply sends one mail with both RFC 8058 headers', async () => {
    const confirmLink = linkIn((await toReader())[0]!, '/v1/notify/confirm');
    const page = expectStatus(await rig.api.request('GET', confirmLink), 200);
    expect(page.text).toContain('<form method="post" action="confirm">');
    await approvedReply(`Still early ${Date.now()}`, others[0]!);
    expect(await toReader()).toHaveLength(1);

    expect(expectStatus(await postForm('/v1/notify/confirm', { token: tokenOf(confirmLink) }), 200).text).toContain(
      'Confirmed',
    );
    const text = `Welcome reply ${Date.now()}`;
    await approvedReply(text, others[1]!);
    const mails = (await toReader()).filter(mentioning(text));
    expect(mails).toHaveLength(1);
    const headers = Object.fromEntries((mails[0]!.headers ?? []).map((h) => [h.name, h.value]));
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toMatch(/^<.+\/v1\/notify\/unsubscribe\?token=.+>$/);
  });

  test("POST List-Unsubscribe=One-Click to the header's URL answers 200, and the next approved reply sends nothing", async () => {
    const latest = (await toReader()).at(-1)!;
    const header = (latest.headers ?? []).find((h) => h.name === 'List-Unsubscribe')!.value.slice(1, -1);
    const url = new URL(header);
    const footerPage = expectStatus(await rig.api.request('GET', `${url.pathname}${url.search}`), 200);
    expect(footerPage.text).toContain('action="unsubscribe"');
    const oneClick = await rig.api.request('POST', `${url.pathname}${url.search}`, {
      body: 'List-Unsubscribe=One-Click',
      headers: FORM,
    });
    expectStatus(oneClick, 200);
    const before = (await toReader()).length;
    await approvedReply(`After unsubscribing ${Date.now()}`, others[0]!);
    expect(await toReader()).toHaveLength(before);
  });

  test("no mail contains another reader's email address or any comment's IP hash", async () => {
    const all = await sentMail(rig.ses.url);
    const secrets: string[] = [...others, 'pat@example.net'];
    for (const mail of all) {
      const content = `${mail.subject}${mail.body.text}${mail.body.html}${JSON.stringify(mail.headers ?? [])}`;
      for (const hash of await ipHashesOf(content)) expect(content).not.toContain(hash);
      for (const address of secrets.filter((a) => !mail.destination.to.includes(a)))
        expect(content).not.toContain(address);
      if (!mail.destination.to.includes(reader)) expect(content).not.toContain(reader);
    }
  });
});

/** The IP hashes of the comments a mail names (by their ids in its links and text). */
const ipHashesOf = async (content: string): Promise<string[]> => {
  const ids = new Set(content.match(/[0-9A-HJKMNP-TV-Z]{26}/g) ?? []);
  const hashes: string[] = [];
  for (const id of ids) {
    const hash = (await getComment(id))?.ipHash;
    if (hash) hashes.push(hash);
  }
  return hashes;
};

describe('asking for reply notifications directly', () => {
  test('answers 202 alike for a new and a known address, and mails one confirmation', async () => {
    const address = `new-${Date.now()}@example.net`;
    expectStatus(await rig.api.request('POST', '/v1/notify/subscribe', { body: { email: address } }), 202);
    expectStatus(await rig.api.request('POST', '/v1/notify/subscribe', { body: { email: address } }), 202);
    await waitForMail(rig.ses.url, (all) => all.some(to(address)));
    await rig.poller.drain();
    expect((await sentMail(rig.ses.url)).filter(to(address))).toHaveLength(1);
  });

  test('a malformed address is a 400 naming the field', async () => {
    const bad = expectStatus(await rig.api.request('POST', '/v1/notify/subscribe', { body: { email: 'nope' } }), 400);
    expect(bad.json.error.fields).toHaveProperty('email');
  });
});

describe("a moderator's mail setting", () => {
  test('is digest until set to off, and answers 400 for another mode and 401 without a token', async () => {
    const auth = { authorization: `Bearer ${await rig.api.moderatorToken('carol')}` };
    const path = '/v1/admin/me/notifications';
    expect(expectStatus(await rig.api.request('GET', path, { headers: auth }), 200).json).toEqual({ mode: 'digest' });
    expectStatus(await rig.api.request('PUT', path, { headers: auth, body: { mode: 'off' } }), 200);
    expect(expectStatus(await rig.api.request('GET', path, { headers: auth }), 200).json).toEqual({ mode: 'off' });
    expectStatus(await rig.api.request('PUT', path, { headers: auth, body: { mode: 'weekly' } }), 400);
    expectStatus(await rig.api.request('GET', path), 401);
  });
});

describe("a reader's own data, from a mailed my-data link", () => {
  const reader = `mine-${Date.now()}@example.net`;
  const other = `theirs-${Date.now()}@example.net`;
  let mine: string[];
  let theirs: string;
  let link: string;

  beforeAll(async () => {
    mine = [
      (await post(rig.api, { body: 'My first words', author: { name: 'Mo', email: reader } })).comment.id,
      (await post(rig.api, { body: 'My second words', author: { name: 'Mo', email: reader } })).comment.id,
    ];
    expectStatus(await moderate(rig.api, mine[0]!), 200);
    theirs = (await post(rig.api, { body: 'Not yours', author: { name: 'Ot', email: other } })).comment.id;
  });

  test('asking answers 202 alike; only an address with comments gets a link', async () => {
    const nobody = `nobody-${Date.now()}@example.net`;
    for (const email of [reader, nobody])
      expectStatus(await rig.api.request('POST', '/v1/notify/my-data-link', { body: { email } }), 202);
    const mails = await waitForMail(rig.ses.url, (all) => all.some(to(reader) && mentioning('/v1/notify/my-data')));
    link = linkIn(mails.filter(to(reader)).find(mentioning('/v1/notify/my-data'))!, '/v1/notify/my-data');
    await rig.poller.drain();
    expect((await sentMail(rig.ses.url)).filter(to(nobody))).toHaveLength(0);
  });

  test('the page changes nothing; the download POST lists their comments and nobody else’s, and is audited', async () => {
    const page = expectStatus(await rig.api.request('GET', link), 200);
    expect(page.text).toContain('action="my-data/download"');
    expect(page.text).toContain('action="my-data/erase"');
    const data = expectStatus(await postForm('/v1/notify/my-data/download', { token: tokenOf(link) }), 200).json;
    expect(data.comments.map((c: { id: string }) => c.id).sort()).toEqual([...mine].sort());
    expect(data.comments.find((c: { id: string }) => c.id === mine[0])).toMatchObject({
      status: 'approved',
      text: 'My first words',
    });
    expect(JSON.stringify(data)).not.toContain(other);
    const auth = { authorization: `Bearer ${await rig.api.moderatorToken()}` };
    const audit = expectStatus(await rig.api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200);
    expect(audit.json.entries.some((e: { action: string }) => e.action === 'reader-export')).toBe(true);
  });

  test('the erase POST erases all their comments, each audited as the reader’s, and leaves others alone', async () => {
    const done = expectStatus(await postForm('/v1/notify/my-data/erase', { token: tokenOf(link) }), 200);
    expect(done.text).toContain('Comments erased: 2.');
    for (const id of mine) expect([undefined, 'erased']).toContain((await getComment(id))?.status);
    expect((await getComment(theirs))?.status).toBe('pending');
    const auth = { authorization: `Bearer ${await rig.api.moderatorToken()}` };
    const audit = expectStatus(await rig.api.request('GET', '/v1/admin/audit?limit=100', { headers: auth }), 200);
    const erasures = audit.json.entries.filter(
      (e: { action: string; commentId: string }) => e.action === 'erase' && mine.includes(e.commentId),
    );
    expect(erasures.map((e: { by: string }) => e.by)).toEqual(['reader (via email)', 'reader (via email)']);
  });

  test('a tampered link downloads nothing: a 400', async () => {
    expectStatus(await postForm('/v1/notify/my-data/download', { token: 'x.y' }), 400);
    expectStatus(await postForm('/v1/notify/my-data/erase', { token: 'x.y' }), 400);
  });
});
