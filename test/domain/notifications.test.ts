import { createHmac } from 'node:crypto';
import type { CommentRecord } from '../../shared/domain/comment';
import { digestMail, mailComment, replyMail } from '../../shared/domain/notifications/mail-content';
import { implicationsOf, shouldNotifyParent } from '../../shared/domain/notifications/stream-change';
import { signToken, verifyToken } from '../../shared/domain/notifications/tokens';
import { webhookHeaders } from '../../shared/domain/notifications/webhook-signature';
import { lambdaFilterCriteria, matchesFilter, statusChanged } from '../../shared/notify/stream-filter';

const comment = (overrides: Partial<CommentRecord> = {}): CommentRecord => ({
  id: 'c1',
  post: 'posts/hello',
  parentId: null,
  depth: 0,
  path: 'c1',
  status: 'pending',
  authorName: 'Terri',
  authorEmail: 'terri@example.org',
  authorWebsite: null,
  avatar: null,
  authorKey: 'key-terri',
  emailKey: 'email-terri',
  body: 'Hello there',
  html: '<p>Hello there</p>',
  ipHash: 'ip-hash-of-terri',
  userAgent: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  editableUntil: '2026-01-01T00:15:00.000Z',
  editTokenHash: null,
  notifyReplies: false,
  spamScore: 0,
  spamReasons: [],
  moderation: [],
  version: 1,
  inThread: false,
  proposedTitle: null,
  proposedUrl: null,
  idempotencyKeyHash: null,
  recentHash: null,
  expiresAt: null,
  ...overrides,
});

const streamRecord = (eventName: string, type: string, status: string, oldStatus?: string) => ({
  eventName,
  dynamodb: {
    NewImage: { type: { S: type }, status: { S: status } },
    ...(oldStatus ? { OldImage: { type: { S: type }, status: { S: oldStatus } } } : {}),
  },
});

describe('stream filter', () => {
  test('passes comment inserts and changes to pending, spam or approved, and nothing else', () => {
    expect(matchesFilter(streamRecord('INSERT', 'comment', 'pending'))).toBe(true);
    expect(matchesFilter(streamRecord('MODIFY', 'comment', 'approved', 'pending'))).toBe(true);
    expect(matchesFilter(streamRecord('MODIFY', 'comment', 'rejected', 'pending'))).toBe(false);
    expect(matchesFilter(streamRecord('INSERT', 'sendMarker', 'pending'))).toBe(false);
    expect(matchesFilter(streamRecord('REMOVE', 'comment', 'approved'))).toBe(false);
  });

  test('gives Lambda the same patterns as JSON strings', () => {
    const [filter] = lambdaFilterCriteria().Filters;
    expect(JSON.parse(filter?.Pattern ?? '{}')).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { NewImage: { type: { S: ['comment'] }, status: { S: ['pending', 'spam', 'approved'] } } },
    });
  });

  test('treats an edit that keeps the status as no change', () => {
    expect(statusChanged(streamRecord('MODIFY', 'comment', 'pending', 'pending').dynamodb)).toBe(false);
    expect(statusChanged(streamRecord('INSERT', 'comment', 'pending').dynamodb)).toBe(true);
  });
});

describe('implications of a change', () => {
  test('a reply becoming approved notifies the parent and fires comment.approved', () => {
    const reply = comment({ id: 'r1', parentId: 'c1', status: 'approved' });
    expect(implicationsOf(comment({ id: 'r1', parentId: 'c1' }), reply).map((i) => i.kind)).toEqual([
      'reply-notification',
      'webhook',
    ]);
  });

  test('a new spam comment asking for replies queues a digest entry but no confirmation mail', () => {
    const kinds = implicationsOf(null, comment({ status: 'spam', notifyReplies: true })).map((i) => i.kind);
    expect(kinds).toEqual(['moderator-digest']);
  });

  test('never notifies readers of their own reply, nor of unconfirmed or unapproved ones', () => {
    const parent = comment({ status: 'approved', notifyReplies: true });
    const other = comment({ id: 'r', status: 'approved', authorKey: 'key-other', emailKey: 'email-other' });
    expect(shouldNotifyParent(other, parent, 'confirmed')).toBe(true);
    expect(shouldNotifyParent({ ...other, emailKey: 'email-terri' }, parent, 'confirmed')).toBe(false);
    expect(shouldNotifyParent(other, parent, 'pending')).toBe(false);
    expect(shouldNotifyParent({ ...other, status: 'pending' }, parent, 'confirmed')).toBe(false);
  });
});

describe('mail content', () => {
  test('carries neither the author email nor the IP hash', () => {
    const c = mailComment(comment());
    const links = { approve: 'https://a', reject: 'https://r', spam: 'https://s' };
    for (const mail of [digestMail('Blog', [{ comment: c, links }]), replyMail('Blog', c, 'u', 'v', 'w')]) {
      const all = JSON.stringify(mail);
      expect(all).not.toContain('terri@example.org');
      expect(all).not.toContain('ip-hash-of-terri');
      expect(all).toContain('Hello there');
    }
  });

  test('escapes comment text in the HTML part', () => {
    const mail = digestMail('Blog', [
      {
        comment: mailComment(comment({ body: '<script>x</script>' })),
        links: { approve: 'a', reject: 'r', spam: 's' },
      },
    ]);
    expect(mail.html).not.toContain('<script>');
  });
});

describe('signed tokens', () => {
  const secret = 'test-secret';
  test('verify within their lifetime and not after', () => {
    const token = signToken(secret, 'moderator-action', { sub: 'c1', by: 'alice', action: 'approve' }, 60, 1000);
    expect(verifyToken(secret, 'moderator-action', token, 1059)).toMatchObject({ ok: true, claims: { sub: 'c1' } });
    expect(verifyToken(secret, 'moderator-action', token, 1060)).toEqual({ ok: false, reason: 'expired' });
  });

  test('do not pass for another purpose, another secret or a changed payload', () => {
    const token = signToken(secret, 'confirm', { sub: 'h' }, 60, 1000);
    expect(verifyToken(secret, 'unsubscribe', token, 1000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('other', 'confirm', token, 1000)).toEqual({ ok: false, reason: 'invalid' });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'x', exp: 9e9, nonce: 'n' })).toString('base64url')}.${signature}`;
    expect(verifyToken(secret, 'confirm', forged, 1000)).toEqual({ ok: false, reason: 'invalid' });
  });
});

test('webhook signatures follow Standard Webhooks: v1, base64 HMAC-SHA256 of id.timestamp.body', () => {
  const key = Buffer.from('0123456789abcdef0123456789abcdef');
  const secret = `whsec_${key.toString('base64')}`;
  const body = '{"type":"comment.approved"}';
  const expected = createHmac('sha256', key).update(`msg_1.1700000000.${body}`).digest('base64');
  expect(webhookHeaders(secret, 'msg_1', 1700000000, body)).toEqual({
    'webhook-id': 'msg_1',
    'webhook-timestamp': '1700000000',
    'webhook-signature': `v1,${expected}`,
  });
});
