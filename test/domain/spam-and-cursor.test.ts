import { decodeCursor, encodeCursor, isString } from '../../shared/domain/cursor';
import { assessSpam, duplicateFingerprint } from '../../shared/domain/spam';
import { AppError } from '../../shared/errors';

const settings = { maxLinks: 3, blockedWords: ['viagra'], minSubmitMillis: 3000 };
const clean = { honeypot: '', text: 'A thoughtful remark', linkCount: 0, elapsedMs: 60_000, isDuplicate: false };

test('a clean comment has no spam reasons', () => {
  expect(assessSpam(clean, settings)).toEqual({ score: 0, reasons: [], verdict: 'clean' });
});

test('soft signals hold, hard signals mark spam, and reasons accumulate', () => {
  expect(assessSpam({ ...clean, linkCount: 4, isDuplicate: true }, settings)).toEqual({
    score: 1,
    reasons: ['links:4', 'duplicate'],
    verdict: 'hold',
  });
  expect(assessSpam({ ...clean, elapsedMs: 500 }, settings).verdict).toBe('hold');
  expect(assessSpam({ ...clean, honeypot: 'x' }, settings).verdict).toBe('spam');
  expect(assessSpam({ ...clean, text: 'buy VIAGRA' }, settings).reasons).toEqual(['blocked:viagra']);
});

test('duplicate fingerprints ignore case, spacing and punctuation', () => {
  expect(duplicateFingerprint('Great post!!  Thanks.')).toBe(duplicateFingerprint('great post thanks'));
  expect(duplicateFingerprint('great post')).not.toBe(duplicateFingerprint('great posts'));
});

test('a cursor decodes only with the same secret and scope', () => {
  const cursor = encodeCursor('s1', 'thread\0p\0oldest', 'K~');
  expect(decodeCursor('s1', 'thread\0p\0oldest', cursor, isString)).toBe('K~');
  for (const [secret, scope] of [
    ['s2', 'thread\0p\0oldest'],
    ['s1', 'thread\0q\0oldest'],
    ['s1', 'thread\0p\0newest'],
  ]) {
    expect(() => decodeCursor(secret!, scope!, cursor, isString)).toThrow(AppError);
  }
});
