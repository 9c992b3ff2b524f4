import type { ApiRequest } from './api-request';

/** The feed's own URL as the client reached it (Atom's rel="self"). */
export const feedUrl = (req: ApiRequest, post: string | undefined): string => {
  const host = req.headers.host ?? 'localhost';
  const scheme =
    req.headers['x-forwarded-proto'] === 'http' || host.startsWith('localhost') || host.startsWith('127.')
      ? 'http'
      : 'https';
  return `${scheme}://${host}/v1/feed${post ? `?post=${encodeURIComponent(post)}` : ''}`;
};
