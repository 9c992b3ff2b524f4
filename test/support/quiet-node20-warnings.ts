/**
 * Tests run on Node 20; the deployed functions on Node 22. Two dependencies say so on every start,
 * and in tests only those exact notices are silenced; every other warning still shows.
 * - The AWS SDK warns, once per process, that versions from 2027 will need Node 22. Its own switch
 *   turns off exactly that warning (see emitWarningIfUnsupportedVersion in @aws-sdk/core).
 * - oidc-provider (the local sign-in service) warns that Node 20 is not a runtime it supports, and
 *   that its in-memory store is for development, which the local stand-in is. It has no switch, so
 *   console.warn drops those two lines.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const OIDC_PROVIDER_NOTICES = [
  'oidc-provider WARNING: Unsupported runtime.',
  'oidc-provider WARNING: a quick start development-only in-memory adapter is used',
];
const warn = console.warn.bind(console);
// The notice may be wrapped in terminal colour codes.
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');
console.warn = (...args: unknown[]): void => {
  const first = args[0];
  if (typeof first === 'string' && OIDC_PROVIDER_NOTICES.some((notice) => plain(first).startsWith(notice))) return;
  warn(...args);
};

export {};
