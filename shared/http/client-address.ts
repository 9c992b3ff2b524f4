/**
 * Which address a request comes from, decided in one place for everything keyed on it (the rate
 * windows, the `ipHash` moderators see, blocks by client).
 *
 * Deployed behind CloudFront, API Gateway's `sourceIp` is a CloudFront edge server, shared by
 * thousands of readers; CloudFront names the reader in `CloudFront-Viewer-Address` ("ip:port").
 * Anyone can send that header straight to the execute-api URL, so it is believed only on requests
 * that also carry `X-Origin-Verify` with the secret CloudFront adds on its way to the origin
 * (`ORIGIN_VERIFY_SECRET`, set on the functions by the stack). Every other request is keyed on
 * the address API Gateway saw, which its sender cannot choose.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { ApiRequest } from './api-request';

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time, whatever the lengths: the secret must not leak one byte per guess. */
const sameSecret = (sent: string | undefined, secret: string): boolean =>
  sent !== undefined && timingSafeEqual(digest(sent), digest(secret));

/** `198.51.100.10:46532` or `2001:db8::1:46532` -> the address; anything else -> undefined. */
export const viewerIp = (value: string | undefined): string | undefined => {
  const cut = value?.trim().lastIndexOf(':') ?? -1;
  if (value === undefined || cut <= 0) return undefined;
  const ip = value
    .trim()
    .slice(0, cut)
    .replace(/^\[|\]$/g, '');
  return isIP(ip) ? ip : undefined;
};

export const clientAddress = (
  req: Pick<ApiRequest, 'headers' | 'sourceIp'>,
  originSecret: string | undefined = process.env.ORIGIN_VERIFY_SECRET,
): string => {
  if (!originSecret || !sameSecret(req.headers[ORIGIN_VERIFY_HEADER], originSecret)) return req.sourceIp;
  return viewerIp(req.headers[VIEWER_ADDRESS_HEADER]) ?? req.sourceIp;
};
