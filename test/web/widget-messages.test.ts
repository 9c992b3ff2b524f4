/** The widget's reader-facing error sentences come from the catalogue, one per API error code. */
import { ApiError } from '../../web/src/api';
import { errorMessage } from '../../web/src/i18n';

const CODES = [
  'validation_failed',
  'invalid_json',
  'invalid_cursor',
  'unauthorized',
  'forbidden',
  'edit_window_closed',
  'thread_locked',
  'reactions_off',
  'not_found',
  'post_not_found',
  'idempotency_conflict',
  'conflict',
  'payload_too_large',
  'headers_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'network',
];

test('every error code of API.md, and a network failure, has its own sentence, never the server text', () => {
  const unknown = errorMessage(new ApiError('something_new', 500, ''));
  expect(unknown).toBe('Something went wrong (something_new). Please try again.');
  for (const code of CODES) {
    const text = errorMessage(new ApiError(code, 400, '<b>echo</b>'));
    expect(text).not.toBe(unknown);
    expect(text).not.toContain('Something went wrong'); // a code without its own message falls back to that
    expect(text).not.toContain('error_');
    expect(text).not.toContain('<b>');
  }
  expect(errorMessage(new Error('boom'))).toBe('Something went wrong. Please try again.');
});

test('waiting times are written with their plural form, or "a moment" when the server names none', () => {
  expect(errorMessage(new ApiError('rate_limited', 429, '', {}, 1))).toContain('wait 1 second and');
  expect(errorMessage(new ApiError('rate_limited', 429, '', {}, 30))).toContain('wait 30 seconds');
  expect(errorMessage(new ApiError('unavailable', 503, '', {}, null))).toContain('try again in a moment');
});
